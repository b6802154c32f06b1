"""What a perfect choice of today's blocks would reach on WCXB, by page type, tune and
held-out, beside the share of the gold's words that no block holds.

Why: a change to the keep models or the reducer's rules can only choose among the
blocks the walk and the segmenter make. This bench splits what is left between the
choice (the gap from what boilerstrip reaches to this ceiling) and the making (gold
words in no block: content the walk drops, hidden or in a script). Each page is
cleaned with the keep model off, as `tools/train_keep.py` cleans the pages it learns
from, and a block is kept where most of its 4-gram shingles are in the gold text, and
a block too short for one where its words are, on HTML pages only where they flow into
the gold with their neighbours' (the keep models' own target, `train_keep._targets`);
the score is WCXB's mean page word F1.

    python bench/ceiling.py [--mode html|text] [--cache pages.pkl] [--jobs 2]

`--cache` is `tools/train_keep.py --cache`'s file (the pages cleaned with the keep
model off): delete it after a change to the pipeline.
"""

from __future__ import annotations

import argparse
import pathlib
import sys
from collections import Counter, defaultdict

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import train_keep as tk  # noqa: E402

from boilerstrip.model import Block  # noqa: E402

_TOKEN = tk._TOKEN


def page_figures(page: tk.Page, blocks: list[Block], mode: str) -> tuple[float, float]:
    """(F1 of the blocks the target keeps, share of the gold's words in no block)."""
    shingles, tokens = tk._shingles(page.gold)
    targets = tk._targets([b.text for b in blocks], shingles, set(tokens), flow=tk.FLOW[mode])
    kept = " ".join(b.text for b, (y, _) in zip(blocks, targets, strict=True) if y > 0)
    gold = Counter(tokens)
    held = Counter(_TOKEN.findall(" ".join(b.text for b in blocks).lower()))
    missing = sum((gold - held).values()) / sum(gold.values()) if gold else 0.0
    return tk.word_f1(kept, page.gold), missing


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mode", choices=("html", "text"), default="html")
    parser.add_argument("--cache", type=pathlib.Path)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    pages = [p for p in tk.pages(args.mode) if p.set.startswith("wcxb:")]
    cleaned = tk.cleaned_pages(pages, args.mode, args.cache, args.jobs)
    groups: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for page in pages:
        figures = page_figures(page, cleaned[page.id][0], args.mode)
        part = "held-out" if page.held else "tune"
        groups[(part, "all")].append(figures)
        groups[(part, page.set.split(":", 1)[1])].append(figures)
    print(f"WCXB {args.mode}: the ceiling of a perfect choice of blocks / gold words in no block")
    for (part, kind), rows in sorted(groups.items()):
        f1 = sum(r[0] for r in rows) / len(rows)
        missing = sum(r[1] for r in rows) / len(rows)
        print(f"  {part:9s} {kind:14s} {len(rows):5d} pages  {f1:.3f}  {missing:.1%}")


if __name__ == "__main__":
    main()
