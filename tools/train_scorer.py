"""Train the block scorers (boilerstrip/data/scorer-html.json, scorer-text.json) on the
development pages.

Data: ../shared/bench/scrapinghub (181 pages: HTML and both text-dump styles, with
human-written article bodies). A block's target is whether most of its 4-gram shingles
are in the article body. Pages whose id starts with c, d, e or f are held out: the
script reports the held-out log loss and accuracy, and the benchmark scripts report F1
on the same split, so only gains that hold there are kept.

Logistic regression, L2-regularised, full-batch gradient descent with a fixed number of
steps and no randomness: the same data gives the same weights. Needs numpy (a dev
dependency; the library itself runs the model in pure Python).

    python tools/train_scorer.py [path/to/scrapinghub] [html] [text] [--out DIR]

Only the HTML model ships: on text dumps the hand-set classes still score better.
"""

from __future__ import annotations

import argparse
import gzip
import json
import pathlib
import re
import sys
from collections import Counter

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import boilerstrip  # noqa: E402
from boilerstrip import detectors as D  # noqa: E402
from boilerstrip import scorer  # noqa: E402

L2 = 1e-3
STEPS = 3000
RATE = 0.5
_TOKEN = re.compile(r"\w+")


def is_holdout(page_id: str) -> bool:
    return page_id[0] in "cdef"


def shingles(text: str) -> Counter[tuple[str, ...]]:
    t = _TOKEN.findall(text)
    return Counter(tuple(t[i : i + 4]) for i in range(max(len(t) - 3, 0)))


def target(text: str, truth_shingles: Counter[tuple[str, ...]], truth_norm: str) -> tuple[float, float]:
    """(label, weight): in the truth or not, weighted by the block's size in shingles."""
    sh = shingles(text)
    n = sum(sh.values())
    if n == 0:
        return (1.0 if " ".join(text.split()) in truth_norm else 0.0), 1.0
    return (1.0 if sum((sh & truth_shingles).values()) / n >= 0.5 else 0.0), float(min(n, 100))


def examples(
    data: pathlib.Path, modes: tuple[str, ...]
) -> tuple[list[dict[str, float]], list[float], list[float], list[bool]]:
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    cfg = boilerstrip.Config()
    before_content = cfg.detectors[: cfg.detectors.index("content")]
    cleaner = boilerstrip.Cleaner(cfg.replace(detectors=before_content, scorer_text="", scorer_html=""))
    xs, ys, ws, held = [], [], [], []
    for pid in sorted(truth):
        body = truth[pid]["articleBody"]
        gt_sh, gt_norm = shingles(body), " ".join(body.split())
        for mode in modes:
            if mode == "html":
                page: bytes | str = gzip.decompress((data / "html" / f"{pid}.html.gz").read_bytes())
            else:
                page = (data / mode / f"{pid}.txt").read_text(encoding="utf-8")
            prepared = cleaner.prepare(page)
            D.run(cleaner.detectors, prepared)
            blocks = prepared.blocks
            main, typical = scorer.page_context(blocks)
            for i, heuristic in D.heuristic_classes(prepared).items():
                b = blocks[i]
                y, w = target(b.text, gt_sh, gt_norm)
                xs.append(scorer.block_features(blocks, i, main, typical, heuristic))
                ys.append(y)
                ws.append(w)
                held.append(is_holdout(pid))
    return xs, ys, ws, held


def train(x: np.ndarray, y: np.ndarray, w: np.ndarray) -> np.ndarray:
    theta = np.zeros(x.shape[1])
    w = w / w.sum()
    for _ in range(STEPS):
        p = 1 / (1 + np.exp(-(x @ theta)))
        grad = x.T @ (w * (p - y)) + L2 * np.r_[0.0, theta[1:]]
        theta -= RATE * grad
    return theta


def evaluate(x: np.ndarray, y: np.ndarray, w: np.ndarray, theta: np.ndarray) -> tuple[float, float]:
    p = np.clip(1 / (1 + np.exp(-(x @ theta))), 1e-9, 1 - 1e-9)
    loss = float(-(w * (y * np.log(p) + (1 - y) * np.log(1 - p))).sum() / w.sum())
    acc = float((w * ((p >= 0.5) == (y == 1))).sum() / w.sum())
    return loss, acc


def main() -> None:
    parser = argparse.ArgumentParser(description="Train boilerstrip's block scorers.")
    parser.add_argument(
        "data", nargs="?", type=pathlib.Path, default=ROOT.parent / "shared" / "bench" / "scrapinghub"
    )
    parser.add_argument("kinds", nargs="*", help="html (default) and/or text")
    parser.add_argument("--out", type=pathlib.Path, default=ROOT / "boilerstrip" / "data")
    args = parser.parse_args()
    modes = {"html": ("html",), "text": ("text-seedlike", "text-wet")}
    for kind in args.kinds or ["html"]:
        fit(args.data, args.out / f"scorer-{kind}.json", modes[kind])


def fit(data: pathlib.Path, out: pathlib.Path, modes: tuple[str, ...]) -> None:
    """Train one model on the given page modes and write it to boilerstrip/data/NAME."""
    xs, ys, ws, held = examples(data, modes)
    out.parent.mkdir(parents=True, exist_ok=True)
    names = ["bias", *sorted({k for x in xs for k in x})]
    index = {n: j for j, n in enumerate(names)}
    matrix = np.zeros((len(xs), len(names)))
    matrix[:, 0] = 1.0
    for r, x in enumerate(xs):
        for k, v in x.items():
            matrix[r, index[k]] = v
    y, w, h = np.array(ys), np.array(ws), np.array(held)
    theta = train(matrix[~h], y[~h], w[~h])
    for part, mask in (("tune", ~h), ("holdout", h)):
        loss, acc = evaluate(matrix[mask], y[mask], w[mask], theta)
        print(f"{out.name} {part}: {mask.sum()} blocks, log loss {loss:.4f}, weighted accuracy {acc:.4f}")
    weights = {n: round(float(t), 4) for n, t in zip(names, theta, strict=True) if abs(t) >= 1e-4}
    out.write_text(
        json.dumps(
            {
                "model": "logistic regression over boilerstrip.scorer.block_features",
                "trained_on": "shared/bench/scrapinghub, pages whose id does not start with c-f: "
                + ", ".join(modes),
                "weights": weights,
            },
            indent=1,
            sort_keys=True,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"wrote {out} ({len(weights)} weights)")


if __name__ == "__main__":
    main()
