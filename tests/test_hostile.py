"""`clean()` on hostile input: it returns a Result of the whole page or raises a
`BoilerstripError` naming the problem, for every input and every argument; never a
silent prefix of the page (GitHub issue 17; docs/reliability.md)."""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from typing import Any

import pytest

import boilerstrip
from boilerstrip import ArgumentError, BoilerstripError, Cleaner, Config, ConfigError, InputError, html

LONG = "Long text. " * 40


def _page(body: str, head: str = "") -> str:
    return f"<html><head>{head}</head><body>{body}<p>{LONG}</p></body></html>"


def _whole(page: str | bytes, **kwargs: Any) -> boilerstrip.Result:
    """The page cleaned, checked to hold its last paragraph (read whole, not a prefix)."""
    result = boilerstrip.clean(page, **kwargs)
    assert LONG.strip() in result.text
    return result


# --- 1. a page the parser cannot read whole is read whole another way ---------------


def test_a_lone_surrogate_reads_as_a_replacement_character() -> None:
    result = _whole("<p>a \ud800 b</p><p>" + LONG + "</p>")
    assert [b.text for b in result.blocks][0] == "a \ufffd b"
    result.text.encode("utf-8")  # the Result holds no surrogate either


@pytest.mark.parametrize("extra", ["", "\u2019", "\U0001f600"])  # str kinds of 1, 2 and 4 bytes
@pytest.mark.parametrize("surrogate", ["\ud800", "\udbff", "\udc00", "\udfff"])
def test_every_lone_surrogate_in_every_kind_of_str(surrogate: str, extra: str) -> None:
    _whole(_page(f"<p>a {surrogate} b{extra}</p>"))


def test_a_surrogate_pair_becomes_its_character() -> None:
    result = _whole(_page("<p>smile \ud83d\ude00 now</p>"))
    assert "smile \U0001f600 now" in [b.text for b in result.blocks]


def test_a_lone_surrogate_in_a_text_dump() -> None:
    result = boilerstrip.clean("A headline \udc80 here\n\n" + LONG + "\n")
    assert "A headline \ufffd here" in [b.text for b in result.blocks]
    result.text.encode("utf-8")


def test_nul_characters_are_dropped_not_a_stop() -> None:
    _whole(_page("<p>a \x00 b</p>"))
    _whole(_page("<p>a \x00 b</p>").encode("utf-8"))


@pytest.mark.parametrize(
    "declaration",
    [
        '<?xml version="1.0" encoding="bogus" ?>',
        '<?xml version="1.0" encoding="bogus" >',  # no "?>": lxml refuses such a str
        '<?xml version="1.0" encoding="utf-8" ?',
        '<?xml version="1.0"?><?xml encoding="x" >',
        '<?xml version="1.0" encoding="utf-8"?>\n<?xml-stylesheet href="a.xsl"?>',
    ],
)
def test_an_xml_declaration_in_a_str_page(declaration: str) -> None:
    result = _whole(declaration + _page("<h1>Head</h1>"))
    assert result.source_type == "html"


def test_a_malformed_xml_declaration_in_legacy_bytes() -> None:
    page = (
        '<?xml version="1.0" encoding="windows-1251" ><html><body><p>Привет, мир. '
        + LONG
        + "</p></body></html>"
    )
    result = _whole(page.encode("cp1251"))
    assert "Привет, мир." in result.text


def test_a_str_page_with_a_leading_bom_is_html() -> None:
    result = _whole("\ufeff<!DOCTYPE html>" + _page("<h1>Head</h1>"))
    assert result.source_type == "html" and "DOCTYPE" not in result.text


# --- 2. a declared charset Python does not know gives way to detection --------------


@pytest.mark.parametrize(
    "label",
    [
        "none",
        "windows-874",
        "x-user-defined",
        "utf8mb4",
        "undefined",
        "unicode_escape",
        "rot13",
        "base64",
        "utf-7",
    ],
)
def test_an_unknown_or_unusable_declared_charset(label: str) -> None:
    # caf\xe9 is not UTF-8: the declared charset is asked for
    page = f"<html><head><meta charset={label}></head><body><p>caf\xe9 \\ud800 {LONG}</p></body></html>"
    result = _whole(page.encode("latin-1"))
    result.text.encode("utf-8")


def test_browser_only_labels_name_their_charset() -> None:
    thai = "ภาษาไทยเป็นภาษาที่สวยงาม " * 20
    page = f'<html><head><meta charset="windows-874"></head><body><p>{thai}</p></body></html>'
    assert thai.split()[0] in boilerstrip.clean(page.encode("cp874")).text
    latin = f"<html><head><meta charset=utf8mb4></head><body><p>caf\xe9 {LONG}</p></body></html>"
    assert boilerstrip.decode.declared_charset(latin.encode("latin-1")) == "utf-8"


