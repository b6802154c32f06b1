"""The HTML walk, in its two forms: in C over lxml's tree (`_walk.c`, in the installed
build) and in Python as lxml's parser target (`html.events._Builder`, everywhere). The first
tests pin down what the walk gives where the event stream makes it easy to get wrong;
the rest hold the two forms to the same result, block for block, on real pages and on
pages built to reach every branch of the walk."""

from __future__ import annotations

import gzip
import random
import subprocess
import sys
from collections.abc import Callable

import pytest

import boilerstrip
from boilerstrip import html
from boilerstrip.decode import decode, is_utf8
from boilerstrip.html import lean, repair, tree, vocabulary, walked
from boilerstrip.htmlmeta import Markup

from .conftest import FIXTURES

ARTICLE = "<p>Story text that is long enough to be kept as an article paragraph in this test case.</p>"


def test_text_around_dropped_and_hidden_elements_joins_like_the_tree() -> None:
    page = (
        b"<html><body><p>a &amp; b<!-- c -->d<script>var x=1;</script>e<b>bold</b> tail</p>"
        b"<p style='display:none'>hidden</p>" + ARTICLE.encode() + b"</body></html>"
    )
    texts = [b.text for b in boilerstrip.clean(page).blocks]
    assert texts[0] == "a & bdebold tail"  # entity, comment and script gone, text joined
    assert "hidden" not in " ".join(texts)


def test_hidden_tab_panels_and_folded_sections_are_read_and_hidden_menus_are_not() -> None:
    """A tab panel not chosen yet, an accordion's folded section and the answer a
    disclosure button names hold the page's content until a click shows them, on the
    same page: the walk reads them. A hidden menu or dialog, a tab panel inside a
    hidden element, or what a button in the page's header shows, it does not."""
    page = (
        b"<html><body><h1>Send a message</h1><div role=tablist><button role=tab>Python</button>"
        b"<button role=tab>Java</button></div>"
        b"<div role=tabpanel id=p1><p>Install the Python library with pip first.</p></div>"
        b"<div role=tabpanel id=p2 hidden style='display:none'><p>Add the Java library to your build.</p></div>"
        b"<h2>Questions</h2><button aria-expanded=false aria-controls=a1>Is it free?</button>"
        b"<div role=region id=a1 aria-hidden=true><p>It is free for the first month of use.</p></div>"
        b"<ul role=menu hidden><li>Products menu entry</li></ul>"
        b"<div role=dialog aria-hidden=true><p>Sign up for our newsletter today.</p></div>"
        b"<div hidden><div role=tabpanel><p>A template's panel.</p></div></div>"
        b"<button aria-expanded=false aria-controls=a2>Can I cancel?</button>"
        b"<div id=a2 style='display:none'><p>You can cancel at any time from your account.</p></div>"
        b"<header><button aria-expanded=false aria-controls=nav>Menu</button></header>"
        b"<div id=nav hidden><p>Pricing and plans for every team.</p></div>"
        b"<button aria-expanded=false aria-controls=pop>Share</button>"
        b"<div id=pop role=dialog hidden><p>Share this page with a friend.</p></div>"
        + ARTICLE.encode()
        + b"</body></html>"
    )
    texts = " ".join(b.text for b in boilerstrip.clean(page).blocks)
    assert "Java library" in texts and "free for the first month" in texts and "cancel at any time" in texts
    assert "menu entry" not in texts and "newsletter" not in texts and "template" not in texts
    assert "Pricing and plans" not in texts and "with a friend" not in texts


def test_a_hidden_tab_panel_in_the_chrome_stays_hidden() -> None:
    """A hidden tab panel or section in the header, a banner, the navigation or the
    footer is a mega menu's panel or a footer's folded links, not what the page is
    about: as for a disclosure button, only outside the chrome is it read as shown (the
    story is long enough that `clean` does not read the hidden parts again)."""
    story = [
        f"Paragraph {k} of a story that is long enough to be read as the article's own text."
        for k in range(5)
    ]
    page = (
        "<html><body><header><div role=tabpanel hidden><p>menu panel</p></div></header>"
        "<div role=banner><div role=region hidden>banner region</div></div>"
        "<nav><a href=/>Home</a><a href=/b>About</a><div role=tabpanel hidden>nav panel</div></nav>"
        "<footer><div role=region aria-hidden=true>footer links</div></footer>"
        "<div role=tabpanel hidden><p>shown panel</p></div>"
        + "".join(f"<p>{p}</p>" for p in story)
        + "</body></html>"
    )
    assert [b.text for b in html.read_events(page).blocks] == ["HomeAbout", "shown panel", *story]
    assert [b.text for b in boilerstrip.clean(page).blocks] == ["HomeAbout", "shown panel", *story]


