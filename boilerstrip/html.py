"""HTML pages: lxml parses, block-level elements become blocks with their DOM context.

Why one walk: a single pass over the tree (lxml's iterwalk) keeps, for every block, its
tag, heading level, link density, the semantic containers around it (nav, footer,
article...) and the nearest class/id hint (menu, comments, article-body...). Detectors
read these beside the text features, so HTML and text mode share every detector.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from .errors import InputError
from .model import CELL_TAGS, Block, Dom, Features

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
_NAV = frozenset({"nav"})
_PROSE_TAGS = ("p", "h1", "article", "main")
_CONTAINERS = frozenset(
    "nav header footer aside form article main figure figcaption li table blockquote pre ul ol dl".split()
)
# Boilerplate roles are hints, like class names: authors misuse them too, and a hint on
# an element holding much of the page's text is set aside (`settle_hints`).
_ROLE_HINTS = {"navigation": "nav", "menu": "nav", "menubar": "nav", "contentinfo": "footer"}
_NAV_ROLES = frozenset(role for role, hint in _ROLE_HINTS.items() if hint == "nav")
_ROLES = {
    "banner": "header",
    "complementary": "aside",
    "main": "main",
    "article": "article",
    "search": "form",
    "dialog": "aside",
    "alert": "aside",
}
# Class and id names that say what a container holds. Article containers must be named
# in full ("article-body"; "story-card" is a teaser); boilerplate words count as any
# part of a name ("main-nav", "related_posts"). The nearest hinted ancestor decides.
CONTENT_NAMES = frozenset(
    "article articlebody article-body article-content article-text articletext article-main "
    "article-detail articledetail article-entry article-copy article-body-text articlecontent "
    "story-body storybody story-content story-text storytext entry-content entry-body "
    "post-content post-body postbody post-entry post-text postcontent single-post-content "
    "content-body body-text text-content richtext rich-text news-body news-content news-text "
    "news-article detail-content detail-body main-text maintext article-page-body "
    "td-post-content field-body field-item body-copy bodytext text-body article-wrapper".split()
)
BOILERPLATE_WORDS: dict[str, str] = {}
for _hint, _words in {
    "nav": "nav navbar navigation menu menubar mainmenu topnav subnav breadcrumb breadcrumbs "
    "masthead skip skiplink pagination pager tabs toolbar",
    "footer": "footer foot colophon copyright legal",
    "comment": "comment comments commentlist disqus respond discussion replies",
    "related": "related recommended recommendations morestories readmore trending popular "
    "mostpopular mostread outbrain taboola teaser teasers sidebar aside rail widget widgets",
    "social": "share shares sharing social sharebar sharethis addthis",
    "ad": "ad ads advert adverts advertisement advertising sponsor sponsored promo promotion "
    "promoted dfp adslot commercial",
    "prompt": "newsletter subscribe subscription signup cookie cookies consent gdpr paywall modal "
    "popup overlay login register",
}.items():
    for _word in _words.split():
        BOILERPLATE_WORDS[_word] = _hint


def class_hint(attrs: str) -> tuple[str, str]:
    """(hint, name) for a class/id string: content names first, then boilerplate words."""
    names = attrs.lower().replace("_", "-").split()
    for name in names:
        if name.replace("--", "-") in CONTENT_NAMES:
            return "content", name
    split = [(name, name.split("-")) for name in names]
    if any(not _EMBED_WORDS.isdisjoint(parts) for _, parts in split):
        return "", ""
    for name, parts in split:
        for part in parts:
            hint = BOILERPLATE_WORDS.get(part)
            if hint:
                return hint, name
    return "", ""


# An embedded post ("social-media-embed", "embed-twitter") is quoted content, not a
# share bar: its other class words do not make it boilerplate.
_EMBED_WORDS = frozenset({"embed", "embedded"})


# A boilerplate class on an element holding more than this share of the page's text is
# a layout wrapper, not what its name says.
HINT_MAX_SHARE = 0.3
# A <nav> becomes one block when at least this share of its text is in links.
NAV_MIN_LINK_SHARE = 0.5
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)


@dataclass(slots=True)
class HtmlPage:
    """What the walk gives: the blocks, and the <title> without its site name."""

    blocks: list[Block]
    title: str | None = None


def parse(markup: str | bytes) -> etree._Element:
    """The lxml tree of a page: a str, or bytes known to be UTF-8 (parsed as they are:
    a str costs lxml an encoding pass); an XML declaration in a str would make lxml
    refuse it. Plain lxml elements, not lxml.html's: its per-element class lookup
    costs a third of the walk."""
    if isinstance(markup, str):
        markup = _XML_DECL.sub("", markup, count=1)
    try:
        # A parser per page: lxml parsers keep state and are not safe to share across threads.
        parser = etree.HTMLParser(
            remove_comments=True,
            remove_pis=True,
            collect_ids=False,
            no_network=True,
            encoding="utf-8" if isinstance(markup, bytes) else None,
        )
        root = etree.fromstring(markup, parser)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(f"cannot parse the HTML page: {exc}") from exc
    if root is None:
        raise InputError("cannot parse the HTML page: no element in it")
    return root


def walk(root: etree._Element) -> HtmlPage:
    """One pass over the body: blocks with their DOM context."""
    title_el = root.find(".//title")
    title = " ".join("".join(title_el.itertext()).split()) if title_el is not None else None
    title = page_title(title) if title else None
    etree.strip_elements(root, *_DROP, with_tail=False)
    body = root.find("body")
    builder = _Builder()
    builder.run(body if body is not None else root)
    builder.settle_hints(HINT_MAX_SHARE)
    return HtmlPage(builder.blocks, title or None)


_TITLE_PARTS = re.compile(r"\s+[|\-–—·»]\s+")


def page_title(title: str) -> str:
    """A <title> without its site name: "Story | Site" → "Story" (the longest part)."""
    parts = _TITLE_PARTS.split(title)
    return max(parts, key=len) if len(parts) > 1 else title


def _is_hidden(el: etree._Element) -> bool:
    """Hidden by attribute or inline style (display:none, visibility:hidden)."""
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return el.tag not in ("html", "body")
    return _HIDDEN_STYLE.search(el.get("style", "")) is not None


Hint = tuple[int, str, str]  # (id of the hinted element, hint, class/id word)
_Frame = tuple[frozenset[str], tuple[Hint, ...], bool]  # containers, hinted ancestors, hidden


class _Builder:
    """Walk state: a stack of frames (containers, hinted ancestors, hidden) and the
    open block's text pieces.

    Hints are settled after the walk: a boilerplate hint on an element that holds much
    of the page's text is a layout wrapper ("page menu-closed"), not a menu, so it is
    skipped for the next hinted ancestor (`settle_hints`).
    """

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.raw: list[tuple[str, str, int, int, frozenset[str], tuple[Hint, ...], int]] = []
        self.pieces: list[str] = []
        self.has_text = False  # some piece is more than white space
        self.link_chars = 0
        self.in_link = 0
        self.stack: list[_Frame] = [(frozenset(), (), False)]
        self.block_tags: list[str] = ["body"]
        self.hint_memo: dict[str, tuple[str, str]] = {}
        self.hinted = 0
        self.rows = 0  # table rows seen: cells of one row share the number

    def run(self, top: etree._Element) -> None:
        """The walk. Hot: every element of every page passes here twice, so the text
        bookkeeping is inlined. (Finding hidden elements by XPath first costs more: a
        libxml2 XPath scan is slower than these attribute reads.)"""
        walker = etree.iterwalk(top, events=("start", "end"))
        stack = self.stack
        block_tags = self.block_tags
        pieces = self.pieces
        for event, el in walker:
            tag = el.tag
            if event == "start":
                frame = stack[-1]
                get = el.get
                if (get("style") or get("hidden") is not None or get("aria-hidden")) and _is_hidden(el):
                    walker.skip_subtree()
                    stack.append((frame[0], frame[1], True))
                    continue
                if tag in _BLOCK_TAGS:
                    if pieces:
                        self._flush()
                    if (tag == "nav" or get("role") in _NAV_ROLES) and self._collapse(el, frame):
                        walker.skip_subtree()
                        stack.append((frame[0], frame[1], True))
                        continue
                    if tag == "tr":
                        self.rows += 1
                    block_tags.append(tag)
                    stack.append(self._frame(el, tag, frame))
                elif tag == "br":
                    if pieces:
                        self._flush()
                    stack.append(frame)
                elif tag == "a":
                    self.in_link += 1
                    stack.append(frame)
                elif tag in _CONTAINERS or get("role") is not None:
                    stack.append(self._frame(el, tag, frame))
                else:
                    stack.append(frame)
                text = el.text
            else:
                if not stack.pop()[2]:
                    if tag in _BLOCK_TAGS:
                        if pieces:
                            self._flush()
                        block_tags.pop()
                    elif tag == "a":
                        self.in_link -= 1
                text = el.tail if el is not top else None
            if text:
                pieces.append(text)
                if not text.isspace():
                    self.has_text = True
                    if self.in_link:
                        self.link_chars += len(text.strip())
        if pieces:
            self._flush()

    def _collapse(self, el: etree._Element, frame: _Frame) -> bool:
        """A navigation element made mostly of links becomes one block: its links are
        never article text, and a block per menu item would cost every later stage a
        third of its work. One that holds paragraphs or a headline, or is mostly text,
        is a mislabelled wrapper and is walked like any element."""
        if next(el.iter(*_PROSE_TAGS), None) is not None:
            return False
        text = " ".join(" ".join(el.itertext()).split())
        links = sum(len(t.strip()) for a in el.iter("a") for t in a.itertext())
        if links < len(text) * NAV_MIN_LINK_SHARE:
            return False
        if text:
            containers, chain, _ = self._frame(el, "nav", frame)
            self.raw.append((text, "nav", len(self.stack) + 1, links, containers | _NAV, chain, 0))
        return True

    def _frame(self, el: etree._Element, tag: str, parent: _Frame) -> _Frame:
        containers, chain, _ = parent
        role = el.get("role")
        if tag in _CONTAINERS:
            containers = containers | {tag}
        if role in _ROLES:
            containers = containers | {_ROLES[role]}
        attrs = el.get("class", "") + " " + el.get("id", "")
        if el.get("itemprop") == "articleBody":
            attrs = "article-body " + attrs
        hint, token = self._hint(attrs) if attrs != " " else ("", "")
        if not hint and role in _ROLE_HINTS:
            hint, token = _ROLE_HINTS[role], f"role={role}"
        if hint:
            self.hinted += 1
            chain = (*chain, (self.hinted, hint, token))
        return containers, chain, False

    def _hint(self, attrs: str) -> tuple[str, str]:
        found = self.hint_memo.get(attrs)
        if found is None:
            found = self.hint_memo[attrs] = class_hint(attrs)
        return found

    def _flush(self) -> None:
        if not self.has_text:
            self.pieces.clear()
            return
        self.has_text = False
        text = " ".join("".join(self.pieces).split())
        self.pieces.clear()
        link_chars, self.link_chars = self.link_chars, 0
        if text:
            containers, chain, _ = self.stack[-1]
            tag = self.block_tags[-1]
            row = self.rows if tag in CELL_TAGS else 0
            self.raw.append((text, tag, len(self.stack), link_chars, containers, chain, row))

    def settle_hints(self, max_share: float) -> None:
        """Make the blocks, each with the nearest hint whose element is not a
        page-wide wrapper."""
        owned: dict[int, int] = {}
        total = 0
        for text, _, _, _, _, chain, _ in self.raw:
            total += len(text)
            for owner, _, _ in chain:
                owned[owner] = owned.get(owner, 0) + len(text)
        limit = total * max_share
        for index, (text, tag, depth, link_chars, containers, chain, row) in enumerate(self.raw):
            hint, token, owner_id = "", "", 0
            for owner, h, t in reversed(chain):
                if h in ("content", "comment") or owned[owner] <= limit:
                    hint, token, owner_id = h, t, owner
                    break
            heading = int(tag[1]) if len(tag) == 2 and tag[0] == "h" and tag[1].isdigit() else 0
            link_density = min(link_chars / len(text), 1.0)
            # tuple.__new__: the named tuple's own __new__ is interpreted Python (see model.verdict)
            dom = tuple.__new__(
                Dom, (tag, depth, link_density, containers, hint, token, heading, owner_id, row)
            )
            self.blocks.append(Block(text, index, index + 1, Features(), tag=tag, dom=dom))
