"""The text model's columns made as arrays in C without a zeroed buffer and a copy
(`_text.line_context` writes into the arrays it returns, `_text.constant_columns` fills
copies of one array of zeros): the same doubles as their Python twins, each column an
array of its own."""

from __future__ import annotations

from array import array

import pytest

from boilerstrip.learned import linerows

_C = linerows._C_CONSTANTS


@pytest.mark.skipif(_C is None, reason="_text was not built")
@pytest.mark.parametrize("n", [0, 1, 2, 3, 7, 64, 1000])
def test_constant_columns_are_their_python_twin(n: int) -> None:
    assert _C is not None
    values = [0.0, -0.0, 1.5, -1.0, 1e308, float("inf"), 5e-324, 3, 2**53 + 1]
    made = _C(values, n)
    expected = linerows._constants_in_python(values, n)
    assert [type(c) for c in made] == [array] * len(values)
    assert [c.typecode for c in made] == ["d"] * len(values)
    assert [c.tobytes() for c in made] == [c.tobytes() for c in expected]
    assert len({id(c) for c in made}) == len(made)  # no column shares another's doubles
    if n and made:
        made[0][0] = 9.0
        assert made[1][0] == -0.0 and _C(values, n)[0][0] == 0.0


@pytest.mark.skipif(_C is None, reason="_text was not built")
def test_constant_columns_refuse_what_is_no_number() -> None:
    assert _C is not None
    with pytest.raises(TypeError):
        _C(["1.0"], 3)
    with pytest.raises(ValueError):
        _C([1.0], -1)
    assert _C([], 5) == []
