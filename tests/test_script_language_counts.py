"""`lang._script_language` counts each one-language script's characters by its range
of code points (`_text.count_ranges` where `_text` was built) and, without C, by the
pattern `lang._class_of` makes of that range: the patterns are the ones the scripts
were written as before, and the C count is the pattern's findall on every range's
edges, alone and mixed, in each of the three widths of a str."""

from __future__ import annotations

from boilerstrip import lang, native

from .conftest import needs_c

FORMER = {
    "ja": "[\u3040-\u30ff]",
    "ko": "[\uac00-\ud7af]",
    "zh": "[\u4e00-\u9fff]",
    "th": "[\u0e00-\u0e7f]",
    "my": "[\u1000-\u109f]",
    "hy": "[\u0530-\u058f]",
    "ka": "[\u10a0-\u10ff]",
    "el": "[\u0370-\u03ff]",
    "he": "[\u0590-\u05ff]",
    "hi": "[\u0900-\u097f]",
}
RANGES = [r for _, r in lang._SCRIPTS] + [lang._ARABIC_RANGES, lang._CYRILLIC_RANGES]
PATTERNS = [*lang._SCRIPT_RES, lang._ARABIC_RE, lang._CYRILLIC_RE]


def test_the_scripts_patterns_are_their_former_text() -> None:
    assert [code for code, _ in lang._SCRIPTS] == list(FORMER)
    assert [p.pattern for p in lang._SCRIPT_RES] == list(FORMER.values())
    assert lang._ARABIC_RE.pattern == "[\u0600-\u06ff]"
    assert lang._CYRILLIC_RE.pattern == "[\u0400-\u04ff]"


def test_the_c_count_is_the_patterns_findall_on_every_edge() -> None:
    count_ranges = native.c_function("_text", "count_ranges")
    needs_c(count_ranges, "_text.count_ranges")
    assert count_ranges is not None
    edges = "".join(chr(c) for ((lo, hi),) in RANGES for c in (lo - 1, lo, hi, hi + 1))
    texts = [edges, "ab " + edges, edges + "\U0001f600", "plain ascii", ""]
    texts += [chr(c) for c in range(0x300, 0x1100)]
    for text in texts:
        for ranges, pattern in zip(RANGES, PATTERNS, strict=True):
            assert count_ranges(text, ranges) == len(pattern.findall(text))
            assert lang._count_in(text, ranges, pattern) == len(pattern.findall(text))
