"""What comes out of cleaning a page: the `Result` and its reader `Comment`s.

Why apart from `model`: a Result is made once a page, by the reducer's assembly
(`reduce.assemble`), from the blocks `model` describes; how it is shown (text,
Markdown, JSON) is `render`'s, and its methods here are thin calls to it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, Final

from . import render
from .model import Block


@dataclass(slots=True)
class Comment:
    """One reader comment, kept apart from the article; on a shop's product or
    collection page, one customer review (`Config.review_types`)."""

    text: str
    quote: str | None = None
    votes: str | None = None
    author: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The comment as a JSON-ready dict."""
        return render.comment_dict(self)


@dataclass(slots=True, eq=False)
class Result:
    """The cleaned page: article text, metadata, comments and every labelled block.

    `text` is the article, its blocks' texts in page order, paragraphs separated by a
    blank line (a table row's cells by " | "). The metadata are None (or empty) where
    the page gives none: `title` (the headline as the page shows it: its <h1> above the
    story, else the publisher's title without the site's name), `date` and
    `date_modified` (YYYY-MM-DD), `dateline`
    (the place before the first paragraph), `section`, `authors` (person names),
    `site_name`, `wire_service` (the agency whose copy this is) and `copyright` (its
    copyright line), `site_copyright` (the site's own), `language` (an ISO 639-1
    code). `comments` holds the reader comments when asked for; `blocks` every block
    with its label and reasons; `url` the address given, else the page's canonical
    one; `source_type` "html" or "text"; `page_type` the kind of page.
    """

    text: str = ""
    title: str | None = None
    date: str | None = None  # publication date, YYYY-MM-DD
    date_modified: str | None = None  # last update, where the page gives one
    dateline: str | None = None
    section: str | None = None
    authors: list[str] = field(default_factory=list)
    site_name: str | None = None
    wire_service: str | None = None
    copyright: str | None = None
    site_copyright: str | None = None
    language: str | None = None
    comments: list[Comment] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    url: str | None = None
    source_type: str = "text"
    # What kind of page: article, forum, product, collection, listing, documentation
    # or service (`pagetype`); it decides how the reducer reads the page.
    page_type: str = "article"

    def __eq__(self, other: object) -> bool:
        """Two results are equal when they say the same of a page: every field, and the
        blocks by value (a block itself compares by identity: it is a place in a page)."""
        if not isinstance(other, Result):
            return NotImplemented
        return self._values() == other._values()

    def _values(self) -> tuple[Any, ...]:
        """Every field, in order (read from the dataclass, so a field added is compared
        too), the blocks as their values."""
        return tuple(
            [b.values() for b in self.blocks] if name == "blocks" else getattr(self, name)
            for name in _RESULT_FIELDS
        )

    def to_dict(self, *, with_blocks: bool = False) -> dict[str, Any]:
        """A JSON-ready dict; blocks only on request because they dwarf the rest."""
        return render.result_dict(self, with_blocks=with_blocks)

    def to_markdown(self) -> str:
        """Title as a heading, a metadata line, the article, then comments if any."""
        return render.markdown(self)


# The Result's fields, in order: what two results compare by (`Result._values`).
_RESULT_FIELDS: Final = tuple(f.name for f in fields(Result))
