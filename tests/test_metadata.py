"""Metadata from pages of the shapes seen failing on real pages (issue 15)."""

from __future__ import annotations

import json

import pytest

import boilerstrip
from boilerstrip import meta

from .conftest import FIXTURES

_STORY = "<p>" + "The council met on Tuesday and voted on the plan for the new bridge. " * 6 + "</p>"


def _page(head: str) -> str:
    return f"<html><head><title>Bridge vote</title>{head}</head><body><article><h1>Bridge vote</h1>{_STORY}</article></body></html>"


@pytest.mark.parametrize(
    "head",
    [
        '<script type="application/ld+json">'
        + json.dumps(
            {"@type": "NewsArticle", "headline": "Bridge vote", "datePublished": "2025-07-20T15:27:00+01:00"}
        )
        + "</script>",
        '<meta property="article:published_time" content="2025-07-20T15:27:00Z">',
    ],
    ids=["json-ld", "meta"],
)
def test_an_iso_date_with_its_time_is_read(head: str) -> None:
    """The usual form in JSON-LD and article:published_time; it was not read at all
    (the date pattern wanted a word boundary after the day, and "T" is a letter)."""
    assert boilerstrip.clean(_page(head)).date == "2025-07-20"


# --- wire services: the fixture set (fixtures/wire, made by its make_fixtures.py) ------

WIRE = FIXTURES / "wire"
WIRE_EXPECTED: dict[str, str | None] = json.loads((WIRE / "expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("kind", ["html", "txt"])
def test_wire_service_recall_and_no_false_attribution(kind: str) -> None:
    """Agency copy in every shape it takes (dateline, byline, copyright line, closing
    credit, JSON-LD source) for 25 agencies: recall at least 0.95; pages that only
    mention an agency (a quote, a scoop credited to it, a photo credit, an op-ed by a
    man named Bloomberg): no wire service at all."""
    cleaner = boilerstrip.Cleaner()
    found, wired, false = 0, 0, []
    for name, wire in WIRE_EXPECTED.items():
        path = WIRE / f"{name}.{kind}"
        if not path.exists():  # the JSON-LD shape has no text dump
            continue
        got = cleaner.clean(path.read_text(encoding="utf-8")).wire_service
        if wire is None and got is not None:
            false.append((name, got))
        wired += wire is not None
        found += wire is not None and got == wire
    assert wired >= 100 and found / wired >= 0.95, f"recall {found}/{wired}"
    assert not false, false
    assert sum(w is None for w in WIRE_EXPECTED.values()) >= 10


def test_wire_fixtures_cover_every_agency_of_issue_15() -> None:
    wires = set(WIRE_EXPECTED.values())
    named = {
        "The Associated Press", "Reuters", "Agence France-Presse", "dpa", "EFE", "ANSA", "Kyodo News",
        "Jiji Press", "Yonhap", "Xinhua", "PA Media", "Bloomberg", "UPI", "The Canadian Press",
        "Australian Associated Press", "Press Trust of India", "Anadolu Agency", "TASS", "Europa Press",
        "Agência Brasil", "Lusa", "ANP", "Belga", "APA", "Keystone-SDA",
    }  # fmt: skip
    assert named <= wires


def test_agency_copyright_line_kept_exactly() -> None:
    result = boilerstrip.clean((WIRE / "xinhua-copyright.html").read_text(encoding="utf-8"))
    assert result.wire_service == "Xinhua"
    assert result.copyright == "© 2024 Xinhua News Agency. All rights reserved."
    assert result.site_copyright is not None and "Xinhua" not in result.site_copyright


def test_credit_line_kept_when_no_copyright_line() -> None:
    result = boilerstrip.clean((WIRE / "reuters-credit.txt").read_text(encoding="utf-8"))
    assert result.wire_service == "Reuters"
    assert result.copyright == "(Reporting by Jane Roe; Editing by Mark Potter)"


# --- the cases "Seen on real pages" in issue 15 -------------------------------------------

_AP_LEAD = (
    "DETROIT (AP) — General Motors will recall nearly 1 million SUVs and pickups because the brake lines "
    "can corrode and leak fluid, the company said Tuesday."
)
_AP_BODY = [
    "The recall covers vehicles from the 2015 through 2020 model years that were sold or registered in "
    "states where salt is used on winter roads, according to documents posted by safety regulators.",
    "Dealers will inspect the lines and replace them if needed at no cost to owners, who will be notified "
    "by letter starting next month, the company said in a statement.",
    "GM said it knows of no crashes or injuries caused by the problem, which was found in warranty claims "
    "and customer complaints over the past two years.",
]


def _newspaper(ld: dict[str, object], byline: str, lead: str, footer: str = "") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in [lead, *_AP_BODY])
    return (
        "<html><head><title>GM recalls nearly 1 million SUVs | Springfield Daily Herald</title>"
        '<meta property="og:site_name" content="Springfield Daily Herald">'
        f'<meta name="author" content="{byline}">'
        f'<script type="application/ld+json">{json.dumps(ld)}</script></head><body>'
        '<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sports">Sports</a></nav>'
        f"<article><h1>GM recalls nearly 1 million SUVs over brake lines</h1>"
        f'<div class="byline">{byline}</div>{paragraphs}</article>'
        f"<footer>{footer}<p>© 2024 Springfield Daily Herald. All rights reserved.</p></footer></body></html>"
    )


def test_ap_story_on_a_newspaper_site() -> None:
    """JSON-LD names the AP as author and publisher, the meta author is the AP's
    byline in capitals: the agency is the wire service, not the site or an author."""
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "GM recalls nearly 1 million SUVs over brake lines",
        "datePublished": "2024-03-05T14:02:00Z",
        "author": [{"@type": "Person", "name": "TOM KRISHER, AP Auto Writer"}],
        "publisher": {"@type": "Organization", "name": "Associated Press"},
    }
    result = boilerstrip.clean(_newspaper(ld, "By TOM KRISHER, AP Auto Writer", _AP_LEAD))
    assert result.authors == ["Tom Krisher"]
    assert result.wire_service == "The Associated Press"
    assert result.site_name == "Springfield Daily Herald"
    assert result.dateline == "DETROIT"


