"""The tuning pages of every set, each cleaned with the keep model that never saw its domain.

Why: the shipped keep models were trained on the tuning pages, so on those pages they
are right by heart, and a rule that reads their probabilities (a threshold, a floor, a
rule that adds or drops lines after the model) cannot be judged there; the held-out
part is kept for checking, not for choosing. Trained without each fold of domains
(`tools/train_keep.py --folds 5 --write-folds DIR`), the fold models rate each tuning
page as the shipped model rates a page it never saw, and the whole pipeline runs as a
user runs it. A rule is chosen on these figures, then checked on the held-out part
with the shipped model (`bench/wcxb_bench.py`, `bench/quick.py`).

    python tools/train_keep.py --mode html --folds 5 --write-folds /tmp/folds
    python bench/folds_bench.py --mode html --models /tmp/folds
    python bench/folds_bench.py --mode html --models /tmp/folds --config '{"keep_between_threshold": 0.3}'
    python bench/folds_bench.py --mode text --models /tmp/folds --gold-types

`--gold-types` sizes what a better page-type reading could give: each page cleaned as
its gold type (2026-12-06: WCXB dumps 0.8111 -> 0.8149, HTML 0.8531 -> 0.8548, the news
sets unchanged; what is lost is in the blocks, not the types).

Prints WCXB's mean page word F1 (overall and by page type), the Scrapinghub shingle F1
(by dump style for text) and the multilingual set's, each over the tuning part only.
"""

from __future__ import annotations

import argparse
import gzip
import json
import pathlib
import sys
from collections import defaultdict
from multiprocessing import Pool
from typing import Any

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

from html_bench import boilerstrip_cleaner  # noqa: E402
from metric import score  # noqa: E402
from multilingual_bench import as_text_dump  # noqa: E402
from splits import (  # noqa: E402
    SHARED,
    multilingual_holdout,
    scrapinghub_holdout,
    tuning_fold,
    wcxb_holdout,
)
from wcxb_bench import load_truth, page_prf  # noqa: E402

TYPES = ("article", "service", "product", "collection", "forum", "listing", "documentation")
# A page to clean: its set ("wcxb", a Scrapinghub style, "multilingual"), id, URL, fold.
Item = tuple[str, str, str | None, int]
_CLEANERS: list[Any] = []


def _start(
    mode: str,
    models: str,
    config: dict[str, Any],
    folds: int,
    gold: dict[str, str] | None,
    stack: bool = False,
) -> None:
    """A worker's cleaners, one a fold, each with that fold's keep model (and, with
    `stack`, its second stage); with `gold` (--gold-types), every page's type is its
    gold one instead of the one read."""
    field = "keep_html" if mode == "html" else "keep_text"
    for k in range(folds):
        # Without `stack`, no second stage: the shipped one learned the tuning pages.
        second = {"keep_html_stack": f"{models}/keep-html-stack-fold{k}.json" if stack else ""}
        second = second if mode == "html" and "keep_html_stack" not in config else {}
        _CLEANERS.append(
            boilerstrip_cleaner({**config, **second, field: f"{models}/keep-{mode}-fold{k}.json"})
        )
    _CLEANERS.append(mode)
    if gold is not None:
        _GOLD.update(gold)
        from boilerstrip import api

        # An oracle, for measuring only: the pipeline's reading of the type replaced by
        # the page's gold type (the news sets' pages are articles), set before each page.
        api._page_type = lambda *args, **kwargs: _GOLD["current"]


# The gold page types by WCXB id, and the current page's (--gold-types; a worker's own).
_GOLD: dict[str, str] = {}


def _page(item: Item) -> tuple[str, str]:
    """The page's text as the fold's cleaner gives it, and the page type it read ("" and
    "" where it raises: counted as an empty output)."""
    set_name, page_id, url, k = item
    mode = _CLEANERS[-1]
    if _GOLD:
        _GOLD["current"] = _GOLD[page_id] if set_name == "wcxb" else "article"
    if set_name == "wcxb":
        page: str | bytes = (
            gzip.decompress((SHARED / "wcxb" / "html" / f"{page_id}.html.gz").read_bytes())
            if mode == "html"
            else (SHARED / "wcxb" / "text-wet" / f"{page_id}.txt").read_text(encoding="utf-8")
        )
    elif set_name == "multilingual":
        raw = (SHARED / "multilingual" / "pages" / f"{page_id}.html").read_bytes()
        page = raw if mode == "html" else as_text_dump(raw)
    elif mode == "html":
        page = gzip.decompress((SHARED / "scrapinghub" / "html" / f"{page_id}.html.gz").read_bytes())
    else:
        page = (SHARED / "scrapinghub" / set_name / f"{page_id}.txt").read_text(encoding="utf-8")
    from boilerstrip import BoilerstripError

    try:
        result = _CLEANERS[k].clean(page, url=url)
    except BoilerstripError:  # a page the library refuses reads as an empty output
        return "", ""
    return str(result.text), str(result.page_type)


