"""Context detectors: they read a block's neighbours and runs, and relabel what the
content classifier labelled (ARTICLE or OTHER), never a pattern detector's label.

Why apart: they run after the content classes (`Config.detectors`), on a page whose
every block has a label. They claim every block their rule covers; which of those
claims take is the registry's one rule (`registry.run`): only over a label the
content classifier (a tentative detector) gave, or over none.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from .. import patterns
from ..budget import checked, spans
from ..model import Block, Label, Verdict
from .page import Claim, Page, verdicts
from .pattern import stamped_author

# The labels these detectors read and give, looked up once: an Enum's member is found
# by interpreted code (about 60 ns a lookup on Python 3.11), and the loops below read
# one or two a block of the page.
_ARTICLE: Final = Label.ARTICLE
_OTHER: Final = Label.OTHER
_COMMENT: Final = Label.COMMENT
_LOGIN: Final = Label.LOGIN
_RELATED: Final = Label.RELATED
_NAVIGATION: Final = Label.NAVIGATION
# What the content classifier labels (None where it is off): the prose these detectors weigh.
_CLASSED: Final = (None, _ARTICLE, _OTHER)


# Each detector is `claim_X(page, gates)`, what the run calls (`gates`, the pattern
# detectors' cue gates, unread here), and `detect_X(page)`, the same as Verdicts for a
# caller of its own (`page.verdicts`).


def claim_repetition(page: Page, gates: list[int]) -> list[Claim]:
    """Short lines seen twice or more on one page are menus repeated in header and footer."""
    short = page.config.short_max_words
    out: list[Claim] = []
    # The reason by count, made once: a page repeats its menu lines many times over.
    reasons: dict[int, str] = {}
    for b in page.blocks:
        repeats = b.features.repeats
        if repeats > 1 and b.features.words <= short:
            reason = reasons.get(repeats)
            if reason is None:
                reason = reasons[repeats] = f"short line repeated {repeats} times"
            out.append((b.index, _NAVIGATION, reason, 0.0, None))
    return out


def detect_repetition(page: Page) -> list[Verdict]:
    """`claim_repetition` as Verdicts, for a caller of its own."""
    return verdicts(claim_repetition(page, []))


def claim_comment_section(page: Page, gates: list[int]) -> list[Claim]:
    """After the article has begun, a comment heading opens the comment section.

    A bare "Comments" is often a share-bar button, so it opens the section only when
    another comment or login cue follows within a few blocks. The article has begun
    after two paragraphs of prose, or one where a dated comment's author line opens
    the section (`_article_begun`). Everything content-like from there on is comment
    until a related, footer or navigation block closes it;
    pattern labels inside (login, votes) stay, as the run keeps them. A navigation
    line that a comment's own action line follows does not close it: the bar a dump
    repeats under every comment ("ReplyDelete" / "Replies" / "Reply"), read as a menu
    because it repeats, had closed the section after its first comment.
    """
    blocks = page.blocks
    out: list[Claim] = []
    prose_seen = 0
    in_section = False
    prose_score = page.config.weight_good_cap / 2
    for b in blocks:
        if not in_section and b.label is _ARTICLE and b.score >= prose_score:
            prose_seen += 1
        elif b.label is _COMMENT and _article_begun(b, blocks, prose_seen) and _opens_comments(b, blocks):
            in_section = True
        elif in_section and b.label in _CLOSERS and not _comments_go_on(b, blocks):
            in_section = False
        elif in_section:
            out.append((b.index, _COMMENT, "inside the comment section", 0.0, None))
    return out


def detect_comment_section(page: Page) -> list[Verdict]:
    """`claim_comment_section` as Verdicts, for a caller of its own."""
    return verdicts(claim_comment_section(page, []))


# What closes the comment section (`detect_comment_section`).
_CLOSERS: Final = (_RELATED, Label.FOOTER, _NAVIGATION)


def _comments_go_on(b: Block, blocks: Sequence[Block]) -> bool:
    """A navigation line with a comment's own action line ("Reply", a vote) within the
    next two blocks: a comment's bar, not the end of the section."""
    if b.label is not _NAVIGATION:
        return False
    return any(n.label is _COMMENT for n in blocks[b.index + 1 : b.index + 3])


def _article_begun(opener: Block, blocks: Sequence[Block], prose: int) -> bool:
    """Whether the article has begun before `opener` (`prose`: the paragraphs of prose
    the content classifier is sure of so far), for it to open the comment section: two
    before a marker or an undated author line, one before a dated comment's author line
    ("Alex on September 17, 2018 at 6:34 am said:", or a name over its timestamp). Why:
    a post of one paragraph (an open thread's call for questions) had its comments read
    as its own prose, until they made a second paragraph; a marker alone near the top
    is as often a header's link, and a story's "Officials on March 4, 2024 said:"
    before a quote has no clock time."""
    if prose >= 2:
        return True
    dated = patterns.COMMENT_AUTHOR_DATED.match(opener.text) is not None or stamped_author(opener, blocks)
    return prose >= 1 and dated


def _opens_comments(marker: Block, blocks: Sequence[Block]) -> bool:
    if patterns.COMMENT_AUTHOR.match(marker.text) or stamped_author(marker, blocks):
        return True
    if not patterns.COMMENT_MARKER.match(marker.text):
        return False
    if not patterns.WEAK_COMMENT_MARKER.match(marker.text):
        return True
    following = blocks[marker.index + 1 : marker.index + 4]
    return any(b.label in (_COMMENT, _LOGIN) and b.text != marker.text for b in following)


