"""People named in bylines and markup: the names, without "By", job titles, degrees or
the agency that is no author."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import Final

from ..patterns.dates import MONTH_STEMS, MONTHS
from .wire import agency_named, credit_line_wire, credit_match, wire_service

# The words of a date stamp that may follow a byline's names, as a template writes
# them ("Updated: Feb 5", "Last updated"): where the names end. Case counts only where
# they are glued to a name (`_GLUED_END`).
_STAMP_WORDS: Final = "Updated|Published|Posted|Modified|Last updated"
# Where a byline's names end (a dash, a bar, a date, with or without a comma before it:
# "By Sofia Gonzalez December 2, 2025", "Richard Garner Updated Sep 5"), and what
# separates them. A separator that starts with white space is tried only where a run
# of white space starts: from inside the run it would find what it finds from its
# start, after a scan of the run (and a split never resumes inside a run: each
# separator takes the spaces after it).
_AUTHORS_END: Final = re.compile(
    r"\s[-–—|•·]\s|,\s*(?=\d|(?:" + MONTHS + r")\b)"
    r"|[.,;]?\s*\b(?:(?:medically |fact[- ]checked |expert )?reviewed|fact[- ]checked|edited|illustrat\w+|photos?"
    r"|photographs?|video|graphics?)\s+by\b"
    r"|\s(?:on|in|at|via)\s|:\s*\d"
    r"|\s+(?=(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?)?(?:" + MONTHS + r")\.?\s+\d)"
    r"|\s+(?=(?:" + _STAMP_WORDS + r")\b)",
    re.I,
)
_AUTHORS_SPLIT: Final = re.compile(r"[,;]\s*|(?<!\s)\s+(?:and|und|et|y|e)\s+|&\s*|(?<!\s)\s+&\s*")
# A name glued to the date or "Updated" after it, where the markup set them side by
# side: "Jeffrey ZeldmanNovember 20", "Emmet WhiteUpdated: Feb 5".
_GLUED_END: Final = re.compile(
    r"(?<=[a-z])(?:(?:" + "|".join(MONTH_STEMS) + r")[a-z]*\.?\s+\d"
    r"|(?:" + _STAMP_WORDS + r")\b)"
)
# What opens a byline and is no name: "By", "Written by", "Author:", a "By" glued to
# the name ("ByShivya Nath").
_BYLINE_LEAD: Final = re.compile(
    r"^\W*(?:(?:(?:written|words|reporting|posted|story|text|authored|compiled|report)\s+)?by|von|par|por)"
    r"(?:\s*:?\s+|\s*:?$)|^\W*(?-i:By(?=[A-Z][a-z]))|^\W*(?:authors?|autor(?:es|en)?|auteurs?|autori?|автор\w*|text|texto|texte|testo|tekst)\s*:\s*",
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
# What a menu sorts by, under "By" ("By Industry", "By Use Case", "By Company Size"): a
# byline's shape, and no name when every word of it is one of these.
_FACETS: Final = frozenset(
    "industry industries role roles type types size sizes category categories topic topics use case "
    "cases company team business organization organisation region regions location locations country "
    "state brand brands price product products service services solution solutions need needs challenge "
    "challenges stage department function platform audience format level subject style specialty "
    "manufacturer occasion persona job vertical segment feature features integration integrations goal "
    "goals".split()
)
# Template junk: a dotted identifier (page.head.extra.author), an address, an id.
_JUNK_NAME: Final = re.compile(r"\w\.\w+\.\w+\.\w|https?:|www\.|\d{4}|[{}<>=]|^(?i:" + MONTHS + r")\.?\s+\d")
# Letters other than a name's: a degree after the name ("MD", "FACLM", "E-RYT").
_DEGREE: Final = re.compile(r"[A-Z][A-Z.\-®]{1,7}")
NAME_MAX_WORDS: Final = 5
# A job title written after a name without a comma starts after its first two words.
_NAME_MIN_WORDS: Final = 2
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
    m = credit_match(piece)
    if m:  # "Tom Krisher AP Auto Writer": the name before the credit
        piece, found = piece[: m.start()].strip(" ,|-–—"), agency_named(m)
    words = piece.split()
    # "Emma Ryan Lead Writer", "Will Judd Former Deputy Tech Editor": the title after the name.
    cut = next(
        (i for i, w in enumerate(words) if i >= _NAME_MIN_WORDS and w.casefold() in _TITLE_WORDS), len(words)
    )
    words = words[:cut]
    piece = " ".join(words)
    if (
        not words
        or len(words) > NAME_MAX_WORDS
        or not any(c.isalpha() for c in piece)
        or _JUNK_NAME.search(piece)
        or (not first and any(w.casefold().strip(".,") in _ROLE_WORDS for w in words))
        or piece.replace(".", "").casefold() in _NOT_NAMES
        or all(w.casefold() in _FACETS for w in words)
        or (not first and len(words) == 1 and _DEGREE.fullmatch(piece))
    ):
        return None, found
    if piece.isupper() and len(words) > 1:  # a shouted name; one word may be initials
        piece = piece.title()
    return piece, found


def is_role(line: str) -> bool:
    """Whether a line is a job title ("VP - Technology", "Former McKinsey Consultant",
    "Senior Content Contributor"): a short line (`NAME_MAX_WORDS` words at most) that
    holds a role's word."""
    words = re.findall(r"[\w'’]+", line.casefold())
    return 0 < len(words) <= NAME_MAX_WORDS and any(w in _ROLE_WORDS or w in _TITLE_WORDS for w in words)


# A person's name alone on a line: two to four capitalised words (particles allowed).
NAME_LINE: Final = re.compile(
    r"(?:[A-Z][a-z'’.-]+|[A-Z]\.|[A-Z]{2,}[a-z]?)"
    r"(?: (?:[A-Z][\w'’.-]*|van|de|der|den|von|da|di|del|della|la|le|bin|al|dos|das|du|y)){1,3}"
)


def agency_byline(text: str) -> tuple[str | None, str | None]:
    """(name, agency) of a byline that names the agency and no "By": "Jane Roe |
    Bloomberg", "Jane Roe (AAP)", "Jane Roe, Reuters"; (None, None) for anything else."""
    if len(text) > _AGENCY_BYLINE_CHARS or not _has_byline_mark(text):
        return None, None
    m = credit_match(text)
    if m is None or m.start() == 0 or text[m.end() :].strip(" ).") or not m.lastgroup:
        return None, None
    if text[: m.start()].rstrip().endswith("/"):
        return None, None  # "Jane Roe / AFP": a picture's credit
    name = _BYLINE_LEAD.sub("", text[: m.start()]).strip(" ,|/(–—-")
    return (name, agency_named(m)) if NAME_LINE.fullmatch(name) else (None, None)


_AGENCY_BYLINE_CHARS: Final = 80


def _has_byline_mark(text: str) -> bool:
    """Whether the line holds what sets a byline's name apart from the agency after it
    (| , ( - – —; a cheap test first): six character tests (memchr in C) cost a short
    line less than one search of a pattern (tests/test_prefilters.py checks the two
    agree)."""
    return "," in text or "|" in text or "(" in text or "-" in text or "–" in text or "—" in text
