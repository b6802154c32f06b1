"""Detectors: small named functions that read blocks and return verdicts with reasons.

Two kinds run in order (see `Config.detectors`):
- *block* detectors look at one block at a time and only claim unlabelled blocks;
- *context* detectors look at neighbours and runs and may relabel blocks that the
  content classifier labelled ARTICLE or OTHER (never a pattern detector's label).
Users disable one through `Config.disabled` or add their own to `Cleaner(detectors=...)`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from types import MappingProxyType
from typing import Final

from . import patterns as P
from . import scorer
from .budget import Deadline, checked
from .config import Config
from .lang import Language
from .model import CELL_TAGS, Block, Label, Verdict, verdict


@dataclass(frozen=True, slots=True)
class Page:
    """What a detector sees: the blocks, the run's Config and the page's language."""

    blocks: Sequence[Block]
    config: Config
    language: Language
    # Blocks with boilerplate cues, and all long blocks: every block a pattern may match.
    candidates: Sequence[Block] = ()
    # The learned scorer's weights by feature index (`scorer.Model.dense`), if one is used,
    # and those of its passes after the first.
    weights: list[float] = field(default_factory=list)
    context_weights: Sequence[list[float]] = ()
    # The page's time budget (`Config.time_limit`): the content detector, which goes
    # over every block several times, checks it as it goes. None: no limit.
    deadline: Deadline | None = None


DetectFn = Callable[[Page], Iterable[Verdict]]


def pattern_candidates(blocks: Sequence[Block], short_block_words: int) -> list[Block]:
    """The blocks a pattern detector may claim (`Page.candidates`): those with
    boilerplate cues, those whose cues are unknown, and all long blocks."""
    return [
        b
        for b in blocks
        if b.features.cues is None or b.features.cues or b.features.words > short_block_words
    ]


@dataclass(frozen=True, slots=True)
class Detector:
    """A named detection step. `context=True` may relabel what a `tentative` detector
    (the content classifier) labelled; every other claim is final."""

    name: str
    fn: DetectFn
    context: bool = False
    tentative: bool = False

    def __call__(self, page: Page) -> Iterable[Verdict]:
        return self.fn(page)

    def __reduce__(self) -> tuple[type[Detector], tuple[str, DetectFn, bool, bool]]:
        """Pickle by constructor: a frozen class compiled by mypyc cannot be restored
        field by field (Cleaners are pickled to batch workers)."""
        return Detector, (self.name, self.fn, self.context, self.tentative)


_SOFT: Final = (None, Label.ARTICLE, Label.OTHER)


def _unlabelled(page: Page, max_words: int, cues: frozenset[str] | None = None) -> Iterable[Block]:
    """Candidate blocks no detector has claimed yet, up to a length, and with one of
    `cues` when given (a block whose cues are unknown always qualifies). The pattern
    detectors go over them, checking the page's deadline as they go: a page of many
    long blocks may take seconds in one of them."""
    if cues is None:
        found = [b for b in page.candidates if b.label is None and b.features.words <= max_words]
    else:
        found = [
            b
            for b in page.candidates
            if b.label is None
            and b.features.words <= max_words
            and (b.features.cues is None or not cues.isdisjoint(b.features.cues))
        ]
    return checked(found, page.deadline, "while matching the blocks against patterns")


def _union(*rules: P.Rule) -> frozenset[str]:
    return frozenset().union(*(r.cues for r in rules))


_COMMENT_CUES: Final = _union(P.WEAK_COMMENT_RULE, P.COMMENT_MARKER_RULE, P.COMMENT_AUTHOR_RULE, P.VOTES_RULE)
_LOGIN_CUES: Final = _union(P.LOGIN_RULE, P.LOGIN_ANYWHERE_RULE)
_PROMPT_CUES: Final = _union(P.PROMPT_RULE, P.COOKIE_RULE)
_AD_CUES: Final = _union(P.AD_RULE, P.AD_ANYWHERE_RULE)
_RELATED_CUES: Final = _union(P.RELATED_RULE, P.RELATED_INLINE_RULE)
_NAV_CUES: Final = P.NAVIGATION_RULE.cues | {"#sep"}


# --- block detectors -------------------------------------------------------------------


def detect_copyright(page: Page) -> Iterator[Verdict]:
    """Copyright lines (©, "Copyright 2024 ..."): the wire's and the site's."""
    for b in _unlabelled(page, page.config.legal_block_words, P.COPYRIGHT_RULE.cues):
        if P.COPYRIGHT_RULE.applies(b.text, b.features.cues):
            yield verdict(b.index, Label.COPYRIGHT, "copyright sign or word", page.config.weight_barrier)


_HINT_LABELS: Final = {
    "nav": Label.NAVIGATION,
    "footer": Label.FOOTER,
    "comment": Label.COMMENT,
    "related": Label.RELATED,
    "social": Label.SOCIAL,
    "ad": Label.AD,
    "prompt": Label.PROMPT,
}
_CONTAINER_LABELS: Final = (("nav", Label.NAVIGATION), ("footer", Label.FOOTER), ("aside", Label.RELATED))


def detect_dom(page: Page) -> Iterator[Verdict]:
    """HTML structure: blocks in nav/footer/aside containers, under class or id words
    that name boilerplate (menu, comments, related, share, ad, newsletter), or made
    mostly of links. Long prose keeps its chance unless it sits in comments."""
    cfg = page.config
    if not page.blocks or page.blocks[0].dom is None:
        return  # a text dump has no DOM
    for b in checked(page.blocks, page.deadline, "while reading the blocks' markup"):
        dom = b.dom
        if dom is None or b.label is not None:
            continue
        words = b.features.words
        short = words < cfg.dom_short_words or dom.link_density > cfg.dom_link_density
        label = _HINT_LABELS.get(dom.hint)
        if label is Label.COMMENT:
            yield verdict(b.index, label, f"inside a '{dom.hint_token}' element", cfg.weight_barrier)
        elif label is not None and short:
            yield verdict(b.index, label, f"inside a '{dom.hint_token}' element")
        elif dom.hint != "content" and short and _in_any(dom.containers, ("nav", "footer", "aside")):
            name, label = next((n, lb) for n, lb in _CONTAINER_LABELS if n in dom.containers)
            yield verdict(b.index, label, f"inside <{name}>")
        elif (
            dom.link_density > cfg.dom_link_density
            and words < cfg.good_min_words * 2
            and dom.hint != "content"
            and not _in_any(dom.containers, ("article", "main"))
        ):
            # Concatenated: mypyc makes an f-string with a format spec str.format calls.
            yield verdict(b.index, Label.NAVIGATION, "mostly links (" + format(dom.link_density, ".0%") + ")")


def _in_any(containers: frozenset[str], names: tuple[str, ...]) -> bool:
    """`not containers.isdisjoint(names)` by set lookups: mypyc compiles them to C
    calls, where `isdisjoint` is a method looked up by name on every block."""
    return any(name in containers for name in names)  # a loop in C: mypyc inlines any()


def detect_tables(page: Page) -> Iterator[Verdict]:
    """Data tables inside the article body (results, figures, schedules): their
    cells are short, numeric and repeat, so every text rule would call them menus.
    A run of cells under the element named as the article body (or in an <article>),
    with few links, is the article's."""
    cfg = page.config
    candidates = [(b, owner) for b in page.blocks if b.tag in CELL_TAGS and (owner := _table_owner(b))]
    # A run: cells next to each other under the same owner.
    runs = groupby(enumerate(candidates), key=lambda ic: (ic[1][0].index - ic[0], ic[1][1]))
    for _, run in runs:
        cells = [b for _, (b, _) in run]
        if len(cells) < cfg.table_min_cells:
            continue
        linked = sum(b.dom.link_density * len(b.text) for b in cells if b.dom)
        if linked <= cfg.table_max_link_share * sum(len(b.text) for b in cells):
            for b in cells:
                reason = f"cell of a data table in the article body ({len(cells)} cells)"
                yield verdict(b.index, Label.ARTICLE, reason, cfg.weight_table_cell)


