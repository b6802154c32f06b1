"""Every threshold in one frozen place, so a run is fully described by its Config."""

from __future__ import annotations

import math
from dataclasses import MISSING, Field, dataclass, field, fields, replace
from typing import Any

from .errors import ArgumentError, ConfigError

# The order in which the built-in detectors run (`Config.detectors`); which function
# each name runs is `detect.registry`'s, which lays out `boilerstrip.DEFAULT_DETECTORS`
# in this order.
DETECTOR_ORDER: tuple[str, ...] = (
    "tables",
    "metadata",
    "copyright",
    "dom",
    "comments",
    "login",
    "ad",
    "prompt",
    "social",
    "related",
    "footer",
    "navigation",
    "byline",
    "dateline",
    "content",
    "repetition",
    "comment_section",
    "related_section",
    "list_runs",
    "other_articles",
)


@dataclass(frozen=True, slots=True)
class Config:
    """Thresholds and switches. Make variants with `config.replace(...)`."""

    # Which detectors run, in order; users disable one by leaving it out.
    detectors: tuple[str, ...] = DETECTOR_ORDER
    disabled: frozenset[str] = field(default_factory=frozenset)

    # Limits on hostile input: a page over them is refused with an InputError, and
    # markup over them is skipped (the page is still cleaned); never a silent cut.
    max_input_chars: int = 20_000_000
    # A JSON-LD script longer than this (characters), or nested deeper than this
    # (arrays and objects), is skipped: it is not parsed at all.
    max_json_ld_chars: int = 1_000_000
    max_json_ld_depth: int = 64

    # Pattern detectors only look at blocks up to this many words (menus, prompts).
    short_block_words: int = 12
    # Footer and copyright lines can be a sentence or two of legalese.
    legal_block_words: int = 60

    # HTML: a block under a boilerplate container or class is boilerplate when it is
    # shorter than this many words or has more than this share of its text in links.
    dom_short_words: int = 25
    dom_link_density: float = 0.5

    # HTML: a run of at least this many table cells under the article-body element,
    # with at most this share of its text in links, is a data table of the article.
    table_min_cells: int = 6
    table_max_link_share: float = 0.2
    # Each of its cells pulls the article region this much (a table is content).
    weight_table_cell: float = 0.2

    # The learned block scorers' weights, for text dumps and for HTML (files in
    # boilerstrip/data, or paths); "" uses the hand-set content classes below instead.
    # The scorer corrects the hand-set classes: it relabels a block when its probability
    # is within `scorer_confidence` of 0 or 1, and adds `scorer_weight` times its
    # evidence to the block's weight. For text dumps the hand-set classes alone still
    # score better, so no text scorer ships.
    scorer_text: str = ""
    scorer_html: str = "scorer-html.json"
    scorer_confidence: float = 0.4
    scorer_weight: float = 5.0

    # The keep models (boilerstrip/data, or a path; "" for none): gradient-boosted trees
    # that have the last word on which blocks of an HTML page (`keep_html`) or lines of
    # a text dump (`keep_text`) are content (keep.py). A block is made content when its
    # probability is over `keep_threshold` (HTML) or `keep_text_threshold` (text
    # dumps); a block the reducer kept is dropped only when its probability is at or
    # under `keep_drop_threshold` (HTML) or `keep_text_drop_threshold` (text dumps),
    # so that where the rules and the model disagree the model can be made to be sure.
    # `keep-text.json` is on: it lifts the WCXB dumps (held-out mean F1 0.674 to 0.739)
    # and holds news (Scrapinghub dumps of the held-out ids 0.926 to 0.930, multilingual
    # dumps held-out 0.831 to 0.862). Its thresholds were chosen on out-of-fold
    # predictions of the tuning pages (5 folds by domain): content over 0.8, the
    # reducer's content dropped at 0.3 or under; at 0.7 the multilingual and Scrapinghub
    # figures fell under the rules'. On, a text dump costs about twice as long: 2.6-2.9x
    # trafilatura's pages/s against 5.7-7.6x off (docs/architecture.md, "The keep model");
    # `keep_text=""` gives the rules alone at their speed.
    keep_html: str = "keep-html.json"
    keep_text: str = "keep-text.json"
    # A second stage for the HTML keep model (a path, or "keep-html-stack.json" of
    # boilerstrip/data; "" for none): a forest that rates every block again from its
    # row and `keep_html`'s probabilities in context (learned/stack.py, trained by
    # `tools/train_keep.py --stack` on the tuning pages' out-of-fold probabilities; it
    # reads the shipped keep-html.json's), whose probabilities the rules after the
    # model read. Two guards, chosen on the tuning pages cleaned with the fold models
    # of both stages (bench/folds_bench.py --stack; with neither: WCXB 0.8587 ->
    # 0.8647, Scrapinghub 0.9721 -> 0.9765, multilingual 0.9499 -> 0.9537):
    # - only on pages of `keep_stack_min_blocks` blocks or more: it reads page-wide
    #   figures, and on a page of a few blocks (a notice, a frameset, a thread hidden
    #   in <noscript> showing its headline alone) they are unlike any it learned
    #   from. WCXB 0.8647 -> 0.8661 (collection 0.664 -> 0.687); with the second
    #   guard as first tried (every block of the reducer's kept at the higher of its
    #   two probabilities), 15, 30, 45 and 60 blocks alike (0.8642-0.8646), none 0.8631.
    # - a block of the reducer's content that the first stage rates
    #   `keep_stack_sure` or more keeps the higher of its two probabilities: the
    #   second stage does not overturn the first where both the rules and the first
    #   stage hold a block content (a story's notes under its table). WCXB 0.8661 ->
    #   0.8652, Scrapinghub 0.9766 -> 0.9761, multilingual 0.9537 -> 0.9561 (0.7:
    #   0.8654, 0.9761, 0.9560; every block of the reducer's, 0.8645, 0.9759, 0.9562;
    #   its long paragraphs only, 0.8646, 0.9766, 0.9537).
    # Held-out with the shipped models, off -> on: WCXB HTML 0.8599 -> 0.8654 (article
    # 0.9466 -> 0.9504), Scrapinghub 0.9747 -> 0.9783, multilingual 0.917 -> 0.930
    # (docs/benchmarks.md). A page costs about a quarter more (bench/html_bench.py:
    # 7.5x -> 5.8x trafilatura's pages/s). It learned from the shipped `keep_html`'s
    # kind of probabilities: with another first stage, set it to "" too.
    keep_html_stack: str = "keep-html-stack.json"
    # The two stages read on pages of `keep_blend_types` instead (a path, or a file of
    # boilerstrip/data; "" for `keep_html` and `keep_html_stack` on every page): each the
    # mean of the shipped stage's log-odds and those of one retrained on the pipeline of
    # 2026-12-07 with the flow target, as one forest (`tools/train_keep.py --blend`).
    # Each holds a shipped stage, so it stands in for that stage only while the Config
    # names it: with another `keep_html`, that model is read on every page; with another
    # `keep_html_stack`, that second stage follows the blended first. Each alone
    # reads WCXB's held-out domains alike (0.8709 shipped, 0.8664 retrained): they err
    # on other pages. Blended on every page: WCXB held-out 0.8709 -> 0.8736 (tune 0.8862
    # -> 0.8872), Scrapinghub's held-out quarter 0.9783 -> 0.9802, multilingual 0.956 ->
    # 0.962 (held-out 0.930 either way); but on stories it lets a wire story's photo
    # caption in (tests/test_html_golden.py) and a guide's entry out, which the shipped
    # stages keep right by no feature a retraining keeps. So stories keep the shipped
    # stages, which the tests and the news benches were fitted around, and the other
    # types read the blends: WCXB held-out 0.8709 -> 0.8747 (+0.0038 ± 0.0018; 83 pages
    # up, 38 down; the routing chosen once the blend's gains by type were seen, so the
    # figure leans high), tune 0.8862 -> 0.8875; Scrapinghub 0.9831 -> 0.9830 (one
    # held-out news page read as a service's, 0.923 -> 0.903; no other page changes);
    # multilingual: no page changes.
    keep_html_blend: str = "keep-html-blend.json"
    keep_html_stack_blend: str = "keep-html-stack-blend.json"
    keep_blend_types: tuple[str, ...] = (
        "forum", "product", "collection", "listing", "documentation", "service",
    )  # fmt: skip
    keep_stack_min_blocks: int = 30
    keep_stack_sure: float = 0.6
    keep_threshold: float = 0.5
    keep_drop_threshold: float = 0.5
    # On these page types (a grid of cards: names, codes, prices) a block is made
    # content over `keep_card_threshold` instead: a card's short lines look like a
    # menu's to the model, which learned mostly from articles.
    keep_card_types: tuple[str, ...] = ("listing", "collection", "product")
    keep_card_threshold: float = 0.4
    # HTML: a paragraph the reducer kept (an element of `keep_prose_tags` of
    # `keep_prose_min_words` words or more, ending a sentence) is dropped only at or
    # under `keep_prose_drop_threshold`: the model rates a story's long paragraphs near
    # one half where a page is unlike those it learned from, and one heading over
    # `keep_threshold` then cost the whole story. Chosen on out-of-fold predictions of
    # the tuning pages (5 folds by domain): WCXB 0.8479 -> 0.8489, article 0.9301 ->
    # 0.9316, Scrapinghub 0.9713 -> 0.9724 (mean word F1), no page type lower; on the
    # held-out parts it is neutral (WCXB 0.8408 either way, Scrapinghub's quarter and
    # the multilingual set unchanged). Not any element: a long photo caption in a <div>
    # is the model's to drop.
    keep_prose_drop_threshold: float = 0.4
    keep_prose_min_words: int = 30
    keep_prose_tags: tuple[str, ...] = ("p", "li", "blockquote", "dd", "td")
    # HTML, on these page types: a block the reducer kept is dropped only at or under
    # `keep_relative_drop` times the median probability of the reducer's content
    # blocks, where that is lower than the thresholds above and the median is
    # `keep_relative_min` or more (keep._relative_floor; the upper median of an even
    # count). On a page unlike those it learned from, the model rates all of a story
    # low (a guide's entries at 0.4-0.5 where the rest of the story is near 0.6): how a
    # block stands against the page's own content says more than the absolute figure.
    # Where the model rates the reducer's content low as a whole, the usual thresholds
    # stand: there the reducer has often chosen the wrong part.
    # Chosen on the tuning part, each page cleaned with the keep model of the fold
    # without its domain (5 folds; the shipped model has learned the tuning pages):
    # WCXB 0.8522 -> 0.8533 (article 0.942 -> 0.944; 8 pages up by up to 0.26, 2 down
    # by 0.004 or less), Scrapinghub 0.9727 -> 0.9743, multilingual unchanged; ratios
    # 0.6 and 0.8 alike; a median bound of 0 to 0.4 alike, 0.45 loses most of the gain.
    # Not on forums (a thread's cookie notice, kept by the reducer, came back: 0.956 ->
    # 0.390) nor on pages of cards (their own floor is `keep_card_threshold`).
    # Held-out with the shipped model: WCXB 0.8547 -> 0.8546 (article 0.945 either
    # way), Scrapinghub's quarter and the multilingual set unchanged; with no median
    # bound 0.8563, from one page's reducer content rated 0.33 that was right, and one
    # where the model was right lost 0.32. 0: never.
    keep_relative_drop: float = 0.7
    keep_relative_min: float = 0.4
    keep_relative_types: tuple[str, ...] = ("article", "documentation", "service")
    # HTML: a paragraph between the content's first and last blocks that the reducer
    # did not take, of `keep_between_min_words` words or more, ending a sentence, shown
    # once and with under `keep_between_max_link_density` of its text in links, is
    # content when its probability is over `keep_between_threshold`, though under
    # `keep_threshold` (keep.between_members): between a story's own paragraphs the
    # model rates those the detectors took for a sidebar's or a teaser's just under one
    # half. Chosen on the tuning parts: WCXB 0.8787 -> 0.8793 (article 0.956 -> 0.957),
    # Scrapinghub 0.9811 -> 0.9812, multilingual unchanged; held-out WCXB 0.8442 ->
    # 0.8460 (article 0.932 -> 0.935), Scrapinghub's quarter and multilingual's
    # unchanged. Without the link and copy bounds, a disclosure repeated under each
    # card and a list of references were added (Scrapinghub's held-out quarter 0.9747
    # -> 0.9744). 1.0: never. The word count and the link bound are also what the
    # page's own threshold reads as a story's prose (`keep_own_story_types`).
    keep_between_threshold: float = 0.4
    keep_between_min_words: int = 10
    keep_between_max_link_density: float = 0.5
    # HTML, on pages of these kinds: an item of a list that starts between the
    # content's first and last blocks is content where `keep_list_mates_share` or more
    # of its list's items are (keep.list_mates; not one with
    # `keep_between_max_link_density` or more of its text in links, nor one shown
    # twice): the model rates a story's short items ("Stakes", "Compass") one by one,
    # under its threshold beside their kept mates. Chosen on the tuning pages read with
    # fold models (bench/folds_bench.py): WCXB 0.85409 -> 0.85421 (article 0.94379 ->
    # 0.94399, 26 pages up, 6 down), Scrapinghub 0.9730 and multilingual 0.9523
    # unchanged; shipped model, WCXB tune 0.88199 -> 0.88202, held-out 0.8548 -> 0.8552
    # (article 0.9450 -> 0.9455, 8 pages up, 2 down), Scrapinghub 0.9837 / 0.9747 and
    # multilingual unchanged. Only stories: a listing's or a shop's lists are as often
    # chrome whose mates the model kept. 0.3 gave the same fold figure. (): never.
    keep_list_mates_share: float = 0.5
    keep_list_mates_types: tuple[str, ...] = ("article",)
    # HTML, on pages of these kinds (cards): where the model is unsure of a page (the best
    # expected word F1 it can reach, if its probabilities are right, is under
    # `keep_own_below`), the blocks over `keep_own_floor` that make that expected F1 the
    # most, taken from the likeliest down after the content, are content too, but one with
    # `keep_own_max_link_density` or more of its text in links, a reader's comment or the
    # headline (keep.own_members: F1's best threshold is half the F1 it reaches, Lipton et
    # al. 2014, so an unsure page's best threshold is under the one set for all pages).
    # Chosen on the tuning pages read with fold models (bench/folds_bench.py): WCXB 0.8542
    # -> 0.8566 (+0.0024 ± 0.0012, 20 pages up, 11 down; product 0.610 -> 0.627,
    # collection 0.666 -> 0.675, listing 0.675 -> 0.684), Scrapinghub 0.9730 and
    # multilingual 0.9523 unchanged (any line with words never on stories: on them only
    # prose, `keep_own_story_types` below). Floor 0.3 alike (0.8565); bounds 0.55-0.65
    # alike (0.8564-0.8566), none 0.8563 with 42 pages up and 61 down; with lines wholly
    # links 0.8572, but from three pages (the others 29 up, 30 down), and a card's rating
    # link is chrome (test_reduce). Any line on services too: they lose (-0.0003); on
    # stories Scrapinghub falls. Held-out with the shipped model: WCXB 0.8552 -> 0.8564
    # (+0.0012 ± 0.0024, 12 pages up, 8 down; listing 0.688 -> 0.719, collection 0.672 ->
    # 0.675, product 0.710 -> 0.705), Scrapinghub 0.9837 / 0.9747 and multilingual
    # unchanged, text dumps untouched; WCXB's tuning part, which the shipped model
    # learned, 0.8820 -> 0.8797 (8 up, 22 down). Forums too since 2026-12-07 (a thread's
    # short posts, as a page of cards' lines): fold WCXB forum 0.7788 -> 0.7835 (2 pages
    # up, none down). No reader's comment nor the headline, as no rule after the model
    # takes them (keep._NEVER_ADDED): fold WCXB 0.8586 -> 0.8585 (8 card pages moved by
    # under 0.03), held-out 0.85983 -> 0.85992. (): never.
    keep_own_types: tuple[str, ...] = ("listing", "collection", "product", "forum")
    keep_own_floor: float = 0.2
    keep_own_below: float = 0.6
    keep_own_max_link_density: float = 1.0
    # HTML, on pages of these kinds (stories, documents, services): the same own threshold
    # where the best expected word F1 is under `keep_own_story_below`, but only prose as
    # keep.between_members reads it (`keep_between_min_words` words or more, ending a
    # sentence, shown once, under `keep_between_max_link_density` of links, no comment nor
    # headline). Why: a story the model is unsure of loses its paragraphs rated 0.3-0.5;
    # any line with words there (a caption, a teaser, a "read more") lowered the news sets
    # (bound 0.7-1.0: Scrapinghub 0.9730 -> 0.9713-0.9716, multilingual 0.9523 -> 0.9519),
    # prose alone leaves them as they were. Chosen on the tuning pages read with fold
    # models, with forums above: WCXB 0.8566 -> 0.8586 (+0.0020 ± 0.0007, 24 pages up, 6
    # down; article 0.9440 -> 0.9461, documentation 0.9057 -> 0.9093, service 0.8308 ->
    # 0.8328), Scrapinghub 0.9730 and multilingual 0.9523 unchanged. Bound 0.6 / 0.7 / 0.9
    # / 1.0 (a first sweep, prose on articles and forums, before documentation and
    # services joined and forums moved to the cards' rule): 0.8572 / 0.8575 / 0.8580 /
    # 0.8579 against 0.8580 at 0.8, more pages down past 0.8 (12 and 21 against 6); 5 or
    # 15 words, floor 0.1 or 0.3, links 0.3 or 1.0 alike (0.8579-0.8580). Held-out with
    # the shipped model: WCXB 0.8564 -> 0.8598 (+0.0034 ± 0.0026, 6 pages up, 3 down;
    # article 0.9455 -> 0.9466, collection 0.6748 -> 0.6965 and listing 0.7190 -> 0.7265
    # from a page each, service 0.8057 -> 0.8059, forum 0.8191 -> 0.8190,
    # product and documentation unchanged), Scrapinghub 0.9837 / 0.9747 and multilingual
    # unchanged, text dumps untouched; WCXB's tuning part, which the shipped model
    # learned, 0.8797 -> 0.8795. (): never.
    keep_own_story_types: tuple[str, ...] = ("article", "documentation", "service")
    keep_own_story_below: float = 0.8
    # HTML, on a page of these kinds: a block the dom detector labelled related for a
    # class word of these (a page builder's "widget" or "teaser" element) that stands
    # between the content's first and last blocks, with under
    # `keep_between_max_link_density` of its text in links, is content
    # (reduce.article.builder_pieces): the dom detector reads a page builder's word as a
    # sidebar's, and a review's product boxes, a price table or a subheading between the
    # story's paragraphs were lost as related. Only on pages read as stories, only the
    # dom hint's RELATED, and not where the class name holds another boilerplate word
    # ("gallery-widget-share": a share bar, multilingual tune 0.9532 -> 0.9526 without
    # that bound). WCXB tune 0.8801 -> 0.8803 (article 0.9573 -> 0.9578), held 0.8493 ->
    # 0.8495 (article 0.9388 -> 0.9389, service 0.8044 -> 0.8057, no type lower);
    # Scrapinghub 0.9812 -> 0.9813, held-out 0.9747 unchanged; multilingual 0.9461 ->
    # 0.9474 (tune 0.9532, held 0.9085 -> 0.9167), snippets 0.8408 -> 0.8442; text
    # dumps untouched. On pages of other kinds the boxes between are as often a
    # shop's or a thread's chrome (replayed on the tuning pages without this bound:
    # product 0.6554 -> 0.6505, forum 0.8211 -> 0.8204). Not an element one of whose
    # lines says what a box of chrome says (a prompt, a login, a related heading, a
    # comment count, an ad) or is mostly links: a builder wraps its sign-up and teaser
    # boxes in the same words (review of stop 36); with that bound WCXB tune 0.8804,
    # held-out 0.8498, the others as above. (): never.
    keep_builder_types: tuple[str, ...] = ("article",)
    keep_builder_words: tuple[str, ...] = ("widget", "widgets", "teaser", "teasers")
    # And after the content's last block, where `builder_tail_share` of the content's
    # words or more sit in such elements themselves (a builder wraps every part of the
    # page, the story too): the paragraphs in such elements that go on after it, each
    # of `keep_between_min_words` words or more, ending a sentence, not a box of chrome
    # nor mostly links, up to the first block that is not one
    # (reduce.article._builder_tail). The story's later widgets were lost as related,
    # the model rating them 0.15-0.35 (tests/test_html_golden.py's widget story).
    # Tuning part, each page by its fold's keep model: WCXB 0.8533 -> 0.8535 (3
    # articles up, by up to 0.17, none down), Scrapinghub 0.9743 and multilingual
    # 0.9480 unchanged; shares 0.2 and 0.8 alike (0.2: Scrapinghub 0.9742). Held-out:
    # no page changes. 0: never.
    builder_tail_share: float = 0.5
    # HTML, on these page types: once the keep model has settled the content, a block
    # inside a <footer> element (or a contentinfo role) is not content, where some of
    # the content stands outside one (reduce.controls.drop_footers; a template that
    # wraps its body in a <footer> keeps it). The DOM detector drops a footer's short
    # and linked lines, but its long ones (footnotes, a disclaimer, a shop's legal
    # notes and promises) reach the reducer as prose, and the model, rating a block by
    # its neighbours, takes them in after a run of cards or a story's last paragraph.
    # Chosen on the tuning pages, each cleaned with the keep model of the fold without
    # its domain (5 folds): WCXB 0.8531 -> 0.8541 (24 pages of 19 domains up, 2 down
    # by 0.002 and 0.0002; collection 0.6570 -> 0.6665, product 0.6077 -> 0.6100,
    # article 0.9436 -> 0.9438, documentation, listing and service up by 0.0001-0.0003,
    # no type lower; most of it one shop's five pages), Scrapinghub and multilingual:
    # no page changes. Only footers outside <article> and <main> (a story's own
    # closing part kept): 0.8540, the articles' gains lost. Held-out with the shipped model: WCXB
    # 0.85461 -> 0.85480 (3 pages up, none down; listing 0.6850 -> 0.6878, article
    # 0.9449 -> 0.9450); its tuning part 0.88208 -> 0.88199 (5 pages up, 2 down: a
    # shop whose gold counts its footer's menu as content, and an article's questions
    # and answers in its <footer>, both kept by the shipped model, which learned them).
    # Text dumps have no elements: untouched. (): never.
    keep_footer_types: tuple[str, ...] = (
        "article", "service", "product", "collection", "forum", "listing", "documentation",
    )  # fmt: skip
    # On these page types, blocks inside an element its names call a review
    # (`Dom.review`: "product-reviews", "yotpo-review") are the shop's customer
    # reviews, kept apart as comments (`reduce.controls.drop_reviews`). (): never.
    review_types: tuple[str, ...] = ("product", "collection")
    keep_text_threshold: float = 0.8
    keep_text_drop_threshold: float = 0.3
    # Text dumps of these page types drop the reducer's content at or under
    # `keep_text_collection_drop_threshold` instead: a shop's collection page is cut
    # from one template, and the reducer takes its chrome for cards (a mega-menu or a
    # filter list read as a grid of cards, the account and sign-in panels after the
    # grid read as cards' lines), which the model rates 0.3-0.4 where it rates the
    # collection's own lines higher. Chosen on the WCXB tuning dumps: 0.8365 -> 0.8370
    # (collection 0.647 -> 0.655; 0.35: 0.8367, 0.45: 0.8372 but held-out 0.7974);
    # listings at 0.4 read 0.674 -> 0.678 but their held-out part 0.583 -> 0.579, so
    # they keep the common threshold. Held out: WCXB 0.7971 -> 0.7976 (collection
    # 0.593 -> 0.598, 10 pages up, 4 down); Scrapinghub and multilingual unchanged.
    # A shop's product page is cut from the same template (its mega-menu's lines rated
    # 0.30-0.39): by the fold models, product dumps 0.576 -> 0.582 (21 pages up, 6
    # down), WCXB 0.8111 -> 0.8115, the news sets unchanged; held out, with the shipped
    # model, product 0.5478 -> 0.5490 (4 up, none down), WCXB 0.8030 -> 0.8031 (tune
    # 0.8405 -> 0.8408). Services and documentation gained nothing there.
    keep_text_collection_types: tuple[str, ...] = ("collection", "product")
    keep_text_collection_drop_threshold: float = 0.4
    # Text dumps: a prose line (of `near_min_words` or more) that repeats the shape of
    # content one period back, in a stretch where the lines' shapes repeat (a
    # listing's cards, a thread's posts), is content when its probability is over
    # this, though under `keep_text_threshold`: the last card or post of a run is
    # followed by chrome, which pulls it down (keep.run_members). 1.0: never.
    keep_text_run_threshold: float = 0.4
    # Text dumps: a line inside the content (after its first line and before its last),
    # shown at most `keep_text_inner_copies` times, is content when its probability is
    # over `keep_text_inner_threshold`, though under `keep_text_threshold`, which keeps
    # chrome out where the content is elsewhere but is too high between the content's
    # own lines: a story's subheadings, short paragraphs, list items and table cells
    # are rated between one half and it (keep.inner_members). Chosen on the tuning
    # dumps: WCXB 0.8167 -> 0.8308 (0.4: 0.8311, 0.6: 0.8290, 0.3: 0.8302), Scrapinghub
    # seedlike 0.9672 -> 0.9752, WET 0.9687 -> 0.9765. First tried for subheadings
    # alone (a line ending no sentence, labelled OTHER or NAVIGATION, between two
    # content lines: WCXB 0.8186), then for runs of them (0.8279), then for any line
    # inside. A line shown three times or more is a card's "Add to cart" or an ad's
    # label: for runs of subheadings, with no bound WCXB read 0.8283 against 0.8279 and
    # its forums 0.5983 against 0.6033; for any line, a bound of three reads 0.8313.
    # Out of fold (5 folds by domain): WCXB 0.7856 -> 0.7984, Scrapinghub 0.9366 ->
    # 0.9359, multilingual 0.9240 -> 0.9231 (0.6: 0.7958, 0.9361, 0.9239). 1.0: never.
    keep_text_inner_threshold: float = 0.5
    keep_text_inner_copies: int = 2
    # Text dumps: a prose line (of `keep_text_coherent_min_words` words or more, ending
    # a sentence, shown once, no reader's comment) over `keep_text_coherent_threshold`,
    # `keep_text_coherent_share` or more of whose topic words (four letters or more, no
    # stop word) the content's lines hold, is content (keep.coherent_members): the
    # story's paragraphs past a gallery, a table or a box of chrome fall outside the
    # reducer's region and the model rates them 0.4-0.8, as it rates other stories'
    # teasers there, which speak of other things. Chosen on the tuning part, each dump
    # cleaned with the text model of the fold without its domain (5 folds): WCXB dumps
    # 0.8034 -> 0.8068 (article 0.915 -> 0.919, service 0.782 -> 0.787), Scrapinghub
    # WET 0.9360 -> 0.9371 and seed-like 0.9379 -> 0.9389, multilingual 0.9104 (the
    # same); floors 0.35-0.4, 10-15 words and shares 0.35-0.4 read alike (0.45:
    # 0.8060; 30 words: 0.8058). Without the share (any such line over 0.5 or 0.6):
    # WCXB 0.8082, but Scrapinghub 0.9335 and multilingual 0.8990 (other stories'
    # teasers, a donation prompt). Applied before the lines inside the content
    # (`keep_text_inner_threshold`), which then reach the paragraphs it adds: WCXB
    # 0.8086 (article 0.922), Scrapinghub 0.9375 and 0.9398, multilingual 0.9101.
    # Held-out with the shipped model: WCXB dumps 0.7989 -> 0.8027 (article 0.928 ->
    # 0.932, service 0.817 -> 0.825), multilingual dumps 0.8721 -> 0.8806,
    # Scrapinghub's quarter unchanged. On HTML pages the same rule
    # changes little (WCXB 0.8535 -> 0.8537): their between rule and relative floor
    # keep those paragraphs already. A threshold of 1.0: never; a share of 0: every
    # such line over the threshold.
    keep_text_coherent_threshold: float = 0.4
    keep_text_coherent_min_words: int = 15
    keep_text_coherent_share: float = 0.4
    # Text dumps: where the content the model and the reducer chose holds fewer words
    # than `keep_text_few_words`, every line over `keep_text_few_threshold` is content
    # too, but a reader's comment, the headline or a line taken for navigation
    # (keep.few_members): a listing of teasers read as an article, a documentation
    # page of contents and a paragraph, kept a heading or a line. Only where some line
    # is over `keep_text_threshold` (else the reducer's choice stands). Chosen on the
    # tuning dumps by fold models: WCXB 0.8086 -> 0.8111 (8 dumps up by up to 0.61,
    # none down; navigation lines not excepted, 0.8110 with the menus' "Home" and "Up"
    # taken; 70 words 0.8111 with a dump down, 30 words 0.8089; a floor of 0.3 or 0.4
    # 0.8115, none down, but with the shipped model a tuning service page fell 0.26
    # where 0.5 moves no page down; 0.6 0.8106), Scrapinghub and multilingual unchanged
    # (no news dump changes). Held-out with the shipped model: WCXB dumps 0.8027 -> 0.8030
    # (listing 0.582 -> 0.589), Scrapinghub's quarter and multilingual unchanged. On
    # HTML pages (the same rule, a floor of 0.3 under the model's 0.5): WCXB 0.8560 ->
    # 0.8568, 4 pages up and 1 down; not applied. 0: never.
    keep_text_few_words: int = 50
    keep_text_few_threshold: float = 0.5
    # Text dumps: where the content's last line is prose and a run of
    # `keep_text_across_min_lines` or more short lines (each under `near_min_words`
    # words) follows it, and then prose over `keep_text_across_threshold`, the run and
    # the prose after it are content, again after each such run (keep.across_members).
    # A table rendered one cell a line, a list, or a listicle's furniture between its
    # items is read by the reducer as boilerplate: it weighs the region down, which
    # stops before the prose that follows, and the model reads that prose as outside
    # the content. Chosen on the tuning parts: WCXB dumps 0.8355 -> 0.8365 (article
    # 0.9418 -> 0.9428, service 0.8165 -> 0.8189, product 0.5838 -> 0.5862),
    # multilingual 0.9225 -> 0.9250, Scrapinghub unchanged (a floor of 0.4 took chrome
    # after multilingual stories, 0.9207; 0.6: WCXB 0.8361; runs of 4 lines or more:
    # 0.8362; lines under 12 words: Scrapinghub's held-out quarter 0.9349 -> 0.9309;
    # the region's weights made neutral across such runs instead changed the model's
    # reading of whole pages: WCXB 0.8257-0.8347). Held out: WCXB 0.7967 -> 0.7971
    # (article 0.9255 -> 0.9259, product 0.5407 -> 0.5417; a service page and a
    # listing took a run of chrome and a teaser after their content: service 0.8167 ->
    # 0.8165, listing 0.5833 -> 0.5827), multilingual and Scrapinghub unchanged.
    # 1.0: never.
    # The rule reads a prose line as `near_min_words` words ending a sentence and
    # follows prose lines fewer than `max_gap_blocks` lines apart: retuning those two
    # retunes it as well.
    keep_text_across_threshold: float = 0.5
    keep_text_across_min_lines: int = 3
    # On these page types, a kept paragraph of `repeat_min_words` words or more that
    # says word for word what an earlier kept one said is a second copy and is dropped
    # (reduce/repeats.py): a reply quoting an earlier post of a thread, a product's
    # description shown in a tab and again in its mobile accordion. Other types keep
    # their repeats: a recipe's or a meal plan's lines, an interview's question put to
    # each guest, a coupon's terms under every offer are the page's own text each time.
    # Chosen on WCXB's tuning domains by type (forum 0.8029 -> 0.8213, product 0.6401
    # -> 0.6511; article +0.0007 but Scrapinghub -0.0006, documentation, listing and
    # service lower), held on the held-out ones (forum 0.7838 -> 0.8170, product
    # 0.6948 -> 0.7046) and on the text dumps (forum +0.0009 tune, +0.0008 held-out).
    repeat_types: tuple[str, ...] = ("forum", "product")
    repeat_min_words: int = 10
    # On these page types a block whose whole text is a shop's control (a sort or
    # filter label, a sort order, a result count's range, a card's "Add to cart") is
    # never content, though the keep model took it in with the cards (reduce.controls).
    # Every type: the rule does not need the type, which is often wrong on unseen sites.
    # Tuning part: WCXB 0.8796 -> 0.8798 (collection 0.7147 -> 0.7172, listing 0.7385
    # -> 0.7392); held-out 0.8467 -> 0.8469 (collection 0.6668 -> 0.6685, listing and
    # product +0.0001), no type lower; Scrapinghub, multilingual unchanged. (): never.
    # Text dumps too, one line a block: WCXB text tune 0.83699 -> 0.83701 (collection
    # 0.6555 -> 0.6558, product +0.0001; forum, listing within 0.00001), held-out
    # 0.79760 -> 0.79765 (collection, listing +0.0002), no held-out type lower;
    # Scrapinghub WET/seedlike and multilingual text unchanged to five places.
    control_types: tuple[str, ...] = (
        "article", "service", "product", "collection", "forum", "listing", "documentation",
    )  # fmt: skip
    # Every page type, HTML and text dumps: a run of `repeat_run_min_blocks` kept blocks
    # or more, of `repeat_run_min_words` words or more in all, that says in the same
    # order what an earlier run of the content said is a second rendering of the story
    # or of a section (laid out twice, for wide and for narrow screens) and is dropped
    # (reduce/repeats.py). Needs no type, often wrong on unseen sites. The words bound
    # keeps a plan's or a schedule's recurring runs of short lines (a meal plan's day,
    # 84-195 words a run; a service page's pricing tiers and tabs, 97-285, which WCXB's
    # truth keeps twice): at 80, Scrapinghub 0.9812 -> 0.9802 and WCXB service and
    # documentation lower. At 300 (on WCXB the same pages from 290 to 470): tune 0.8798 ->
    # 0.8801 (article 0.9568 -> 0.9573), held-out 0.8469 -> 0.8493 (article 0.9349 ->
    # 0.9388, collection 0.6685 -> 0.6715), no page lower; text dumps tune 0.8370 ->
    # 0.8372, held-out 0.7976 -> 0.7988 (article 0.9259 -> 0.9277); Scrapinghub (HTML,
    # WET, seedlike) and multilingual unchanged. 0 blocks: never.
    repeat_run_min_blocks: int = 3
    repeat_run_min_words: int = 300
    # On an HTML page, a run holding a paragraph (a block of `repeat_run_paragraph_words`
    # words or more that ends a sentence) is that copy from `repeat_run_prose_min_words`
    # words: a box of calls to action and its terms (an SMS deals box, 71 words) put in
    # the story twice. A plan's or a tier's runs are short lines, a meal plan's recipe
    # line of 40 words ends no sentence (Scrapinghub unchanged; at no sentence end asked,
    # its page 1.0 -> 0.87). A paragraph from 18 words: held-out service lower (0.8057
    # -> 0.8052, a feature's bullets); from 40: WCXB tune 0.8803 -> 0.8805 (listing
    # 0.7392 -> 0.7403, collection 0.7172 -> 0.7179, article +0.0001, documentation
    # 0.9259 -> 0.9256), held-out 0.8495 -> 0.8497 (product 0.7071 -> 0.7091, article
    # 0.9389 -> 0.9391), no held-out type lower; Scrapinghub 0.9813/0.9747 and
    # multilingual 0.9474 (0.9532/0.9167) unchanged. Not in text dumps (WCXB text tune
    # service 0.818 -> 0.817). 0: never.
    repeat_run_prose_min_words: int = 60
    repeat_run_paragraph_words: int = 40

    # HTML: a page that gives no text, and whose visible blocks hold fewer words than
    # this, is read again as a browser shows it (<noscript> content, nothing hidden):
    # its content waits for a script (markup.reveal).
    reveal_max_words: int = 100
    # HTML: a page whose content holds fewer words than this, under `reveal_few_share`
    # of the words its visible blocks hold and with those under `reveal_few_shown`, is
    # read again as a browser shows it too, and that reading is taken where it gives
    # `reveal_gain` times the words and `reveal_min_words` or more: a shop's page whose
    # body an app hides (display:none) until its script runs shows only its menus, and
    # nothing or a word of them came out. A page showing more, or whose few words are
    # mostly its content, is read right (a notice that a page is gone, a grid of few
    # words), and its hidden promotions are no content. Words as the pipeline counts
    # them (a Chinese page's are not its spaces'). WCXB tuning pages by fold models
    # 0.8535 -> 0.8556 (6 pages up, by up to 0.63, none down; 1.5-3 times and
    # 1,000-3,000 shown words alike, a share of 0.3 0.8551); held-out, Scrapinghub and
    # multilingual unchanged. 100 words read one more page right (0.8560) but read 8
    # of the 181 Scrapinghub pages again, paywalled stubs of 66-96 words, each at 2.5-3.5
    # times a page's cost, for nothing: the HTML bench's speed ratio to trafilatura fell
    # from 5.9 to 5.3. 0: never.
    reveal_few_words: int = 50
    reveal_few_share: float = 0.5
    reveal_few_shown: int = 1000
    reveal_gain: float = 2.0
    reveal_min_words: int = 20
    # HTML: a header, nav, footer, button or select element holding more than this
    # share of the page's words is a parse accident (an end tag libxml2 ignored), and is
    # read as a plain <div> (markup.unwrap), on a page showing under `reveal_max_words`.
    unwrap_min_share: float = 0.5

    # Content classes, in the spirit of jusText: lengths in words, densities 0..1.
    good_min_words: int = 18
    good_min_stop_density: float = 0.22
    near_min_words: int = 8
    near_min_stop_density: float = 0.15
    short_max_words: int = 6
    # Share of the page's typical prose density a block needs (lowers thresholds for
    # languages whose stop lists cover less of running text).
    density_page_share: float = 0.6

    # Reducer weights for picking the main run of blocks (maximum-sum segment).
    weight_good_per_word: float = 0.1
    weight_good_cap: float = 8.0
    weight_near: float = 1.2
    # A long block that stops mid-sentence (a teaser cut short) counts this share.
    unfinished_share: float = 0.75
    weight_short: float = -1.5
    weight_bad: float = -1.0
    weight_barrier: float = -12.0
    # The earliest run with at least this share of the best run's weight is the article.
    region_min_share: float = 0.5
    # Of those runs, the earliest with a byline or dateline this many blocks above it
    # or at its start wins, where one has (reduce.best_region).
    region_head_window: int = 3
    # The page type (`pagetype`): news first, another type than article is read only
    # where the article's probability is below this share of that type's.
    page_type_article_share: float = 0.5
    # The same for a text dump, whose type the model of dumps reads from its lines
    # alone (`pagetype.classify_text`, data/pagetype-text.json). Chosen with the types
    # out of fold on tuning pages: at 0.5 the Scrapinghub dumps fell (0.9655/0.9667 to
    # 0.9627/0.9609, a story read as a service page keeps its teasers), at 0.25 they
    # hold (0.9655/0.9640) and WCXB's dumps gain most of it (0.797 to 0.807).
    text_page_type_article_share: float = 0.25
    # Page types whose comment-like blocks (posts, reviews) are content.
    post_types: tuple[str, ...] = ("forum",)
    # HTML: among <article> elements holding long prose, the story's is the one with the
    # most, when it holds at least this many times the next one's outside it (elements
    # nested in it are its parts); the others are other stories' (detect_other_articles).
    # Where none stands out so, they are entries of one list (a guide's entries, a
    # thread's posts, a shop's cards): on an article or documentation page they are
    # weighed again as the article's parts (reduce.cards.entries_as_content).
    story_article_ratio: float = 1.3
    # Page types whose content is spread over several regions (cards of a listing,
    # posts of a thread split by their authors' lines): every run with at least
    # `regions_min_share` of the best run's weight is kept.
    multi_region_types: tuple[str, ...] = ("listing", "collection", "product", "service", "forum")
    regions_min_share: float = 0.1
    # On those pages, blocks these context detectors took for other stories' teasers
    # or menus (each card its own <article>, a run of short card lines) are weighed
    # again as prose, and a line of at least `card_min_words` words, not repeated and
    # with at most `card_max_link_density` of links, inside a region is kept.
    card_reasons: tuple[str, ...] = ("other_articles: ", "list_runs: ", "related_section: ")
    card_min_words: int = 4
    # There a block in a container named by one of these words, which the DOM detector
    # reads as a menu, is a tab panel's line (a product's description, specs,
    # questions) and weighed as a card's when under `card_max_link_density` links
    # (`reduce.cards`). Tuning part: WCXB 0.8793 -> 0.8796 (product 0.651 -> 0.655);
    # held-out 0.8460 -> 0.8467 (product 0.701 -> 0.707); Scrapinghub and
    # multilingual unchanged. (): never.
    card_tab_words: tuple[str, ...] = ("tabs",)
    card_max_link_density: float = 0.5
    # There a short line (a card's headline, byline, date) weighs this little.
    card_weight_short: float = -0.1
    # On these page types, a run of at least `card_grid_min_lines` short unclaimed lines
    # (a grid of cards: name, code, price), with only short repeated lines between
    # them and at least `card_grid_min_plain_share` of them not links, is content, each
    # line pulling the region `card_grid_weight` (reduce._card_grids).
    card_grid_types: tuple[str, ...] = ("listing", "collection", "product")
    # The same two for text dumps, by the dumps' own type (`pagetype.classify_text`).
    # Chosen with the types out of fold on the WCXB tuning dumps (every way of reading
    # each type, at every article share): a documentation page's sections and a
    # product page's description and specs are read as several regions, but not as a
    # grid of cards (0.807 to 0.810; a product dump's lines of codes and prices are
    # its menus and related items as often as its own facts).
    text_multi_region_types: tuple[str, ...] = (
        "listing",
        "collection",
        "product",
        "service",
        "forum",
        "documentation",
    )
    text_card_grid_types: tuple[str, ...] = ("listing", "collection")
    card_grid_min_lines: int = 6
    card_grid_min_plain_share: float = 0.3
    card_grid_weight: float = 0.2
    # A text dump's run of short lines starting in the page's first
    # `card_grid_head_share` of blocks is a grid of cards only when more than
    # `card_grid_head_min_digit_share` of its lines hold a digit (prices, ratings,
    # dates): else it is a menu, which a dump shows without its links (reduce.cards.
    # card_grids). Chosen on the WCXB tuning dumps: 0.8315 -> 0.8355, collection 0.608
    # -> 0.647, listing 0.657 -> 0.673 (head share 0.1/0.3/0.5/1.0: 0.8333/0.8343/
    # 0.8333/0.8341; digit share 0/0.05/0.1/0.3: 0.8331/0.8336/0.8341/0.8356).
    card_grid_head_share: float = 0.2
    card_grid_head_min_digit_share: float = 0.2
    # A short block inside the article region is kept when it looks like prose or
    # a subheading and has article blocks on both sides within this distance.
    max_gap_blocks: int = 3

    # Metadata search windows, in blocks around the article start.
    title_window: int = 8
    # The text dumps' headline model (boilerstrip/data, or a path; "" for the rules
    # alone): gradient-boosted trees that rate each line near the content's start as
    # the page's headline once the content is settled (learned/headline.py); the
    # best-rated line is the title. It changes no text. WCXB tuning dumps' titles right
    # 46.0% -> 57.7% out of fold (5 folds by domain), held-out 41.3% -> 50.5%.
    title_text: str = "title-text.json"
    # A dump whose best-rated line is under this has no title: there the model's best
    # is "Skip to main content", a cart prompt or a copyright line. Out of fold on the
    # WCXB tuning dumps, titles right 57.6% -> 57.5% and wrong 42.4% -> 36.1%. Higher
    # floors cut more wrong titles (0.03: 57.2% right, 32.0% wrong) but cost right
    # ones where the model is least sure of any line: pages in other languages, whose
    # address holds none of the headline's words (multilingual dumps, tune: 2 of 83 at
    # 0.03, none at 0.01).
    title_text_floor: float = 0.01
    header_window: int = 40
    # The blocks this close under the headline may hold its date line whatever their
    # label (a template may make it look like a menu or a footer).
    date_under_title: int = 5
    # Page types dated by the markup's date of the page as a whole (a WebPage's
    # datePublished, the last update) when they give no other: a product or service
    # page gives one too, but has no publication date.
    page_date_types: tuple[str, ...] = ("article", "forum")

    # Limits: linear time
    # HTML: libxml2 builds a tree's attributes in time quadratic in their number on one
    # element; a page with a tag of more attributes than this is not built into a tree
    # to be read again as a browser shows it (html/repair.py). The walks read libxml2's
    # parse events, linear in them, and need no tree.
    html_max_attributes: int = 256
    # HTML: the <article> elements a block is numbered inside, outermost first, up to
    # this many (each nested one makes a tuple one longer: quadratic without a bound).
    html_max_nested_articles: int = 64
    # HTML: libxml2 (2.14) looks for an end tag's element down its stack of open
    # elements (to the nearest of that name, or through all where none is open), and
    # for an open <body> at every <body> start tag: thousands of such misplaced tags,
    # thousands of elements deep, take time quadratic in the page, inside libxml2,
    # where a deadline is checked only between its events ('<div></span>' 100,000
    # times, 1.2 MB: 10-16 s). The walk in C counts the elements libxml2 goes through
    # for them; past this many, the page is refused (an InputError naming this field)
    # within a second. No page of the benches (1,974 with the fixtures) reaches 10,000.
    # 0: no bound. The walk in Python (no C build) has none: lxml shows it no error
    # while it parses.
    html_max_end_tag_search: int = 1 << 26

    # HTML: a boilerplate class or role on an element holding more than this share of
    # the page's text is a layout wrapper, not what its name says: its blocks take the
    # next hint around instead (html/hints.py).
    html_hint_max_share: float = 0.3
    # HTML: a <nav> (or navigation role) becomes one block when at least this share of
    # its text is in links; else it is walked like any element.
    html_nav_min_link_share: float = 0.5

    # Limits: time
    # Seconds `clean()` may spend on one page, past which it raises a TimeLimitError
    # naming this field; 0 is no limit (the default: a result never depends on the
    # machine's speed or load, and every path is linear in the page, which
    # max_input_chars bounds). Checked between stages, before each detector, in the
    # walks (Python and C), while libxml2 reads a large page, and in the loops over the
    # blocks; one call into C (a regular expression on one block) runs to its end
    # (budget.py, docs/reliability.md).
    time_limit: float = 0.0

    def __post_init__(self) -> None:
        """Every field has its default's type (a wrong one is an ArgumentError naming
        the field) and a value in its range (else a ConfigError naming it), here, not
        an obscure failure or a silently empty result deep inside some page."""
        for name, kind in _FIELD_TYPES:
            value = getattr(self, name)
            if type(value) is not kind:
                _check_field(name, value, kind)
            if kind is int or kind is float:
                _check_range(name, value, kind)

    def replace(self, **changes: Any) -> Config:
        """A copy with some fields changed (the Config itself never changes)."""
        return replace(self, **changes)

    def active_detectors(self) -> tuple[str, ...]:
        """The detectors that run, in order: `detectors` less the `disabled` ones."""
        return tuple(d for d in self.detectors if d not in self.disabled)


