"""The article: which blocks the chosen region (or regions, on a page of cards) keeps
as the content, and which prose outside it goes.

Why apart from `region`: the region is arithmetic on weights; keeping a region reads
the blocks (short lines between paragraphs, a card's lines, repeats), and a page given
to clean holds an article even when no region is strong enough.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from .. import patterns
from ..budget import Deadline, check, checked
from ..config import Config
from ..html.vocabulary import BOILERPLATE_WORDS, name_words
from ..model import CELL_TAGS, Block, Label
from .cards import CHOOSING, card_grids, cards_as_content, entries_as_content, posts_as_content
from .region import best_region, content_regions, relabel

# A short line between article paragraphs is kept from this many words (a lone word
# is a button or a label).
_INNER_LINE_MIN_WORDS: Final = 2


def select_article(
    blocks: Sequence[Block],
    cfg: Config,
    page_type: str = "article",
    *,
    text: bool = False,
    deadline: Deadline | None = None,
) -> list[Block]:
    """Label the article: prose in the region stays, prose outside and repeats go.
    A forum thread's posts are its content; a listing (and collection, product or
    service page) keeps every strong region, not one. A text dump (`text`) reads its
    types by the text fields (`Config.text_multi_region_types`). `deadline` is
    checked in every pass over the blocks, or between two (each a tight loop): on a
    dump of half a million lines the choice takes two seconds."""
    multi = cfg.text_multi_region_types if text else cfg.multi_region_types
    grids = cfg.text_card_grid_types if text else cfg.card_grid_types
    if page_type in cfg.post_types:
        posts_as_content(blocks, cfg, deadline)
    if page_type in multi:
        cards_as_content(blocks, cfg, text=text, deadline=deadline)
        regions = _card_regions(blocks, cfg, page_type in grids, text, deadline)
    else:
        if page_type not in cfg.post_types:  # a config's thread page read as one run
            entries_as_content(blocks, cfg, deadline)
        check(deadline, CHOOSING)
        start, end = best_region(blocks, cfg)
        regions = [(start, end)] if end > start else []
    seen: set[str] = set()
    article: list[Block] = []
    done = 0
    for start, end in regions:
        check(deadline, CHOOSING)
        _drop_prose([b for b in blocks[done:start] if b.label is Label.ARTICLE])
        card_words = cfg.card_min_words if page_type in multi else 0
        _keep_region(blocks, start, end, cfg, seen, article, card_words, deadline)
        done = end
    check(deadline, CHOOSING)
    _drop_prose([b for b in blocks[done:] if b.label is Label.ARTICLE])
    return article or _fallback_article(blocks, cfg)


def _card_regions(
    blocks: Sequence[Block], cfg: Config, grids: bool, text: bool, deadline: Deadline | None = None
) -> list[tuple[int, int]]:
    """The content regions of a page of cards, its grids of cards read first (`grids`).
    A text dump read without them whose lines make no region at all (a shop's page of
    short lines only: name, price, sizes) is read with them: a page holds content."""
    if grids:
        card_grids(blocks, cfg, text=text, deadline=deadline)
    check(deadline, CHOOSING)
    regions = content_regions(blocks, cfg)
    if regions or grids or not text:
        return regions
    card_grids(blocks, cfg, text=text, deadline=deadline)
    check(deadline, CHOOSING)
    return content_regions(blocks, cfg)


def _keep_region(
    blocks: Sequence[Block],
    start: int,
    end: int,
    cfg: Config,
    seen: set[str],
    article: list[Block],
    card_words: int = 0,
    deadline: Deadline | None = None,
) -> None:
    """Add the region's article blocks to `article`, once each text (`seen`), with
    the short lines between its paragraphs and, on a page of cards (`card_words`),
    its cards' own lines; `deadline` is checked as it goes."""
    for b in checked(blocks[start:end], deadline, CHOOSING):
        if card_words and b.label is Label.OTHER and _is_card_line(b, card_words, cfg):
            relabel(b, Label.ARTICLE, "reducer: a card's line in a content region")
        if b.label is Label.OTHER and _is_inner_line(b, blocks, cfg):
            relabel(b, Label.ARTICLE, "reducer: short line between article paragraphs")
        if b.label is Label.ARTICLE:
            if b.text in seen and b.tag not in CELL_TAGS:  # cells repeat by nature ("0", "Yes")
                relabel(b, Label.OTHER, "reducer: repeats an earlier article block")
                continue
            seen.add(b.text)
            article.append(b)


def _is_card_line(b: Block, card_words: int, cfg: Config) -> bool:
    """A card's own line: long enough, said once, not mostly links."""
    dom = b.dom
    return (
        b.features.words >= card_words
        and b.features.repeats == 1
        and (dom is None or dom.link_density <= cfg.card_max_link_density)
    )


def _fallback_article(blocks: Sequence[Block], cfg: Config) -> list[Block]:
    """A page given to clean holds an article: when nothing is left as article, the
    unclaimed long block that scored best is it (never one a pattern or structure
    labelled: those stay what they are)."""
    prose = [b for b in blocks if b.label is Label.OTHER and b.features.words >= cfg.good_min_words]
    if not prose:
        return []
    best = max(prose, key=lambda b: (b.score, -b.index))
    relabel(best, Label.ARTICLE, "reducer: no article region; the most article-like block")
    return [best]


def _drop_prose(blocks: Sequence[Block]) -> None:
    for b in blocks:
        relabel(b, Label.OTHER, "reducer: prose outside the main article region")


