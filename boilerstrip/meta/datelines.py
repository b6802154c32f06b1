"""The dateline: the place (and any agency) that opens a story."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from ..model import Block, Label
from ..patterns.story import DATELINE_PLACE
from .wire import lead_wire

# A dateline opening the story's first lines: the place, maybe an agency or a date in
# brackets, and a dash ("MOSCOW (Reuters) - ", "WASHINGTON — ").
_DATELINE_IN_TEXT: Final = re.compile(rf"^({DATELINE_PLACE})\s*(?:\(([^)]{{2,40}})\)\s*)?[—–-]{{1,2}}\s")


def find_dateline(blocks: Sequence[Block], article: Sequence[Block]) -> tuple[str | None, str | None]:
    """The dateline place and any agency in it, from a dateline block or the lead (the
    first lines of the story: a caption or a lone line may come before the lead)."""
    first = article[0] if article else None
    if first is None:
        return None, None
    place = None
    for b in reversed(blocks[max(0, first.index - _DATELINE_ABOVE) : first.index]):
        if b.label is Label.DATELINE:
            place = b.text.strip(" -—–")
            break
    agency = None
    for b in article[:LEAD_BLOCKS]:
        m = _DATELINE_IN_TEXT.match(b.text)
        if m and place is None:
            place = m.group(1).strip()
        agency = agency or lead_wire(b.text)
    return place, agency


# How many of the article's first blocks may open with its dateline.
LEAD_BLOCKS: Final = 3
# How many lines above the story's first a dateline of its own may stand.
_DATELINE_ABOVE: Final = 3
