"""The HTML walk runs as lxml's parser target (no tree): these pin down what a walk over
the tree gave, where the event stream makes it easy to get wrong."""

from __future__ import annotations

import boilerstrip

ARTICLE = "<p>Story text that is long enough to be kept as an article paragraph in this test case.</p>"


def test_text_around_dropped_and_hidden_elements_joins_like_the_tree() -> None:
    page = (
        b"<html><body><p>a &amp; b<!-- c -->d<script>var x=1;</script>e<b>bold</b> tail</p>"
        b"<p style='display:none'>hidden</p>" + ARTICLE.encode() + b"</body></html>"
    )
    texts = [b.text for b in boilerstrip.clean(page).blocks]
    assert texts[0] == "a & bdebold tail"  # entity, comment and script gone, text joined
    assert "hidden" not in " ".join(texts)


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
    import gzip

    from .conftest import FIXTURES

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
