"""Features: the numbers detectors read, computed once a block, in any language.

Why: detectors must not each re-tokenise the page; lengths count CJK characters as
about half a word so a Chinese paragraph is as "long" as its English translation.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from typing import Final

from ..budget import Deadline, spans
from ..lang import ALL_STOPWORDS, STOPWORDS, Language, cjk_chars, split_words
from ..model import Block, Features
from ..native import c_function
from ..patterns import CUE_WORDS

_SENTENCE_END: Final = frozenset(".!?…。！？:;")
_CLOSERS: Final = frozenset("\"'”’»)」』")
_CAPS_RE: Final = re.compile(r"\b[^\W\d_]")
_LATIN_WORD_RE: Final = re.compile(r"[A-Za-z0-9\u00c0-\u024f]+")
_DIGIT_RE: Final = re.compile(r"\d")


# Languages without a stop list: length and punctuation decide alone.
_NEUTRAL_DENSITY: Final = 0.3
_WHERE: Final = "while measuring the blocks"  # where a TimeLimitError stopped


def compute(blocks: Sequence[Block], lang: Language, deadline: Deadline | None = None) -> None:
    """Fill `block.features` for every block (lengths, densities, cues, repetition).

    This runs on every line of every page, so it is written for speed: one
    tokenisation per distinct line (menus repeat), set operations in C. It checks
    `deadline` as it goes (`Config.time_limit`).
    """
    listed: list[Block] = blocks if isinstance(blocks, list) else list(blocks)  # read by index
    lowers = [b.text.lower() for b in listed]
    first, repeats = _firsts(lowers)
    if lang.cjk:
        for lo, hi in spans(len(listed), deadline, _WHERE):
            for k in range(lo, hi):
                _cjk_features(listed[k], lang.stopchars, deadline)
                listed[k].features.repeats = repeats[first[k]]
        return
    stop = lang.stopwords
    for lo, hi in spans(len(listed), deadline, _WHERE):
        for k in range(lo, hi):  # by index: a native loop when compiled (`budget.spans`)
            f = listed[k].features
            j = first[k]
            if j == k:
                _fill(f, listed[k].text, lowers[k], stop, deadline)
            else:  # measured already, on the first block of the same lowered text
                g = listed[j].features
                f.chars, f.words, f.stop_density = g.chars, g.words, g.stop_density
                f.ends_sentence, f.cues = g.ends_sentence, g.cues
            f.repeats = repeats[j]


def _firsts(lowers: list[str]) -> tuple[list[int], list[int]]:
    """For each text, the index of the first of `lowers` equal to it, and by that index
    how many are: one dictionary lookup a line (`setdefault`), where a count and a
    table of measures by text took five."""
    seen: dict[str, int] = {}
    first = [0] * len(lowers)
    repeats = [0] * len(lowers)
    for k in range(len(lowers)):
        j = seen.setdefault(lowers[k], k)
        first[k] = j
        repeats[j] = repeats[j] + 1
    return first, repeats


def _measure(
    text: str, lower: str, stop: frozenset[str], deadline: Deadline | None = None
) -> tuple[int, int, float, bool, frozenset[str]]:
    """(chars, words, stop density, ends like a sentence, cues) of one line (`_fill`)."""
    f = Features()
    _fill(f, text, lower, stop, deadline)
    cues = f.cues
    assert cues is not None
    return f.chars, f.words, f.stop_density, f.ends_sentence, cues


def _fill(f: Features, text: str, lower: str, stop: frozenset[str], deadline: Deadline | None = None) -> None:
    """Set the chars, words, stop density, sentence end and cues of one line in `f`:
    in place, where a tuple of them (and its float) was made a distinct line."""
    last = text[-1]
    if last in _CLOSERS and len(text) > 1:
        last = text[-2]
    if len(lower) > PIECE and deadline is not None and deadline.limit > 0:
        n, stops, cues, digit = _count_in_pieces(lower, stop, deadline)
    else:
        n, stops, cues, digit = _count(lower, stop)
    if digit:
        cues |= _NUM
    if "©" in text or "ⓒ" in text:
        cues |= _COPY
    if n <= _SEP_MAX_WORDS and _has_separator(text):
        cues |= _SEP
    f.chars = len(text)
    f.words = n
    f.ends_sentence = last in _SENTENCE_END
    if not n:
        f.stop_density = 0.0
        f.cues = cues | _SYM
    else:
        f.stop_density = stops / n if stop else _NEUTRAL_DENSITY
        f.cues = cues


def _count(lower: str, stop: frozenset[str]) -> tuple[int, int, frozenset[str], bool]:
    """(words, stop words, cue words, whether it holds a digit) of a lower-cased text: in
    C where the build made it, else in Python; all give the same. A stop list of `lang`
    has its words' table made once (`_text.count_in`, which makes no str a word, where
    `_text.count` made one and hashed it twice: it was half of the features' time on a
    dump); any other goes to `_text.count`. The words hold every digit (`\\d`) of the
    text, and `str.lower` keeps every digit and makes none."""
    made = _COUNTERS.get(stop)
    return made(lower) if made is not None else _COUNT(lower, stop, CUE_WORDS)


def _count_in_python(
    lower: str, stop: frozenset[str], cues: frozenset[str] = CUE_WORDS
) -> tuple[int, int, frozenset[str], bool]:
    """`_count` in Python: the reference for `_text.count`."""
    words = split_words(lower)
    return (
        len(words),
        len([w for w in words if w in stop]),
        cues.intersection(words),
        _DIGIT_RE.search(lower) is not None,
    )


def _load_count() -> Callable[[str, frozenset[str], frozenset[str]], tuple[int, int, frozenset[str], bool]]:
    """`_text.count` where the build made it, else its Python twin."""
    count = c_function("_text", "count")
    return _count_in_python if count is None else count


_COUNT: Final = _load_count()


def _load_counters() -> dict[frozenset[str], Callable[[str], tuple[int, int, frozenset[str], bool]]]:
    """`_text.count_in` bound to a table of the words of each of `lang`'s stop lists
    (and of none) with `CUE_WORDS`, made once from those very sets; none without it."""
    count_in, words_table = c_function("_text", "count_in"), c_function("_text", "words_table")
    if count_in is None or words_table is None:
        return {}
    lists = (*STOPWORDS.values(), ALL_STOPWORDS, frozenset())
    return {stop: partial(count_in, words_table(stop, CUE_WORDS)) for stop in lists}


# Read only: a stop list's counter, by the list (a frozenset keeps its hash).
_COUNTERS: Final = _load_counters()


def _count_in_pieces(
    lower: str, stop: frozenset[str], deadline: Deadline
) -> tuple[int, int, frozenset[str], bool]:
    """`_count` of a block over `PIECE` characters, a piece at a time, checking the
    deadline between pieces: on one 20 MB paragraph, counting its words is one call of
    about a second, which a time limit could not stop. Pieces are cut at spaces, where
    no word is, so the counts are those of the whole."""
    n = stops = 0
    cues: frozenset[str] = frozenset()
    digit = False
    for piece in _pieces(lower):
        deadline.check(_WHERE)
        pn, ps, pc, pd = _count(piece, stop)
        n, stops, cues, digit = n + pn, stops + ps, cues | pc, digit or pd
    return n, stops, cues, digit


def _pieces(text: str) -> Iterator[str]:
    """`text` in pieces of about `PIECE` characters, each cut at a space."""
    start = 0
    while start < len(text):
        cut = text.find(" ", start + PIECE)
        end = len(text) if cut < 0 else cut
        yield text[start:end]
        start = end


# Blocks longer than this are measured in pieces under a time limit (`_count_in_pieces`).
PIECE: Final = 1 << 20


_NUM: Final = frozenset({"#num"})
_SYM: Final = frozenset({"#sym"})
_COPY: Final = frozenset({"©"})
_SEP: Final = frozenset({"#sep"})


def _has_separator(text: str) -> bool:
    """Whether the line holds a separator of breadcrumbs and menus (> » › / |): five
    character tests (memchr in C) cost a short line less than one search of the
    pattern `[>»›/|]` (tests/test_prefilters.py holds it and checks the two agree)."""
    return "/" in text or "|" in text or ">" in text or "»" in text or "›" in text


_SEP_MAX_WORDS: Final = 12


def typical_density(features: Iterable[Features], min_words: int, *, upper: bool) -> float | None:
    """The stop-word density of the page's prose: the median of its longest blocks'
    (the 8 longest of `min_words` or more), None where it has none. Its level depends
    on the language and its stop list, so both the content classes and the scorer
    measure density against it. Of an even number, the upper or the lower middle one
    (`upper`): the scorer was trained on the upper, the classes' thresholds on the lower."""
    longest = sorted((f for f in features if f.words >= min_words), key=_words, reverse=True)[:_TYPICAL_OF]
    if not longest:
        return None
    densities = sorted(f.stop_density for f in longest)
    return densities[len(densities) // 2 if upper else (len(densities) - 1) // 2]


def _words(f: Features) -> int:
    return f.words


_TYPICAL_OF: Final = 8  # the longest blocks a page's typical density is measured on


def digit_ratio(text: str) -> float:
    """Share of characters that are digits (dates, scores, prices)."""
    return len(_DIGIT_RE.findall(text)) / len(text) if text else 0.0


def cap_ratio(text: str) -> float:
    """Share of words that start upper case (title-case menus and headlines)."""
    initials = _CAPS_RE.findall(text)
    return sum(map(str.isupper, initials)) / len(initials) if initials else 0.0


def _cjk_features(block: Block, stopchars: frozenset[str], deadline: Deadline | None = None) -> None:
    """Count CJK characters as half words, and stop characters for density."""
    text = block.text
    f = block.features
    f.chars = len(text)
    last = text[-1]
    if last in _CLOSERS and len(text) > 1:
        last = text[-2]
    f.ends_sentence = last in _SENTENCE_END
    if len(text) > CJK_PIECE and deadline is not None and deadline.limit > 0:
        cjk, latin, stops = _cjk_count_in_pieces(text, stopchars, deadline)
    else:
        cjk, latin, stops = _cjk_count(text, stopchars)
    f.words = (cjk + 1) // 2 + latin
    if cjk and stopchars:
        f.stop_density = stops / cjk * 1.5
    elif cjk:
        f.stop_density = _NEUTRAL_DENSITY
    f.cues = None


def _cjk_count(text: str, stopchars: frozenset[str]) -> tuple[int, int, int]:
    """(CJK characters, Latin words, stop characters) of a text. Stop characters are
    CJK characters (lang.STOPCHARS), so a text without any has none to count: a
    Latin menu line of a Chinese page is not read character by character."""
    cjk = cjk_chars(text)
    stops = sum(map(stopchars.__contains__, text)) if stopchars and cjk else 0
    return cjk, len(_LATIN_WORD_RE.findall(text)), stops


def _cjk_count_in_pieces(text: str, stopchars: frozenset[str], deadline: Deadline) -> tuple[int, int, int]:
    """`_cjk_count` of a block over `CJK_PIECE` characters, a piece at a time, checking
    the deadline between pieces (as `_count_in_pieces`). Pieces are cut before a
    character that is no part of a Latin word, so the counts are those of the whole."""
    cjk = latin = stops = start = 0
    while start < len(text):
        cut = _NOT_LATIN_RE.search(text, start + CJK_PIECE)
        end = len(text) if cut is None else cut.start()
        deadline.check(_WHERE)
        c, w, s = _cjk_count(text[start:end], stopchars)
        cjk, latin, stops, start = cjk + c, latin + w, stops + s, end
    return cjk, latin, stops


# CJK blocks are counted a character at a time, about eight times slower than words are
# split: their pieces are smaller, so that each takes about as long.
CJK_PIECE: Final = PIECE // 8
_NOT_LATIN_RE: Final = re.compile(r"[^A-Za-z0-9\u00c0-\u024f]")
