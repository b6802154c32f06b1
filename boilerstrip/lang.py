"""Language: stop lists for many languages and a small detector built on them.

Why: stop-word density tells prose from menus in any language, but only with the
page's own stop list; the same lists, counted over the page, also name its language.
The tables are read once at import and never change (no per-document state).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from importlib import resources
from types import MappingProxyType
from typing import Final

from .model import Block
from .native import c_function

WORD_RE: Final = re.compile(r"[^\W_]+")  # words: letters and digits, never underscores


def split_words(text: str) -> list[str]:
    """The words WORD_RE finds: in C where the build made it (`_text.words`), else in
    Python (`split_words_in_python`); the two give the same list."""
    return _WORDS(text)


def split_words_in_python(text: str) -> list[str]:
    """The words WORD_RE finds, found faster than by it: a whitespace split gives most
    of them as they are, and only pieces holding punctuation go through the regex."""
    words: list[str] = []
    for piece in text.split():
        if piece.isalnum():
            words.append(piece)
            continue
        core = piece.strip(_EDGE_PUNCTUATION)  # "said," "(AP)": one word once stripped
        if core.isalnum():
            words.append(core)
        elif core:
            words += WORD_RE.findall(core)
    return words


def _load_words() -> Callable[[str], list[str]]:
    """`_text.words` where the build made it, else its Python twin."""
    words = c_function("_text", "words")
    return split_words_in_python if words is None else words


_EDGE_PUNCTUATION: Final = ".,;:!?\"'()[]{}<>«»“”‘’„‚‹›—–-…/\\*&%$#@|+=~^`"
_WORDS: Final = _load_words()


# Characters of the scripts written without spaces (kana, Han), and of the scripts
# outside the Latin ones, as ranges of code points (first, last): counted by
# `_text.count_ranges` where it was built, else by the one-class patterns made of them.
_CJK_RANGES: Final = ((0x3040, 0x30FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))
_NON_LATIN_RANGES: Final = ((0x0370, 0x1FFF), (0x3040, 0x9FFF), (0xAC00, 0xD7AF), (0xF900, 0xFAFF))


def _class_of(ranges: tuple[tuple[int, int], ...]) -> re.Pattern[str]:
    """The pattern of one character in any of `ranges`."""
    return re.compile("[" + "".join(f"{chr(a)}-{chr(b)}" for a, b in ranges) + "]")


_CJK_RE: Final = _class_of(_CJK_RANGES)
# Scripts of one language each, as one range of code points: counted like `cjk_chars`.
_SCRIPTS: Final[tuple[tuple[str, tuple[tuple[int, int], ...]], ...]] = (
    ("ja", ((0x3040, 0x30FF),)),  # kana: Japanese even when Han dominates
    ("ko", ((0xAC00, 0xD7AF),)),
    ("zh", ((0x4E00, 0x9FFF),)),
    ("th", ((0x0E00, 0x0E7F),)),
    ("my", ((0x1000, 0x109F),)),
    ("hy", ((0x0530, 0x058F),)),
    ("ka", ((0x10A0, 0x10FF),)),
    ("el", ((0x0370, 0x03FF),)),
    ("he", ((0x0590, 0x05FF),)),
    ("hi", ((0x0900, 0x097F),)),
)
# Their patterns, by the same index: what counts them where `_text` was not built.
_SCRIPT_RES: Final[tuple[re.Pattern[str], ...]] = tuple(_class_of(r) for _, r in _SCRIPTS)
_NON_LATIN_RE: Final = _class_of(_NON_LATIN_RANGES)
_C_COUNT_RANGES: Final[Callable[[str, tuple[tuple[int, int], ...]], int] | None] = c_function(
    "_text", "count_ranges"
)
_ARABIC_RANGES: Final = ((0x0600, 0x06FF),)
_ARABIC_RE: Final = _class_of(_ARABIC_RANGES)
_CYRILLIC_RANGES: Final = ((0x0400, 0x04FF),)
_CYRILLIC_RE: Final = _class_of(_CYRILLIC_RANGES)


def _load() -> tuple[Mapping[str, frozenset[str]], Mapping[str, frozenset[str]]]:
    raw = json.loads(
        resources.files("boilerstrip").joinpath("data/stopwords.json").read_text(encoding="utf-8")
    )
    words = {k: frozenset(v) for k, v in raw["words"].items()}
    chars = {k: frozenset(v) for k, v in raw["chars"].items()}
    return MappingProxyType(words), MappingProxyType(chars)


_TABLES: Final = _load()
STOPWORDS: Final = _TABLES[0]
STOPCHARS: Final = _TABLES[1]
# Which languages' stop lists hold a word, as indexes into _LANGS: a plain dict, private
# and never written after this line (a MappingProxyType costs a method call a lookup).
_LANGS: Final[tuple[str, ...]] = tuple(sorted(STOPWORDS))
_WORD_LANGS: Final[dict[str, tuple[int, ...]]] = {
    w: tuple(i for i, lang in enumerate(_LANGS) if w in STOPWORDS[lang])
    for w in set().union(*STOPWORDS.values())
}
ALL_STOPWORDS: Final[frozenset[str]] = frozenset(_WORD_LANGS)
# The distinct sets of languages a stop word is in (`_WORD_LANGS`' values, in a fixed
# order: 439 sets for 9,253 words), and each stop word's set by its index. Read only.
_LANG_SETS: Final[tuple[tuple[int, ...], ...]] = tuple(sorted(set(_WORD_LANGS.values())))
_SET_INDEX: Final[dict[tuple[int, ...], int]] = {langs: k for k, langs in enumerate(_LANG_SETS)}
_WORD_SET: Final[dict[str, int]] = {w: _SET_INDEX[langs] for w, langs in _WORD_LANGS.items()}


def topic_words(text: str) -> set[str]:
    """A text's words that say what it is about: of four letters or more, lowercased,
    and no stop word of any language. Why: two lines of one story share its names and
    its subject's words, where a teaser of another story shares only the language's
    small words, which the stop lists and the length bound leave out."""
    return {w for w in split_words(text.lower()) if len(w) > 3 and w not in ALL_STOPWORDS}


@dataclass(frozen=True, slots=True)
class Language:
    """The page's language and the stop list its features are measured with."""

    code: str | None
    stopwords: frozenset[str]
    stopchars: frozenset[str]
    cjk: bool  # written without spaces between words


