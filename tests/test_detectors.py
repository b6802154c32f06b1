"""Each detector alone, on hand-made blocks: what it claims and why."""

from __future__ import annotations

import gzip

import pytest

import boilerstrip
from boilerstrip import Label, detect
from boilerstrip.detect import content, context, pattern
from boilerstrip.model import ContentClass

from .conftest import FIXTURES

PROSE = (
    "The minister said on Monday that the government would review the decision after "
    "hearing from the families, who have asked for a meeting since the spring."
)


def page(*lines: str) -> detect.Page:
    return boilerstrip.Cleaner().prepare("\n\n".join(lines))


def labels(detector: detect.DetectFn, *lines: str) -> dict[str, Label]:
    p = page(*lines)
    return {p.blocks[v.index].text: v.label for v in detector(p)}


@pytest.mark.parametrize(
    "line",
    [
        "3 Comments",
        "Login to comment",
        "Comments (12)",
        "[ 167 comments ]",
        "Leave a Reply",
        "Kommentare",
        "12 comentarios",
        "Deja tu comentario",
        "Laisser un commentaire",
        "Comentar",
    ],
)
def test_comment_markers(line: str) -> None:
    assert labels(pattern.detect_comments, line, PROSE) == {line: Label.COMMENT}


@pytest.mark.parametrize("line", ["1 ( +1 / -0 )", "2 ( +2 / -0 )", "Reply", "Rating: 36 Votes"])
def test_vote_lines(line: str) -> None:
    assert labels(pattern.detect_comments, line) == {line: Label.COMMENT}


@pytest.mark.parametrize(
    "line",
    [
        "joetoronto says:",
        "Alex on September 17, 2018 at 6:34 am said:",
        "by Fons_de_spons ( 1311177 ) writes:",
        "smarter than you says:",
        "Nina | Lemons and Luggage says:",
    ],
)
def test_comment_author_line(line: str) -> None:
    assert labels(pattern.detect_comments, line) == {line: Label.COMMENT}


@pytest.mark.parametrize(
    "line",
    ["To which he simply replied:", "In a statement, the company said:", "As Joel writes:",
     "Here is what my son says:", "Then she wrote:", "He replied:", "The company said:",
     "Its chief executive, Dana Price, said:"],
)  # fmt: skip
def test_a_story_s_sentence_before_a_quote_is_no_comment_author_line(line: str) -> None:
    """A name starts with no pronoun, determiner, conjunction or preposition, and holds
    no pronoun, determiner or auxiliary verb in lower case: these end a story's
    sentence before a quote."""
    assert labels(pattern.detect_comments, line) == {}


def test_a_comment_author_line_without_a_colon_is_one_only_over_its_timestamp() -> None:
    """A theme that prints "Tammy says" with no colon: a comment's author line where its
    timestamp follows (on the next line or the one after), a headline's words where none does."""
    stamped = labels(pattern.detect_comments, "regina vasquez says", "July 14, 2015 at 3:53 pm")
    assert stamped == {"regina vasquez says": Label.COMMENT}
    assert labels(pattern.detect_comments, "Jack Grant says", "", "January 11, 2026") == {
        "Jack Grant says": Label.COMMENT
    }
    assert labels(pattern.detect_comments, "What the inspector says", "The beams are rusted through.") == {}
    assert labels(pattern.detect_comments, "Jack Grant says", "a", "b", "January 11, 2026") == {}


@pytest.mark.parametrize(
    "line",
    [
        "Newsletter Signup Register / Login",
        "Forgot password?",
        "Login with your JapanToday account",
        "Use your Facebook account to login or register with JapanToday.",
        "Anmelden",
    ],
)
def test_login(line: str) -> None:
    assert labels(pattern.detect_login, line) == {line: Label.LOGIN}


@pytest.mark.parametrize(
    "line",
    [
        "Take our user survey and make your voice heard.",
        "Sign up for our daily newsletter",
        "This website uses cookies to improve your experience. By continuing you accept our use of cookies.",
        "You are using an out of date browser. It may not display this or other websites correctly.",
        "Please update your browser to view this site.",
    ],
)
def test_prompts(line: str) -> None:
    assert labels(pattern.detect_prompt, line) == {line: Label.PROMPT}


@pytest.mark.parametrize(
    "line", ["Share", "Facebook Twitter Email", "Share on WhatsApp", "Print this article"]
)
def test_social(line: str) -> None:
    assert labels(pattern.detect_social, line) == {line: Label.SOCIAL}


