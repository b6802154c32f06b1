"""`_text.line_blocks` counts the lines of each blank-line group in an array where every
group is an int of 0..n (a dump's are), else by a dict as the Python reference does:
the group columns are `linerows._block_columns_in_python`'s either way, for groups
past the lines' count, negative, too large for a machine word, bools equal to ints,
floats equal to ints and strings. The build compiled by mypyc holds `Features.group` to
an int, so there a float or a string group never reaches the count: Features refuses it."""

from __future__ import annotations

import pytest

import boilerstrip
from boilerstrip.learned import linerows
from boilerstrip.model import Block, Features

_GROUPS: list[list[object]] = [
    [],
    [0],
    [0, 0, 1, 1, 1, 2],
    [3, 3, 3],  # one group, numbered past 0
    [0, 5, 5, 0],  # 5: past the lines' count
    [-1, -1, 0],
    [2**70, 0, 2**70],
    [True, 1, 0, False],
    [1.0, 1, 2],
    ["a", "b", "a"],
]


@pytest.mark.skipif(linerows._C_LINE_BLOCKS is None, reason="_text was not built")
@pytest.mark.parametrize("groups", _GROUPS)
def test_group_columns_are_the_python_ones(groups: list[object]) -> None:
    if boilerstrip.COMPILED and not all(isinstance(g, int) for g in groups):
        with pytest.raises(TypeError):
            _blocks(groups)
        return
    blocks = _blocks(groups)
    weights = [1.0] * len(blocks)
    got = linerows._block_columns(blocks, weights, 0.5, 3)[2]
    expected = linerows._block_columns_in_python(blocks, weights, 0.5, 3)[2]
    assert [[v.hex() for v in c] for c in got] == [[float(v).hex() for v in c] for c in expected]


def _blocks(groups: list[object]) -> list[Block]:
    return [
        Block(f"line {k}", k, k + 1, Features(chars=6, words=2, group=g))  # type: ignore[arg-type]
        for k, g in enumerate(groups)
    ]