def _table_owner(b: Block) -> int:
    """The article-body element a table cell sits in (-1 for an <article> that names
    no body element); 0 for any other block."""
    dom = b.dom
    if dom is None or dom.tag not in CELL_TAGS or "table" not in dom.containers:
        return 0
    if dom.hint == "content":
        return dom.hint_owner
    return -1 if not dom.hint and "article" in dom.containers else 0


def detect_comments(page: Page) -> Iterator[Verdict]:
    """Comment widgets: counts ("3 Comments"), "Login to comment", vote lines."""
    barrier = page.config.weight_barrier
    for b in _unlabelled(page, page.config.short_block_words, _COMMENT_CUES):
        text, cues = b.text, b.features.cues
        if P.WEAK_COMMENT_RULE.applies(text, cues):
            yield verdict(b.index, Label.COMMENT, "comments link or button", page.config.weight_bad)
        elif P.COMMENT_MARKER_RULE.applies(text, cues):
            yield verdict(b.index, Label.COMMENT, "comment section marker", barrier)
        elif P.COMMENT_AUTHOR_RULE.applies(text, cues):
            yield verdict(b.index, Label.COMMENT, "comment author line", barrier)
        elif P.VOTES_RULE.applies(text, cues):
            yield verdict(b.index, Label.COMMENT, "comment vote or action line")


