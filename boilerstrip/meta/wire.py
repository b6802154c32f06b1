"""The news agency credited for a story: in a copyright line, a byline, a dateline's
brackets or a closing credit, searched with patterns built from the one table of
agencies (`patterns.agencies`)."""

from __future__ import annotations

import re
from typing import Final

from ..patterns.agencies import PICTURES_ONLY, WIRES, picture_credits
from ..patterns.rules import folded


def _agency_alternation(tag: str, short: bool, signed: bool = False) -> str:
    """One named group an agency ("<tag>_<index in the table>"), in table order, over its
    full names and, if `short`, its initials (if `signed`, only those it signs with)."""
    parts = []
    for i, agency in enumerate(WIRES):
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


def _alternatives(rx: str) -> list[str]:
    """The top-level branches of a pattern's source: split at the bars outside
    brackets (an agency's names are such a source: "Kyodo(?: News)?|KYODO")."""
    parts: list[str] = []
    depth = start = i = 0
    while i < len(rx):
        ch = rx[i]
        if ch == "\\":
            i += 1  # an escaped character is no bracket or bar
        elif ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(rx[start:i])
            start = i + 1
        i += 1
    parts.append(rx[start:])
    return parts


def _by_first_letter(branches: list[str]) -> str:
    """`branches` as one alternation grouped by their first letter ("A(?:FP|P|...)|R(?:euters|...)"):
    the engine tries a text's letters against some thirty groups, not a hundred
    branches. Each branch must open with a plain letter (else this raises)."""
    groups: dict[str, list[str]] = {}
    for rx in branches:
        if not rx[:1].isalpha() or rx[1:2] in ("?", "*", "+", "{"):
            raise ValueError(f"an agency's name must open with a plain letter: {rx!r}")
        groups.setdefault(rx[0], []).append(rx[1:])
    return "|".join(f"{first}(?:{'|'.join(rest)})" for first, rest in groups.items())


# Where `_CREDIT_RE` can find an agency, with no context: the names and signed initials
# its two branches take, grouped by first letter. A text that holds none of them cannot
# match it, and this is found some three times faster than the plain alternation of
# every agency's names and initials was (most lines hold none): grouping lets the
# engine skip most branches at once, and the unsigned initials ("sda", "ats") no longer
# stop it inside words.
_CREDITED_AGENCY: Final = re.compile(
    _by_first_letter(
        [x for a in WIRES for rx in (a.names, a.short if a.signs else "") if rx for x in _alternatives(rx)]
    )
)


def credit_match(text: str) -> re.Match[str] | None:
    """`_CREDIT_RE.search(text)`, after the cheap test that it can match, and from
    where the agency first found stands (less the white space `_CREDIT_RE` may take
    before initials): no match of it starts before."""
    found = _CREDITED_AGENCY.search(text)
    if found is None:
        return None
    at = found.start()
    return _CREDIT_RE.search(text, len(text[:at].rstrip()) if at else 0)


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
_REUTERS: Final = next(a.name for a in WIRES if a.name == "Reuters")


def agency_named(m: re.Match[str] | None) -> str | None:
    """The agency a match of this module's patterns names: its groups are named for
    the agency's place in the table (`_agency_alternation`)."""
    return WIRES[int(m.lastgroup.partition("_")[2])].name if m and m.lastgroup else None


def wire_service(text: str) -> str | None:
    """The news agency named in a copyright line, byline or credit, if any."""
    return agency_named(credit_match(text))


def credit_line_wire(text: str) -> str | None:
    """The agency when the whole line is its credit ("— AFP", "Associated Press",
    "dpa/lnw"): also how a markup field (a JSON-LD publisher) names one."""
    if len(text) > _CREDIT_LINE_CHARS or _photo_credit(text):
        return None
    return agency_named(_CREDIT_LINE_RE.match(text))


# A credit line is short: a longer one is a sentence that mentions the agency.
_CREDIT_LINE_CHARS: Final = 80


# A picture's credit names an agency without making the story its copy: it holds a
# picture's word or an agency of pictures (its initials as a word, "EPA" being inside
# "separate"; a name by its first word, "Getty"). In lower case, for the cheap test.
_PICTURE_AGENCIES: Final = picture_credits(PICTURES_ONLY)
_PHOTO_STEMS: Final = ("photo", "image", "picture", "foto", "bild") + tuple(
    credit.split()[0].lower() for credit in _PICTURE_AGENCIES
)
_PHOTO_CREDIT: Final = re.compile(
    "|".join(rf"\b{stem}\b" if stem.upper() in _PICTURE_AGENCIES else stem for stem in _PHOTO_STEMS), re.I
)


def _photo_credit(text: str) -> bool:
    """Whether `_PHOTO_CREDIT` finds a picture's word in `text`, after the cheap test
    that a lowercased stem of one is there (the case-blind pattern is slow to say no)."""
    low = folded(text)
    if low is not None and not any(stem in low for stem in _PHOTO_STEMS):
        return False
    return _PHOTO_CREDIT.search(text) is not None


def lead_wire(text: str) -> str | None:
    """The agency in a dateline opening the story ("MOSCOW (Reuters) -")."""
    if "(" not in text[:_LEAD_REACH] and "/" not in text[:_LEAD_REACH]:
        return None  # no bracket or slash where `_LEAD_RE`'s can stand: the cheap test first
    return agency_named(_LEAD_RE.match(text[:_LEAD_CHARS]))


_LEAD_CHARS: Final = 120
# `_LEAD_RE`'s bracket or slash stands after at most 60 characters of place and date:
# a line without one in its first 61 cannot match (tests/test_meta_screens.py checks).
_LEAD_REACH: Final = 61


def tail_wire(text: str, words: int) -> str | None:
    """The agency in a closing credit: a credit line, a "Reporting by ... Editing by"
    line (Reuters' signature), "X contributed to this report"."""
    found = credit_line_wire(text)
    if found or words > TAIL_WORDS:
        return found
    if _REPORTING_RE.match(text):
        return _REUTERS
    if _may_credit_part(text) and _CONTRIBUTED_RE.search(text):
        return agency_named(credit_match(text))
    return None


def _may_credit_part(text: str) -> bool:
    """Whether `_CONTRIBUTED_RE` may match `text`: it opens with "this" or "the
    following", or holds "contributed", lowercased (`folded`: else only the pattern can
    tell). The pattern, tried at every character of the story's last lines, cost more
    than the rest of the closing credit's reading (tests/test_meta_prefilters.py checks
    the two agree)."""
    low = folded(text)
    return low is None or low.startswith(("this", "the following")) or "contributed" in low


# A closing credit is short: a longer line naming an agency is the story's own words.
TAIL_WORDS: Final = 40
