"""Loops over every character of a page, in C (`_text.c`)."""

from array import array
from typing import Any

def words(text: str) -> list[str]: ...
def utf8_valid(data: bytes) -> bool: ...
def line_columns(
    blocks: list[Any], marks: list[Any], missing: float, lo: int, hi: int
) -> list[array[float]]: ...
def line_context(
    values: list[array[float]] | list[list[float]],
    shapes: bytes,
    sizes: tuple[int, int, int, int, int],
    sides: tuple[int, ...],
    shifted: tuple[tuple[int, float], ...],
    missing: float,
) -> list[array[float]]: ...
def line_blocks(
    blocks: list[Any],
    weights: Any,
    label_index: dict[Any, float],
    article: Any,
    typical: float,
    short_words: float,
    labels: int,
    missing: float,
) -> tuple[list[array[float]], list[float], list[array[float]], bytes]: ...
def line_shape(text: str) -> tuple[float, float, int]: ...
def count(text: str, stop: frozenset[str], cues: frozenset[str]) -> tuple[int, int, frozenset[str], bool]: ...
def words_table(stop: frozenset[str], cues: frozenset[str]) -> object: ...
def count_in(table: object, text: str) -> tuple[int, int, frozenset[str], bool]: ...
def marks_table(
    currency: str,
    price_words: tuple[str, ...],
    code_marks: str,
    code_pairs: tuple[str, ...],
    code_starts: tuple[str, ...],
    forum_stems: tuple[str, ...],
) -> object: ...
def may_marks(table: object, text: str, price: bool, forum: bool) -> int: ...