# --- 3. JSON-LD over the limits is skipped, the page still cleaned ------------------


def _json_ld(data: str) -> str:
    return f'<script type="application/ld+json">{data}</script>'


@pytest.mark.parametrize("nest", [("[" * 1000, "]" * 1000), ('{"a":' * 100_000, "}" * 100_000)])
def test_deep_json_ld_is_skipped(nest: tuple[str, str]) -> None:
    graph = '{"@type": "NewsArticle", "headline": "Deep"}'
    result = _whole(_page("", head=_json_ld(nest[0] + graph + nest[1]) + "<title>Shallow</title>"))
    assert result.title == "Shallow"


def test_json_ld_within_the_limits_is_read() -> None:
    nested = "[" * 60 + "]" * 60  # 61 levels with the object around it
    data = '{"@type": "NewsArticle", "headline": "Read [{ it", "x": ' + nested + "}"
    page = _page("", head=_json_ld(data) + "<title>Other</title>")
    assert _whole(page).title == "Read [{ it"
    assert _whole(page, config=Config(max_json_ld_depth=60)).title == "Other"
    assert _whole(page, config=Config(max_json_ld_chars=len(data) - 1)).title == "Other"


def test_json_ld_depth_is_counted_outside_strings() -> None:
    from boilerstrip.htmlmeta import _nested_deeper

    rng = random.Random(17)

    def make(depth: int) -> Any:
        if depth == 0 or rng.random() < 0.2:
            return rng.choice(['s[{"', 1, 'x]}\\"', None])
        if rng.random() < 0.5:
            return [make(depth - 1) for _ in range(rng.randint(0, 3))]
        return {rng.choice(["k", "[{", '}"']): make(depth - 1) for _ in range(rng.randint(0, 3))}

    def depth(value: Any) -> int:
        if not isinstance(value, (list, dict)):
            return 0
        return 1 + max(map(depth, value.values() if isinstance(value, dict) else value), default=0)

    for _ in range(500):
        value = make(rng.randint(0, 12))
        for limit in range(13):
            assert _nested_deeper(json.dumps(value), limit) == (depth(value) > limit)


# --- 4. a bad argument is an ArgumentError naming it --------------------------------


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: boilerstrip.clean(_page(""), url=5), "url"),  # type: ignore[arg-type]
        (lambda: boilerstrip.clean(_page(""), config="x"), "config"),  # type: ignore[arg-type]
        (lambda: boilerstrip.clean(_page(""), include_comments="yes"), "include_comments"),  # type: ignore[arg-type]
        (lambda: Cleaner().clean(_page(""), url=b"http://x"), "url"),  # type: ignore[arg-type]
        (lambda: Cleaner("x"), "config"),  # type: ignore[arg-type]
        (lambda: Cleaner(detectors=["x"]), "detectors"),  # type: ignore[arg-type]
        (lambda: Cleaner(detectors={"x": 5}), "detectors"),  # type: ignore[dict-item]
        (lambda: Cleaner().clean_many(_page("")), "pages"),
        (lambda: Cleaner().clean_many(5), "pages"),  # type: ignore[arg-type]
        (lambda: Config(max_input_chars="x"), "Config.max_input_chars"),  # type: ignore[arg-type]
        (lambda: Config(detectors="content"), "Config.detectors"),  # type: ignore[arg-type]
        (lambda: Config().replace(dom_link_density=None), "Config.dom_link_density"),
    ],
)
def test_a_bad_argument_is_an_argument_error_naming_it(call: Callable[[], object], name: str) -> None:
    with pytest.raises(ArgumentError, match=name) as caught:
        call()
    assert isinstance(caught.value, TypeError) and isinstance(caught.value, BoilerstripError)


def test_an_unreadable_scorer_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="scorer_html"):
        Cleaner(Config(scorer_html="/no/such/scorer.json"))


def test_good_arguments_still_work() -> None:
    result = boilerstrip.clean(_page(""), url="https://x.example/a", include_comments=True, config=Config())
    assert result.url == "https://x.example/a"
    assert list(Cleaner(detectors={}).clean_many(iter([_page("")])))[0].text == LONG.strip()
    assert Config(dom_link_density=1, disabled={"social"}).dom_link_density == 1


# --- 5. only a web address from the page becomes Result.url --------------------------


