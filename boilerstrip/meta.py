"""Metadata from the blocks: title, date, dateline, section, authors, wire service, copyright.

Why separate from the reducer: each field is a small search around the article region,
testable alone on hand-made blocks.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from typing import Final

from . import patterns as P
from .budget import Deadline, checked
from .model import Block, Label


def _agency_alternation(tag: str, short: bool, signed: bool = False) -> str:
    """One named group an agency ("<tag>_<index in the table>"), in table order, over its
    full names and, if `short`, its initials (if `signed`, only those it signs with)."""
    parts = []
    for i, agency in enumerate(P.AGENCIES):
        initials = agency.short if short and (agency.signs or not signed) else ""
        rx = "|".join(x for x in (agency.names, initials) if x)
        parts.append(f"(?P<{tag}_{i}>{rx})")
    return "|".join(parts)


# Full names wherever a credit stands (a copyright line, a byline, a closing credit);
# initials ("AP", "PA") only where a credit puts them: after a comma, slash, dash,
# bracket, © or year, and before the end, a bracket or a stop ("© 2024 AP.", "By Jane
# Doe, AP"). The leftmost match names the wire.
_CREDIT_RE: Final = re.compile(
    rf"(?<!\w)(?:{_agency_alternation('n', False)})(?!\w)"
    r"|(?:^|(?<=[(/,|—–©-])|(?<=\d{4})|(?<=\d{4} )|(?<=[,/|] ))\s*"
    rf"(?:{_agency_alternation('s', True, signed=True)})(?=\s*(?:$|[)/,.;|:]))"
)
# Every agency's names and initials, with no context: a text that holds none of them
# cannot match `_CREDIT_RE`, and this plain alternation is found about eight times
# faster (its first letters let the engine skip ahead). Most lines hold none.
_ANY_AGENCY: Final = re.compile("|".join(x for a in P.AGENCIES for x in (a.names, a.short) if x))


def _credit(text: str) -> re.Match[str] | None:
    """`_CREDIT_RE.search(text)`, after the cheap test that it can match."""
    return _CREDIT_RE.search(text) if _ANY_AGENCY.search(text) else None


# A dateline naming the agency: "(AP) —", "MOSCOW (Reuters) -", "SEOUL, Jan. 5 (Yonhap)
# --", "Madrid, 5 mar (EFE).-", "(ANSA) - ROME", "MOSCOW, January 5. /TASS/.", at most
# 60 characters of place and date before the brackets.
_LEAD_RE: Final = re.compile(
    r"[^()\n]{0,60}?(?:\(\s*(?:" + _agency_alternation("p", True) + r")(?:\s*[/-]\s*[\w-]{1,12})?\s*\)"
    r"\s*(?:\.?\s*[-—–:]|(?=[A-Z“\"]))"
    r"|/\s*(?:" + _agency_alternation("t", True) + r")\s*/)"
)
# A line that is a credit and nothing else: "— AFP", "(AFP)", "AFP/Xinhua", "dpa/lnw",
# "Source: Reuters", "With AFP".
_CREDIT_LINE_RE: Final = re.compile(
    r"[\s(\[—–=-]*(?:(?:with(?: inputs from)?|source|sources|fuente|fuentes|quelle|fonte|avec)\s*:?\s+)?(?:The\s+)?"
    r"(?:" + _agency_alternation("c", True) + r")"
    r"(?:\s*(?:[/,&+]|\band\b|\bet\b|\by\b|\bund\b|\be\b)\s*[\w.-]{1,24}){0,3}[\s)\].]*$",
    re.I,
)
# Reuters closes its copy with the names behind it: "(Reporting by A; Editing by B)".
_REPORTING_RE: Final = re.compile(
    r"\W{0,2}(?:additional )?(?:reporting|writing) by\b.{3,400}?\b(?:editing|edited) by\b", re.I
)
# A credit naming the agency's part in the story, in the story's last lines: "This
# report by The Canadian Press was first published ...", "Associated Press writer Jane
# Roe contributed to this report." (a story that says an agency first published a memo
# only mentions it).
_CONTRIBUTED_RE: Final = re.compile(
    r"^(?:this|the following) (?:story|report|article|content|item)\b|contributed to this (?:report|story|article)",
    re.I,
)
_REUTERS: Final = next(a.name for a in P.AGENCIES if a.name == "Reuters")


def _named(m: re.Match[str] | None) -> str | None:
    return P.AGENCIES[int(m.lastgroup.partition("_")[2])].name if m and m.lastgroup else None


def wire_service(text: str) -> str | None:
    """The news agency named in a copyright line, byline or credit, if any."""
    return _named(_credit(text))


def credit_line_wire(text: str) -> str | None:
    """The agency when the whole line is its credit ("— AFP", "Associated Press",
    "dpa/lnw"): also how a markup field (a JSON-LD publisher) names one."""
    if len(text) > 80 or _photo_credit(text):
        return None
    return _named(_CREDIT_LINE_RE.match(text))


# A picture's credit names an agency without making the story its copy.
_PHOTO_CREDIT: Final = re.compile(r"photo|image|getty|\bEPA\b|shutterstock|picture|foto|bild", re.I)


def _photo_credit(text: str) -> bool:
    """Whether `_PHOTO_CREDIT` finds a picture's word in `text`, after the cheap test
    that a lowercased stem of one is there (the case-blind pattern is slow to say no)."""
    low = P.folded(text)
    if low is not None and not (
        "photo" in low or "image" in low or "getty" in low or "epa" in low or "shutterstock" in low
        or "picture" in low or "foto" in low or "bild" in low
    ):  # fmt: skip
        return False
    return _PHOTO_CREDIT.search(text) is not None


def lead_wire(text: str) -> str | None:
    """The agency in a dateline opening the story ("MOSCOW (Reuters) -")."""
    return _named(_LEAD_RE.match(text[:_LEAD_CHARS]))


_LEAD_CHARS: Final = 120


def tail_wire(text: str, words: int) -> str | None:
    """The agency in a closing credit: a credit line, a "Reporting by ... Editing by"
    line (Reuters' signature), "X contributed to this report"."""
    found = credit_line_wire(text)
    if found or words > _TAIL_WORDS:
        return found
    if _REPORTING_RE.match(text):
        return _REUTERS
    if _CONTRIBUTED_RE.search(text):
        return _named(_credit(text))
    return None


# A closing credit is short: a longer line naming an agency is the story's own words.
_TAIL_WORDS: Final = 40


_DATELINE_IN_TEXT: Final = re.compile(
    r"^([A-Z][A-Z.'’\- ]{1,30}(?:,\s*[A-Z][A-Za-z.'’ ]{1,30})?)\s*(?:\(([^)]{2,40})\)\s*)?[—–-]{1,2}\s"
)
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
_DATE_RE: Final = re.compile(
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
    for year in checked(_YEAR_RE.finditer(text), deadline, _READING_DATES):
        if year.end() <= end:
            continue  # inside the date just read
        lo = max(end, year.start() - _BEFORE_YEAR)
        for m in _DATE_RE.finditer(text, lo, year.end() + _AFTER_YEAR):
            if m.start() >= end and (iso := _iso(m)):
                found.append((m.start(), iso))
                end = m.end()
    return found


# How far a date reaches before and after its year ("17th of September, " before,
# "-12-17T" or " September 17" after), and somewhat more.
_BEFORE_YEAR: Final = 40
_AFTER_YEAR: Final = 32
_READING_DATES: Final = "while reading the dates"  # where a TimeLimitError stopped


def _iso(m: re.Match[str]) -> str | None:
    """The date a match of `_DATE_RE` reads as YYYY-MM-DD, if it is a valid one."""
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


def find_title(
    blocks: Sequence[Block], start: int, window: int, hint: str | None = None, url: str | None = None
) -> Block | None:
    """The headline: the block repeating the markup's headline near the article start;
    else, on a page without markup, the line the address's words name; else the
    nearest headline-like block above the start (not a link such as "Back to Gallery")."""
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
    elif url and (named := _named_by_address(blocks[: start + window], url)):
        return named
    above = reversed(blocks[max(0, start - window) : start])
    return next((b for b in above if _headline_like(b, _TITLE_LABELS, 3)), None)


_TITLE_LABELS: Final = (Label.OTHER, Label.ARTICLE, Label.TITLE)


def _headline_like(b: Block, labels: tuple[Label, ...], min_words: int) -> bool:
    """A line that may be a headline: one of `labels`, of `min_words` to 40 words, not
    a sentence (but a question or an exclamation), a date line or a link's label."""
    f = b.features
    if b.label not in labels or not min_words <= f.words <= 40:
        return False
    if f.ends_sentence and not b.text.endswith(("?", "!", "”", '"')):
        return False
    if has_digits(b) and parse_date(b.text[:_DATE_OPENING]):
        return False  # "23. März 2017, aktualisiert 15:43 Uhr": a date line, not the headline
    return not _LINK_LABEL.match(b.text)  # "Back to Gallery", "View all photos": a link


_DUMP_TITLE_LABELS: Final = (Label.OTHER, Label.TITLE, Label.NAVIGATION)


def find_dump_title(blocks: Sequence[Block], start: int, window: int) -> Block | None:
    """A text dump's headline once its content is known (`start`, its first line): the
    nearest headline-like line of two words or more (a product's name) among the
    `window` lines above it, a menu's too (the menus repeat the page's own name), and
    one with a letter (not a price: "$45.00" is two words)."""
    above = reversed(blocks[max(0, start - window) : start])
    return next((b for b in above if _headline_like(b, _DUMP_TITLE_LABELS, 2) and _has_letter(b.text)), None)


def _has_letter(text: str) -> bool:
    return any(ch.isalpha() for ch in text)


_LINK_LABEL: Final = re.compile(
    r"(?:back to|return to|go to|go back|view (?:all|more|the|full)|see (?:all|more)|more (?:photos|videos)|"
    r"next|previous|prev|click|tap|swipe|photo \d+|image \d+|\d+ of \d+|\d+ photos)\b",
    re.I,
)
_WORD: Final = re.compile(r"[^\W_]+")
# Address words that name no headline.
_ADDRESS_NOISE: Final = frozenset(
    "html htm php aspx asp index www com amp the a an of and to in for on".split()
)
# A headline shares most of the address's words, of which there are a few.
_ADDRESS_SHARE: Final = 0.6
_ADDRESS_MIN_WORDS: Final = 3


def _named_by_address(blocks: Sequence[Block], url: str) -> Block | None:
    """The headline-like line that holds most of the words of the address's last path
    segment ("/blogs/fitness/how-to-use-gym-equipment" names "How To Use Gym Equipment
    (With Confidence!)"): a text dump keeps no <title>, and its headline is one line of many."""
    path = url.split("?", 1)[0].split("#", 1)[0].rstrip("/")
    segment = path.rsplit("/", 1)[-1]
    slug = {w for w in _WORD.findall(segment.casefold()) if not w.isdigit() and w not in _ADDRESS_NOISE}
    if len(slug) < _ADDRESS_MIN_WORDS:
        return None
    best, best_share = None, _ADDRESS_SHARE
    for b in blocks:
        if b.label is Label.COMMENT or not 2 <= b.features.words <= 40 or b.text.endswith("."):
            continue
        share = len(slug & set(_WORD.findall(b.text.casefold()))) / len(slug)
        if share > best_share:
            best, best_share = b, share
    return best


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
# What a date line says its date is, in the languages of the benches: the story's
# publication, its last update, or a date that is neither (a comment's, an offer's).
_PUBLISHED_WORDS: Final = re.compile(
    r"(?:published|posted|publicado|publicada|publié|publiée|publiziert|veröffentlicht|pubblicato|"
    r"pubblicata|опубликовано|gepubliceerd|asked|发布|發佈|公開|입력)\W{0,3}(?:on|am|le|el|em|il|op)?\W{0,3}(?:the\W{1,3})?$",
    re.I,
)
_MODIFIED_WORDS: Final = re.compile(
    r"(?:updated|modified|revised|edited|aktualisiert|geändert|mis à jour|actualizado|actualizada|atualizado|"
    r"aggiornato|обновлено|bijgewerkt|更新|수정)\W{0,3}(?:on|am|le|el|em|il|op)?\W{0,3}$",
    re.I,
)
_OTHER_DATE_WORDS: Final = re.compile(
    r"(?:answered|commented|replied|joined|since|expires?|ends?|until|valid|through|from|before|"
    r"due|deadline|event|starts?|founded|established|registered|born)\W{0,3}(?:on|am|le|el|em|il|op)?\W{0,3}$",
    re.I,
)
# Before a date, at most this many characters tell what the date is.
_DATE_CONTEXT: Final = 30
# An update line follows the publication line within this many blocks.
_UPDATE_AFTER: Final = 3
# At most this many words besides the date make a line a date line.
_DATE_LINE_WORDS: Final = 8


def find_dates(
    blocks: Sequence[Block],
    stop: int,
    title: Block | None = None,
    under_title: int = 0,
    deadline: Deadline | None = None,
) -> tuple[str | None, str | None]:
    """(publication date, last update) from the date lines near the top: metadata or
    byline blocks, and short lines that are mostly a date ("Published March 5, 2024",
    "Jane Doe | Updated: Dec 17, 2025"). A date inside a sentence (a caption's "signed
    on August 14, 1935", a prompt's "on 21st June 2026!") is not the page's. The lines
    `under_title` blocks under the headline count whatever their label: a date line
    there is the story's even where the template makes it look like a menu or a footer.
    Its loops over the blocks and their years check `deadline` (`Config.time_limit`)."""
    under = range(title.index + 1, title.index + 1 + under_title) if title is not None else range(0)
    published = modified = first = None
    published_at = 0
    for b in checked(blocks[:stop], deadline, _READING_DATES):
        if not _may_date(b, under):
            continue
        if published and (modified or b.index > published_at + _UPDATE_AFTER):
            break
        if b.features.words > _DATE_MAX_WORDS:
            continue  # a date line is short; a story's line must be shorter still (`_is_date_line`)
        for at, iso in dates_in(b.text, deadline):
            before = b.text[max(0, at - _DATE_CONTEXT) : at]
            if b.label is Label.ARTICLE and not _is_date_line(b, at):
                continue  # a story's sentence ("the study, published on 5 March 2021, found")
            if _MODIFIED_WORDS.search(before):
                modified = modified or iso
                first = first or iso
            elif _PUBLISHED_WORDS.search(before) and not published:
                published, published_at = iso, b.index
            elif not _OTHER_DATE_WORDS.search(before) and _is_date_line(b, at):
                first = first or iso
    date = published or first or _said_published(blocks, deadline) or _signed_date(blocks)
    return date, modified if modified and date and modified >= date else None


def _signed_date(blocks: Sequence[Block]) -> str | None:
    """The date on the line right after a byline anywhere on the page ("Written by Jo
    Doe" / "April 8, 2024"): a template may put the author's box below the story. The
    last resort; comments and other stories' cards are not the page's."""
    for prev, b in zip(blocks, blocks[1:], strict=False):
        if prev.label is not Label.BYLINE or b.label in _NOT_THE_PAGES or not has_digits(b):
            continue
        found = dates_in(b.text)
        if found and found[0][0] < _DATE_OPENING and b.features.words <= _DATE_LINE_WORDS:
            return found[0][1]
    return None


def _may_date(b: Block, under: range) -> bool:
    """Whether the block may hold the page's date line: its label allows it, or it sits
    just under the headline (`under`) and is no comment."""
    placed = b.label in _DATE_LABELS or (b.index in under and b.label is not Label.COMMENT)
    return placed and has_digits(b)


def _said_published(blocks: Sequence[Block], deadline: Deadline | None = None) -> str | None:
    """A date the page says is its publication's ("Posted on April 13, 2023"), on a
    short line anywhere but among comments and links: the last resort. Not a story's
    sentence ("This post was originally published on the 21st of June 2017 and...")."""
    for b in checked(blocks, deadline, _READING_DATES):
        if b.label in _NOT_THE_PAGES or b.features.words > _DATE_MAX_WORDS or not has_digits(b):
            continue
        for at, iso in dates_in(b.text, deadline):
            if b.label is Label.ARTICLE and not _is_date_line(b, at):
                continue
            if _PUBLISHED_WORDS.search(b.text[max(0, at - _DATE_CONTEXT) : at]):
                return iso
    return None


_NOT_THE_PAGES: Final = (Label.COMMENT, Label.RELATED, Label.NAVIGATION, Label.AD, Label.PROMPT)


def _is_date_line(b: Block, at: int) -> bool:
    """Whether a date found at `at` is what the line is about: the line is labelled a
    date or byline line, opens with the date, or says little else. A story's line
    (ARTICLE) is one only when short ("August 14, 2010 -- Updated 1502 GMT"), when a
    byline leads to the date ("Discussion in 'Help' started by pelex, May 26, 2025."),
    or when it opens with a time stamp ("2019-02-23, 09:14 PM (This post was last
    modified...)"); prose that opens with a date ("August 14, 1935: the act...") is not."""
    if b.label in (Label.METADATA, Label.BYLINE, Label.DATELINE):
        return True
    words = b.features.words
    if at < _DATE_OPENING and (
        b.label is not Label.ARTICLE or words <= _DATE_LINE_WORDS or _stamped(b.text, at)
    ):
        return True
    if _BYLINE_IN_LINE.search(b.text, 0, at):
        return words <= 2 * _DATE_LINE_WORDS
    return words <= _DATE_LINE_WORDS and not b.text.rstrip().endswith(("!", "?"))


def _stamped(text: str, at: int) -> bool:
    """Whether the line opens with the date at `at` and a clock time follows it."""
    m = _DATE_RE.match(text, at)
    return m is not None and not text[:at].strip() and _CLOCK_AFTER.match(text, m.end()) is not None


_DATE_LABELS: Final = (Label.METADATA, Label.BYLINE, Label.DATELINE, Label.OTHER, Label.ARTICLE)
_BYLINE_IN_LINE: Final = re.compile(r"\bby\b", re.I)
_CLOCK_AFTER: Final = re.compile(r"[\s,|·-]{0,4}(?:at\s+)?\d{1,2}:\d\d")


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


def find_dateline(blocks: Sequence[Block], article: Sequence[Block]) -> tuple[str | None, str | None]:
    """The dateline place and any agency in it, from a dateline block or the lead (the
    first lines of the story: a caption or a lone line may come before the lead)."""
    first = article[0] if article else None
    if first is None:
        return None, None
    place = None
    for b in reversed(blocks[max(0, first.index - 3) : first.index]):
        if b.label is Label.DATELINE:
            place = b.text.strip(" -—–")
            break
    agency = None
    for b in article[:_LEAD_BLOCKS]:
        m = _DATELINE_IN_TEXT.match(b.text)
        if m and place is None:
            place = m.group(1).strip()
        agency = agency or lead_wire(b.text)
    return place, agency


# How many of the article's first blocks may open with its dateline.
_LEAD_BLOCKS: Final = 3


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
    for b in blocks[max(0, article[0].index - _LEAD_BLOCKS) : article[0].index]:
        if found := agency_byline(b.text)[1]:
            return found, b.text
    last = article[-1].index
    after = [
        b
        for b in blocks[last + 1 : last + 1 + _TAIL_AFTER]
        if b.label in _TAIL_LABELS and b.features.words <= _TAIL_WORDS
    ]
    for b in [*article[-_TAIL_AFTER:], *after]:
        if found := tail_wire(b.text, b.features.words):
            return found, b.text
    return None, None


def agency_byline(text: str) -> tuple[str | None, str | None]:
    """(name, agency) of a byline that names the agency and no "By": "Jane Roe |
    Bloomberg", "Jane Roe (AAP)", "Jane Roe, Reuters"; (None, None) for anything else."""
    if len(text) > _AGENCY_BYLINE_CHARS or not _has_byline_mark(text):
        return None, None
    m = _credit(text)
    if m is None or m.start() == 0 or text[m.end() :].strip(" ).") or not m.lastgroup:
        return None, None
    if text[: m.start()].rstrip().endswith("/"):
        return None, None  # "Jane Roe / AFP": a picture's credit
    name = _BYLINE_LEAD.sub("", text[: m.start()]).strip(" ,|/(–—-")
    return (name, _named(m)) if _NAME_LINE.fullmatch(name) else (None, None)


_AGENCY_BYLINE_CHARS: Final = 80


def _has_byline_mark(text: str) -> bool:
    """Whether the line holds what sets a byline's name apart from the agency after it
    (| , ( - – —; a cheap test first): six character tests (memchr in C) cost a short
    line less than one search of a pattern (tests/test_prefilters.py checks the two
    agree)."""
    return "," in text or "|" in text or "(" in text or "-" in text or "–" in text or "—" in text


# A closing credit: how many lines at the story's end, and what they may be labelled.
_TAIL_AFTER: Final = 3
_TAIL_LABELS: Final = (Label.METADATA, Label.BYLINE, Label.OTHER, Label.ARTICLE, Label.COPYRIGHT)


# Where a byline's names end (a dash, a bar, a date), and what separates them. A
# separator that starts with white space is tried only where a run of white space
# starts: from inside the run it would find what it finds from its start, after a scan
# of the run (and a split never resumes inside a run: each separator takes the spaces
# after it).
_AUTHORS_END: Final = re.compile(
    r"\s[-–—|•·]\s|,\s*(?=\d|(?:" + P.MONTHS + r")\b)"
    r"|[.,;]?\s*\b(?:(?:medically |fact[- ]checked |expert )?reviewed|fact[- ]checked|edited|illustrat\w+|photos?"
    r"|photographs?|video|graphics?)\s+by\b"
    r"|\s(?:on|in|at|via)\s|:\s*\d",
    re.I,
)
_AUTHORS_SPLIT: Final = re.compile(r"[,;]\s*|(?<!\s)\s+(?:and|und|et|y|e)\s+|&\s*|(?<!\s)\s+&\s*")
# A name glued to the date or "Updated" after it, where the markup set them side by
# side: "Jeffrey ZeldmanNovember 20", "Emmet WhiteUpdated: Feb 5".
_GLUED_END: Final = re.compile(
    r"(?<=[a-z])(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d"
    r"|(?:Updated|Published|Posted|Modified|Last updated)\b)"
)
# What opens a byline and is no name: "By", "Written by", "Author:".
_BYLINE_LEAD: Final = re.compile(
    r"^\W*(?:(?:(?:written|words|reporting|posted|story|text|authored|compiled|report)\s+)?by|von|par|por)"
    r"(?:\s*:?\s+|\s*:?$)|^\W*(?:authors?|autor(?:es|en)?|auteurs?|autori?|автор\w*|text|texto|texte|testo|tekst)\s*:\s*",
    re.I,
)
# A job title after a name ("Tom Krisher, AP Auto Writer", "Jane Doe, Staff Writer"):
# any piece holding one of these words is a title, not a name.
_ROLE_WORDS: Final = frozenset(
    "writer writers reporter reporters correspondent correspondents editor editors columnist "
    "contributor contributors contributing journalist journalists producer photographer staff "
    "bureau chief freelance intern desk newsroom team special guest senior director manager officer "
    "ceo founder president head vp expert specialist coordinator dietitian nutritionist "
    "redakteur redakteurin korrespondent korrespondentin redaktion rédaction rédacteur "
    "correspondant correspondante envoyé envoyée corresponsal redacción redactor redazione "
    "repórter redação".split()
)
# Words that start a job title written after a name without a comma.
_TITLE_WORDS: Final = frozenset(
    "writer reporter correspondent editor columnist contributor journalist producer photographer founder "
    "director manager ceo president former deputy lead senior associate assistant managing executive "
    "contributing chief".split()
)
# A name on its own is neither of these: words that stand in for one, and degrees.
_NOT_NAMES: Final = frozenset(
    "author anonymous guest unknown user editor staff team webmaster by undefined null none n/a "
    "md phd rn rd ms mph dds dvm jr sr cpp psp".split()
)
# Template junk: a dotted identifier (page.head.extra.author), an address, an id.
_JUNK_NAME: Final = re.compile(
    r"\w\.\w+\.\w+\.\w|https?:|www\.|\d{4}|[{}<>=]|^(?i:" + P.MONTHS + r")\.?\s+\d"
)
# Letters other than a name's: a degree after the name ("MD", "FACLM", "E-RYT").
_DEGREE: Final = re.compile(r"[A-Z][A-Z.\-®]{1,7}")
_NAME_MAX_WORDS: Final = 5
# A role in brackets after the name: "James Clear (Author)".
_ROLE_IN_BRACKETS: Final = re.compile(r"\s*\([^)]*\)?\s*$")


def person_names(raw: Sequence[str]) -> tuple[list[str], str | None]:
    """The people in author strings from bylines or markup, and the news agency among
    them, which is no author: "By TOM KRISHER, AP Auto Writer" gives (["Tom Krisher"],
    "The Associated Press"). "By", job titles, degrees and template junk go; names are
    split at commas, "and", "&"; a name the page shouts is given in title case."""
    names: list[str] = []
    agency = None
    for text in raw:
        text = html.unescape(text)
        agency = agency or wire_service(text)
        text = _GLUED_END.split(_BYLINE_LEAD.sub("", " ".join(text.split())), maxsplit=1)[0]
        text = _AUTHORS_END.split(text, maxsplit=1)[0]
        for i, piece in enumerate(_AUTHORS_SPLIT.split(text)):
            name, found = _one_name(piece.strip(" -–—"), first=i == 0)
            agency = agency or found
            if name and name not in names:
                names.append(name)
    return names, agency


def _one_name(piece: str, *, first: bool) -> tuple[str | None, str | None]:
    """(the person, the agency) in one piece of a byline; either may be None."""
    piece = _BYLINE_LEAD.sub("", _ROLE_IN_BRACKETS.sub("", piece).strip(" .:*()[]")).strip(" .:*")
    found = credit_line_wire(piece)
    if found:
        return None, found
    m = _credit(piece)
    if m:  # "Tom Krisher AP Auto Writer": the name before the credit
        piece, found = piece[: m.start()].strip(" ,|-–—"), _named(m)
    words = piece.split()
    # "Emma Ryan Lead Writer", "Will Judd Former Deputy Tech Editor": the title after the name.
    cut = next((i for i, w in enumerate(words) if i >= 2 and w.casefold() in _TITLE_WORDS), len(words))
    words = words[:cut]
    piece = " ".join(words)
    if (
        not words
        or len(words) > _NAME_MAX_WORDS
        or not any(c.isalpha() for c in piece)
        or _JUNK_NAME.search(piece)
        or (not first and any(w.casefold().strip(".,") in _ROLE_WORDS for w in words))
        or piece.replace(".", "").casefold() in _NOT_NAMES
        or (not first and len(words) == 1 and _DEGREE.fullmatch(piece))
    ):
        return None, found
    if piece.isupper() and len(words) > 1:  # a shouted name; one word may be initials
        piece = piece.title()
    return piece, found


# Each finder reads one candidate block (with the whole head for context) and returns
# the text that holds the names, or None.
_Finder = Callable[[Block, Sequence[Block]], "str | None"]


def find_authors(blocks: Sequence[Block], page_type: str = "article") -> list[str]:
    """Names from the page's head (`blocks`, up to the article's first lines): byline
    blocks ("By A and B", "A - Nov 19, 2019") first; else a line that credits them in
    words ("Posted by A on ...", "Thread starter A", "Authors: A, B"), a label alone
    before them ("Written by" / "A"), on a forum page the first post's head ("A
    January 5, 2024, 3:22pm"), else a name alone beside the date ("Jane Doe" / "Sep
    26, 2022", "Jane Doe October 14, 2025")."""
    names = person_names([b.text for b in blocks if b.label is Label.BYLINE])[0]
    if names:
        return names
    candidates = [b for b in blocks if b.label is not Label.COMMENT and b.features.words <= _CREDIT_MAX_WORDS]
    finders: list[_Finder] = [_credited, _after_label]
    if page_type == "forum":
        finders.append(_post_head)
    finders += [_agency_byline_name, _beside_date]
    for find in finders:
        for b in candidates:
            text = find(b, blocks)
            if text and (names := person_names([text])[0]):
                return names
    return []


def _agency_byline_name(b: Block, blocks: Sequence[Block]) -> str | None:
    """A wire credit that names people ("By Jane Doe, Associated Press") on a short line."""
    return agency_byline(b.text)[0] if b.features.words <= _HEAD_WORDS else None


# A credit line is short; longer lines that hold "by" are prose.
_CREDIT_MAX_WORDS: Final = 30
# "Posted by A on ...", "Text by A", "Written By: A", "ByA", "Thread starter A",
# "Discussion in 'Help' started by A, May 26", "submitted 17 hours ago by A",
# "Authors: A and B", "September 1st, 2023 By A".
_CREDITED: Final = re.compile(
    r"^(?i:.{0,40}?\b(?:written|text|story|article|guide|words|report|reporting)\s+)?"
    r"(?:(?i:by)|By(?=[A-Z][a-z]))\s*:?\s*(?P<a>[A-Z].*)"
    r"|^(?:[\d/.,\s]{6,12}|(?i:"
    + P.MONTHS
    + r")\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4})\s+(?i:by)\s*:?\s+(?P<b>[A-Z].*)"
    r"|^(?i:.{0,40}?\b(?:posted|submitted|started)\s+by|thread starter|topic starter|original poster)\s*:?\s*"
    r"(?P<c>\w.*)|^(?i:authors?|contributors?|autor(?:es|en)?|auteurs?)\s*:\s*(?P<d>\w.*)",
)
# Every credit `_CREDITED` reads has one of these within its first characters.
_CREDIT_KEYS: Final = re.compile(r"\b(?:by|starter|poster|author|autor|auteur|contributor)", re.I)
_CREDIT_HEAD: Final = 80


def _has_credit_stem(low: str) -> bool:
    """Whether `low` holds a stem of one of `_CREDIT_KEYS`'s words, in lower case and
    with no context: five substring tests cost a line's head less than one search of
    a pattern (tests/test_prefilters.py checks the two agree)."""
    return "by" in low or "aut" in low or "starter" in low or "poster" in low or "contributor" in low


def _may_credit(head: str) -> bool:
    """Whether `_CREDIT_KEYS` finds a key in `head`: tried only where a lowercased stem
    of one is there (most lines have none; the case-blind pattern is slow to say so)."""
    low = P.folded(head)
    if low is not None and not _has_credit_stem(low):
        return False
    return _CREDIT_KEYS.search(head) is not None


# A label on its own line, the names on the next.
_LABELS: Final = frozenset(
    "by author authors written by article by posted by words by text by story by autor auteur autore "
    "topic author contributors".split(" ")
) | frozenset(("written by", "article by", "posted by", "words by", "text by", "story by", "topic author"))


def _credited(b: Block, blocks: Sequence[Block]) -> str | None:
    if not _may_credit(b.text[:_CREDIT_HEAD]):  # cheap tests before the pattern
        return None
    m = _CREDITED.match(b.text)
    return (m.group("a") or m.group("b") or m.group("c") or m.group("d")) if m else None


def _after_label(b: Block, blocks: Sequence[Block]) -> str | None:
    if b.index + 1 >= len(blocks) or b.text.strip(" :").casefold() not in _LABELS:
        return None
    after = blocks[b.index + 1]
    return (
        after.text
        if after.features.words <= _NAME_MAX_WORDS + 3 and not after.features.ends_sentence
        else None
    )


# A forum post's head: the poster, then the date ("Mahaloth January 11, 2025, 12:04am",
# "Laubrani (Laubrani) July 30, 2024", "hayley.p 2 May 2025 18:48").
_POST_HEAD: Final = re.compile(
    r"^(?P<name>[^\W\d][\w.'’-]*(?: [^\W\d][\w.'’-]*){0,2})(?: \([^)]{1,40}\))?,?\s+(?=" + P.DATE_BODY + r")",
    re.I,
)
_NOT_POSTERS: Final = re.compile(
    r"(?:.*\b)?(?:published|updated|posted|modified|last|on|date|created|edited|asked|answered|joined|as of|since"
    r"|commented|replied|registered|seen|active|expires?|valid|ends|effective|sale|offer|open|closed|updated?"
    r"|(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?)$",
    re.I,
)


def _post_head(b: Block, blocks: Sequence[Block]) -> str | None:
    m = _POST_HEAD.match(b.text) if has_digits(b) else None
    if m is None or _NOT_POSTERS.match(m.group("name")):
        return None
    return m.group("name")


# A person's name alone on a line: two to four capitalised words (particles allowed).
_NAME_LINE: Final = re.compile(
    r"(?:[A-Z][a-z'’.-]+|[A-Z]\.|[A-Z]{2,}[a-z]?)"
    r"(?: (?:[A-Z][\w'’.-]*|van|de|der|den|von|da|di|del|della|la|le|bin|al|dos|das|du|y)){1,3}"
)
# Words of a page's furniture, never in a name.
_FURNITURE: Final = frozenset(
    "updated published posted last read more share home blog news by on min reading time comments "
    "reply about us contact privacy policy terms menu search login sign up subscribe related posts "
    "latest popular recent article articles category categories tags next previous view all "
    "free trial demo get started learn our team".split()
)


def _beside_date(b: Block, blocks: Sequence[Block]) -> str | None:
    """A name alone on its line with a date line beside it, or a name and a date."""
    words = b.features.words
    if words > _HEAD_WORDS or b.label is Label.TITLE or (b.dom is not None and b.dom.heading):
        return None  # a headline in title case
    if words > _NAME_MAX_WORDS and not has_digits(b):
        return None  # a cheap test before the patterns
    m = _POST_HEAD.match(b.text) if has_digits(b) and b.features.words <= _HEAD_WORDS else None
    name = m.group("name") if m else b.text.strip()
    if not _NAME_LINE.fullmatch(name) or any(w.casefold() in _FURNITURE for w in name.split()):
        return None
    if m:
        return name
    for other in blocks[max(0, b.index - 1) : b.index + 2]:
        short = other is not b and other.features.words <= _HEAD_WORDS and has_digits(other)
        if short and parse_date(other.text[:_DATE_OPENING]):
            return name
    return None


# A post's or byline's head line: the name and a date, and little else.
_HEAD_WORDS: Final = 10


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
    m = P.COPYRIGHT.search(text)
    if m and m.start() > 0:
        before = text[: m.start()].strip()
        if len(before.split()) <= _GLUED_HEADING_WORDS and not before.endswith((".", "!", "?", ":", ";")):
            return text[m.start() :]
    return text


_NOTICE: Final = re.compile(r"©|&copy;|\(c\)|\b(?:19|20)\d\d\b|all rights reserved", re.I)
# At most this many words before the copyright mark are a heading glued to the notice.
_GLUED_HEADING_WORDS: Final = 6
