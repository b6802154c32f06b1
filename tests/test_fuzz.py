"""Property tests of `clean()`'s promise (issue 17): for any page and any argument it
returns a Result of the whole page or raises a `BoilerstripError`; never another
exception, and never a Result that cannot be written out as UTF-8.

Hypothesis builds hostile pages from the pieces that broke the parser or the walk
before (surrogates, NULs, BOMs, XML declarations, unknown charsets, deep nesting, raw
text elements, SVG and <noframes>, runs of brackets and dashes, JSON-LD nested deep),
mixed with arbitrary text and bytes, and shrinks a failure to a small page.

Bounded and repeatable: the examples are derandomized (the same ones on every run, so
CI never meets a new failure by chance), there are `EXAMPLES` of each kind (about a
minute in all in pure Python), and no example database is written. A longer session:
`BOILERSTRIP_FUZZ_EXAMPLES=20000 BOILERSTRIP_FUZZ_SEED=7 python -m pytest tests/test_fuzz.py`
(a seed makes it draw other examples than CI's).
"""

from __future__ import annotations

import os
from typing import Any

from hypothesis import HealthCheck, given, seed, settings  # the [test] extra brings it
from hypothesis import strategies as st

import boilerstrip
from boilerstrip import BoilerstripError, Config, Result

EXAMPLES = int(os.environ.get("BOILERSTRIP_FUZZ_EXAMPLES", "150"))
SEED = os.environ.get("BOILERSTRIP_FUZZ_SEED")
FUZZ = settings(
    max_examples=EXAMPLES,
    derandomize=SEED is None,
    database=None,
    deadline=None,  # a slow example is the growth tests' business; a machine under load is not a failure
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _seeded(test: Any) -> Any:
    """The test with BOILERSTRIP_FUZZ_SEED's examples, when it is set."""
    return seed(int(SEED))(test) if SEED is not None else test


PROSE = "The council said on Monday that it would vote on the plan to build a new bridge. "
# Pieces that once broke the parser, the walk, the decoder or a pattern.
HOSTILE = (
    "\ud800", "\udfff", "\ud83d\ude00", "\x00", "\ufeff", "\r", "\x0c", "\u2028", "\U0001f600", "é", "ß",
    "<?xml version='1.0' encoding='bogus' ?>", "<?xml encoding='utf-16'?>", "<?php echo 1; ?>",
    "<!DOCTYPE html>", "<!-->", "<!--", "-->", "--!>", "<![CDATA[x]]>", "<meta charset=none>",
    "<meta charset=utf-7>", "<meta http-equiv=content-type content='text/html; charset=x-user-defined'>",
    "<svg><title>Icon</title>", "</svg>", "<math><title>m</title></math>", "<noframes>", "</noframes>",
    "<frameset><frame src=a>", "<noscript>", "</noscript>", "<script>", "</script>", "<style>", "</style>",
    "<title>", "</title>", "<textarea>", "<plaintext>", "<xmp>", "<template>", "<iframe>",
    "<p hidden>", "<div style='display:none'>", "<div aria-hidden=true>", "<html>", "</html>", "<body>",
    "</body>", "<head>", "<nav>", "</nav>", "<article>", "</article>", "<div class='comment'>", "</div>",
    "<p>", "</p>", "<br>", "<a href='javascript:x'>", "</a>", "<table><tr><td>", "</td>", "<li>",
    "<link rel=canonical href='data:x'>", "<meta property=og:url content=' http://x.example/a '>",
    "<meta property=og:url content=' \x01\x00http://x.example/a '>",
    "<script type='application/ld+json'>", '{"@type": "NewsArticle", "headline": "H"}', "[" * 200,
    '{"a":' * 80, "&#0;", "&#xd800;", "&#x110000;", "&bogus;", "&amp", "&", "<", ">", "'", '"', "=",
    "(" * 300 + ")" * 300 + "1", "-" * 500 + "1", "\u2003" * 300, "published" + " " * 200,
    "Copyright 2024 AP", "By Jane Doe", "PARIS (Reuters) - ", "12 ( +3 / -1 )", "Reply", "Comments",
    "<p " + " ".join(f"a{i}=1" for i in range(300)) + ">", "<div>" * 300, "</div>" * 300,
)  # fmt: skip

pieces = st.one_of(
    st.sampled_from(HOSTILE),
    st.sampled_from((PROSE, PROSE * 4, "\n\n", " ")),
    st.text(max_size=40),
)
hostile_text = st.lists(pieces, max_size=60).map("".join)
# A page as a crawler may hand it over: a str, its UTF-8 (surrogates and all), another
# encoding, or bytes of anything.
pages = st.one_of(
    hostile_text,
    hostile_text.map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.tuples(hostile_text, st.sampled_from(("utf-16", "utf-16-be", "cp1251", "latin-1", "gb18030"))).map(
        lambda pair: pair[0].encode(pair[1], "replace")
    ),
    st.binary(max_size=2000),
    st.tuples(st.binary(max_size=200), hostile_text).map(
        lambda pair: pair[0] + pair[1].encode("utf-8", "replace")
    ),
)


def _holds_the_promise(page: object, **arguments: Any) -> None:
    """clean() returns a Result whose strings are real text, or raises a
    BoilerstripError: anything else escapes this and fails the test."""
    try:
        result = boilerstrip.clean(page, **arguments)  # type: ignore[arg-type]
    except BoilerstripError:
        return
    assert isinstance(result, Result)
    for value in (result.text, result.title, result.url, result.date, *(b.text for b in result.blocks)):
        assert value is None or isinstance(value, str)
        if value:
            value.encode("utf-8")  # no lone surrogate
    url = arguments.get("url")
    if isinstance(url, str) and url:
        assert result.url == url  # the caller's address, as given
    elif result.url is not None:
        assert result.url.startswith(("http://", "https://"))  # only a web address from the page
    assert result.text == result.text.strip()


@_seeded
@FUZZ
@given(page=pages, include_comments=st.booleans())
def test_any_page_gives_a_result_or_a_boilerstrip_error(page: str | bytes, include_comments: bool) -> None:
    _holds_the_promise(page, include_comments=include_comments)


# Arguments of any type, and Config fields at the edges of their ranges.
anything = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=20), st.binary(max_size=20),
    st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)  # fmt: skip
