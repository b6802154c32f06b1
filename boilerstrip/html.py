"""HTML pages: lxml parses, block-level elements become blocks with their DOM context.

Why one walk: a single pass over the tree (lxml's iterwalk) keeps, for every block, its
tag, heading level, link density, the semantic containers around it (nav, footer,
article...) and the nearest class/id hint (menu, comments, article-body...). Detectors
read these beside the text features, so HTML and text mode share every detector.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from lxml import etree
from lxml import html as lxml_html

from .errors import InputError
from .model import Block, Dom, Features

# Removed with their content before the walk: never visible article text.
_DROP = (
    "script", "style", "noscript", "template", "svg", "iframe", "canvas", "object", "embed",
    "select", "option", "textarea", "button", "input", "head", "math", "map", "audio", "video",
)  # fmt: skip
_BLOCK_TAGS = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li dt dd blockquote pre td th tr figcaption caption article section "
    "header footer nav aside main ul ol dl table address summary details hr title form fieldset "
    "legend center body".split()
)
_CONTAINERS = frozenset(
    "nav header footer aside form article main figure figcaption li table blockquote pre ul ol dl".split()
)
_ROLES = {
    "navigation": "nav",
    "banner": "header",
    "contentinfo": "footer",
    "complementary": "aside",
    "main": "main",
    "article": "article",
    "menu": "nav",
    "menubar": "nav",
    "search": "form",
    "dialog": "aside",
    "alert": "aside",
}
# Class and id words that say what a container holds. The nearest ancestor with one
# decides; "content" words stop boilerplate words further up from applying.
HINTS: dict[str, str] = {}
for _hint, _words in {
    "content": "article articlebody article-body articletext article-text story storybody story-body "
    "storytext entry entry-content post-content postbody post-body content-body body-text "
    "main-content maincontent text-content richtext rich-text prose",
    "nav": "nav navbar navigation menu menubar mainmenu topnav subnav breadcrumb breadcrumbs "
    "masthead skip skiplink pagination pager tabs toolbar",
    "footer": "footer foot colophon copyright legal site-footer",
    "comment": "comment comments commentlist comment-list disqus respond discussion replies "
    "comment-body comment-content",
    "related": "related recommended recommendations more-stories morestories read-more readmore "
    "trending popular most-popular mostpopular most-read outbrain taboola teaser teasers "
    "sidebar side-bar aside rail widget widgets",
    "social": "share shares sharing social sharebar share-bar sharethis addthis follow",
    "ad": "ad ads advert adverts advertisement advertising sponsor sponsored promo promotion "
    "promoted dfp adslot ad-slot banner-ad commercial",
    "prompt": "newsletter subscribe subscription signup sign-up cookie cookies consent gdpr "
    "paywall modal popup overlay login register",
}.items():
    for _word in _words.split():
        HINTS[_word] = _hint
_HINT_RE = re.compile(
    r"(?<![a-z0-9])(" + "|".join(sorted(map(re.escape, HINTS), key=len, reverse=True)) + r")(?![a-z0-9])"
)
# A boilerplate class on an element holding more than this share of the page's text is
# a layout wrapper, not what its name says.
HINT_MAX_SHARE = 0.3
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_SPACE = re.compile(r"\s+")


@dataclass(slots=True)
class HtmlPage:
    """What the walk gives: blocks, and the parsed tree for metadata."""

    blocks: list[Block]
    root: etree._Element
    title: str | None = None
    lang: str | None = None
    meta: dict[str, str] = field(default_factory=dict)


def parse(markup: str) -> etree._Element:
    """The lxml tree of a page; an XML declaration in a str would make lxml refuse it."""
    markup = _XML_DECL.sub("", markup, count=1)
    try:
        return lxml_html.document_fromstring(markup)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(f"cannot parse the HTML page: {exc}") from exc


def html_blocks(markup: str) -> tuple[list[Block], str | None]:
    """Blocks of an HTML page in document order, and the <title> text."""
    page = walk(parse(markup))
    return page.blocks, page.title


def walk(root: etree._Element) -> HtmlPage:
    """One pass over the body: blocks with their DOM context."""
    title_el = root.find(".//title")
    title = _SPACE.sub(" ", title_el.text_content()).strip() if title_el is not None else None
    title = page_title(title) if title else None
    lang = root.get("lang") or root.get("xml:lang")
    _drop_invisible(root)
    body = root.find("body")
    builder = _Builder()
    builder.run(body if body is not None else root)
    builder.settle_hints(HINT_MAX_SHARE)
    return HtmlPage(builder.blocks, root, title or None, lang)


_TITLE_PARTS = re.compile(r"\s+[|\-–—·»]\s+")


def page_title(title: str) -> str:
    """A <title> without its site name: "Story | Site" → "Story" (the longest part)."""
    parts = _TITLE_PARTS.split(title)
    return max(parts, key=len) if len(parts) > 1 else title


def _drop_invisible(root: etree._Element) -> None:
    """Remove elements that never show as text: scripts, styles, hidden elements."""
    etree.strip_elements(root, *_DROP, with_tail=True)
    hidden = root.xpath(
        "//*[@hidden or @aria-hidden='true' or contains(@style, 'none') or contains(@style, 'hidden')]"
    )
    for el in hidden:
        flagged = el.get("hidden") is not None or el.get("aria-hidden") == "true"
        if not flagged and not _HIDDEN_STYLE.search(el.get("style", "")):
            continue
        parent = el.getparent()
        if parent is not None and el.tag not in ("body", "html"):
            el.drop_tree()


Hint = tuple[int, str, str]  # (id of the hinted element, hint, class/id word)


class _Builder:
    """Walk state: a stack of (containers, hinted ancestors) and the open block's pieces.

    Hints are settled after the walk: a boilerplate hint on an element that holds much
    of the page's text is a layout wrapper ("page menu-closed"), not a menu, so it is
    skipped for the next hinted ancestor (`settle_hints`).
    """

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.chains: list[tuple[Hint, ...]] = []
        self.pieces: list[str] = []
        self.link_chars = 0
        self.in_link = 0
        self.stack: list[tuple[frozenset[str], tuple[Hint, ...]]] = [(frozenset(), ())]
        self.block_tags: list[str] = ["body"]
        self.hint_memo: dict[str, tuple[str, str]] = {}
        self.hinted = 0

    def run(self, top: etree._Element) -> None:
        for event, el in etree.iterwalk(top, events=("start", "end")):
            tag = el.tag
            if not isinstance(tag, str):  # comments and processing instructions
                if event == "end" and el.tail:
                    self._add(el.tail)
                continue
            if event == "start":
                self._open(el, tag)
            else:
                self._close(el, tag, el is top)
        self._flush()

    def _open(self, el: etree._Element, tag: str) -> None:
        containers, chain = self.stack[-1]
        role = el.get("role")
        if tag in _CONTAINERS or role in _ROLES:
            containers = containers | {_ROLES.get(role or "", tag) if role in _ROLES else tag}
        attrs = el.get("class", "") + " " + el.get("id", "")
        if attrs != " ":
            hint, token = self._hint(attrs)
            if hint:
                self.hinted += 1
                chain = (*chain, (self.hinted, hint, token))
        if tag == "a":
            self.in_link += 1
        if tag in _BLOCK_TAGS:
            self._flush()
            self.block_tags.append(tag)
        elif tag == "br":
            self._flush()
        self.stack.append((containers, chain))
        if el.text:
            self._add(el.text)

    def _close(self, el: etree._Element, tag: str, is_top: bool) -> None:
        if tag in _BLOCK_TAGS:
            self._flush()
            self.block_tags.pop()
        if tag == "a":
            self.in_link -= 1
        self.stack.pop()
        if el.tail and not is_top:
            self._add(el.tail)

    def _add(self, text: str) -> None:
        self.pieces.append(text)
        if self.in_link:
            self.link_chars += len(text.strip())

    def _hint(self, attrs: str) -> tuple[str, str]:
        found = self.hint_memo.get(attrs)
        if found is None:
            m = _HINT_RE.search(attrs.lower())
            found = (HINTS[m.group(1)], m.group(1)) if m else ("", "")
            self.hint_memo[attrs] = found
        return found

    def _flush(self) -> None:
        if not self.pieces:
            return
        text = _SPACE.sub(" ", "".join(self.pieces)).strip()
        self.pieces.clear()
        link_chars, self.link_chars = self.link_chars, 0
        if not text:
            return
        tag = self.block_tags[-1]
        containers, chain = self.stack[-1]
        heading = int(tag[1]) if len(tag) == 2 and tag[0] == "h" and tag[1].isdigit() else 0
        dom = Dom(
            tag=tag,
            depth=len(self.stack),
            link_density=min(link_chars / len(text), 1.0),
            containers=containers,
            hint="",
            hint_token="",
            heading=heading,
        )
        index = len(self.blocks)
        self.blocks.append(Block(text, index, index + 1, Features(), tag=tag, dom=dom))
        self.chains.append(chain)

    def settle_hints(self, max_share: float) -> None:
        """Give each block the nearest hint whose element is not a page-wide wrapper."""
        owned: dict[int, int] = {}
        total = 0
        for block, chain in zip(self.blocks, self.chains, strict=True):
            size = len(block.text)
            total += size
            for owner, _, _ in chain:
                owned[owner] = owned.get(owner, 0) + size
        limit = total * max_share
        for block, chain in zip(self.blocks, self.chains, strict=True):
            for owner, hint, token in reversed(chain):
                if hint in ("content", "comment") or owned[owner] <= limit:
                    assert block.dom is not None
                    block.dom = replace(block.dom, hint=hint, hint_token=token, hint_owner=owner)
                    break
