"""Dates read from text and web addresses, as ISO 8601 (YYYY-MM-DD).

Why apart from which date is the page's (`published`): the markup's dates
(`htmlmeta`) and the address's are read with the same grammar."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from ..budget import Deadline, checked
from ..model import Block

_MONTH_NUM: Final = {
    m: i
    for i, names in enumerate(
        (
            "jan ene january janvier januar enero gennaio janeiro январь января",
            "feb february février fevrier februar febrero febbraio fevereiro февраль февраля",
            "mar march mars märz marz marzo março марта март",
            "apr abr april avril abril aprile апрель апреля",
            "may mai mayo maggio maio май мая",
            "jun june juin juni junio giugno junho июнь июня",
            "jul july juillet juli julio luglio julho июль июля",
            "aug ago august août aout agosto август августа",
            "sep sept september septembre septiembre settembre setembro сентябрь сентября",
            "oct october octobre oktober octubre ottobre outubro октябрь октября",
            "nov november novembre noviembre novembro ноябрь ноября",
            "dec dic december décembre decembre dezember diciembre dicembre dezembro декабрь декабря",
        ),
        1,
    )
    for m in names.split()
}
_YEAR_RE: Final = re.compile(r"(?:19|20)\d\d")
# One pattern, named groups by field order; the leftmost date in a text wins. Month
# names are any word here and looked up after, which keeps the pattern fast. An ISO
# date may run on into its time ("2025-07-20T15:27:00+01:00", as JSON-LD and
# article:published_time give it).
# Numeric dates may follow a name glued to them ("Jane Doe3/4/2025"): no word boundary
# before, only no digit. "2025.12.17" and "2023 Jan 7" (citation_publication_date) are
# year first; "04-ago-2021" is a day and a month name joined by hyphens.
DATE_RE: Final = re.compile(
    r"(?<!\d)(?P<y1>\d{4})(?P<s1>[-/.])(?P<m1>\d{1,2})(?P=s1)(?P<d1>\d{1,2})(?:\b|(?=T\d))"
    r"|(?P<y2>\d{4})\s*[年년]\s*(?P<m2>\d{1,2})\s*[月월]\s*(?P<d2>\d{1,2})\s*[日일]"
    r"|\b(?P<mn3>[^\W\d_]{3,9})\.?\s+(?P<d3>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y3>\d{4})\b"
    r"|\b(?P<d4>\d{1,2})(?:st|nd|rd|th|er|\.)?(?:\s+|-)(?:of\s+|de\s+)?(?P<mn4>[^\W\d_]{3,9})\.?,?(?:\s+|-)(?:de\s+)?(?P<y4>\d{4})\b"
    r"|(?<!\d)(?P<d5>\d{1,2})\.(?P<m5>\d{1,2})\.(?P<y5>\d{4})\b"
    r"|(?<!\d)(?P<m6>\d{1,2})/(?P<d6>\d{1,2})/(?P<y6>\d{4})\b"
    r"|\b(?P<y7>\d{4})\s+(?P<mn7>[^\W\d_]{3,9})\.?\s+(?P<d7>\d{1,2})\b",
    re.I,
)


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
        lo = max(end, year.start() - _BEFORE_YEAR)
        for m in DATE_RE.finditer(text, lo, year.end() + _AFTER_YEAR):
            if m.start() >= end and (iso := _iso(m)):
                found.append((m.start(), iso))
                end = m.end()
    return found


# How far a date reaches before and after its year ("17th of September, " before,
# "-12-17T" or " September 17" after), and somewhat more.
_BEFORE_YEAR: Final = 40
_AFTER_YEAR: Final = 32
READING_DATES: Final = "while reading the dates"  # where a TimeLimitError stopped


def _iso(m: re.Match[str]) -> str | None:
    """The date a match of `DATE_RE` reads as YYYY-MM-DD, if it is a valid one."""
    g = {k: v for k, v in m.groupdict().items() if v}
    month_name = g.get("mn3") or g.get("mn4") or g.get("mn7")
    if month_name and month_name.lower() not in _MONTH_NUM:
        return None
    y = int(next(v for k, v in g.items() if k[0] == "y"))
    d = int(next(v for k, v in g.items() if k[0] == "d"))
    mo = _MONTH_NUM[month_name.lower()] if month_name else int(next(v for k, v in g.items() if k[0] == "m"))
    if mo > 12 and "m6" in g:  # 19/11/2019: day first after all
        mo, d = d, mo
    if 1 <= mo <= 12 and 1 <= d <= 31 and 1900 <= y <= 2100:
        return f"{y:04d}-{mo:02d}-{d:02d}"
    return None


# A line that opens with a full date within this many characters is a date line.
DATE_OPENING: Final = 24


# A date in a web address's path: /2025/09/04/, /2025/9/4/, /2025/october/03/,
# /2025-12-17-, /20251217/.
_URL_DATE: Final = re.compile(
    r"/((?:19|20)\d\d)/(\d{1,2}|[a-z]{3,9})/(\d{1,2})(?=/|$|[-_.])"
    r"|/((?:19|20)\d\d)-(\d\d)-(\d\d)(?=/|$|[-_.])"
    r"|/((?:19|20)\d\d)(\d\d)(\d\d)(?=/|$)",
    re.I,
)


def url_date(url: str | None) -> str | None:
    """The date in a page's address, where a site files its stories by date: most
    often the day it was first published."""
    m = _URL_DATE.search(url.split("?", 1)[0]) if url else None
    if m is None:
        return None
    year, month, day = (x for x in m.groups() if x)
    mo = int(month) if month.isdigit() else _MONTH_NUM.get(month.lower(), 0)
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