def test_a_disclosure_shows_only_what_it_names_after_it_outside_the_chrome() -> None:
    """What a disclosure button names is read only after the button, where the reader
    sees the button (not in a hidden element, a menu held back, the header or a
    banner), not for a role kept hidden (a dialog), and with its ids split at ASCII
    white space only, as the ID list is written; the walks agree on every one."""
    page = (
        "<div id=a hidden>before</div><button aria-expanded=false aria-controls='a\tb c\u00a0d'>Q</button>"
        "<div id=a hidden>shown</div><div id=b style='display:none'>by style</div>"
        "<div id=c role=dialog hidden>dialog</div><div id='c\u00a0d' hidden>one id</div><div id=d hidden>d</div>"
        "<button aria-controls=e>no state</button><div id=e hidden>stateless</div>"
        "<header><button aria-expanded=true aria-controls=f>menu</button></header><div id=f hidden>header's</div>"
        "<div hidden><button aria-expanded=false aria-controls=g>x</button></div><div id=g hidden>hidden's</div>"
        "<nav><a>A</a><button aria-expanded=false aria-controls=h>more</button></nav><div id=h hidden>nav's</div>"
        "<div role=banner><button aria-expanded aria-controls=i>i</button></div><p id=i hidden>banner's</p>"
    )
    assert [b.text for b in html.read_events(page).blocks] == ["shown", "by style", "one id", "A"]
    assert [b.text for b in boilerstrip.clean(page).blocks] == ["shown", "by style", "one id", "A"]


def test_a_page_of_disclosures_keeps_at_most_so_many_ids() -> None:
    """A button naming a million ids would cost the walk a million strings: the walk
    keeps the first `vocabulary.MAX_DISCLOSED` a page names, and no more."""
    names = " ".join(f"p{k}" for k in range(vocabulary.MAX_DISCLOSED + 5))
    panels = "".join(f"<p id=p{k} hidden>panel {k}</p>" for k in (0, vocabulary.MAX_DISCLOSED - 1))
    late = f"<p id=p{vocabulary.MAX_DISCLOSED} hidden>one too many</p>"
    page = f"<html><body><button aria-expanded=false aria-controls='{names}'>Q</button>{panels}{late}"
    texts = [b.text for b in boilerstrip.clean(page).blocks]
    assert texts == ["panel 0", f"panel {vocabulary.MAX_DISCLOSED - 1}"]


def test_navigation_held_back_then_collapsed_or_walked() -> None:
    page = (
        "<html><body><nav><ul><li><a>Home</a></li><li><a>World</a></li></ul><nav><a>inner</a> text</nav></nav>"
        f"<nav><a>A</a> <p>prose inside</p></nav><article>{ARTICLE}</article></body></html>"
    )
    blocks = [(b.text, b.tag) for b in boilerstrip.clean(page).blocks]
    # mostly links: one block with the nested nav inside; holding a paragraph: walked
    assert blocks[:3] == [("Home World inner text", "nav"), ("A", "nav"), ("prose inside", "p")]
    assert blocks[3][0].startswith("Story text")


def test_markup_collected_on_the_way_including_dropped_scripts() -> None:
    page = (
        b"<html lang=de><head><title>Der Titel | Site</title><meta property='og:title' content='OG Title'>"
        b"<meta name=author content='Jane Doe and John Roe'><link rel=canonical href=' https://x.org/a '>"
        b'<script type="application/ld+json">{"@type":"NewsArticle","headline":"LD Headline",'
        b'"datePublished":"2024-06-04"}</script></head><body><time datetime="2023-01-02">x</time>'
        b"<p>Der Text des Artikels ist lang genug, um als Artikel zu gelten, mit vielen Woertern.</p></body></html>"
    )
    result = boilerstrip.clean(page)
    assert (result.title, result.date, result.url) == ("LD Headline", "2024-06-04", "https://x.org/a")
    assert result.authors == ["Jane Doe", "John Roe"] and result.language == "de"


def test_a_cleaned_page_is_freed_without_waiting_for_the_cyclic_gc() -> None:
    """lxml's parser and its target context refer to each other, so the walk must let go
    of the page's blocks: else each page's thousands of objects wait for the cyclic GC
    (2,190 on this page before, and every GC generation traverses them)."""
    import gc

    page = gzip.decompress((FIXTURES / "html" / "sh-3c6d3381ef52.html.gz").read_bytes())
    assert len(boilerstrip.clean(page).blocks) > 300
    gc.collect()
    gc.disable()
    try:
        boilerstrip.clean(page)  # the Result is dropped at once
        left_for_the_gc = gc.collect()
    finally:
        gc.enable()
    assert left_for_the_gc < 100  # lxml's own parser cycle, and no block


needs_c_walk = pytest.mark.skipif(not html.TREE_WALK, reason="the C walk is not built (pure-Python sources)")