def _items(
    mode: str, folds: int
) -> tuple[list[Item], list[dict[str, Any]], dict[str, Any], list[dict[str, Any]]]:
    """Every tuning page with its fold, and the sets' gold."""
    truth = [r for r in load_truth(SHARED / "wcxb") if not wcxb_holdout(r["domain"])]
    news = json.loads((SHARED / "scrapinghub" / "ground-truth.json").read_text(encoding="utf-8"))
    news = {k: v for k, v in news.items() if not scrapinghub_holdout(k)}
    lines = (SHARED / "multilingual" / "expected.jsonl").read_text(encoding="utf-8").splitlines()
    multi = [json.loads(x) for x in lines]
    multi = [
        r
        for r in multi
        if (not r.get("near_duplicate_of") or r["id"] < r["near_duplicate_of"])
        and not multilingual_holdout(r.get("url"), r["id"])
    ]
    items: list[Item] = [
        ("wcxb", r["id"], r.get("url"), tuning_fold("wcxb", r["id"], r.get("url"), folds)) for r in truth
    ]
    for style in ("html",) if mode == "html" else ("text-wet", "text-seedlike"):
        items += [
            (style, k, v.get("url"), tuning_fold("scrapinghub", k, v.get("url"), folds))
            for k, v in sorted(news.items())
        ]
    items += [
        ("multilingual", r["id"], r.get("url"), tuning_fold("multilingual", r["id"], r.get("url"), folds))
        for r in multi
    ]
    return items, truth, news, multi


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mode", choices=("html", "text"), default="html")
    parser.add_argument("--models", required=True, help="the fold models (tools/train_keep.py --write-folds)")
    parser.add_argument("--config", default="{}", help="Config fields to set, as JSON")
    parser.add_argument(
        "--out",
        type=pathlib.Path,
        help="write each WCXB page's P, R, F1, gold and read page type here (JSON)",
    )
    parser.add_argument("--folds", type=int, default=5, help="as many as the models were trained with")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument(
        "--gold-types",
        action="store_true",
        help="an oracle: clean each page as its gold page type (WCXB's; the news sets' are articles)",
    )
    parser.add_argument(
        "--stack", action="store_true", help="html: each fold's second stage too (train_keep.py --stack)"
    )
    args = parser.parse_args()
    config = json.loads(args.config)
    if args.stack and args.mode != "html":
        parser.error("--stack: the second stage is HTML's only")
    names = [f"keep-{args.mode}-fold{{k}}.json"] + (["keep-html-stack-fold{k}.json"] if args.stack else [])
    missing = [
        k
        for k in range(args.folds)
        if not all(pathlib.Path(args.models, name.format(k=k)).is_file() for name in names)
    ]
    if missing:
        parser.error(f"no fold model {missing} in {args.models}: train them with --folds {args.folds}")
    items, truth, news, multi = _items(args.mode, args.folds)
    gold = {r["id"]: r["page_type"] for r in truth} if args.gold_types else None
    with Pool(
        args.jobs, initializer=_start, initargs=(args.mode, args.models, config, args.folds, gold, args.stack)
    ) as pool:
        texts = pool.map(_page, items, chunksize=8)
    out = {(s, i): t for (s, i, _, _), (t, _) in zip(items, texts, strict=True)}
    read = {(s, i): t for (s, i, _, _), (_, t) in zip(items, texts, strict=True)}
    per: dict[str, dict[str, Any]] = {}
    by_type: dict[str, list[float]] = defaultdict(list)
    for r in truth:
        p, rec, f = page_prf(out[("wcxb", r["id"])], r["main_content"])
        per[r["id"]] = {"p": p, "r": rec, "f": f, "type": r["page_type"], "read": read[("wcxb", r["id"])]}
        by_type["all"].append(f)
        by_type[r["page_type"]].append(f)
    mean = {k: sum(v) / len(v) for k, v in by_type.items()}
    print(f"WCXB {args.mode}, tuning pages by fold models: {mean['all']:.4f}")
    print("  " + " ".join(f"{t} {mean[t]:.3f}" for t in TYPES if t in mean))
    for style in ("html",) if args.mode == "html" else ("text-wet", "text-seedlike"):
        f1 = score([(out[(style, k)], v["articleBody"]) for k, v in sorted(news.items())])["f1"]
        print(f"Scrapinghub {style}: {f1:.4f}")
    pairs = [
        (out[("multilingual", r["id"])], r["body"])
        for r in multi
        if r["expected_kind"] == "full_text" and r.get("body")
    ]
    print(f"multilingual: {score(pairs)['f1']:.4f}")
    if args.out:
        args.out.write_text(json.dumps(per), encoding="utf-8")


if __name__ == "__main__":
    main()