@pytest.mark.parametrize(
    "line",
    [
        "Advertisement",
        "NordVPN x Japan Today Premium Accounts Giveaway",
        "Story continues below advertisement",
    ],
)
def test_ads(line: str) -> None:
    assert labels(pattern.detect_ad, line) == {line: Label.AD}


@pytest.mark.parametrize(
    "line",
    [
        "Related Articles",
        "You may also like",
        "Most Read",
        "READ MORE: Plague outbreak in China",
        "Lesen Sie auch",
        "相关新闻",
        "【関連記事】",
        "アクセスランキング（IT総合）",
    ],
)
def test_related(line: str) -> None:
    assert labels(pattern.detect_related, line) == {line: Label.RELATED}


@pytest.mark.parametrize(
    "line", ["Privacy Policy | Terms of Use | Contact Us", "About Us", "Impressum · Datenschutz"]
)
def test_footer(line: str) -> None:
    assert labels(pattern.detect_footer, line) == {line: Label.FOOTER}


@pytest.mark.parametrize("line", ["Home", "Skip to main content", "Home > World > Asia", "Back to top"])
def test_navigation(line: str) -> None:
    assert labels(pattern.detect_navigation, line) == {line: Label.NAVIGATION}


@pytest.mark.parametrize(
    "line",
    [
        "date 2024-06-04",
        "Published: November 20th, 2019 - 07:29 GMT",
        "5 min read",
        "Updated 2 hours ago",
        "Hace 28 minutos",
        "il y a 3 heures",
        "vor 5 Minuten",
        "2 ore fa",
        "5 минут назад",
        "Yersina pestis causes the plague (Image: GETTY)",
        "Demonstrators gather outside the ministry on Monday. (AP Photo/Alexander Zemlianichenko)",
        "Two astronauts take part in a space walk outside the station. (NASA via AP, File)",
        "Bild: Reuters",
        "Foto: dpa",
    ],
)
def test_metadata(line: str) -> None:
    assert labels(pattern.detect_metadata, line) == {line: Label.METADATA}


@pytest.mark.parametrize(
    "line",
    [
        "asked Feb 11, 2011 at 23:49",
        "answered May 2, 2009 at 0:09",
        "edited Feb 12, 2011 at 21:50",
        "Commented Mar 26, 2019 at 16:40",
        "2019-03-26 16:40:42 +00:00",
    ],
)
def test_a_q_and_a_posts_stamps_are_metadata(line: str) -> None:
    """A question-and-answer thread's stamps under each post and comment, as a dump
    keeps them: "asked", "answered", "edited" or "Commented" and a date, and a clock
    time with its offset from UTC. Read as none of the page's labels, the reducer took
    them in with the posts (WCXB dumps: 410 such lines on 14 forum pages, 14 of them in
    a gold text)."""
    assert labels(pattern.detect_metadata, line) == {line: Label.METADATA}


@pytest.mark.parametrize(
    "line",
    [
        "By Isaac Butler",
        "Chris Davies - Nov 19, 2019, 10:31 pm CST",
        "Текст: Венера Ерофеева·24 сентября 2018",
        "Texto: Ana Martínez",
    ],
)
def test_byline(line: str) -> None:
    assert labels(pattern.detect_byline, line) == {line: Label.BYLINE}


def test_lone_by_and_the_names_after_it() -> None:
    found = labels(pattern.detect_byline, "By", "Randy Maniloff", PROSE)
    assert found == {"By": Label.BYLINE, "Randy Maniloff": Label.BYLINE}


def test_copyright() -> None:
    line = "© Copyright 2024 The Associated Press. All rights reserved."
    assert labels(pattern.detect_copyright, line) == {line: Label.COPYRIGHT}


def test_dateline_needs_a_paragraph_after_it() -> None:
    assert labels(pattern.detect_dateline, "MOSCOW", PROSE) == {"MOSCOW": Label.DATELINE}
    assert labels(pattern.detect_dateline, "MOSCOW", "EXPLORE") == {}


def test_content_classes() -> None:
    got = labels(
        content.classify_content, PROSE, "Tech", "Wives of mobilized Russian soldiers hold rare protest"
    )
    assert got[PROSE] is Label.ARTICLE
    assert got["Tech"] is Label.OTHER
    assert got["Wives of mobilized Russian soldiers hold rare protest"] is Label.OTHER


