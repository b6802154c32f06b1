"""The headline model's words, made cheaper: `titles.case_fold` is `str.casefold`,
`titles.shared_words` of a `titles.words_table` is `len(title_words(line) &
title_words(text))` (the table made in C by `_text.text_table` and read by
`_text.count_in` where built, a frozenset otherwise), and the rows read the content's
opening through it as they read it through the whole set of its words."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from boilerstrip import lang, native
from boilerstrip.learned import headline
from boilerstrip.meta import titles
from boilerstrip.model import Block, Features, Label

# Letters that fold apart from their lower case, or to several, word joiners and
# separators, digits and scripts of other widths: what the fold and the split can differ on.
_ALPHABET = "aAbBßẞİıſKKΣσςﬁ0９_-' .,\u3001é\u0301字𝐀"
_WORDS = st.text(alphabet=_ALPHABET, max_size=30)


def test_case_fold_is_casefold_on_every_ascii_character() -> None:
    every = "".join(chr(c) for c in range(128))
    assert titles.case_fold(every) == every.casefold()
    assert titles.case_fold("Straße İ") == "Straße İ".casefold()


@settings(max_examples=300, deadline=None)
@given(_WORDS, _WORDS)
def test_shared_words_are_the_intersection(text: str, line: str) -> None:
    table = titles.words_table(text)
    expected = len(titles.title_words(line) & titles.title_words(text))
    assert titles.shared_words(table, titles.case_fold(line)) == expected
    assert titles.shared_words(titles.title_words(text), titles.case_fold(line)) == expected


def test_shared_words_by_hand() -> None:
    table = titles.words_table("The STRASSE, x9 and Über-fish; thefish the THE")
    for line, expected in (
        ("straße the X9", 3),  # "straße" folds to "strasse"
        ("Strasse über FISH fish", 3),
        ("thefis h", 0),
        ("", 0),
        ("x9x9 x_9", 0),
    ):
        assert titles.shared_words(table, titles.case_fold(line)) == expected, line
    assert titles.shared_words(titles.words_table(""), "a b") == 0


def test_the_c_table_is_made_where_built() -> None:
    made = titles.words_table("a b")
    assert isinstance(made, frozenset) == (titles._C_TEXT_TABLE is None)


def _block(i: int, text: str, label: Label = Label.OTHER) -> Block:
    words = len(text.split())
    return Block(text, i, i + 1, Features(chars=len(text), words=words), label)


def test_rows_read_the_opening_as_all_its_words() -> None:
    lines = [
        "Menu",
        "Fish Prices Fall Again",
        "By Ann Lee",
        "Fish prices fell again on Monday, ministers said.",
    ]
    blocks = [_block(i, t, Label.ARTICLE if i == 3 else Label.OTHER) for i, t in enumerate(lines)]
    found = headline.candidates(blocks, 3)
    rows = headline.rows(blocks, found, blocks[3:], None, "https://x.test/fish-prices")
    share = headline.HEADLINE_FEATURES.index("content_share")
    opening = titles.title_words(lines[3])
    for b, row in zip(found, rows, strict=True):
        words = titles.title_words(b.text)
        assert row[share] == len(words & opening) / max(len(words), 1)
    assert rows[[b.index for b in found].index(1)][share] == 0.75  # fish, prices, again; not "fall"


@pytest.mark.skipif(titles._C_TEXT_TABLE is None, reason="_text was not built")
def test_the_c_table_counts_the_words_count_in_finds() -> None:
    """`_text.count_shared` is the size of `_text.count_in`'s cue words, on a table of a
    few words and on one of thousands (its record of the words counted grows)."""
    count_in, text_table = native.c_function("_text", "count_in"), titles._C_TEXT_TABLE
    count_shared = titles._C_COUNT_SHARED
    assert count_in is not None and text_table is not None and count_shared is not None
    many = " ".join(f"w{k}" for k in range(3000))
    for source in ("a b a", "x9 é \u00e9t\u00e9 字字 𝐀b", many, ""):
        table = text_table(source)
        for text in ("a a b b c", "w1 w1 w2999 w3000 x", many + " " + many, "é été 字字 𝐀B 𝐀b", ""):
            assert count_shared(table, text) == len(count_in(table, text)[2]), (source[:20], text[:20])


@settings(max_examples=200, deadline=None)
@given(_WORDS)
def test_the_c_word_set_is_the_set_of_the_words(text: str) -> None:
    word_set, words = native.c_function("_text", "word_set"), native.c_function("_text", "words")
    if word_set is None or words is None:
        pytest.skip("_text was not built")
    assert word_set(text) == frozenset(words(text))
    assert type(word_set(text)) is frozenset
    assert titles.folded_words(text) == frozenset(lang.split_words(text))
