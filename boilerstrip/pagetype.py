"""What kind of page this is: article, forum, product, collection, listing,
documentation or service, from a small learned model (pure Python at run time).

Why: the reducer's one maximum-sum run is right for an article, wrong for a forum
thread (the posts, which look like comments, are the content) and for a listing (the
content is spread over many sibling cards). The type decides how the reducer reads the
page (`reduce.assemble`).

The features are generic page statistics over the labelled blocks (label shares by
words, comment-hinted blocks, <article> elements, list items, table cells, headings,
code, link density, block lengths, repeated structures, prices), the publisher's
markup (schema.org @type values of the JSON-LD, og:type) and, when the page's URL is
known (given, else its canonical link), words of its path. No site names. The weights
(`data/pagetype.json`) are a multinomial logistic regression trained by
`tools/train_pagetype.py`.
"""

from __future__ import annotations

import json
import math
import re
from array import array
from collections.abc import Callable, Sequence
from functools import partial
from importlib import resources
from typing import Final
from urllib.parse import urlsplit

from .budget import Deadline, checked
from .model import Block, Label
from .patterns import folded


def _c_margins() -> Callable[..., list[float]] | None:
    """The C walk (`_trees.margins`), or None from the sources or a build without a
    C compiler, where `Model.scores` walks the same trees in Python to the same sums."""
    try:
        from ._trees import margins
    except ImportError:
        return None
    return margins


_C_MARGINS: Final = _c_margins()


def _c_packed_margins() -> tuple[Callable[..., object] | None, Callable[..., list[float]] | None]:
    """`_trees.pack` and `_trees.packed_margins` (the trees checked and packed once, at
    load, then walked), or Nones where `_trees` was not built."""
    try:
        from ._trees import pack, packed_margins
    except ImportError:
        return None, None
    return pack, packed_margins


_C_PACKED: Final = _c_packed_margins()  # the module imported once, both names read from it
_C_PACK: Final = _C_PACKED[0]
_C_PACKED_MARGINS: Final = _C_PACKED[1]

TYPES: Final = ("article", "forum", "product", "collection", "listing", "documentation", "service")

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
_PRICE: Final = re.compile(r"[$€£¥₹]\s?\d|\d(?:[.,]\d\d)?\s?(?:[$€£¥₹]|USD|EUR|GBP)\b|\bprice\b", re.I)
_CODE: Final = re.compile(r"[{};]\s*$|^\s*(?:def|class|import|return|var|const|let|function)\b|\w\(\)|=>|::")
_CODE_STARTS: Final = ("def", "class", "import", "return", "var", "const", "let", "function")
# What the patterns above need, for the cheap tests before them: one table each, read
# by the tests in Python and handed to the C scan (`_text.marks_table`).
_CURRENCY_SIGNS: Final = "$€£¥₹"
_PRICE_WORDS: Final = ("usd", "eur", "gbp", "price")
_CODE_MARKS: Final = "{};"
_CODE_PAIRS: Final = ("()", "=>", "::")
_FORUM_STEMS: Final = (
    "post", "repl", "joined", "member", "views", "quote", "thread", "topic", "answered", "asked", "vote", "like",
)  # fmt: skip
_FORUM_LINE: Final = re.compile(
    r"\b(?:posts?|replies|reply|joined|member|members|views|quote|thread|topic|"
    r"answered|asked|upvotes?|votes?|likes?)\b",
    re.I,
)
_LABEL_GROUPS: Final = (
    ("article", (Label.ARTICLE, Label.TITLE)),
    ("comment", (Label.COMMENT,)),
    ("nav", (Label.NAVIGATION,)),
    ("related", (Label.RELATED,)),
    ("other", (Label.OTHER,)),
    ("meta", (Label.METADATA, Label.BYLINE, Label.DATELINE)),
    ("junk", (Label.AD, Label.LOGIN, Label.PROMPT, Label.SOCIAL, Label.FOOTER, Label.COPYRIGHT)),
)
_LABEL_GROUP: Final = {label: name for name, labels in _LABEL_GROUPS for label in labels}
_LABEL_KEYS: Final = tuple((name, f"label_{name}") for name, _ in _LABEL_GROUPS)
_LONG_BLOCK: Final = 18  # words: a block of prose, to the page statistics


