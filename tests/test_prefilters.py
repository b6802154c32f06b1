"""The cheap tests that run before slow patterns (`marks.line_marks`; the metadata
stage's in tests/test_meta_prefilters.py) must give the pattern's own answer on every text:
they only skip texts the pattern cannot match. Checked on texts drawn from the
characters that make case-blind matching differ from `str.lower` (dotted and dotless
i, long s, the Kelvin sign), the patterns' words, currency signs and code marks."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from boilerstrip import patterns
from boilerstrip.detect import features
from boilerstrip.detect import pattern as detectors
from boilerstrip.learned import marks
from boilerstrip.model import Block, Features

PIECES = [
    "price", "PRICE", "Prİce", "prıce", "PRIce", "usd", "UſD", "eur", "GBP", "$", "€", "£", "¥", "₹", "12", "3.50",
    ",99", " ", "-", "posts", "Replies", "joıned", "member", "VIEWS", "quote", "thread", "topic", "answered",
    "aſked", "upvotes", "votes", "liKes", "like", "by", "BY", "Bẏ", "starter", "poster", "author", "autor",
    "auteur", "contributor", "Reuters", "AP", "Associated Press", "AFP", "dpa", "(", ")", ",", "|", "—", "©",
    "2024", "{", "}", ";", "()", "=>", "::", "def", "return", "x", "Jane Roe", "\n", "é", "İ", "ı", "ſ", "K",
]  # fmt: skip


# The patterns the cheap tests stand for (each was the code's own until a cheap test
# replaced it): a stem of each forum word, the separators of breadcrumbs.
FORUM_STEMS = re.compile("post|repl|joined|member|views|quote|thread|topic|answered|asked|vote|like")
SEPARATORS = re.compile(r"[>»›/|]")

texts = st.lists(st.sampled_from(PIECES), max_size=14).map("".join)


def _block(text: str) -> Block:
    return Block(text, 0, 1, Features(words=len(text.split())))


def _marks_by_pattern(b: Block) -> tuple[int, int, int]:
    words, text = b.features.words, b.text
    return (
        1 if words <= 40 and marks._PRICE.search(text) else 0,
        1 if marks._CODE.search(text) else 0,
        1 if words <= 12 and marks._FORUM_LINE.search(text) else 0,
    )


@settings(max_examples=3000, deadline=None)
@given(texts)
def test_line_marks_give_the_patterns_answer(text: str) -> None:
    if text:
        b = _block(text)
        assert marks.line_marks(b) == _marks_by_pattern(b)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("PRİCE on request", (1, 0, 0)),  # the dotted capital I reads as i to the pattern
        ("Best prıce", (1, 0, 0)),  # and so does the dotless i
        ("42 UſD", (1, 0, 0)),  # and the long s as s
        ("12 liKes", (0, 0, 1)),  # the Kelvin sign as k
        ("A long sentence with no mark at all, only words.", (0, 0, 0)),
    ],
)
def test_line_marks_of_letters_str_lower_does_not_fold(text: str, expected: tuple[int, int, int]) -> None:
    assert marks.line_marks(_block(text)) == expected


@settings(max_examples=3000, deadline=None)
@given(texts)
def test_forum_stems_by_substrings_give_the_patterns_answer(text: str) -> None:
    low = text.lower()
    assert marks._may_forum(low) == (FORUM_STEMS.search(low) is not None)


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


FOOTER_PIECES = [
    "Privacy Policy", "privacy", "Terms of Use", "terms", "Contact", "About Us", "about", "FAQ", "Jobs", "Shop",
    "RSS", "İmprint", "Preſs", "Legal", "news", "Jane", " ", "  ", " | ", "|", "·", "•", "/", ",", " - ", "-",
    ".", ":", "...", "\t", "\xa0", "2024", "©", "é",
]  # fmt: skip


def _footer_row_by_split(text: str) -> bool:
    """`footer_row` as the footer detector wrote it before its cheap start test."""
    parts = [p for p in patterns.FOOTER_SPLIT.split(text) if p]
    return bool(parts) and all(patterns.FOOTER_WORDS.fullmatch(p.strip(" .:")) for p in parts)


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(FOOTER_PIECES), max_size=10).map("".join))
def test_footer_start_gives_the_splits_answer(text: str) -> None:
    assert patterns.footer_row(text) == _footer_row_by_split(text)


CUES = sorted(patterns.CUE_WORDS | {"#num", "#sym", "#sep", "©", "nocue"})


@settings(max_examples=2000, deadline=None)
@given(st.none() | st.frozensets(st.sampled_from(CUES), max_size=5))
def test_cue_gates_are_the_rules_gates(cues: frozenset[str] | None) -> None:
    """A block passes a rule's gate bit exactly where `Rule.applies` would try its
    pattern (see `detect.pattern._GATES`)."""
    (gates,) = detectors.cue_gates([Block("x", 0, 1, Features(cues=cues))])
    assert gates & detectors._CANDIDATE
    for bit, rule_cues in detectors._GATES:
        assert bool(gates & bit) == (cues is None or not cues.isdisjoint(rule_cues))


def test_str_lower_never_shortens_a_character() -> None:
    """What `_lone_byline_word` rests on: a text lowercased is no shorter than itself."""
    assert all(chr(c).lower() for c in range(0x110000) if not 0xD800 <= c < 0xE000)


BYLINE_PIECES = ["by", "BY", "Bẏ", "von", "İ", "ı", "ſ", "autor", "AUTEUR", "Текст", ":", "::", " ", "x", "Jane"]  # fmt: skip


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(BYLINE_PIECES), max_size=5).map("".join))
def test_lone_byline_word_gives_the_sets_answer(text: str) -> None:
    assert detectors._lone_byline_word(text) == (text.rstrip(":").lower() in patterns.BYLINE_WORDS)