_LONG = "Story text that runs on for long enough to be kept as a paragraph of the article. "
# Each reaches a branch of the walk where the tree and the event stream could part.
HARD_PAGES = [
    # navigation: collapsed, walked (prose inside), nested, by role, hidden parts, links in links
    "<nav><a>Home</a> <a>World</a><nav><a>inner</a></nav><span hidden>x</span></nav><p>" + _LONG + "</p>",
    "<nav><a>A</a> <p>prose inside</p><nav><a>B</a> <a>C</a></nav></nav><div role=navigation><a>D</a></div>",
    "<div role=menu class=menu><a><a>nested</a> link</a> words words words words words</div><h1>T</h1>",
    "<nav style='display:none'><a>gone</a></nav><nav role=article><a>x</a></nav><nav></nav><nav> </nav>",
    # hidden by attribute or style, on <html>, <body> and below; styles the regex must judge
    "<html hidden><body hidden aria-hidden=true><p>kept</p><p aria-hidden=false>also</p></body></html>",
    "<body style='display: none'><p>" + _LONG + "</p></body>",
    "<p style='DISPLAY : NONE'>a</p><p style='visibility:hidden'>b</p><p style='di\u017fplay:none'>c</p>"
    "<p style='color: red; display:block'>d</p><p style='none'>e</p><p style=''>f</p><p hidden=''>g</p>",
    # hidden but read as shown by role (a tab panel, an accordion's section), not inside a
    # hidden element, and with hidden parts of their own; other roles stay hidden
    "<div role=tabpanel hidden><p>tab</p><span hidden>x</span></div><div role=region aria-hidden=true>r</div>"
    "<div role=tabpanel style='display:none'>t2</div><div hidden><div role=tabpanel>in hidden</div></div>"
    "<ul role=menu hidden><li>m</li></ul><div role=dialog aria-hidden=true>d</div><p>" + _LONG + "</p>",
    # ... but not in the chrome (a mega menu's panel, a footer's folded links)
    "<header><div role=tabpanel hidden>menu</div></header><div role=banner><div role=region hidden>b</div>"
    "</div><nav><a>A</a><div role=tabpanel hidden>n</div></nav><footer><div role=region hidden>f</div>"
    "</footer><div role=tabpanel hidden>shown</div><p>" + _LONG + "</p>",
    # hidden but named by a disclosure button: before it or after, in the chrome or not, in
    # a hidden element, with a role kept hidden, ids split at ASCII white space only
    "<div id=a hidden>before</div><button aria-expanded=false aria-controls='a\tb c\u00a0d'>Q</button>"
    "<div id=a hidden>shown</div><div id=b style='display:none'>b</div><div id=c role=dialog hidden>c</div>"
    "<div id='c\u00a0d' hidden>nbsp</div><div id=d hidden>d</div><button aria-controls=e>no state</button>"
    "<div id=e hidden>e</div><header><button aria-expanded=true aria-controls=f>menu</button></header>"
    "<div id=f hidden>f</div><div hidden><button aria-expanded=false aria-controls=g>x</button></div>"
    "<div id=g hidden>g</div><nav><a>A</a><button aria-expanded=false aria-controls=h>more</button></nav>"
    "<div id=h hidden>h</div><div role=banner><button aria-expanded aria-controls=i>i</button></div>"
    "<p id=i hidden>i</p><p>" + _LONG + "</p>",
    # text joined across comments, dropped elements, entities; breaks and white space of all kinds
    "<p>a<!-- c -->b<script>var s = '<p>';</script>c<style>p{}</style>d&amp;e&nbsp;f<br>g\u2009h\u3000i\x1cj</p>",
    "<p><a href=x>\u00a0link\u00a0</a> \u200bzero-width\u200b <a>two</a><a></a></p>",
    # containers, roles, hints, table rows, <article> numbers, itemprop
    "<div class='article-body' id=main><article><p>" + _LONG + "</p><article><p>inner</p></article></article>"
    "<aside class='related_posts'><p>rel</p></aside><div role=complementary><p>side</p></div>"
    "<div itemprop=articleBody><p>body</p></div><div class='' id=''><p>none</p></div>"
    "<table><tr><td>1</td><td>2</td></tr><tr><th>3</th></tr></table><div class='Page MENU-closed'>m</div></div>",
    "<footer role=contentinfo><p>foot</p></footer><header role=banner>head</header><form role=search>s</form>"
    "<section role=dialog><p>d</p></section><div role=alert>a</div><div role>empty role</div>",
    "<div class='social-media-embed embed'><p>quoted</p></div><div class='share-bar'>Share</div>",
    # reviews: one, one in another, one a role names a menu, one holding most of the page
    "<div class=reviews><h2>Reviews</h2><div class='review'><p>" + _LONG + "</p></div>"
    "<div class=reviews-filter-menu><a href=/>New</a></div><div class=review role=navigation>"
    "<a href=/>Top</a></div></div><p>own text</p>",
    "<body class=page-reviews><div class=review><p>" + _LONG + "</p></div></body>",
    "<main><p>" + _LONG * 8 + "</p><section id=reviews><div class='spr-review has-comments'>"
    "<div class=spr-review-header><h3>Fine</h3><span>Ann</span></div><div class=REVIEW-body><p>"
    + _LONG
    + "</p></div></div><div class=review_item><p>short</p><div class=comment>c</div></div></section></main>",
    # no <body>, text after it, markup in odd places, a second <title>, <time>s and canonicals
    "<html><head><title>First | Site</title><title>Second</title></head></html>",
    "<html lang=fr xml:lang=en><head><meta property='' name=description content='d'><meta itemprop=x>"
    "<meta name=a><link rel=canonical href=' /a '><link rel=canonical href=/b>"
    "<script type='application/ld+json'></script><script type='application/ld+json'>{\"a\": 1}</script>"
    "</head><body><time datetime=1>x</time><time>y</time><time datetime=3></time><time datetime=4></time>"
    "<svg><title>svg title</title></svg><p>"
    + _LONG
    + "</p></body></html><p>after</p><meta name=late content=1>",
    "plain text, no element written",
    "<p>one<p>two<li>three<dd>four<td>cell",
]


