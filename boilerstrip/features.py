"""Features: the numbers detectors read, computed once a block, in any language.

Why: detectors must not each re-tokenise the page; lengths count CJK characters as
about half a word so a Chinese paragraph is as "long" as its English translation.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from .lang import WORD_RE, Language, cjk_chars
from .model import Block

_SENTENCE_END = frozenset(".!?…。！？:;")
_CLOSERS = frozenset("\"'”’»)」』")
_CAPS_RE = re.compile(r"\b[^\W\d_]")
_LATIN_WORD_RE = re.compile(r"[A-Za-z0-9\u00c0-\u024f]+")
_DIGITS = str.maketrans("", "", "0123456789")


# Languages without a stop list: length and punctuation decide alone.
_NEUTRAL_DENSITY = 0.3


def compute(blocks: Sequence[Block], lang: Language) -> None:
    """Fill `block.features` for every block (lengths, densities, repetition)."""
    counts = Counter(b.text.lower() for b in blocks)
    stop = lang.stopwords
    stopchars = lang.stopchars
    for block in blocks:
        text = block.text
        f = block.features
        f.chars = len(text)
        f.repeats = counts[text.lower()]
        f.ends_sentence = _ends_sentence(text)
        f.digit_ratio = (len(text) - len(text.translate(_DIGITS))) / len(text)
        if lang.cjk:
            _cjk_features(block, stopchars)
            continue
        words = WORD_RE.findall(text.lower())
        n = len(words)
        f.words = n
        if n:
            f.stop_density = sum(map(stop.__contains__, words)) / n if stop else _NEUTRAL_DENSITY
            initials = _CAPS_RE.findall(text)
            f.cap_ratio = sum(c.isupper() for c in initials) / max(len(initials), 1)


def _ends_sentence(text: str) -> bool:
    """Ends like a sentence: final punctuation, possibly inside a quote or bracket."""
    last = text[-1]
    if last in _CLOSERS and len(text) > 1:
        last = text[-2]
    return last in _SENTENCE_END


def _cjk_features(block: Block, stopchars: frozenset[str]) -> None:
    """Count CJK characters as half words, and stop characters for density."""
    text = block.text
    f = block.features
    cjk = cjk_chars(text)
    f.words = (cjk + 1) // 2 + len(_LATIN_WORD_RE.findall(text))
    if cjk and stopchars:
        f.stop_density = sum(map(stopchars.__contains__, text)) / cjk * 1.5
    elif cjk:
        f.stop_density = _NEUTRAL_DENSITY
    f.cap_ratio = 0.0
