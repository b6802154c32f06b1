"""The C scan of a line's marks (`_text.may_marks`) reads a character's marks in one
word and compares a needle only where the line holds its first two letters: it gives
`marks._may_marks_in_python`'s answer on texts made of the needles, their first two
letters, the letters that fold apart from `str.lower`, code marks and currency signs,
in any of the three widths of a str, whichever patterns are asked; it refuses a
needle of one letter, which no pair of letters could find."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from boilerstrip import native
from boilerstrip.learned import marks

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
