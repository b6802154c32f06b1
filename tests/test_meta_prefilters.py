"""The metadata stage's cheap tests that run before slow patterns (`authors._may_credit`,
`wire.credit_match`, `wire._photo_credit`, `people._has_byline_mark`,
`authors._has_credit_stem`) must give the pattern's own answer on every text: they only
skip texts the pattern cannot match. Checked on texts drawn from the characters that
make case-blind matching differ from `str.lower` (dotted and dotless i, long s, the
Kelvin sign), the patterns' words and the agencies' names."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from boilerstrip.meta import authors, people, wire

from .test_prefilters import texts

# The patterns the cheap tests stand for (each was the code's own until a cheap test
# replaced it): a stem of each credit key, what sets a byline's name apart from its agency.
CREDIT_STEMS = re.compile("by|starter|poster|aut|contributor")
AGENCY_BYLINE_MARKS = re.compile(r"[|,(\-–—]")


@settings(max_examples=3000, deadline=None)
@given(texts)
def test_credit_tests_give_the_patterns_answer(text: str) -> None:
    head = text[: authors._CREDIT_HEAD]
    assert authors._may_credit(head) == (authors._CREDIT_KEYS.search(head) is not None)
    found, expected = wire.credit_match(text), wire._CREDIT_RE.search(text)
    assert (found and found.span()) == (expected and expected.span())


@settings(max_examples=3000, deadline=None)
@given(texts)
def test_credit_stems_by_substrings_give_the_patterns_answer(text: str) -> None:
    low = text.lower()
    assert authors._has_credit_stem(low) == (CREDIT_STEMS.search(low) is not None)


MARK_PIECES = ["Jane Roe", " ", "|", ",", "(", ")", "-", "–", "—", "‐", "‑", "/", "AFP", "¦", "，", "（"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(MARK_PIECES), max_size=10).map("".join))
def test_byline_mark_test_gives_the_patterns_answer(text: str) -> None:
    assert people._has_byline_mark(text) == (AGENCY_BYLINE_MARKS.search(text) is not None)


PHOTO_PIECES = [
    "photo", "PHOTO", "Photo", "ımage", "İmage", "image", "Getty", "EPA", "epa", "Epa", "xEPAx", "ShutterſtocK",
    "shutterstock", "picture", "pıcture", "FOTO", "Bild", "bıld", "AFP", " ", "/", "(", ")", "Jane Roe", "é", "K",
]  # fmt: skip


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(PHOTO_PIECES), max_size=8).map("".join))
def test_photo_credit_test_gives_the_patterns_answer(text: str) -> None:
    assert wire._photo_credit(text) == (wire._PHOTO_CREDIT.search(text) is not None)