def detect_login(page: Page) -> Iterator[Verdict]:
    """Login and registration prompts and links."""
    cfg = page.config
    for b in _unlabelled(page, cfg.legal_block_words, _LOGIN_CUES):
        text, cues = b.text, b.features.cues
        if b.features.words <= cfg.short_block_words and P.LOGIN_RULE.applies(text, cues):
            yield verdict(b.index, Label.LOGIN, "login or registration link")
        elif P.LOGIN_ANYWHERE_RULE.applies(text, cues):
            yield verdict(b.index, Label.LOGIN, "asks to log in or register")


def detect_prompt(page: Page) -> Iterator[Verdict]:
    """Newsletter, survey, cookie, paywall and app prompts."""
    cfg = page.config
    for b in _unlabelled(page, cfg.legal_block_words * 2, _PROMPT_CUES):
        text, cues = b.text, b.features.cues
        if b.features.words <= cfg.short_block_words * 2 and P.PROMPT_RULE.applies(text, cues):
            yield verdict(b.index, Label.PROMPT, "newsletter/survey/cookie/paywall prompt")
        elif P.COOKIE_RULE.applies(text, cues):
            yield verdict(b.index, Label.PROMPT, "cookie or consent notice")


def detect_social(page: Page) -> Iterator[Verdict]:
    """Share bars and follow-us links: every word is a network or a share verb."""
    for b in _unlabelled(page, page.config.short_block_words, P.SOCIAL_RULE_CUES):
        words = b.text.lower().replace("|", " ").split()
        if words and all(w.strip(":,.") in P.SOCIAL_WORDS for w in words):
            yield verdict(b.index, Label.SOCIAL, "share or follow links")


def detect_ad(page: Page) -> Iterator[Verdict]:
    """Ad slots, sponsored labels, giveaways and calls to buy or join."""
    for b in _unlabelled(page, page.config.short_block_words * 2, _AD_CUES):
        text, cues = b.text, b.features.cues
        if P.AD_RULE.applies(text, cues) or P.AD_ANYWHERE_RULE.applies(text, cues):
            yield verdict(b.index, Label.AD, "advertisement or promotion")


