"""Pages whose content is not one story: a listing's cards, a shop's grid of cards, a
forum thread's posts. Their blocks are weighed again before the region is chosen.

Why: the detectors and the scorer learned that teasers, short lines and comments are
not the story on news pages; on these pages they are the content.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from ..budget import Deadline, checked
from ..config import Config
from ..detect.context import ALIKE_ARTICLE
from ..html.vocabulary import name_words
from ..model import Block, Label
from ..patterns import FORUM_STATS
from .region import relabel

#: Where a TimeLimitError raised while the article is chosen stopped.
CHOOSING: Final = "in the reducer, while choosing the article"
# Where a block was labelled comment or related for sitting in a post of a thread.
_POST_REASONS: Final = ("dom: inside a", "comment_section: ")
# Where detect_other_articles set a block aside for sitting in one of several <article>
# elements alike (`detect.context.ALIKE_ARTICLE`).
_ALIKE: Final = "other_articles: " + ALIKE_ARTICLE
# A card's title is one of these subheadings.
_TITLE_TAGS: Final = ("h2", "h3", "h4", "h5", "h6")
# A short post of a thread is content from this many words (a lone word is a button).
_SHORT_POST_MIN_WORDS: Final = 2
# The content classes' verdict on a line that is no prose: short, or long but too poor
# in stop words for the page's language (detect.content), and ending no sentence.
_NO_PROSE: Final = "content: short or unfinished line"
# A digit: a card's price, rating, count or date has one, a menu's names have none.
_DIGIT: Final = re.compile(r"\d")


def cards_as_content(
    blocks: Sequence[Block], cfg: Config, *, text: bool = False, deadline: Deadline | None = None
) -> None:
    """On a listing the cards are the content, and their lines are short: blocks that
    context detectors took for other stories' teasers or menus (each card its own
    <article>, a run of card lines) and prose the scorer marked down (it learned that
    teasers are not the story on news pages) are weighed again by their own length and
    prose alone; short lines weigh little (`card_weight_short`), so that a card's
    headline, byline and date do not split the cards into runs. In a text dump
    (`text`) a line the content classes read as no prose, too poor in stop words for
    the page however long it is (a mega-menu's row of category names), weighs as a
    short line, not by its length: a dump has no links to tell a menu by. `deadline`
    is checked as it goes (a dump of half a million lines takes a second here)."""
    for b in checked(blocks, deadline, CHOOSING):
        last = b.reasons[-1] if b.reasons else ""
        if b.label in (Label.RELATED, Label.NAVIGATION) and last.startswith(cfg.card_reasons):
            _reweigh(b, cfg, "reducer: a card of a listing")
        elif _is_card_title(b, last):
            _reweigh(b, cfg, "reducer: a card's linked title")
        elif _is_tab_panel_line(b, last, cfg):
            _reweigh(b, cfg, "reducer: a line of a tab panel")
        elif b.label in (Label.ARTICLE, Label.OTHER) and last.startswith("content: "):
            prose = not (text and last.startswith(_NO_PROSE))
            _reweigh(b, cfg, "reducer: weighed as a card's line", prose)
        if b.label in (Label.OTHER, Label.BYLINE, Label.METADATA) and b.score <= 0:
            b.score = cfg.card_weight_short


def _is_card_title(b: Block, last: str) -> bool:
    """A card's title: a subheading that is one link (to the item), which the DOM
    detector took for a menu for being mostly links; a menu's links are not
    subheadings, and one repeated on the page is no card's own title."""
    return (
        b.label is Label.NAVIGATION
        and b.tag in _TITLE_TAGS
        and b.features.repeats == 1
        and last.startswith("dom: mostly links")
    )


def _is_tab_panel_line(b: Block, last: str, cfg: Config) -> bool:
    """A line of a tab panel (a product's description, specs or questions), which the
    DOM detector took for a menu by its container's word (`card_tab_words`: "tabs"):
    on these pages the panels hold the item's own text; the tabs' links, mostly links,
    stay menus."""
    if b.label is not Label.NAVIGATION or b.dom is None or not last.startswith("dom: inside a"):
        return False
    words = name_words(b.dom.hint_token)
    return not words.isdisjoint(cfg.card_tab_words) and b.dom.link_density <= cfg.card_max_link_density


def card_grids(
    blocks: Sequence[Block], cfg: Config, *, text: bool = False, deadline: Deadline | None = None
) -> None:
    """A grid of cards (a shop's products, a collection's items) is a long run of short
    lines no detector claimed: each card's name, code and price. Weighed as short lines
    they fall outside every content region, and the listing keeps only its intro. A run
    of at least `card_grid_min_lines` such lines, where only short repeated lines (a
    price or a label several cards share) may come between them, is content: its lines
    pull the region `card_grid_weight` each and its repeated lines no longer split it.

    A text dump (`text`) has no links to tell a menu by, and a site's menus (a shop's
    mega-menu of categories) are such runs too: a run that starts in the page's first
    `card_grid_head_share` of blocks is a grid only when more than
    `card_grid_head_min_digit_share` of its lines hold a digit (a card's price, rating,
    count or date; a menu's names hold none). `deadline` is checked as it goes."""
    run: list[Block] = []
    head = len(blocks) * cfg.card_grid_head_share if text else 0.0
    for b in checked(blocks, deadline, CHOOSING):
        if _is_grid_line(b, cfg) or (run and _is_grid_gap(b, cfg)):
            run.append(b)
        else:
            _take_grid(run, cfg, head, deadline)
            run = []
    _take_grid(run, cfg, head, deadline)


def _is_grid_line(b: Block, cfg: Config) -> bool:
    """A card's line: short, not claimed by any detector (its name may be a link)."""
    return b.label is Label.OTHER and b.features.repeats == 1 and b.features.words < cfg.good_min_words


def _is_grid_gap(b: Block, cfg: Config) -> bool:
    """A line several cards share ("From $29.00"), taken for a menu for repeating."""
    return (
        b.label is Label.NAVIGATION
        and b.features.repeats > 1
        and b.features.words <= cfg.short_max_words
        and bool(b.reasons)
        and b.reasons[-1].startswith("repetition: ")
    )


def _take_grid(
    run: Sequence[Block], cfg: Config, head: float = 0.0, deadline: Deadline | None = None
) -> None:
    """The run's lines are content when they are enough, and enough of them are not
    links (a card's code, price or blurb; a menu nobody claimed is links only); a run
    starting above `head` (a block index) needs lines with digits too (`card_grids`).
    `deadline` is checked as it goes (a run may be the whole page)."""
    if not run:
        return
    lines = [b for b in checked(run, deadline, CHOOSING) if b.label is Label.OTHER]
    plain = sum(1 for b in lines if b.dom is None or b.dom.link_density <= cfg.card_max_link_density)
    if len(lines) < cfg.card_grid_min_lines or plain < len(lines) * cfg.card_grid_min_plain_share:
        return
    if run[0].index < head:
        digits = sum(1 for b in checked(lines, deadline, CHOOSING) if _DIGIT.search(b.text))
        if digits <= len(lines) * cfg.card_grid_head_min_digit_share:
            return
    for b in checked(run, deadline, CHOOSING):
        if b.label is Label.OTHER:
            b.score = cfg.card_grid_weight
            relabel(b, Label.ARTICLE, "reducer: a line of a grid of cards")
        else:
            b.score = cfg.card_weight_short


def _reweigh(b: Block, cfg: Config, reason: str, prose: bool = True) -> None:
    """A card's block weighed by its own length and prose alone: prose is article,
    a short line (or any line, where not `prose`) is other."""
    weight = _prose_weight(b, cfg) if prose else None
    if weight is not None:
        b.score = weight
        relabel(b, Label.ARTICLE, reason)
    else:
        b.score = cfg.weight_short
        relabel(b, Label.OTHER, reason)


def _prose_weight(b: Block, cfg: Config) -> float | None:
    """The pull of a block that reads as prose (long, or near and ending a sentence),
    by its words up to a cap; None for a shorter one."""
    f = b.features
    if f.words >= cfg.good_min_words or (f.words >= cfg.near_min_words and f.ends_sentence):
        return min(max(f.words * cfg.weight_good_per_word, cfg.weight_near), cfg.weight_good_cap)
    return None


def entries_as_content(blocks: Sequence[Block], cfg: Config, deadline: Deadline | None = None) -> None:
    """On an article page whose <article> elements are alike, none standing out as the
    story (a listicle's entries, each its own element), they are the article's parts,
    not other stories: each is weighed again by its own length and prose, as it was
    before `detect_other_articles` set it aside, and the region is chosen over them.
    `deadline` is checked as it goes."""
    for b in checked(blocks, deadline, CHOOSING):
        if b.label is Label.RELATED and b.reasons and b.reasons[-1] == _ALIKE:
            _reweigh(b, cfg, "reducer: an entry of the article's list of <article> elements")


def posts_as_content(blocks: Sequence[Block], cfg: Config, deadline: Deadline | None = None) -> None:
    """On a forum thread the posts are the content: blocks labelled comment for
    sitting in a post (a comment class, the comment section) or in another <article>
    are weighed again as prose; vote, reply and author lines, which the comment
    patterns claimed, stay out (no longer barriers: they separate posts). `deadline`
    is checked as it goes."""
    for b in checked(blocks, deadline, CHOOSING):
        if b.label is Label.COMMENT and b.reasons and b.reasons[0].startswith("comments: "):
            b.score = cfg.weight_short
            continue
        from_post = (b.label is Label.COMMENT and b.reasons[-1].startswith(_POST_REASONS)) or (
            b.label is Label.RELATED and b.reasons[-1].startswith("other_articles: ")
        )
        if not from_post:
            continue
        weight = _prose_weight(b, cfg)
        if FORUM_STATS.match(b.text):
            b.score = cfg.weight_short
        elif weight is not None:
            b.score = weight
            relabel(b, Label.ARTICLE, "reducer: a post of a forum thread")
        elif b.features.words >= _SHORT_POST_MIN_WORDS and not b.features.repeats > 1:
            b.score = 0.0
            relabel(b, Label.ARTICLE, "reducer: a short post of a forum thread")
        else:
            b.score = cfg.weight_short