def claim_related_section(page: Page, gates: list[int]) -> list[Claim]:
    """Short blocks after a related-links heading are the list's items; the list ends
    where prose begins (long teasers are left to the reducer, behind the heading)."""
    blocks = page.blocks
    out: list[Claim] = []
    for heading in [b for b in page.candidates if b.label is _RELATED and patterns.RELATED.match(b.text)]:
        # by index: a slice would copy the rest of the page for every heading
        for b in map(blocks.__getitem__, range(heading.index + 1, len(blocks))):
            if b.label is _OTHER:
                out.append((b.index, _RELATED, "item of a related-links list", 0.0, None))
            elif b.label is _ARTICLE and _is_list_teaser(b):
                out.append((b.index, _RELATED, "headline-like item of a related-links list", 0.0, None))
            elif b.label in _LIST_ENDS:
                break
    return out


def detect_related_section(page: Page) -> list[Verdict]:
    """`claim_related_section` as Verdicts, for a caller of its own."""
    return verdicts(claim_related_section(page, []))


# What ends a related-links list (`claim_related_section`).
_LIST_ENDS: Final = (_ARTICLE, _COMMENT, Label.FOOTER, Label.COPYRIGHT, _RELATED)


def _is_list_teaser(b: Block) -> bool:
    """A bulleted or numbered line that does not end like a sentence: a teaser's headline
    (with its source and time), not a paragraph."""
    return not b.features.ends_sentence and patterns.LIST_ITEM.match(b.text) is not None


# Why detect_other_articles set a block aside: a story stands out among the <article>
# elements (its prose at least `Config.story_article_ratio` times the next one's), or none
# does, and they are entries of one list (a listicle's, a thread's posts, a shop's
# cards), which the reducer reads by the page's type (`reduce.cards`).
OTHER_ARTICLE: Final = "in another <article> than the story's"
ALIKE_ARTICLE: Final = "in one of several <article> elements alike, none standing out"


def claim_other_articles(page: Page, gates: list[int]) -> list[Claim]:
    """On a page of several <article> elements holding long prose, the story is in one
    of them; prose in the others is other posts' teasers, related posts or comments.
    The story's element is the one with the most words in long blocks of its own that
    no detector claimed (reader comments, often <article> elements of their own and
    longer than a short story, never elect it), and elements nested in it are parts of
    it (a quoted post in the story stays). It must stand out, with at least
    `Config.story_article_ratio` times the prose of the next element outside it:
    elements alike are entries of one list, set aside with `ALIKE_ARTICLE` for the
    reducer to read by the type."""
    words: dict[int, int] = {}
    out: list[Claim] = []
    long_words = page.config.good_min_words
    for b in page.blocks:
        if b.dom is not None and b.dom.articles and b.features.words >= long_words and b.label in _CLASSED:
            words[b.dom.articles[-1]] = words.get(b.dom.articles[-1], 0) + b.features.words
    if len(words) < 2:
        return out
    main = max(words, key=lambda k: words[k])
    parts = {b.dom.articles[-1] for b in page.blocks if b.dom is not None and main in b.dom.articles}
    runner_up = max((n for k, n in words.items() if k not in parts), default=0)
    reason = OTHER_ARTICLE if words[main] >= page.config.story_article_ratio * runner_up else ALIKE_ARTICLE
    for b in page.blocks:
        if b.dom is not None and b.dom.articles and main not in b.dom.articles:
            out.append((b.index, _RELATED, reason, 0.0, None))
    return out


def detect_other_articles(page: Page) -> list[Verdict]:
    """`claim_other_articles` as Verdicts, for a caller of its own."""
    return verdicts(claim_other_articles(page, []))


def claim_list_runs(page: Page, gates: list[int]) -> list[Claim]:
    """Runs of short lines (menus, link lists) are navigation, whatever their words.
    The page's deadline is checked as the lines are read and as a run is claimed (a
    dump of half a million short lines is one run)."""
    given = page.blocks
    blocks: list[Block] = given if isinstance(given, list) else list(given)  # read by index
    deadline = page.deadline
    short = [_is_short_line(b) for b in checked(blocks, deadline, _RUNS)]
    out: list[Claim] = []
    n = len(blocks)
    start = 0
    while start < n:
        if not short[start]:
            start += 1
            continue
        end = start + 1
        while end < n and short[end]:
            end += 1
        size = end - start
        if size >= 4:
            reason = f"in a run of {size} short lines"
            for lo, hi in spans(size, deadline, _RUNS):
                for i in range(start + lo, start + hi):
                    out.append((blocks[i].index, _NAVIGATION, reason, 0.0, None))
        start = end
    return out


# Where a TimeLimitError raised in `claim_list_runs` stopped.
_RUNS: Final = "while reading the runs of short lines"


def _is_short_line(b: Block) -> bool:
    """An item of a run `claim_list_runs` looks for."""
    return b.features.words <= 4 and not b.features.ends_sentence and b.label is not _ARTICLE


def detect_list_runs(page: Page) -> list[Verdict]:
    """`claim_list_runs` as Verdicts, for a caller of its own."""
    return verdicts(claim_list_runs(page, []))