def detect_related(page: Page) -> Iterator[Verdict]:
    """Headings of related/recommended/trending lists, and inline "Read more:" links."""
    cfg = page.config
    for b in _unlabelled(page, cfg.short_block_words * 2, _RELATED_CUES):
        text, cues = b.text, b.features.cues
        if b.features.words <= cfg.short_block_words and P.RELATED_RULE.applies(text, cues):
            yield verdict(b.index, Label.RELATED, "related-links heading")
        elif not b.features.ends_sentence and P.RELATED_INLINE_RULE.applies(text, cues):
            yield verdict(b.index, Label.RELATED, "inline link to another story")


def detect_footer(page: Page) -> Iterator[Verdict]:
    """Footer link rows and legal lines (privacy, terms, contact, about...)."""
    for b in _unlabelled(page, page.config.short_block_words * 2, P.FOOTER_RULE_CUES):
        parts = [p for p in P.FOOTER_SPLIT.split(b.text) if p]
        if parts and all(P.FOOTER_WORDS.fullmatch(p.strip(" .:")) for p in parts):
            yield verdict(b.index, Label.FOOTER, "footer or legal links")


def detect_navigation(page: Page) -> Iterator[Verdict]:
    """Menu words, breadcrumbs and lone symbols."""
    for b in _unlabelled(page, page.config.short_block_words, _NAV_CUES):
        cues = b.features.cues
        if P.NAVIGATION_RULE.applies(b.text, cues):
            yield verdict(b.index, Label.NAVIGATION, "menu or paging word")
        elif (cues is None or "#sep" in cues) and P.BREADCRUMB.match(b.text):
            yield verdict(b.index, Label.NAVIGATION, "breadcrumb trail")


def detect_metadata(page: Page) -> Iterator[Verdict]:
    """Date lines, reading times, tags, photo credits and captions. A credit ends a
    caption with a bracket, a slash ("Jane Doe / AFP") or a colon ("Photo: X")."""
    cfg = page.config
    for b in _unlabelled(page, cfg.short_block_words * 2, P.METADATA_RULE.cues):
        if P.METADATA_RULE.applies(b.text, b.features.cues):
            yield verdict(b.index, Label.METADATA, "date, credit, tag or reading-time line")
    for b in _unlabelled(page, cfg.legal_block_words * 2):
        text = b.text
        tail = text[-72:]
        if (")" in tail or ":" in tail or "/" in tail) and P.is_caption(text):
            yield verdict(b.index, Label.METADATA, "photo caption ending in its credit")
        elif text.endswith("more") and P.COLLAPSED.search(text, len(text) - 20):
            yield verdict(b.index, Label.METADATA, 'collapsed caption or teaser ("... more")')


def detect_byline(page: Page) -> Iterator[Verdict]:
    """Author lines: "By Jane Doe", "Jane Doe - Nov 19, 2019", and a lone "By" whose
    names are the next block (markup often sets them apart)."""
    blocks = page.blocks
    for b in _unlabelled(page, page.config.short_block_words, P.BYLINE_RULE.cues):
        if (not b.features.ends_sentence or b.text.endswith(")")) and P.BYLINE_RULE.applies(
            b.text, b.features.cues
        ):
            yield verdict(b.index, Label.BYLINE, "author line")
        elif b.text.rstrip(":").lower() in P.BYLINE_WORDS and b.index + 1 < len(blocks):
            names = blocks[b.index + 1]
            if names.label is None and names.features.words <= 5 and not names.features.ends_sentence:
                yield verdict(b.index, Label.BYLINE, "'by' alone before the author's name")
                yield verdict(names.index, Label.BYLINE, "author's name after a lone 'by'")


