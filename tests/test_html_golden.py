"""Golden tests on real HTML pages: must/must-not snippets, language, title, and a
quality floor (the benchmark's shingle F1) over the pages with a human-written body.

The pages come from the shared development sets (see tools/make_html_fixtures.py);
a page with a known defect names it in `known_issue` and is an expected failure that
turns red once fixed.
"""

from __future__ import annotations

import gzip
import json
import pathlib
import re

import pytest

import boilerstrip

from .conftest import FIXTURES

CASES = sorted((FIXTURES / "html").glob("*.json"))
QUALITY_FLOOR = 0.94  # shingle F1 over the fixtures with a human-written body
_TOKEN = re.compile(r"\w+")


def _tokens(text: str) -> str:
    return " ".join(_TOKEN.findall(text))


def _assert_kept(text: str, parts: tuple[str, ...], chrome: tuple[str, ...]) -> None:
    """Every one of `parts` is in the output `text` and none of `chrome`, token by token."""
    out = _tokens(text)
    for part in parts:
        assert _tokens(part) in out
    for line in chrome:
        assert _tokens(line) not in out


def _clean(case: pathlib.Path) -> tuple[dict[str, object], boilerstrip.Result]:
    meta = json.loads(case.read_text(encoding="utf-8"))
    page = gzip.decompress(case.with_name(case.stem + ".html.gz").read_bytes())
    return meta, boilerstrip.clean(page)


def _params() -> list[object]:
    params = []
    for case in CASES:
        meta = json.loads(case.read_text(encoding="utf-8"))
        issue = meta.get("known_issue")
        marks = [pytest.mark.xfail(reason=str(issue), strict=True)] if issue else []
        params.append(pytest.param(case, id=case.stem, marks=marks))
    return params


def test_enough_pages_and_languages() -> None:
    assert len(CASES) >= 20
    langs = {json.loads(c.read_text(encoding="utf-8")).get("language") for c in CASES}
    assert {"de", "fr", "es", "ja", "zh"} <= langs


@pytest.mark.parametrize("case", _params())
def test_page(case: pathlib.Path) -> None:
    meta, result = _clean(case)
    out = _tokens(result.text)
    missing = [s for s in meta["must"] if _tokens(str(s)) not in out]  # type: ignore[attr-defined]
    leaked = [s for s in meta["must_not"] if _tokens(str(s)) in out]  # type: ignore[attr-defined]
    assert not missing and not leaked, f"missing {missing}, leaked {leaked}"
    if meta.get("language"):
        assert result.language == meta["language"]
    if meta.get("title"):
        assert (
            " ".join((result.title or "").split()).casefold()
            == " ".join(str(meta["title"]).split()).casefold()
        )


def _shingles(text: str) -> set[tuple[str, ...]]:
    t = _TOKEN.findall(text)
    return {tuple(t[i : i + 4]) for i in range(len(t) - 3)}


def test_quality_floor() -> None:
    precisions, recalls = [], []
    for case in CASES:
        meta, result = _clean(case)
        if not str(meta.get("source", "")).startswith("shared/bench/scrapinghub"):
            continue
        got, want = _shingles(result.text), _shingles(str(meta["expected_text"]))
        if got:
            precisions.append(len(got & want) / len(got))
        if want:
            recalls.append(len(got & want) / len(want))
    p, r = sum(precisions) / len(precisions), sum(recalls) / len(recalls)
    f1 = 2 * p * r / (p + r)
    assert f1 >= QUALITY_FLOOR, f"F1 {f1:.3f} (P {p:.3f}, R {r:.3f}) under {QUALITY_FLOOR}"


def test_wire_story_metadata() -> None:
    case = next(c for c in CASES if c.stem == "sh-359fee228518")
    _, result = _clean(case)
    assert result.wire_service == "Reuters"
    assert result.dateline == "WASHINGTON"


