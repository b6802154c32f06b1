"""The keep model's trees walked in C (`_trees.c`); keep.probability is the reference,
and pagetype.Model.scores for `margins`."""

from array import array

def probabilities(
    feature: array[int],
    threshold: array[float],
    left: array[int],
    right: array[int],
    value: array[float],
    roots: array[int],
    base: float,
    rows: list[list[float]],
    width: int,
) -> list[float]: ...
def margins(
    feature: array[int],
    threshold: array[float],
    left: array[int],
    right: array[int],
    value: array[float],
    roots: array[int],
    row: list[float],
    width: int,
    classes: int,
) -> list[float]: ...
def rows(columns: list[list[float]]) -> list[list[float]]: ...