def test_ap_story_as_a_text_dump() -> None:
    lines = [
        "Springfield Daily Herald", "Home", "News", "Sports",
        "GM recalls nearly 1 million SUVs over brake lines", "By TOM KRISHER AP Auto Writer",
        "Published March 5, 2024", _AP_LEAD, *_AP_BODY, "© 2024 Springfield Daily Herald. All rights reserved.",
    ]  # fmt: skip
    result = boilerstrip.clean("\n".join(lines))
    assert result.authors == ["Tom Krisher"]
    assert result.wire_service == "The Associated Press"
    assert result.date == "2024-03-05"


def test_reuters_story_on_a_tech_site() -> None:
    """A story opening "(Reuters) —" with no place before it, on a site of its own."""
    lead = (
        "(Reuters) — Apple is in talks to buy a stake in a chip designer, two people familiar with the "
        "matter said on Monday, as it seeks more control over the parts that power its phones."
    )
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Apple in talks on chip stake",
    }
    page = _newspaper(ld, "By Jane Roe", lead).replace("Springfield Daily Herald", "GadgetPulse")
    result = boilerstrip.clean(page)
    assert result.wire_service == "Reuters"
    text = "\n".join(["GadgetPulse", "Reviews", "News", "Apple in talks on chip stake", lead, *_AP_BODY])
    assert boilerstrip.clean(text).wire_service == "Reuters"


def test_site_copyright_is_a_notice() -> None:
    """Not a link labelled "Copyright Policy", and without a navigation heading glued
    to the notice."""
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "GM recalls"}
    footer = '<p><a href="/copyright">Copyright Policy</a></p>'
    page = _newspaper(ld, "By Jane Roe", _AP_LEAD, footer).replace(
        "© 2024 Springfield Daily Herald. All rights reserved.",
        "Site Information Navigation © 2019 The Springfield Daily Herald Company",
    )
    result = boilerstrip.clean(page)
    assert result.site_copyright == "© 2019 The Springfield Daily Herald Company"


# --- authors ---------------------------------------------------------------------------


def test_forum_thread_poster_from_json_ld() -> None:
    """A thread's JSON-LD is a DiscussionForumPosting inside a WebPage, not an article."""
    ld = {
        "@context": "https://schema.org",
        "@type": "WebPage",
        "mainEntity": {
            "@type": "DiscussionForumPosting",
            "headline": "Bridge vote",
            "datePublished": "2022-07-09T22:10:31+00:00",
            "author": {"@type": "Person", "name": "felixen"},
        },
    }
    head = f'<script type="application/ld+json">{json.dumps(ld)}</script>'
    assert boilerstrip.clean(_page(head)).authors == ["felixen"]


