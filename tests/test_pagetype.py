"""Page types (issue 14): the type of hand-made pages, and the reducer following it —
a forum thread's posts are its content, a news article's comments stay apart, a
listing keeps every card."""

from __future__ import annotations

import gzip
import json
import math

import pytest

import boilerstrip
from boilerstrip import Config, Label
from boilerstrip.batch import RESULT_FIELDS, clean_fields
from boilerstrip.learned import marks, pagestats, pagetype

from .conftest import FIXTURES, needs_c

FORUM_POSTS = [
    ("river_otter", "412", "I replaced the thermostat in my 2009 hatchback last weekend and the engine still runs "
     "cold on the highway. The gauge never climbs past the quarter mark, even after forty minutes of driving. "
     "Has anyone seen this before?"),
    ("grease_monkey", "2,318", "Did you bleed the cooling system after the swap? An air pocket trapped near the "
     "sensor will give you exactly that reading, because the sensor sits in air rather than in coolant."),
    ("river_otter", "412", "I did not bleed it properly, I only topped up the reservoir. I will park the car nose "
     "up tomorrow and open the bleed screw as the manual describes."),
    ("quiet_wrench", "87", "Also check that the new thermostat is the right temperature rating. Some cheap parts "
     "open far too early, which keeps the engine cool all the time and wastes fuel in winter."),
    ("river_otter", "412", "Update for anyone finding this thread later: bleeding the system fixed it. The gauge "
     "now sits in the middle after ten minutes and the heater blows hot air again."),
]  # fmt: skip

NEWS_PARAGRAPHS = [
    "The city council voted on Tuesday to extend the night bus network to the three districts east of the river, "
    "ending a two-year dispute over who should pay for the service.",
    "Under the plan, four new routes will run every twenty minutes between midnight and five in the morning, "
    "starting in March. The transport authority will cover most of the cost from its reserve fund.",
    "Residents of the eastern districts have long complained that shift workers at the hospital and the port had "
    "no way home after the last tram. A petition last spring gathered more than eleven thousand signatures.",
    "Opposition members said the reserve fund was meant for repairs to the tram depot and warned that the "
    "decision would delay that work by at least a year. The vote passed by twenty-three to fourteen.",
    "The authority said it would publish the timetables in February and hold two public meetings before the "
    "service begins.",
]
NEWS_COMMENTS = [
    ("Marta K.", "Finally. My sister works nights at the hospital and has been paying for taxis out of her own "
     "wages for years."),
    ("old_commuter", "Twenty minutes is too long to wait at a dark stop in winter. They should have started with "
     "fewer routes at a better frequency."),
    ("Ben", "Who is going to pay for the depot repairs now? This looks like moving money from one hole to "
     "another."),
]  # fmt: skip

CARDS = [
    ("How we rebuilt our search index without downtime", "A walk through the migration of forty million "
     "documents to a new cluster, the double-write period, and the checks that told us it was safe to switch over."),
    ("Why our mobile app now starts twice as fast", "Startup time was dominated by work that did not need to "
     "happen before the first screen. We moved it later and measured every step on cheap phones."),
    ("Lessons from a year of on-call rotations", "What changed when every engineer joined the rotation: fewer "
     "pages at night, better runbooks, and a few alerts we deleted for good."),
    ("Testing payment flows against a real bank sandbox", "Mocks hid three bugs that only the sandbox revealed. "
     "Here is how we run those tests in the pipeline without making them flaky."),
    ("Moving our build system to remote caching", "Cache hits cut the average build from eighteen minutes to "
     "four. The hard part was making every step reproducible first."),
    ("A small tool for reviewing database migrations", "Every schema change now gets an automatic report of "
     "locks, table sizes and estimated run time before anyone approves it."),
]  # fmt: skip


