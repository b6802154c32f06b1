"""`drop_repeated_runs` makes a block's key (its text lower-cased, its spacing aside)
only where its sketch (a hash of the key's first characters) is another block's
(`repeats._key_ids`): the sketch must be the same for every two texts of the same key, so that a block whose sketch is its own has
a key no other block has. Checked here: the C sketch (`_text.key_sketch`) is its Python
reference's, which is a function of the key; the C reads each character as str.lower()
does, over all of Unicode; and the runs dropped are those the keys themselves give."""

from __future__ import annotations

import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from boilerstrip import Config, Label, native
from boilerstrip.model import Block, Features
from boilerstrip.reduce import repeats

from .conftest import needs_c

PIECES = [
    "a", "A", "b", "B", "k", "K", "\u212a", "i", "I", "\u0130", "\u0131", "\u017f", "s", "S", "\u03a3", "\u03c3",
    "\u03c2", "\u00c9", "\u00e9", "\u0307", " ", "  ", "\t", "\n", "\u00a0", "\u3000", "\u2028", "\x1c", "\x85",
    "?", ".", "1", "\u4e2d", "\U0001f600", "\u1e9e", "\u00df", "\u01c5", "\u2126", "Stra\u00dfe",
]  # fmt: skip
texts = st.lists(st.sampled_from(PIECES), max_size=14).map("".join)
# Texts about the sketch's length (its first 64 characters): a U+0130 or a space at the cut.
long_texts = st.lists(st.sampled_from(PIECES), min_size=20, max_size=70).map("".join)


def _c_sketch() -> object:
    found = native.c_function("_text", "key_sketch")
    needs_c(found, "_text.key_sketch")
    return found


def test_str_lower_reads_each_character_as_the_sketch_does() -> None:
    """What the C sketch assumes of str.lower(), character by character over all of
    Unicode: whitespace stays itself and nothing else gives any; an ASCII character
    gives one ASCII character; U+0130 gives "i" and a combining dot, the Kelvin sign
    "k"; every other character one character above ASCII (the capital sigma's, read
    in context, is sigma or final sigma: one either way)."""
    for code in range(sys.maxunicode + 1):
        c = chr(code)
        low = c.lower()
        if c.isspace():
            assert low == c, hex(code)
            continue
        assert not any(ch.isspace() for ch in low), hex(code)
        if code < 128:
            assert len(low) == 1 and low < "\x80", hex(code)
        elif code == 0x130:
            assert low == "i\u0307"
        elif code == 0x212A:
            assert low == "k"
        else:
            assert len(low) == 1 and low >= "\x80", hex(code)


@settings(max_examples=3000, deadline=None)
@given(texts | long_texts)
def test_the_c_sketch_is_the_python_one(text: str) -> None:
    sketch = _c_sketch()
    assert sketch(text) == repeats._sketch_in_python(text), repr(text)  # type: ignore[operator]


def test_the_sketch_ends_where_the_keys_first_characters_do() -> None:
    sketch = _c_sketch()
    for head in ("a" * 63, "a" * 62, "a" * 64, " " + "b" * 62):
        for tail in ("\u0130x", " x", "  \t x", "X", "", "\u212a", "  "):
            text = head + tail
            assert sketch(text) == repeats._sketch_in_python(text), repr(text)  # type: ignore[operator]
    assert repeats._sketch_in_python("a" * 64 + "b") == repeats._sketch_in_python("a" * 64 + "c")


@settings(max_examples=1000, deadline=None)
@given(texts, texts)
def test_texts_of_one_key_share_a_sketch(a: str, b: str) -> None:
    """Two texts and their case and spacing variants: the same key, the same sketch."""
    for x, y in ((a, b), (a, a.upper()), (a, a.swapcase()), (a, " ".join(a.split())), (a, f"  {a}\t")):
        if repeats._key(_block(x)) == repeats._key(_block(y)):
            assert repeats._SKETCH(x) == repeats._SKETCH(y), (x, y)


def _block(text: str, index: int = 0, words: int = 10) -> Block:
    return Block(text, index, index + 1, Features(words=words, ends_sentence=True), Label.ARTICLE)


def _dropped_by_keys(article: list[Block], cfg: Config) -> list[int]:
    """The indexes `drop_repeated_runs` drops, by every block's key (as it did)."""
    keys = [repeats._key(b) for b in article]
    first: dict[str, int] = {}
    for j, key in enumerate(keys):
        first.setdefault(key, j)
    dropped: list[int] = []
    budget = repeats._SCAN_PER_BLOCK * len(keys)
    j = 0
    while j < len(keys) and budget > 0:
        f = first[keys[j]]
        n = 0
        while f < j and j + n < len(keys) and f + n < j and keys[f + n] == keys[j + n]:
            n += 1
        budget -= n + 1
        if n >= cfg.repeat_run_min_blocks and repeats._run_words_enough(article[j : j + n], cfg, True):
            dropped.extend(range(j, j + n))
            j += n
            continue
        j += 1
    return dropped


# Lines whose keys' first 64 characters are the same (one sketch), and differ after.
SHARED_HEADS = ["x" * 64 + " one", "X" * 64 + " ONE", "x" * 64 + " two", "x" * 64 + "  two "]
LINES = ["Home", "HOME", "home ", "News  today", "news today", "Stra\u00dfe", "STRASSE", "\u03a3\u03a3", "\u03c3\u03c2"]  # fmt: skip


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(LINES + SHARED_HEADS) | texts, max_size=24), st.integers(1, 40))
def test_the_runs_dropped_are_those_of_the_keys(lines: list[str], words: int) -> None:
    cfg = Config()
    article = [_block(line, i, words) for i, line in enumerate(lines)]
    expected = _dropped_by_keys(article, cfg)
    kept = repeats.drop_repeated_runs(article, cfg, text=True)
    assert [b.index for b in kept] == [i for i in range(len(article)) if i not in expected]