def test_json_ld_author_given_by_reference() -> None:
    """Yoast's @graph names the author by @id; the Person is elsewhere in the graph."""
    person = "https://example.org/#/schema/person/1"
    ld = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "Article", "headline": "Bridge vote", "author": [{"@id": person}]},
            {"@type": "Person", "@id": person, "name": "Nirmita Panchal", "url": "https://example.org/a"},
        ],
    }
    head = f'<script type="application/ld+json">{json.dumps(ld)}</script><meta name="author" content="kffnp">'
    assert boilerstrip.clean(_page(head)).authors == ["Nirmita Panchal"]


def test_citation_authors_all_turned_round() -> None:
    head = "".join(f'<meta name="citation_author" content="{n}">' for n in ("Kaufman, Jeff T.", "Roe, Jane"))
    assert boilerstrip.clean(_page(head)).authors == ["Jeff T. Kaufman", "Jane Roe"]


def test_organisation_author_gives_way_to_the_byline() -> None:
    ld = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": "Bridge vote",
        "author": {"@type": "Organization", "name": "Instructables"},
    }
    head = f'<script type="application/ld+json">{json.dumps(ld)}</script>'
    page = _page(head).replace(
        "<h1>Bridge vote</h1>", "<h1>Bridge vote</h1><p>By MixmasterFred in Workshop</p>"
    )
    assert boilerstrip.clean(page).authors == ["MixmasterFred"]
    assert boilerstrip.clean(_page(head)).authors == ["Instructables"]  # no person named anywhere


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("By Jane Doe and John Roe", ["Jane Doe", "John Roe"]),
        ("Doris Munoz-Mantilla, MD, FOMA, DABOM", ["Doris Munoz-Mantilla"]),
        ("Jeffrey ZeldmanNovember 20", ["Jeffrey Zeldman"]),
        ("By Emmet WhiteUpdated: Feb 5, 2026", ["Emmet White"]),
        ("Written By: Tom May", ["Tom May"]),
        ("By Mike Smith, Staff Writer", ["Mike Smith"]),
        ("Shelby Loos, DVM. Reviewed by Molly Price, DVM", ["Shelby Loos"]),
        ("By JOHN O'NEIL and MARÍA LÓPEZ", ["John O'Neil", "María López"]),
        ("page.head.extra.author", []),
        ("Reuters Staff", []),
        ("By Company Size", []),  # a menu's heading: what it sorts by
        ("By industry", []),
        ("By Lynn Price", ["Lynn Price"]),  # a name may hold such a word
        ("By Sofia Gonzalez December 2, 2025", ["Sofia Gonzalez"]),  # a date, no comma before it
        ("ByShivya Nath 12th February 2025", ["Shivya Nath"]),  # "By" glued to the name
        ("Richard Garner Updated Sep 5, 2025", ["Richard Garner"]),
    ],
)
def test_person_names(byline: str, names: list[str]) -> None:
    assert meta.person_names([byline])[0] == names


def test_agency_in_a_byline_is_the_wire_not_an_author() -> None:
    assert meta.person_names(["By Kim Tong-hyung, Associated Press"]) == (
        ["Kim Tong-hyung"],
        "The Associated Press",
    )
    assert meta.person_names(["Reuters Staff"]) == ([], "Reuters")


@pytest.mark.parametrize(
    ("lines", "names"),
    [
        (["Thread starter felixen", "Start date Jul 9, 2022"], ["felixen"]),
        (["Written by", "Edzel Tabing"], ["Edzel Tabing"]),
        (["Posted by BeauHD on Friday December 19, 2025 @08:00PM"], ["BeauHD"]),
        (["LEONARDO GARCIA", "Sep 26, 2022"], ["Leonardo Garcia"]),
    ],
)
def test_authors_from_a_text_dump(lines: list[str], names: list[str]) -> None:
    story = [s.strip() + "." for s in _STORY.removeprefix("<p>").removesuffix("</p>").split(".") if s.strip()]
    text = "\n".join(["Example News", "Home", "Bridge vote", *lines, " ".join(story)])
    assert boilerstrip.clean(text).authors == names


# --- dates -------------------------------------------------------------------------------