def cjk_chars(text: str) -> int:
    """Characters of scripts written without spaces between words (Han, kana): counted
    in C where `_text` was built, else by `_CJK_RE`'s findall."""
    if _C_COUNT_RANGES is not None:
        return _C_COUNT_RANGES(text, _CJK_RANGES)
    return len(_CJK_RE.findall(text))


_SAMPLE_LINES: Final = 12


def sample(blocks: Sequence[Block], limit: int = 1000) -> str:
    """The longest lines hold the prose that tells the language: the 12 longest, longest
    first and earlier first among equals (a stable sort's order), kept in one pass
    without a key function called a line (a sort of all the lines was a third of it)."""
    sizes: list[int] = []  # of the lines kept so far, in their order
    texts: list[str] = []
    for b in blocks:
        n = len(b.text)
        if len(sizes) == _SAMPLE_LINES and n <= sizes[_SAMPLE_LINES - 1]:
            continue
        j = len(sizes)
        while j > 0 and sizes[j - 1] < n:  # after the lines as long or longer
            j -= 1
        sizes.insert(j, n)
        texts.insert(j, b.text)
        if len(sizes) > _SAMPLE_LINES:
            sizes.pop()
            texts.pop()
    return " ".join(texts)[:limit]


def detect(sample: str) -> Language:
    """Guess the language from a sample of the page's longer lines."""
    if sample.isascii():  # Latin script, no need to count other scripts
        return _latin_language(sample)
    cjk = cjk_chars(sample)
    if cjk * 3 > len(sample):
        code = _script_language(sample)
        return Language(code, frozenset(), STOPCHARS.get(code or "", frozenset()), True)
    code = _script_language(sample) if _non_latin_share(sample) > 0.1 else None
    return _latin_language(sample) if code is None else _spaced_language(code)


def _latin_language(sample: str) -> Language:
    """Languages written with spaces and no script of their own: the stop words decide."""
    code = _stopword_language(sample.lower())
    if code is None:
        return Language(None, ALL_STOPWORDS, frozenset(), False)
    return _spaced_language(code)


def _spaced_language(code: str) -> Language:
    return Language(code, STOPWORDS.get(code, frozenset()), frozenset(), False)


