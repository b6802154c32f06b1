"""The cheaper forms give the answers of the forms they replace: the price
and code patterns searched by their alternatives (`marks._is_price`, `marks._is_code`),
the headline model's best index without a tuple key, and the constant columns of the
text keep model made by slices of one array."""

from __future__ import annotations

from array import array

from hypothesis import given, settings
from hypothesis import strategies as st

from boilerstrip.learned import headline, linerows, marks

PIECES = [
    "price", "PRICE", "Prİce", "prıce", "usd", "UſD", "eur", "GBP", "Eur", "$", "€", "£", "¥", "₹", "12", "3.50",
    ",99", ".5", " ", "  ", "\t", "\n", "\u3000", "\xa0", "-", "_", "x", "é", "İ", "ı", "ſ", "K", "{", "}", ";",
    "(", ")", "()", "_()", "=", ">", "=>", ":", "::", "def", "class", "import", "return", "var", "const", "let",
    "function", "letter", "defer", "a", "1",
]  # fmt: skip
texts = st.lists(st.sampled_from(PIECES), max_size=16).map("".join)


@settings(max_examples=5000, deadline=None)
@given(texts)
def test_price_by_alternatives_is_the_patterns_answer(text: str) -> None:
    assert marks._is_price(text) == (marks._PRICE.search(text) is not None)


@settings(max_examples=5000, deadline=None)
@given(texts)
def test_code_by_alternatives_is_the_patterns_answer(text: str) -> None:
    assert marks._is_code(text) == (marks._CODE.search(text) is not None)


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from([0.0, 0.25, 0.5, 0.5, 1.0, float("nan"), -0.0]), min_size=1, max_size=12))
def test_best_index_is_max_by_probability_then_nearest(probabilities: list[float]) -> None:
    expected = max(range(len(probabilities)), key=lambda i: (probabilities[i], -i))
    assert headline.best_index(probabilities) == expected


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.floats(allow_nan=False) | st.integers(-(2**40), 2**40), max_size=8),
    st.integers(min_value=0, max_value=50),
)
def test_constant_columns_are_each_value_repeated(values: list[float], n: int) -> None:
    made = linerows._constants(values, n)
    assert [c.tobytes() for c in made] == [(array("d", (v,)) * n).tobytes() for v in values]
