"""Each block's marks: whether it is a price line, a line of code, a forum line (posts,
replies, votes...). Read by the page-type models' statistics and, for a text dump, by
the keep model's line features: made once a dump (`page_marks`), as they depend on the
text alone.

Why the cheap tests: the patterns cost a page far more than the substring tests that
say whether they can match at all (most blocks are prose); in C where `_text` was built
(`_text.may_marks`, with this module's tables), else in Python (`_may_marks_in_python`,
the reference); tests/test_prefilters.py holds that both answer as the patterns do.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import partial
from typing import Final

from ..budget import Deadline, spans
from ..model import Block
from ..native import c_function
from ..patterns import folded

_PRICE_MAX_WORDS: Final = 40  # words: a longer block is no price line
_FORUM_MAX_WORDS: Final = 12  # words: a longer block is no forum line
_CODE_STARTS: Final = ("def", "class", "import", "return", "var", "const", "let", "function")
# The price and code patterns' alternatives, each searched alone (`_is_price`,
# `_is_code`): a text holds a match of an alternation where it holds one of an
# alternative. Alone, each starts with a character set or a literal the pattern
# engine skips to, where the alternation is tried at every character of the line: a
# long paragraph with a semicolon cost 139,000 instructions in the code pattern (a
# dump's code pattern 0.8% of its time), a price line's search 27,000 in the price one.
_PRICE_PARTS: Final = (r"[$€£¥₹]\s?\d", r"\d(?:[.,]\d\d)?\s?(?:[$€£¥₹]|USD|EUR|GBP)\b", r"\bprice\b")
_PRICE_SIGN: Final = re.compile(_PRICE_PARTS[0], re.I)
_PRICE_AMOUNT: Final = re.compile(_PRICE_PARTS[1], re.I)
_PRICE_WORD: Final = re.compile(_PRICE_PARTS[2], re.I)
_CODE_END: Final = re.compile(r"[{};]\s*$")
_CODE_HEAD: Final = re.compile(r"\s*(?:" + "|".join(_CODE_STARTS) + r")\b")  # matched at the start
_CODE_CALL: Final = re.compile(r"\w\(\)")
# The two as one pattern each, what `_is_price` and `_is_code` answer for (the tests
# hold them to it).
_PRICE: Final = re.compile("|".join(_PRICE_PARTS), re.I)
_CODE: Final = re.compile(rf"{_CODE_END.pattern}|^{_CODE_HEAD.pattern}|{_CODE_CALL.pattern}|=>|::")
# What the patterns above need, for the cheap tests before them: one table each, read
# by the tests in Python and handed to the C scan (`_text.marks_table`).
_CURRENCY_SIGNS: Final = "$€£¥₹"
_PRICE_WORDS: Final = ("usd", "eur", "gbp", "price")
_CODE_MARKS: Final = "{};"
_CODE_PAIRS: Final = ("()", "=>", "::")
_FORUM_STEMS: Final = (
    "post", "repl", "joined", "member", "views", "quote", "thread", "topic", "answered", "asked", "vote", "like",
)  # fmt: skip
_FORUM_LINE: Final = re.compile(
    r"\b(?:posts?|replies|reply|joined|member|members|views|quote|thread|topic|"
    r"answered|asked|upvotes?|votes?|likes?)\b",
    re.I,
)


def page_marks(blocks: Sequence[Block], deadline: Deadline | None = None) -> list[tuple[int, int, int]]:
    """Every block's `line_marks`, checking `deadline`: made once a text dump and read
    by its page type, its profile and the keep model's line features alike (they
    depend on the text alone, not on the labels). By index in stretches
    (`budget.spans`): a native loop when compiled, where one over `budget.checked`'s
    items goes through Python's iteration protocol."""
    listed: list[Block] = blocks if isinstance(blocks, list) else list(blocks)
    # A line no pattern can match (most are) holds no mark: one tuple for all of them
    # (compiled, a tuple constant is made anew at each use).
    out: list[tuple[int, int, int]] = [(0, 0, 0)] * len(listed)
    for lo, hi in spans(len(listed), deadline, "while reading the page's type"):
        may = _lines_may_marks(listed, lo, hi)
        for k in range(lo, hi):
            if may[k - lo]:
                out[k] = _marks_of(listed[k].text, may[k - lo])
    return out


def _lines_may_marks(blocks: list[Block], lo: int, hi: int) -> bytes:
    """`_MAY_MARKS` of each of `blocks[lo:hi]`, each pattern asked by the block's words
    (as `line_marks` asks them): in one C call where `_text` was built
    (`_text.lines_may_marks`: a call through `partial`, two flags and an int a line
    were a third of the marks' cost), else a line at a time."""
    if _C_LINES_MAY_MARKS is not None and _TABLE is not None:
        return _C_LINES_MAY_MARKS(_TABLE, blocks, lo, hi, _PRICE_MAX_WORDS, _FORUM_MAX_WORDS)
    return bytes(
        _MAY_MARKS(b.text, b.features.words <= _PRICE_MAX_WORDS, b.features.words <= _FORUM_MAX_WORDS)
        for b in blocks[lo:hi]
    )