def test_content_verdicts_carry_their_class() -> None:
    """The content class travels on the Verdict, whatever the reason's words, with
    the learned scorer (HTML) and without it (a text dump): the scorer reads it there."""
    headline = "Wives of mobilized Russian soldiers hold rare protest"
    text = page(PROSE, "Tech", headline)
    html = boilerstrip.Cleaner().prepare(
        f"<html><body><p>{PROSE}</p><p>Tech</p><p>{headline}</p></body></html>"
    )
    assert html.weights and not text.weights
    for p in (text, html):
        got = {p.blocks[v.index].text: v.content_class for v in content.classify_content(p)}
        assert got == {PROSE: ContentClass.GOOD, "Tech": ContentClass.SHORT, headline: ContentClass.SHORT}
    assert content.heuristic_classes(html) == {
        0: ContentClass.GOOD,
        1: ContentClass.SHORT,
        2: ContentClass.SHORT,
    }


def test_prose_is_not_boilerplate() -> None:
    """No pattern detector claims an ordinary paragraph."""
    for name, det in detect.DEFAULT_DETECTORS.items():
        if name != "content":
            assert labels(det, PROSE) == {}, name


def test_list_runs_mark_menus() -> None:
    got = labels(context.detect_list_runs, "Tech", "Cars", "Gaming", "Science", "Reviews", PROSE)
    assert set(got) == {"Tech", "Cars", "Gaming", "Science", "Reviews"}
    assert set(got.values()) == {Label.NAVIGATION}


def test_repetition_runs_after_content() -> None:
    p = page("Savvy Tokyo", PROSE, "Savvy Tokyo")
    detect.run((detect.DEFAULT_DETECTORS["content"], detect.DEFAULT_DETECTORS["repetition"]), p)
    assert [b.label for b in p.blocks] == [Label.NAVIGATION, Label.ARTICLE, Label.NAVIGATION]
    assert p.blocks[0].reasons[-1].startswith("repetition:")


def test_cjk_length_counts_characters() -> None:
    zh = "国务院总理在北京会见了来访的外国代表团，双方就两国关系和共同关心的国际问题交换了意见。" * 2
    p = page(zh)
    assert p.language.code == "zh"
    assert p.blocks[0].features.words >= 18
    assert labels(content.classify_content, zh) == {zh: Label.ARTICLE}


def test_a_date_line_above_the_article_is_not_its_title() -> None:
    result = boilerstrip.clean(
        "Gasekonzern muss Teile des US-Geschäfts verkaufen\n\n"
        "23. März 2017, aktualisiert 23. März 2017, 15:43 Uhr | Quelle: Handelsblatt Online\n\n"
        f"{PROSE}\n\n{PROSE} And more."
    )
    assert result.title == "Gasekonzern muss Teile des US-Geschäfts verkaufen"


def test_bulleted_headlines_after_a_related_heading_are_its_items() -> None:
    teaser = (
        "• Ministers meet farmers over the price of milk as protests spread to the south Reuters 3/9 18:45"
    )
    p = page(PROSE, PROSE + " Again.", "Related Articles", teaser, teaser.replace("milk", "grain"))
    detect.run(boilerstrip.Cleaner().detectors, p)
    assert [b.label for b in p.blocks[3:]] == [Label.RELATED, Label.RELATED]
    assert all("related-links list" in b.reasons[-1] for b in p.blocks[3:])


@pytest.mark.parametrize(
    ("attrs", "hint"),
    [
        ("social-media-embed", ""),
        ("embed-twitter social", ""),
        ("social-share", "social"),
        ("article-body", "content"),
        ("main-nav", "nav"),
        ("post has-comments", ""),
        ("summary-item-has-comments-enabled", ""),
        ("header--has-menu", ""),
        ("no-sidebar", ""),
        ("nav-has-dropdown", "nav"),
        ("has-comments comments", "comment"),
        ("product-reviews", "review"),
        ("Reviews", "review"),
        ("user_reviews_filter_menu", "nav"),
        ("yotpo-reviews-container yotpo-widget-instance", "related"),
        ("has-reviews", ""),
        ("review-body article-body", "content"),
    ],
)
def test_class_hint(attrs: str, hint: str) -> None:
    """Class words name what a container holds; an embedded post is not a share bar; a
    word after "has", "no", "with" or "without" says what the element holds or lacks,
    not what it is. A review's words name it only where no other word does (a
    "reviews filter menu" is a menu)."""
    from boilerstrip.html import class_hint

    assert class_hint(attrs)[0] == hint


