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
