"""Rendering: the article as text, a Result as Markdown or as a JSON-ready dict.

Why one module: what a page's output looks like (a table row on one line, a list
kept one list, which fields a record has and in what order) is decided here only;
the reducer chooses the blocks, `Result.to_markdown`/`to_dict` call in here.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby
from typing import Any, Protocol

from .model import Block, Label


class CommentView(Protocol):
    """What a reader comment shows (`result.Comment`, whose methods call in here)."""

    text: str
    quote: str | None
    votes: str | None
    author: str | None


class ResultView(Protocol):
    """What a cleaned page shows (`result.Result`, whose methods call in here). A
    protocol rather than the class itself, so that `render` imports nothing of
    `result`: the two would import each other."""

    text: str
    title: str | None
    date: str | None
    date_modified: str | None
    dateline: str | None
    section: str | None
    authors: list[str]
    site_name: str | None
    wire_service: str | None
    copyright: str | None
    site_copyright: str | None
    language: str | None
    blocks: list[Block]
    url: str | None
    source_type: str
    page_type: str

    @property
    def comments(self) -> Sequence[CommentView]:
        """The reader comments, shown after the article (read-only here, so that a
        list of `result.Comment` is one)."""
        ...


def article_text(article: Sequence[Block]) -> str:
    """Paragraphs apart by a blank line; a table row on one line (cells joined by
    " | "), the rows of a table on consecutive lines. Each paragraph or table is made
    of its pieces once, joined (appending to it cell by cell copied it each time: a
    table of 200,000 cells took 35 s)."""
    parts: list[list[str]] = []
    row = 0
    for b in article:
        cell_row = b.dom.row if b.dom is not None else 0
        if cell_row and row:
            parts[-1].extend((" | " if cell_row == row else "\n", b.text))
        else:
            parts.append([b.text])
        row = cell_row
    return "\n\n".join("".join(pieces) for pieces in parts)


def comment_dict(comment: CommentView) -> dict[str, Any]:
    """A comment as a JSON-ready dict."""
    return {"quote": comment.quote, "text": comment.text, "votes": comment.votes, "author": comment.author}


def result_dict(result: ResultView, *, with_blocks: bool = False) -> dict[str, Any]:
    """A Result as a JSON-ready dict, its fields in this order; its blocks only when
    asked for (`with_blocks`), because they dwarf the rest."""
    out: dict[str, Any] = {
        "url": result.url,
        "title": result.title,
        "date": result.date,
        "date_modified": result.date_modified,
        "dateline": result.dateline,
        "section": result.section,
        "authors": list(result.authors),
        "site_name": result.site_name,
        "wire_service": result.wire_service,
        "copyright": result.copyright,
        "site_copyright": result.site_copyright,
        "language": result.language,
        "source_type": result.source_type,
        "page_type": result.page_type,
        "text": result.text,
        "comments": [comment_dict(c) for c in result.comments],
    }
    if with_blocks:
        out["blocks"] = [b.to_dict() for b in result.blocks]
    return out


def markdown(result: ResultView) -> str:
    """Title as a heading, a metadata line, the article, then comments if any."""
    parts: list[str] = []
    if result.title:
        parts.append(f"# {result.title}")
    authors = ", ".join(result.authors) if result.authors else None
    line = [x for x in (result.date, result.dateline, authors, result.wire_service) if x]
    if line:
        parts.append("*" + " · ".join(line) + "*")
    parts += _markdown_article([b for b in result.blocks if b.label is Label.ARTICLE])
    if result.copyright:
        parts.append(f"*{result.copyright}*")
    if result.comments:
        parts.append("## Comments")
        for c in result.comments:
            quote = f"> {c.quote}\n\n" if c.quote else ""
            votes = f"\n\n*{c.votes}*" if c.votes else ""
            parts.append(f"{quote}{c.text}{votes}")
    return "\n\n".join(parts) + "\n"


def _markdown_article(article: list[Block]) -> list[str]:
    """The article's blocks as Markdown paragraphs: a run of table cells one table,
    a run of list items one list."""
    parts: list[str] = []
    for is_cell, run in groupby(article, key=lambda b: b.dom is not None and b.dom.row > 0):
        if is_cell:
            parts.append(_markdown_table(list(run)))
            continue
        previous = ""
        for b in run:
            rendered = _markdown_block(b)
            if b.tag == "li" and previous == "li":
                parts[-1] += "\n" + rendered  # a list stays one list
            else:
                parts.append(rendered)
            previous = b.tag
    return parts


def _markdown_block(block: Block) -> str:
    """Render one article block, keeping HTML structure where the block has it."""
    tag = block.tag
    if len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
        return "#" * min(int(tag[1]) + 1, 6) + " " + block.text
    if tag == "li":
        return "- " + block.text
    if tag == "blockquote":
        return "> " + block.text
    if tag == "pre":
        return "```\n" + block.text + "\n```"
    return block.text


def _markdown_table(cells: list[Block]) -> str:
    """Table cells, row by row, as a Markdown table; the first row is its header."""
    rows = [
        [c.text.replace("|", "\\|") for c in row]
        for _, row in groupby(cells, key=lambda c: c.dom and c.dom.row)
    ]
    width = max(len(r) for r in rows)
    lines = ["| " + " | ".join(r + [""] * (width - len(r))) + " |" for r in rows]
    lines.insert(1, "|" + " --- |" * width)
    return "\n".join(lines)