_CNN_BODY = [
    "Washington (CNN) -- Seventy-five years after it became law, Social Security faces a funding gap that "
    "Congress has yet to close, and both parties say they want to fix it without cutting benefits.",
    "The program paid benefits to more than 50 million Americans last year, and its trustees say the trust "
    "funds will run dry in 2037 unless taxes rise or benefits are trimmed.",
    "President Barack Obama marked the anniversary with a pledge to protect the program, while Republican "
    "leaders called for a commission to study changes to the retirement age.",
]
_CNN_CAPTION = "President Franklin D. Roosevelt signs the Social Security Act on August 14, 1935."
_CNN_STAMP = "August 14, 2010 -- Updated 1502 GMT (2302 HKT)"


def test_a_2010_story_is_not_dated_by_a_caption_from_1935() -> None:
    """The caption's date is the law's, inside a sentence; the story's is its time stamp
    (a short line the reducer keeps as story text)."""
    paragraphs = "".join(f"<p>{p}</p>" for p in _CNN_BODY)
    page = (
        "<html><head><title>Social Security turns 75 - CNN.com</title></head><body>"
        '<div id="hdr"><a href="/">Home</a> <a href="/us">U.S.</a> <a href="/politics">Politics</a></div>'
        "<div><h1>Social Security turns 75 amid worries over its future</h1>"
        f"<div>{_CNN_CAPTION}</div><div>{_CNN_STAMP}</div>{paragraphs}</div></body></html>"
    )
    assert boilerstrip.clean(page).date == "2010-08-14"
    lines = [
        "Home",
        "U.S.",
        "Social Security turns 75 amid worries over its future",
        _CNN_CAPTION,
        _CNN_STAMP,
    ]
    assert boilerstrip.clean("\n".join([*lines, *_CNN_BODY])).date == "2010-08-14"


def test_publication_and_update_dates_from_the_text() -> None:
    lines = ["Example News", "Bridge vote", "Published March 5, 2024", "Updated: March 7, 2024 at 10:15 am"]
    story = _STORY.removeprefix("<p>").removesuffix("</p>")
    result = boilerstrip.clean("\n".join([*lines, story]))
    assert (result.date, result.date_modified) == ("2024-03-05", "2024-03-07")


@pytest.mark.parametrize(
    ("published", "modified", "expected"),
    [
        ("2025-07-20T15:27:00+01:00", "2025-07-22T09:00:00+01:00", ("2025-07-20", "2025-07-22")),
        ("2025-07-20", "2019-01-01", ("2025-07-20", None)),  # an update before the publication is none
    ],
)
def test_update_date_from_the_markup(published: str, modified: str, expected: tuple[str, str | None]) -> None:
    ld = {
        "@type": "NewsArticle",
        "headline": "Bridge vote",
        "datePublished": published,
        "dateModified": modified,
    }
    result = boilerstrip.clean(_page(f'<script type="application/ld+json">{json.dumps(ld)}</script>'))
    assert (result.date, result.date_modified) == expected
    assert result.to_dict()["date_modified"] == expected[1]


def test_the_address_dates_a_story_filed_by_date() -> None:
    """Markup in UTC may put a late-evening story on the next day; the site's own
    address files it by its local date."""
    head = '<meta property="article:published_time" content="2025-12-19T02:10:00Z">'
    result = boilerstrip.clean(_page(head), url="https://example.org/2025/12/18/bridge-vote/")
    assert result.date == "2025-12-18"
    assert meta.url_date("https://example.org/t/2024-4-4-release-notes") is None  # a version, not a date


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Essay - Published: 2025.12.17 | programming", "2025-12-17"),  # dotted, year first
        ("FlowGuard EMEA on 04-ago-2021 5:11:10", "2021-08-04"),  # hyphens, a Spanish month
        ("Yucy3/4/2025", "2025-03-04"),  # glued to the author's name
        ("Kristen HaleMarch 11, 2024", "2024-03-11"),  # a month's name glued to the name
        ("Mental HealthDECEMBER 22, 2022Updated", "2022-12-22"),  # and to a section's
        ("BigMay 5, 2020", "2020-05-05"),  # a word that is no month before the month's name
        ("2023 Jan 7", "2023-01-07"),  # citation_publication_date
    ],
)
def test_date_forms_seen_on_real_pages(text: str, iso: str) -> None:
    assert meta.parse_date(text) == iso


def test_the_address_may_name_the_month() -> None:
    assert meta.url_date("https://example.org/blog/2023/october/03/wine-styles/") == "2023-10-03"
    assert meta.url_date("https://example.org/blog/2023/wine/03/") is None


