"""Metadata from the blocks: title, date, dateline, section, authors, wire service, copyright.

Why separate from the reducer: each field is a small search around the article region,
testable alone on hand-made blocks.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from . import patterns as P
from .model import Block, Label

_WIRE_PATTERNS: Final = (
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
WIRES: Final[tuple[str, ...]] = tuple(name for name, _ in _WIRE_PATTERNS)
# One pattern with a group per agency: the leftmost mention names the wire.
_WIRE_RE: Final = re.compile("|".join(f"(?P<w{i}>{rx})" for i, (_, rx) in enumerate(_WIRE_PATTERNS)))
# Every agency pattern holds one of these words. Alternatives that start with a literal
# let `re` skip ahead by first character; the full pattern's leading \b defeats that and
# costs up to 50 µs on a long line, so this cheap scan goes first.
_WIRE_HINT: Final = re.compile(
    "Associated|AP|Reuters|Agence|AFP|Bloomberg|dpa|Deutsche|Kyodo|Jiji|Xinhua|Yonhap|EFE|ANSA"
    "|PA|Press|UPI|United|TASS|ТАСС"
)

_DATELINE_IN_TEXT: Final = re.compile(
    r"^([A-Z][A-Z.'’\- ]{1,30}(?:,\s*[A-Z][A-Za-z.'’ ]{1,30})?)\s*(?:\(([^)]{2,40})\)\s*)?[—–-]{1,2}\s"
)
_MONTH_NUM: Final = {
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
_YEAR_RE: Final = re.compile(r"(?:19|20)\d\d")
# One pattern, named groups by field order; the leftmost date in a text wins. Month
# names are any word here and looked up after, which keeps the pattern fast. An ISO
# date may run on into its time ("2025-07-20T15:27:00+01:00", as JSON-LD and
# article:published_time give it).
_DATE_RE: Final = re.compile(
    r"\b(?P<y1>\d{4})[-/](?P<m1>\d{1,2})[-/](?P<d1>\d{1,2})(?:\b|(?=T\d))"
    r"|(?P<y2>\d{4})\s*[年년]\s*(?P<m2>\d{1,2})\s*[月월]\s*(?P<d2>\d{1,2})\s*[日일]"
    r"|\b(?P<mn3>[^\W\d_]{3,9})\.?\s+(?P<d3>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y3>\d{4})\b"
    r"|\b(?P<d4>\d{1,2})(?:st|nd|rd|th|er|\.)?\s+(?:of\s+|de\s+)?(?P<mn4>[^\W\d_]{3,9})\.?,?\s+(?:de\s+)?(?P<y4>\d{4})\b"
    r"|\b(?P<d5>\d{1,2})\.(?P<m5>\d{1,2})\.(?P<y5>\d{4})\b"
    r"|\b(?P<m6>\d{1,2})/(?P<d6>\d{1,2})/(?P<y6>\d{4})\b",
    re.I,
)


def parse_date(text: str) -> str | None:
    """The first valid date in `text` as ISO 8601 (YYYY-MM-DD), numeric or written."""
    if not _YEAR_RE.search(text):
        return None
    for m in _DATE_RE.finditer(text):
        g = {k: v for k, v in m.groupdict().items() if v}
        month_name = g.get("mn3") or g.get("mn4")
        if month_name and month_name.lower() not in _MONTH_NUM:
            continue
        y = int(next(v for k, v in g.items() if k[0] == "y"))
        d = int(next(v for k, v in g.items() if k[0] == "d"))
        mo = (
            _MONTH_NUM[month_name.lower()]
            if month_name
            else int(next(v for k, v in g.items() if k[0] == "m"))
        )
        if mo > 12 and "m6" in g:  # 19/11/2019: day first after all
            mo, d = d, mo
        if 1 <= mo <= 12 and 1 <= d <= 31 and 1900 <= y <= 2100:
            return f"{y:04d}-{mo:02d}-{d:02d}"
    return None


def wire_service(text: str) -> str | None:
    """The news agency named in a copyright line, dateline or credit, if any."""
    if not _WIRE_HINT.search(text):
        return None
    m = _WIRE_RE.search(text)
    return WIRES[int(m.lastgroup[1:])] if m and m.lastgroup else None


def find_title(blocks: Sequence[Block], start: int, window: int, hint: str | None = None) -> Block | None:
    """The headline: the block repeating the markup's headline near the article start,
    else the nearest headline-like block above it."""
    if hint:
        wanted = " ".join(hint.split()).casefold()
        near = [b for b in blocks[max(0, start - window) : start + window] if b.label is not Label.COMMENT]
        for b in near:
            if " ".join(b.text.split()).casefold() == wanted:
                return b
        # A <title> is often the headline shortened or with the site's name around it.
        for b in near:
            text = " ".join(b.text.split()).casefold()
            if b.dom is not None and b.dom.heading == 1 and (wanted in text or text in wanted):
                return b
    for b in reversed(blocks[max(0, start - window) : start]):
        f = b.features
        headline_like = not f.ends_sentence or b.text.endswith(("?", "!", "”", '"'))
        if b.label in (Label.OTHER, Label.ARTICLE, Label.TITLE) and 3 <= f.words <= 40 and headline_like:
            if has_digits(b) and parse_date(b.text[:_DATE_OPENING]):
                continue  # "23. März 2017, aktualisiert 15:43 Uhr": a date line, not the headline
            return b
    return None


# A line that opens with a full date within this many characters is a date line.
_DATE_OPENING: Final = 24


def find_section(blocks: Sequence[Block], title: Block | None) -> Block | None:
    """The section name: a one- to three-word block just above the title."""
    if title is None:
        return None
    for b in reversed(blocks[max(0, title.index - 3) : title.index]):
        if b.label in (Label.METADATA, Label.BYLINE, Label.COMMENT, Label.DATELINE):
            continue
        if 1 <= b.features.words <= 3 and not has_digits(b) and b.label in (Label.OTHER, Label.NAVIGATION):
            return b
        break
    return None


# A publication date sits on a short line (a dateline, a byline), not inside prose.
_DATE_MAX_WORDS: Final = 24


def find_date(blocks: Sequence[Block], stop: int) -> str | None:
    """The publication date: the first date in a metadata or byline block near the top."""
    labels = (Label.METADATA, Label.BYLINE, Label.DATELINE, Label.OTHER)
    for b in [b for b in blocks[:stop] if b.label in labels and has_digits(b)]:
        if b.features.words <= _DATE_MAX_WORDS:
            date = parse_date(b.text)
            if date:
                return date
    return None


def has_digits(block: Block) -> bool:
    """Whether the block has a digit (unknown cues, as in CJK text, count as yes)."""
    cues = block.features.cues
    return cues is None or "#num" in cues


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


# Where a byline's names end (a dash, a date), and what separates them. A separator
# that starts with white space is tried only where a run of white space starts: from
# inside the run it would find what it finds from its start, after a scan of the run
# (and a split never resumes inside a run: each separator takes the spaces after it).
_AUTHORS_END: Final = re.compile(r"\s[-–—|]\s|,\s*(?=\d|" + P.MONTHS + r")", re.I)
_AUTHORS_SPLIT: Final = re.compile(r",\s*|(?<!\s)\s+and\s+|&\s*|(?<!\s)\s+&\s*")


def find_authors(blocks: Sequence[Block]) -> list[str]:
    """Names from byline blocks ("By A and B", "A - Nov 19, 2019")."""
    authors: list[str] = []
    for b in blocks:
        if b.label is not Label.BYLINE:
            continue
        text = P.BYLINE_NAMES.sub("", b.text)
        text = _AUTHORS_END.split(text, maxsplit=1)[0]
        for name in _AUTHORS_SPLIT.split(text):
            name = name.strip(" .")
            if name and name not in authors and len(name.split()) <= 5:
                authors.append(name)
    return authors


def split_copyright(blocks: Sequence[Block], wire: str | None) -> tuple[str | None, str | None, str | None]:
    """(wire copyright line, site copyright line, wire named by the copyright)."""
    wire_line = site_line = None
    for b in [b for b in blocks if b.label is Label.COPYRIGHT]:
        agency = wire_service(b.text)
        if agency and wire_line is None and (wire is None or agency == wire):
            wire_line, wire = b.text, agency
        elif site_line is None and not agency:
            site_line = b.text
    return wire_line, site_line, wire
