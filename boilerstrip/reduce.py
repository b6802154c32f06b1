"""Reducer: pick the main article region, keep its article blocks, assemble the Result.

Why a maximum-sum run: article paragraphs score positive and boilerplate negative, so
the best contiguous run is the article, split ads and subheadings included, while
comment and related sections behind a barrier (their heading) stay out.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from typing import Final

from . import keep, meta
from . import patterns as P
from .budget import Deadline
from .config import Config
from .detect import scorer
from .model import CELL_TAGS, LABELS, Block, Comment, Label, Result


def block_weights(blocks: Sequence[Block], cfg: Config) -> list[float]:
    """How much each block pulls the article region towards itself: the detector's
    score where it gave one (prose, barriers such as comment headings), else by label."""
    default = dict.fromkeys(LABELS, cfg.weight_bad)
    default.update({Label.ARTICLE: 0.0, Label.OTHER: 0.0})
    default.update(
        dict.fromkeys((Label.METADATA, Label.BYLINE, Label.DATELINE, Label.TITLE), cfg.weight_short)
    )
    return [b.score or default[b.label] for b in blocks]  # type: ignore[index]


def best_region(blocks: Sequence[Block], cfg: Config) -> tuple[int, int]:
    """[start, end) of the article: the earliest strong run of block weights that an
    article's byline or dateline heads, else the earliest strong run.

    Kadane's maximum-sum run is found within each stretch between resets; pages that
    scroll into further stories put the main one first, so the earliest run reaching
    `region_min_share` of the best one wins. But an early run of prose with no byline
    (a maintenance notice, another story's standfirst) must not win over the story
    its byline heads further down.
    """
    runs = _runs(blocks, cfg)
    if not runs:
        return 0, 0
    top = max(r[0] for r in runs)
    strong = [r for r in runs if r[0] >= top * cfg.region_min_share]
    headed = [r for r in strong if _is_headed(blocks, r[1], cfg.region_head_window)]
    first = (headed or strong)[0]
    return first[1], first[2]


def _is_headed(blocks: Sequence[Block], start: int, window: int) -> bool:
    """Whether a byline or dateline is among the `window` blocks above `start`, or
    is the first block of the run."""
    return any(
        blocks[k].label in (Label.BYLINE, Label.DATELINE) for k in range(max(0, start - window), start + 1)
    )


def content_regions(blocks: Sequence[Block], cfg: Config) -> list[tuple[int, int]]:
    """[start, end) of every run of block weights with at least `regions_min_share`
    of the best one's weight: a listing's content is spread over many sibling cards
    that boilerplate (their links, prices, buttons) splits into runs."""
    runs = _runs(blocks, cfg)
    if not runs:
        return []
    top = max(r[0] for r in runs)
    return [(r[1], r[2]) for r in runs if r[0] >= top * cfg.regions_min_share]


def _runs(blocks: Sequence[Block], cfg: Config) -> list[tuple[float, int, int]]:
    """(weight, start, end) of the maximum-sum run of each stretch between resets."""
    runs: list[tuple[float, int, int]] = []
    best = (0.0, 0, 0)
    run_start, run_sum = 0, 0.0
    for i, w in enumerate(block_weights(blocks, cfg)):
        if run_sum <= 0:
            if best[0] > 0:
                runs.append(best)
            best = (0.0, i, i)
            run_start, run_sum = i, w
        else:
            run_sum += w
        if run_sum > best[0]:
            best = (run_sum, run_start, i + 1)
    if best[0] > 0:
        runs.append(best)
    return runs


def select_article(
    blocks: Sequence[Block], cfg: Config, page_type: str = "article", *, text: bool = False
) -> list[Block]:
    """Label the article: prose in the region stays, prose outside and repeats go.
    A forum thread's posts are its content; a listing (and collection, product or
    service page) keeps every strong region, not one. A text dump (`text`) reads its
    types by the text fields (`Config.text_multi_region_types`)."""
    multi = cfg.text_multi_region_types if text else cfg.multi_region_types
    grids = cfg.text_card_grid_types if text else cfg.card_grid_types
    if page_type in cfg.post_types:
        _posts_as_content(blocks, cfg)
    if page_type in multi:
        _cards_as_content(blocks, cfg)
        regions = _card_regions(blocks, cfg, page_type in grids, text)
    else:
        start, end = best_region(blocks, cfg)
        regions = [(start, end)] if end > start else []
    seen: set[str] = set()
    article: list[Block] = []
    done = 0
    for start, end in regions:
        _drop_prose([b for b in blocks[done:start] if b.label is Label.ARTICLE])
        card_words = cfg.card_min_words if page_type in multi else 0
        _keep_region(blocks, start, end, cfg, seen, article, card_words)
        done = end
    _drop_prose([b for b in blocks[done:] if b.label is Label.ARTICLE])
    return article or _fallback_article(blocks, cfg)


def _card_regions(blocks: Sequence[Block], cfg: Config, grids: bool, text: bool) -> list[tuple[int, int]]:
    """The content regions of a page of cards, its grids of cards read first (`grids`).
    A text dump read without them whose lines make no region at all (a shop's page of
    short lines only: name, price, sizes) is read with them: a page holds content."""
    if grids:
        _card_grids(blocks, cfg)
    regions = content_regions(blocks, cfg)
    if regions or grids or not text:
        return regions
    _card_grids(blocks, cfg)
    return content_regions(blocks, cfg)


def _keep_region(
    blocks: Sequence[Block],
    start: int,
    end: int,
    cfg: Config,
    seen: set[str],
    article: list[Block],
    card_words: int = 0,
) -> None:
    for b in blocks[start:end]:
        if card_words and b.label is Label.OTHER and _is_card_line(b, card_words, cfg):
            _relabel(b, Label.ARTICLE, "reducer: a card's line in a content region")
        if b.label is Label.OTHER and _is_inner_line(b, blocks, cfg):
            _relabel(b, Label.ARTICLE, "reducer: short line between article paragraphs")
        if b.label is Label.ARTICLE:
            if b.text in seen and b.tag not in CELL_TAGS:  # cells repeat by nature ("0", "Yes")
                _relabel(b, Label.OTHER, "reducer: repeats an earlier article block")
                continue
            seen.add(b.text)
            article.append(b)


def _is_card_line(b: Block, card_words: int, cfg: Config) -> bool:
    dom = b.dom
    return (
        b.features.words >= card_words
        and b.features.repeats == 1
        and (dom is None or dom.link_density <= cfg.card_max_link_density)
    )


def _cards_as_content(blocks: Sequence[Block], cfg: Config) -> None:
    """On a listing the cards are the content, and their lines are short: blocks that
    context detectors took for other stories' teasers or menus (each card its own
    <article>, a run of card lines) and prose the scorer marked down (it learned that
    teasers are not the story on news pages) are weighed again by their own length and
    prose alone; short lines weigh little (`card_weight_short`), so that a card's
    headline, byline and date do not split the cards into runs."""
    for b in blocks:
        last = b.reasons[-1] if b.reasons else ""
        if b.label in (Label.RELATED, Label.NAVIGATION) and last.startswith(cfg.card_reasons):
            _reweigh(b, cfg, "reducer: a card of a listing")
        elif _is_card_title(b, last):
            _reweigh(b, cfg, "reducer: a card's linked title")
        elif b.label in (Label.ARTICLE, Label.OTHER) and last.startswith("content: "):
            _reweigh(b, cfg, "reducer: weighed as a card's line")
        if b.label in (Label.OTHER, Label.BYLINE, Label.METADATA) and b.score <= 0:
            b.score = cfg.card_weight_short


_TITLE_TAGS: Final = ("h2", "h3", "h4", "h5", "h6")


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


def _card_grids(blocks: Sequence[Block], cfg: Config) -> None:
    """A grid of cards (a shop's products, a collection's items) is a long run of short
    lines no detector claimed: each card's name, code and price. Weighed as short lines
    they fall outside every content region, and the listing keeps only its intro. A run
    of at least `card_grid_min_lines` such lines, where only short repeated lines (a
    price or a label several cards share) may come between them, is content: its lines
    pull the region `card_grid_weight` each and its repeated lines no longer split it."""
    run: list[Block] = []
    for b in blocks:
        if _is_grid_line(b, cfg) or (run and _is_grid_gap(b, cfg)):
            run.append(b)
        else:
            _take_grid(run, cfg)
            run = []
    _take_grid(run, cfg)


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


def _take_grid(run: Sequence[Block], cfg: Config) -> None:
    """The run's lines are content when they are enough, and enough of them are not
    links (a card's code, price or blurb; a menu nobody claimed is links only)."""
    lines = [b for b in run if b.label is Label.OTHER]
    plain = sum(1 for b in lines if b.dom is None or b.dom.link_density <= cfg.card_max_link_density)
    if len(lines) < cfg.card_grid_min_lines or plain < len(lines) * cfg.card_grid_min_plain_share:
        return
    for b in run:
        if b.label is Label.OTHER:
            b.score = cfg.card_grid_weight
            _relabel(b, Label.ARTICLE, "reducer: a line of a grid of cards")
        else:
            b.score = cfg.card_weight_short


def _reweigh(b: Block, cfg: Config, reason: str) -> None:
    f = b.features
    if f.words >= cfg.good_min_words or (f.words >= cfg.near_min_words and f.ends_sentence):
        b.score = min(max(f.words * cfg.weight_good_per_word, cfg.weight_near), cfg.weight_good_cap)
        _relabel(b, Label.ARTICLE, reason)
    else:
        b.score = cfg.weight_short
        _relabel(b, Label.OTHER, reason)


def _posts_as_content(blocks: Sequence[Block], cfg: Config) -> None:
    """On a forum thread the posts are the content: blocks labelled comment for
    sitting in a post (a comment class, the comment section) or in another <article>
    are weighed again as prose; vote, reply and author lines, which the comment
    patterns claimed, stay out (no longer barriers: they separate posts)."""
    for b in blocks:
        if b.label is Label.COMMENT and b.reasons and b.reasons[0].startswith("comments: "):
            b.score = cfg.weight_short
            continue
        from_post = (b.label is Label.COMMENT and b.reasons[-1].startswith(_POST_REASONS)) or (
            b.label is Label.RELATED and b.reasons[-1].startswith("other_articles: ")
        )
        if not from_post:
            continue
        f = b.features
        if P.FORUM_STATS.match(b.text):
            b.score = cfg.weight_short
        elif f.words >= cfg.good_min_words or (f.words >= cfg.near_min_words and f.ends_sentence):
            b.score = min(max(f.words * cfg.weight_good_per_word, cfg.weight_near), cfg.weight_good_cap)
            _relabel(b, Label.ARTICLE, "reducer: a post of a forum thread")
        elif f.words >= 2 and not b.features.repeats > 1:
            b.score = 0.0
            _relabel(b, Label.ARTICLE, "reducer: a short post of a forum thread")
        else:
            b.score = cfg.weight_short


_POST_REASONS: Final = ("dom: inside a", "comment_section: ")


def _fallback_article(blocks: Sequence[Block], cfg: Config) -> list[Block]:
    """A page given to clean holds an article: when nothing is left as article, the
    unclaimed long block that scored best is it (never one a pattern or structure
    labelled: those stay what they are)."""
    prose = [b for b in blocks if b.label is Label.OTHER and b.features.words >= cfg.good_min_words]
    if not prose:
        return []
    best = max(prose, key=lambda b: (b.score, -b.index))
    _relabel(best, Label.ARTICLE, "reducer: no article region; the most article-like block")
    return [best]


def _drop_prose(blocks: Sequence[Block]) -> None:
    for b in blocks:
        _relabel(b, Label.OTHER, "reducer: prose outside the main article region")


def _is_inner_line(b: Block, blocks: Sequence[Block], cfg: Config) -> bool:
    """A subheading or short paragraph: article prose close on both sides."""
    lo = max(0, b.index - cfg.max_gap_blocks)
    hi = b.index + cfg.max_gap_blocks + 1
    before = any(x.label is Label.ARTICLE for x in blocks[lo : b.index])
    after = any(x.label is Label.ARTICLE for x in blocks[b.index + 1 : hi])
    return before and after and b.features.words >= 2 and b.features.repeats == 1


def _relabel(block: Block, label: Label, reason: str) -> None:
    block.label = label
    block.reasons.append(reason)


def extract_comments(blocks: Sequence[Block], article: Sequence[Block]) -> list[Comment]:
    """Group comment-section blocks into comments: vote lines close one, a line that
    repeats article text is the comment's quote."""
    bodies = [
        b
        for b in blocks
        if b.label is Label.COMMENT
        and (not P.COMMENT_MARKER.match(b.text))
        and (not article or b.index > article[-1].index)
    ]
    quotes = _Quotes(article, sum(len(b.text) for b in bodies))
    if bodies and all(b.dom is not None for b in bodies):
        return _html_comments(bodies, quotes)
    has_votes = any(P.VOTES.match(b.text) for b in bodies)
    comments: list[Comment] = []
    pending: list[str] = []
    for b in bodies:
        if P.VOTES.match(b.text):
            if pending:
                comments.append(_make_comment(pending, quotes, b.text))
            pending = []
        elif has_votes:
            pending.append(b.text)
        else:
            comments.append(_make_comment([b.text], quotes, None))
    return comments


# How many times over the article and the comments may be searched for quotes, in all.
_QUOTE_SEARCHES: Final = 64


class _Quotes:
    """Tells a comment's quote: a first text that repeats article text (a whole
    paragraph or any part of one), in time linear in the page.

    Searching the article once a comment would cost the article's length times the
    comments. A whole paragraph or word of the article is known at once, and so is a
    text met before. Another is searched for only when it may be part of the article:
    each of its words is a word of the article, except the first and the last, which
    may be parts of words and must end one and start one (sorted lists find them). A
    reply in its own words fails that at once; a real quote passes it, and is found
    where it starts. The searches may read the article and the comments
    `_QUOTE_SEARCHES` times over, in all; past that (only on a page built of
    near-quotes) no further text is taken for a quote."""

    def __init__(self, article: Sequence[Block], comment_chars: int) -> None:
        self.text = "\n".join(b.text for b in article)
        words: set[str] = set()
        for b in article:
            words.update(b.text.split())
        self.words = words
        self.starts = sorted(words)  # to find a word that starts with a part
        self.ends = sorted(w[::-1] for w in words)  # reversed: one that ends with a part
        self.known: dict[str, bool] = dict.fromkeys((b.text for b in article), True)
        self.budget = _QUOTE_SEARCHES * (len(self.text) + comment_chars)

    def quoted(self, text: str) -> bool:
        """Whether `text` is part of the article text (its blocks joined by newlines)."""
        known = self.known.get(text)
        if known is None:
            known = self.known[text] = text in self.words or self._found(text)
        return known

    def _found(self, text: str) -> bool:
        if not self._may_be_part(text.split()) or len(self.text) + len(text) > self.budget:
            return False
        at = self.text.find(text)
        self.budget -= (len(self.text) if at < 0 else at) + len(text)  # what find read
        return at >= 0

    def _may_be_part(self, words: list[str]) -> bool:
        if len(words) < 2:
            return True
        if not self.words.issuperset(words[1:-1]):
            return False
        return _starts_one(self.starts, words[-1]) and _starts_one(self.ends, words[0][::-1])


def _starts_one(ordered: list[str], part: str) -> bool:
    """Whether a word of the sorted `ordered` starts with `part`."""
    at = bisect_left(ordered, part)
    return at < len(ordered) and ordered[at].startswith(part)


# Class words of a whole comment section rather than of one comment.
_SECTION_TOKENS: Final = frozenset(
    {"comments", "commentlist", "comment-list", "disqus", "respond", "discussion", "replies"}
)


def _html_comments(bodies: Sequence[Block], quotes: _Quotes) -> list[Comment]:
    """One comment per element that carries a comment class; a section-wide class
    alone (id="comments") gives one comment per block."""
    groups: dict[int, list[str]] = {}
    for b in bodies:
        assert b.dom is not None
        key = -b.index if b.dom.hint_token in _SECTION_TOKENS else b.dom.hint_owner
        if P.VOTES.match(b.text) or P.COMMENT_AUTHOR.match(b.text):
            continue
        groups.setdefault(key, []).append(b.text)
    return [_make_comment(texts, quotes, None) for texts in groups.values()]


def _make_comment(texts: list[str], quotes: _Quotes, votes: str | None) -> Comment:
    quote = None
    if len(texts) > 1 and quotes.quoted(texts[0]):
        quote, texts = texts[0], texts[1:]
    return Comment(text="\n\n".join(texts), quote=quote, votes=votes)


def assemble(
    blocks: list[Block],
    cfg: Config,
    *,
    include_comments: bool,
    title_hint: str | None = None,
    forest: keep.Forest | None = None,
    page_type: str = "article",
    url: str | None = None,
    deadline: Deadline | None = None,
    marks: Sequence[tuple[int, int, int]] | None = None,
    text: bool = False,
) -> Result:
    """The Result: article text, metadata around the region, comments if asked.
    `title_hint` is the headline the page's markup gives, if any (else `url`, the
    page's address, may name it); `page_type` how the
    region is read (`pagetype.TYPES`); `forest` the keep model, which has the last
    word on the content once every label is set. Its steps, and the loops over the
    blocks in the costly ones, check `deadline` (`Config.time_limit`). `marks`: a text
    dump's `pagetype.page_marks`, made once for its type, read again by the keep model;
    `text` whether the page is a text dump (its types are read by their own fields)."""
    deadline = deadline or Deadline(0)
    article = select_article(blocks, cfg, page_type, text=text)
    deadline.check("in the reducer, after choosing the article")
    start = article[0].index if article else len(blocks)
    title = meta.find_title(blocks, start, cfg.title_window, title_hint, url)
    if title is not None:
        _relabel(title, Label.TITLE, "reducer: headline above the article")
        # By identity: `in` and `remove` would compare blocks field by field.
        kept = [b for b in article if b is not title]
        if len(kept) < len(article):
            article = kept
            start = article[0].index if article else len(blocks)
    section = meta.find_section(blocks, title)
    if section is not None:
        _relabel(section, Label.METADATA, "reducer: section name above the headline")
    dateline, dateline_wire = meta.find_dateline(blocks, article)
    wire_line, site_line, wire = meta.split_copyright(blocks, dateline_wire)
    if wire is None:  # no agency's copyright line: its dateline or credit line
        wire, wire_line = meta.credit_wire(blocks, article, dateline_wire)
    deadline.check("in the reducer, before the dates")
    date, date_modified = meta.find_dates(
        blocks, min(len(blocks), start + cfg.header_window), title, cfg.date_under_title, deadline
    )
    if forest is not None:
        features = keep_features(blocks, cfg, page_type, text=forest.text, deadline=deadline, marks=marks)
        if forest.text:
            add, drop = cfg.keep_text_threshold, cfg.keep_text_drop_threshold
        elif page_type in cfg.keep_card_types:
            add, drop = cfg.keep_card_threshold, cfg.keep_drop_threshold
        else:
            add, drop = cfg.keep_threshold, cfg.keep_drop_threshold
        run = (cfg.keep_text_run_threshold, cfg.near_min_words) if forest.text else None
        prose = (
            None
            if forest.text
            else (cfg.keep_prose_drop_threshold, cfg.keep_prose_min_words, cfg.keep_prose_tags)
        )
        article = keep.decide(blocks, forest, features, add, drop, run, deadline, prose)
    if title is None and text:
        title = _dump_title(blocks, article, cfg)
    deadline.check("in the reducer, before the authors")
    return Result(
        text=article_text(article),
        title=title.text if title else None,
        date=date,
        date_modified=date_modified,
        dateline=dateline,
        section=section.text if section else None,
        authors=meta.find_authors(blocks[: start + cfg.header_window], page_type),
        wire_service=wire,
        copyright=wire_line,
        site_copyright=site_line,
        comments=extract_comments(blocks, article) if include_comments else [],
        blocks=blocks,
        page_type=page_type,
    )


def _dump_title(blocks: Sequence[Block], article: Sequence[Block], cfg: Config) -> Block | None:
    """A text dump's headline when none was found above the region the reducer chose:
    on a shop's or a service's page that region is often a menu at the top, and the
    headline is above the content the keep model settles on, often a line the menus
    repeat (the page's own item in them), so taken for one (WCXB tuning dumps' titles
    42.3% -> 44.4%). Looked for once the content is known, it changes no text; its
    label stays (a name line above the content is still read for the authors)."""
    return meta.find_dump_title(blocks, article[0].index if article else len(blocks), cfg.title_window)


def keep_features(
    blocks: Sequence[Block],
    cfg: Config,
    page_type: str,
    *,
    text: bool,
    deadline: Deadline | None = None,
    marks: Sequence[tuple[int, int, int]] | None = None,
) -> list[list[float]]:
    """The keep model's rows of a labelled page: `keep.text_rows` for a text dump,
    `keep.rows` for an HTML page (the one place both the pipeline and the training
    script make them), checking `deadline` as they are made."""
    main, typical = scorer.page_context(blocks)
    weights = block_weights(blocks, cfg)
    if text:
        return keep.text_rows(
            blocks, weights, typical, cfg.good_min_words, cfg.near_min_words, deadline, marks
        )
    return keep.rows(blocks, weights, typical, main, cfg.good_min_words, page_type, deadline)


def article_text(article: Sequence[Block]) -> str:
    """Paragraphs apart by a blank line; a table row on one line (cells joined by
    " | "), the rows of a table on consecutive lines."""
    parts: list[str] = []
    row = 0
    for b in article:
        cell_row = b.dom.row if b.dom is not None else 0
        if cell_row and cell_row == row:
            parts[-1] += " | " + b.text
        elif cell_row and row:
            parts[-1] += "\n" + b.text
        else:
            parts.append(b.text)
        row = cell_row
    return "\n\n".join(parts)