def _head(title: str, og_type: str, schema: dict[str, object]) -> str:
    return (
        f'<!DOCTYPE html><html lang="en"><head><title>{title}</title>'
        f'<meta property="og:type" content="{og_type}">'
        f'<script type="application/ld+json">{json.dumps({"@context": "https://schema.org", **schema})}</script>'
        "</head>"
    )


def forum_page() -> str:
    posts = "".join(
        f'<div class="comment post" id="post-{i}"><div class="comment-author"><a href="/members/{user}">{user}'
        f'</a><div class="user-stats">Posts: {count}</div><div class="user-stats">Joined: Mar 2019</div></div>'
        f'<div class="comment-body"><p>{text}</p></div><div class="comment-actions"><a href="#">Reply</a> '
        f'<a href="#">Quote</a></div><div class="post-number">#{i}</div></div>'
        for i, (user, count, text) in enumerate(FORUM_POSTS, 1)
    )
    return (
        _head("Engine runs cold after thermostat swap | Garage Talk Forums", "website",
              {"@type": "DiscussionForumPosting", "headline": "Engine runs cold after thermostat swap"})
        + '<body><nav class="main-nav"><ul><li><a href="/">Home</a></li><li><a href="/forums/">Forums</a></li>'
        '<li><a href="/members/">Members</a></li><li><a href="/search/">Search</a></li></ul></nav>'
        '<div class="breadcrumbs"><a href="/forums/">Forums</a> › <a href="/forums/repairs/">Repairs</a></div>'
        f'<main><h1>Engine runs cold after thermostat swap</h1><div class="thread">{posts}</div></main>'
        '<footer class="site-footer"><p><a href="/terms">Terms</a> | <a href="/privacy">Privacy</a> | '
        '<a href="/contact">Contact us</a></p><p>© 2025 Garage Talk Forums</p></footer></body></html>'
    )  # fmt: skip


def news_page() -> str:
    body = "".join(f"<p>{p}</p>" for p in NEWS_PARAGRAPHS)
    comments = "".join(
        f'<li class="comment"><div class="comment-author">{who} says:</div><div class="comment-content">'
        f'<p>{text}</p></div><a class="reply" href="#">Reply</a></li>'
        for who, text in NEWS_COMMENTS
    )
    return (
        _head("Council extends night buses to eastern districts - The Riverside Courier", "article",
              {"@type": "NewsArticle", "headline": "Council extends night buses to eastern districts",
               "datePublished": "2025-01-14T09:00:00Z", "author": {"@type": "Person", "name": "Jana Novak"}})
        + '<body><header><nav><a href="/">Home</a> <a href="/news/">News</a> <a href="/sport/">Sport</a> '
        '<a href="/opinion/">Opinion</a></nav></header><main><article>'
        '<h1>Council extends night buses to eastern districts</h1><p class="byline">By Jana Novak</p>'
        f'<div class="article-body">{body}</div></article><section id="comments" class="comments">'
        f'<h2>3 Comments</h2><ol class="comment-list">{comments}</ol></section></main>'
        "<footer><p>© 2025 The Riverside Courier</p></footer></body></html>"
    )  # fmt: skip


def listing_page() -> str:
    cards = "".join(
        f'<article class="card"><h2><a href="/blog/post-{i}/">{title}</a></h2><p class="card-date">March {i}, '
        f'2025</p><p>{summary}</p><a class="more" href="/blog/post-{i}/">Read more</a></article>'
        for i, (title, summary) in enumerate(CARDS, 1)
    )
    return (
        _head("Engineering Blog - Northwind Labs", "website", {"@type": "CollectionPage", "name": "Engineering Blog"})
        + '<body><header><nav class="menu"><a href="/">Home</a> <a href="/blog/">Blog</a> '
        '<a href="/careers/">Careers</a> <a href="/about/">About</a></nav></header>'
        f'<main><h1>Engineering Blog</h1><div class="post-list">{cards}</div><div class="pagination">'
        '<a href="/blog/page/2/">Next page</a></div></main><footer><p><a href="/privacy">Privacy</a> | '
        '<a href="/terms">Terms</a></p><p>© 2025 Northwind Labs</p></footer></body></html>'
    )  # fmt: skip