@needs_c_walk
@pytest.mark.parametrize("page", HARD_PAGES)
def test_c_walk_gives_the_python_walk_on_hard_pages(page: str) -> None:
    for markup in (page, page.encode()):
        assert html.read_tree(markup) == html.read_events(markup)


@needs_c_walk
@pytest.mark.parametrize("depth", [300, 3000])
def test_pages_nested_deeper_than_a_tree_may_be_are_read_whole(depth: int) -> None:
    """libxml2 stops building a tree 256 levels down (2,048 with huge_tree) and drops the
    rest of the page; its parser target sees all of it. The tree walk must not lose it."""
    page = "<div><p>" + _LONG + "</p>" + "<div><span>x</span>" * depth + "deep text" + "</div>" * depth
    page += "<p>after the nesting</p></div>"
    tree = html.read_tree(page)
    assert tree == html.read_events(page)
    texts = [block.text for block in tree.blocks]
    assert any("deep text" in text for text in texts) and texts[-1] == "after the nesting"


@needs_c_walk
def test_c_walk_gives_the_python_walk_on_every_fixture_page() -> None:
    pages = sorted((FIXTURES / "html").glob("*.html.gz"))
    assert len(pages) > 20
    for path in pages:
        page = gzip.decompress(path.read_bytes())
        # as `clean` hands pages to the walk: UTF-8 bytes as they are, others decoded
        markup: str | bytes = page if is_utf8(page) else decode(page)
        tree, events = html.read_tree(markup), html.read_events(markup)
        assert len(tree.blocks) > 5, path.name
        assert tree == events, path.name


# What a damaged page holds where it breaks: stray and unclosed tags, comments, CDATA,
# raw-text elements, entities, a NUL and a byte that is no UTF-8.
_SPLICES = (
    b"<", b">", b"</", b"<!--", b"-->", b"<script>", b"</script>", b"<nav>", b"</nav>", b"<p>", b"</div>",
    b"<div class='menu'>", b"&amp;", b"&#x", b'"', b"'", b"<svg>", b"<title>", b"</title>", b"<body>",
    b"</body>", b"<table><tr><td>", b"<a href='/'>", b"</a>", b"\x00", b"\xff", b"<![CDATA[", b"]]>",
    b"<meta name=x content=y>", b"<time datetime=2020>", b"<br>", b"<h1>",
)  # fmt: skip


def _damaged(page: bytes, rng: random.Random) -> bytes:
    """`page` cut short, with pieces cut out of it and `_SPLICES` put into it."""
    out = bytearray(page)
    for _ in range(rng.randint(1, 12)):
        at, roll = rng.randrange(len(out) + 1), rng.random()
        if roll < 0.4:
            out[at:at] = rng.choice(_SPLICES)
        elif roll < 0.7:
            del out[at : at + rng.randint(1, 200)]
        else:
            del out[at:]
    return bytes(out)


@needs_c_walk
def test_c_walk_gives_the_python_walk_on_damaged_pages() -> None:
    """The walk in C takes libxml2's events as lxml hands them to a parser target: on
    real pages damaged at random (a fixed seed), as bytes and as str, both walks give
    the same blocks and markup, or refuse the page alike."""
    pages = [gzip.decompress(path.read_bytes()) for path in sorted((FIXTURES / "html").glob("*.html.gz"))]
    rng = random.Random(7)
    for _ in range(150):
        page = _damaged(rng.choice(pages), rng)
        for markup in (page, page.decode("utf-8", "replace").replace("\x00", "")):
            assert _either(html.read_tree, markup) == _either(html.read_events, markup), page[:200]


def _either(walk: Callable[[str | bytes], html.HtmlPage], page: str | bytes) -> html.HtmlPage | str:
    """The walk's result, or the message of the InputError it refused the page with."""
    try:
        return walk(page)
    except boilerstrip.InputError as refused:
        return str(refused)


