"""Assembly: the one place a page's Result is built, once its blocks are labelled and
its type is known: the article chosen, the metadata read around it and merged with
the markup's, the keep model's last word on the content, the comments grouped.

Why one place: every field of a Result is settled here, in this order, so that a
value followed from `clean()` goes down the stages and never comes back up.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from ..budget import Deadline
from ..config import Config
from ..detect import scorer
from ..htmlmeta import HtmlMeta
from ..learned import headline, keep
from ..learned.forest import probabilities
from ..learned.linerows import Column
from ..learned.pagestats import PageCounts
from ..meta import (
    credit_wire,
    find_authors,
    find_dateline,
    find_dates,
    find_dump_title,
    find_section,
    find_title,
    headline_further_up,
    last_crumb,
    split_copyright,
)
from ..model import Block, Label
from ..render import article_text
from ..result import Result
from .article import builder_pieces, select_article
from .comments import extract_comments
from .controls import drop_controls, drop_footers, drop_reviews
from .metadata import PageMeta, settle
from .region import block_weights, relabel
from .repeats import drop_repeated_runs, drop_repeats

# Where a TimeLimitError raised between the steps after the keep model stopped.
_AFTER_MODEL: Final = "in the reducer, after the keep model"


def assemble(
    blocks: list[Block],
    cfg: Config,
    *,
    include_comments: bool,
    forest: keep.Forest | None = None,
    headline_forest: keep.Forest | None = None,
    stack_forest: keep.Forest | None = None,
    page_type: str = "article",
    url: str | None = None,
    deadline: Deadline | None = None,
    marks: Sequence[tuple[int, int, int]] | None = None,
    text: bool = False,
    markup: HtmlMeta | None = None,
    language: str | None = None,
    counts: PageCounts | None = None,
) -> Result:
    """The Result: article text, metadata around the region, comments if asked.
    `markup` is what an HTML page's markup says (None for a text dump), its headline
    the hint for the one in the text (else `url`, the page's address, may name it);
    `language` the one detected from the text; `page_type` how the region is read
    (`pagetype.TYPES`); `forest` the keep model, which has the last word on the
    content once every label is set (with `stack_forest`, its second stage, on HTML
    pages: `Config.keep_html_stack`), `headline_forest` a text dump's headline model,
    which has it on the title once the content is settled (HTML pages have their
    markup's). Its steps, and the loops over the blocks in the costly ones, check
    `deadline` (`Config.time_limit`). `marks` and `counts`: a text dump's
    `pagetype.page_marks` and `pagetype.page_counts`, made once for its type, read
    again by the keep model; `text` whether the page is a text dump (its types are
    read by their own fields)."""
    deadline = deadline or Deadline(0)
    article = select_article(blocks, cfg, page_type, text=text, deadline=deadline)
    deadline.check("in the reducer, after choosing the article")
    start = article[0].index if article else len(blocks)
    title_hint = (markup.title or markup.page_title) if markup else None
    title = find_title(blocks, start, cfg.title_window, title_hint, url)
    title_start = start
    if title is not None:
        relabel(title, Label.TITLE, "reducer: headline above the article")
        # By identity: `in` and `remove` would compare blocks field by field.
        kept = [b for b in article if b is not title]
        if len(kept) < len(article):
            article = kept
            start = article[0].index if article else len(blocks)
    section = find_section(blocks, title)
    if section is not None:
        relabel(section, Label.METADATA, "reducer: section name above the headline")
    dateline, dateline_wire = find_dateline(blocks, article)
    wire_line, site_line, wire = split_copyright(blocks, dateline_wire)
    if wire is None:  # no agency's copyright line: its dateline or credit line
        wire, wire_line = credit_wire(blocks, article, dateline_wire)
    deadline.check("in the reducer, before the dates")
    date, date_modified = find_dates(
        blocks, min(len(blocks), start + cfg.header_window), title, cfg.date_under_title, deadline
    )
    if forest is not None:
        article = _kept(blocks, cfg, forest, page_type, deadline, marks, counts, stack_forest)
    deadline.check(_AFTER_MODEL)
    article = drop_controls(article, page_type, cfg)
    if not text:
        article = drop_footers(article, page_type, cfg)
        article = drop_reviews(blocks, article, page_type, cfg)
    deadline.check(_AFTER_MODEL)
    article = drop_repeats(article, page_type, cfg)
    article = drop_repeated_runs(article, cfg, text=text, deadline=deadline)
    deadline.check(_AFTER_MODEL)
    if not text:
        title = _markup_headline(blocks, title, title_start, cfg, title_hint)
    if title is None and text:
        title = _dump_title(blocks, article, cfg)
    if headline_forest is not None and text:
        title = _rated_title(blocks, headline_forest, url, cfg, deadline, title)
    deadline.check("in the reducer, before the authors")
    shown_title = (last_crumb(title.text, loose=True) if text else title.text) if title else None
    authors = find_authors(blocks[: start + cfg.header_window], page_type)
    found = PageMeta(
        title=shown_title,
        date=date,
        date_modified=date_modified,
        section=section.text if section else None,
        authors=_not_the_headline(authors, shown_title) if text else authors,
        site_name=None,
        wire_service=wire,
        url=url,
        language=language,
    )
    comments = extract_comments(blocks, article) if include_comments else []
    headline = title.text if title is not None and title.dom is not None and title.dom.heading == 1 else None
    page = settle(found, markup, blocks, page_type, cfg.page_date_types, headline)
    return Result(
        text=article_text(article),
        title=page.title,
        date=page.date,
        date_modified=page.date_modified,
        dateline=dateline,
        section=page.section,
        authors=page.authors,
        site_name=page.site_name,
        wire_service=page.wire_service,
        copyright=wire_line,
        site_copyright=site_line,
        language=page.language,
        comments=comments,
        blocks=blocks,
        url=page.url,
        source_type="text" if markup is None else "html",
        page_type=page_type,
    )


def _kept(
    blocks: Sequence[Block],
    cfg: Config,
    forest: keep.Forest,
    page_type: str,
    deadline: Deadline,
    marks: Sequence[tuple[int, int, int]] | None,
    counts: PageCounts | None = None,
    stack: keep.Forest | None = None,
) -> list[Block]:
    """The content as the keep model (and its second stage `stack`, if any) settles
    it, with the rules of the page's kind (`_text_rules`, `_html_rules`); on an HTML
    story, with the page builder's pieces between its blocks (`article.builder_pieces`)."""
    features = keep_features(
        blocks, cfg, page_type, text=forest.text, deadline=deadline, marks=marks, counts=counts
    )
    rules = _text_rules(cfg, page_type) if forest.text else _html_rules(cfg, page_type)
    content = keep.decide(blocks, forest, features, rules, deadline, stack)
    if forest.text or page_type not in cfg.keep_builder_types:
        return content
    return builder_pieces(blocks, content, cfg)


def _text_rules(cfg: Config, page_type: str) -> keep.Rules:
    """A text dump's rules: a collection's drops more of the reducer's content (its
    chrome reads as cards, `Config.keep_text_collection_types`); runs, lines inside the
    content and the content across a table or list are added, and more where the
    content is next to nothing."""
    drop = (
        cfg.keep_text_collection_drop_threshold
        if page_type in cfg.keep_text_collection_types
        else cfg.keep_text_drop_threshold
    )
    return keep.Rules(
        cfg.keep_text_threshold,
        drop,
        runs=(cfg.keep_text_run_threshold, cfg.near_min_words),
        inner=(cfg.keep_text_inner_threshold, cfg.keep_text_inner_copies),
        coherent=(
            cfg.keep_text_coherent_threshold,
            cfg.keep_text_coherent_min_words,
            cfg.keep_text_coherent_share,
        )
        if cfg.keep_text_coherent_threshold < 1
        else None,
        across=(
            cfg.keep_text_across_threshold,
            cfg.keep_text_across_min_lines,
            cfg.near_min_words,
            cfg.max_gap_blocks,
        ),
        few=(cfg.keep_text_few_words, cfg.keep_text_few_threshold) if cfg.keep_text_few_words else None,
    )


def _html_rules(cfg: Config, page_type: str) -> keep.Rules:
    """An HTML page's rules: a page of cards' thresholds or a story's; a story's long
    paragraphs dropped only where the model is sure, and paragraphs between the
    content's blocks added."""
    add = cfg.keep_card_threshold if page_type in cfg.keep_card_types else cfg.keep_threshold
    return keep.Rules(
        add,
        cfg.keep_drop_threshold,
        prose=(cfg.keep_prose_drop_threshold, cfg.keep_prose_min_words, cfg.keep_prose_tags),
        between=(cfg.keep_between_threshold, cfg.keep_between_min_words, cfg.keep_between_max_link_density),
        relative=(cfg.keep_relative_drop, cfg.keep_relative_min)
        if page_type in cfg.keep_relative_types
        else None,
        mates=(cfg.keep_list_mates_share, cfg.keep_between_max_link_density)
        if page_type in cfg.keep_list_mates_types
        else None,
        own=_own_rule(cfg, page_type),
        second=(cfg.keep_stack_min_blocks, cfg.keep_stack_sure),
    )


def _own_rule(cfg: Config, page_type: str) -> tuple[float, float, float, int] | None:
    """An HTML page's own threshold (keep.own_members): a page of cards' or a forum's
    (any line with words), a story's (only prose, as `between_members` reads it:
    under a bound of its own, which keeps the sure news pages out), or none."""
    if page_type in cfg.keep_own_types:
        return (cfg.keep_own_floor, cfg.keep_own_below, cfg.keep_own_max_link_density, 0)
    if page_type in cfg.keep_own_story_types:
        return (
            cfg.keep_own_floor,
            cfg.keep_own_story_below,
            cfg.keep_between_max_link_density,
            cfg.keep_between_min_words,
        )
    return None


def _markup_headline(
    blocks: Sequence[Block], title: Block | None, start: int, cfg: Config, hint: str | None
) -> Block | None:
    """An HTML page's headline once its content is known: the <h1> further up that says
    the markup's headline where the block `find_title` took near the article's `start`
    does not (`titles.headline_further_up`), relabelled TITLE (but where the keep model
    took it into the content, which it stays in) and the other one OTHER; else
    `title`. Looked for after the keep model, it changes no text: the labels the model
    reads are those it learned from (relabelled before it, the caption and the <h1>
    moved WCXB pages both ways, 8 held-out up and 15 down, and a held-out Scrapinghub
    story by 0.016, for no gain in all)."""
    found = headline_further_up(blocks, start, cfg.title_window, hint, title)
    if found is None:
        return title
    if title is not None:
        relabel(title, Label.OTHER, "reducer: not the headline, which the markup names further up")
    if found.label is Label.ARTICLE:
        # The content is settled: a headline the keep model took in stays in the text.
        found.reasons.append("reducer: the markup's headline, above the article's start (kept as content)")
    else:
        relabel(found, Label.TITLE, "reducer: the markup's headline, above the article's start")
    return found


def _dump_title(blocks: Sequence[Block], article: Sequence[Block], cfg: Config) -> Block | None:
    """A text dump's headline when none was found above the region the reducer chose:
    on a shop's or a service's page that region is often a menu at the top, and the
    headline is above the content the keep model settles on, often a line the menus
    repeat (the page's own item in them), so taken for one (WCXB tuning dumps' titles
    42.3% -> 44.4%). Looked for once the content is known, it changes no text; its
    label stays (a name line above the content is still read for the authors)."""
    return find_dump_title(blocks, article[0].index if article else len(blocks), cfg.title_window)


def _not_the_headline(authors: list[str], headline: str | None) -> list[str]:
    """The authors of a text dump but its headline: a headline of two or three
    capitalised words beside a date line ("Climate Change" / "March 3, 2025") has a
    name's shape, and a dump has no markup to tell them apart (an HTML page's
    organisation may share its name with the page, and its markup says so)."""
    if headline is None:
        return authors
    folded = headline.strip().casefold()
    return [a for a in authors if a.strip().casefold() != folded]


def _rated_title(
    blocks: Sequence[Block],
    forest: keep.Forest,
    url: str | None,
    cfg: Config,
    deadline: Deadline,
    ruled: Block | None,
) -> Block | None:
    """A text dump's headline as the headline model rates the lines near the content's
    start: `ruled` (the rules' headline) without candidates, None where the model
    rates none of them at `Config.title_text_floor` or over. Once the content is
    settled, like `_dump_title`: it changes no text, and no label."""
    found, rows = headline_rows(blocks, url, cfg)
    if not found:
        return ruled
    return headline.best(found, probabilities(forest, rows, deadline), cfg.title_text_floor)


def headline_rows(
    blocks: Sequence[Block], url: str | None, cfg: Config
) -> tuple[list[Block], list[list[float]]]:
    """The headline model's candidates and their rows, of a text dump whose blocks are
    labelled as the reducer and the keep model left them (the one place both the
    pipeline and the training script make them): the content is the blocks labelled
    ARTICLE (its first lines: `headline.CONTENT_LINES` are all the rows read of it),
    the rules' headline the block labelled TITLE, else `_dump_title`'s."""
    content = _content_opening(blocks)
    ruled = next((b for b in blocks if b.label is Label.TITLE), None) or _dump_title(blocks, content, cfg)
    found = headline.candidates(blocks, content[0].index if content else len(blocks))
    return found, headline.rows(blocks, found, content, ruled, url)


def _content_opening(blocks: Sequence[Block]) -> list[Block]:
    """The first `headline.CONTENT_LINES` blocks labelled ARTICLE: where the content
    starts and the words its opening holds, without a pass over the whole page."""
    opening: list[Block] = []
    for b in blocks:
        if b.label is Label.ARTICLE:
            opening.append(b)
            if len(opening) == headline.CONTENT_LINES:
                break
    return opening


def keep_features(
    blocks: Sequence[Block],
    cfg: Config,
    page_type: str,
    *,
    text: bool,
    deadline: Deadline | None = None,
    marks: Sequence[tuple[int, int, int]] | None = None,
    counts: PageCounts | None = None,
) -> list[list[float]] | list[Column]:
    """The keep model's features of a labelled page: `keep.text_columns` for a text
    dump (by feature, arrays('d'), as `keep.decide` reads them: made so, turning them
    into rows cost 3% of a dump's time), `keep.rows` for an HTML page (the one place both the pipeline
    and the training script make them), of the one `keep.RowContext` made here,
    checking `deadline` as they are made."""
    main, typical = scorer.page_context(blocks)
    weights = block_weights(blocks, cfg)
    page = keep.RowContext(
        blocks,
        weights,
        typical,
        main,
        cfg.good_min_words,
        cfg.near_min_words,
        page_type=page_type,
        marks=marks,
        deadline=deadline,
        counts=counts,
    )
    return keep.text_columns(page) if text else keep.rows(page)