def test_comments_kept_apart() -> None:
    case = next(c for c in CASES if c.stem == "sh-232a43fb15ab")
    meta = json.loads(case.read_text(encoding="utf-8"))
    page = gzip.decompress(case.with_name(case.stem + ".html.gz").read_bytes())
    with_comments = boilerstrip.clean(page, include_comments=True)
    assert len(with_comments.comments) >= 3
    article = _tokens(with_comments.text)
    assert all(_tokens(c.text) not in article for c in with_comments.comments)
    assert with_comments.text == boilerstrip.clean(page).text
    assert all(_tokens(str(s)) in article for s in meta["must"])


def test_data_table_in_the_article_kept_whole() -> None:
    """A standings table inside the article body is article text, every cell in order
    (numbers and repeated values included), and the prose after it stays too."""
    case = next(c for c in CASES if c.stem == "sh-11ea381ad92b")
    _, result = _clean(case)
    cells = [b for b in result.blocks if b.tag == "td"]
    assert len(cells) > 200
    assert all(b.label is boilerstrip.Label.ARTICLE for b in cells)
    out = _tokens(result.text)
    assert _tokens("1 Kyle Busch 5040 5 1 17 27") in out
    assert _tokens("O calendário da Cup é composto por 36 corridas") in out
    assert "Publicidade" not in result.text


def test_navigation_element_is_one_block() -> None:
    """A <nav> becomes one navigation block holding all its items, with its reason."""
    case = next(c for c in CASES if c.stem == "sh-11ea381ad92b")
    _, result = _clean(case)
    navs = [b for b in result.blocks if b.tag == "nav"]
    assert navs and all(b.label is not boilerstrip.Label.ARTICLE and b.reasons for b in navs)
    menu = next(b for b in navs if "Calendário da Fórmula 1" in b.text)
    assert "Pilotos e Equipes da MotoGP" in menu.text
    assert menu.label is boilerstrip.Label.NAVIGATION


def test_navigation_role_on_a_wrapper_does_not_hide_the_article() -> None:
    """Only link-made navigation collapses into one block, and a navigation role on an
    element holding much of the page is set aside like a wrapper's class: a page whose
    whole body sits in role=navigation (seen on real sites) keeps its article."""
    case = next(c for c in CASES if c.stem == "sh-359fee228518")
    meta = json.loads(case.read_text(encoding="utf-8"))
    page = gzip.decompress(case.with_name(case.stem + ".html.gz").read_bytes())
    wrapped = page.replace(b"<body", b'<div role="navigation"><body', 1).replace(
        b"</body>", b"</div></body>", 1
    )
    assert wrapped != page
    out, plain = _tokens(boilerstrip.clean(wrapped).text), _tokens(boilerstrip.clean(page).text)
    assert all(_tokens(str(s)) in out for s in meta["must"])  # type: ignore[attr-defined]
    assert not any(_tokens(str(s)) in out for s in meta["must_not"])  # type: ignore[attr-defined]
    assert 0.95 * len(plain) <= len(out) <= 1.05 * len(plain)  # not the page taken whole


def test_a_story_split_over_widget_containers_keeps_its_later_parts() -> None:
    """A page builder wraps every part of a page, menus and story alike, in elements
    whose class reads as a widget (a related-content hint): the reducer keeps the story's
    first paragraphs, and its later parts were lost as related (the keep model rates
    them 0.15-0.35). Where the story's own blocks sit in such elements, the paragraphs
    in them that go on after it are the story (`Config.builder_tail_share`); the share
    box, the menus and the other stories stay out. With the rule off (and the keep
    model's second stage, which keeps them too), they are lost."""
    page = (FIXTURES / "html-made" / "widget-story.html").read_bytes()
    off = boilerstrip.Config(builder_tail_share=0.0, keep_html_stack="")
    without = boilerstrip.clean(page, config=off).text
    assert "The changes are not the same all around the harbour" not in without
    _assert_kept(
        boilerstrip.clean(page).text,
        ("The harbour authority published its new tide tables last week",
         "Here is what changes for the people who use the harbour every day",
         "The depth over the bar at the lowest tides is a little less than charted",
         "The changes are not the same all around the harbour"),
        ("SHARE THIS ARTICLE", "More news", "Winter opening hours", "Hydrographic surveys", "Careers"),
    )  # fmt: skip


