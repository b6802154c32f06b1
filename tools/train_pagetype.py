"""Train the page-type classifier (boilerstrip/data/pagetype.json).

Data: the WCXB pages of the tuning domains (../shared/bench/wcxb, `page_type` in
truth.jsonl; the held-out quarter of the domains, bench/splits.py, is only scored),
plus the Scrapinghub pages and the multilingual set as articles (news pages all). The
features are `boilerstrip.pagetype.features` over the page's blocks once every
detector has labelled them. Each page is seen twice: with its URL and without (the
page's canonical link, if any, as `Cleaner.clean` reads it when no URL is given), so
that a page classifies with or without one.

Multinomial logistic regression, L2-regularised, on standardised features (folded
back into the weights, so the library reads raw values), full-batch gradient descent
with a fixed number of steps and no randomness: the same data gives the same weights.
Classes are weighted by the inverse square root of their frequency. Needs numpy.

    python tools/train_pagetype.py [--out boilerstrip/data/pagetype.json] [--cv]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import pathlib
import sys
from typing import Any

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from splits import registered_domain, wcxb_holdout  # noqa: E402

import boilerstrip  # noqa: E402
from boilerstrip import detectors as D  # noqa: E402
from boilerstrip import pagetype  # noqa: E402

SHARED = ROOT.parent / "shared" / "bench"
L2 = 3e-3
STEPS = 2000
RATE = 0.5
TYPES = pagetype.TYPES

# features, type index, group (registered domain), held out, URL variant ("canonical", "url")
Row = tuple[dict[str, float], int, str, bool, str]


def page_rows(
    cleaner: boilerstrip.Cleaner, page: bytes, url: str | None
) -> list[tuple[dict[str, float], str]]:
    """The page's features without its URL (its canonical link, if any, standing in)
    and with it (if known and not the same)."""
    prepared, markup = cleaner._prepare(page)
    D.run(cleaner.detectors, prepared)
    blocks = prepared.blocks
    types = markup.types if markup else []
    og = markup.og_type if markup else None
    canonical = markup.canonical_url if markup else None
    rows = [(pagetype.features(blocks, types, og, canonical), "canonical")]
    if url and url != canonical:
        rows.append((pagetype.features(blocks, types, og, url), "url"))
    return rows


def load(shared: pathlib.Path) -> list[Row]:
    cleaner = boilerstrip.Cleaner()
    rows: list[Row] = []
    for line in (shared / "wcxb" / "truth.jsonl").read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        page = gzip.decompress((shared / "wcxb" / "html" / f"{r['id']}.html.gz").read_bytes())
        group = registered_domain(r["domain"])
        for x, variant in page_rows(cleaner, page, r["url"]):
            rows.append((x, TYPES.index(r["page_type"]), group, wcxb_holdout(r["domain"]), variant))
    truth = json.loads((shared / "scrapinghub" / "ground-truth.json").read_text(encoding="utf-8"))
    for pid in sorted(truth):
        page = gzip.decompress((shared / "scrapinghub" / "html" / f"{pid}.html.gz").read_bytes())
        for x, variant in page_rows(cleaner, page, truth[pid].get("url")):
            rows.append((x, 0, "sh:" + registered_domain(truth[pid].get("url") or pid), False, variant))
    for line in (shared / "multilingual" / "expected.jsonl").read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        path = shared / "multilingual" / "pages" / f"{r['id']}.html"
        if path.exists():
            for x, variant in page_rows(cleaner, path.read_bytes(), r["url"]):
                group = "ml:" + (registered_domain(r["url"]) if r["url"] else r["id"])
                rows.append((x, 0, group, False, variant))
    return rows


def matrix(rows: list[Row], names: list[str]) -> np.ndarray:
    index = {n: i for i, n in enumerate(names)}
    x = np.zeros((len(rows), len(names)))
    for i, (feats, *_) in enumerate(rows):
        for k, v in feats.items():
            if k in index:
                x[i, index[k]] = v
    return x


def train(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Weights (features × types) on standardised columns; column 0 is the bias."""
    k = len(TYPES)
    counts = np.bincount(y, minlength=k).astype(float)
    cw = 1 / np.sqrt(np.maximum(counts, 1))
    w = cw[y]
    w = w / w.sum()
    onehot = np.eye(k)[y]
    theta = np.zeros((x.shape[1], k))
    reg = np.ones(x.shape[1])
    reg[0] = 0.0
    for _ in range(STEPS):
        z = x @ theta
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        grad = x.T @ (w[:, None] * (p - onehot)) + L2 * reg[:, None] * theta
        theta -= RATE * grad
    return theta