def _ld(obj: dict[str, object]) -> str:
    return f'<script type="application/ld+json">{json.dumps(obj)}</script>'


@pytest.mark.parametrize(
    ("head", "iso"),
    [
        # A forum thread's JSON-LD has no article object, only the posting.
        (
            _ld(
                {
                    "@type": "DiscussionForumPosting",
                    "headline": "Bridge vote",
                    "datePublished": "2026-03-03T19:44:46+00:00",
                }
            ),
            "2026-03-03",
        ),
        # Meta names that say they date the publication, beside the usual ones.
        ('<meta name="published" content="July 17, 2025">', "2025-07-17"),
        ('<meta name="w-published-date" content="2025-05-27T06:03:43.274Z">', "2025-05-27"),
        ('<meta name="citation_publication_date" content="2023 Jan 7">', "2023-01-07"),
        # Of two such tags, the first publication.
        (
            '<meta name="published-time" content="2026-03-09T08:45:32Z"><meta name="published-date" content="2021-02-16">',
            "2021-02-16",
        ),
        # A story that gives only its web page's date, or only its last update.
        (
            _ld({"@type": "WebPage", "name": "Bridge vote", "datePublished": "2022-10-05T12:53:00-07:00"}),
            "2022-10-05",
        ),
        ('<meta property="article:modified_time" content="2023-06-12T10:39:42+00:00">', "2023-06-12"),
    ],
    ids=[
        "forum-posting",
        "published",
        "w-published-date",
        "citation",
        "earliest",
        "web-page",
        "modified-only",
    ],
)
def test_dates_in_the_markup_of_pages_without_an_article_object(head: str, iso: str) -> None:
    assert boilerstrip.clean(_page(head)).date == iso


def test_a_publisher_tag_is_not_a_date() -> None:
    head = '<meta property="article:publisher" content="https://example.org/2021/01/02/">'
    assert boilerstrip.clean(_page(head)).date is None


def _dated_page(meta_line: str, after: str = "") -> str:
    """A blog post: the headline, `meta_line` under it, the story, then `after` (a
    sidebar of later posts, each with its date)."""
    story = _STORY.removeprefix("<p>").removesuffix("</p>")
    recent = "".join(
        f'<li><a href="/p{i}">Advice for the class of 202{i} from parents who have been there</a>'
        f"<div>February {10 + i}, 2026</div></li>"
        for i in range(5)
    )
    return (
        "<html><head><title>Bridge vote</title></head><body>"
        '<header><nav><a href="/">Home</a> <a href="/blog">Blog</a> <a href="/about">About</a></nav></header>'
        f"<main><h1>Bridge vote</h1>{meta_line}<p>{story}</p><p>{story}</p>{after}</main>"
        f"<aside><h3>Recent posts</h3><ul>{recent}</ul></aside></body></html>"
    )


def test_the_date_line_under_the_headline_whatever_its_label() -> None:
    """A line of links under the headline reads as a menu; its date is still the
    post's, not the sidebar's."""
    line = '<nav class="meta"><a href="/2023/05/">May 18, 2023</a> By <a href="/a/jo">Jo Doe</a> In <a href="/c">Advice</a></nav>'
    assert boilerstrip.clean(_dated_page(line)).date == "2023-05-18"


@pytest.mark.parametrize(
    ("lines", "iso"),
    [
        # A forum's member box says when the member joined or the group was founded.
        (
            ["Founded: Dec 11, 2021", "Bridge vote", "by Outer Armatonis » Tue Aug 27, 2019 1:47 am"],
            "2019-08-27",
        ),
        # A thread's opening line: a byline leads to the date.
        (["Bridge vote", "Discussion in 'Hosting Advice' started by pelex, May 26, 2025."], "2025-05-26"),
        # A post's time stamp opens a longer line.
        (
            [
                "Bridge vote",
                "2019-02-23, 09:14 PM (This post was last modified: 2024-01-05, 03:27 AM by Starred. Edited 1 time in total.)",
            ],
            "2019-02-23",
        ),
    ],
    ids=["founded", "started-by", "time-stamp"],
)
def test_date_lines_of_forum_threads(lines: list[str], iso: str) -> None:
    story = _STORY.removeprefix("<p>").removesuffix("</p>")
    assert boilerstrip.clean("\n".join([*lines, story, story])).date == iso


