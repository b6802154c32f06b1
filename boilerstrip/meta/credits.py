"""Who the story is credited to: the agency whose copy it is (with the line that says
so) and the copyright notices, the agency's and the site's."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from ..model import Block, Label
from ..patterns.dates import PAGE_YEAR
from ..patterns.story import COPYRIGHT
from .datelines import LEAD_BLOCKS
from .people import agency_byline
from .wire import TAIL_WORDS, tail_wire, wire_service


def credit_wire(
    blocks: Sequence[Block], article: Sequence[Block], dateline_agency: str | None = None
) -> tuple[str | None, str | None]:
    """(agency, credit line): the agency in the dateline, else one credited in a byline
    or a closing credit (among the article's last lines or the few short lines right
    after it: a credit is often set apart), with the line that credits it."""
    if dateline_agency:
        return dateline_agency, None
    for b in blocks:
        if b.label is Label.BYLINE and (found := wire_service(b.text)):
            return found, b.text
    if not article:
        return None, None
    for b in blocks[max(0, article[0].index - LEAD_BLOCKS) : article[0].index]:
        if found := agency_byline(b.text)[1]:
            return found, b.text
    last = article[-1].index
    after = [
        b
        for b in blocks[last + 1 : last + 1 + _TAIL_AFTER]
        if b.label in _TAIL_LABELS and b.features.words <= TAIL_WORDS
    ]
    for b in [*article[-_TAIL_AFTER:], *after]:
        if found := tail_wire(b.text, b.features.words):
            return found, b.text
    return None, None


# A closing credit: how many lines at the story's end, and what they may be labelled.
_TAIL_AFTER: Final = 3
_TAIL_LABELS: Final = (Label.METADATA, Label.BYLINE, Label.OTHER, Label.ARTICLE, Label.COPYRIGHT)


def split_copyright(blocks: Sequence[Block], wire: str | None) -> tuple[str | None, str | None, str | None]:
    """(wire copyright line, site copyright line, wire named by the copyright). Only a
    notice counts (`copyright_notice`)."""
    wire_line = site_line = None
    for b in [b for b in blocks if b.label is Label.COPYRIGHT]:
        notice = copyright_notice(b.text)
        if notice is None:
            continue
        agency = wire_service(notice)
        if agency and wire_line is None and (wire is None or agency == wire):
            wire_line, wire = notice, agency
        elif site_line is None and not agency:
            site_line = notice
    return wire_line, site_line, wire


def copyright_notice(text: str) -> str | None:
    """The copyright notice in a line, or None when the line is none: a notice has a ©,
    a year or "all rights reserved" ("Copyright Policy" is a link's label). A few
    words glued before its mark (a navigation heading: "Site Information Navigation ©
    2019 ...") are cut off; a sentence before it stays."""
    if not _NOTICE.search(text):
        return None
    m = COPYRIGHT.search(text)
    if m and m.start() > 0:
        before = text[: m.start()].strip()
        if len(before.split()) <= _GLUED_HEADING_WORDS and not before.endswith((".", "!", "?", ":", ";")):
            return text[m.start() :]
    return text


_NOTICE: Final = re.compile(rf"©|&copy;|\(c\)|\b{PAGE_YEAR}\b|all rights reserved", re.I)
# At most this many words before the copyright mark are a heading glued to the notice.
_GLUED_HEADING_WORDS: Final = 6