def _is_inner_line(b: Block, blocks: Sequence[Block], cfg: Config) -> bool:
    """A subheading or short paragraph: article prose close on both sides."""
    lo = max(0, b.index - cfg.max_gap_blocks)
    hi = b.index + cfg.max_gap_blocks + 1
    before = any(x.label is Label.ARTICLE for x in blocks[lo : b.index])
    after = any(x.label is Label.ARTICLE for x in blocks[b.index + 1 : hi])
    return before and after and b.features.words >= _INNER_LINE_MIN_WORDS and b.features.repeats == 1


def builder_pieces(blocks: Sequence[Block], content: Sequence[Block], cfg: Config) -> list[Block]:
    """The content of an HTML story with the blocks between its first and last blocks
    that only a page builder's class word made related (labelled RELATED for a
    `hint_token` holding one of `Config.keep_builder_words`, "widget" or "teaser"),
    with under `Config.keep_between_max_link_density` of their text in links,
    relabelled ARTICLE; in page order. Why: a page builder wraps the story's own pieces
    (a product's pros and cons, a price table, a subheading) in "widget" elements, and
    the DOM detector reads the word as a sidebar's; where such an element stands
    between the story's own paragraphs it is part of the story. Not where the name
    holds another boilerplate word ("widget-share" is a share bar), and not an element
    whose blocks show what a box of chrome says (a sign-up prompt, a login, a related
    heading, a comment count, an ad) or are mostly links (`_chrome_box`): a builder
    wraps its boxes of chrome in the same word. After the story's last block, those
    that go on from it where the story sits in such elements too (`_builder_tail`)."""
    if not content:
        return []
    others = frozenset(BOILERPLATE_WORDS).difference(cfg.keep_builder_words)
    boxes: dict[int, list[Block]] = {}
    for b in blocks:
        if b.dom is not None and b.dom.hint_owner:
            boxes.setdefault(b.dom.hint_owner, []).append(b)
    added = False
    for b in blocks[content[0].index + 1 : content[-1].index]:
        dom = b.dom
        if (
            dom is None
            or not _builder_piece(b, cfg, others)
            or _chrome_box(boxes.get(dom.hint_owner, [b]), cfg)
        ):
            continue
        relabel(b, Label.ARTICLE, f"reducer: a '{dom.hint_token}' element between the story's blocks")
        added = True
    added = _builder_tail(blocks, content, cfg, others, boxes) or added
    return [b for b in blocks if b.label is Label.ARTICLE] if added else list(content)


def _builder_tail(
    blocks: Sequence[Block],
    content: Sequence[Block],
    cfg: Config,
    others: frozenset[str],
    boxes: dict[int, list[Block]],
) -> bool:
    """Relabel ARTICLE the paragraphs in a page builder's elements that go on after the
    story's last block, where the story's own blocks sit in such elements: each of
    `Config.keep_between_min_words` words or more, ending a sentence, not a box of
    chrome; up to the first block that is not one. Whether any was."""
    if cfg.builder_tail_share <= 0:
        return False
    own = sum(b.features.words for b in content if _in_builder(b, cfg, others))
    if own == 0 or own < cfg.builder_tail_share * sum(b.features.words for b in content):
        return False
    added = False
    for b in blocks[content[-1].index + 1 :]:
        if b.label is Label.ARTICLE:
            continue
        dom = b.dom
        if (
            dom is None
            or b.label not in (Label.RELATED, Label.OTHER)
            or not _in_builder(b, cfg, others)
            or b.features.words < cfg.keep_between_min_words
            or not b.features.ends_sentence
            or _chrome_box(boxes.get(dom.hint_owner, [b]), cfg)
        ):
            break
        relabel(b, Label.ARTICLE, f"reducer: a '{dom.hint_token}' element after the story, as its own are")
        added = True
    return added


def _in_builder(b: Block, cfg: Config, others: frozenset[str]) -> bool:
    """A block under a page builder's element: a related hint from a builder word alone."""
    dom = b.dom
    if dom is None or dom.hint != "related" or dom.link_density >= cfg.keep_between_max_link_density:
        return False
    parts = name_words(dom.hint_token)
    return not parts.isdisjoint(cfg.keep_builder_words) and parts.isdisjoint(others)


def _builder_piece(b: Block, cfg: Config, others: frozenset[str]) -> bool:
    """A block the DOM detector labelled related for a page builder's word alone."""
    return b.label is Label.RELATED and _in_builder(b, cfg, others)


def _chrome_box(box: Sequence[Block], cfg: Config) -> bool:
    """Whether an element's blocks say what a box of chrome says (a pattern of
    `_CHROME_RULES` applies to one of them) or one of them is mostly links."""
    for b in box:
        if b.dom is not None and b.dom.link_density >= cfg.keep_between_max_link_density:
            return True
        if any(rule.applies(b.text, b.features.cues) for rule in _CHROME_RULES):
            return True
    return False


# What a box of chrome says: a sign-up or subscription prompt, a login, a related
# heading or inline link, a comment count or marker, votes, an ad, a cookie notice.
_CHROME_RULES: Final = (
    patterns.PROMPT_RULE,
    patterns.LOGIN_RULE,
    patterns.RELATED_RULE,
    patterns.RELATED_INLINE_RULE,
    patterns.COMMENT_MARKER_RULE,
    patterns.VOTES_RULE,
    patterns.AD_RULE,
    patterns.COOKIE_RULE,
)
