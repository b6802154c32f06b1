"""Repairs to raw HTML before it is parsed, where libxml2 and a browser read it apart.

Why: a browser shows what follows a premature `</html>` (templates that close the
document after their header, then print the page), and a crawler's copy of a page that
fills itself by script often holds its content in `<noscript>` (forum engines print
the whole thread there for crawlers) or under an element hidden until the script runs.
libxml2 stops at the `</html>`, and the walk drops `<noscript>` and hidden elements,
so such a page came out empty. Both repairs are cheap checks on the raw page; the
second is only tried on a page that gave no text (`reveal`). A third shows what React's
streaming always shows once its script runs (`show_streamed`), on every page. A fourth
undoes libxml2's parse accidents on a page that shows next to nothing: an end tag it
ignores (`</button>` with a `<div>` left open in the button, say), after which a
header, menu, footer or button holds the rest of the page (`unwrap`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

from lxml import etree

from ..budget import Deadline
from ..native import c_function
from .parsing import CHECK_EVERY
from .vocabulary import HIDDEN_STYLE

# The end tags as pages write them: one pattern finds the first in one pass (four
# `find`s scanned a page four times, 1 ms of a 15 ms clean()).
_END_TAGS: Final = re.compile(rb"</(?:html|HTML|body|BODY)")
_END_TEXT: Final = re.compile(r"</(?:html|HTML|body|BODY)")
# A start tag of visible content after the end of the document (scripts and styles
# printed after `</html>` are common and harmless, and need no repair).
_CONTENT_AFTER: Final = re.compile(rb"<(?!(?:script|style|link|meta|noscript|iframe)\b)[a-zA-Z]", re.I)
_END_TAG: Final = re.compile(rb"</(?:html|body)\s*>", re.I)


# What `reveal` looks for before it parses anything.
_HIDING: Final = re.compile(
    rb"<noscript|<noframes|\shidden[\s/>=]|aria-hidden|display\s*:\s*none|visibility\s*:\s*hidden", re.I
)


def close_at_end(page: bytes) -> bytes:
    """`page` with its `</body>` and `</html>` end tags dropped when visible content
    follows them (the parser closes both at the end anyway); else `page` itself."""
    end = _FIRST_END_TAG(page)
    if end < 0 or not _CONTENT_AFTER.search(page, end):
        return page
    return _END_TAG.sub(b"", page)


def first_end_tag(page: bytes) -> int:
    """Where `_END_TAGS` first matches in `page`, or -1: the reference for
    `_walk.first_end_tag`, which finds the same by memchr where the C walk is built
    (the pattern's search reads every byte of the page: 3% of a page's clean())."""
    end = _END_TAGS.search(page)
    return end.start() if end is not None else -1


_FIRST_END_TAG: Final[Callable[[bytes], int]] = c_function("_walk", "first_end_tag") or first_end_tag


def close_text_at_end(page: str) -> str:
    """`close_at_end` for a page given as text."""
    end = _END_TEXT.search(page)
    tail = end.start() if end is not None else -1
    if tail < 0 or not _CONTENT_AFTER.search(page[tail:].encode("utf-8", "surrogatepass")):
        return page
    return page[:tail] + _END_TAG.sub(b"", page[tail:].encode("utf-8", "surrogatepass")).decode(
        "utf-8", "surrogatepass"
    )


def can_reveal(page: str | bytes) -> bool:
    """Whether `page` holds anything `reveal` would show."""
    data = page.encode("utf-8", "surrogatepass") if isinstance(page, str) else page
    return _HIDING.search(data) is not None


def reveal(page: str | bytes, deadline: Deadline | None = None) -> str:
    """`page` as a browser would show it once its scripts ran or with scripts off:
    `<noscript>` and `<noframes>` content as ordinary markup, and no element hidden by
    the `hidden` or `aria-hidden` attributes or an inline `display:none`/
    `visibility:hidden`. Done on the parsed tree (a pattern over raw markup would also
    hit the page's text). Every so many elements it checks `deadline`
    (`Config.time_limit`)."""
    root = etree.fromstring(page, _parser())
    if root is None:
        return page if isinstance(page, str) else page.decode("utf-8", "replace")
    for frames in list(root.iter("noframes")):  # first: the loop below visits their content
        _unframe(frames)
    for count, element in enumerate(root.iter(etree.Element), 1):
        if deadline is not None and not count % CHECK_EVERY:
            deadline.check("while showing what the page hides")
        if element.tag == "noscript":
            element.tag = "div"
        for name in ("hidden", "aria-hidden"):
            element.attrib.pop(name, None)
        style = element.get("style")
        if style and HIDDEN_STYLE.search(style):
            element.set("style", xml_safe(HIDDEN_STYLE.sub("display:block", style)))
    return str(etree.tostring(root, method="html", encoding="unicode"))


# React's streamed server rendering (React 18 and later; Next.js's app router): content
# that was not ready when the page started is sent at the end of the body in a hidden
# `<div hidden id="S:n">`, which an inline script then shows in its place. A browser
# always runs that script; a crawl keeps the page as sent, and the walk drops hidden
# elements: the story was lost. Shown where it is (moving it into place measured no
# better, and carried recommendation carousels into product pages).
_STREAMED: Final = re.compile(rb'<div hidden id="(S:\d+")')
_STREAMED_TEXT: Final = re.compile(r'<div hidden id="(S:\d+")')
_STREAMED_MARK: Final = b'<div hidden id="S:'
_STREAMED_MARK_TEXT: Final = '<div hidden id="S:'
_STREAMED_RARE: Final = _STREAMED_MARK.index(b"S")  # the mark's byte rarest in pages


def show_streamed(page: str | bytes) -> str | bytes:
    """`page` with React's streamed segments shown (their `hidden` attribute dropped);
    `page` itself where it has none."""
    # Most pages have none, and a search for the mark says so in half the time the
    # pattern takes; in C, memchr from one 'S' to the next, in a tenth of that.
    if isinstance(page, bytes):
        return (
            _STREAMED.sub(rb'<div id="\1', page)
            if _FIND_BY(page, _STREAMED_MARK, _STREAMED_RARE) >= 0
            else page
        )
    return _STREAMED_TEXT.sub(r'<div id="\1', page) if _STREAMED_MARK_TEXT in page else page


def find_by(page: bytes, needle: bytes, k: int) -> int:
    """`page.find(needle)`: the reference for `_walk.find_by`, which finds it by memchr
    from one `needle[k]` (a byte rare in pages) to the next."""
    return page.find(needle)


_FIND_BY: Final[Callable[[bytes, bytes, int], int]] = c_function("_walk", "find_by") or find_by


def _parser() -> etree.HTMLParser:
    return etree.HTMLParser(huge_tree=True, no_network=True, remove_comments=True)


def _unframe(element: etree._Element) -> None:
    """A `<noframes>` as a `<div>` of its content read as markup: what a browser without
    frames shows. libxml2 reads its content as raw text (as HTML5 does), so its tags
    would be text; they are parsed here, and what they hold (in the `<body>` they often
    repeat) is moved into the element. One level only: a `<noframes>` inside stays
    dropped (each level would parse the rest of the page again: quadratic)."""
    element.tag = "div"
    text, element.text = element.text, None
    inner = etree.fromstring(text, _parser()) if text and text.strip() else None
    if inner is None:
        return
    body = inner.find("body")
    content = body if body is not None else inner
    element.text = xml_safe(content.text) if content.text is not None else None
    element.extend(list(content))


# What lxml refuses to set as a text or an attribute's value, though its parser reads
# it from a page: control characters (those Python reads as white space, and the
# others). Lone surrogates never reach here: the intake made them U+FFFD.
_CONTROL_SPACES: Final = re.compile("[\x0b\x0c\x1c-\x1f]")
_CONTROLS: Final = re.compile("[\x00-\x08\x0e-\x1b\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """`text` as lxml takes it for a node's text or an attribute's value: the control
    characters Python reads as white space made spaces, the others dropped (as the
    intake drops NULs). lxml's parser keeps them in what it reads (a `<noframes>`'
    text, a `style`), and setting them again raised a ValueError out of `clean()`."""
    return _CONTROLS.sub("", _CONTROL_SPACES.sub(" ", text))


# Elements that hold boilerplate or controls, which the walk drops or reads as such.
_WRAPPERS: Final = ("header", "nav", "footer", "button", "select")
_INVISIBLE: Final = ("script", "style", "template", "noscript")


def unwrap(page: str | bytes, share: float) -> str | None:
    """`page` with every header, nav, footer, button or select element that holds more
    than `share` of the page's words made a plain `<div>` (no such element holds most
    of a page as a browser shows it); None where none does."""
    parser = etree.HTMLParser(
        huge_tree=True,
        no_network=True,
        remove_comments=True,
        encoding="utf-8" if isinstance(page, bytes) else None,
    )
    root = etree.fromstring(page, parser)
    if root is None:
        return None
    words = _word_counts(root)
    total = words[root]
    changed = False
    for element in root.iter(*_WRAPPERS):
        if total and words[element] > share * total:
            element.tag = "div"
            element.attrib.pop("role", None)
            changed = True
    return str(etree.tostring(root, method="html", encoding="unicode")) if changed else None


def _word_counts(root: etree._Element) -> dict[etree._Element, int]:
    """The words a browser shows under every element, children before parents: linear
    in the tree (counting each element's text anew would be quadratic in nested
    elements). Scripts, styles, templates and `<noscript>` show none; they stay in the
    page (its JSON-LD is read, and `reveal` may show the `<noscript>` content later)."""
    counts: dict[etree._Element, int] = {}
    for element in reversed(list(root.iter())):
        if element.tag in _INVISIBLE:
            counts[element] = 0
            continue
        n = len((element.text or "").split()) if isinstance(element.tag, str) else 0
        for child in element:
            n += counts.get(child, 0) + len((child.tail or "").split())
        counts[element] = n
    return counts
