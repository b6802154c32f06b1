"""The walk in C over lxml's tree (`_walk.c`); html/tree.py says what it is handed and
html/walked.py what it returns."""

from collections.abc import Callable
from typing import Any

from .html.tree import Handed
from .html.walked import WalkResult

def vocabulary(given: Handed) -> object: ...
def walk(
    root: Any,
    vocabulary: object,
    nav_min_link_share: float,
    max_articles: int,
    check: Callable[[], object] | None = None,
    max_search: int = 0,
) -> WalkResult: ...
def class_hint(names: str, vocabulary: object) -> tuple[str, str]: ...
def most_attributes(page: str | bytes, bound: int) -> int: ...
def first_end_tag(page: bytes) -> int: ...
def lean(page: bytes, kept: tuple[bytes, ...]) -> bytes: ...
def find_by(page: bytes, needle: bytes, k: int) -> int: ...

LIBXML_FOLLOWED: tuple[int, int]
