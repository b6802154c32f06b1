"""The metadata readers' page-wide and line screens give the slow path's own answer:
`authors._may_credit_each` keeps every candidate whose head `_may_credit` may say yes
to (the heads searched at once, as ASCII bytes), and `wire.lead_wire` reads no line
its pattern could match without a bracket or slash in its first characters. Checked on
texts drawn from the characters that make case-blind matching differ from
`str.lower` (dotted and dotless i, long s, the Kelvin sign), line breaks inside a
line, the credits' words and the agencies' names and initials. And `dates._next_date`,
which finds the white space before a date's first digit by `str.rstrip`, searches
as the pattern does on texts with white space of every kind."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from boilerstrip.meta import authors, dates, wire
from boilerstrip.model import Block, Features
from boilerstrip.patterns.dates import DATE_RE

from .test_meta_search_starts import AGENCY_PIECES, DATE_PIECES

CREDIT_PIECES = [
    "by", "By", "BY", "bY", "aut", "AUT", "Author", "autor", "Starter", "STARTER", "poster", "contributor",
    "contrıbutor", "contrİbutor", "ſtarter", "poſter", "b", "y", "x", " ", "\n", "é", "İ", "ı", "ſ", "K", "—",
    "Jane Roe", "abcdefghij" * 4,
]  # fmt: skip
heads = st.lists(st.sampled_from(CREDIT_PIECES), max_size=8).map("".join)


@settings(max_examples=3000, deadline=None)
@given(st.lists(heads, max_size=8))
def test_credit_heads_searched_at_once_keep_what_each_keeps(texts: list[str]) -> None:
    blocks = [Block(text, k, k + 1, Features(words=len(text.split()))) for k, text in enumerate(texts)]
    kept = authors._may_credit_each(blocks)
    expected = [b for b in blocks if authors._has_stem_or_unsure(b.text[: authors._CREDIT_HEAD])]
    assert [b.index for b in kept] == [b.index for b in expected]
    for b in blocks:  # a head it drops is one `_may_credit` says no to
        if b not in kept:
            assert not authors._may_credit(b.text[: authors._CREDIT_HEAD])


LEAD_PIECES = [*AGENCY_PIECES, "MOSCOW ", "(Reuters) - ", "/TASS/", "(AP) —", "x" * 20, "Jan. 5 "]


@settings(max_examples=5000, deadline=None)
@given(st.lists(st.sampled_from(LEAD_PIECES), max_size=10).map("".join))
def test_lead_wire_reads_every_line_its_pattern_matches(text: str) -> None:
    assert wire.lead_wire(text) == wire.agency_named(wire._LEAD_RE.match(text[: wire._LEAD_CHARS]))


SPACES = [" ", "\t", "\n", "\x0b", "\x1c", "\x1f", "\x85", "\u00a0", "\u1680", "\u2028", "\u3000", "\u200b"]


@settings(max_examples=5000, deadline=None)
@given(
    st.lists(st.sampled_from(DATE_PIECES + SPACES), max_size=12).map("".join),
    st.integers(0, 60),
    st.integers(0, 60),
)
def test_next_date_after_any_white_space_is_the_patterns_search(text: str, at: int, stop: int) -> None:
    found, expected = dates._next_date(text, at, stop), DATE_RE.search(text, at, stop)
    assert (found and (found.span(), found.groupdict())) == (
        expected and (expected.span(), expected.groupdict())
    )
