"""The cheap tests that run before slow patterns (`pagetype.line_marks`,
`meta._may_credit`, `meta._credit`) must give the pattern's own answer on every text:
they only skip texts the pattern cannot match. Checked on texts drawn from the
characters that make case-blind matching differ from `str.lower` (dotted and dotless
i, long s, the Kelvin sign), the patterns' words, currency signs and code marks."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from boilerstrip import meta, pagetype
from boilerstrip.detect import features
from boilerstrip.detect import pattern as detectors
from boilerstrip.model import Block, Features

PIECES = [
    "price", "PRICE", "Prİce", "prıce", "PRIce", "usd", "UſD", "eur", "GBP", "$", "€", "£", "¥", "₹", "12", "3.50",
    ",99", " ", "-", "posts", "Replies", "joıned", "member", "VIEWS", "quote", "thread", "topic", "answered",
    "aſked", "upvotes", "votes", "liKes", "like", "by", "BY", "Bẏ", "starter", "poster", "author", "autor",
    "auteur", "contributor", "Reuters", "AP", "Associated Press", "AFP", "dpa", "(", ")", ",", "|", "—", "©",
    "2024", "{", "}", ";", "()", "=>", "::", "def", "return", "x", "Jane Roe", "\n", "é", "İ", "ı", "ſ", "K",
]  # fmt: skip


# The patterns the cheap tests stand for (each was the code's own until a cheap test
# replaced it): a stem of each forum word, the separators of breadcrumbs, a stem of each
# credit key, what sets a byline's name apart from its agency.
FORUM_STEMS = re.compile("post|repl|joined|member|views|quote|thread|topic|answered|asked|vote|like")
SEPARATORS = re.compile(r"[>»›/|]")
CREDIT_STEMS = re.compile("by|starter|poster|aut|contributor")
AGENCY_BYLINE_MARKS = re.compile(r"[|,(\-–—]")

texts = st.lists(st.sampled_from(PIECES), max_size=14).map("".join)


def _block(text: str) -> Block:
    return Block(text, 0, 1, Features(words=len(text.split())))


def _marks_by_pattern(b: Block) -> tuple[int, int, int]:
    words, text = b.features.words, b.text
    return (
        1 if words <= 40 and pagetype._PRICE.search(text) else 0,
        1 if pagetype._CODE.search(text) else 0,
        1 if words <= 12 and pagetype._FORUM_LINE.search(text) else 0,
    )


@settings(max_examples=3000, deadline=None)
@given(texts)
def test_line_marks_give_the_patterns_answer(text: str) -> None:
    if text:
        b = _block(text)
        assert pagetype.line_marks(b) == _marks_by_pattern(b)


@settings(max_examples=3000, deadline=None)
@given(texts)
def test_credit_tests_give_the_patterns_answer(text: str) -> None:
    head = text[: meta._CREDIT_HEAD]
    assert meta._may_credit(head) == (meta._CREDIT_KEYS.search(head) is not None)
    found, expected = meta._credit(text), meta._CREDIT_RE.search(text)
    assert (found and found.span()) == (expected and expected.span())


@pytest.mark.parametrize(
    ("text", "marks"),
    [
        ("PRİCE on request", (1, 0, 0)),  # the dotted capital I reads as i to the pattern
        ("Best prıce", (1, 0, 0)),  # and so does the dotless i
        ("42 UſD", (1, 0, 0)),  # and the long s as s
        ("12 liKes", (0, 0, 1)),  # the Kelvin sign as k
        ("A long sentence with no mark at all, only words.", (0, 0, 0)),
    ],
)
def test_line_marks_of_letters_str_lower_does_not_fold(text: str, marks: tuple[int, int, int]) -> None:
    assert pagetype.line_marks(_block(text)) == marks


@settings(max_examples=3000, deadline=None)
@given(texts)
def test_forum_stems_by_substrings_give_the_patterns_answer(text: str) -> None:
    low = text.lower()
    assert pagetype._may_forum(low) == (FORUM_STEMS.search(low) is not None)


SEPARATOR_PIECES = ["a", " ", "/", "|", ">", "»", "›", "<", "«", "‹", "\\", "→", "·", "2"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(SEPARATOR_PIECES), max_size=12).map("".join))
def test_separator_test_gives_the_patterns_answer(text: str) -> None:
    assert features._has_separator(text) == (SEPARATORS.search(text) is not None)


@settings(max_examples=3000, deadline=None)
@given(st.floats(min_value=0.0, max_value=1.0) | st.integers(0, 2000).map(lambda k: k / 2000))
def test_scorer_reason_concatenated_reads_as_the_f_string(p: float) -> None:
    reason = "long block of prose"
    assert reason + "; scorer p=" + format(p, ".2f") == f"{reason}; scorer p={p:.2f}"


@settings(max_examples=3000, deadline=None)
@given(texts)
def test_credit_stems_by_substrings_give_the_patterns_answer(text: str) -> None:
    low = text.lower()
    assert meta._has_credit_stem(low) == (CREDIT_STEMS.search(low) is not None)


MARK_PIECES = ["Jane Roe", " ", "|", ",", "(", ")", "-", "–", "—", "‐", "‑", "/", "AFP", "¦", "，", "（"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(MARK_PIECES), max_size=10).map("".join))
def test_byline_mark_test_gives_the_patterns_answer(text: str) -> None:
    assert meta._has_byline_mark(text) == (AGENCY_BYLINE_MARKS.search(text) is not None)


PHOTO_PIECES = [
    "photo", "PHOTO", "Photo", "ımage", "İmage", "image", "Getty", "EPA", "epa", "Epa", "xEPAx", "ShutterſtocK",
    "shutterstock", "picture", "pıcture", "FOTO", "Bild", "bıld", "AFP", " ", "/", "(", ")", "Jane Roe", "é", "K",
]  # fmt: skip


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(PHOTO_PIECES), max_size=8).map("".join))
def test_photo_credit_test_gives_the_patterns_answer(text: str) -> None:
    assert meta._photo_credit(text) == (meta._PHOTO_CREDIT.search(text) is not None)


CONTAINERS = ["nav", "footer", "aside", "article", "main", "li", "table", "form"]


@given(
    st.frozensets(st.sampled_from(CONTAINERS)), st.lists(st.sampled_from(CONTAINERS), max_size=3).map(tuple)
)
def test_in_any_is_not_isdisjoint(containers: frozenset[str], names: tuple[str, ...]) -> None:
    assert detectors._in_any(containers, names) == (not containers.isdisjoint(names))


@settings(max_examples=3000, deadline=None)
@given(st.floats(min_value=0.0, max_value=1.0))
def test_link_share_concatenated_reads_as_the_f_string(share: float) -> None:
    assert "mostly links (" + format(share, ".0%") + ")" == f"mostly links ({share:.0%})"
