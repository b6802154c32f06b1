"""The page's authors, from its bylines or, where none is labelled, from the lines that
credit them in words, a label alone above them, a post's head or a name beside the date."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from typing import Final

from ..model import Block, Label
from ..patterns.dates import DATE_BODY, MONTHS
from ..patterns.rules import folded
from .dates import DATE_OPENING, has_digits, parse_date
from .people import NAME_LINE, NAME_MAX_WORDS, agency_byline, is_role, person_names


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
    listed: list[Block] = blocks if isinstance(blocks, list) else list(blocks)  # read by index
    candidates = [b for b in listed if b.label is not Label.COMMENT and b.features.words <= _CREDIT_MAX_WORDS]
    crediting = _may_credit_each(candidates)
    dated: dict[int, bool] = {}  # `_date_beside`'s answers, by line: each line is beside two
    for finder in _FORUM_FINDERS if page_type == "forum" else _FINDERS:
        for b in crediting if finder == "credited" else candidates:
            text = _found(finder, b, listed, dated)
            if text and (names := person_names([text])[0]):
                return names
    return []


def _may_credit_each(candidates: list[Block]) -> list[Block]:
    """The candidates whose head `_may_credit` may say yes to (the others `_credited`
    says no to): the heads joined and searched for the stems once a page, not each
    head lowercased and searched five times (most heads hold none). The stems are
    ASCII letters, and `str.lower` makes such a letter only of such a letter (and of
    two signs no stem needs: the Kelvin sign's k, the dotted capital I's i, which
    `folded` leaves to the pattern), so the heads are lowercased as ASCII bytes, every
    other character one "?": each keeps its place, and a stem found lies in one head
    (they are joined by line breaks, which no stem holds). tests/test_meta_screens.py
    checks the two agree."""
    heads = [b.text[:_CREDIT_HEAD] for b in candidates]
    joined = "\n".join(heads)
    if not joined.isascii() and ("\u0130" in joined or "\u0131" in joined or "\u017f" in joined):
        # a letter only the pattern reads (`folded`): each head on its own
        return [candidates[k] for k in range(len(heads)) if _has_stem_or_unsure(heads[k])]
    low = joined.encode("ascii", "replace").lower()
    starts = [0] * len(heads)
    at = 0
    for k in range(len(heads)):
        starts[k] = at
        at += len(heads[k]) + 1
    marked = [False] * len(heads)
    for stem in _CREDIT_STEMS:
        at = low.find(stem)
        while at >= 0:
            k = bisect_right(starts, at) - 1
            marked[k] = True
            at = low.find(stem, starts[k + 1]) if k + 1 < len(heads) else -1
    return [candidates[k] for k in range(len(heads)) if marked[k]]


def _has_stem_or_unsure(head: str) -> bool:
    """Whether a head lowercased holds a stem of `_CREDIT_KEYS`'s words, or holds a
    letter `folded` leaves to the pattern: `_may_credit` without the pattern."""
    low = folded(head)
    return low is None or _has_credit_stem(low)


# The finders, in the order they are tried (a forum's first post's head before the
# agency's byline), by the names `_found` calls them by. Each reads one candidate block
# (with the whole head for context) and returns the text that holds the names, or None.
_FINDERS: Final = ("credited", "after label", "agency byline", "beside date", "under headline")
_FORUM_FINDERS: Final = (*_FINDERS[:2], "post head", *_FINDERS[2:])


def _found(finder: str, b: Block, blocks: list[Block], dated: dict[int, bool]) -> str | None:
    """What the finder named `finder` finds on `b`: each called by name, not from a
    list of functions (a compiled function called as an object parses its arguments
    on each call, and the finders run on every line of the page's head). `dated`:
    which lines are dates, as `_date_beside` has read them on this page so far."""
    if finder == "credited":
        return _credited(b, blocks)
    if finder == "after label":
        return _after_label(b, blocks)
    if finder == "post head":
        return _post_head(b, blocks)
    if finder == "agency byline":
        return _agency_byline_name(b, blocks)
    if finder == "beside date":
        return _beside_date(b, blocks, dated)
    return _under_headline(b, blocks)


def _agency_byline_name(b: Block, blocks: list[Block]) -> str | None:
    """A wire credit that names people ("By Jane Doe, Associated Press") on a short line."""
    return agency_byline(b.text)[0] if b.features.words <= _HEAD_WORDS else None


# A credit line is short; longer lines that hold "by" are prose.
_CREDIT_MAX_WORDS: Final = 30
# "Posted by A on ...", "Text by A", "Written By: A", "ByA", "Thread starter A",
# "Discussion in 'Help' started by A, May 26", "submitted 17 hours ago by A",
# "Authors: A and B", "September 1st, 2023 By A", "Posted on July 1, 2024 by A",
# "Last Updated on April 8, 2024 by A".
_CREDITED: Final = re.compile(
    r"^(?i:.{0,40}?\b(?:written|text|story|article|guide|words|report|reporting)\s+)?"
    r"(?:(?i:by)|By(?=[A-Z][a-z]))\s*:?\s*(?P<a>[A-Z].*)"
    r"|^(?i:(?:last\s+)?(?:posted|published|updated|written)(?:\s+on)?\s+)?(?:[\d/.,\s]{6,12}|(?i:"
    + MONTHS
    + r")\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4})\s+(?i:by)\s*:?\s+(?P<b>[A-Z].*)"
    r"|^(?i:.{0,40}?\b(?:posted|submitted|started)\s+by|thread starter|topic starter|original poster)\s*:?\s*"
    r"(?P<c>\w.*)|^(?i:authors?|contributors?|autor(?:es|en)?|auteurs?)\s*:\s*(?P<d>\w.*)",
)
# Every credit `_CREDITED` reads has one of these within its first characters.
_CREDIT_KEYS: Final = re.compile(r"\b(?:by|starter|poster|author|autor|auteur|contributor)", re.I)
_CREDIT_HEAD: Final = 80


# The stems `_has_credit_stem` looks for, as bytes (`_may_credit_each`).
_CREDIT_STEMS: Final = (b"by", b"aut", b"starter", b"poster", b"contributor")


def _has_credit_stem(low: str) -> bool:
    """Whether `low` holds a stem of one of `_CREDIT_KEYS`'s words, in lower case and
    with no context: five substring tests cost a line's head less than one search of
    a pattern (tests/test_prefilters.py checks the two agree)."""
    return "by" in low or "aut" in low or "starter" in low or "poster" in low or "contributor" in low


def _may_credit(head: str) -> bool:
    """Whether `_CREDIT_KEYS` finds a key in `head`: tried only where a lowercased stem
    of one is there (most lines have none; the case-blind pattern is slow to say so).
    One line's test: `find_authors` tests a page's heads at once (`_may_credit_each`)."""
    return _has_stem_or_unsure(head) and _CREDIT_KEYS.search(head) is not None


# A label on its own line, the names on the next.
_LABELS: Final = frozenset(
    "by author authors written by article by posted by words by text by story by autor auteur autore "
    "topic author contributors".split(" ")
) | frozenset(("written by", "article by", "posted by", "words by", "text by", "story by", "topic author"))


# The longest label: a longer line is none.
_LABEL_MAX_CHARS: Final = max(len(label) for label in _LABELS)


# The line after a label: a name and maybe a role ("Jane Doe, Staff Writer").
_LABELLED_WORDS: Final = NAME_MAX_WORDS + 3


def _credited(b: Block, blocks: list[Block]) -> str | None:
    """The names a line credits in words. `find_authors` asks only of the lines whose
    head holds a stem of a credit's key (`_may_credit_each`), so of `_may_credit` only
    the pattern is left to try."""
    if _CREDIT_KEYS.search(b.text[:_CREDIT_HEAD]) is None:  # a key, before the slow pattern
        return None
    m = _CREDITED.match(b.text)
    return (m.group("a") or m.group("b") or m.group("c") or m.group("d")) if m else None


def _after_label(b: Block, blocks: list[Block]) -> str | None:
    if b.index + 1 >= len(blocks):
        return None
    label = b.text.strip(" :")
    # Case folding never shortens a text: a longer line is no label, and is not folded.
    if len(label) > _LABEL_MAX_CHARS or label.casefold() not in _LABELS:
        return None
    after = blocks[b.index + 1]
    return (
        after.text if after.features.words <= _LABELLED_WORDS and not after.features.ends_sentence else None
    )


# A forum post's head: the poster, then the date ("Mahaloth January 11, 2025, 12:04am",
# "Laubrani (Laubrani) July 30, 2024", "hayley.p 2 May 2025 18:48").
_POST_HEAD: Final = re.compile(
    r"^(?P<name>[^\W\d][\w.'’-]*(?: [^\W\d][\w.'’-]*){0,2})(?: \([^)]{1,40}\))?,?\s+(?=" + DATE_BODY + r")",
    re.I,
)
_NOT_POSTERS: Final = re.compile(
    r"(?:.*\b)?(?:published|updated|posted|modified|last|on|date|created|edited|asked|answered|joined|as of|since"
    r"|commented|replied|registered|seen|active|expires?|valid|ends|effective|sale|offer|open|closed|updated?"
    r"|(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?)$",
    re.I,
)


def _post_head(b: Block, blocks: list[Block]) -> str | None:
    m = _POST_HEAD.match(b.text) if has_digits(b) else None
    if m is None or _NOT_POSTERS.match(m.group("name")):
        return None
    return m.group("name")


# Words of a page's furniture, never in a name.
_FURNITURE: Final = frozenset(
    "updated published posted last read more share home blog news by on min reading time comments "
    "reply about us contact privacy policy terms menu search login sign up subscribe related posts "
    "latest popular recent article articles category categories tags next previous view all "
    "free trial demo get started learn our team".split()
)


def _beside_date(b: Block, blocks: list[Block], dated: dict[int, bool]) -> str | None:
    """A name alone on its line with a date line beside it, or a name and a date."""
    words = b.features.words
    if words > _HEAD_WORDS or b.label is Label.TITLE or (b.dom is not None and b.dom.heading):
        return None  # a headline in title case
    if words > NAME_MAX_WORDS and not has_digits(b):
        return None  # a cheap test before the patterns
    m = None
    if has_digits(b):
        # A name opens the line, or no path below finds one: a post's head's name and a
        # name alone both match `NAME_LINE` (`_name_alone`), and its start costs less to
        # try than a post's head (a name and a date, `_POST_HEAD`).
        if NAME_LINE.match(b.text.lstrip()) is None:
            return None
        m = _POST_HEAD.match(b.text)
    if m is None and not _date_beside(b, blocks, dated):
        return None  # the cheaper test first: most short lines have no date beside them
    name = m.group("name") if m else b.text.strip()
    return name if _name_alone(name) else None


def _date_beside(b: Block, blocks: list[Block], dated: dict[int, bool]) -> bool:
    """Whether a short line just above or below `b` is a date. A line's answer is kept
    in `dated` (by its place in `blocks`): the line above one name is below the next."""
    for k in range(max(0, b.index - 1), min(len(blocks), b.index + 2)):
        other = blocks[k]
        if other is b or other.features.words > _HEAD_WORDS or not has_digits(other):
            continue
        found = dated.get(k)
        if found is None:
            found = dated[k] = parse_date(other.text[:DATE_OPENING]) is not None
        if found:
            return True
    return False


def _under_headline(b: Block, blocks: list[Block]) -> str | None:
    """A name alone on its line just under the headline, with its job title on the
    next line ("Chirag Bhardwaj" / "VP - Technology"): an author's box that a dump
    renders as bare lines, read as a menu's, with no "By". The last resort. (A date
    line below the name instead of a job title also took section names: "Video
    Production" / "March 3, 2025".)"""
    if not _under_title(b, blocks):
        return None
    name = b.text.strip()
    if not _name_alone(name):
        return None
    after = next(
        (a for a in blocks[b.index + 1 : b.index + 1 + _UNDER_TITLE] if a.text.strip() != name), None
    )
    return name if after is not None and is_role(after.text) else None


def _under_title(b: Block, blocks: list[Block]) -> bool:
    """Whether the headline is among the `_UNDER_TITLE` lines above `b`: read by place,
    not from a slice of the lines (this runs on every short line of the page's head)."""
    for k in range(max(0, b.index - _UNDER_TITLE), min(b.index, len(blocks))):
        if blocks[k].label is Label.TITLE:
            return True
    return False


def _name_alone(line: str) -> bool:
    """Whether a line is shaped as a name and no more: not a page's furniture ("Read
    More"), not a job title ("Senior Garden Editor", which a date line beside it made
    an author)."""
    return (
        bool(NAME_LINE.fullmatch(line))
        and not any(w.casefold() in _FURNITURE for w in line.split())
        and not is_role(line)
    )


# How far under the headline an author's box stands.
_UNDER_TITLE: Final = 3
# A post's or byline's head line: the name and a date, and little else.
_HEAD_WORDS: Final = 10
