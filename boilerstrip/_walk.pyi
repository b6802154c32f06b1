"""The walk in C over lxml's tree (`_walk.c`); html.py says what it returns."""

from collections.abc import Callable
from typing import Any

def walk(
    root: Any,
    class_hint: Callable[[str], tuple[str, str]],
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
