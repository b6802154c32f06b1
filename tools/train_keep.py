"""Train the keep model (boilerstrip/data/keep-html.json): gradient-boosted trees that
decide, block by block, what of an HTML page is its content (boilerstrip/keep.py).

Data: the WCXB development pages (../shared/bench/wcxb, 1,497 pages of seven kinds,
human-reviewed main content) and the Scrapinghub news pages (../shared/bench/
scrapinghub, 181). Each page is cleaned with the keep model off; every block's
features are `keep.rows` of the page as the reducer leaves it, and its target is
whether most of its 4-gram shingles are in the page's gold text. The held-out parts
of `bench/splits.py` (a quarter of the WCXB domains, the Scrapinghub ids c-f) are
never trained on: the script reports the WCXB metric (mean per-page word F1) on them.

LightGBM with a fixed seed, one thread and deterministic training: the same data
gives the same trees. The trees are exported flat (`keep.Forest`), with LightGBM's
own prediction checked against `keep.probability` on every held-out block.

    python tools/train_keep.py [--rounds 60] [--leaves 31] [--out boilerstrip/data] [--cache rows.pkl]
"""

from __future__ import annotations

import argparse
import gzip
import json
import multiprocessing
import pathlib
import pickle
import re
import sys
from collections import Counter
from typing import Any

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from splits import scrapinghub_holdout, wcxb_holdout  # noqa: E402

import boilerstrip  # noqa: E402
from boilerstrip import keep, scorer  # noqa: E402
from boilerstrip.reduce import block_weights  # noqa: E402

SHARED = ROOT.parent / "shared" / "bench"
_TOKEN = re.compile(r"\w+")
SCRAPINGHUB_WEIGHT = 10.0  # its pages are news only: weighed up so news stays first
DISABLED: list[str] = []  # detectors left out (--disable), for trying a variant

Page = tuple[str, str, bool, str, bytes, str | None]  # id, set, held out, gold, html, url


def pages() -> list[Page]:
    out: list[Page] = []
    for line in (SHARED / "wcxb" / "truth.jsonl").read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        html = gzip.decompress((SHARED / "wcxb" / "html" / f"{rec['id']}.html.gz").read_bytes())
        out.append(
            (rec["id"], rec["page_type"], wcxb_holdout(rec["domain"]), rec["main_content"], html, rec["url"])
        )
    truth = json.loads((SHARED / "scrapinghub" / "ground-truth.json").read_text(encoding="utf-8"))
    for pid, rec in sorted(truth.items()):
        html = gzip.decompress((SHARED / "scrapinghub" / "html" / f"{pid}.html.gz").read_bytes())
        out.append((pid, "scrapinghub", scrapinghub_holdout(pid), rec["articleBody"], html, rec.get("url")))
    return out


def _shingles(text: str) -> tuple[Counter[tuple[str, ...]], list[str]]:
    t = _TOKEN.findall(text.lower())
    return Counter(tuple(t[i : i + 4]) for i in range(max(len(t) - 3, 0))), t


def _target(text: str, gold: Counter[tuple[str, ...]], gold_words: set[str]) -> tuple[float, float]:
    """(in the gold or not, weight by size in shingles)."""
    sh, tokens = _shingles(text)
    n = sum(sh.values())
    if n == 0:
        return (1.0 if tokens and all(t in gold_words for t in tokens) else 0.0), 1.0
    return (1.0 if sum((sh & gold).values()) / n >= 0.5 else 0.0), float(min(n, 100))


def page_rows(page: Page) -> tuple[list[list[float]], list[float], list[float], list[str]]:
    """(features, targets, weights, texts) of every block of one page."""
    _, _, _, gold, html, url = page
    cfg = boilerstrip.Config(keep_html="", disabled=frozenset(DISABLED))
    result = boilerstrip.Cleaner(cfg).clean(html, url=url)
    blocks = result.blocks
    main, typical = scorer.page_context(blocks)
    x = keep.rows(blocks, block_weights(blocks, cfg), typical, main, cfg.good_min_words, result.page_type)
    sh, tokens = _shingles(gold)
    targets = [_target(b.text, sh, set(tokens)) for b in blocks]
    return x, [t for t, _ in targets], [w for _, w in targets], [b.text for b in blocks]


def word_f1(predicted: str, gold: str) -> float:
    """WCXB's page metric: bag-of-words F1 of lowercased \\w+ tokens."""
    a, b = Counter(_TOKEN.findall(predicted.lower())), Counter(_TOKEN.findall(gold.lower()))
    if not b:
        return 1.0 if not a else 0.0
    overlap = sum((a & b).values())
    if not overlap:
        return 0.0
    p, r = overlap / sum(a.values()), overlap / sum(b.values())
    return 2 * p * r / (p + r)