def fit(rows: list[Row], names: list[str]) -> np.ndarray:
    """Raw-feature weights: trained on standardised columns, folded back."""
    x = matrix(rows, names)
    y = np.array([r[1] for r in rows])
    mean = x.mean(axis=0)
    std = x.std(axis=0)
    mean[0], std[0] = 0.0, 1.0
    std[std == 0] = 1.0
    theta = train((x - mean) / std, y)
    raw = theta / std[:, None]
    raw[0] -= (mean[:, None] * raw).sum(axis=0)
    return raw


def predict(rows: list[Row], names: list[str], raw: np.ndarray) -> np.ndarray:
    return (matrix(rows, names) @ raw).argmax(axis=1)


def report(title: str, rows: list[Row], pred: np.ndarray) -> None:
    y = np.array([r[1] for r in rows])
    print(f"{title}: accuracy {(pred == y).mean():.3f} on {len(rows)} rows")
    width = max(map(len, TYPES))
    print(" " * (width + 2) + " ".join(f"{t[:5]:>5}" for t in TYPES) + "   (rows: truth, columns: predicted)")
    for i, t in enumerate(TYPES):
        cells = " ".join(f"{int(((y == i) & (pred == j)).sum()):>5}" for j in range(len(TYPES)))
        print(f"{t:>{width}}  {cells}")


def without_url(rows: list[Row]) -> list[Row]:
    """The rows as if the page had no URL and no canonical link."""
    return [
        ({k: v for k, v in x.items() if not k.startswith("url_")} | {"no_url": 1.0}, y, g, h, "none")
        for x, y, g, h, _ in rows
    ]


def held_with_url(rows: list[Row]) -> list[Row]:
    """One row a page: the one with its URL (a "url" row follows its page's
    "canonical" row; without one, the URL is the canonical link)."""
    return [r for i, r in enumerate(rows) if r[4] == "url" or i + 1 == len(rows) or rows[i + 1][4] != "url"]


def fold(group: str) -> int:
    return hashlib.sha1(group.encode("utf-8")).digest()[0] % 4


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=pathlib.Path, default=SHARED)
    parser.add_argument("--out", type=pathlib.Path, default=ROOT / "boilerstrip" / "data" / "pagetype.json")
    parser.add_argument("--cv", action="store_true", help="also 4-fold cross-validation by domain on tune")
    args = parser.parse_args()
    rows = load(args.data)
    tune = [r for r in rows if not r[3]]
    held = [r for r in rows if r[3]]
    names = ["bias", *sorted({k for r in tune for k in r[0]} - {"bias"})]
    if args.cv:  # grouped by domain; scored on the WCXB rows without the URL
        fold_of = np.array([fold(r[2]) for r in tune])
        scored = [
            i for i, r in enumerate(tune) if r[4] == "canonical" and not r[2].startswith(("sh:", "ml:"))
        ]
        pred = np.zeros(len(tune), dtype=int)
        for f in range(4):
            raw = fit([r for r, g in zip(tune, fold_of, strict=True) if g != f], names)
            test = np.where(fold_of == f)[0]
            pred[test] = predict([tune[i] for i in test], names, raw)
        report("WCXB tune, 4 folds by domain, no URL given", [tune[i] for i in scored], pred[scored])
    raw = fit(tune, names)
    for variant, title in (("canonical", "no URL given (canonical link)"), ("url", "with the URL")):
        part = [r for r in held if r[4] == "canonical"] if variant == "canonical" else held_with_url(held)
        report(f"WCXB held-out domains, {title}", part, predict(part, names, raw))
    no_url = without_url([r for r in held if r[4] == "canonical"])
    report("WCXB held-out domains, no URL nor canonical link", no_url, predict(no_url, names, raw))
    weights: dict[str, Any] = {
        t: {n: round(float(raw[i, j]), 6) for i, n in enumerate(names) if abs(raw[i, j]) > 1e-9}
        for j, t in enumerate(TYPES)
    }
    args.out.write_text(
        json.dumps({"types": list(TYPES), "weights": weights}, indent=1) + "\n", encoding="utf-8"
    )
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
