"""A page's statistics for the page-type models: the shares of its words by label
group, its DOM's make-up (list items, table cells, headings, <article> elements, link
density, repeated structures), its blocks' lengths and marks, the publisher's markup
(schema.org @type values, og:type) and the words of its URL; for a text dump, the same
without markup or URL, and the make-up of its lines instead.

Why generic: no site names; every value is a share, a count or a flag that says what
kind of page this is on any site (`pagetype` turns them into a type).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Final, NamedTuple
from urllib.parse import urlsplit

from ..budget import Deadline, checked
from ..model import Block, Label
from .marks import page_marks

# What the statistics count, as the shipped models were trained on them (a change
# asks for a retraining, tools/train_pagetype.py): a card or post is a block of
# `_CARD_WORDS` words, a structure repeated where `_REPEATED` blocks share it; a page
# of `_MANY_ARTICLES` <article> elements holds many; the URL's depth and slug are read
# up to `_URL_DEPTH` segments and `_SLUG_WORDS` words, a number of `_URL_NUMBER_DIGITS`
# digits or more is an id; a run of `_MENU_LINES` short lines or more is a menu's.
_CARD_WORDS: Final = (3, 60)
_REPEATED: Final = 5
_MANY_ARTICLES: Final = 3
_URL_DEPTH: Final = 6
_SLUG_WORDS: Final = 12
_URL_NUMBER_DIGITS: Final = 4
_MENU_LINES: Final = 3

# schema.org types, grouped by what they say about a page (unknown types are ignored).
_SCHEMA_GROUPS: Final = {
    "article": "NewsArticle Article ReportageNewsArticle AnalysisNewsArticle OpinionNewsArticle "
    "BlogPosting Report ScholarlyArticle LiveBlogPosting BackgroundNewsArticle Blog",
    "tech": "TechArticle APIReference SoftwareSourceCode SoftwareApplication HowTo",
    "forum": "QAPage DiscussionForumPosting Question Answer Comment SocialMediaPosting",
    "product": "Product ProductGroup Offer AggregateOffer AggregateRating Review IndividualProduct Car Book",
    "collection": "CollectionPage ItemList SearchResultsPage OfferCatalog ListItem",
    "service": "Service LocalBusiness Organization Corporation ProfessionalService FAQPage ContactPage "
    "AboutPage MedicalBusiness LegalService FinancialService Restaurant Hotel Event Course "
    "EducationalOrganization Person Place",
    "page": "WebPage WebSite",
    "breadcrumb": "BreadcrumbList",
}
_SCHEMA: Final = {t: group for group, names in _SCHEMA_GROUPS.items() for t in names.split()}
_OG_TYPES: Final = ("article", "product", "website", "profile", "blog", "book")
# Path words, grouped by what they say about a page.
_URL_GROUPS: Final = {
    "forum": "forum forums thread threads topic topics t questions question q answers community "
    "discussion discussions discuss board boards viewtopic showthread comments r",
    "product": "product products p shop store item items buy dp sku",
    "collection": "category categories collections collection c tag tags search list lists catalog "
    "browse results shop-all all best top",
    "docs": "docs doc documentation api reference guide guides manual help wiki learn tutorial "
    "tutorials developer developers sdk kb support faq",
    "article": "blog blogs news article articles post posts story stories press insights",
    "service": "services service solutions pricing about contact company industries features "
    "plans locations treatments",
}
_URL_WORDS: Final = {w: group for group, words in _URL_GROUPS.items() for w in words.split()}
_SEGMENT_SPLIT: Final = re.compile(r"[/\-_.?=&+]+")
_YEAR: Final = re.compile(r"^(19|20)\d\d$")
_LABEL_GROUPS: Final = (
    ("article", (Label.ARTICLE, Label.TITLE)),
    ("comment", (Label.COMMENT,)),
    ("nav", (Label.NAVIGATION,)),
    ("related", (Label.RELATED,)),
    ("other", (Label.OTHER,)),
    ("meta", (Label.METADATA, Label.BYLINE, Label.DATELINE)),
    ("junk", (Label.AD, Label.LOGIN, Label.PROMPT, Label.SOCIAL, Label.FOOTER, Label.COPYRIGHT)),
)
# Each label's group, by its place in `_LABEL_GROUPS`, and each group's feature name.
_LABEL_GROUP: Final = {label: i for i, (_, labels) in enumerate(_LABEL_GROUPS) for label in labels}
_LABEL_KEYS: Final = tuple(f"label_{name}" for name, _ in _LABEL_GROUPS)
_LONG_BLOCK: Final = 18  # words: a block of prose, to the page statistics
# The page statistics that need no markup (a text dump has them too).
TEXT_STATS: Final = (
    "share_long_blocks", "share_words_long", "max_block_share", "log_mean_words", "log_long_blocks",
    "log_median_words", "share_ends_sentence", "share_repeated", "log_prices", "share_prices", "share_code",
    "share_forum_lines", "log_forum_lines",
)  # fmt: skip


class PageCounts(NamedTuple):
    """What the statistics read of a page's blocks but their labels (`page_counts`):
    blocks, words, the median block's words, long blocks and their words, the most
    words of a block, blocks ending like a sentence, repeated blocks, and the lines
    with a price, code or forum mark. A text dump's type and its keep model's profile
    both read them, over the same blocks relabelled by the reducer in between: made
    once a dump (`api`), they were two passes over every line and a third of the
    statistics' time."""

    blocks: int
    words: int
    middle: int
    long_blocks: int
    long_words: int
    top: int
    ends: int
    repeated: int
    prices: int
    code: int
    forum: int