@needs_c_walk
def test_c_walk_refuses_pages_as_the_python_walk_does() -> None:
    for page in (b"", b"   ", b"<!-- only a comment -->", ""):
        with pytest.raises(boilerstrip.InputError) as by_tree:
            html.read_tree(page)
        with pytest.raises(boilerstrip.InputError) as by_events:
            html.read_events(page)
        assert str(by_tree.value) == str(by_events.value)


def test_a_c_walk_that_disagrees_is_not_used_and_says_so() -> None:
    """The C walk reads lxml's structures as they were at build time; a walk whose result
    differs on the sample page (another lxml) must leave the Python walk in charge, and
    say aloud what differed: never a silent fall back to the slow walk."""
    assert not tree.walks_agree(None)
    with pytest.warns(RuntimeWarning, match="differs from the walk in Python.*title None, not 'A story'"):
        assert not tree.walks_agree(lambda *args: walked.WalkResult([], None, [], [], [], None, False, ()))

    def failing(*args: object) -> None:
        raise TypeError("an lxml it was not built for")

    with pytest.warns(RuntimeWarning, match="fails on the sample page.*an lxml it was not built for"):
        assert not tree.walks_agree(failing)
    if html.TREE_WALK:
        assert tree.walks_agree(tree.C_WALK)


def _class_strings() -> list[str]:
    """Every class/id string the walk would look up on the fixture pages, and some made
    to reach each rule of class_hint."""
    from lxml import etree

    found = {
        "Article--Body", "article-body--x", "a---b", "main_nav", "social-media-embed", "EMBED-twitter share",
        "x\x1cnav", "menü nav", "ﬁeld-body", "", " ", "foo--bar--baz", "read-more readmore", "sidebar-ad",
        "post-content--", "--", "-nav-", "nav--", "Story_Body story-card", "embedded promo", "embedx promo",
        "post has-comments", "has-comments comments", "nav-has-dropdown", "header--has-menu", "No-Sidebar ad",
        "with-footer-cta", "without", "has", "x-has-y-nav menu", "hasnav", "nohint-nav",
        "product-reviews", "REVIEWS", "user_reviews_filter_menu", "yotpo-review yotpo-widget", "has-reviews",
        "reviews-nav", "review\x1creview", "révieẃs reviews", "no-reviews review",
    }  # fmt: skip
    for path in sorted((FIXTURES / "html").glob("*.html.gz")):
        root = etree.fromstring(gzip.decompress(path.read_bytes()), etree.HTMLParser())
        for element in root.iter():
            if isinstance(element.tag, str):
                found.add(element.get("class", "") + " " + element.get("id", ""))
    return sorted(found)


@needs_c_walk
def test_c_class_hint_gives_what_class_hint_gives() -> None:
    from boilerstrip import _walk

    strings = _class_strings()
    assert len(strings) > 2000
    hinted = 0
    for names in strings:
        expected = html.class_hint(names)
        assert _walk.class_hint(names, tree.VOCABULARY) == expected, names
        hinted += bool(expected[0])
    assert hinted > 500  # the strings reach the rules, not only the "no hint" end


@needs_c_walk
def test_c_first_end_tag_finds_what_the_pattern_finds() -> None:
    """`repair.close_at_end` finds the first end tag in C (memchr from '<' to '<'): the
    same position as its pattern on every fixture page and on the edges of a match."""
    from boilerstrip import _walk

    assert repair._FIRST_END_TAG is _walk.first_end_tag
    pages = [gzip.decompress(path.read_bytes()) for path in sorted((FIXTURES / "html").glob("*.html.gz"))]
    edges = [b"", b"<", b"</", b"</htm", b"</html", b"x</html", b"</Html></BODY>", b"<</body", b"a</bodyx",
             b"</HTML", b"</BODY", b"<p></ html></html>", b"<<//body</body"]  # fmt: skip
    cases = pages + [edge + end for edge in edges for end in (b"", b">", b"<", b" <p>")]
    assert sum(repair.first_end_tag(page) >= 0 for page in pages) > len(pages) // 2
    for page in cases:
        assert _walk.first_end_tag(page) == repair.first_end_tag(page), page[-40:]


@needs_c_walk
def test_c_find_by_finds_what_find_finds() -> None:
    """`repair.show_streamed` looks for React's mark by memchr from one 'S' to the next:
    the same position as `bytes.find` on every fixture page and on the edges of a match."""
    from boilerstrip import _walk

    assert repair._FIND_BY is _walk.find_by
    mark, k = repair._STREAMED_MARK, repair._STREAMED_RARE
    pages = [gzip.decompress(path.read_bytes()) for path in sorted((FIXTURES / "html").glob("*.html.gz"))]
    edges = [b"", b"S", mark[:-1], mark, b"S" + mark, mark[1:], b"x" + mark + b"1", mark[:k] + mark,
             b"SS:" + mark[: k + 1], b'<div hidden id="S' + mark]  # fmt: skip
    cases = pages + [edge + end for edge in edges for end in (b"", b"S", b":", mark)]
    assert any(page.find(mark) > 0 for page in cases) and any(page.find(mark) < 0 for page in cases)
    for page in cases:
        assert _walk.find_by(page, mark, k) == repair.find_by(page, mark, k), page[-40:]
    for needle, at in ((b"ab", 0), (b"ab", 1), (b"a", 0)):
        for page in (b"", b"a", b"b", b"ab", b"ba", b"bab", b"aab"):
            assert _walk.find_by(page, needle, at) == page.find(needle), (page, needle, at)


