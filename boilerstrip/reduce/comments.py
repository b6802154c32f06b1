"""Reader comments: the comment section's blocks grouped into comments, each with the
article text it quotes and its votes.

Why in the reducer: a comment is told from the article by where the article ends,
and its quote by the article's text; both are known once the article is chosen.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from typing import Final

from ..detect.pattern import stamped_author
from ..model import Block, Label
from ..patterns import COMMENT_AUTHOR_GLUED, COMMENT_AUTHOR_NAME, COMMENT_MARKER, COMMENT_STAMP, VOTES
from ..result import Comment
from .controls import REVIEW_REASON

# How many times over the article and the comments may be searched for quotes, in all.
_QUOTE_SEARCHES: Final = 64
# The longest line read as a comment's author line: a name, a date and a time.
_AUTHOR_CHARS: Final = 200
# A customer review's text is a line ending a sentence or of this many words; the
# lines before it (its title, name, stars) head it (`_review_comments`).
_REVIEW_TEXT_WORDS: Final = 12
# Hints of chrome inside the reviews (their sort bar, a share button): no review's text.
_CHROME_HINTS: Final = frozenset({"nav", "footer", "social", "ad", "prompt"})
# Class words of a whole comment section rather than of one comment.
_SECTION_TOKENS: Final = frozenset(
    {"comments", "commentlist", "comment-list", "disqus", "respond", "discussion", "replies"}
)


def extract_comments(blocks: Sequence[Block], article: Sequence[Block]) -> list[Comment]:
    """Group comment-section blocks into comments: an author line starts one (and
    names its `author`), vote lines close one, a line that repeats article text is the
    comment's quote. A shop's customer reviews (where `controls.drop_reviews` took
    some out of the content) are comments wherever they stand (a product's
    specification may come after them), listed first (`_review_comments`)."""
    end = article[-1].index if article else -1
    reviews: list[Comment] = []
    taken: set[int] = set()
    if any(_is_review(b) for b in blocks):
        in_review = [b for b in blocks if b.label is Label.COMMENT and b.dom is not None and b.dom.review]
        taken = {b.index for b in in_review}
        reviews = _review_comments(in_review, _Quotes(article, sum(len(b.text) for b in in_review)), blocks)
    section = [b for b in blocks if b.label is Label.COMMENT and b.index > end and b.index not in taken]
    return reviews + _section_comments(section, article, blocks)


def _section_comments(
    section: Sequence[Block], article: Sequence[Block], blocks: Sequence[Block]
) -> list[Comment]:
    """The comment section's comments (`extract_comments`)."""
    bodies = [b for b in section if not COMMENT_MARKER.match(b.text)]
    quotes = _Quotes(article, sum(len(b.text) for b in bodies))
    if bodies and all(b.dom is not None for b in bodies):
        return _html_comments(bodies, quotes, blocks)
    authors = {b.index: name for b in bodies if (name := _author(b, blocks)) is not None}
    if authors:
        return _authored_comments(section, authors, quotes)
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


def _is_review(b: Block) -> bool:
    """A block `controls.drop_reviews` took out of the content as a customer review."""
    return bool(b.reasons) and b.reasons[-1] == REVIEW_REASON


def _review_comments(in_review: Sequence[Block], quotes: _Quotes, blocks: Sequence[Block]) -> list[Comment]:
    """A shop's customer reviews as comments, in page order: a review's lines up to its
    text (a line ending a sentence, or of `_REVIEW_TEXT_WORDS` words), and the lines
    after it in the same review element (`Dom.review`, the innermost); a line in
    another element after the text starts the next review. Why not one comment per
    element: a review's title, name and stars often stand in an element of their own
    beside its text's ("review-header", "review-content"). An author line names its
    review; vote lines, the reviews' own heading (h1, h2) and lines of a menu, footer,
    share bar, ad or prompt inside them (their sort bar) are no review's text."""
    comments: list[Comment] = []
    texts: list[str] = []
    name: str | None = None
    key, has_text = 0, False
    for b in in_review:
        dom = b.dom
        assert dom is not None
        if VOTES.match(b.text) or dom.heading in (1, 2) or dom.hint in _CHROME_HINTS:
            continue
        if has_text and dom.review != key:
            comments.append(_make_comment(texts, quotes, None, name))
            texts, name, has_text = [], None, False
        key = dom.review
        named = _author(b, blocks)
        if named is not None:
            name = named
            continue
        texts.append(b.text)
        has_text = has_text or b.features.ends_sentence or b.features.words >= _REVIEW_TEXT_WORDS
    if texts:
        comments.append(_make_comment(texts, quotes, None, name))
    return comments


