"""A page's title as a reader sees it: the <h1> headline above the story, else the
publisher's title without the site's name and with its entity references decoded
(reduce/metadata, meta/titles). Shapes seen on WCXB's pages, whose human gold gives the
headline alone."""

from __future__ import annotations

import json

import pytest

import boilerstrip
from boilerstrip.meta.titles import last_crumb, markup_title, site_names

from .conftest import FIXTURES

_STORY = "".join(
    f"<p>{s}</p>"
    for s in (
        "The council met on Tuesday and voted on the plan for the new bridge over the river, after "
        "two years of arguments about its cost and about who should pay for its upkeep.",
        "Under the plan, the bridge will open to walkers and cyclists first, and to buses a year later, "
        "once the roads on both banks have been widened to take them.",
        "Opposition members said the money would be better spent on the ferries, which carry more "
        "people every day than the bridge ever will, and voted against it.",
    )
)


def _page(head: str, heading: str = "") -> str:
    return (
        f"<!DOCTYPE html><html><head>{head}</head><body><nav><a href='/'>Home</a> <a href='/news/'>News</a>"
        f"</nav><main><article>{heading}{_STORY}</article></main><footer><p>© 2025</p></footer></body></html>"
    )


def _ld(headline: str) -> str:
    return f'<script type="application/ld+json">{json.dumps({"@type": "Article", "headline": headline})}</script>'


def test_entity_references_in_a_json_ld_headline_are_decoded() -> None:
    page = _page(_ld("Bridge vote &#8211; what it costs &amp;&nbsp;who pays"))
    assert boilerstrip.clean(page).title == "Bridge vote – what it costs & who pays"


def test_the_site_name_is_cut_from_the_publisher_title() -> None:
    head = (
        '<meta property="og:title" content="Council backs the new bridge | The Riverside Courier">'
        '<meta property="og:site_name" content="The Riverside Courier">'
    )
    assert boilerstrip.clean(_page(head)).title == "Council backs the new bridge"
    # Without a site name in the markup, the address names the site.
    head = '<meta property="og:title" content="Council backs the new bridge - Riverside">'
    found = boilerstrip.clean(_page(head), url="https://www.riverside.co.uk/news/bridge-vote")
    assert found.title == "Council backs the new bridge"
    # A part that names no site stays: the title is the headline and its subtitle.
    head = '<meta property="og:title" content="Council backs the new bridge – costs, routes and dates">'
    found = boilerstrip.clean(_page(head), url="https://www.riverside.co.uk/news/bridge-vote")
    assert found.title == "Council backs the new bridge – costs, routes and dates"


def test_the_h1_headline_beats_the_title_written_for_search_engines() -> None:
    head = '<meta property="og:title" content="Bridge Vote 2025: Costs, Routes, Dates | Riverside">'
    page = _page(head, "<h1>Council backs the new bridge after two years of arguments</h1>")
    assert boilerstrip.clean(page).title == "Council backs the new bridge after two years of arguments"


def test_a_logo_heading_that_names_the_site_is_no_headline() -> None:
    head = (
        '<meta property="og:title" content="Council backs the new bridge">'
        '<meta property="og:site_name" content="The Riverside Courier">'
    )
    page = _page(head, "<h1>The Riverside Courier</h1>")
    assert boilerstrip.clean(page).title == "Council backs the new bridge"


def test_markup_title_parts() -> None:
    names = site_names("Tarkett", "https://www.tarkett.com/en/blog")
    assert names == frozenset({"tarkett"})
    assert markup_title("10 Easy Steps for a Great Interior Design | Tarkett", names) == (
        "10 Easy Steps for a Great Interior Design"
    )
    assert markup_title("Tarkett UK - Flooring - Design trends", names) == "Flooring - Design trends"
    assert markup_title("Tarkett", names) == "Tarkett"  # all site: as it is
    assert site_names(None, "http://[broken") == frozenset()
    # A short name under a country's code is the name; a country's generic second level is not.
    assert site_names(None, "https://www.ndr.de/nachrichten/") == frozenset({"ndr"})
    assert site_names(None, "https://www.bbc.co.uk/news") == frozenset({"bbc"})
    assert site_names(None, "https://abc.net.au/news") == frozenset({"abc"})