@pytest.mark.xfail(
    strict=True,
    reason="known gap (issue 14, recall on articles): the story's closing paragraph, one short "
    "line after the long ones, is left out by the reducer and the keep model rates it under one "
    "half. Layout features for the keep model (its twins of tag, depth and class word, its offset "
    "from the reducer's run) keep it and lift 5-fold CV on tune (WCXB 0.8455 -> 0.8510), but lost "
    "WCXB's held-out domains with URLs passed as in training: 0.841 -> 0.835, product 0.695 -> 0.595; "
    "with 3 seeds averaged (out of fold 0.8568) held-out fell too, 0.841 -> 0.833",
)
def test_a_story_s_short_closing_paragraph_is_kept() -> None:
    """A story's last paragraph is a short line after the long ones, of the same tag,
    depth and class word as the paragraphs kept just before it: it is the story's; the
    share links, the most-read list and the footer after it stay out."""
    page = (FIXTURES / "html-made" / "short-last-paragraph.html").read_bytes()
    result = boilerstrip.clean(page)
    assert result.page_type == "article"
    out = _tokens(result.text)
    assert _tokens("Tickets cost the same as before the storm") in out
    assert out.endswith(_tokens("See you on board."))
    for chrome in ("Facebook Email", "Most read", "Fish market opens on Sundays", "Contact"):
        assert _tokens(chrome) not in out