def test_posted_on_the_day_at_the_foot_of_a_long_post() -> None:
    """Far below the headline, only a line that says it dates the post is read."""
    story = _STORY.removeprefix("<p>").removesuffix("</p>")
    after = f"<p>{story}</p>" * 50 + "<div>Posted on the 15/12/2025 at 19:00 by @jodoe</div>"
    assert boilerstrip.clean(_dated_page("", after)).date == "2025-12-15"


def test_the_date_after_a_byline_below_the_story() -> None:
    """A template may put the author's box, and the date with it, below the story."""
    story = _STORY.removeprefix("<p>").removesuffix("</p>")
    after = f"<p>{story}</p>" * 50 + '<div class="author"><p>Written by Jo Doe</p><p>April 8, 2024</p></div>'
    assert boilerstrip.clean(_dated_page("", after)).date == "2024-04-08"


def test_the_date_line_below_a_standfirst_and_a_split_byline() -> None:
    """Standfirst, "By", the name and the date each on a line of their own, in a
    footer element: the date is still the story's."""
    line = (
        "<p>Remote workers can easily lose motivation. Boost your team's performance with these tips</p>"
        "<footer><div>By</div><div>Jo Doe</div><div>March 30, 2023 |</div></footer>"
    )
    assert boilerstrip.clean(_dated_page(line)).date == "2023-03-30"


@pytest.mark.parametrize(("shown", "iso"), [(False, "2022-10-08"), (True, "2022-10-24")])
def test_an_earlier_date_on_show_beats_markup_the_page_never_shows(shown: bool, iso: str) -> None:
    """A story moved to a new template shows its first date; the markup dates the move.
    Where the page shows the markup's date too, the markup's stands."""
    head = '<meta property="article:published_time" content="2022-10-24T12:40:59+00:00">'
    after = "<p>See also our notice of October 24, 2022.</p>" if shown else ""
    page = _dated_page("<div>On 8 Oct 2022 in NEWS</div>", after).replace("</head>", head + "</head>")
    assert boilerstrip.clean(page).date == iso


def test_a_date_in_a_story_sentence_is_not_the_posts() -> None:
    """ "Published on" inside a sentence of the story dates something else (a study, the
    post's first version); the post's own "Posted on" line dates it."""
    sentence = (
        "<p>Update note: this blog post was originally published on the 21st of June 2017 "
        "and updated on the 18th of July 2025.</p><div>Posted on April 13, 2023</div>"
    )
    assert boilerstrip.clean(_dated_page("", sentence)).date == "2023-04-13"
    study = "<p>The study, published on 5 March 2021 in a journal, found that bridges last longer.</p>"
    assert boilerstrip.clean(_dated_page("<div>May 18, 2023</div>", study)).date == "2023-05-18"


# --- titles of text dumps ------------------------------------------------------------------


def test_text_dump_title_is_not_a_gallery_link() -> None:
    story = _STORY.removeprefix("<p>").removesuffix("</p>")
    lines = ["Example News", "Home", "Photos", "Council approves the new bridge", "Back to Gallery", story]
    assert boilerstrip.clean("\n".join(lines)).title == "Council approves the new bridge"


def test_text_dump_title_named_by_the_address() -> None:
    """A dump keeps no <title>; the headline is the line that holds the address's words,
    though sub-headings sit nearer the story."""
    story = _STORY.removeprefix("<p>").removesuffix("</p>")
    lines = [
        "Example News", "Home", "How to use gym equipment (with confidence!)", "Sarah Lee",
        "Why it matters", story, "Getting started", story,
    ]  # fmt: skip
    result = boilerstrip.clean(
        "\n".join(lines), url="https://example.org/blogs/fitness/how-to-use-gym-equipment"
    )
    assert result.title == "How to use gym equipment (with confidence!)"


def test_a_dump_date_glued_to_the_next_one_is_read() -> None:
    """A dump joins a post's dates with no space between them (its published and updated
    <time> elements side by side): the first is still a date."""
    story = _STORY.removeprefix("<p>").removesuffix("</p>")
    line = "On January 12, 2025January 22, 2025 By Gabby BoucherIn Budget Travel"
    assert boilerstrip.clean("\n".join(["Bridge vote", line, story, story])).date == "2025-01-12"