def export(booster: Any) -> dict[str, Any]:
    """The trees as flat arrays (`keep.Forest`)."""
    feature: list[int] = []
    threshold: list[float] = []
    left: list[int] = []
    right: list[int] = []
    value: list[float] = []

    def add(node: dict[str, Any]) -> int:
        k = len(feature)
        feature.append(-1)
        threshold.append(0.0)
        left.append(-1)
        right.append(-1)
        value.append(0.0)
        if "leaf_value" in node:
            value[k] = round(float(node["leaf_value"]), 6)
            return k
        if node["decision_type"] != "<=":
            raise ValueError(f"unexpected split {node['decision_type']}")
        feature[k] = int(node["split_feature"])
        threshold[k] = float(node["threshold"])
        left[k] = add(node["left_child"])
        right[k] = add(node["right_child"])
        return k

    dump = booster.dump_model()
    roots = [add(tree["tree_structure"]) for tree in dump["tree_info"]]
    return {"features": list(keep.FEATURES), "base": 0.0, "roots": roots, "feature": feature,
            "threshold": threshold, "left": left, "right": right, "value": value}  # fmt: skip


def main() -> None:
    import lightgbm as lgb

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=60)
    parser.add_argument("--leaves", type=int, default=31)
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument("--out", type=pathlib.Path, default=ROOT / "boilerstrip" / "data")
    parser.add_argument("--news-weight", type=float, default=SCRAPINGHUB_WEIGHT)
    parser.add_argument("--cache", type=pathlib.Path, help="keep the page rows here between runs (a pickle)")
    parser.add_argument("--disable", action="append", default=[], help="train with this detector off")
    args = parser.parse_args()
    DISABLED.extend(args.disable)
    data = pages()
    if args.cache and args.cache.exists():
        rows = pickle.loads(args.cache.read_bytes())
    else:
        with multiprocessing.Pool(2) as pool:
            rows = pool.map(page_rows, data, chunksize=8)
        if args.cache:
            args.cache.write_bytes(pickle.dumps(rows))
    train = [(p, r) for p, r in zip(data, rows, strict=True) if not p[2]]
    x = np.array([v for _, r in train for v in r[0]], dtype=float)
    y = np.array([v for _, r in train for v in r[1]])
    w = np.array([v * (args.news_weight if p[1] == "scrapinghub" else 1.0) for p, r in train for v in r[2]])
    params = {"objective": "binary", "learning_rate": 0.1, "num_leaves": args.leaves, "min_data_in_leaf": 50,
              "feature_fraction": 0.8, "bagging_fraction": 0.8, "bagging_freq": 1, "seed": 1,
              "deterministic": True, "num_threads": 1, "verbose": -1}  # fmt: skip
    booster = lgb.train(params, lgb.Dataset(x, y, weight=w), num_boost_round=args.rounds)
    model = export(booster)
    forest = keep.read(json.dumps(model))
    report(data, rows, booster, forest, args.threshold)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "keep-html.json").write_text(
        json.dumps(model, separators=(",", ":")) + "\n", encoding="utf-8"
    )
    print(f"wrote {args.out / 'keep-html.json'}: {len(model['roots'])} trees, {len(model['feature'])} nodes")


def report(data: list[Page], rows: list[Any], booster: Any, forest: keep.Forest, threshold: float) -> None:
    """Mean page F1 by set and part, with the model and without it (the pipeline's
    own ARTICLE blocks); checks the exported trees give LightGBM's probabilities."""
    scores: dict[tuple[str, bool, str], list[float]] = {}
    kept_index = keep.FEATURES.index("kept")
    for page, (x, _, _, texts) in zip(data, rows, strict=True):
        probabilities = [keep.probability(forest, r) for r in x]
        if x and page[2]:
            expected = booster.predict(np.array(x, dtype=float))
            assert np.allclose(expected, probabilities, atol=1e-5), page[0]
        ours = "\n".join(t for t, p in zip(texts, probabilities, strict=True) if p > threshold)
        before = "\n".join(t for t, r in zip(texts, x, strict=True) if r[kept_index])
        kind = "scrapinghub" if page[1] == "scrapinghub" else "wcxb"
        for system, text in (("keep", ours), ("pipeline", before)):
            for group in (kind, f"{kind}:{page[1]}") if kind == "wcxb" else (kind,):
                scores.setdefault((group, page[2], system), []).append(word_f1(text, page[3]))
    for group in sorted({g for g, _, _ in scores}):
        cells = []
        for held in (False, True):
            for system in ("pipeline", "keep"):
                vals = scores.get((group, held, system), [])
                cells.append(f"{np.mean(vals):.3f}" if vals else "-")
        print(f"{group:28s} tune {cells[0]} -> {cells[1]}   held-out {cells[2]} -> {cells[3]}")


if __name__ == "__main__":
    main()