def test_forum_thread_keeps_its_posts_in_order() -> None:
    """Every post of a thread, in order, and none of their furniture. The last post, a
    short update, was a known defect: the keep model rated it 0.41 and dropped it (the
    reducer kept it); the model's second stage, reading it beside the posts it rates
    high, keeps it (`Config.keep_html_stack`)."""
    for url in (None, "https://garage.example/forums/repairs/threads/engine-runs-cold.123/"):
        result = boilerstrip.clean(forum_page(), url=url)
        assert result.page_type == "forum"
        assert result.text.split("\n\n") == [text for _, _, text in FORUM_POSTS]
        # The posts' furniture stays out: author stats, action buttons, post numbers.
        for line in ("Posts: 412", "Joined: Mar 2019", "Reply", "Quote", "#3"):
            assert line not in result.text


def test_news_article_keeps_comments_apart() -> None:
    plain = boilerstrip.clean(news_page())
    assert plain.page_type == "article"
    assert plain.text.split("\n\n") == NEWS_PARAGRAPHS
    assert plain.comments == []
    with_comments = boilerstrip.clean(news_page(), include_comments=True)
    assert with_comments.text == plain.text
    assert [c.text for c in with_comments.comments] == [text for _, text in NEWS_COMMENTS]


def test_listing_keeps_every_card() -> None:
    result = boilerstrip.clean(listing_page(), url="https://northwind.example/blog/")
    assert result.page_type == "listing"
    for _, summary in CARDS:
        assert summary in result.text
    assert "Careers" not in result.text and "Privacy" not in result.text


def test_page_type_is_in_every_output() -> None:
    result = boilerstrip.clean(forum_page())
    assert result.to_dict()["page_type"] == "forum"
    assert "page_type" in RESULT_FIELDS
    assert clean_fields(boilerstrip.Cleaner(), forum_page(), None)["page_type"] == "forum"
    # A text dump is read as before (the model reads HTML pages).
    assert boilerstrip.clean("\n".join(NEWS_PARAGRAPHS)).page_type == "article"


def test_news_first_config_reads_every_page_as_an_article() -> None:
    """With the article share at 0 no other type is read: the forum's posts,
    labelled comments, are dropped as on a news page."""
    result = boilerstrip.clean(forum_page(), config=Config(page_type_article_share=0.0))
    assert result.page_type == "article"
    assert all(b.label is not Label.ARTICLE for b in result.blocks if "Update for anyone" in b.text)


def test_types_and_features_are_generic() -> None:
    blocks = boilerstrip.Cleaner().prepare(listing_page()).blocks
    x = pagestats.features(blocks, ["CollectionPage"], "website", None)
    assert x["no_url"] == 1.0 and x["schema_collection"] == 1.0 and x["og_website"] == 1.0
    assert pagetype.SHIPPED is not None and pagetype.SHIPPED.types == pagetype.TYPES


def test_the_c_walk_gives_the_python_walk_scores() -> None:
    """Where `_trees` is built, the HTML page-type trees walked in C give the Python
    walk's scores to the bit, on every fixture page with and without its URL words."""
    model = pagetype.SHIPPED
    assert model is not None
    needs_c(pagetype._C_PACKED_MARGINS, "the C walk")
    cleaner = boilerstrip.Cleaner()
    pages = [gzip.decompress(p.read_bytes()) for p in sorted((FIXTURES / "html").glob("*.html.gz"))]
    for page in pages:
        blocks = cleaner.prepare(page).blocks
        for url in (None, "https://example.org/forum/thread-12/replies?page=2"):
            x = pagestats.features(blocks, ["Article"], "article", url)
            values = [x.get(name, 0.0) for name in model._names]
            assert model.scores(x) == model.walk(values)


