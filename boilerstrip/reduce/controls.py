"""Controls: a shop's sort and filter bar, its result count and its cards' buttons are
never a page's content, an HTML page's or a text dump's; nor is what an HTML page's
<footer> holds (`drop_footers`), nor a product page's customer reviews (`drop_reviews`).

Why after the keep model: on a page of cards the model takes in the short lines around
the cards (it rates them by their neighbours, and a grid's threshold is low), and a
"Sort by", a "Price: Low to High" or an "Add to cart" under every card comes with them.
Their words name what the page does, not what it holds, so no page type keeps them,
whatever type the page is read as (the type is often wrong on unseen sites). A text
dump's line is a block, and the model takes its sort bar in the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from ..config import Config
from ..model import Block, Label
from ..patterns import SHOP_CONTROL
from .region import relabel

#: Why `drop_reviews` relabelled a block COMMENT: `comments.extract_comments` reads a
#: review wherever it stands, not only after the article.
REVIEW_REASON: Final = "reducer: a customer review on a shop's page"
# The labels of a review's own blocks: its text (kept as content, or not), its
# reviewer's name and its date.
_REVIEW_PARTS: Final = frozenset({Label.ARTICLE, Label.OTHER, Label.BYLINE, Label.METADATA})


def drop_controls(article: Sequence[Block], page_type: str, cfg: Config) -> list[Block]:
    """The article less every block (but a heading) whose whole text is a shop's control
    (`patterns.SHOP_CONTROL`: a sort or filter label, a sort order, a "1-24 of 310",
    a card's button), each relabelled NAVIGATION with the reason; on page types not in
    `cfg.control_types`, the article as is."""
    if page_type not in cfg.control_types:
        return list(article)
    kept: list[Block] = []
    for b in article:
        if SHOP_CONTROL.match(b.text) and not _is_heading(b):
            relabel(b, Label.NAVIGATION, "reducer: a shop's control (sort, filter, count or button)")
            continue
        kept.append(b)
    return kept


def _is_heading(b: Block) -> bool:
    """A heading named like a control ("Filters", "Sort" in a template's documentation)
    is a section's title: a shop's bar is buttons and labels, never <h1>-<h6>."""
    return b.dom is not None and b.dom.heading > 0


def drop_footers(article: Sequence[Block], page_type: str, cfg: Config) -> list[Block]:
    """The article less every block inside a <footer> element (or a contentinfo role),
    each relabelled FOOTER with the reason, on page types of `cfg.keep_footer_types`
    and where some of the article is outside one (else the article as is: a template
    that wraps its body in a <footer> has its content there). Why: the DOM detector
    drops a footer's short and linked lines, but its long ones (footnotes, a
    disclaimer, a shop's legal notes and promises, an article's closing box) reach
    the reducer as prose, and the keep model, which rates a block by its neighbours,
    takes them in after a run of cards or a story's last paragraph."""
    if page_type not in cfg.keep_footer_types:
        return list(article)
    kept: list[Block] = []
    footer: list[Block] = []
    for b in article:
        (footer if _in_footer(b) else kept).append(b)
    if not footer or not kept:
        return list(article)
    for b in footer:
        relabel(b, Label.FOOTER, "reducer: inside the page's <footer>")
    return kept


def _in_footer(b: Block) -> bool:
    """Inside a <footer> or a contentinfo role, however deep (`Dom.containers`): a
    footer's own sections and lists are the footer's too."""
    return b.dom is not None and "footer" in b.dom.containers


def drop_reviews(
    blocks: Sequence[Block], article: Sequence[Block], page_type: str, cfg: Config
) -> list[Block]:
    """The article less every block inside a review element (`Dom.review`), each
    relabelled COMMENT with the reason, on page types of `cfg.review_types` and where
    some of the article is outside one (else the article as is: a page that is one
    review is its content); the page's other blocks inside one that a review's text,
    name or date may be (`_REVIEW_PARTS`: an unclaimed line, a byline, a date line)
    are relabelled so too. Why: a shop's customer reviews are its readers' comments,
    which a human reading the page leaves out of its content, and the keep model,
    which rates a block by its prose and its neighbours, takes their paragraphs in.
    With `include_comments` they are the Result's comments
    (`comments.extract_comments`)."""
    if page_type not in cfg.review_types:
        return list(article)
    kept = [b for b in article if b.dom is None or not b.dom.review]
    if len(kept) in (0, len(article)):
        return list(article)
    for b in blocks:
        if b.dom is not None and b.dom.review and b.label in _REVIEW_PARTS:
            relabel(b, Label.COMMENT, REVIEW_REASON)
    return kept