def test_a_dump_title_on_a_breadcrumb_line_is_its_last_step() -> None:
    """A dump gives the trail and the page's own name on one line: the headline is the
    trail's last step (WCXB dumps: "Main > Blog > Top 10 ...")."""
    story = [
        "A starter that smells of nail varnish is hungry, not dead: feed it twice a day for three days, "
        "discarding half each time, and keep it somewhere warm while it recovers.",
        "If a grey liquid gathers on top, stir it back in or pour it off; it is alcohol from the yeast, "
        "and a sign that the starter needs feeding more often than it gets.",
        "Once it doubles within eight hours of a feed, it is ready to bake with again, and it can go back "
        "into the fridge between bakes with a weekly feed to keep it going.",
    ]
    dump = "\n".join(
        ["Skip to content", "Home", "Recipes", "Blog", "Home > Blog > Ten ways to keep a sourdough starter alive",
         *story, "© 2025 The Bread Bench"]
    )  # fmt: skip
    result = boilerstrip.clean(dump, url="https://breadbench.example/blog/sourdough-starter")
    assert result.title == "Ten ways to keep a sourdough starter alive"
    assert last_crumb("Main > Blog > Top 10 Trends to Watch") == "Top 10 Trends to Watch"
    assert last_crumb("Black / White: a review") == "Black / White: a review"  # one step: a title


def test_last_crumb_of_a_glued_or_one_step_trail() -> None:
    """A dump glues a trail's steps ("Home>Blog>Story", "Utne/ Mind And Body/ Story") or
    gives one short root before a chevron ("Journal » Story"): the last step is the
    headline. A bar, a slash or a dash with one step parts a title, and "<table>:" no
    trail."""
    assert last_crumb("Home>Blog>Big Data in Retail", loose=True) == "Big Data in Retail"
    assert last_crumb("Utne/ Mind And Body/ Nature as God", loose=True) == "Nature as God"
    assert last_crumb("Home · Farm · Six Gardening Shows", loose=True) == "Six Gardening Shows"
    assert last_crumb("Journal » How to oil a cutting board", loose=True) == "How to oil a cutting board"
    assert last_crumb("Journal » How to oil a cutting board") == "Journal » How to oil a cutting board"
    assert last_crumb("Story of the year | Site Name", loose=True) == "Story of the year | Site Name"
    assert last_crumb("<table>: The Table element", loose=True) == "<table>: The Table element"
    assert (
        last_crumb("A Long Section Name Here » Story told", loose=True)
        == "A Long Section Name Here » Story told"
    )


def test_text_dump_headline_after_a_one_step_trail() -> None:
    """A story dump whose headline stands only after its section's name and a chevron
    ("Journal » How to oil a cutting board"): the title was the whole line."""
    page = (FIXTURES / "text-made" / "story-chevron-crumb.txt").read_text(encoding="utf-8")
    assert boilerstrip.clean(page).title == "How to oil a cutting board"
    assert (
        boilerstrip.clean(page, url="https://northwood.example/journal/p/4411").title
        == "How to oil a cutting board"
    )


_STORY = [
    "Thousands of teachers wearing red filled the Indiana Statehouse on Tuesday, calling on lawmakers to "
    "raise pay and to stop tying their evaluations to students' test scores.",
    "Organizers said more than 15,000 people took part, and more than 100 school districts closed for the "
    "day so that teachers could travel to the capital for the rally.",
    "The governor has said that a pay rise must wait for the next two-year budget, and Republican leaders "
    "in the legislature said they would not change the evaluation rules this year.",
    "Teachers said they had waited long enough, pointing to salaries that trail those of every "
    "neighbouring state and to classrooms that are short of books and staff.",
]
_HEADLINE = "Thousands of teachers pack Indiana Statehouse for pay protest"
_MENU = ["Skip to main content", "News", "Sports", "Business", "Opinion", "Subscribe", "Sign In"]