# Markup where a scan of tags could go wrong: every case libxml2 reads in its own way.
LEAN_EDGES = [
    b'<div class="a" data-x="1" id=b>t</div>', b'<div class="x"data-a="1"id=y>t</div>',
    b"<div =a class=b>t</div>", b"<d < f=b =/><NAV>x", b"<p a f=b =c class=d>t</p>",
    b"<p role title=x =navigation><a href=/>Home</a></p>", b"<div/data-x=1/class=b>t</div>", b"<div class=b class=c data-q>t</div>",
    b'<a href="/x" target="_blank"Lowery23 on Printables</a>.', b"<p data-a=1/>x</p>y",
    b"<div CLASS=b Data-X=1 xml:lang=de>t</div>", b'<p>a</p ><p data-a="1">b</p class="x>">c',
    b'<script data-a="1">var a = "<p data-b=2>";</script><p data-c=3>z', b"<script/>var a='<p>';</script><p>z",
    b"<script><!-- <script>x</script> y</script>z<p data-a=1>", b"<style>p>a{}</style/><b data-x=1>d</b>",
    b'<script type="application/ld+json" data-a=1>{"a": 1}</script>', b"<title data-a=1>a <b> c</title>",
    b"<!--> <p data-a=1>a</p> -->", b"<!---> <p data-a=1>a</p> -->", b"<!-- a --!> <p data-b=1>b</p> -->",
    b'<!-- <p data-a="1"> --><p data-b="2">x</p>', b"<![CDATA[ <p data-a=1>x</p> ]]>y",
    b'<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN" "x.dtd"><p data-a=1>x', b"<!DOCTYPE x \"a>b\"><p data-a=1>x",
    b"<?xml version='1.0'?><p data-a=1>x", b"<div\x0cdata-a=1\rclass=a>t</div>", b"<p data-a", b'<p data-a="1',
    b"<p data-a=1", b"<textarea><p data-a=1>x</p></textarea><p data-b=1>y", b"<plaintext><p data-a=1>x",
    b"<xmp><p data-a=1>x</p></xmp>y", b"<iframe data-a=1><p data-b=1>x</p></iframe>z",
    b"<noscript><p data-a=1 class=c>x</p></noscript>", b"<p data-a=1>a < b</p>", b"</ x><p data-a=1>",
    b"<p data-\xc3\xa9=1 data-a='\xc3\xa9'>x</p>", b"<p data-a = '1' class = b>x</p>",
    b'<a href="/x" rel=nofollow name=n type=t>x</a>', b'<LINK REL=canonical HREF="/c"><link rel="x" href="/y">',
    b'<Meta Name="author" Content="A B"><meta property="og:title" content="T" name=x>',
    b'<time datetime="2024-01-02" data-a=1>Jan 2</time><span datetime="x">y</span>',
    b'<script type="application/ld+json">{"a": 1}</script><style type="text/css">p{}</style>',
    b"<html lang=de data-a=1><body lang=fr>x</body></html>",
    b'<SCRIPT TYPE="APPLICATION/LD+JSON">{"b": 2}</SCRIPT><script type="application/ld&#43;json">{"c": 3}</script>',
    b"<style>p { color: red }</style><script>var a = 1;</script><script></script>x<style></style>y",
]  # fmt: skip


def test_lean_in_c_gives_the_python_reference() -> None:
    """`_walk.lean` (what the C walk's parse reads) is `lean.lean_in_python`, on every
    fixture page and on markup built to reach every branch of the scan."""
    pages = [gzip.decompress(path.read_bytes()) for path in sorted((FIXTURES / "html").glob("*.html.gz"))]
    cases = pages + [b"<html><body>" + edge + b"</body></html>" for edge in LEAN_EDGES] + LEAN_EDGES
    kept = lean.READ_ATTRIBUTES
    leaner = [lean.lean_in_python(page, kept) for page in cases]
    assert (
        sum(len(shorter) < len(page) for shorter, page in zip(leaner, cases, strict=True)) > len(cases) // 2
    )
    _walk = pytest.importorskip("boilerstrip._walk", reason="the C walk is not built (pure-Python sources)")
    if lean.lean_page is not _walk.lean:
        pytest.skip("libxml2 is not 2.14: lean is not used")
    assert sum(len(_walk.lean(page, kept)) < len(page) for page in pages) > len(pages) * 3 // 4
    for page, shorter in zip(cases, leaner, strict=True):
        assert _walk.lean(page, kept) == shorter, page[:80]