def detect_dateline(page: Page) -> Iterator[Verdict]:
    """A place name in capitals alone on its line, right before a paragraph."""
    blocks = page.blocks
    for b in blocks[:-1]:
        if b.label is not None or b.features.words > 4 or not b.text.isupper():
            continue
        nxt = blocks[b.index + 1]
        if (
            nxt.label is None
            and nxt.features.words >= page.config.good_min_words
            and P.DATELINE.match(b.text)
        ):
            yield verdict(b.index, Label.DATELINE, "capitalised place before the first paragraph")


def classify_content(page: Page) -> Iterator[Verdict]:
    """Article or not for every unclaimed block: the learned scorer where the Config
    names one (the default), else the hand-set classes below."""
    if page.weights:
        yield from _score_content(page)
    else:
        yield from _classify_by_thresholds(page)


def _score_content(page: Page) -> Iterator[Verdict]:
    """The hand-set classes, corrected by the scorer: it overrides a label only when
    confident (probability beyond `scorer_confidence` of 0 or 1), and its evidence,
    scaled by the block's length, adds to the weight the reducer sums. A page unlike
    the training pages gets probabilities near 1/2 and keeps the hand-set verdicts."""
    cfg = page.config
    blocks = page.blocks
    main, typical = scorer.page_context(blocks)
    verdicts = list(_classify_by_thresholds(page))
    deadline, where = page.deadline, "while scoring the blocks"
    xs = [
        scorer.block_features(blocks, v.at, main, typical, _CLASS_NAMES[v.reason])
        for v in checked(verdicts, deadline, where)
    ]
    ps = [scorer.probability(x, page.weights) for x in checked(xs, deadline, where)]
    for weights in page.context_weights:
        context = scorer.PassContext({v.at: p for v, p in zip(verdicts, ps, strict=True)}, len(blocks))
        ps = [
            scorer.probability(x, weights, context.features(v.at))
            for x, v in checked(zip(xs, verdicts, strict=True), deadline, where)
        ]
    ps = scorer.assume_an_article(ps, cfg.scorer_confidence)
    for v, p in checked(zip(verdicts, ps, strict=True), deadline, where):
        b = blocks[v.at]
        size = max(1.0, min(b.features.words * cfg.weight_good_per_word, cfg.weight_good_cap))
        score = v.score + cfg.scorer_weight * (2 * p - 1) * size
        label = v.label
        if p >= 1 - cfg.scorer_confidence:
            label = Label.ARTICLE
        elif p <= cfg.scorer_confidence:
            label = Label.OTHER
        # Concatenated, not an f-string: mypyc makes each f-string field a str.format
        # call ("{:{}}"), twice a block; `format` gives the same text.
        yield verdict(v.at, label, v.reason + "; scorer p=" + format(p, ".2f"), score)


_CLASS_NAMES: Final = {
    "long block of prose": "good",
    "long block of prose, unfinished": "good_unfinished",
    "medium block of prose": "near",
    "short or unfinished line": "short",
    "little prose": "bad",
}


def heuristic_classes(page: Page) -> dict[int, str]:
    """The hand-set class of every unclaimed block (good, near, short...): a feature
    of the learned scorer."""
    return {v.at: _CLASS_NAMES[v.reason] for v in _classify_by_thresholds(page)}


def _classify_by_thresholds(page: Page) -> Iterator[Verdict]:
    """jusText-style classes from length and stop-word density; the score feeds the reducer.

    Density thresholds adapt to the page: languages whose stop lists cover less of
    running text (Korean, Finnish...) lower them, measured on the page's longest blocks.
    """
    cfg = page.config
    good_words, near_words, short_words = cfg.good_min_words, cfg.near_min_words, cfg.short_max_words
    good_density, near_density = _density_thresholds(page)
    for b in checked([b for b in page.blocks if b.label is None], page.deadline, "while classing the blocks"):
        f = b.features
        words, density, ends = f.words, f.stop_density, f.ends_sentence
        if words >= good_words and density >= good_density:
            score = min(words * cfg.weight_good_per_word, cfg.weight_good_cap)
            if ends:
                yield verdict(b.index, Label.ARTICLE, "long block of prose", score)
            else:
                score *= cfg.unfinished_share
                yield verdict(b.index, Label.ARTICLE, "long block of prose, unfinished", score)
        elif words >= near_words and density >= near_density and (ends or words >= good_words):
            yield verdict(b.index, Label.ARTICLE, "medium block of prose", cfg.weight_near)
        elif words <= short_words or not ends:
            yield verdict(b.index, Label.OTHER, "short or unfinished line", cfg.weight_short)
        else:
            yield verdict(b.index, Label.OTHER, "little prose", cfg.weight_bad)


