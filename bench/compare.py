"""Two runs of the same WCXB pages side by side, page by page, with the noise the
difference carries.

Why: a change is kept only if it holds on the held-out part, but that part is 378
pages, and one page's F1 can move by 0.5 or more when a model or a rule tips it. A
mean that moved by 0.003 may be no more than the change of a seed: retrained with
a second seed averaged in, the text keep model's fold models moved 604 of the 1,119
tuning dumps, with a standard deviation of 0.042 a page (a standard error of 0.0013
on their mean; 0.0022 on 378 pages). This prints the mean difference with its
standard error (paired: the same pages), the pages up and down, by page type, and
the pages that moved most, so a note can say whether a gain is larger than its noise.

Reads the per-page files of `bench/folds_bench.py --out` (tuning pages, each cleaned
with its fold's keep model: `{id: {"f": F1, "type": page type, ...}}`) and of
`bench/wcxb_bench.py --dump-pages` (every page, tune and held-out, one JSON line each;
`--mode` picks HTML or text where the file holds both). A variant of boilerstrip is
run with `--config`, for example a retrained keep model on the held-out part:

    python bench/wcxb_bench.py --mode text --systems boilerstrip --dump-pages before.jsonl
    python bench/wcxb_bench.py --mode text --systems boilerstrip --dump-pages after.jsonl \
        --config '{"keep_text": "/tmp/model/keep-text.json"}'
    python bench/compare.py before.jsonl after.jsonl [--mode text] [--top 10]
"""

from __future__ import annotations

import argparse
import json
import math
import pathlib
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple


class Paired(NamedTuple):
    """The difference of two runs over the same pages."""

    pages: int
    before: float
    after: float
    mean: float  # mean of after - before
    se: float  # its standard error (paired)
    up: int
    down: int


def paired(before: Sequence[float], after: Sequence[float]) -> Paired:
    """The mean difference of `after` over `before`, page by page, with its standard
    error: the pages are the same, so their own difficulty cancels out."""
    n = len(before)
    if n == 0:
        return Paired(0, 0.0, 0.0, 0.0, 0.0, 0, 0)
    diffs = [a - b for a, b in zip(after, before, strict=True)]
    mean = sum(diffs) / n
    var = sum((d - mean) ** 2 for d in diffs) / (n - 1) if n > 1 else 0.0
    return Paired(
        n,
        sum(before) / n,
        sum(after) / n,
        mean,
        math.sqrt(var / n),
        sum(d > 1e-9 for d in diffs),
        sum(d < -1e-9 for d in diffs),
    )


def load(path: pathlib.Path, mode: str | None = None) -> dict[str, dict[str, Any]]:
    """A per-page file as `{id: {"f", "type", "part"?}}`: folds_bench's JSON object as it
    is, wcxb_bench's JSON lines (of `mode`, where given) with their F1 and held-out flag."""
    text = path.read_text(encoding="utf-8")
    try:
        whole = json.loads(text)
    except json.JSONDecodeError:  # JSON lines
        whole = None
    if isinstance(whole, dict) and "f1" not in whole:
        return whole
    pages = {}
    for line in text.splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        if mode is None or rec.get("mode") == mode:
            part = "held" if rec["holdout"] else "tune"
            pages[rec["id"]] = {"f": rec["f1"], "type": rec["type"], "part": part}
    return pages


def groups(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[str]]:
    """The common pages by group: all, each part (where the files say) and each page type."""
    out: dict[str, list[str]] = defaultdict(list)
    for pid in sorted(before.keys() & after.keys()):
        rec = before[pid]
        part = str(rec["part"]) if "part" in rec else ""
        out["all"].append(pid)
        if part:
            out[part].append(pid)
        if "type" in rec:
            out[f"  {part} {rec['type']}" if part else f"  {rec['type']}"].append(pid)
    return dict(sorted(out.items(), key=lambda kv: _order(kv[0])))


def _order(name: str) -> tuple[int, str]:
    """All first, then each part followed by its page types."""
    if name == "all":
        return (0, "")
    return (1, name.strip())


def line(name: str, p: Paired) -> str:
    """One group's row: the means, the difference and its noise, pages up and down."""
    ratio = f"{p.mean / p.se:+.1f} se" if p.pages > 1 and p.se > 0 else "se n/a"
    return (
        f"{name:22s} {p.pages:5d}  {p.before:.4f} -> {p.after:.4f}  "
        f"{p.mean:+.4f} ± {p.se:.4f} ({ratio})  {p.up} up {p.down} down"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("before", type=pathlib.Path)
    parser.add_argument("after", type=pathlib.Path)
    parser.add_argument("--top", type=int, default=10, help="the pages that moved most, each way")
    parser.add_argument("--mode", choices=("html", "text"), help="of a wcxb_bench file holding both")
    args = parser.parse_args()
    if args.top < 0:
        parser.error("--top must be 0 or more")
    before, after = load(args.before, args.mode), load(args.after, args.mode)
    only = (len(before.keys() - after.keys()), len(after.keys() - before.keys()))
    if any(only):  # a run that lost pages must not read as a clean comparison
        print(f"{only[0]} pages only in {args.before}, {only[1]} only in {args.after}: left out")
    print(f"{'group':22s} {'pages':>5s}  before -> after    difference ± standard error")
    for name, ids in groups(before, after).items():
        print(line(name, paired([before[k]["f"] for k in ids], [after[k]["f"] for k in ids])))
    moved = sorted((after[k]["f"] - before[k]["f"], k) for k in before.keys() & after.keys())
    for d, k in [*moved[: args.top], *reversed(moved[max(args.top, len(moved) - args.top) :])]:
        if abs(d) > 1e-9:
            print(f"{d:+.3f} {k} {before[k].get('type', '')} {before[k]['f']:.3f} -> {after[k]['f']:.3f}")


if __name__ == "__main__":
    main()
