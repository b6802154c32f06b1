"""`lang` counts a text's characters of some scripts (`cjk_chars`, `_non_latin_share`)
in C where `_text` was built (`_text.count_ranges`), by ranges of code points, and
without it by the one-class patterns `lang._class_of` makes of the same ranges: each
pattern matches exactly its ranges' characters, over all of Unicode (and the scripts'
bounds are the ones the patterns held before they were made of the ranges), and the C
count is the findall's on any text, in any of the three widths of a str."""

from __future__ import annotations

import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from boilerstrip import lang, native

from .conftest import needs_c

PAIRS = ((lang._CJK_RE, lang._CJK_RANGES), (lang._NON_LATIN_RE, lang._NON_LATIN_RANGES))
PIECES = ["a", "é", " ", "\u036f", "\u0370", "\u1fff", "\u2000", "\u303f", "\u3040", "\u30ff", "\u3400", "\u4dbf",
          "\u4dc0", "\u4e00", "\u9fff", "\ua000", "\uabff", "\uac00", "\ud7af", "\ud7b0", "\uf8ff", "\uf900",
          "\ufaff", "\ufb00", "\U00020000", "\U0001f600", "中文", "日本語", "한국어", "Ελληνικά", "русский"]  # fmt: skip


def _count_ranges() -> object:
    found = native.c_function("_text", "count_ranges")
    needs_c(found, "_text.count_ranges")
    return found


def test_the_ranges_are_the_patterns_classes() -> None:
    assert lang._CJK_RE.pattern == "[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
    assert lang._NON_LATIN_RE.pattern == "[\u0370-\u1fff\u3040-\u9fff\uac00-\ud7af\uf900-\ufaff]"
    for pattern, ranges in PAIRS:
        for code in range(sys.maxunicode + 1):
            in_ranges = any(lo <= code <= hi for lo, hi in ranges)
            assert in_ranges == (pattern.match(chr(code)) is not None), (pattern.pattern, hex(code))


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_the_c_count_is_the_findalls(text: str) -> None:
    count_ranges = _count_ranges()
    for pattern, ranges in PAIRS:
        assert count_ranges(text, ranges) == len(pattern.findall(text))  # type: ignore[operator]
    assert lang.cjk_chars(text) == len(lang._CJK_RE.findall(text))
    share = len(lang._NON_LATIN_RE.findall(text)) / max(len(text), 1)
    assert lang._non_latin_share(text) == share


def test_the_c_count_refuses_what_it_cannot_read() -> None:
    count_ranges = _count_ranges()
    assert count_ranges("ab\u4e00", ()) == 0  # type: ignore[operator]
    assert count_ranges("ab\u4e00", ((0x61, 0x61), (0x4E00, 0x4E00))) == 2  # type: ignore[operator]
    for bad in (((5, 4),), ((-1, 4),), ((0, 0x110000),), ((1, 2),) * 9, ((1,),), ("ab",)):
        with pytest.raises((ValueError, TypeError)):
            count_ranges("abc", bad)  # type: ignore[operator]
    with pytest.raises(TypeError):
        count_ranges(b"abc", ((1, 2),))  # type: ignore[operator]