def features(
    blocks: Sequence[Block],
    schema_types: Sequence[str],
    og_type: str | None,
    url: str | None,
    deadline: Deadline | None = None,
    marks: Sequence[tuple[int, int, int]] | None = None,
) -> dict[str, float]:
    """The page's feature values by name (missing names are 0). The loops over the
    blocks that read their text or markup check `deadline` (`Config.time_limit`);
    `marks` are the blocks' `line_marks` where the caller has them already."""
    x: dict[str, float] = {"bias": 1.0}
    n = len(blocks)
    words, by_group, html, counts = _tally(blocks)
    long_blocks, long_words, top, ends, repeated = counts
    total = float(sum(words)) or 1.0
    x["log_blocks"] = math.log1p(n)
    x["log_words"] = math.log1p(total)
    for name, key in _LABEL_KEYS:
        x[key] = by_group[name] / total
    if html:
        _dom_features(html, total, x, deadline)
    x["share_long_blocks"] = long_blocks / n if n else 0.0
    x["share_words_long"] = long_words / total
    x["max_block_share"] = top / total
    x["log_mean_words"] = math.log1p(total / n) if n else 0.0
    x["log_long_blocks"] = math.log1p(long_blocks)
    ordered = sorted(words)
    x["log_median_words"] = math.log1p(ordered[n // 2]) if n else 0.0
    x["share_ends_sentence"] = ends / n if n else 0.0
    x["share_repeated"] = repeated / n if n else 0.0
    if marks is None:
        marks = page_marks(blocks, deadline)
    prices = code = forum = 0
    for m in marks:
        prices += m[0]
        code += m[1]
        forum += m[2]
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


def _tally(
    blocks: Sequence[Block],
) -> tuple[list[int], dict[str, int], list[Block], tuple[int, int, int, int, int]]:
    """What `features` reads of every block, in one pass (it ran eight, a text dump's
    page type and profile each pay it): the blocks' words, the words of each label
    group, the blocks with markup, and (long blocks, their words, the most words of a
    block, blocks ending like a sentence, repeated blocks). Sums of ints, so the same
    numbers in any order."""
    words: list[int] = []
    by_group: dict[str, int] = {name: 0 for name, _ in _LABEL_GROUPS}
    html: list[Block] = []
    long_blocks = long_words = top = ends = repeated = 0
    for b in blocks:
        f = b.features
        w = f.words
        words.append(w)
        if b.label is not None:
            group = _LABEL_GROUP.get(b.label)
            if group is not None:
                by_group[group] += w
        if b.dom is not None:
            html.append(b)
        if w >= _LONG_BLOCK:
            long_blocks += 1
            long_words += w
        top = max(top, w)
        ends += f.ends_sentence
        repeated += f.repeats > 1
    return words, by_group, html, (long_blocks, long_words, top, ends, repeated)


def page_marks(blocks: Sequence[Block], deadline: Deadline | None = None) -> list[tuple[int, int, int]]:
    """Every block's `line_marks`, checking `deadline`: made once a text dump and read
    by its page type, its profile and the keep model's line features alike (they
    depend on the text alone, not on the labels)."""
    return [line_marks(b) for b in checked(blocks, deadline, "while reading the page's type")]


def _may_be_code(text: str) -> bool:
    """Whether `_CODE` can match `text` at all: one of the characters or the leading
    keywords it needs is there. A cheap test first, as most blocks are prose, and the
    pattern costs a page 0.2 ms (the same answer on every text)."""
    if any(c in text for c in _CODE_MARKS) or any(pair in text for pair in _CODE_PAIRS):
        return True
    return text.lstrip().startswith(_CODE_STARTS)


def line_marks(b: Block) -> tuple[int, int, int]:
    """Whether a block is a price line, a line of code, a forum line (posts, replies,
    votes...): 1 or 0 each. Price lines have at most 40 words, forum lines 12."""
    text, words = b.text, b.features.words
    may = _MAY_MARKS(text, words <= 40, words <= 12)
    return (
        1 if may & 1 and _PRICE.search(text) else 0,
        1 if may & 2 and _CODE.search(text) else 0,
        1 if may & 4 and _FORUM_LINE.search(text) else 0,
    )


def _may_marks_in_python(text: str, price: bool, forum: bool) -> int:
    """Which patterns of `line_marks` can match `text` at all, by the cheap tests below:
    1 the price pattern (tested only when `price`), 2 the code pattern, 4 the forum
    pattern (only when `forum`). The reference for `_text.may_marks`, which makes them
    in one call."""
    low = folded(text) if price or forum else None
    return (
        (1 if price and _may_price(text, low) else 0)
        | (2 if _may_be_code(text) else 0)
        | (4 if forum and _may_forum(low) else 0)
    )


def _load_may_marks() -> Callable[[str, bool, bool], int]:
    """`_text.may_marks` with this module's tables, or the tests in Python without it.
    The table is bound by `partial` (C): a lambda compiled by mypyc is an object whose
    call goes through its own wrapper (a twentieth of the line marks on a dump)."""
    try:
        from ._text import marks_table, may_marks
    except ImportError:
        return _may_marks_in_python
    table = marks_table(_CURRENCY_SIGNS, _PRICE_WORDS, _CODE_MARKS, _CODE_PAIRS, _CODE_STARTS, _FORUM_STEMS)
    return partial(may_marks, table)


_MAY_MARKS: Final = _load_may_marks()


def _may_price(text: str, low: str | None) -> bool:
    """Whether `_PRICE` can match: a currency sign, code or "price" is there. The
    pattern is tried at every character of most blocks, and this test is ten times
    cheaper (the same answer on every text)."""
    if low is None or any(sign in text for sign in _CURRENCY_SIGNS):
        return True
    return any(word in low for word in _PRICE_WORDS)


def _may_forum(low: str | None) -> bool:
    """Whether `_FORUM_LINE` can match: one of its words' stems is there (as `_may_price`).
    Substring tests, not a search of a pattern of the stems: on a short line a dozen
    of them cost less than one call of the pattern (tests/test_prefilters.py holds it
    and checks the two agree)."""
    return low is None or any(stem in low for stem in _FORUM_STEMS)


# The page statistics that need no markup (a text dump has them too).
TEXT_STATS: Final = (
    "share_long_blocks", "share_words_long", "max_block_share", "log_mean_words", "log_long_blocks",
    "log_median_words", "share_ends_sentence", "share_repeated", "log_prices", "share_prices", "share_code",
    "share_forum_lines", "log_forum_lines",
)  # fmt: skip


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
        if 3 <= w <= 60:
            key = (dom.tag, dom.depth, dom.hint_token)
            owners[key] = owners.get(key, 0) + 1
    for kind in ("li", "cell", "h", "pre", "p", "div", "blockquote", "dd", "dt"):
        x[f"tag_{kind}"] = tags.get(kind, 0.0) / total
    x["link_density"] = linked / total
    x["comment_hint_words"] = hinted / total
    x["log_comment_blocks"] = math.log1p(comment_blocks)
    x["in_article_words"] = in_article / total
    x["log_articles"] = math.log1p(len(articles))
    x["many_articles"] = 1.0 if len(articles) >= 3 else 0.0
    headings = sum(1 for b in blocks if b.dom is not None and b.dom.heading)
    x["log_headings"] = math.log1p(headings)
    # Repeated structures: blocks of medium length sharing tag, depth and class hint
    # with at least four others (cards of a listing, posts of a thread).
    x["share_repeated_structure"] = sum(c for c in owners.values() if c >= 5) / len(blocks)


def _url_features(url: str, x: dict[str, float]) -> None:
    try:
        parts = urlsplit(url)
    except ValueError:
        x["no_url"] = 1.0
        return
    segments = [s for s in parts.path.lower().split("/") if s]
    x["url_depth"] = min(len(segments), 6) / 6
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
    if any(w.isdigit() and len(w) >= 4 for w in words):
        x["url_number"] = 1.0
    last = segments[-1] if segments else ""
    x["url_slug_words"] = min(last.count("-") + 1 if last else 0, 12) / 12
    if last.endswith((".html", ".htm", ".php", ".aspx")):
        x["url_file"] = 1.0


Tree = float | list  # type: ignore[type-arg]  # a leaf, or [feature, threshold, left, right]


class Model:
    """Boosted trees (`trees`: tree i adds to the score of type i % len(types)), or
    linear weights by type and feature name; the scores' softmax gives probabilities.

    The trees are walked laid out flat (node k splits on feature `_feature[k]`, a
    position in `_names`, or is a leaf worth `_value[k]`), over the feature values
    as a list, in C where `_trees` is built: a walk over nested lists and a dict by
    name cost a page 0.6 ms, a twentieth of a compiled clean()."""

    def __init__(
        self, types: Sequence[str], trees: list[Tree], weights: dict[str, dict[str, float]] | None = None
    ) -> None:
        self.types = tuple(types)
        self.trees = trees
        self.weights = weights or {}
        self._names: list[str] = []
        self._feature: list[int] = []
        self._threshold: list[float] = []
        self._left: list[int] = []
        self._right: list[int] = []
        self._value: list[float] = []
        index: dict[str, int] = {}
        self._roots = [self._add(tree, index) for tree in trees]
        self._packed = (array("i", self._feature), array("d", self._threshold), array("i", self._left),
                        array("i", self._right), array("d", self._value), array("i", self._roots))  # fmt: skip
        # The trees checked and packed for the C walk once (None without C or trees).
        self._walker: object = (
            _C_PACK(*self._packed, len(self._names)) if _C_PACK is not None and self._roots else None
        )

    def _add(self, node: Tree, index: dict[str, int]) -> int:
        """Node `node` and its subtree appended to the flat arrays; its position."""
        k = len(self._feature)
        self._feature.append(-1)
        self._threshold.append(0.0)
        self._left.append(-1)
        self._right.append(-1)
        self._value.append(0.0)
        if not isinstance(node, list):
            self._value[k] = float(node)
            return k
        name = str(node[0])
        if name not in index:
            index[name] = len(self._names)
            self._names.append(name)
        self._feature[k] = index[name]
        self._threshold[k] = float(node[1])
        self._left[k] = self._add(node[2], index)
        self._right[k] = self._add(node[3], index)
        return k

    def scores(self, x: dict[str, float]) -> dict[str, float]:
        """Each type's raw score (margin) for the features `x`."""
        if self.weights:
            return {t: sum(w.get(k, 0.0) * v for k, v in x.items()) for t, w in self.weights.items()}
        values = [x.get(name, 0.0) for name in self._names]
        if self._walker is not None and _C_PACKED_MARGINS is not None:
            sums = _C_PACKED_MARGINS(self._walker, values, len(self.types))
            return dict(zip(self.types, sums, strict=True))
        if _C_MARGINS is not None and self._roots:
            sums = _C_MARGINS(*self._packed, values, len(self._names), len(self.types))
            return dict(zip(self.types, sums, strict=True))
        return self.walk(values)

    def walk(self, values: list[float]) -> dict[str, float]:
        """The trees' scores by type for feature `values` (in `_names` order), in
        Python: the reference for the C walk."""
        feature, threshold, left, right = self._feature, self._threshold, self._left, self._right
        sums = [0.0] * len(self.types)
        n = len(self.types)
        for i, node in enumerate(self._roots):
            f = feature[node]
            while f >= 0:
                node = left[node] if values[f] <= threshold[node] else right[node]
                f = feature[node]
            sums[i % n] += self._value[node]
        return dict(zip(self.types, sums, strict=True))

    def probabilities(self, x: dict[str, float]) -> dict[str, float]:
        """Each type's probability for the features `x` (a softmax of the scores)."""
        scores = self.scores(x)
        top = max(scores.values())
        exp = {t: math.exp(s - top) for t, s in scores.items()}
        z = sum(exp.values())
        return {t: e / z for t, e in exp.items()}


def _load(name: str) -> Model | None:
    path = resources.files("boilerstrip").joinpath("data").joinpath(name)
    if not path.is_file():
        return None
    raw = json.loads(path.read_text(encoding="utf-8"))
    weights = {t: {k: float(v) for k, v in w.items()} for t, w in raw.get("weights", {}).items()}
    return Model(raw["types"], raw.get("trees", []), weights)


SHIPPED: Final = _load("pagetype.json")
# The model of text dumps: trained on the dumps themselves (`text_features`), as the
# HTML model leans on markup a dump has not got (tools/train_pagetype.py --mode text).
TEXT_SHIPPED: Final = _load("pagetype-text.json")


def text_profile(
    blocks: Sequence[Block],
    deadline: Deadline | None = None,
    marks: Sequence[tuple[int, int, int]] | None = None,
) -> list[float]:
    """A page read from its blocks alone, as a text dump is (no markup, no URL): its
    `TEXT_STATS`, then the probability of each type (TYPES order; 0 without a model)
    by the HTML pages' model: the keep model reads it better than the dumps' own
    (out of fold on tuning pages, multilingual 0.924 against 0.919, Scrapinghub 0.938
    against 0.936). `marks` as for `features`."""
    x = features(blocks, (), None, None, deadline, marks)
    out = [x.get(k, 0.0) for k in TEXT_STATS]
    p = SHIPPED.probabilities(x) if SHIPPED is not None and blocks else {}
    out.extend(p.get(t, 0.0) for t in TYPES)
    return out


def text_features(
    blocks: Sequence[Block],
    deadline: Deadline | None = None,
    marks: Sequence[tuple[int, int, int]] | None = None,
) -> dict[str, float]:
    """A text dump's features for its type: `features` without markup or URL, and the
    lines' make-up, which says what markup would have (`_line_features`)."""
    x = features(blocks, (), None, None, deadline, marks)
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
    short lines (menus, cards' facts) and the lines a blank-line group holds."""
    n = len(blocks)
    words = [b.features.words for b in blocks]
    x["line_short"] = sum(1 for w in words if w < _SHORT_LINE) / n
    x["line_medium"] = sum(1 for w in words if _SHORT_LINE <= w < _LONG_LINE) / n
    x["line_questions"] = sum(1 for b in blocks if b.text.endswith("?")) / n
    x["line_colons"] = sum(1 for b in blocks if b.text.endswith(":")) / n
    x["line_digits"] = sum(1 for b in blocks if _holds_digit(b)) / n
    runs = _runs([w >= _LONG_LINE for w in words], words)
    long_words = sum(r[1] for r in runs) or 1
    x["prose_runs"] = math.log1p(len(runs))
    x["prose_longest"] = max((r[1] for r in runs), default=0) / long_words
    x["prose_first"] = runs[0][0] / n if runs else 1.0
    x["prose_last"] = runs[-1][0] / n if runs else 1.0
    short_runs = _runs([w < _SHORT_LINE for w in words], words)
    x["short_runs"] = math.log1p(sum(1 for r in short_runs if r[2] >= 3))
    x["short_longest"] = max((r[2] for r in short_runs), default=0) / n
    x["lines_per_group"] = math.log1p(n / (len({b.features.group for b in blocks}) or 1))


def _holds_digit(b: Block) -> bool:
    """Whether the line holds a digit: its words told it when they were counted (the
    "#num" cue, `features.compute`), which costs nothing here; a search of the line
    where they were not (CJK lines have no cues), as it was a tenth of the type's time."""
    cues = b.features.cues
    return "#num" in cues if cues is not None else _DIGIT.search(b.text) is not None


def _runs(flags: Sequence[bool], words: Sequence[int]) -> list[tuple[int, int, int]]:
    """The runs of flagged lines: (first line, words, lines) each, in page order."""
    out: list[tuple[int, int, int]] = []
    start = -1
    for i, flag in enumerate((*flags, False)):
        if flag and start < 0:
            start = i
        elif not flag and start >= 0:
            out.append((start, sum(words[start:i]), i - start))
            start = -1
    return out


def classify_text(
    blocks: Sequence[Block],
    article_share: float = 1.0,
    deadline: Deadline | None = None,
    marks: Sequence[tuple[int, int, int]] | None = None,
) -> str:
    """A text dump's type by the text model (`text_features`), news first as in
    `classify`; "article" without the model or any line."""
    if TEXT_SHIPPED is None or not blocks:
        return "article"
    return _news_first(TEXT_SHIPPED.probabilities(text_features(blocks, deadline, marks)), article_share)


def _news_first(p: dict[str, float], article_share: float) -> str:
    """The likeliest type, unless the article's probability is at least
    `article_share` times its own (a misread story costs more than a misread page)."""
    best = max(p, key=lambda t: p[t])
    return best if p["article"] < article_share * p[best] else "article"


def classify(
    blocks: Sequence[Block],
    schema_types: Sequence[str],
    og_type: str | None,
    url: str | None,
    article_share: float = 1.0,
    deadline: Deadline | None = None,
) -> str:
    """The page's type, one of TYPES ("article" without a model or any block). News
    first: another type wins only where the article's probability is below
    `article_share` times its own. Its loops over the blocks check `deadline`."""
    if SHIPPED is None or not blocks:
        return "article"
    p = SHIPPED.probabilities(features(blocks, schema_types, og_type, url, deadline))
    return _news_first(p, article_share)
