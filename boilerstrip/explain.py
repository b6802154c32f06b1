"""`boilerstrip explain`: every block of a page in order, with the decision on it.

Why: a cleaner is trusted, and fixed, by seeing why it dropped what it dropped. Each
line is one block: its number, whether it is kept (its text is in the article), its
label, its score, the reason that decided it, and the start of its text. The deciding
reason is the last one a block got: a detector's claim is recorded only when it sets
the label, and the reducer and the keep model record each relabelling after it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Final

from .model import Block, Label
from .result import Result

# ANSI colours by label: content green, page furniture yellow, metadata cyan,
# comments magenta, ads and prompts red, the rest dim.
_COLOURS: Final = {
    "article": "32", "title": "1;32", "byline": "36", "dateline": "36", "metadata": "36",
    "copyright": "2", "comment": "35", "ad": "31", "navigation": "33", "login": "31",
    "prompt": "31", "social": "31", "related": "33", "footer": "2", "other": "2",
}  # fmt: skip
PREVIEW: Final = 70


def use_colour(choice: str, terminal: bool) -> bool:
    """Colours for --color always, or auto on a terminal unless NO_COLOR is set."""
    if choice != "auto":
        return choice == "always"
    return terminal and not os.environ.get("NO_COLOR")


def label_of(block: Block) -> str:
    """The block's label as a word ("unlabelled" where no detector claimed it)."""
    return block.label.value if block.label is not None else "unlabelled"


def deciding_reason(block: Block) -> str:
    """The reason that set the block's label (the last one recorded)."""
    return block.reasons[-1] if block.reasons else "no detector claimed it"


def lines(result: Result, *, only: Iterable[str] = (), colour: bool = False) -> list[str]:
    """The explanation: a header line, then one line a block (of the labels in `only`,
    when given)."""
    wanted = set(only)
    kept = sum(b.label is Label.ARTICLE for b in result.blocks)
    header = (
        f"# {result.title or '(no title)'} · {result.page_type} · {result.language or '?'} · "
        f"{len(result.blocks)} blocks, {kept} kept"
    )
    shown = [b for b in result.blocks if not wanted or label_of(b) in wanted]
    return [header, *(block_line(b, colour) for b in shown)]


def block_line(block: Block, colour: bool) -> str:
    """`  12 kept article     0.83  The text of the block…  ← reducer: why`"""
    label = label_of(block)
    mark = "kept" if block.label is Label.ARTICLE else "drop"
    text = " ".join(block.text.split())
    preview = text if len(text) <= PREVIEW else text[: PREVIEW - 1] + "…"
    line = f"{block.index:>4} {mark} {label:<10} {block.score:6.2f}  {preview:<{PREVIEW}}  ← {deciding_reason(block)}"
    if not colour:
        return line
    return f"\x1b[{_COLOURS.get(label, '0')}m{line}\x1b[0m"