def _unsure_model(tmp_path: pathlib.Path, prose_logit: float) -> str:
    """A one-tree keep model that is sure of headings (p=0.6) and rates every other
    block at `prose_logit`: the shipped model's shape on a page unlike those it
    learned from, where a story's long paragraphs sit near one half."""
    from boilerstrip.learned import blockrows

    model = {"features": list(blockrows.FEATURES), "base": 0.0, "roots": [0],
             "feature": [blockrows.FEATURES.index("heading"), -1, -1], "threshold": [0.5, 0.0, 0.0],
             "left": [1, 0, 0], "right": [2, 0, 0], "value": [0.0, prose_logit, 0.4]}  # fmt: skip
    path = tmp_path / "unsure.json"
    path.write_text(json.dumps(model), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(("logit", "kept"), [(-0.2, True), (-0.9, True), (-2.0, False)])
def test_an_unsure_keep_model_does_not_drop_the_story_s_paragraphs(
    tmp_path: pathlib.Path, logit: float, kept: bool
) -> None:
    """Where the keep model rates the story's paragraphs just under one half (p=0.45)
    and a heading over it, the paragraphs the reducer kept stay: a paragraph is
    dropped only at or under `Config.keep_prose_drop_threshold` (0.4), not at the
    threshold of any block. Rated 0.29 (every block alike, the model unsure of the
    whole page), the story's own threshold takes them back: the prose over
    `Config.keep_own_floor` that makes the page's expected F1 the most
    (keep.own_members). Rated 0.12, they are under half the F1 the page can expect
    (taking them would lower it) and are dropped; the menus and the shop's cards it
    does not add any way. The rules read this model's probabilities, not a second
    stage's (`Config.keep_html_stack`, learned from the shipped model's)."""
    page = (FIXTURES / "html-made" / "unsure-model-story.html").read_bytes()
    cfg = boilerstrip.Config(keep_html=_unsure_model(tmp_path, logit), keep_html_stack="")
    out = _tokens(boilerstrip.clean(page, config=cfg).text)
    assert _tokens("How the teapot came to Europe") in out
    for paragraph in ("The teapot is younger than tea by a long way",
                      "English potters copied the Chinese pots for decades",
                      "Most tea is now made with bags in a mug"):  # fmt: skip
        assert (_tokens(paragraph) in out) is kept
    for chrome in ("Clay teapots", "Brown clay teapot", "Shipping Returns Contact"):
        assert _tokens(chrome) not in out


def test_a_paragraph_taken_back_by_the_page_s_own_threshold_says_so(tmp_path: pathlib.Path) -> None:
    """The story's paragraphs the page's own threshold takes back (the model rates every
    block 0.29) carry that reason with the model's probability, as every block the
    rules after the model add does: a user reading why a block is content sees which
    rule took it (the rules reading this model's probabilities: no second stage)."""
    page = (FIXTURES / "html-made" / "unsure-model-story.html").read_bytes()
    cfg = boilerstrip.Config(keep_html=_unsure_model(tmp_path, -0.9), keep_html_stack="")
    blocks = boilerstrip.clean(page, config=cfg).blocks
    taken = next(b for b in blocks if b.text.startswith("The teapot is younger than tea"))
    assert taken.label is boilerstrip.Label.ARTICLE
    assert taken.reasons[-1].startswith("keep: over the page's own threshold by the block model (p=0.29)")


def test_a_story_in_an_article_marked_has_comments_is_not_a_comment() -> None:
    """A blog theme marks the story's <article> "has-comments" (it has comments, below
    it); the word after "has" says what the element holds, not what it is. The rules
    alone keep the story (they read it as a comment before), and its comments stay
    comments, apart from it."""
    page = (FIXTURES / "html-made" / "story-has-comments.html").read_bytes()
    rules = boilerstrip.Cleaner(boilerstrip.Config(keep_html=""))
    for cleaner in (rules, boilerstrip.Cleaner()):
        result = cleaner.clean(page, include_comments=True)
        out = _tokens(result.text)
        assert _tokens("Every spring the same stretch of wall along the top field comes down") in out
        assert out.endswith(_tokens("which I suppose means next spring is already planned."))
        assert _tokens("Lovely job") not in out and _tokens("Log in to leave a comment") not in out
        comments = _tokens(" ".join(c.text for c in result.comments))
        assert _tokens("Do you batter the faces inwards") in comments
        assert _tokens("Every spring") not in comments


def test_a_story_s_sentence_before_a_quote_is_no_comment_author() -> None:
    """A story's own sentence that ends "replied:" before a quote ("To which he simply
    replied:") was read as a comment's author line ("joetoronto says:"): it opened the
    comment section there, and the story ended at it. A name holds no pronoun, article
    or verb in lower case, nor starts with a conjunction: the sentence is the
    story's, and so is every paragraph after the quote. Rules alone and with the model."""
    page = (FIXTURES / "html-made" / "story-replied-quote.html").read_bytes()
    for cfg in (boilerstrip.Config(), boilerstrip.Config(keep_html="")):
        result = boilerstrip.Cleaner(cfg).clean(page, include_comments=True)
        out = _tokens(result.text)
        for line in ("In the winter of 2002 the machine", "To which he simply replied:",
                     "Read the firmware manual again", "So I read the third chapter again",
                     "to a round of applause from the two people still in the lab at that hour."):  # fmt: skip
            assert _tokens(line) in out, line
        assert result.comments == []


def test_a_comment_s_author_line_names_the_comment() -> None:
    """`Comment.author` was never set. A blog theme puts the commenter's name in one
    element ("Alice Marsh says:" in a "comment-meta" element) and the comment in the
    next ("comment-content"): the author line names the comment whose text follows it,
    and is not part of it."""
    page = (FIXTURES / "html-made" / "story-comment-authors.html").read_bytes()
    result = boilerstrip.clean(page, include_comments=True)
    assert [c.author for c in result.comments] == ["Alice Marsh", "Owen Pike"]
    assert result.comments[0].text.startswith("How far apart did you set the cross drains")
    assert result.comments[1].text.startswith("A borrowed roller is the secret")
    assert not any("says:" in c.text for c in result.comments)
    assert _tokens("How far apart") not in _tokens(result.text)


def test_a_product_page_s_customer_reviews_are_its_comments() -> None:
    """A shop's product page (read as a product: its JSON-LD, basket form and URL) with
    four customer reviews in "review" elements, two with their title and name in a
    "review-header" element beside their "review-body", and the specification after
    them: the keep model took the reviews' paragraphs for the product's own, as it does
    on real shops (WCXB, where the gold leaves a product page's reviews out on 31 of the
    33 tuning pages that have such elements). A block inside an element its names call
    a review (`Dom.review`) is a comment on a shop's page (`Config.review_types`), one
    comment a review, its header with it, wherever the reviews stand; the description
    and the specification after them stay."""
    page = (FIXTURES / "html-made" / "product-reviews.html").read_bytes()
    url = "https://www.harrowandpike.example/products/fellside-waxed-walking-jacket"
    result = boilerstrip.clean(page, url=url, include_comments=True)
    before = boilerstrip.clean(page, url=url, config=boilerstrip.Config(review_types=()))
    assert result.page_type == before.page_type == "product"
    reviews = ("I wore this for a wet week in the Lake District", "The sizing runs a little small",
               "It is heavier than a modern waterproof", "My husband has worn his almost every day")  # fmt: skip
    own = ("The Fellside is cut from a heavy waxed cotton", "Two-way brass zip with a press-stud storm flap",
           "The shell is a single layer of long-staple cotton", "Sizes run from a 36 to a 48 inch chest")  # fmt: skip
    _assert_kept(result.text, own, reviews)
    _assert_kept(before.text, own + reviews, ())
    heads = ("Gareth L. – 12 October 2025", "Priya N. – 3 September 2025", "Outlasts the modern ones",
             "Worn every day")  # fmt: skip
    assert len(result.comments) == 4
    for comment, head, line in zip(result.comments, heads, reviews, strict=True):
        assert comment.text.startswith(head) and _tokens(line) in _tokens(comment.text)
    assert "Tom H." in result.comments[2].text and "Ruth M." in result.comments[3].text
    assert not result.authors  # the reviewers' bylines are no author of the page


def test_a_listicle_s_entries_in_article_elements_are_kept() -> None:
    """Failure class 1: a guide's entries are each an <article> of a paragraph, alike
    in length, after an intro outside them. The rule that took the longest <article>
    for the story set the other entries aside as other stories; none stands out, so
    they are the article's parts. The buttons, ads, related links and footer stay out."""
    page = (FIXTURES / "html-made" / "listicle-entries.html").read_bytes()
    for cfg in (boilerstrip.Config(), boilerstrip.Config(keep_html="")):
        result = boilerstrip.Cleaner(cfg).clean(page)
        assert result.page_type == "article"
        assert _tokens(result.text).startswith(_tokens("A long weekend is the right length for a river"))
        _assert_kept(
            result.text,
            ("The path leaves the station at Rhayader", "From Kirkby Stephen the walk goes north",
             "The shortest of the five, the Dart path", "The Tweed is a big river even this far up",
             "the last hour of the walk has the sea in front of you the whole time."),
            ("Book now", "Advertisement", "Coast paths for winter", "Privacy", "2026 Tideway Guides"),
        )  # fmt: skip


def test_a_page_whose_content_waits_in_an_accordions_folded_sections_is_read_whole() -> None:
    """A real shop page (WCXB, CC-BY-4.0: fixtures/html/wcxb-4169.json) whose returns,
    shipping and checks sit in an accordion's sections (role=region), hidden until a
    click runs their script. The walk once dropped them, as any hidden element, and the
    page gave a product card of 30 words; a section of those roles
    (`vocabulary.SHOWN_ROLES`) is now read as shown, by the walk itself: the page is
    whole without being read again as a browser shows it (`Config.reveal_few_words` 0).
    The newsletter and footer stay out."""
    case = FIXTURES / "html" / "wcxb-4169.json"
    meta = json.loads(case.read_text(encoding="utf-8"))
    page = gzip.decompress(case.with_name(case.stem + ".html.gz").read_bytes())
    kept = ("All orders are inspected by hand", "Most orders ship within 24-48 hours of ordering.")
    card = ("75% layout with wireless connectivity", "Magnetic switches optimal for gaming")
    for config in (boilerstrip.Config(), boilerstrip.Config(reveal_few_words=0)):
        _assert_kept(boilerstrip.Cleaner(config).clean(page).text, (*card, *kept), tuple(meta["must_not"]))


def test_a_page_whose_body_waits_hidden_for_a_script_is_read_as_a_browser_shows_it() -> None:
    """A real shop page (WCXB, CC-BY-4.0: fixtures/html/wcxb-0583.json) whose whole
    body an app hides until its script runs: the walk drops hidden elements, and off
    (`Config.reveal_few_words` 0) the page gives none of its description. Its content is
    next to nothing, so the page is read again as a browser shows it, and that reading
    is taken: the description is kept, the shop's buttons are not."""
    case = FIXTURES / "html" / "wcxb-0583.json"
    meta = json.loads(case.read_text(encoding="utf-8"))
    page = gzip.decompress(case.with_name(case.stem + ".html.gz").read_bytes())
    must = tuple(meta["must"])
    off = boilerstrip.Cleaner(boilerstrip.Config(reveal_few_words=0)).clean(page, url=meta["url"])
    assert not any(_tokens(line) in _tokens(off.text) for line in must)
    _assert_kept(boilerstrip.clean(page, url=meta["url"]).text, must, tuple(meta["must_not"]))


def test_a_page_whose_few_words_are_read_right_is_not_read_again() -> None:
    """A page of little content is read again as a browser shows it only where its
    content is a sliver of what it shows, and what it shows is a page's chrome at most:
    a page showing more than `Config.reveal_few_shown` words (a long menu), or whose
    content is half of what it shows or more (`Config.reveal_few_share`), is read
    right, and its hidden promotions stay out. Each page, under the bound it passes,
    is read again and takes them: the bound is what keeps them out."""
    hidden = "".join(f'<div style="display:none"><p>{PROMO}</p></div>' for _ in range(3))
    for menu, bound in ((250, {"reveal_few_shown": 10_000}), (1, {"reveal_few_share": 1.0})):
        page = _shop_page(menu, CARD, hidden)
        assert _tokens(PROMO) not in _tokens(boilerstrip.clean(page).text)
        loose = boilerstrip.clean(page, config=boilerstrip.Config(**bound))
        assert _tokens(CARD) in _tokens(loose.text) and _tokens(PROMO) in _tokens(loose.text)


def test_a_page_read_again_is_taken_only_for_twice_its_words_and_a_paragraph() -> None:
    """A product card of 10 words whose fabric paragraph is hidden: read again, the
    page gives 25 words, twice the card's and `Config.reveal_min_words` or more, and
    that reading is taken. Asked for three times the words, or for 30, the card stands."""
    card = "A plain cotton shirt, cut long, with a soft collar."
    fabric = "It is woven in Portugal from long cotton and washed twice before it is sewn."
    page = _shop_page(60, card, f'<div style="display:none"><p>{fabric}</p></div>')
    assert _tokens(card + " " + fabric) in _tokens(boilerstrip.clean(page).text)
    for strict in ({"reveal_gain": 3.0}, {"reveal_min_words": 30}):
        result = boilerstrip.clean(page, config=boilerstrip.Config(**strict))
        assert _tokens(card) in _tokens(result.text) and _tokens(fabric) not in _tokens(result.text)


def _shop_page(menu: int, card: str, hidden: str) -> str:
    """A shop's page: a menu of `menu` links, a card's heading and paragraph, and the
    `hidden` markup after them."""
    links = "".join(f'<li><a href="/{i}">Section {i} of the shop</a></li>' for i in range(menu))
    return f"<html><body><nav><ul>{links}</ul></nav><h1>Card</h1><p>{card}</p>{hidden}</body></html>"


CARD = "A plain cotton shirt, cut long, in three colours and five sizes."
PROMO = (
    "Every order over fifty pounds ships free to any address in the country, and a parcel "
    "that leaves our warehouse before noon reaches most towns by the next working day."
)