@pytest.mark.parametrize(
    ("head", "url"),
    [
        ('<link rel="canonical" href="javascript:alert(1)">', None),
        ('<link rel="canonical" href=" JavaScript:alert(1)">', None),
        ('<link rel="canonical" href="data:text/html,x">', None),
        ('<link rel="canonical" href="http://[::1">', None),
        ('<link rel="canonical" href="/relative/path">', None),
        ('<link rel="canonical" href=" https://x.example/a ">', "https://x.example/a"),
        (
            '<link rel="canonical" href="vbscript:x"><meta property="og:url" content="http://x.example/b">',
            "http://x.example/b",
        ),
        ('<meta property="og:url" content="javascript:alert(1)">', None),
    ],
)
def test_only_http_urls_from_the_page(head: str, url: str | None) -> None:
    assert _whole(_page("", head=head)).url == url


# --- 6. the title: only HTML's own <title>, never an SVG's or <noframes> markup ------


def _walks(page: str) -> list[html.HtmlPage]:
    """The page as both walks read it: as events, and as `read` does (over the tree in
    C where the build has it)."""
    return [html.read_events(page), html.read(page)]


def test_an_svg_title_is_not_the_page_title() -> None:
    page = _page("<svg><title>Icon</title><g><title>Shape</title></g></svg><h1>Head</h1>")
    assert [walked.title for walked in _walks(page)] == [None, None]
    assert _whole(page).title not in ("Icon", "Shape")


def test_the_html_title_after_an_svg_or_mathml_title_is_the_page_title() -> None:
    body = "<svg><title>Icon</title></svg><math><title>Formula</title></math><title>Real - Site</title>"
    page = _page(body + "<h1>Head</h1>")
    assert [walked.title for walked in _walks(page)] == ["Real", "Real"]
    assert "Icon" not in _whole(page).text


def test_noframes_markup_is_not_the_page_title() -> None:
    page = (
        "<html><head></head><frameset><frame src='a'><noframes><body><h1>Hi there</h1>"
        "<p>Your browser does not support frames.</p></body></noframes></frameset></html>"
    )
    result = boilerstrip.clean(page)
    assert "<" not in (result.title or "")
    # what a browser without frames shows: the content, read as markup
    assert result.text.endswith("Your browser does not support frames.")
    assert not [b.text for b in result.blocks if "<" in b.text]


def test_noframes_markup_is_never_a_block() -> None:
    page = _page("<noframes><p>Frames <b>needed</b></p></noframes>")
    for walked in _walks(page):
        assert [b.text for b in walked.blocks] == [LONG.strip()]
    assert "<" not in _whole(page).text


# --- 7. a node over libxml2's default 10 MB is read whole, in both walks -------------


@pytest.mark.parametrize("where", ["text", "attribute", "comment"])
def test_a_node_over_ten_megabytes_is_read_whole(where: str) -> None:
    """Without huge_tree, libxml2 stops at a text node, attribute value or comment over
    10 MB, and the walk saw a silent prefix of the page (nothing at all, here)."""
    filler = "word " * 2_001_000
    inner = {
        "text": f"<p>{filler}</p>",
        "attribute": f'<p title="{filler}">x</p>',
        "comment": f"<!--{filler}-->",
    }
    page = _page(inner[where]).encode()
    for walked in _walks(page.decode()) + [html.read_events(page), html.read(page)]:
        assert walked.blocks[-1].text == LONG.strip()
    assert boilerstrip.clean(page).blocks[-1].text == LONG.strip()


# --- the contract on a mix of all of the above ---------------------------------------

_PIECES = (
    "<p>", "</p>", "<div>", "\ud800", "\x00", "\ufeff", "<?xml encoding='x' >", "<meta charset=none>",
    "<svg><title>t</title></svg>", "<noframes><p>x</p></noframes>", "<link rel=canonical href='javascript:x'>",
    _json_ld("[" * 300), "<table><tr><td>", "é", "\U0001f600", "<!--", "-->", "<script>", "</script>",
    "Copyright 2024", "By Jane Doe", "\r\n", "&#0;", "&#xd800;", "&bogus;",
)  # fmt: skip


def test_a_result_or_a_boilerstrip_error_for_any_mix() -> None:
    rng = random.Random(9)
    for _ in range(150):
        page = "".join(rng.choice(_PIECES) + rng.choice(("", LONG[:40])) for _ in range(rng.randint(1, 30)))
        for form in (page, page.encode("utf-8", "surrogatepass"), page.encode("utf-16", "surrogatepass")):
            try:
                result = boilerstrip.clean(form)
            except BoilerstripError:
                continue
            result.text.encode("utf-8")
            assert result.url is None


def test_input_errors_still_name_the_problem() -> None:
    with pytest.raises(InputError, match="str or bytes"):
        boilerstrip.clean(None)  # type: ignore[arg-type]