configs = st.fixed_dictionaries(
    {},
    optional={
        "max_input_chars": st.integers(0, 10_000),
        "max_json_ld_chars": st.integers(0, 1000),
        "max_json_ld_depth": st.integers(0, 5),
        "html_max_attributes": st.integers(0, 300),
        "html_max_nested_articles": st.integers(0, 3),
        "short_block_words": st.integers(0, 50),
        "reveal_max_words": st.integers(0, 500),
        "title_window": st.integers(0, 20),
        "max_gap_blocks": st.integers(0, 10),
        "time_limit": st.sampled_from((0.0, 1e-9, 60.0)),
        "disabled": st.frozensets(st.sampled_from(boilerstrip.config.DETECTOR_ORDER)),
    },
).map(lambda fields: Config(**fields))


@_seeded
@FUZZ
@given(page=pages, url=anything, include_comments=anything, config=st.one_of(configs, anything))
def test_any_argument_gives_a_result_or_a_boilerstrip_error(
    page: str | bytes, url: object, include_comments: object, config: object
) -> None:
    _holds_the_promise(page, url=url, include_comments=include_comments, config=config)


@_seeded
@FUZZ
@given(
    config_fields=st.dictionaries(
        st.sampled_from(("max_input_chars", "time_limit", "detectors", "keep_html", "dom_link_density")),
        anything,
        max_size=3,
    )
)
def test_any_config_field_value_is_a_config_or_a_boilerstrip_error(config_fields: dict[str, object]) -> None:
    try:
        config = Config(**config_fields)  # type: ignore[arg-type]
    except BoilerstripError:
        return
    _holds_the_promise("<p>" + PROSE * 3 + "</p>", config=config)
