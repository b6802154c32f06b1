"""Train the text dumps' headline model (boilerstrip/data/title-text.json): gradient-
boosted trees that rate each line near a dump's content as its headline
(boilerstrip/learned/headline.py).

Data: the WCXB development pages' whole-page text dumps (../shared/bench/wcxb/
text-wet, 1,497 pages of seven kinds, each with a human-reviewed `title`). Each dump is
cleaned with the headline model off; its candidate lines and their features are those
`reduce.headline_rows` makes of the page as the pipeline leaves it, and a line's target
is whether it is the gold title as bench/meta_bench.py compares titles (after
`meta.last_crumb`, as the pipeline gives it). The held-out domains of `bench/splits.py`
are never trained on: the script reports the share of titles right on them, beside the
rules'. `--folds K` reports K-fold cross-validation on the tuning part instead (folds by
registered domain), to choose a setting without the held-out part. The Scrapinghub
pages have no gold title, and the multilingual set's titles are other tools' <title>s
of HTML pages, so neither is learned from.

LightGBM with a fixed seed, one thread and deterministic training: the same data gives
the same trees, exported flat as the keep models are (tools/train_keep.py `export`),
with LightGBM's own prediction checked against `forest.probabilities` on every
held-out line.

    python tools/train_title.py [--rounds 50] [--leaves 15] [--folds K] [--out boilerstrip/data]

The shipped model was made by `python tools/train_title.py` (the defaults), after the
models its cleaning reads (keep-text.json, pagetype-text.json and pagetype.json: see
tools/train_keep.py). Two runs give the same bytes. Stale since 2026-12-04: on the
pipeline of 2026-12-05 the command no longer gives the shipped bytes. Retrained so, on
the shipped keep models: titles right 63.6% of the tuning dumps in sample (the shipped
trees 62.3%), 51.1% held-out (50.5%); on the retrained keep models, 57.3% out of fold
(5 folds), 51.6% held-out (the shipped trees 51.6%). Both retrained trees title the
hand-made forum dump of tests/test_text.py whose headline is missing by its "Top"
link, so the shipped file stays. It is reproduced byte for byte at the commit that made
it, f8bf7f4 (`python tools/train_title.py`, checked 2026-12-05 in a worktree of it).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pathlib
import sys
from typing import Any, NamedTuple

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tools"))

from meta_bench import fold_title  # noqa: E402
from splits import registered_domain, wcxb_holdout  # noqa: E402
from train_keep import Ensemble, export  # noqa: E402

import boilerstrip  # noqa: E402
from boilerstrip.learned import forest as forests  # noqa: E402
from boilerstrip.learned.headline import HEADLINE_FEATURES, best_index  # noqa: E402
from boilerstrip.meta import last_crumb  # noqa: E402
from boilerstrip.reduce import headline_rows  # noqa: E402

WCXB = ROOT.parent / "shared" / "bench" / "wcxb"
FLOOR = boilerstrip.Config().title_text_floor


class Page(NamedTuple):
    """A dump's candidates: rows, targets, and whether the rules' title is right."""

    id: str
    group: str  # registered domain: folds and the held-out part go by it
    held: bool
    rows: list[list[float]]
    targets: list[float]
    rules_right: bool


def pages() -> list[Page]:
    """Every WCXB dump with a gold title, cleaned with the headline model off."""
    cleaner = boilerstrip.Cleaner(boilerstrip.Config(title_text=""))
    out = []
    for line in (WCXB / "truth.jsonl").read_text(encoding="utf-8").splitlines():
        t = json.loads(line)
        if not t.get("title"):
            continue
        dump = (WCXB / "text-wet" / f"{t['id']}.txt").read_text(encoding="utf-8")
        result = cleaner.clean(dump, url=t.get("url"))
        found, rows = headline_rows(result.blocks, t.get("url"), cleaner.config)
        gold = fold_title(t["title"])
        targets = [1.0 if fold_title(last_crumb(b.text)) == gold else 0.0 for b in found]
        out.append(
            Page(
                t["id"],
                registered_domain(t.get("url") or t["id"]),
                wcxb_holdout(t["domain"]),
                rows,
                targets,
                fold_title(result.title or "") == gold,
            )  # fmt: skip
        )
    return out


def fit(train: list[Page], args: argparse.Namespace) -> Ensemble:
    """LightGBM's trees on every candidate line of `train`."""
    import lightgbm as lgb

    x = np.array([r for p in train for r in p.rows], dtype=float)
    y = np.array([v for p in train for v in p.targets])
    params = {"objective": "binary", "learning_rate": 0.1, "num_leaves": args.leaves, "min_data_in_leaf": 20,
              "feature_fraction": 0.8, "bagging_fraction": 0.8, "bagging_freq": 1, "seed": 1,
              "deterministic": True, "num_threads": 1, "verbose": -1}  # fmt: skip
    return Ensemble([lgb.train(params, lgb.Dataset(x, y), num_boost_round=args.rounds)])


def right(page: Page, probabilities: Any) -> bool:
    """Whether the best-rated line is the title (the rules' title without candidates),
    as `headline.best` chooses: the nearest the content's start of equals, and no
    title under `Config.title_text_floor`."""
    if not page.rows:
        return page.rules_right
    k = best_index(probabilities)
    return page.targets[k] == 1.0 and probabilities[k] >= FLOOR


def share(pages: list[Page], predict: Any) -> float:
    return sum(right(p, predict(p)) for p in pages) / max(len(pages), 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--leaves", type=int, default=15)
    parser.add_argument("--folds", type=int, default=0, help="report K-fold CV on the tuning part")
    parser.add_argument("--out", type=pathlib.Path, default=ROOT / "boilerstrip" / "data")
    args = parser.parse_args()
    data = pages()
    tune, held = [p for p in data if not p.held], [p for p in data if p.held]
    rules = (sum(p.rules_right for p in tune) / len(tune), sum(p.rules_right for p in held) / len(held))
    if args.folds:
        fold = {p.id: hashlib.sha1(p.group.encode("utf-8")).digest()[0] % args.folds for p in tune}
        hits = 0
        for k in range(args.folds):
            model = fit([p for p in tune if fold[p.id] != k], args)
            test = [p for p in tune if fold[p.id] == k]
            hits += sum(
                right(p, model.predict(np.array(p.rows, dtype=float)) if p.rows else []) for p in test
            )
        print(
            f"titles right, tune ({len(tune)} dumps): rules {rules[0]:.3f}, model out of fold {hits / len(tune):.3f}"
        )
        return
    model = fit(tune, args)
    flat = forests.read(json.dumps(export(model, HEADLINE_FEATURES)))
    for p in held:
        if p.rows:
            ours = forests.probabilities(flat, p.rows)
            assert np.allclose(model.predict(np.array(p.rows, dtype=float)), ours, atol=1e-5), p.id
    walk = lambda p: forests.probabilities(flat, p.rows) if p.rows else []  # noqa: E731
    print(
        f"titles right, tune ({len(tune)} dumps): rules {rules[0]:.3f}, model {share(tune, walk):.3f} (in sample)"
    )
    print(f"titles right, held-out ({len(held)} dumps): rules {rules[1]:.3f}, model {share(held, walk):.3f}")
    path = args.out / "title-text.json"
    path.write_text(
        json.dumps(export(model, HEADLINE_FEATURES), separators=(",", ":")) + "\n", encoding="utf-8"
    )
    print(f"wrote {path}: {len(flat.roots)} trees, {len(flat.feature)} nodes")


if __name__ == "__main__":
    main()
