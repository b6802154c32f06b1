"""Reader comments: the comment section's blocks grouped into comments, each with the
article text it quotes and its votes.

Why in the reducer: a comment is told from the article by where the article ends,
and its quote by the article's text; both are known once the article is chosen.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from typing import Final

from ..model import Block, Label
from ..patterns import COMMENT_AUTHOR, COMMENT_MARKER, VOTES
from ..result import Comment

# How many times over the article and the comments may be searched for quotes, in all.
_QUOTE_SEARCHES: Final = 64
# Class words of a whole comment section rather than of one comment.
_SECTION_TOKENS: Final = frozenset(
    {"comments", "commentlist", "comment-list", "disqus", "respond", "discussion", "replies"}
)


def extract_comments(blocks: Sequence[Block], article: Sequence[Block]) -> list[Comment]:
    """Group comment-section blocks into comments: vote lines close one, a line that
    repeats article text is the comment's quote."""
    bodies = [
        b
        for b in blocks
        if b.label is Label.COMMENT
        and (not COMMENT_MARKER.match(b.text))
        and (not article or b.index > article[-1].index)
    ]
    quotes = _Quotes(article, sum(len(b.text) for b in bodies))
    if bodies and all(b.dom is not None for b in bodies):
        return _html_comments(bodies, quotes)
    has_votes = any(VOTES.match(b.text) for b in bodies)
    comments: list[Comment] = []
    pending: list[str] = []
    for b in bodies:
        if VOTES.match(b.text):
            if pending:
                comments.append(_make_comment(pending, quotes, b.text))
            pending = []
        elif has_votes:
            pending.append(b.text)
        else:
            comments.append(_make_comment([b.text], quotes, None))
    return comments


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


def _html_comments(bodies: Sequence[Block], quotes: _Quotes) -> list[Comment]:
    """One comment per element that carries a comment class; a section-wide class
    alone (id="comments") gives one comment per block."""
    groups: dict[int, list[str]] = {}
    for b in bodies:
        assert b.dom is not None
        key = -b.index if b.dom.hint_token in _SECTION_TOKENS else b.dom.hint_owner
        if VOTES.match(b.text) or COMMENT_AUTHOR.match(b.text):
            continue
        groups.setdefault(key, []).append(b.text)
    return [_make_comment(texts, quotes, None) for texts in groups.values()]


def _make_comment(texts: list[str], quotes: _Quotes, votes: str | None) -> Comment:
    """A comment of its texts; the first is its quote where it repeats article text."""
    quote = None
    if len(texts) > 1 and quotes.quoted(texts[0]):
        quote, texts = texts[0], texts[1:]
    return Comment(text="\n\n".join(texts), quote=quote, votes=votes)