def _non_latin_share(sample: str) -> float:
    """Share of letters outside the Latin scripts (quotes and dashes do not count),
    counted as `cjk_chars` counts."""
    if _C_COUNT_RANGES is not None:
        found = _C_COUNT_RANGES(sample, _NON_LATIN_RANGES)
    else:
        found = len(_NON_LATIN_RE.findall(sample))
    return found / max(len(sample), 1)


def _script_language(sample: str) -> str | None:
    """Scripts used by one language (or one we have no stop list for) decide alone."""
    for k in range(len(_SCRIPTS)):
        code, ranges = _SCRIPTS[k]
        if _count_in(sample, ranges, _SCRIPT_RES[k]) * 10 > len(sample):
            return code
    if _count_in(sample, _ARABIC_RANGES, _ARABIC_RE) * 4 > len(sample):
        counts = _count_stopwords(sample)
        best = [c for c in ("ar", "fa", "ur") if counts.get(c)]
        return max(best, key=lambda c: counts[c]) if best else "ar"
    if _count_in(sample, _CYRILLIC_RANGES, _CYRILLIC_RE) * 4 > len(sample):
        counts = _count_stopwords(sample.lower())
        best = [c for c in ("ru", "uk", "bg", "sr", "mk", "kk") if counts.get(c)]
        return max(best, key=lambda c: counts[c]) if best else "ru"
    return None


def _count_in(sample: str, ranges: tuple[tuple[int, int], ...], pattern: re.Pattern[str]) -> int:
    """Characters of `sample` in `ranges` (`pattern` is their class): in C where `_text`
    was built, as a findall a script made a list of matches (a tenth of the language's time)."""
    if _C_COUNT_RANGES is not None:
        return _C_COUNT_RANGES(sample, ranges)
    return len(pattern.findall(sample))


# Languages by how much of the web is written in them: close relatives with nearly the
# same stop words (Indonesian and Malay, Spanish and Galician...) go to the commoner.
_PREVALENCE: Final = (
    "en es de ru ja fr pt it zh tr nl pl fa vi id ar ko cs uk he el sv hu ro da fi sk bg "
    "no nb hr sr lt sl lv et ca th hi ms bn gl eu"
).split()
_NEAR_TIE: Final = 0.8


def _stopword_language(lower: str) -> str | None:
    counts = _count_stopwords(lower)
    if not counts:
        return None
    top = max(counts.values())
    if top < 3:
        return None
    close = [code for code, hits in counts.items() if hits >= top * _NEAR_TIE]
    return min(close, key=lambda c: (_PREVALENCE.index(c) if c in _PREVALENCE else len(_PREVALENCE), c))


def _count_stopwords(text: str) -> dict[str, int]:
    """Stop-word hits per language (languages with none left out)."""
    counts = [0] * len(_LANGS)
    for k, n in _STOP_HITS(text).items():  # each set once: most stop words are in many lists
        for i in _LANG_SETS[k]:
            counts[i] = counts[i] + n  # `+=` on a list item adds boxed objects under mypyc
    # By index (`counts` is as long as `_LANGS`): a zip(strict=True), which mypyc
    # leaves to the interpreter, made a tuple a language.
    return {_LANGS[i]: counts[i] for i in range(len(counts)) if counts[i]}


def _stop_hits_in_python(text: str) -> dict[int, int]:
    """How many of `text`'s words are stop words of each set of languages (`_LANG_SETS`
    by index), the sets in the order of their first word: the reference for
    `_text.lang_hits`."""
    hits: dict[int, int] = {}
    for word in split_words(text):
        k = _WORD_SET.get(word, -1)
        if k >= 0:
            hits[k] = hits.get(k, 0) + 1
    return hits


def _load_stop_hits() -> Callable[[str], dict[int, int]]:
    """`_text.lang_hits` bound to a table of `_WORD_SET` (made once, from that very dict)
    where the build made it, else its Python twin. Why C: it reads the sample's words
    without a str of each, and counting them was a third of the language's time."""
    table, hits = c_function("_text", "lang_table"), c_function("_text", "lang_hits")
    if table is None or hits is None:
        return _stop_hits_in_python
    return partial(hits, table(_WORD_SET))


_STOP_HITS: Final = _load_stop_hits()