def features(
    blocks: Sequence[Block],
    schema_types: Sequence[str],
    og_type: str | None,
    url: str | None,
    deadline: Deadline | None = None,
    marks: Sequence[tuple[int, int, int]] | None = None,
    counts: PageCounts | None = None,
) -> dict[str, float]:
    """The page's feature values by name (missing names are 0). The loops over the
    blocks that read their text or markup check `deadline` (`Config.time_limit`);
    `marks` are the blocks' `line_marks` and `counts` their `page_counts` where the
    caller has them already."""
    listed: list[Block] = blocks if isinstance(blocks, list) else list(blocks)
    if counts is None:
        counts = page_counts(listed, page_marks(listed, deadline) if marks is None else marks)
    x: dict[str, float] = {"bias": 1.0}
    n = counts.blocks
    by_group, html = _labelled(listed)
    total = float(counts.words) or 1.0
    x["log_blocks"] = math.log1p(n)
    x["log_words"] = math.log1p(total)
    for i, key in enumerate(_LABEL_KEYS):
        x[key] = by_group[i] / total
    if html:
        _dom_features(html, total, x, deadline)
    x["share_long_blocks"] = counts.long_blocks / n if n else 0.0
    x["share_words_long"] = counts.long_words / total
    x["max_block_share"] = counts.top / total
    x["log_mean_words"] = math.log1p(total / n) if n else 0.0
    x["log_long_blocks"] = math.log1p(counts.long_blocks)
    x["log_median_words"] = math.log1p(counts.middle) if n else 0.0
    x["share_ends_sentence"] = counts.ends / n if n else 0.0
    x["share_repeated"] = counts.repeated / n if n else 0.0
    prices, code, forum = counts.prices, counts.code, counts.forum
    x["log_prices"] = math.log1p(prices)
    x["share_prices"] = prices / n if n else 0.0
    x["share_code"] = code / n if n else 0.0
    x["share_forum_lines"] = forum / n if n else 0.0
    x["log_forum_lines"] = math.log1p(forum)
    for t in schema_types:
        group = _SCHEMA.get(t)
        if group:
            x[f"schema_{group}"] = 1.0
    og = (og_type or "").strip().lower()
    if og:
        x[f"og_{og if og in _OG_TYPES else 'other'}"] = 1.0
    if url:
        _url_features(url, x)
    else:
        x["no_url"] = 1.0
    return x


def page_counts(blocks: Sequence[Block], marks: Sequence[tuple[int, int, int]]) -> PageCounts:
    """The `PageCounts` of `blocks`, whose `line_marks` are `marks`, in one pass (it ran
    eight). Sums of ints, so the same numbers in any order. The median by counting
    the blocks of each short length (`_median`): sorting every block's words was over
    a quarter of the statistics' time. By index over a list: compiled, a loop over a
    `Sequence` goes through Python's iteration protocol."""
    listed: list[Block] = blocks if isinstance(blocks, list) else list(blocks)
    short = [0] * _COUNTED_WORDS
    longer: list[int] = []
    words = long_blocks = long_words = top = ends = repeated = 0
    for i in range(len(listed)):
        f = listed[i].features
        w = f.words
        words += w
        if 0 <= w < _COUNTED_WORDS:
            short[w] += 1
        else:
            longer.append(w)
        if w >= _LONG_BLOCK:
            long_blocks += 1
            long_words += w
        if w > top:
            top = w
        if f.ends_sentence:
            ends += 1
        if f.repeats > 1:
            repeated += 1
    k = len(listed) // 2
    if min(longer, default=0) < 0:  # no count of words is negative: were one, sorted
        middle = sorted(b.features.words for b in listed)[k]
    else:
        middle = _median(short, longer, k)
    prices = code = forum = 0
    for m in marks:
        prices += m[0]
        code += m[1]
        forum += m[2]
    return PageCounts(
        len(listed), words, middle, long_blocks, long_words, top, ends, repeated, prices, code, forum
    )


