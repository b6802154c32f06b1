"""Segmentation: a text dump becomes blocks, one a line.

Why: crawlers export one block of the page a line, with or without blank lines between
paragraphs; runs of lines with no blank line between them (menus, link lists) are
remembered as groups, a strong hint of navigation in the blank-line style.
"""

from __future__ import annotations

import re
from typing import Final

from .budget import Deadline, spans
from .model import Block, Features

# Header fields glued onto one line with wide gaps (" date 2024-06-04  Take our survey").
_WIDE_GAP: Final = re.compile(r"[ \t\u00a0]{2,}")
_FIELD_MAX_WORDS: Final = 8


def split_fields(line: str) -> list[str]:
    """Split a line at wide gaps when every piece but the last is short, like fields."""
    pieces = [p for p in _WIDE_GAP.split(line) if p]
    if len(pieces) < 2 or any(p.count(" ") >= _FIELD_MAX_WORDS for p in pieces[:-1]):
        return [line]
    return pieces


def text_blocks(text: str, deadline: Deadline | None = None) -> list[Block]:
    """Blocks of a plain-text dump, with the group (run of non-blank lines) of each;
    `deadline` is checked as the lines are read (a dump of millions of short lines).
    The lines are read by index (`budget.spans`): a native loop when compiled."""
    blocks: list[Block] = []
    group = 0
    previous_blank = True
    lines = text.splitlines()
    # A line holds a wide gap only if the text does: one search of the text spares two
    # of every line in the dumps that have none (most of them).
    gaps = "\t" in text or "  " in text
    for lo, hi in spans(len(lines), deadline, "while splitting the text into lines"):
        for k in range(lo, hi):
            line = lines[k].strip()
            if not line:
                if not previous_blank:
                    group += 1
                previous_blank = True
                continue
            previous_blank = False
            if not gaps or ("  " not in line and "\t" not in line):  # no wide gap: one block, no list of it
                blocks.append(Block(line, len(blocks), k + 1, Features(group=group)))
                continue
            for piece in split_fields(line):
                blocks.append(Block(piece, len(blocks), k + 1, Features(group=group)))
    return blocks