@needs_c_walk
def test_a_page_without_the_attributes_the_walk_never_reads_walks_the_same() -> None:
    """libxml2 builds, from the page `lean` gives, the tree the walk reads from the page
    itself: the same blocks, title and markup, on every fixture and on every edge."""
    pages = [gzip.decompress(path.read_bytes()) for path in sorted((FIXTURES / "html").glob("*.html.gz"))]
    cases = pages + [
        b"<html><body>" + edge + b" " + ARTICLE.encode() + b"</body></html>" for edge in LEAN_EDGES
    ]
    for page in cases:
        leaner = lean.lean_in_python(page, lean.READ_ATTRIBUTES)
        assert _walked(leaner) == _walked(page), page[:80]


def _walked(page: bytes) -> html.HtmlPage:
    """The C walk over libxml2's parse of `page` as it is."""
    assert tree.C_WALK is not None
    config = boilerstrip.Config()
    share, most = config.html_nav_min_link_share, config.html_max_nested_articles
    raw, title, metas, json_ld, stamps, canonical, canonical_seen, langs = tree.C_WALK(
        page, tree.VOCABULARY, share, most, None
    )
    found = Markup(metas, json_ld, stamps, canonical, canonical_seen, langs)
    blocks = html.settle_hints(raw, config.html_hint_max_share)
    return html.HtmlPage(blocks, walked.short_title(title), found)


@needs_c_walk
def test_the_c_walk_reads_the_vocabulary_it_is_handed() -> None:
    """The C walk keeps no tag table of its own: a tag added to the dropped ones it is
    handed is dropped, and what it gives is html/walked.py's named tuples."""
    from boilerstrip import _walk

    page = b"<html><body><p>kept</p><aside><p>also</p></aside></body></html>"
    as_given = tree.C_WALK(page, tree.VOCABULARY, 0.5, 64, None)
    assert isinstance(as_given, walked.WalkResult) and isinstance(as_given.raw[0], walked.RawBlock)
    assert [(b.text, b.tag, b.containers) for b in as_given.raw] == [
        ("kept", "p", frozenset()),
        ("also", "p", frozenset({"aside"})),
    ]
    more_dropped = _walk.vocabulary(tree.HANDED._replace(drop=tree.HANDED.drop | {"aside"}))
    assert [b.text for b in tree.C_WALK(page, more_dropped, 0.5, 64, None).raw] == ["kept"]
    panel = b"<html><body><p>kept</p><div role=tabpanel hidden><p>tab</p></div></body></html>"
    assert [b.text for b in tree.C_WALK(panel, tree.VOCABULARY, 0.5, 64, None).raw] == ["kept", "tab"]
    none_shown = _walk.vocabulary(tree.HANDED._replace(shown_roles=frozenset()))
    assert [b.text for b in tree.C_WALK(panel, none_shown, 0.5, 64, None).raw] == ["kept"]
    folded = b"<html><body><header><button aria-expanded=false aria-controls=a>x</button></header><p id=a hidden>a</p>"
    assert [b.text for b in tree.C_WALK(folded, tree.VOCABULARY, 0.5, 64, None).raw] == []
    no_chrome = _walk.vocabulary(tree.HANDED._replace(chrome_containers=frozenset()))
    assert [b.text for b in tree.C_WALK(folded, no_chrome, 0.5, 64, None).raw] == ["a"]
    dialog = (
        b"<html><body><button aria-expanded=false aria-controls=a>x</button><p id=a role=dialog hidden>a</p>"
    )
    assert [b.text for b in tree.C_WALK(dialog, tree.VOCABULARY, 0.5, 64, None).raw] == []
    any_role = _walk.vocabulary(tree.HANDED._replace(never_shown_roles=frozenset()))
    assert [b.text for b in tree.C_WALK(dialog, any_role, 0.5, 64, None).raw] == ["a"]
    few = _walk.vocabulary(tree.HANDED._replace(max_disclosed=0))
    assert [b.text for b in tree.C_WALK(dialog.replace(b" role=dialog", b""), few, 0.5, 64, None).raw] == []


@needs_c_walk
def test_the_c_walk_refuses_a_vocabulary_it_cannot_build() -> None:
    from boilerstrip import _walk

    no_nav = tuple(name for name in tree.HANDED.containers if name != "nav")
    with pytest.raises(ValueError, match='"nav" must be one of the containers'):
        _walk.vocabulary(tree.HANDED._replace(containers=no_nav))
    with pytest.raises(ValueError, match="'banner' names 'span', which is not a container"):
        _walk.vocabulary(tree.HANDED._replace(role_containers={"banner": "span"}))
    with pytest.raises(ValueError, match="not a container"):
        _walk.vocabulary(tree.HANDED._replace(chrome_containers=frozenset({"span"})))
    with pytest.raises(TypeError, match="names must be str"):
        _walk.vocabulary(tree.HANDED._replace(drop=frozenset({1})))
    with pytest.raises(TypeError, match="must be a named tuple of 8 fields"):
        _walk.vocabulary(tree.HANDED._replace(raw_block=tuple))


