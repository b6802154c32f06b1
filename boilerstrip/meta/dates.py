"""Dates read from text and web addresses, as ISO 8601 (YYYY-MM-DD), with the date
grammar of `patterns.dates`.

Why apart from which date is the page's (`published`): the markup's dates
(`htmlmeta`) and the address's are read the same way."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from ..budget import Deadline, checked
from ..model import Block
from ..patterns.dates import DATE_RE, MONTH_NUMBER, PAGE_YEAR, URL_DATE

_YEAR_RE: Final = re.compile(PAGE_YEAR)


def parse_date(text: str) -> str | None:
    """The first valid date in `text` as ISO 8601 (YYYY-MM-DD), numeric or written."""
    return next((iso for _, iso in dates_in(text)), None)


def dates_in(text: str, deadline: Deadline | None = None) -> list[tuple[int, str]]:
    """Every valid date in `text`: (where it starts, YYYY-MM-DD). Every date holds a
    year, so the pattern is tried only around each year in the text, not along a whole
    paragraph: its many forms cost time on every character it is tried at. A text of
    years alone costs some microseconds a year, so `deadline` is checked as it goes."""
    found: list[tuple[int, str]] = []
    end = 0
    for year in checked(_YEAR_RE.finditer(text), deadline, READING_DATES):
        if year.end() <= end:
            continue  # inside the date just read
        at, stop = max(end, year.start() - _BEFORE_YEAR), year.end() + _AFTER_YEAR
        while (m := _next_date(text, at, stop)) is not None:
            if (iso := _iso(m)) is None:
                at = m.start() + 1  # a word glued before a month's name ("BigMay 5"): try on
                continue
            found.append((m.start(), iso))
            end = at = m.end()
    return found


def _next_date(text: str, at: int, stop: int) -> re.Match[str] | None:
    """`DATE_RE.search(text, at, stop)`, tried from where a date can first start: a
    date holds two runs of digits (a day's and a year's at least), and starts at its
    first digit or at most `_MONTH_REACH` characters before the white space before it
    (a month's name). Most of the texts around a year hold no date ("World Cup 2019"),
    and the pattern costs on every character it is tried at; the plain one that
    finds where to start costs far less a character (the reading of dates took 30%
    fewer instructions; tests/test_meta_search_starts.py checks the two agree)."""
    runs = _TWO_DIGIT_RUNS.search(text, at, stop)
    if runs is None:
        return None
    first = runs.start()
    start = at + len(text[at:first].rstrip())  # where the white space before the digit starts
    if start < first:  # white space before the first digit: a month's name may end there
        start = max(at, start - _MONTH_REACH)
    return DATE_RE.search(text, start, stop)


# Two runs of digits. It opens with a digit, which lets the engine skip to the digits
# (a pattern that opened with the white space before them was tried at every
# character); `str.rstrip` then finds that white space (`\s` is what it strips).
_TWO_DIGIT_RUNS: Final = re.compile(r"\d+\D+\d")
# The most a date reaches before the white space before its first digit: a month's name
# (`DATE_RE` reads 3 to 9 letters there) and its stop.
_MONTH_REACH: Final = 10
# How far a date reaches before and after its year ("17th of September, " before,
# "-12-17T" or " September 17" after), and somewhat more.
_BEFORE_YEAR: Final = 40
_AFTER_YEAR: Final = 32
# The years a page may be dated in.
_FIRST_YEAR: Final = 1900
_LAST_YEAR: Final = 2100
READING_DATES: Final = "while reading the dates"  # where a TimeLimitError stopped


def _iso(m: re.Match[str]) -> str | None:
    """The date a match of `DATE_RE` reads as YYYY-MM-DD, if it is a valid one. Its
    fields are the groups of the one branch that matched (`_FIELDS`, by the group it
    closes last): a match's whole groupdict, made for each date, cost more than the
    rest of the reading."""
    fields = _FIELDS.get(m.lastgroup or "")
    if fields is None:
        return None
    year, month, day = fields
    if month in _NAMED_MONTHS:
        number = MONTH_NUMBER.get(m.group(month).lower())
        if number is None:
            return None
        mo = number
    else:
        mo = int(m.group(month))
    y, d = int(m.group(year)), int(m.group(day))
    if mo > 12 and month == _DAY_FIRST_MONTH:  # 19/11/2019: day first after all
        mo, d = d, mo
    if 1 <= mo <= 12 and 1 <= d <= 31 and _FIRST_YEAR <= y <= _LAST_YEAR:
        return f"{y:04d}-{mo:02d}-{d:02d}"
    return None


def _branch_fields() -> dict[str, tuple[str, str, str]]:
    """`DATE_RE`'s branches as (year, month, day) group names, keyed by the group each
    branch closes last (`Match.lastgroup`): its groups are named by field and branch
    ("y3", "mn3", "d3"), the field a name's first letter, the branch its last."""
    branches: dict[str, list[str]] = {}
    for name in DATE_RE.groupindex:  # in the pattern's order
        branches.setdefault(name[-1], []).append(name)
    return {
        names[-1]: (
            next(n for n in names if n[0] == "y"),
            next(n for n in names if n[0] == "m"),
            next(n for n in names if n[0] == "d"),
        )
        for names in branches.values()
    }


_FIELDS: Final = _branch_fields()
# The month groups that hold a name (looked up in `MONTH_NUMBER`), and the branch whose
# month may be the day ("19/11/2019").
_NAMED_MONTHS: Final = frozenset(month for _, month, _ in _FIELDS.values() if month.startswith("mn"))
_DAY_FIRST_MONTH: Final = "m6"


# A line that opens with a full date within this many characters is a date line.
DATE_OPENING: Final = 24


def url_date(url: str | None) -> str | None:
    """The date in a page's address, where a site files its stories by date: most
    often the day it was first published."""
    m = URL_DATE.search(url.split("?", 1)[0]) if url else None
    if m is None:
        return None
    year, month, day = (x for x in m.groups() if x)
    mo = int(month) if month.isdigit() else MONTH_NUMBER.get(month.lower(), 0)
    y, d = int(year), int(day)
    return f"{y:04d}-{mo:02d}-{d:02d}" if 1 <= mo <= 12 and 1 <= d <= 31 else None


def settle_dates(url: str | None, date: str | None, modified: str | None) -> tuple[str | None, str | None]:
    """(publication date, last update) once the address is known: the address's date
    wins (a time zone can move markup's by a day); an update before the publication is
    none."""
    date = url_date(url) or date
    return date, modified if modified and date and modified >= date else None


def shows_date(blocks: Sequence[Block], iso: str) -> bool:
    """Whether any block shows the date `iso` (YYYY-MM-DD), in any form."""
    return any(has_digits(b) and any(d == iso for _, d in dates_in(b.text)) for b in blocks)


def has_digits(block: Block) -> bool:
    """Whether the block has a digit (unknown cues, as in CJK text, count as yes)."""
    cues = block.features.cues
    return cues is None or "#num" in cues
