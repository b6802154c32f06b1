"""A line's shape counted by a table of steps (`_text.line_shape`, and `line_columns`
through it): a character's class read from a table below U+0100 and over U+2000..U+20FF
(quotes, dashes, bullets, signs), each class's step packed, is the Python shape of
`linerows._line_shape`, for every character up to U+30FF after a word character and
after none, and for texts of the three widths."""

from __future__ import annotations

import pytest

from boilerstrip.learned import linerows

_C = linerows._C_LINE_SHAPE


@pytest.mark.skipif(_C is None, reason="_text was not built")
def test_every_character_after_a_word_and_after_none() -> None:
    assert _C is not None
    for lo in range(0, 0x3100, 0x80):
        chars = "".join(chr(c) for c in range(lo, lo + 0x80) if not 0xD800 <= c < 0xE000)
        for text in (
            chars,
            " ".join(chars),
            "a".join(chars),
            "A".join(chars) + "\U0001f600",
            "1,".join(chars),
        ):
            assert _C(text) == linerows._line_shape(text), hex(lo)


@pytest.mark.skipif(_C is None, reason="_text was not built")
def test_lines_of_words_digits_and_commas() -> None:
    assert _C is not None
    for text in (
        "",
        "A",
        "a",
        "1",
        ",",
        "Über 3 Äpfel, “quoted” — ok",
        "x\u3001y\uff0cZ",
        "İstanbul ǅ ǈ Ⅻ ①",
    ):
        for wide in ("", "\u2019", "\U00010400"):
            line = text + wide + text
            assert _C(line) == linerows._line_shape(line), line