def test_the_trees_packed_once_score_as_the_python_walk() -> None:
    """Where `_trees` is built, each page-type model's trees are checked and packed once
    (`_trees.pack`) and walked from there (`_trees.packed_margins`): the scores of the
    Python walk, for the HTML model and the dumps' own, on every text fixture; a row of
    another width is refused."""
    packed_margins = pagetype._C_PACKED_MARGINS
    needs_c(packed_margins, "the C walk")
    assert packed_margins is not None
    cleaner = boilerstrip.Cleaner()
    for model in (pagetype.SHIPPED, pagetype.TEXT_SHIPPED):
        assert model is not None and model._walker is not None
        for case in sorted((FIXTURES / "text").glob("*.txt")):
            blocks = cleaner.prepare(case.read_text(encoding="utf-8")).blocks
            x = pagestats.text_features(blocks)
            values = [x.get(name, 0.0) for name in model._names]
            sums = packed_margins(model._walker, values, len(model.types))
            assert model.scores(x) == model.walk(values) == dict(zip(model.types, sums, strict=True))
        with pytest.raises(ValueError):
            packed_margins(model._walker, values[:-1], len(model.types))


def test_code_blocks_are_counted_without_the_pattern_where_it_cannot_match() -> None:
    """The cheap test before the code pattern answers as the pattern does."""
    texts = ["x = f()", "def main():", "  return 1", "a => b", "std::vector", "if (a) {", "end;",
             "Plain prose, with (brackets) and a colon: here.", "classic", "defined", "", "   "]  # fmt: skip
    for text in texts:
        assert bool(marks._may_be_code(text) and marks._CODE.search(text)) == bool(
            marks._CODE.search(text)
        ), text


def test_the_median_by_counting_is_the_sorted_middle() -> None:
    """`pagestats._median`, of the blocks counted by length under `_COUNTED_WORDS` and
    the longer ones listed, is `sorted(words)[k]` for every `k`, wherever the middle
    falls: among the short blocks, the long ones, or on the boundary between them."""
    limit = pagestats._COUNTED_WORDS
    cases = [[0], [3, 1, 2], [limit - 1, limit, limit + 5, 0], [500, 70, 64, 64, 2], [7] * 9,
             list(range(200, 0, -3))]  # fmt: skip
    for words in cases:
        for k in range(len(words)):
            short = [0] * limit
            for w in words:
                if w < limit:
                    short[w] += 1
            longer = [w for w in words if w >= limit]
            assert pagestats._median(short, longer, k) == sorted(words)[k], (words, k)


def test_the_line_features_read_the_runs_of_prose_and_short_lines() -> None:
    """The dumps' line make-up, in one pass: prose runs (lines of 18 words or more),
    their words and where the first and last start, short runs (under 8) of a menu's
    3 lines or more, and the longest, on a dump laid out by hand."""
    prose = "word " * 20
    lines = ["Home", "News", "Sport", prose, prose, "Short line here:", prose, "A b c d e f g h i j?",
             "x", "y"]  # fmt: skip
    blocks = boilerstrip.Cleaner().prepare("\n".join(lines)).blocks
    words = [b.features.words for b in blocks]
    assert words[3] == words[4] == words[6] == 20 and max(words[:3] + words[7:]) < 18
    x = pagestats.text_features(blocks)
    n = len(blocks)
    assert x["prose_runs"] == pytest.approx(math.log1p(2))
    assert x["prose_longest"] == 40 / 60
    assert (x["prose_first"], x["prose_last"]) == (3 / n, 6 / n)
    assert x["short_runs"] == pytest.approx(math.log1p(1)) and x["short_longest"] == 3 / n
    assert (x["line_questions"], x["line_colons"]) == (1 / n, 1 / n)
    assert x["line_medium"] == 1 / n and x["line_short"] == 6 / n
