"""`_text.may_marks` finds the needles in the pass that reads the marks, folding each
character where it reads it (no folded copy of the line): a needle whose letters are
read across the text's widths, at its very start, right after a character that folds
to no letter, or spelt with the Kelvin sign, is found as `marks._may_marks_in_python`
finds it; a table with a needle of a control character (the scan's start, which no
needle may begin with) is refused."""

from __future__ import annotations

import itertools

import pytest

from boilerstrip import native
from boilerstrip.learned import marks

from .conftest import needs_c

_AROUND = ("", "x", "\x00", "\x01", "é", "\u0100", "\U0001f600", "İ", " ")
_NEEDLES = ("post", "like", "li\u212ae", "usd", "price", "pric", "vote", "th", "thread")


def test_needles_are_found_wherever_they_stand() -> None:
    found = native.c_function("_text", "may_marks")
    needs_c(found, "_text.may_marks")
    may_marks = marks._load_may_marks()
    for before, needle, after in itertools.product(_AROUND, _NEEDLES, _AROUND):
        for text in (
            before + needle + after,
            needle.upper() + after,
            before + needle[:2] + after + needle[2:],
        ):
            for price, forum in ((True, True), (True, False), (False, True), (False, False)):
                expected = marks._may_marks_in_python(text, price, forum)
                assert may_marks(text, price, forum) == expected, (text, price, forum)


def test_a_needle_of_a_control_character_is_refused() -> None:
    marks_table = native.c_function("_text", "marks_table")
    needs_c(marks_table, "_text.marks_table")
    assert marks_table is not None
    for needle in ("\x00a", "a\x01", "ab\x7f"):
        with pytest.raises(ValueError):
            marks_table("$", (needle,), "", (), (), ())


def test_code_starts_and_wide_signs_are_read_as_in_python() -> None:
    """A code start is looked for only where the line's first character starts one, a
    sign above U+00FF only within the range of the table's signs: the same answers."""
    found = native.c_function("_text", "may_marks")
    needs_c(found, "_text.may_marks")
    may_marks = marks._load_may_marks()
    starts = ("", " ", "\u3000", "\t\n", "x")
    for lead, word, rest in itertools.product(
        starts, (*marks._CODE_STARTS, "de", "retur", "Def"), ("", " x", "\u20ad")
    ):
        text = lead + word + rest
        assert may_marks(text, False, False) == marks._may_marks_in_python(text, False, False), text
    for sign in ("\u20ab", "\u20ac", "\u20ad", "\u20b8", "\u20b9", "\u20ba", "\u2019", "\u00a3", "\uffe5"):
        for text in (sign, f"{sign}5", f"5 {sign}", f"price{sign}"):
            for price, forum in ((True, True), (True, False), (False, True)):
                assert may_marks(text, price, forum) == marks._may_marks_in_python(text, price, forum), text
