"""The walk in C over lxml's tree (`_walk.c`); html.py says what it returns."""

from collections.abc import Callable
from typing import Any

from .html.walked import HintRules, WalkResult

def walk(
    root: Any,
    hints: HintRules,
    hidden_search: Callable[[str], object],
    nav_min_link_share: float,
    max_articles: int,
    check: Callable[[], object] | None = None,
) -> WalkResult: ...
def class_hint(names: str, hints: HintRules) -> tuple[str, str]: ...
def most_attributes(markup: str | bytes, bound: int) -> int: ...
def first_end_tag(page: bytes) -> int: ...
def lean(page: bytes, kept: tuple[bytes, ...], bound: int) -> tuple[bytes, int]: ...
def find_by(page: bytes, needle: bytes, k: int) -> int: ...
