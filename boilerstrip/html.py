"""HTML pages: lxml parses, block-level elements become blocks with their tag.

Why: the same detectors and reducer as text mode then apply; the full DOM feature set
(paths, classes, link density) is the HTML issue's work and builds on this.
"""

from __future__ import annotations

from lxml import etree
from lxml import html as lxml_html

from .errors import InputError
from .model import Block

_DROP = ("script", "style", "noscript", "template", "svg", "iframe", "head", "form", "button", "select")
_BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "dt",
        "dd",
        "blockquote",
        "pre",
        "td",
        "th",
        "tr",
        "figcaption",
        "caption",
        "article",
        "section",
        "header",
        "footer",
        "nav",
        "aside",
        "main",
        "ul",
        "ol",
        "dl",
        "table",
        "address",
        "summary",
        "details",
        "br",
        "hr",
        "title",
    ]
)


def html_blocks(markup: str) -> tuple[list[Block], str | None]:
    """Blocks of an HTML page in document order, and the <title> text."""
    try:
        root = lxml_html.document_fromstring(markup)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(f"cannot parse the HTML page: {exc}") from exc
    title_el = root.find(".//title")
    title = " ".join(title_el.text_content().split()) if title_el is not None else None
    for el in list(root.iter(*_DROP)):
        if el.getparent() is not None:
            el.drop_tree()
    blocks: list[Block] = []
    pieces: list[str] = []
    tags = ["p"]

    def flush() -> None:
        text = " ".join(" ".join(pieces).split())
        pieces.clear()
        if text:
            blocks.append(Block(text=text, index=len(blocks), line=len(blocks) + 1, tag=tags[-1]))

    body = root.find("body")
    top = body if body is not None else root
    for event, el in etree.iterwalk(top, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            if tag in _BLOCK_TAGS:
                flush()
                tags.append(tag)
            if tag and el.text:
                pieces.append(el.text)
            continue
        if tag in _BLOCK_TAGS:
            flush()
            tags.pop()
        if el.tail and el is not top:
            pieces.append(el.tail)
    flush()
    return blocks, title