def _default_type(item: Field[Any]) -> type:
    factory = item.default_factory
    return type(item.default if factory is MISSING else factory())


# Each field's name and its default's type, which a value must have (or be close to).
_FIELD_TYPES: tuple[tuple[str, type], ...] = tuple((f.name, _default_type(f)) for f in fields(Config))


# The fields that are a probability or a share of a whole: each from 0 to 1.
_UNIT_FIELDS: frozenset[str] = frozenset(
    {
        "dom_link_density",
        "table_max_link_share",
        "scorer_confidence",
        "keep_threshold",
        "keep_drop_threshold",
        "keep_card_threshold",
        "keep_prose_drop_threshold",
        "keep_relative_drop",
        "keep_relative_min",
        "builder_tail_share",
        "keep_between_threshold",
        "keep_between_max_link_density",
        "keep_list_mates_share",
        "keep_own_floor",
        "keep_own_below",
        "keep_own_max_link_density",
        "keep_own_story_below",
        "keep_stack_sure",
        "keep_text_threshold",
        "keep_text_drop_threshold",
        "keep_text_collection_drop_threshold",
        "keep_text_run_threshold",
        "keep_text_inner_threshold",
        "keep_text_coherent_threshold",
        "keep_text_coherent_share",
        "keep_text_few_threshold",
        "reveal_few_share",
        "keep_text_across_threshold",
        "unwrap_min_share",
        "good_min_stop_density",
        "near_min_stop_density",
        "unfinished_share",
        "region_min_share",
        "regions_min_share",
        "card_max_link_density",
        "card_grid_min_plain_share",
        "card_grid_head_share",
        "card_grid_head_min_digit_share",
    }
)