def _labelled(blocks: list[Block]) -> tuple[list[int], list[Block]]:
    """What `features` reads of the blocks that the reducer may change, or that only
    markup has: the words of each label group (in `_LABEL_GROUPS` order), and the
    blocks with markup. The words summed over each run of blocks of one label and
    added to its group once the run ends: a group looked up and a boxed sum a block
    were half of this pass."""
    by_group = [0] * len(_LABEL_GROUPS)
    html: list[Block] = []
    label: Label | None = None
    run = 0
    for i in range(len(blocks)):
        b = blocks[i]
        if b.label is not label:
            _add_run(by_group, label, run)
            label = b.label
            run = 0
        run += b.features.words
        if b.dom is not None:
            html.append(b)
    _add_run(by_group, label, run)
    return by_group, html


def _add_run(by_group: list[int], label: Label | None, words: int) -> None:
    """The `words` of a run of blocks labelled `label` added to its group's (none for
    no label, or one of no group)."""
    if label is not None:
        group = _LABEL_GROUP.get(label)
        if group is not None:
            by_group[group] = by_group[group] + words  # `+=` on a list item adds boxed ints


# Blocks of fewer words than this are counted by length for the median (`_median`).
_COUNTED_WORDS: Final = 64


def _median(short: list[int], longer: list[int], k: int) -> int:
    """The `k`th of the blocks' words in ascending order (`sorted(words)[k]`), from
    `short[w]`, the number of blocks of `w` words (each under `_COUNTED_WORDS`), and
    `longer`, the other blocks' words (none negative); 0 for no block."""
    for w, count in enumerate(short):
        k -= count
        if k < 0:
            return w
    if not longer:
        return 0
    longer.sort()
    return longer[k]


def _dom_features(
    blocks: Sequence[Block], total: float, x: dict[str, float], deadline: Deadline | None
) -> None:
    tags: dict[str, float] = {}
    linked = hinted = in_article = 0.0
    articles: set[int] = set()
    owners: dict[tuple[str, int, str], int] = {}
    comment_blocks = 0
    for b in checked(blocks, deadline, "while reading the page's type"):
        dom = b.dom
        assert dom is not None
        w = b.features.words
        kind = "h" if dom.heading else ("cell" if dom.tag in ("td", "th") else dom.tag)
        tags[kind] = tags.get(kind, 0.0) + w
        linked += dom.link_density * w
        if dom.hint == "comment":
            hinted += w
            comment_blocks += 1
        if dom.articles:
            in_article += w
            articles.update(dom.articles)
        if _CARD_WORDS[0] <= w <= _CARD_WORDS[1]:
            key = (dom.tag, dom.depth, dom.hint_token)
            owners[key] = owners.get(key, 0) + 1
    for kind in ("li", "cell", "h", "pre", "p", "div", "blockquote", "dd", "dt"):
        x[f"tag_{kind}"] = tags.get(kind, 0.0) / total
    x["link_density"] = linked / total
    x["comment_hint_words"] = hinted / total
    x["log_comment_blocks"] = math.log1p(comment_blocks)
    x["in_article_words"] = in_article / total
    x["log_articles"] = math.log1p(len(articles))
    x["many_articles"] = 1.0 if len(articles) >= _MANY_ARTICLES else 0.0
    headings = sum(1 for b in blocks if b.dom is not None and b.dom.heading)
    x["log_headings"] = math.log1p(headings)
    # Repeated structures: blocks of medium length sharing tag, depth and class hint
    # with at least four others (cards of a listing, posts of a thread).
    x["share_repeated_structure"] = sum(c for c in owners.values() if c >= _REPEATED) / len(blocks)


