"""Navigation elements held back by the Python walk: which elements are held, and what
each holds, counted in one pass over the held events.

Why: a navigation element nested in one that is walked after all is settled from the
events already held; counting each one's text anew would cost the page's length once
per level of nesting (`events._Builder._settle_nav`).
"""

from __future__ import annotations

from .vocabulary import BLOCK_TAGS, NAV_ROLES, PROSE_TAGS

# A tag or text as the walk receives it: ("start", tag, attrs), ("end", tag, None) or
# ("text", text, None); a text is a whole text node of the page (lxml may cut one in pieces).
Event = tuple[str, str, dict[str, str] | None]


def holds_back(tag: str, attrs: dict[str, str] | None) -> bool:
    """Whether the walk holds an element back as navigation (`_Builder._walk_start`)."""
    return tag in BLOCK_TAGS and (tag == "nav" or (attrs is not None and attrs.get("role") in NAV_ROLES))


class NavSpans:
    """For each navigation element among held events, in one pass over them: where it
    ends (`ends`, by the index of its start event), and (`counts`) what `_collapse`
    would count in it: the length of its text with spaces joined, its characters in
    links, and whether it holds a prose element. Running totals are kept, and an
    element's counts are the totals at its end less those at its start."""

    __slots__ = ("ends", "counts")

    def __init__(self, events: list[Event]) -> None:
        self.ends: dict[int, int] = {}
        self.counts: dict[int, tuple[int, int, bool]] = {}
        # words, their characters, stripped text, stripped text times links open,
        # links open, prose elements
        words = chars = stripped = linked = in_link = prose = 0
        opened: list[int] = []
        at_start: dict[int, tuple[int, int, int, int, int, int]] = {}
        for i, (kind, value, attrs) in enumerate(events):
            if kind == "text":
                split = value.split()
                words += len(split)
                chars += sum(map(len, split))
                size = len(value.strip())
                stripped += size
                linked += size * in_link
            elif kind == "start":
                if value == "a":
                    in_link += 1
                elif value in PROSE_TAGS:
                    prose += 1
                opened.append(i)
                if holds_back(value, attrs):
                    at_start[i] = (words, chars, stripped, linked, in_link, prose)
            else:
                if value == "a":
                    in_link -= 1
                if not opened:
                    continue
                start = opened.pop()
                begun = at_start.pop(start, None)
                if begun is not None:
                    w0, c0, s0, l0, a0, p0 = begun
                    n_words = words - w0
                    length = chars - c0 + n_words - 1 if n_words else 0
                    links = linked - l0 - a0 * (stripped - s0)
                    self.ends[start] = i
                    self.counts[start] = (length, links, prose > p0)