def _may_be_code(text: str) -> bool:
    """Whether `_CODE` can match `text` at all: one of the characters or the leading
    keywords it needs is there. A cheap test first, as most blocks are prose, and the
    pattern costs a page 0.2 ms (the same answer on every text)."""
    if any(c in text for c in _CODE_MARKS) or any(pair in text for pair in _CODE_PAIRS):
        return True
    return text.lstrip().startswith(_CODE_STARTS)


def line_marks(b: Block) -> tuple[int, int, int]:
    """Whether a block is a price line, a line of code, a forum line (posts, replies,
    votes...): 1 or 0 each. Price lines have at most `_PRICE_MAX_WORDS` words, forum
    lines `_FORUM_MAX_WORDS`."""
    text, words = b.text, b.features.words
    return _marks_of(text, _MAY_MARKS(text, words <= _PRICE_MAX_WORDS, words <= _FORUM_MAX_WORDS))


def _marks_of(text: str, may: int) -> tuple[int, int, int]:
    """`line_marks` of `text`, the patterns tried only where `may` (`_MAY_MARKS`'s bits)
    says they can match."""
    return (
        1 if may & 1 and _is_price(text) else 0,
        1 if may & 2 and _is_code(text) else 0,
        1 if may & 4 and _FORUM_LINE.search(text) else 0,
    )


def _is_price(text: str) -> bool:
    """Whether `_PRICE` matches `text`: one of its alternatives does."""
    return (
        _PRICE_SIGN.search(text) is not None
        or _PRICE_AMOUNT.search(text) is not None
        or _PRICE_WORD.search(text) is not None
    )


def _is_code(text: str) -> bool:
    """Whether `_CODE` matches `text`: one of its alternatives does, the two pairs of
    marks by a substring test, a call's "()" searched for only where the line holds
    one, the leading keyword matched at the start alone (where `^` holds)."""
    if "=>" in text or "::" in text:
        return True
    if _CODE_END.search(text) is not None or _CODE_HEAD.match(text) is not None:
        return True
    return "()" in text and _CODE_CALL.search(text) is not None


def _may_marks_in_python(text: str, price: bool, forum: bool) -> int:
    """Which patterns of `line_marks` can match `text` at all, by the cheap tests below:
    1 the price pattern (tested only when `price`), 2 the code pattern, 4 the forum
    pattern (only when `forum`). The reference for `_text.may_marks`, which makes them
    in one call."""
    low = folded(text) if price or forum else None
    return (
        (1 if price and _may_price(text, low) else 0)
        | (2 if _may_be_code(text) else 0)
        | (4 if forum and _may_forum(low) else 0)
    )


def _load_table() -> object | None:
    """This module's tables made into `_text.marks_table`'s, for the C scans; None
    without `_text`."""
    marks_table = c_function("_text", "marks_table")
    if marks_table is None:
        return None
    table: object = marks_table(
        _CURRENCY_SIGNS, _PRICE_WORDS, _CODE_MARKS, _CODE_PAIRS, _CODE_STARTS, _FORUM_STEMS
    )
    return table


def _load_may_marks(table: object | None = None) -> Callable[[str, bool, bool], int]:
    """`_text.may_marks` with this module's tables (`table`, else made here), or the
    tests in Python without it. The table is bound by `partial` (C): a lambda compiled
    by mypyc is an object whose call goes through its own wrapper (a twentieth of the
    line marks on a dump)."""
    may_marks = c_function("_text", "may_marks")
    table = _load_table() if table is None else table
    if table is None or may_marks is None:
        return _may_marks_in_python
    return partial(may_marks, table)


_TABLE: Final = _load_table()
_MAY_MARKS: Final = _load_may_marks(_TABLE)
_C_LINES_MAY_MARKS: Final[Callable[..., bytes] | None] = c_function("_text", "lines_may_marks")


def _may_price(text: str, low: str | None) -> bool:
    """Whether `_PRICE` can match: a currency sign, code or "price" is there. The
    pattern is tried at every character of most blocks, and this test is ten times
    cheaper (the same answer on every text)."""
    if low is None or any(sign in text for sign in _CURRENCY_SIGNS):
        return True
    return any(word in low for word in _PRICE_WORDS)


def _may_forum(low: str | None) -> bool:
    """Whether `_FORUM_LINE` can match: one of its words' stems is there (as `_may_price`).
    Substring tests, not a search of a pattern of the stems: on a short line a dozen
    of them cost less than one call of the pattern (tests/test_prefilters.py holds it
    and checks the two agree)."""
    return low is None or any(stem in low for stem in _FORUM_STEMS)
