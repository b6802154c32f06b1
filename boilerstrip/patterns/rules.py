"""What every phrase pattern is built with: the whole-line pattern, the cue gate (`Rule`)
and the lowercased text a cheap test reads before a case-blind pattern.

Why apart from the vocabularies: each vocabulary module (comments, prompts, the page's
furniture, the story's own metadata lines) builds its patterns the same way, and the
gate's contract (a rule is tried only on blocks holding one of its cues) is stated once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

IGNORECASE: Final = re.IGNORECASE


def line_source(body: str) -> str:
    """The source of a pattern that must cover the whole block, give or take brackets
    and punctuation (match it at the block's start).

    Linear time: the opening brackets are taken all at once (a lookahead, atomic in
    `re`, and a back-reference), so the body is tried after them only, never at each
    bracket of a long run (no body starts with a bracket unless it may start with
    anything, `.{0,n}`, which then only has less to cover). No body may end at more
    than a bounded number of places inside a run of closing punctuation (`.{0,n}` at
    n + 1 of them; `.*` only at the end), so the run is scanned a bounded number of
    times; a body that is itself a run of symbols would end anywhere in it (see
    NAVIGATION)."""
    return rf"(?=(?P<lead>[\[(«<\s【「『〔［（]*))(?P=lead)(?:{body})[\s:.!?»›>|•\-–—\])】」』〕］）：。]*$"


# What `\s` matches in a str pattern: every character `str.isspace` calls whitespace
# (tests/test_pattern_screens.py checks the two agree).
SPACES: Final = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
# The characters of `line_source`'s opening brackets and of its closing punctuation, for
# `str.lstrip` and `str.rstrip` (the same test checks them against the pattern).
LEAD: Final = "[(«<【「『〔［（" + SPACES
TRAIL: Final = ":.!?»›>|•-–—])】」』〕］）：。" + SPACES
# The same as sets, for a test of one character (a lookup, where `in` a str is a search).
LEAD_SET: Final = frozenset(LEAD)
TRAIL_SET: Final = frozenset(TRAIL)


def line(body: str) -> re.Pattern[str]:
    """A pattern that must cover the whole block, give or take brackets and punctuation."""
    return re.compile(line_source(body), IGNORECASE)


@dataclass(frozen=True, slots=True)
class Rule:
    """A pattern and the cues that gate it (see the package docstring)."""

    pattern: re.Pattern[str]
    cues: frozenset[str]
    anywhere: bool = False  # search the text instead of matching at its start

    def applies(self, text: str, cues: frozenset[str] | None) -> bool:
        """True when the pattern matches; `cues` None means "unknown, try it"."""
        if cues is not None and cues.isdisjoint(self.cues):
            return False
        return self.matches(text)

    def matches(self, text: str) -> bool:
        """True when the pattern matches, for a caller that has checked the cues
        (the pattern detectors check every rule's at once, `detect.pattern.cue_gates`)."""
        found = self.pattern.search(text) if self.anywhere else self.pattern.match(text)
        return found is not None


def cues(words: str) -> frozenset[str]:
    """A rule's cues, written as one string of words separated by spaces."""
    return frozenset(words.split())


def folded(text: str) -> str | None:
    """`text` lowercased, for a cheap test before a case-blind pattern (a text without
    the pattern's words in it cannot match); None when it holds a letter that such a
    pattern reads as an ASCII letter but `str.lower` does not make one (dotted and
    dotless i, long s), where only the pattern can tell."""
    if not text.isascii() and ("\u0130" in text or "\u0131" in text or "\u017f" in text):
        return None
    return text.lower()


# The letters a case-blind pattern reads as a lowercase letter of the screens' words
# where `str.lower` does not make that letter: dotted capital I (lowered to two
# characters) and dotless i, long s, and the old forms of Cyrillic letters.
READ_AS: Final[dict[str, str]] = {
    "i": "\u0130\u0131",
    "s": "\u017f",
    "в": "\u1c80",
    "д": "\u1c81",
    "о": "\u1c82",
    "с": "\u1c83",
    "т": "\u1c84\u1c85",
    "ъ": "\u1c86",
    "ѣ": "\u1c87",
    "ꙋ": "\u1c88",
}
# Those letters one by one (a tuple: a loop over a str would make a str of each).
_UNSURE: Final[tuple[str, ...]] = tuple("".join(READ_AS.values()))


def caseless(text: str) -> str | None:
    """`text` lowercased, for a screen (a cheap test a text must pass before a
    case-blind pattern is tried on it) that looks for the pattern's words: None when
    it holds a letter the pattern reads as one of those words' letters but `str.lower`
    does not make it (`READ_AS`), where only the pattern can tell. Wider than `folded`,
    which is for words in ASCII letters only."""
    if not text.isascii():
        for ch in _UNSURE:
            if ch in text:
                return None
    return text.lower()


def by_first(prefixes: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """Lowercase `prefixes` of what a case-blind pattern may match at a text's start,
    by the text's first character, for `starts_with_any`: under it in either case; under
    the letters `READ_AS` and the Kelvin sign read as its first letter, the empty
    prefix, which any text starts with."""
    table: dict[str, tuple[str, ...]] = {}
    for prefix in prefixes:
        first = prefix[0]
        keys = {first, first.upper()} if len(first.upper()) == 1 else {first}
        for key in keys:
            table[key] = (*table.get(key, ()), prefix)
        for key in READ_AS.get(first, "") + ("\u212a" if first == "k" else ""):
            table[key] = ("",)
    return table


def starts_with_any(text: str, head: int, table: dict[str, tuple[str, ...]]) -> bool:
    """Whether `text` may start with a prefix of `table` (`by_first`), none longer than
    `head`, to a case-blind pattern: one lookup by its first character, and only a text
    that may start with one is cut and lowercased (`caseless`)."""
    if not text:
        return False
    found = table.get(text[0])
    if found is None:
        return False
    low = caseless(text[:head])
    return low is None or low.startswith(found)
