"""Metadata from the blocks: title, date, dateline, section, authors, wire service, copyright.

Why separate from the reducer: each field is a small search around the article region,
testable alone on hand-made blocks.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from . import patterns as P
from .model import Block, Label

WIRES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(rx))
    for name, rx in (
        ("The Associated Press", r"\bAssociated Press\b|\(AP\)|\bAP\b(?= Photo|\s*$|\.)|— AP\b"),
        ("Reuters", r"\bReuters\b"),
        ("Agence France-Presse", r"\bAgence France[- ]Presse\b|\bAFP\b"),
        ("Bloomberg", r"\bBloomberg(?: News| L\.?P\.?)?\b"),
        ("dpa", r"\bdpa\b|\bDeutsche Presse-Agentur\b"),
        ("Kyodo News", r"\bKyodo\b"),
        ("Jiji Press", r"\bJiji\b"),
        ("Xinhua", r"\bXinhua\b"),
        ("Yonhap", r"\bYonhap\b"),
        ("EFE", r"\bEFE\b|\bAgencia EFE\b"),
        ("ANSA", r"\bANSA\b"),
        ("PA Media", r"\bPA Media\b|\bPress Association\b|\(PA\)"),
        ("UPI", r"\bUPI\b|\bUnited Press International\b"),
        ("TASS", r"\bTASS\b|\bТАСС\b"),
    )
)

_DATELINE_IN_TEXT = re.compile(
    r"^([A-Z][A-Z.'’\- ]{1,30}(?:,\s*[A-Z][A-Za-z.'’ ]{1,30})?)\s*(?:\(([^)]{2,40})\))?\s*[—–-]{1,2}\s"
)
_MONTH_NUM = {
    m: i
    for i, names in enumerate(
        (
            "jan january janvier januar enero gennaio janeiro январь января",
            "feb february février fevrier februar febrero febbraio fevereiro февраль февраля",
            "mar march mars märz marz marzo março марта март",
            "apr april avril abril aprile апрель апреля",
            "may mai mayo maggio maio май мая",
            "jun june juin juni junio giugno junho июнь июня",
            "jul july juillet juli julio luglio julho июль июля",
            "aug august août aout agosto август августа",
            "sep sept september septembre septiembre settembre setembro сентябрь сентября",
            "oct october octobre oktober octubre ottobre outubro октябрь октября",
            "nov november novembre noviembre novembro ноябрь ноября",
            "dec december décembre decembre dezember diciembre dicembre dezembro декабрь декабря",
        ),
        1,
    )
    for m in names.split()
}
_MONTH_WORDS = "|".join(sorted(_MONTH_NUM, key=len, reverse=True))
_DATE_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b"), "ymd"),
    (re.compile(r"\b(\d{4})/(\d{1,2})/(\d{1,2})\b"), "ymd"),
    (re.compile(r"(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]"), "ymd"),
    (re.compile(rf"\b({_MONTH_WORDS})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I), "mdy"),
    (
        re.compile(
            rf"\b(\d{{1,2}})(?:st|nd|rd|th|er|\.)?\s+(?:of\s+|de\s+)?({_MONTH_WORDS})\.?,?\s+(?:de\s+)?(\d{{4}})\b",
            re.I,
        ),
        "dmy",
    ),
    (re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b"), "dmy_num"),
    (re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b"), "mdy_num"),
)


def parse_date(text: str) -> str | None:
    """The first date in `text` as ISO 8601 (YYYY-MM-DD), in numeric or written form."""
    for pattern, kind in _DATE_PATTERNS:
        m = pattern.search(text)
        if not m:
            continue
        a, b, c = m.groups()
        if kind == "ymd":
            y, mo, d = int(a), int(b), int(c)
        elif kind == "mdy":
            y, mo, d = int(c), _MONTH_NUM[a.lower()], int(b)
        elif kind == "dmy":
            y, mo, d = int(c), _MONTH_NUM[b.lower()], int(a)
        elif kind == "dmy_num":
            y, mo, d = int(c), int(b), int(a)
        else:
            y, mo, d = int(c), int(a), int(b)
            if mo > 12:
                mo, d = d, mo
        if 1 <= mo <= 12 and 1 <= d <= 31 and 1900 <= y <= 2100:
            return f"{y:04d}-{mo:02d}-{d:02d}"
    return None


def wire_service(text: str) -> str | None:
    """The news agency named in a copyright line, dateline or credit, if any."""
    for name, pattern in WIRES:
        if pattern.search(text):
            return name
    return None


def find_title(blocks: Sequence[Block], start: int, window: int) -> Block | None:
    """The headline: the nearest headline-like block above the article start."""
    for b in reversed(blocks[max(0, start - window) : start]):
        f = b.features
        headline_like = not f.ends_sentence or b.text.endswith(("?", "!", "”", '"'))
        if b.label in (Label.OTHER, Label.ARTICLE, Label.TITLE) and 3 <= f.words <= 40 and headline_like:
            return b
    return None


def find_section(blocks: Sequence[Block], title: Block | None) -> Block | None:
    """The section name: a one- to three-word block just above the title."""
    if title is None:
        return None
    for b in reversed(blocks[max(0, title.index - 3) : title.index]):
        if b.label in (Label.METADATA, Label.BYLINE, Label.COMMENT, Label.DATELINE):
            continue
        if (
            1 <= b.features.words <= 3
            and not b.features.digit_ratio
            and b.label
            in (
                Label.OTHER,
                Label.NAVIGATION,
            )
        ):
            return b
        break
    return None


def find_date(blocks: Sequence[Block], stop: int) -> str | None:
    """The publication date: the first date in a metadata or byline block near the top."""
    for b in blocks[:stop]:
        if b.label in (Label.METADATA, Label.BYLINE, Label.DATELINE, Label.OTHER):
            date = parse_date(b.text)
            if date:
                return date
    return None


def find_dateline(blocks: Sequence[Block], article: Sequence[Block]) -> tuple[str | None, str | None]:
    """The dateline place and any agency in it, from a dateline block or the lead."""
    first = article[0] if article else None
    if first is not None:
        for b in reversed(blocks[max(0, first.index - 3) : first.index]):
            if b.label is Label.DATELINE:
                return b.text.strip(" -—–"), None
        m = _DATELINE_IN_TEXT.match(first.text)
        if m:
            return m.group(1).strip(), wire_service(m.group(2) or "")
    return None, None


def find_authors(blocks: Sequence[Block]) -> list[str]:
    """Names from byline blocks ("By A and B", "A - Nov 19, 2019")."""
    authors: list[str] = []
    for b in blocks:
        if b.label is not Label.BYLINE:
            continue
        text = P.BYLINE_NAMES.sub("", b.text)
        text = re.split(r"\s[-–—|]\s|,\s*(?=\d|" + P.MONTHS + r")", text, maxsplit=1, flags=re.I)[0]
        for name in re.split(r",\s*|\s+and\s+|\s*&\s*", text):
            name = name.strip(" .")
            if name and name not in authors and len(name.split()) <= 5:
                authors.append(name)
    return authors


def split_copyright(blocks: Sequence[Block], wire: str | None) -> tuple[str | None, str | None, str | None]:
    """(wire copyright line, site copyright line, wire named by the copyright)."""
    wire_line = site_line = None
    for b in blocks:
        if b.label is not Label.COPYRIGHT:
            continue
        agency = wire_service(b.text)
        if agency and wire_line is None and (wire is None or agency == wire):
            wire_line, wire = b.text, agency
        elif site_line is None and not agency:
            site_line = b.text
    return wire_line, site_line, wire