@pytest.mark.parametrize(
    "under",
    [
        ["Tom Davies Associated Press", "Published 9:02 a.m. ET Nov. 19, 2019"],  # a credit line
        ["Sharing is caring!", "Copy Link URLCopied!"],  # share prompts
        ["Follow Tom Davies on Twitter"],  # a follow prompt
    ],
    ids=["credit", "share", "follow"],
)
def test_a_dump_headline_is_not_the_line_under_it(under: list[str]) -> None:
    """In a WET dump the lines between the headline and the story (a credit line, share
    and follow prompts) are the nearest headline-like lines above the story: the rules
    took them for the title (Scrapinghub dumps: "Copy Link URLCopied!", "Tom Davies
    Associated Press"). The headline model rates the headline higher, and changes no
    text. The address names no headline, so the address rule cannot find it."""
    dump = "\n".join([*_MENU, _HEADLINE, *under, *_STORY, "Copyright 2019 The Associated Press."])
    url = "https://news.example/story/2019/11/19/ab12cd"
    result = boilerstrip.clean(dump, url=url)
    assert result.title == _HEADLINE
    rules = boilerstrip.Cleaner(boilerstrip.Config(title_text="")).clean(dump, url=url)
    assert result.text == rules.text and result.text.startswith(_STORY[0])


def test_a_model_of_another_kind_is_refused_as_the_headline_model() -> None:
    """A keep model named as the headline model (or the other way round) reads rows of
    another kind: refused when the Cleaner is made, naming the field."""
    with pytest.raises(
        boilerstrip.ConfigError, match="title_text.*a keep model for text dumps, not a headline"
    ):
        boilerstrip.Cleaner(boilerstrip.Config(title_text="keep-text.json"))
    with pytest.raises(boilerstrip.ConfigError, match="keep_text.*a headline model"):
        boilerstrip.Cleaner(boilerstrip.Config(keep_text="title-text.json"))


def test_the_h1_headline_further_up_than_the_window_is_the_title_the_markup_names() -> None:
    """A story's byline, date, share bar and photo stand between its <h1> and its first
    paragraph, more blocks than `Config.title_window`: the block near the start taken
    for the headline was the photo's caption, and the title fell back to the <title>
    with the site's name (WCXB held-out titles 76.2% against 78.3% with this). The
    <h1> further up that says the markup's headline, or it less the site's name set off
    by a separator, is the title; the caption is no headline; the text is the same."""
    headline = "Council backs the new bridge after two years of arguments"
    head = f'<meta property="og:title" content="{headline} | The Riverside Courier">'
    share = "".join(
        f"<li><a href='#'>{name}</a></li>" for name in ("LinkedIn", "Facebook", "WhatsApp", "Email")
    )
    furniture = (
        f"<h1>{headline}</h1><p class='byline'>By</p><p class='byline'>Jane Harper</p>"
        f"<div class='date'>March 4, 2025</div><ul class='share'>{share}</ul>"
        "<figure><img src='bridge.jpg' alt=''><figcaption>The old crossing at dusk, seen from the east bank"
        "</figcaption></figure><ul class='share'><li><a href='#'>Print</a></li><li><a href='#'>Save</a></li></ul>"
    )
    result = boilerstrip.clean(_page(head, furniture))
    assert result.title == headline
    caption = next(b for b in result.blocks if b.text.startswith("The old crossing at dusk"))
    assert caption.label is boilerstrip.Label.OTHER
    assert result.text == boilerstrip.clean(_page(head, furniture.replace(f"<h1>{headline}</h1>", ""))).text
    # A logo's or a section's <h1> further up that says a part of the headline is none.
    section = furniture.replace(f"<h1>{headline}</h1>", "<h1>Council</h1>")
    assert boilerstrip.clean(_page(head, section)).title != "Council"