def _html_comments(bodies: Sequence[Block], quotes: _Quotes, blocks: Sequence[Block]) -> list[Comment]:
    """One comment per element that carries a comment class; a section-wide class
    alone (id="comments") gives one comment per block. An author line names the
    comment whose text comes next, in its element or the next one (a theme puts the
    name in a "comment-meta" element and the text in a "comment-content" one)."""
    groups: dict[int, list[str]] = {}
    names: dict[int, str] = {}
    name: str | None = None
    for b in bodies:
        assert b.dom is not None
        key = -b.index if b.dom.hint_token in _SECTION_TOKENS else b.dom.hint_owner
        named = _author(b, blocks)
        if named is not None:
            name = named
        elif not VOTES.match(b.text):
            if name is not None and key not in groups:
                names[key], name = name, None
            groups.setdefault(key, []).append(b.text)
    return [_make_comment(texts, quotes, None, names.get(key)) for key, texts in groups.items()]


def _author(b: Block, blocks: Sequence[Block]) -> str | None:
    """The commenter's name where `b`, a comment-section line, is an author line:
    "joetoronto says:", "Daniel Moss on April 3, 2024 at 9:14 am said:", "Mom of the
    year says:" (which a story could say, but not in its comment section), or "Sharon
    Pike says" over its timestamp, or "Tom GreavesMarch 6, 2025 at 9:14 PM", a name
    glued to its timestamp; else None. A line of more than `_AUTHOR_CHARS` is a
    comment's text, not its author's."""
    if len(b.text) > _AUTHOR_CHARS:
        return None
    line = " ".join(b.text.split())
    found = (
        COMMENT_AUTHOR_NAME.match(line)
        if b.text.endswith(":") or stamped_author(b, blocks)
        else COMMENT_AUTHOR_GLUED.match(line)
    )
    return found.group("name") if found else None


def _authored_comments(section: Sequence[Block], authors: dict[int, str], quotes: _Quotes) -> list[Comment]:
    """A dump's comments where author lines head them (`authors`, by block index): each
    author line starts one, named by it (its timestamp left out), a vote line closes
    one (and is its votes), and lines after a vote that no author line heads are a
    comment with no name, where a vote, an author line or a marker closes them. A
    marker closes one too, and the lines after it up to the next author line are left
    out (a form's "Name" and "Email" after "Leave a Reply"), as are unnamed lines the
    section ends on.
    Why: a dump has no element to group a comment's lines by; without votes each line
    was a comment of its own, the author's line one of them, and the form's lines too."""
    comments: list[Comment] = []
    author: str | None = None
    texts: list[str] = []
    votes: str | None = None
    taking = False  # after an author line or a vote line; not after a marker
    for b in section:
        marker = COMMENT_MARKER.match(b.text) is not None
        vote = not marker and VOTES.match(b.text) is not None
        if vote:
            votes = votes or b.text
            if not texts and author is not None:  # the comment's votes before its text
                continue
        if b.index in authors or marker or vote:
            if texts:
                comments.append(_make_comment(texts, quotes, votes, author))
            taking = not marker
            author, texts, votes = authors.get(b.index), [], None
        elif taking and (texts or author is None or not COMMENT_STAMP.match(b.text)):
            texts.append(b.text)
    if texts and author is not None:  # unnamed lines that nothing closes: a form's, a link's
        comments.append(_make_comment(texts, quotes, votes, author))
    return comments


def _make_comment(texts: list[str], quotes: _Quotes, votes: str | None, author: str | None = None) -> Comment:
    """A comment of its texts; the first is its quote where it repeats article text."""
    quote = None
    if len(texts) > 1 and quotes.quoted(texts[0]):
        quote, texts = texts[0], texts[1:]
    return Comment(text="\n\n".join(texts), quote=quote, votes=votes, author=author)