def _density_thresholds(page: Page) -> tuple[float, float]:
    cfg = page.config
    longest = sorted(
        (b.features for b in page.blocks if b.label is None and b.features.words >= cfg.good_min_words),
        key=lambda f: f.words,
        reverse=True,
    )[:8]
    if not longest:
        return cfg.good_min_stop_density, cfg.near_min_stop_density
    densities = sorted(f.stop_density for f in longest)
    typical = densities[(len(densities) - 1) // 2] * cfg.density_page_share  # lower median
    return min(cfg.good_min_stop_density, typical), min(cfg.near_min_stop_density, typical * 0.7)


# --- context detectors -----------------------------------------------------------------


def detect_repetition(page: Page) -> Iterator[Verdict]:
    """Short lines seen twice or more on one page are menus repeated in header and footer."""
    short = page.config.short_max_words
    for b in [b for b in page.blocks if b.features.repeats > 1]:
        if b.label in _SOFT and b.features.words <= short:
            yield verdict(b.index, Label.NAVIGATION, f"short line repeated {b.features.repeats} times")


def detect_comment_section(page: Page) -> Iterator[Verdict]:
    """After the article has begun, a comment heading opens the comment section.

    A bare "Comments" is often a share-bar button, so it opens the section only when
    another comment or login cue follows within a few blocks. Everything content-like
    from there on is comment until a related, footer or navigation block closes it;
    pattern labels inside (login, votes) stay.
    """
    blocks = page.blocks
    prose_seen = 0
    in_section = False
    for b in blocks:
        if not in_section and b.label is Label.ARTICLE and b.score >= page.config.weight_good_cap / 2:
            prose_seen += 1
        elif prose_seen >= 2 and b.label is Label.COMMENT and _opens_comments(b, blocks):
            in_section = True
        elif in_section and b.label in (Label.RELATED, Label.FOOTER, Label.NAVIGATION):
            in_section = False
        elif in_section and b.label in _SOFT:
            yield verdict(b.index, Label.COMMENT, "inside the comment section")


def _opens_comments(marker: Block, blocks: Sequence[Block]) -> bool:
    if P.COMMENT_AUTHOR.match(marker.text):
        return True
    if not P.COMMENT_MARKER.match(marker.text):
        return False
    if not P.WEAK_COMMENT_MARKER.match(marker.text):
        return True
    following = blocks[marker.index + 1 : marker.index + 4]
    return any(b.label in (Label.COMMENT, Label.LOGIN) and b.text != marker.text for b in following)


def detect_related_section(page: Page) -> Iterator[Verdict]:
    """Short blocks after a related-links heading are the list's items; the list ends
    where prose begins (long teasers are left to the reducer, behind the heading)."""
    blocks = page.blocks
    ends = (Label.ARTICLE, Label.COMMENT, Label.FOOTER, Label.COPYRIGHT, Label.RELATED)
    for heading in [b for b in page.candidates if b.label is Label.RELATED and P.RELATED.match(b.text)]:
        # by index: a slice would copy the rest of the page for every heading
        for b in map(blocks.__getitem__, range(heading.index + 1, len(blocks))):
            if b.label is Label.OTHER:
                yield verdict(b.index, Label.RELATED, "item of a related-links list")
            elif b.label is Label.ARTICLE and _is_list_teaser(b):
                yield verdict(b.index, Label.RELATED, "headline-like item of a related-links list")
            elif b.label in ends:
                break


def _is_list_teaser(b: Block) -> bool:
    """A bulleted or numbered line that does not end like a sentence: a teaser's headline
    (with its source and time), not a paragraph."""
    return not b.features.ends_sentence and P.LIST_ITEM.match(b.text) is not None


def detect_other_articles(page: Page) -> Iterator[Verdict]:
    """On a page of several <article> elements holding long prose, the story is in one
    of them; prose in the others is other posts' teasers, related posts or comments.
    The story's element is the one with the most words in long blocks of its own that
    no detector claimed (reader comments, often <article> elements of their own and
    longer than a short story, never elect it), and elements nested in it are parts of
    it (a quoted post in the story stays)."""
    words: dict[int, int] = {}
    long_words = page.config.good_min_words
    for b in page.blocks:
        if b.dom is not None and b.dom.articles and b.features.words >= long_words and b.label in _SOFT:
            words[b.dom.articles[-1]] = words.get(b.dom.articles[-1], 0) + b.features.words
    if len(words) < 2:
        return
    main = max(words, key=lambda k: words[k])
    for b in page.blocks:
        if b.dom is not None and b.dom.articles and main not in b.dom.articles and b.label in _SOFT:
            yield verdict(b.index, Label.RELATED, "in another <article> than the story's")


def detect_list_runs(page: Page) -> Iterator[Verdict]:
    """Runs of short lines (menus, link lists) are navigation, whatever their words."""
    items = [
        b.features.words <= 4 and not b.features.ends_sentence and b.label is not Label.ARTICLE
        for b in page.blocks
    ]
    start = 0
    for is_item, run in groupby(items):
        size = len(list(run))
        if is_item and size >= 4:
            for b in page.blocks[start : start + size]:
                if b.label in _SOFT:
                    yield verdict(b.index, Label.NAVIGATION, f"in a run of {size} short lines")
        start += size


DEFAULT_DETECTORS: Final[Mapping[str, Detector]] = MappingProxyType(
    {
        d.name: d
        for d in (
            Detector("tables", detect_tables),
            Detector("metadata", detect_metadata),
            Detector("copyright", detect_copyright),
            Detector("dom", detect_dom),
            Detector("comments", detect_comments),
            Detector("login", detect_login),
            Detector("ad", detect_ad),
            Detector("prompt", detect_prompt),
            Detector("social", detect_social),
            Detector("related", detect_related),
            Detector("footer", detect_footer),
            Detector("navigation", detect_navigation),
            Detector("byline", detect_byline),
            Detector("dateline", detect_dateline),
            Detector("content", classify_content, tentative=True),
            Detector("repetition", detect_repetition, context=True),
            Detector("comment_section", detect_comment_section, context=True),
            Detector("related_section", detect_related_section, context=True),
            Detector("list_runs", detect_list_runs, context=True),
            Detector("other_articles", detect_other_articles, context=True),
        )
    }
)
"""The built-in detectors by name, in the order `Config.detectors` runs them (a read-only
mapping). A `Cleaner` looks names up here, then in its own `detectors=`."""


def run(detectors: Sequence[Detector], page: Page) -> None:
    """Apply each detector's verdicts in order; the first claim on a block wins,
    except that context detectors may relabel blocks a tentative detector labelled.
    A detector sees the page as it was before it ran."""
    blocks = page.blocks
    revisable: set[int] = set()
    for det in detectors:
        prefix = det.name + ": "
        context = det.context
        for index, label, reason, score in list(det(page)):
            block = blocks[index]
            if block.label is None or (context and index in revisable):
                block.label = label
                block.score = score
                block.reasons.append(prefix + reason)
                if det.tentative:
                    revisable.add(index)
                else:
                    revisable.discard(index)