def test_a_dump_byline_glued_to_its_date_dates_the_story() -> None:
    """A dump glued a byline's name to the date after it ("By Kristen HaleMarch 11,
    2024"): with no word boundary before the month's name, no date was read. A capital
    after a small letter starts a month's name too."""
    text = (FIXTURES / "text-made" / "story-glued-date.txt").read_text(encoding="utf-8")
    result = boilerstrip.clean(text, url="https://gardenpost.example/seedlings-stretching")
    assert result.date == "2024-03-11"
    assert result.authors == ["Kristen Hale"]
    assert meta.parse_date("informay 5, 2020") is None  # no capital: no month's name starts


def test_a_menus_by_headings_are_no_bylines() -> None:
    """A shop's or a software firm's menu sorts "By Industry" and "By Role": the byline
    pattern took each for a byline, and the page's authors began with "Industry" and
    "Role". A name whose every word is what a menu sorts by is none."""
    text = (FIXTURES / "text-made" / "story-facet-menu.txt").read_text(encoding="utf-8")
    result = boilerstrip.clean(text, url="https://gardenpost.example/seedlings-stretching")
    assert result.authors == ["Kristen Hale"]


def test_a_dump_credit_after_its_date_names_the_author() -> None:
    """ "Posted on July 1, 2024 by A": the credit pattern read "by A" after a date only
    where the line opened with the date."""
    text = (FIXTURES / "text-made" / "story-glued-date.txt").read_text(encoding="utf-8")
    text = text.replace("By Kristen HaleMarch 11, 2024", "Posted on March 11, 2024 by Kristen Hale")
    result = boilerstrip.clean(text, url="https://gardenpost.example/seedlings-stretching")
    assert result.authors == ["Kristen Hale"]
    assert result.date == "2024-03-11"
    text = text.replace("Posted on March 11, 2024 by", "Last Updated on March 11, 2024 by")
    assert boilerstrip.clean(text, url="https://gardenpost.example/seedlings-stretching").authors == [
        "Kristen Hale"
    ]


def test_a_threads_last_post_does_not_date_it() -> None:
    """A forum dump's head says when the thread was last posted to ("last post by A Sep
    26, 2024"): that date is not the thread's, which its first post's head gives."""
    lines = [
        "Home", "Forums", "Gardening", "Tomato seedlings tall and thin",
        "2.1K views 4 replies 3 participants last post by greenthumb Sep 26, 2024",
        "gardener_ann", "Discussion starter", "#1 · Jan 3, 2024",
        "My tomato seedlings are three weeks old and already tall and thin, and they flop over when I water them.",
        "They sit on a windowsill that faces east, and I water them every second day; should I start again?",
        "greenthumb", "#2 · Jan 3, 2024",
        "It is not too late: move them under a light a few inches above the leaves for fourteen hours a day.",
        "Reply", "© 2024 Garden Forum",
    ]  # fmt: skip
    url = "https://forum.example.org/threads/tomato-seedlings-tall-and-thin.4521/"
    assert boilerstrip.clean("\n".join(lines), url=url).date == "2024-01-03"


def test_a_dump_author_box_under_the_headline_names_the_author() -> None:
    """A dump renders the author's box under the headline as bare lines, the name read
    as a menu's ("Kristen Hale" / "Senior Garden Editor" / the date): the job title
    beside the date was taken for the author ("Senior Garden"), and the name was not.
    A name alone just under the headline with a job title on the next line is the
    author, and a job title is no name."""
    text = (FIXTURES / "text-made" / "story-glued-date.txt").read_text(encoding="utf-8")
    text = text.replace(
        "By Kristen HaleMarch 11, 2024\n", "Kristen Hale\nSenior Garden Editor\nMarch 11, 2024\n"
    )
    result = boilerstrip.clean(text, url="https://gardenpost.example/seedlings-stretching")
    assert result.authors == ["Kristen Hale"]


def test_a_dump_headline_beside_its_date_is_not_its_author() -> None:
    """A headline of two capitalised words over the date line ("Leggy Seedlings" /
    "March 11, 2024") has a name's shape: the dump's author was its headline."""
    text = (FIXTURES / "text-made" / "story-glued-date.txt").read_text(encoding="utf-8")
    head = "Seedlings that stretch toward the window can still be saved\nGardening\nBy Kristen HaleMarch 11, 2024\n"
    text = text.replace(head, "Gardening\nLeggy Seedlings\nMarch 11, 2024\n")
    result = boilerstrip.clean(text, url="https://gardenpost.example/leggy-seedlings")
    assert result.title == "Leggy Seedlings"
    assert result.authors == []
    assert result.date == "2024-03-11"