def _check_range(name: str, value: float, kind: type) -> None:
    """Raise a ConfigError unless `value` is in the field's range: no number is NaN
    (every comparison with it is false, so a threshold of NaN passes or fails all
    silently), a count or a limit (an int field, or `time_limit`) is not negative, a
    probability or a share (`_UNIT_FIELDS`) is from 0 to 1, and a ratio
    (`_RATIO_FIELDS`) is from 0 and finite."""
    if math.isnan(value):
        raise ConfigError(f"Config.{name} must be a number, not NaN")
    if name in _UNIT_FIELDS and not 0 <= value <= 1:
        raise ConfigError(f"Config.{name} must be from 0 to 1, not {value!r}")
    if (kind is int or name == "time_limit") and value < 0:
        raise ConfigError(f"Config.{name} must not be negative, not {value!r}")
    if name in _RATIO_FIELDS and not 0 <= value < math.inf:
        raise ConfigError(f"Config.{name} must be a finite number from 0, not {value!r}")


# The fields that are a ratio of two counts: from 0, and finite (times 0 words, an
# infinite ratio is NaN, which no count passes).
_RATIO_FIELDS: frozenset[str] = frozenset({"reveal_gain"})


def _check_field(name: str, value: object, kind: type) -> None:
    """Raise an ArgumentError unless `value` fits a field of type `kind`: an int where
    a float is expected is fine, a bool is no number, and detector names may come in
    any collection but a str (it would be read as names of one letter each)."""
    if kind is int:
        ok, what = isinstance(value, int) and not isinstance(value, bool), "an int"
    elif kind is float:
        ok, what = isinstance(value, (int, float)) and not isinstance(value, bool), "a number"
    elif kind is str:
        ok, what = isinstance(value, str), "a str"
    else:
        ok = isinstance(value, (tuple, list, set, frozenset)) and all(isinstance(v, str) for v in value)
        what = "a tuple or set of detector names (str)"
    if not ok:
        raise ArgumentError(f"Config.{name} must be {what}, not {type(value).__name__}")