def _url_features(url: str, x: dict[str, float]) -> None:
    try:
        parts = urlsplit(url)
    except ValueError:
        x["no_url"] = 1.0
        return
    segments = [s for s in parts.path.lower().split("/") if s]
    x["url_depth"] = min(len(segments), _URL_DEPTH) / _URL_DEPTH
    x["url_root"] = 1.0 if not segments else 0.0
    x["url_query"] = 1.0 if parts.query else 0.0
    words = [w for w in _SEGMENT_SPLIT.split(parts.path.lower()) if w]
    host = parts.hostname or ""
    first = host.split(".")[0] if host.count(".") >= 2 else ""
    for w in (*words, first):
        group = _URL_WORDS.get(w)
        if group:
            x[f"url_{group}"] = 1.0
    if any(_YEAR.match(w) for w in words):
        x["url_year"] = 1.0
    if any(w.isdigit() and len(w) >= _URL_NUMBER_DIGITS for w in words):
        x["url_number"] = 1.0
    last = segments[-1] if segments else ""
    x["url_slug_words"] = min(last.count("-") + 1 if last else 0, _SLUG_WORDS) / _SLUG_WORDS
    if last.endswith((".html", ".htm", ".php", ".aspx")):
        x["url_file"] = 1.0


def text_features(
    blocks: Sequence[Block],
    deadline: Deadline | None = None,
    marks: Sequence[tuple[int, int, int]] | None = None,
    counts: PageCounts | None = None,
) -> dict[str, float]:
    """A text dump's features for its type: `features` without markup or URL, and the
    lines' make-up, which says what markup would have (`_line_features`)."""
    x = features(blocks, (), None, None, deadline, marks, counts)
    del x["no_url"]
    if blocks:
        _line_features(blocks, x)
    return x


_SHORT_LINE: Final = 8  # words: a menu item, a name, a date, a card's title
_LONG_LINE: Final = 18  # words: a paragraph of prose
_DIGIT: Final = re.compile(r"\d")


def _line_features(blocks: Sequence[Block], x: dict[str, float]) -> None:
    """Shares of short, middling and question lines, lines with digits and closing
    colons; how the prose lies (one story is one run of paragraphs, a thread's posts
    and a listing's blurbs are many runs apart, between short lines); the runs of
    short lines (menus, cards' facts) and the lines a blank-line group holds. In one
    pass over the lines (it ran eight, and listed the runs)."""
    n = len(blocks)
    short = medium = questions = colons = digits = 0
    runs = prose_words = longest = 0  # prose runs, their words, the most of one
    first = last = -1  # the first and the last prose run's first line
    run_words = 0  # words of the prose run the line is in
    menus = short_longest = run_lines = 0  # short runs of a menu's lines or more, ...
    groups: set[int] = set()
    group = -1  # the last line's group: lines of one group come together, added once
    for i, b in enumerate(blocks):
        w = b.features.words
        if w < _SHORT_LINE:
            short += 1
            run_lines += 1
            menus += run_lines == _MENU_LINES
            short_longest = max(short_longest, run_lines)
        else:
            run_lines = 0
            medium += w < _LONG_LINE
        if w >= _LONG_LINE:
            if not run_words:
                runs += 1
                last = i
                first = i if first < 0 else first
            run_words += w
            prose_words += w
            longest = max(longest, run_words)
        else:
            run_words = 0
        end = b.text[-1:]  # one slice for both tests (two endswith calls cost more)
        questions += end == "?"
        colons += end == ":"
        digits += _holds_digit(b)
        if b.features.group != group:
            group = b.features.group
            groups.add(group)
    x["line_short"] = short / n
    x["line_medium"] = medium / n
    x["line_questions"] = questions / n
    x["line_colons"] = colons / n
    x["line_digits"] = digits / n
    x["prose_runs"] = math.log1p(runs)
    x["prose_longest"] = longest / (prose_words or 1)
    x["prose_first"] = first / n if runs else 1.0
    x["prose_last"] = last / n if runs else 1.0
    x["short_runs"] = math.log1p(menus)
    x["short_longest"] = short_longest / n
    x["lines_per_group"] = math.log1p(n / (len(groups) or 1))


def _holds_digit(b: Block) -> bool:
    """Whether the line holds a digit: its words told it when they were counted (the
    "#num" cue, `features.compute`), which costs nothing here; a search of the line
    where they were not (CJK lines have no cues), as it was a tenth of the type's time."""
    cues = b.features.cues
    return "#num" in cues if cues is not None else _DIGIT.search(b.text) is not None