def _post(words: int, topic: str) -> str:
    return " ".join([f"The {topic} story goes on as the people of the town said they would"] * (words // 14))


def _before_other_articles(html: str) -> detect.Page:
    """The page as detect_other_articles sees it: every detector before it has run."""
    cleaner = boilerstrip.Cleaner(boilerstrip.Config(disabled=frozenset({"other_articles"})))
    p = cleaner.prepare(html)
    detect.run(cleaner.detectors, p)
    return p


def _story_and_teasers() -> str:
    """A story (with a quoted post nested in it) and three teasers of long prose, each
    an <article>, under a "You may also like" heading."""
    return (
        "<html><body><article><h1>Title</h1><p>" + _post(140, "main") + "</p>"
        "<article><p>" + _post(40, "quoted") + "</p></article></article>"
        "<article><h3>You may also like</h3>"
        + "".join(f"<article><p>{_post(100, f'other{i}')}</p></article>" for i in range(3))
        + "</article></body></html>"
    )


def test_prose_in_other_article_elements_is_related() -> None:
    """The story is the <article> with the most long prose; other <article> elements
    (teasers, related posts) are related, also when their prose is long, and nested
    elements count as parts of the element around them."""
    html = _story_and_teasers()
    p = _before_other_articles(html)
    assert "other0" in " ".join(b.text for b in p.blocks if b.label is Label.ARTICLE)  # kept without it
    cleaner = boilerstrip.Cleaner()
    p = cleaner.prepare(html)
    detect.run(cleaner.detectors, p)  # its claims take where the content classifier labelled
    got = {b.text.split()[1]: b.label for b in p.blocks if b.reasons[-1].startswith("other_articles: ")}
    assert got == {"other0": Label.RELATED, "other1": Label.RELATED, "other2": Label.RELATED}
    # The rule pipeline, which this detector belongs to; the keep model has the last
    # word after it (see the next test).
    result = boilerstrip.clean(html, config=boilerstrip.Config(keep_html=""))
    assert "main story" in result.text and "quoted story" in result.text and "other0" not in result.text


@pytest.mark.xfail(
    strict=True,
    reason="known defect of the keep model: on this synthetic page it keeps the 'You may also like' "
    "heading and the first teaser under it (p=0.64, 0.51), which other_articles had set aside",
)
def test_the_keep_model_leaves_teasers_of_other_articles_out() -> None:
    html = _story_and_teasers()
    result = boilerstrip.clean(html)
    assert (
        "main story" in result.text and "other0" not in result.text and "You may also like" not in result.text
    )


def test_a_quote_nested_in_the_story_does_not_make_the_teasers_entries() -> None:
    """The story must stand out against the elements outside it: a post quoted in the
    story (an <article> nested in it, nearly as long) is the story's part, not the next
    element, so the teaser after the story is still another story's."""
    html = (
        "<html><body><article><h1>Title</h1><p>" + _post(140, "main") + "</p>"
        "<article><p>" + _post(126, "quoted") + "</p></article></article>"
        "<article><p>" + _post(84, "other") + "</p></article></body></html>"
    )
    verdicts = list(context.detect_other_articles(_before_other_articles(html)))
    assert verdicts and {v.reason for v in verdicts} == {context.OTHER_ARTICLE}
    result = boilerstrip.clean(html, config=boilerstrip.Config(keep_html=""))
    assert "main story" in result.text and "quoted story" in result.text and "other story" not in result.text


def test_one_article_element_is_left_alone() -> None:
    html = (
        f"<html><body><article><p>{_post(60, 'main')}</p></article><p>{_post(60, 'aside')}</p></body></html>"
    )
    assert list(context.detect_other_articles(_before_other_articles(html))) == []


def test_the_runs_claims_are_the_detectors_verdicts() -> None:
    """The run applies a built-in detector's claims without its Verdicts (`registry._CLAIMS`);
    a detector wrapped in a function of someone's runs by its Verdicts (here: api's
    deadline check, under a time limit). Both give every block the same label, score and
    reasons."""
    pages = [p.read_text(encoding="utf-8") for p in sorted((FIXTURES / "text").glob("*.txt"))[:20]]
    pages += [
        gzip.decompress(p.read_bytes()).decode() for p in sorted((FIXTURES / "html").glob("*.html.gz"))[:8]
    ]
    claimed, verdicts = boilerstrip.Cleaner(), boilerstrip.Cleaner(boilerstrip.Config(time_limit=1000.0))
    for text in pages:
        assert [b.values() for b in claimed.clean(text).blocks] == [
            b.values() for b in verdicts.clean(text).blocks
        ]
