"""The learned models' trees walked in C (`_trees.c`); learned.forest.probability is the
reference, and learned.pagetype.Model.walk for `packed_margins`, learned.blockrows.python_rows
for `html_rows`, learned.stack.python_stack_rows for `stack_rows`."""

from array import array
from collections.abc import Callable, Sequence

from .model import Block, Dom

def pack(
    feature: array[int],
    threshold: array[float],
    left: array[int],
    right: array[int],
    value: array[float],
    roots: array[int],
    width: int,
) -> object: ...
def walk(
    packed: object, base: float, features: list[list[float]] | list[array[float]], by_column: bool = ...
) -> list[float]: ...
def packed_margins(packed: object, row: list[float], classes: int) -> list[float]: ...
def html_rows(
    blocks: list[Block],
    weights: Sequence[float],
    labels: list[float],
    kept: list[float],
    words: list[float],
    links: list[float],
    scores: list[float],
    page: list[float],
    prose: dict[int, float],
    all_prose: float,
    typical: float,
    main: int,
    kind: float,
    tables: tuple[
        float, int, tuple[int, ...], dict[str, float], dict[str, float], tuple[str, ...], tuple[int, ...], int
    ],
    lo: int,
    hi: int,
) -> list[list[float]]: ...
def rows(columns: list[list[float]]) -> list[list[float]]: ...
def stack_rows(
    rows: list[list[float]],
    ps: list[float],
    words: list[float],
    doms: list[Dom | None],
    median: float,
    tables: tuple[
        float, tuple[int, ...], int, tuple[int, ...], float, tuple[float, ...], tuple[int, ...], int
    ],
    check: Callable[[], object] | None = None,
) -> list[list[float]]: ...
