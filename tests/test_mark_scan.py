"""The C scan of a line's marks (`_text.may_marks`) reads a character's marks in one
word and compares a needle only where the line holds its first two letters: it gives
`marks._may_marks_in_python`'s answer on texts made of the needles, their first two
letters, the letters that fold apart from `str.lower`, code marks and currency signs,
in any of the three widths of a str, whichever patterns are asked; it refuses a
needle of one letter, which no pair of letters could find. The scan of a page's every
line in one call (`_text.lines_may_marks`) is the scan of each."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from boilerstrip import native
from boilerstrip.budget import Deadline
from boilerstrip.learned import marks
from boilerstrip.model import Block, Features

from .conftest import needs_c

PIECES = [
    *marks._PRICE_WORDS, *marks._FORUM_STEMS, "pr", "po", "re", "us", "eu", "gb", "jo", "me", "vi", "qu", "th",
    "to", "an", "as", "vo", "li", "Pr", "PO", "İ", "ı", "ſ", "\u212a", "$", "€", "₹", "{", "}", ";", "(", ")",
    "=", ">", ":", "()", "=>", "::", " ", "\u3000", "\u00a0", "def ", "return", "x", "é", "\U0001f600", "\u0663",
]  # fmt: skip
texts = st.lists(st.sampled_from(PIECES), max_size=12).map("".join)


def _c_may_marks() -> object:
    found = native.c_function("_text", "may_marks")
    needs_c(found, "_text.may_marks")
    return marks._load_may_marks()


@settings(max_examples=3000, deadline=None)
@given(texts, st.booleans(), st.booleans())
def test_the_scan_gives_the_python_tests_answer(text: str, price: bool, forum: bool) -> None:
    may_marks = _c_may_marks()
    assert may_marks(text, price, forum) == marks._may_marks_in_python(text, price, forum)  # type: ignore[operator]


def test_needles_at_the_edges_and_sharing_letters_are_found() -> None:
    """A needle at a line's very end, one whose first letters start another, one cut
    short by the line's end, and two-letter starts alone."""
    may_marks = _c_may_marks()
    for text in ("a usd", "usd", "prpost", "posprice", "pric", "pr", "p", "", "li", "lik", "x like"):
        for price, forum in ((True, True), (True, False), (False, True)):
            expected = marks._may_marks_in_python(text, price, forum)
            assert may_marks(text, price, forum) == expected, text  # type: ignore[operator]


def test_a_needle_of_one_letter_is_refused() -> None:
    marks_table = native.c_function("_text", "marks_table")
    needs_c(marks_table, "_text.marks_table")
    assert marks_table is not None
    with pytest.raises(ValueError):
        marks_table("$", ("p",), "", (), (), ())
    with pytest.raises(ValueError):
        marks_table("$", (), "", (), (), ("x",))
    assert marks_table("$", ("pr",), "", (), (), ("xy",)) is not None


class _Line:
    """A line as `lines_may_marks` reads it: its text, and its features' words."""

    def __init__(self, text: str, words: object) -> None:
        self.text = text
        self.features = type("F", (), {"words": words})()


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.tuples(texts, st.integers(-3, 60)), max_size=30))
def test_the_scan_of_every_line_is_the_scan_of_each(lines: list[tuple[str, int]]) -> None:
    """`_text.lines_may_marks` gives each line's `_MAY_MARKS` with the patterns asked by
    its words, and `page_marks` each line's `line_marks`, in one chunk or several."""
    lines_may_marks = native.c_function("_text", "lines_may_marks")
    needs_c(lines_may_marks, "_text.lines_may_marks")
    assert lines_may_marks is not None
    blocks = [Block(text, i, i + 1, Features(words=words)) for i, (text, words) in enumerate(lines)]
    each = [marks._MAY_MARKS(b.text, b.features.words <= 40, b.features.words <= 12) for b in blocks]
    assert list(lines_may_marks(marks._TABLE, blocks, 0, len(blocks), 40, 12)) == each
    if blocks:
        middle = lines_may_marks(marks._TABLE, blocks, 1, max(1, len(blocks) - 1), 40, 12)
        assert list(middle) == each[1 : max(1, len(blocks) - 1)]
    assert marks.page_marks(blocks) == [marks.line_marks(b) for b in blocks]
    assert marks.page_marks(blocks, Deadline(3600.0)) == [marks.line_marks(b) for b in blocks]


def test_the_scan_of_every_line_reads_any_line_and_refuses_what_it_cannot() -> None:
    lines_may_marks = native.c_function("_text", "lines_may_marks")
    needs_c(lines_may_marks, "_text.lines_may_marks")
    assert lines_may_marks is not None
    lines = [
        _Line("price 3", 2),
        _Line("reply 3", 2**70),
        _Line("price reply", -(2**70)),
        _Line("1 reply", 12.0),
    ]
    expected = [
        marks._may_marks_in_python(x.text, x.features.words <= 40, x.features.words <= 12) for x in lines
    ]
    assert list(lines_may_marks(marks._TABLE, lines, 0, 4, 40, 12)) == expected == [1, 0, 5, 4]
    with pytest.raises(TypeError):
        lines_may_marks(marks._TABLE, [_Line(b"bytes", 2)], 0, 1, 40, 12)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        lines_may_marks(marks._TABLE, lines, 2, 5, 40, 12)
    with pytest.raises(ValueError):
        lines_may_marks(object(), lines, 0, 1, 40, 12)
