"""The walk in C over lxml's tree (`_walk.c`); html.py says what it returns."""

from collections.abc import Callable
from typing import Any

def walk(
    root: Any,
    hints: tuple[Callable[[str], tuple[str, str]], frozenset[str], dict[str, str], frozenset[str]],
    hidden_search: Callable[[str], object],
    nav_min_link_share: float,
) -> tuple[
    list[tuple[str, str, int, int, frozenset[str], tuple[tuple[int, str, str], ...], int, tuple[int, ...]]],
    str | None,
    list[tuple[str | None, str | None]],
    list[str],
    list[str],
    str | None,
    bool,
    tuple[str | None, ...],
]: ...
def class_hint(
    names: str, hints: tuple[Callable[[str], tuple[str, str]], frozenset[str], dict[str, str], frozenset[str]]
) -> tuple[str, str]: ...
