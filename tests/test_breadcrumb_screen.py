"""`furniture.may_be_breadcrumb`, the screen before BREADCRUMB, must pass every text the
pattern matches: it only skips texts it cannot (no part first, fewer than two
separators, two with only spaces between them)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from boilerstrip.patterns import furniture

# Trails made as the pattern reads them (parts of one to five words, spaces, a
# separator), then anything of its characters: matches and near misses alike
# (cheaper to draw than texts of the pattern itself, `st.from_regex`).
_WORDS = st.lists(st.text(alphabet="aZé1.-", min_size=1, max_size=3), min_size=1, max_size=5).map(" ".join)
_SPACES = st.text(alphabet=" \t\xa0", max_size=2)
_CRUMB = st.tuples(_WORDS, _SPACES, st.sampled_from(">»›/|"), _SPACES).map("".join)
_TRAILS = st.tuples(
    st.text(alphabet=" /", max_size=1),
    st.lists(_CRUMB, min_size=1, max_size=4).map("".join),
    st.text(alphabet="ab />»›|\t\n", max_size=6),
).map("".join)


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(_TRAILS)
def test_breadcrumb_screen_passes_every_trail_the_pattern_matches(text: str) -> None:
    if furniture.BREADCRUMB.match(text):
        assert furniture.may_be_breadcrumb(text), text


@pytest.mark.parametrize(
    ("text", "matches"),
    [
        ("Home > News > World", True), ("Home » Sports", False), ("Home » Sports » NFL", True),
        ("News / Local / Crime\n", True), ("Home›Tech›Phones", True), ("a | b | c d e f g h", True),
        ("https://example.com/a/b", False), ("| November 18, 2019", False), ("» Personal Finance", False),
        (" Home > News > World", False), ("Home >> News", False), ("Home > > News", False),
        ("Homes/Rentals", False), ("1 / 4", False), ("商標登録の基礎知識", False), ("", False),
        ("One Two Three Four Five > x > y", False), ("Home >\tNews > World", True),
    ],
)  # fmt: skip
def test_breadcrumb_screen_on_known_lines(text: str, matches: bool) -> None:
    assert (furniture.BREADCRUMB.match(text) is not None) == matches, text
    if matches:
        assert furniture.may_be_breadcrumb(text), text
    elif not furniture.may_be_breadcrumb(text):
        assert furniture.BREADCRUMB.match(text) is None, text
