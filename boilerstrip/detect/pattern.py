"""Pattern detectors: each looks at one block at a time (its words, cues and markup)
and claims only blocks no detector has claimed yet; the first claim on a block wins.

Why apart from the context detectors: these read a block alone, by the rules of
`boilerstrip.patterns` and the DOM hints, and run first (`Config.detectors`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import groupby
from typing import Final

from .. import patterns
from ..budget import checked
from ..model import CELL_TAGS, Block, Label, Verdict, verdict
from .page import Page


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


def _union(*rules: patterns.Rule) -> frozenset[str]:
    return frozenset().union(*(r.cues for r in rules))


_COMMENT_CUES: Final = _union(
    patterns.WEAK_COMMENT_RULE,
    patterns.COMMENT_MARKER_RULE,
    patterns.COMMENT_AUTHOR_RULE,
    patterns.VOTES_RULE,
)
_LOGIN_CUES: Final = _union(patterns.LOGIN_RULE, patterns.LOGIN_ANYWHERE_RULE)
_PROMPT_CUES: Final = _union(patterns.PROMPT_RULE, patterns.COOKIE_RULE)
_AD_CUES: Final = _union(patterns.AD_RULE, patterns.AD_ANYWHERE_RULE)
_RELATED_CUES: Final = _union(patterns.RELATED_RULE, patterns.RELATED_INLINE_RULE)
_NAV_CUES: Final = patterns.NAVIGATION_RULE.cues | {"#sep"}


# --- block detectors -------------------------------------------------------------------


def detect_copyright(page: Page) -> Iterator[Verdict]:
    """Copyright lines (©, "Copyright 2024 ..."): the wire's and the site's."""
    for b in _unlabelled(page, page.config.legal_block_words, patterns.COPYRIGHT_RULE.cues):
        if patterns.COPYRIGHT_RULE.applies(b.text, b.features.cues):
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
        if patterns.WEAK_COMMENT_RULE.applies(text, cues):
            yield verdict(b.index, Label.COMMENT, "comments link or button", page.config.weight_bad)
        elif patterns.COMMENT_MARKER_RULE.applies(text, cues):
            yield verdict(b.index, Label.COMMENT, "comment section marker", barrier)
        elif patterns.COMMENT_AUTHOR_RULE.applies(text, cues):
            yield verdict(b.index, Label.COMMENT, "comment author line", barrier)
        elif patterns.VOTES_RULE.applies(text, cues):
            yield verdict(b.index, Label.COMMENT, "comment vote or action line")


def detect_login(page: Page) -> Iterator[Verdict]:
    """Login and registration prompts and links."""
    cfg = page.config
    for b in _unlabelled(page, cfg.legal_block_words, _LOGIN_CUES):
        text, cues = b.text, b.features.cues
        if b.features.words <= cfg.short_block_words and patterns.LOGIN_RULE.applies(text, cues):
            yield verdict(b.index, Label.LOGIN, "login or registration link")
        elif patterns.LOGIN_ANYWHERE_RULE.applies(text, cues):
            yield verdict(b.index, Label.LOGIN, "asks to log in or register")


def detect_prompt(page: Page) -> Iterator[Verdict]:
    """Newsletter, survey, cookie, paywall and app prompts."""
    cfg = page.config
    for b in _unlabelled(page, cfg.legal_block_words * 2, _PROMPT_CUES):
        text, cues = b.text, b.features.cues
        if b.features.words <= cfg.short_block_words * 2 and patterns.PROMPT_RULE.applies(text, cues):
            yield verdict(b.index, Label.PROMPT, "newsletter/survey/cookie/paywall prompt")
        elif patterns.COOKIE_RULE.applies(text, cues):
            yield verdict(b.index, Label.PROMPT, "cookie or consent notice")


def detect_social(page: Page) -> Iterator[Verdict]:
    """Share bars and follow-us links: every word is a network or a share verb."""
    for b in _unlabelled(page, page.config.short_block_words, patterns.SOCIAL_RULE_CUES):
        words = b.text.lower().replace("|", " ").split()
        if words and all(w.strip(":,.") in patterns.SOCIAL_WORDS for w in words):
            yield verdict(b.index, Label.SOCIAL, "share or follow links")


def detect_ad(page: Page) -> Iterator[Verdict]:
    """Ad slots, sponsored labels, giveaways and calls to buy or join."""
    for b in _unlabelled(page, page.config.short_block_words * 2, _AD_CUES):
        text, cues = b.text, b.features.cues
        if patterns.AD_RULE.applies(text, cues) or patterns.AD_ANYWHERE_RULE.applies(text, cues):
            yield verdict(b.index, Label.AD, "advertisement or promotion")


def detect_related(page: Page) -> Iterator[Verdict]:
    """Headings of related/recommended/trending lists, and inline "Read more:" links."""
    cfg = page.config
    for b in _unlabelled(page, cfg.short_block_words * 2, _RELATED_CUES):
        text, cues = b.text, b.features.cues
        if b.features.words <= cfg.short_block_words and patterns.RELATED_RULE.applies(text, cues):
            yield verdict(b.index, Label.RELATED, "related-links heading")
        elif not b.features.ends_sentence and patterns.RELATED_INLINE_RULE.applies(text, cues):
            yield verdict(b.index, Label.RELATED, "inline link to another story")


def detect_footer(page: Page) -> Iterator[Verdict]:
    """Footer link rows and legal lines (privacy, terms, contact, about...)."""
    for b in _unlabelled(page, page.config.short_block_words * 2, patterns.FOOTER_RULE_CUES):
        parts = [p for p in patterns.FOOTER_SPLIT.split(b.text) if p]
        if parts and all(patterns.FOOTER_WORDS.fullmatch(p.strip(" .:")) for p in parts):
            yield verdict(b.index, Label.FOOTER, "footer or legal links")


def detect_navigation(page: Page) -> Iterator[Verdict]:
    """Menu words, breadcrumbs and lone symbols."""
    for b in _unlabelled(page, page.config.short_block_words, _NAV_CUES):
        cues = b.features.cues
        if patterns.NAVIGATION_RULE.applies(b.text, cues):
            yield verdict(b.index, Label.NAVIGATION, "menu or paging word")
        elif (cues is None or "#sep" in cues) and patterns.BREADCRUMB.match(b.text):
            yield verdict(b.index, Label.NAVIGATION, "breadcrumb trail")


def detect_metadata(page: Page) -> Iterator[Verdict]:
    """Date lines, reading times, tags, photo credits and captions. A credit ends a
    caption with a bracket, a slash ("Jane Doe / AFP") or a colon ("Photo: X")."""
    cfg = page.config
    for b in _unlabelled(page, cfg.short_block_words * 2, patterns.METADATA_RULE.cues):
        if patterns.METADATA_RULE.applies(b.text, b.features.cues):
            yield verdict(b.index, Label.METADATA, "date, credit, tag or reading-time line")
    for b in _unlabelled(page, cfg.legal_block_words * 2):
        text = b.text
        tail = text[-72:]
        if (")" in tail or ":" in tail or "/" in tail) and patterns.is_caption(text):
            yield verdict(b.index, Label.METADATA, "photo caption ending in its credit")
        elif text.endswith("more") and patterns.COLLAPSED.search(text, len(text) - 20):
            yield verdict(b.index, Label.METADATA, 'collapsed caption or teaser ("... more")')


def detect_byline(page: Page) -> Iterator[Verdict]:
    """Author lines: "By Jane Doe", "Jane Doe - Nov 19, 2019", and a lone "By" whose
    names are the next block (markup often sets them apart)."""
    blocks = page.blocks
    for b in _unlabelled(page, page.config.short_block_words, patterns.BYLINE_RULE.cues):
        if (not b.features.ends_sentence or b.text.endswith(")")) and patterns.BYLINE_RULE.applies(
            b.text, b.features.cues
        ):
            yield verdict(b.index, Label.BYLINE, "author line")
        elif b.text.rstrip(":").lower() in patterns.BYLINE_WORDS and b.index + 1 < len(blocks):
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
            and patterns.DATELINE.match(b.text)
        ):
            yield verdict(b.index, Label.DATELINE, "capitalised place before the first paragraph")