@needs_c_walk  # the vocabulary is handed over only where the C walk is in use
def test_the_c_scans_read_the_raw_text_elements_they_are_handed() -> None:
    """The scans of the raw page (`most_attributes`, `lean`) keep no list of raw-text
    elements of their own: an <xmp>'s body is text, skipped, while the vocabulary last
    built names xmp as one, and markup once one built without it is."""
    _walk = pytest.importorskip("boilerstrip._walk", reason="the C walk is not built (pure-Python sources)")
    page, kept = b"<xmp><p data-a=1 data-b=2>x</p></xmp><p>y</p>", lean.READ_ATTRIBUTES
    assert "xmp" in tree.HANDED.raw_text and lean.lean_in_python(page, kept) == page
    assert _walk.most_attributes(page, 10) == 0 and _walk.lean(page, kept) == page
    try:
        _walk.vocabulary(tree.HANDED._replace(raw_text=tuple(n for n in tree.HANDED.raw_text if n != "xmp")))
        assert _walk.most_attributes(page, 10) == 2
        assert _walk.lean(page, kept) == b"<xmp><p  >x</p></xmp><p>y</p>"
        with pytest.raises(ValueError, match="1 to 15 letters a-z, not 'Script'"):
            _walk.vocabulary(tree.HANDED._replace(raw_text=("Script",)))
        with pytest.raises(ValueError, match="1 to 16 raw-text elements, not 0"):
            _walk.vocabulary(tree.HANDED._replace(raw_text=()))
        assert _walk.most_attributes(page, 10) == 2  # a vocabulary refused changes nothing
    finally:
        _walk.vocabulary(tree.HANDED)
    assert _walk.most_attributes(page, 10) == 0


def test_the_c_scans_refuse_to_run_before_the_raw_text_elements_are_handed_over() -> None:
    """`_walk` loaded alone (no vocabulary built, as html/tree.py builds one at start-up)
    raises rather than scan a page with no raw-text elements (a script's body as markup)."""
    _walk = pytest.importorskip("boilerstrip._walk", reason="the C walk is not built (pure-Python sources)")
    alone = (
        "import importlib.util, sys\n"
        "spec = importlib.util.spec_from_file_location('boilerstrip._walk', sys.argv[1])\n"
        "walk = importlib.util.module_from_spec(spec)\n"
        "spec.loader.exec_module(walk)\n"
        "assert 'boilerstrip' not in sys.modules\n"
        "for call in (lambda: walk.most_attributes(b'<p>', 1), lambda: walk.lean(b'<p>', (b'id',))):\n"
        "    try:\n"
        "        print('ran', call())\n"
        "    except RuntimeError as error:\n"
        "        print('refused:', error)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", alone, _walk.__file__], capture_output=True, text=True, timeout=60, check=True
    )
    assert (
        done.stdout.splitlines()
        == [
            "refused: boilerstrip._walk: no raw-text elements yet: build a vocabulary() first (html/tree.py does)"
        ]
        * 2
    )


@needs_c_walk
@pytest.mark.parametrize("runs", [(2, 13, 8), (2, 15, 0), (3, 14, 0)])
def test_the_c_walk_runs_over_libxml2_2_14_alone(runs: tuple[int, int, int]) -> None:
    """The C walk takes its text as libxml2 2.14 hands it out: 2.13 passes on a UTF-8
    sequence that the page's end cuts short (read past the text's end), and ends some
    cut pages otherwise. Under any libxml2 but 2.14, as lxml's module names it, the
    walk refuses, the Python walk runs, a RuntimeWarning says why, and pages still
    clean."""
    script = (
        "import sys, warnings\n"
        "import lxml.etree\n"
        f"lxml.etree.LIBXML_VERSION = {runs!r}\n"
        "with warnings.catch_warnings(record=True) as caught:\n"
        "    warnings.simplefilter('always')\n"
        "    import boilerstrip\n"
        "    from boilerstrip import html\n"
        "print(html.TREE_WALK)\n"
        "print(' | '.join(str(w.message) for w in caught if w.category is RuntimeWarning))\n"
        "page = b'<h1>Bridge</h1><p>' + b'The council said on Monday that the bridge would close. ' * 4 + b'</p>'\n"
        "print(boilerstrip.clean(page).text == boilerstrip.clean(page.decode()).text != '')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True
    )
    tree_walk, warned, cleaned = done.stdout.splitlines()
    assert tree_walk == "False" and cleaned == "True"
    assert "runs over libxml2 2.14 only: built against 2.14." in warned, warned
    assert f"lxml runs {runs[0]}.{runs[1]}" in warned and "the walk in Python runs instead" in warned, warned
