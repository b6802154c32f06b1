"""What a walk of the page leaves: raw blocks, the walk's whole result, the page read.

Why its own module: both walks (`events.py` in Python, `_walk.c` over lxml's tree) make
these, and `hints.py` turns the raw blocks into Blocks; they share the shapes here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Final, NamedTuple

from ..htmlmeta import Markup
from ..model import Block

# A hinted element: its number, hint, class/id word, and the hinted element around it
# (a HintNode or None: a linked chain, made in constant time however deep it sits;
# typed Any, as mypyc cannot compile a recursive tuple type).
HintNode = tuple[int, str, str, Any]


class RawBlock(NamedTuple):
    """A block as the walk leaves it, before its hint is settled."""

    text: str
    tag: str
    depth: int
    link_chars: int  # characters in links
    containers: frozenset[str]
    hint: HintNode | None  # the nearest hinted element
    row: int  # the table row of a cell (0 elsewhere)
    articles: tuple[int, ...]  # the numbers of the <article> elements around


class WalkResult(NamedTuple):
    """All a walk gives: the raw blocks, and what `htmlmeta` reads, as the page has it."""

    raw: list[RawBlock]
    title: str | None  # the first <title>, its spaces joined
    metas: list[tuple[str | None, str | None]]  # (property, name or itemprop; content)
    json_ld: list[str]
    time_stamps: list[str]
    canonical: str | None
    canonical_seen: bool
    root_langs: tuple[str | None, ...]


@dataclass(slots=True, eq=False)
class HtmlPage:
    """What the walk gives: the blocks, the <title> without its site name, and the
    tags `htmlmeta` reads (`collected`)."""

    blocks: list[Block]
    title: str | None = None
    collected: Markup = field(default_factory=Markup)

    def __eq__(self, other: object) -> bool:
        """Two walks of a page agree when all they give is equal, their blocks by value
        (blocks themselves compare by identity)."""
        if not isinstance(other, HtmlPage):
            return NotImplemented
        mine, theirs = [b.values() for b in self.blocks], [b.values() for b in other.blocks]
        return self.title == other.title and self.collected == other.collected and mine == theirs


# A separator is tried only where a run of white space starts (from inside the run it
# finds what it finds from the start, after a scan of the run: quadratic in the run).
_TITLE_PARTS: Final = re.compile(r"(?<!\s)\s+[|\-–—·»]\s+")


def short_title(title: str | None) -> str | None:
    """The page title both walks give: the <title> without its site name, or None."""
    return (page_title(title) or None) if title else None


def page_title(title: str) -> str:
    """A <title> without its site name: "Story | Site" → "Story" (the longest part)."""
    parts = _TITLE_PARTS.split(title)
    return max(parts, key=len) if len(parts) > 1 else title
