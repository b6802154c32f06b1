"""HTML pages: lxml parses, block-level elements become blocks with their DOM context.

Why one walk in document order: it keeps, for every block, its tag, heading level, link
density, the semantic containers around it (nav, footer, article...) and the nearest
class/id hint (menu, comments, article-body...). Detectors read these beside the text
features, so HTML and text mode share every detector.

The walk has two forms that give the same result: in C over the tree lxml builds
(`_walk.c`, built by setup.py where a compiler is at hand: it makes Python objects only
for what it keeps), and in Python as lxml's parser target (`_Builder`, everywhere else).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from lxml import etree

from .budget import Deadline
from .config import Config
from .errors import InputError
from .htmlmeta import Markup
from .model import CELL_TAGS, Block, Dom, Features, new_tuple

# Removed with their content before the walk: never visible article text.
_DROP: Final = frozenset((
    "script", "style", "noscript", "template", "svg", "iframe", "canvas", "object", "embed",
    "select", "option", "textarea", "button", "input", "head", "math", "map", "audio", "video",
    # libxml2 reads a <noframes> as raw text (as HTML5 does): its markup would be a block
    # of tags; `markup.reveal` reads it as markup on a page that shows nothing else.
    "noframes",
))  # fmt: skip
# SVG and MathML: their <title> names a drawing, not the page (a browser's document
# title is the first <title> of HTML's own).
_FOREIGN: Final = frozenset(("svg", "math"))
_BLOCK_TAGS: Final = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li dt dd blockquote pre td th tr figcaption caption article section "
    "header footer nav aside main ul ol dl table address summary details hr title form fieldset "
    "legend center body".split()
)
_NAV: Final = frozenset({"nav"})
_PROSE_TAGS: Final = ("p", "h1", "article", "main")
_CONTAINERS: Final = frozenset(
    "nav header footer aside form article main figure figcaption li table blockquote pre ul ol dl".split()
)
# Boilerplate roles are hints, like class names: authors misuse them too, and a hint on
# an element holding much of the page's text is set aside (`settle_hints`).
_ROLE_HINTS: Final = {"navigation": "nav", "menu": "nav", "menubar": "nav", "contentinfo": "footer"}
_NAV_ROLES: Final = frozenset(role for role, hint in _ROLE_HINTS.items() if hint == "nav")
_ROLES: Final = {
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
CONTENT_NAMES: Final = frozenset(
    "article articlebody article-body article-content article-text articletext article-main "
    "article-detail articledetail article-entry article-copy article-body-text articlecontent "
    "story-body storybody story-content story-text storytext entry-content entry-body "
    "post-content post-body postbody post-entry post-text postcontent single-post-content "
    "content-body body-text text-content richtext rich-text news-body news-content news-text "
    "news-article detail-content detail-body main-text maintext article-page-body "
    "td-post-content field-body field-item body-copy bodytext text-body article-wrapper".split()
)
BOILERPLATE_WORDS: Final[dict[str, str]] = {}
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
    low = attrs.lower().replace("_", "-")
    names = low.split()
    for name in names:
        if name in CONTENT_NAMES or ("--" in name and name.replace("--", "-") in CONTENT_NAMES):
            return "content", name
    parts = low.replace("-", " ").split()  # the words of every name, in order
    if "embed" in low and not _EMBED_WORDS.isdisjoint(parts):
        return "", ""
    for part in parts:
        hint = BOILERPLATE_WORDS.get(part)
        if hint:
            return hint, next(name for name in names if part in name.split("-"))
    return "", ""


# An embedded post ("social-media-embed", "embed-twitter") is quoted content, not a
# share bar: its other class words do not make it boilerplate.
_EMBED_WORDS: Final = frozenset({"embed", "embedded"})
# What the C walk's class_hint reads (it calls class_hint itself for a non-ASCII string).
_HINTS: Final = (class_hint, CONTENT_NAMES, BOILERPLATE_WORDS, _EMBED_WORDS)


# A boilerplate class on an element holding more than this share of the page's text is
# a layout wrapper, not what its name says.
HINT_MAX_SHARE: Final = 0.3
# A <nav> becomes one block when at least this share of its text is in links.
NAV_MIN_LINK_SHARE: Final = 0.5
_HIDDEN_STYLE: Final = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_XML_DECL: Final = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)


@dataclass(slots=True)
class HtmlPage:
    """What the walk gives: the blocks, the <title> without its site name, and the
    markup `htmlmeta` reads."""

    blocks: list[Block]
    title: str | None = None
    markup: Markup = field(default_factory=Markup)


def read(markup: str | bytes, config: Config | None = None, deadline: Deadline | None = None) -> HtmlPage:
    """Parse and walk a page: a str, or bytes known to be UTF-8 (parsed as they are: a
    str costs lxml an encoding pass); an XML declaration in a str would make lxml refuse
    it. The walk in C (`_walk`) reads the tree lxml builds; without it, the same walk
    runs as lxml's parser target (`_Builder`), and so does a page with a tag of more
    attributes than `config.html_max_attributes` (a tree's cost is quadratic in them).
    The walk in Python checks `deadline` as it goes (`Config.time_limit`); the one in C
    is one call, which runs to its end."""
    if isinstance(markup, str):
        markup = _XML_DECL.sub("", markup, count=1)
    if TREE_WALK:
        bound = (config or _DEFAULT_CONFIG).html_max_attributes
        leaner, most = _LEAN(markup, _READ_ATTRIBUTES, bound) if isinstance(markup, bytes) else (markup, -1)
        if most < 0:  # given back whole: counted on its own
            most = _MOST_ATTRIBUTES(markup, bound)
        if most <= bound:
            return read_tree(markup, config=config, deadline=deadline, leaner=leaner)
    return read_events(markup, config, deadline)


def tree_is_linear(
    markup: str | bytes, config: Config | None = None, deadline: Deadline | None = None
) -> bool:
    """Whether libxml2 builds this page's tree in linear time: no tag of more than
    `config.html_max_attributes` attributes. Counted by the C scan where it is built,
    else by a parse into a counting target (events are linear), which checks
    `deadline` as it goes."""
    bound = (config or _DEFAULT_CONFIG).html_max_attributes
    if TREE_WALK:
        return _MOST_ATTRIBUTES(markup, bound) <= bound
    counter = _AttributeCount(deadline)
    etree.fromstring(markup, etree.HTMLParser(target=counter, huge_tree=True, no_network=True))
    return counter.most <= bound


class _AttributeCount:
    """A parser target that keeps the most attributes any tag has."""

    def __init__(self, deadline: Deadline | None = None) -> None:
        self.most = 0
        self.starts = 0
        self.deadline = deadline

    def start(self, tag: str, attrib: Mapping[str, str]) -> None:
        self.most = max(self.most, len(attrib))
        self.starts += 1
        if not self.starts & (_CHECK_EVERY - 1) and self.deadline is not None:
            self.deadline.check("while counting the page's attributes")

    def end(self, tag: str) -> None:
        pass

    def data(self, data: str) -> None:
        pass

    def close(self) -> int:
        return self.most


def _parser(markup: str | bytes, target: _Builder | None) -> etree.HTMLParser:
    """An lxml parser for one page, into a tree or into a parser target. A parser per
    page: lxml parsers keep state and are not safe to share across threads.

    Both with huge_tree: without it libxml2 stops at a text node, attribute value or
    comment over 10 MB, and the walk would see a silent prefix of the page (a page may
    be up to `Config.max_input_chars`; huge_tree raises that bound to 1 GB). A tree may
    then nest as deep as libxml2 allows (2,048 levels, not 256): a page nested deeper
    is cut short in a tree, never in a target (see `read_tree`)."""
    return etree.HTMLParser(
        target=target,
        remove_comments=True,
        remove_pis=True,
        collect_ids=False,
        no_network=True,
        huge_tree=True,
        encoding="utf-8" if isinstance(markup, bytes) else None,
    )


def _parse(
    markup: str | bytes, parser: etree.HTMLParser, deadline: Deadline | None = None
) -> etree._Element | None:
    """The page's tree. Under a time limit, a page over `FEED_CHUNK` is fed to libxml2
    a chunk at a time, the deadline checked before each: built in one call, the tree of
    a 20 MB page takes over a second that nothing can cut. (The same tree: checked on
    every development page. Feeding costs a tenth more, so small pages and pages with
    no limit are built in one call.)"""
    try:
        if deadline is None or deadline.limit <= 0 or len(markup) <= FEED_CHUNK:
            return etree.fromstring(markup, parser)
        return fed(markup, parser, deadline)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(f"cannot parse the HTML page: {exc}") from exc


def fed(markup: str | bytes, parser: etree.HTMLParser, deadline: Deadline, chunk: int = 0) -> etree._Element:
    """The tree libxml2 builds when fed `markup` a `chunk` at a time (`FEED_CHUNK` by
    default), `deadline` checked before each."""
    size = chunk or FEED_CHUNK
    for start in range(0, len(markup), size):
        deadline.check("while libxml2 builds the tree")
        parser.feed(markup[start : start + size])
    return parser.close()


# The part of a page libxml2 is fed at a time under a time limit (about a tenth of a
# second of parsing; it changes no result, so it is no Config field).
FEED_CHUNK: Final = 1 << 20


def read_tree(
    markup: str | bytes,
    walk: WalkFunction | None = None,
    config: Config | None = None,
    deadline: Deadline | None = None,
    leaner: str | bytes | None = None,
) -> HtmlPage:
    """The walk in C over lxml's tree: libxml2 builds the tree, and Python objects are
    made only for what the walk keeps (see `_walk.c`). libxml2 is given the page without
    the attributes the walk never reads (`leaner`, made here when not given: see
    `lean_in_python`): it would build, copy and free each. A page libxml2 stopped
    building (a fatal error: nested deeper than a tree may be) is walked as events
    instead, which see all of it."""
    config = config or _DEFAULT_CONFIG
    walk = walk or _C_WALK
    if walk is None:
        raise RuntimeError("boilerstrip._walk is not built: use read_events")
    parser = _parser(markup, None)
    if leaner is None:
        leaner = _LEAN(markup, _READ_ATTRIBUTES, _NO_BOUND)[0] if isinstance(markup, bytes) else markup
    root = _parse(leaner, parser, deadline)
    if root is None:
        raise InputError(_NO_ELEMENT)
    if _cut_short(parser):
        return read_events(markup, config, deadline)
    raw, title, metas, json_ld, stamps, canonical, canonical_seen, langs = walk(
        root,
        _HINTS,
        _HIDDEN_STYLE.search,
        NAV_MIN_LINK_SHARE,
        config.html_max_nested_articles,
        _walk_check(deadline),
    )
    found = Markup(metas, json_ld, stamps, canonical, canonical_seen, langs)
    return HtmlPage(settle_hints(raw, HINT_MAX_SHARE, deadline), _page_title(title), found)


def _walk_check(deadline: Deadline | None) -> Callable[[], object] | None:
    """What the walk in C calls every so many elements: the deadline's check, when
    there is a limit (the walk of a 20 MB page takes about a second)."""
    if deadline is None or deadline.limit <= 0:
        return None
    return lambda: deadline.check("while walking the tree")


def _cut_short(parser: etree.HTMLParser) -> bool:
    """Whether libxml2 met a fatal error, after which it builds no more of the tree."""
    log = parser.error_log
    return bool(log) and any(entry.level == etree.ErrorLevels.FATAL for entry in log)


def _fatal(parser: etree.HTMLParser) -> str:
    """libxml2's first fatal error, where it stopped reading and why (a limit it names)."""
    entry = next(e for e in parser.error_log if e.level == etree.ErrorLevels.FATAL)
    return f"libxml2 stopped at line {entry.line}, column {entry.column}: {entry.message}"


def read_events(
    markup: str | bytes, config: Config | None = None, deadline: Deadline | None = None
) -> HtmlPage:
    """The walk in Python, as lxml's parser target: lxml hands each tag and text to the
    walk as it parses, and no tree is built. Every `_CHECK_EVERY` tags the walk checks
    `deadline`: a TimeLimitError raised there stops the parser."""
    builder = _Builder((config or _DEFAULT_CONFIG).html_max_nested_articles, deadline)
    parser = _parser(markup, builder)
    _parse(markup, parser)
    if _cut_short(parser):  # never a silent prefix: the events stopped where libxml2 did
        raise InputError(f"cannot parse the HTML page whole: {_fatal(parser)}")
    if not builder.seen_element:
        raise InputError(_NO_ELEMENT)
    blocks = settle_hints(builder.raw, HINT_MAX_SHARE, deadline)
    page = HtmlPage(blocks, _page_title(builder.title), builder.markup)
    # lxml's parser and its target context refer to each other: the parser, and the
    # builder with it, are freed by the cyclic GC alone. The page must not wait with
    # them (its blocks would go through every GC generation instead of being freed
    # with their Result).
    builder.release()
    return page


_NO_ELEMENT: Final = "cannot parse the HTML page: no element in it"
# The walk in Python checks its deadline once in this many start tags (a power of two):
# often enough to stop within milliseconds, seldom enough to cost nothing.
_CHECK_EVERY: Final = 1024


# A separator is tried only where a run of white space starts (from inside the run it
# finds what it finds from the start, after a scan of the run: quadratic in the run).
_TITLE_PARTS: Final = re.compile(r"(?<!\s)\s+[|\-–—·»]\s+")


def _page_title(title: str | None) -> str | None:
    """The page title both walks give: the <title> without its site name, or None."""
    return (page_title(title) or None) if title else None


def page_title(title: str) -> str:
    """A <title> without its site name: "Story | Site" → "Story" (the longest part)."""
    parts = _TITLE_PARTS.split(title)
    return max(parts, key=len) if len(parts) > 1 else title


Attrs = Mapping[str, str]
_XML_LANG: Final = "{http://www.w3.org/XML/1998/namespace}lang"
_OBSERVED: Final = frozenset({"title", "script", "meta", "time", "link"})  # what `_observe` reads


def _is_hidden(tag: str, attrs: dict[str, str]) -> bool:
    """Hidden by attribute or inline style (display:none, visibility:hidden)."""
    if attrs.get("hidden") is not None or attrs.get("aria-hidden") == "true":
        return tag not in ("html", "body")
    return _HIDDEN_STYLE.search(attrs.get("style", "")) is not None


# A hinted element: its number, hint, class/id word, and the hinted element around it
# (a HintNode or None: a linked chain, made in constant time however deep it sits;
# typed Any, as mypyc cannot compile a recursive tuple type).
HintNode = tuple[int, str, str, Any]
# class_hint and its words, as the C walk reads them (_HINTS)
_Hints = tuple[Callable[[str], tuple[str, str]], frozenset[str], dict[str, str], frozenset[str]]
# containers, hinted ancestors, hidden, the <article> elements around (their numbers)
_Frame = tuple[frozenset[str], HintNode | None, bool, tuple[int, ...]]
# A tag or text as the walk receives it: ("start", tag, attrs), ("end", tag, None) or
# ("text", text, None); a text is a whole text node of the page (lxml may cut one in pieces).
_Event = tuple[str, str, dict[str, str] | None]
# A block as the walk leaves it: text, tag, depth, characters in links, containers,
# nearest hinted element, table row, <article> numbers.
RawBlock = tuple[str, str, int, int, frozenset[str], HintNode | None, int, tuple[int, ...]]
# What _walk.walk returns: raw blocks, <title>, metas, JSON-LD texts, time stamps,
# canonical, canonical seen, root langs.
WalkResult = tuple[
    list[RawBlock],
    str | None,
    list[tuple[str | None, str | None]],
    list[str],
    list[str],
    str | None,
    bool,
    tuple[str | None, ...],
]
# _walk.walk(root, _HINTS, hidden style search, nav link share, most nested articles)
WalkFunction = Callable[
    [etree._Element, _Hints, Callable[[str], object], float, int, Callable[[], object] | None], WalkResult
]


# lxml asks `inspect` on every parse whether the target's `start` takes a third argument
# (nsmap). Reading a compiled method's text signature costs about 160 µs, a thirtieth of
# a page's whole cleaning; a default mypyc cannot write into a signature leaves none to
# read, and inspect gives up at once (lxml then passes two arguments; where it can read
# the signature, as in the pure-Python build, it passes nsmap too, which `start` ignores).
_NO_SIGNATURE: Final = object()


class _Builder:
    """The walk, as an lxml parser target: lxml calls `start`, `end` and `data` as it
    parses, in document order, and no tree is built.

    Two levels. The parse level drops what is never article text (scripts, styles, the
    head...: _DROP) and what lies outside the <body>, collects the markup `htmlmeta`
    reads (also from dropped scripts: JSON-LD), and joins text into whole text nodes.
    The walk level keeps a stack of frames (containers, hinted ancestors, hidden) and
    the open block's text pieces, exactly as a walk over the tree would: a hidden
    element's content is skipped, and a navigation element is held back until it ends,
    then becomes one block if it is mostly links, or is walked like any other.

    Hints are settled after the walk: a boilerplate hint on an element that holds much
    of the page's text is a layout wrapper ("page menu-closed"), not a menu, so it is
    skipped for the next hinted ancestor (`settle_hints`).
    """

    def __init__(self, max_articles: int | None = None, deadline: Deadline | None = None) -> None:
        # the <article> elements a block is numbered in, at most (None: the default Config's)
        self.max_articles = _DEFAULT_CONFIG.html_max_nested_articles if max_articles is None else max_articles
        self.deadline = deadline
        self.starts = 0  # start tags seen (the deadline is checked every _CHECK_EVERY)
        self.hint_memo: dict[str, tuple[str, str]] = {}
        self.title: str | None = None
        self.markup = Markup()
        self.seen_element = False
        self.dropping = 0  # depth inside a dropped element
        self.pending: list[str] = []  # text since the last tag
        self.in_body = False
        self.after_body = False
        self.capture: list[str] | None = None  # text of the <title> or a JSON-LD script
        self.capture_depth = 0
        self.capture_json = False
        self.title_seen = False
        self.foreign = 0  # depth inside an <svg> or <math>
        self.no_attrs: dict[str, str] = {}  # never written
        self._reset_walk()

    def _reset_walk(self) -> None:
        """The walk's state at its top element (the <body>, or the root without one)."""
        self.raw: list[RawBlock] = []
        self.pieces: list[str] = []
        self.has_text = False  # some piece is more than white space
        self.link_chars = 0
        self.in_link = 0
        self.stack: list[_Frame] = [(frozenset(), None, False, ())]
        self.block_tags: list[str] = ["body"]
        self.hinted = 0
        self.article_count = 0  # <article> elements seen: each one's number
        self.rows = 0  # table rows seen: cells of one row share the number
        self.hiding = 0  # depth inside a hidden element
        self.nav: list[_Event] | None = None  # a navigation element held back, and its depth
        self.nav_depth = 0
        self.walk_nav = False  # the next start is a held-back nav being walked after all

    def release(self) -> None:
        """Let go of everything the walk made (see `read`)."""
        self.markup, self.hint_memo = Markup(), {}
        self._reset_walk()

    # --- the parse level: what lxml calls ---------------------------------------------

    def start(self, tag: str, lxml_attrs: Attrs, _nsmap: object = _NO_SIGNATURE) -> None:
        # lxml gives an element without attributes an immutable mapping whose .get is
        # interpreted Python; a dict answers the walk's many .get calls at C speed.
        attrs: dict[str, str] = (
            lxml_attrs if type(lxml_attrs) is dict else dict(lxml_attrs) if lxml_attrs else self.no_attrs
        )
        self.starts += 1
        if not self.starts & (_CHECK_EVERY - 1) and self.deadline is not None:
            self.deadline.check("while reading the page")
        if not self.seen_element:
            self.seen_element = True
            self.markup.root_langs = (attrs.get("lang"), attrs.get(_XML_LANG))
            self.pending.clear()  # nothing lies outside the root
        if self.foreign or tag in _FOREIGN:
            self.foreign += 1
        self._observe(tag, attrs)
        if self.dropping or tag in _DROP:
            self.dropping += 1
            return
        if self.after_body:
            return
        if tag == "body" and not self.in_body:
            self.in_body = True
            self.pending.clear()
            self._reset_walk()
        self._send_text()
        if self.nav is None:
            self._walk_start(tag, attrs)
        else:
            self._hold(("start", tag, attrs))

    def end(self, tag: str) -> None:
        if self.foreign:
            self.foreign -= 1
        if self.capture is not None:
            self.capture_depth -= 1
            if not self.capture_depth:
                self._end_capture()
        if self.dropping:
            self.dropping -= 1
            return
        if self.after_body:
            return
        self._send_text()
        if self.nav is None:
            self._walk_end(tag)
        else:
            self._hold(("end", tag, None))
        if tag == "body" and self.in_body:
            self.after_body = True

    def data(self, text: str) -> None:
        if self.capture is not None:
            self.capture.append(text)
        if not self.dropping and not self.after_body:
            self.pending.append(text)

    def close(self) -> None:
        if not self.after_body:
            self._send_text()
        if self.nav is not None:
            self._settle_nav()
        if self.pieces:
            self._flush()

    def _send_text(self) -> None:
        if self.pending:
            text = "".join(self.pending)
            self.pending.clear()
            if self.nav is None:
                self._walk_text(text)
            else:
                self._hold(("text", text, None))

    def _observe(self, tag: str, attrs: dict[str, str]) -> None:
        """Collect what htmlmeta reads: meta tags, JSON-LD, <time>, canonical, <title>."""
        if self.capture is None and tag not in _OBSERVED:
            return
        if self.capture is not None:
            self.capture_depth += 1
        elif tag == "title" and not self.title_seen and not self.foreign:
            self.title_seen, self.capture, self.capture_depth, self.capture_json = True, [], 1, False
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self.capture, self.capture_depth, self.capture_json = [], 1, True
        if tag == "meta":
            key = attrs.get("property") or attrs.get("name") or attrs.get("itemprop")
            self.markup.metas.append((key, attrs.get("content")))
        elif tag == "time" and len(self.markup.time_stamps) < 3:
            self.markup.time_stamps.append(attrs.get("datetime", ""))
        elif tag == "link" and not self.markup.canonical_seen and attrs.get("rel") == "canonical":
            self.markup.canonical_seen, self.markup.canonical = True, attrs.get("href")

    def _end_capture(self) -> None:
        text = "".join(self.capture or ())
        if self.capture_json:
            if text:
                self.markup.json_ld.append(text)
        else:
            self.title = " ".join(text.split())
        self.capture = None

    # --- the walk level ---------------------------------------------------------------

    def _walk_start(self, tag: str, attrs: dict[str, str]) -> bool:
        """Walk a start tag; True when it opens a navigation element, now held back."""
        stack = self.stack
        frame = stack[-1]
        if self.hiding:
            self.hiding += 1
            return False
        if (attrs.get("style") or attrs.get("hidden") is not None or attrs.get("aria-hidden")) and _is_hidden(
            tag, attrs
        ):
            self.hiding = 1
            stack.append((frame[0], frame[1], True, frame[3]))
            return False
        if tag in _BLOCK_TAGS:
            if self.pieces:
                self._flush()
            if self.walk_nav:
                self.walk_nav = False
            elif tag == "nav" or attrs.get("role") in _NAV_ROLES:
                self.nav, self.nav_depth = [("start", tag, attrs)], 1
                return True
            if tag == "tr":
                self.rows += 1
            self.block_tags.append(tag)
            stack.append(self._frame(attrs, tag, frame))
        elif tag == "br":
            if self.pieces:
                self._flush()
            stack.append(frame)
        elif tag == "a":
            self.in_link += 1
            stack.append(frame)
        elif tag in _CONTAINERS or attrs.get("role") is not None:
            stack.append(self._frame(attrs, tag, frame))
        else:
            stack.append(frame)
        return False

    def _walk_end(self, tag: str) -> None:
        if self.hiding > 1:
            self.hiding -= 1
            return
        self.hiding = 0
        if not self.stack.pop()[2]:
            if tag in _BLOCK_TAGS:
                if self.pieces:
                    self._flush()
                self.block_tags.pop()
            elif tag == "a":
                self.in_link -= 1

    def _walk_text(self, text: str) -> None:
        if self.hiding:
            return
        self.pieces.append(text)
        if not text.isspace():
            self.has_text = True
            if self.in_link:
                self.link_chars += len(text.strip())

    def _hold(self, event: _Event) -> None:
        assert self.nav is not None
        self.nav.append(event)
        if event[0] == "start":
            self.nav_depth += 1
        elif event[0] == "end":
            self.nav_depth -= 1
            if not self.nav_depth:
                self._settle_nav()

    def _settle_nav(self) -> None:
        """A navigation element made mostly of links becomes one block: its links are
        never article text, and a block per menu item would cost every later stage a
        third of its work. One that holds paragraphs or a headline, or is mostly text,
        is a mislabelled wrapper and is walked like any element.

        The navigation elements inside one that is walked are settled in the same way,
        from the events already held, in one loop: what each of them holds is counted in
        one pass over the events (`_NavSpans`), so navigation elements nested thousands
        deep cost the page's length once, not once per level."""
        events, self.nav = self.nav or [], None
        if self._collapse(events):
            return
        spans: _NavSpans | None = None
        self.walk_nav = True
        i, n = 0, len(events)
        while i < n:
            kind, value, attrs = events[i]
            if kind == "text":
                self._walk_text(value)
            elif kind == "end":
                self._walk_end(value)
            else:
                if self._walk_start(value, attrs or self.no_attrs):  # a navigation element inside
                    spans = spans or _NavSpans(events)
                    end = spans.ends.get(i)
                    if end is None:  # the page ended inside it: it stays held, unsettled
                        self.nav = events[i:]
                        return
                    self.nav = None
                    if self._collapse_span(events, i, end, spans):
                        i = end + 1
                        continue
                    self.walk_nav = True
                    self._walk_start(value, attrs or self.no_attrs)
            i += 1

    def _collapse(self, events: list[_Event]) -> bool:
        pieces: list[str] = []
        links = in_link = 0
        for kind, value, _ in events[1:]:
            if kind == "text":
                pieces.append(value)
                if in_link:
                    links += len(value.strip()) * in_link
            elif value == "a":
                in_link += 1 if kind == "start" else -1
            elif kind == "start" and value in _PROSE_TAGS:
                return False
        text = " ".join(" ".join(pieces).split())
        if links < len(text) * NAV_MIN_LINK_SHARE:
            return False
        self._add_nav(events[0][2], text, links)
        return True

    def _collapse_span(self, events: list[_Event], start: int, end: int, spans: _NavSpans) -> bool:
        """`_collapse` for the navigation element held from events[start] to events[end],
        decided by the counts of `spans`: the text is joined only for one that collapses."""
        length, links, prose = spans.counts[start]
        if prose or links < length * NAV_MIN_LINK_SHARE:
            return False
        if length:
            pieces = [value for kind, value, _ in events[start + 1 : end] if kind == "text"]
            self._add_nav(events[start][2], " ".join(" ".join(pieces).split()), links)
        return True

    def _add_nav(self, attrs: dict[str, str] | None, text: str, links: int) -> None:
        if text:
            containers, chain, _, articles = self._frame(attrs or {}, "nav", self.stack[-1])
            self.raw.append((text, "nav", len(self.stack) + 1, links, containers | _NAV, chain, 0, articles))

    def _frame(self, attrs: dict[str, str], tag: str, parent: _Frame) -> _Frame:
        containers, chain, _, articles = parent
        role = attrs.get("role")
        if tag == "article" or role == "article":
            self.article_count += 1
            if len(articles) < self.max_articles:
                articles = (*articles, self.article_count)
        if tag in _CONTAINERS and tag not in containers:  # (nested lists and the like: no new set)
            containers = containers | {tag}
        if role in _ROLES:
            containers = containers | {_ROLES[role]}
        names = attrs.get("class", "") + " " + attrs.get("id", "")
        if attrs.get("itemprop") == "articleBody":
            names = "article-body " + names
        hint, token = self._hint(names) if names != " " else ("", "")
        if not hint and role in _ROLE_HINTS:
            hint, token = _ROLE_HINTS[role], f"role={role}"
        if hint:
            self.hinted += 1
            chain = (self.hinted, hint, token, chain)
        return containers, chain, False, articles

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
            containers, chain, _, articles = self.stack[-1]
            tag = self.block_tags[-1]
            row = self.rows if tag in CELL_TAGS else 0
            self.raw.append((text, tag, len(self.stack), link_chars, containers, chain, row, articles))


def _holds_back(tag: str, attrs: dict[str, str] | None) -> bool:
    """Whether the walk holds an element back as navigation (`_Builder._walk_start`)."""
    return tag in _BLOCK_TAGS and (tag == "nav" or (attrs is not None and attrs.get("role") in _NAV_ROLES))


class _NavSpans:
    """For each navigation element among held events, in one pass over them: where it
    ends (`ends`, by the index of its start event), and (`counts`) what `_collapse`
    would count in it: the length of its text with spaces joined, its characters in
    links, and whether it holds a prose element. Running totals are kept, and an
    element's counts are the totals at its end less those at its start."""

    __slots__ = ("ends", "counts")

    def __init__(self, events: list[_Event]) -> None:
        self.ends: dict[int, int] = {}
        self.counts: dict[int, tuple[int, int, bool]] = {}
        # words, their characters, stripped text, stripped text times links open,
        # links open, prose elements
        words = chars = stripped = linked = in_link = prose = 0
        opened: list[int] = []
        at_start: dict[int, tuple[int, int, int, int, int, int]] = {}
        for i, (kind, value, attrs) in enumerate(events):
            if kind == "text":
                split = value.split()
                words += len(split)
                chars += sum(map(len, split))
                size = len(value.strip())
                stripped += size
                linked += size * in_link
            elif kind == "start":
                if value == "a":
                    in_link += 1
                elif value in _PROSE_TAGS:
                    prose += 1
                opened.append(i)
                if _holds_back(value, attrs):
                    at_start[i] = (words, chars, stripped, linked, in_link, prose)
            else:
                if value == "a":
                    in_link -= 1
                if not opened:
                    continue
                start = opened.pop()
                begun = at_start.pop(start, None)
                if begun is not None:
                    w0, c0, s0, l0, a0, p0 = begun
                    n_words = words - w0
                    length = chars - c0 + n_words - 1 if n_words else 0
                    links = linked - l0 - a0 * (stripped - s0)
                    self.ends[start] = i
                    self.counts[start] = (length, links, prose > p0)


def settle_hints(raw: list[RawBlock], max_share: float, deadline: Deadline | None = None) -> list[Block]:
    """Make the blocks, each with the nearest hint whose element is not a page-wide
    wrapper; `deadline` is checked every `_CHECK_EVERY` blocks (a page of a million
    blocks takes seconds here).

    In time linear in the blocks and the hinted elements, however deep they nest: a
    block's text counts for its nearest hinted element, each element's count is added to
    the element around it, inner ones first (an element's number is larger than those
    around it), and each element's nearest acceptable hint is found once."""
    owned: dict[int, int] = {}
    around: dict[int, HintNode | None] = {}  # the hinted element around each one
    total = 0
    for text, _, _, _, _, node, _, _ in raw:
        total += len(text)
        if node is not None:
            owned[node[0]] = owned.get(node[0], 0) + len(text)
            while node is not None and node[0] not in around:
                around[node[0]] = node[3]
                node = node[3]
    for owner in sorted(around, reverse=True):
        outer = around[owner]
        if outer is not None:
            owned[outer[0]] = owned.get(outer[0], 0) + owned.get(owner, 0)
    limit = total * max_share
    chosen: dict[int, HintNode | None] = {}
    blocks: list[Block] = []
    for index, (text, tag, depth, link_chars, containers, node, row, articles) in enumerate(raw):
        if deadline is not None and not index & (_CHECK_EVERY - 1):
            deadline.check("while making the blocks")
        found = _nearest_hint(node, owned, limit, chosen)
        hint, token, owner_id = (found[1], found[2], found[0]) if found is not None else ("", "", 0)
        heading = int(tag[1]) if len(tag) == 2 and tag[0] == "h" and tag[1].isdigit() else 0
        link_density = min(link_chars / len(text), 1.0)
        # new_tuple: the named tuple's own __new__ is interpreted Python (see model.verdict)
        dom = new_tuple(
            Dom, (tag, depth, link_density, containers, hint, token, heading, owner_id, row, articles)
        )
        blocks.append(Block(text, index, index + 1, Features(), tag=tag, dom=dom))
    return blocks


def _nearest_hint(
    node: HintNode | None, owned: dict[int, int], limit: float, chosen: dict[int, HintNode | None]
) -> HintNode | None:
    """The nearest of node and the hinted elements around it whose hint stands (content
    and comments always, others on elements holding at most `limit` characters), or
    None; remembered in `chosen` for every element on the way up to it."""
    passed: list[int] = []
    found: HintNode | None = None
    while node is not None:
        if node[0] in chosen:
            found = chosen[node[0]]
            break
        if node[1] in ("content", "comment") or owned[node[0]] <= limit:
            found = node
            break
        passed.append(node[0])
        node = node[3]
    for owner in passed:
        chosen[owner] = found
    if node is not None:
        chosen[node[0]] = found
    return found


def _load_walk() -> WalkFunction | None:
    """The walk in C, where the build made it (setup.py; not in an editable install)."""
    try:
        from ._walk import walk
    except ImportError:
        return None
    return walk


def _load_most_attributes() -> Callable[[str | bytes, int], int]:
    """`_walk.most_attributes`: the most attributes a tag of the page has (counted up to
    the first tag over the bound), where the build made the walk in C."""
    try:
        from ._walk import most_attributes
    except ImportError:
        return lambda markup, bound: 0
    return most_attributes


# The attributes the walk reads (the C walk's `read_attrs`, `attr` and `observe`) and
# those that may change how libxml2 reads the page (charset, http-equiv): `lean` keeps
# them and leaves out the rest, which libxml2 would only build and free. A name after an
# element's name is kept on that element only (the href of a <link>, not of an <a>).
_READ_ATTRIBUTES: Final = tuple(
    name.encode()
    for name in (
        "class id style hidden aria-hidden role itemprop lang".split()
        + ["link href", "link rel", "script type", "time datetime"]
        + [f"meta {name}" for name in "name content property charset http-equiv".split()]
    )
)
_SPACE: Final = b" \t\n\r\f"
# Elements whose body libxml2 2.14 (as HTML5) reads as text up to their end tag.
_RAW_TEXT: Final = tuple("script style textarea title xmp iframe noembed noframes plaintext".split())
_PLAIN_NAME: Final = re.compile(rb"[a-z0-9_.\-]+")


def lean_in_python(page: bytes, kept: tuple[bytes, ...]) -> bytes:
    """The page with the attributes of its start tags not named in `kept` left out
    (an attribute costs libxml2 a node, a text node and a copy of its value), or the
    page itself where libxml2 might read it otherwise than this scan: a script holding
    "<!--" then "<script", an end tag with attributes, a comment closed early ("<!-->"), a CDATA
    section, a tag cut by the end of the page. Comments, doctypes, end tags and the
    bodies of raw-text elements are copied as they are, but for those of styles and
    scripts other than JSON-LD, which are left out (the walk drops them unread). The reference for
    `_walk.lean`; run only over libxml2 2.14's tokenizer (HTML5's), whose reading of a
    page it follows (`_LEAN`)."""
    out: list[bytes] = []
    copied = i = 0
    n = len(page)
    while True:
        i = page.find(b"<", i)
        if i < 0 or i + 1 >= n:
            break
        if page[i + 1 : i + 2].isalpha() and page[i + 1] < 128:
            out.append(page[copied:i])
            start = i
            tag = _lean_start_tag(page, i, kept, out)
            if tag is None:
                return page
            i, raw = tag
            if raw is not None:
                ends = _lean_raw_body(page, i, raw)
                if ends is None:
                    return page
                body_end, close = ends
                out.append(page[body_end if _empties(page[start:i], raw) else i : close])
                i = close
            copied = i
        else:
            i = _lean_other(page, i)
            if i < 0:
                return page
    out.append(page[copied:])
    lean = b"".join(out)
    return page if len(lean) == n else lean


def _lean_start_tag(
    page: bytes, i: int, kept: tuple[bytes, ...], out: list[bytes]
) -> tuple[int, str | None] | None:
    """The start tag at page[i], copied into `out` without its dropped attributes: where
    it ends and the raw-text element it opens (or None), or None (give the page back)."""
    n = len(page)
    k = _lean_until(page, i + 1, b"/>")
    tag = page[i + 1 : k].lower()
    raw = tag.decode("latin-1") if tag.decode("latin-1") in _RAW_TEXT else None
    copied = i
    while True:
        while k < n and (page[k] in _SPACE or (page[k] == 47 and page[k + 1 : k + 2] != b">")):
            k += 1
        if k >= n:
            return None
        if page[k] in b">/":
            break
        start = k
        k = _lean_until(page, k + 1, b"/>=")
        name_end = end = k
        while k < n and page[k] in _SPACE:
            k += 1
        if k < n and page[k] == 61:  # =
            k += 1
            while k < n and page[k] in _SPACE:
                k += 1
            if k >= n:
                return None
            if page[k] in b"\"'":
                q = page.find(page[k : k + 1], k + 1)
                if q < 0:
                    return None
                k = q + 1
            else:
                k = _lean_until(page, k, b">")
            end = k
        else:
            k = name_end
        low = page[start:name_end].lower()
        # (not after a "/": left out, it could join the "/" to a ">", closing the tag)
        if page[start - 1] != 47 and _drops(low, tag, kept):
            out.append(page[copied:start])
            copied = end
    if page[k] == 47:  # "<script/>": libxml2 2.14 closes it, and reads on as markup
        raw = None
    close = k + 2 if page[k] == 47 else k + 1
    if close > n:
        return None
    out.append(page[copied:close])
    return close, raw


def _drops(name: bytes, tag: bytes, kept: tuple[bytes, ...]) -> bool:
    """Whether `lean` leaves out the attribute `name` (lower case) of a `tag` element:
    a plain ASCII name kept neither on every element nor on this one."""
    plain = len(name) < 32 and _PLAIN_NAME.fullmatch(name) is not None
    return plain and name not in kept and tag + b" " + name not in kept


def _lean_until(page: bytes, k: int, stops: bytes) -> int:
    """The first index from k of white space or of a byte of `stops` (or the end)."""
    n = len(page)
    while k < n and page[k] not in _SPACE and page[k] not in stops:
        k += 1
    return k


def _lean_raw_body(page: bytes, at: int, raw: str) -> tuple[int, int] | None:
    """Where the body of the raw-text element `raw` that starts at `at` ends, and where
    its end tag ends, or None (give the page back)."""
    if raw == "plaintext":
        return len(page), len(page)
    low, name = page.lower(), b"</" + raw.encode()
    end = low.find(name, at)
    while end >= 0 and page[end + len(name) : end + len(name) + 1] not in _SPACE + b"/>":
        end = low.find(name, end + 1)
    if end < 0 or end + len(name) >= len(page) or (raw == "script" and _double_escaped(page[at:end])):
        return None
    close = _lean_end_tag(page, end)
    return None if close < 0 else (end, close)


def _empties(tag: bytes, raw: str) -> bool:
    """Whether `lean` leaves out the body of the raw-text element `raw` whose start tag
    is `tag`: a style's, and a script's but a JSON-LD one's (the walk reads no other;
    kept where its tag says "json" in any case or holds a character reference)."""
    return raw == "style" or (raw == "script" and b"json" not in tag.lower() and b"&" not in tag)


def _double_escaped(body: bytes) -> bool:
    """Whether a script's body may go on past its first end tag: after a "<!--" it
    holds a start tag <script, after which HTML5 reads "</script" as text."""
    start = body.find(b"<!--")
    return start >= 0 and _SCRIPT_START.search(body, start) is not None


_SCRIPT_START: Final = re.compile(rb"<script[ \t\n\r\f/>]", re.I)


def _lean_end_tag(page: bytes, i: int) -> int:
    """Where the simple end tag at page[i] (</name, spaces, then > or />) ends, or -1."""
    n = len(page)
    k = _lean_until(page, i + 2, b"/>")
    while k < n and page[k] in _SPACE:
        k += 1
    if k < n and page[k] == 47:
        k += 1
    return k + 1 if k < n and page[k] == 62 else -1


def _lean_other(page: bytes, i: int) -> int:
    """Where the markup at page[i] ('<', not a start tag) ends, copied as it is, or -1."""
    n = len(page)
    nxt = page[i + 1 : i + 2]
    if page.startswith(b"<!--", i):
        if page.startswith(b">", i + 4) or page.startswith(b"->", i + 4):
            return -1
        at = i + 4
        while True:
            g = page.find(b">", at)
            if g < 0:
                return -1
            if g >= i + 6 and page[g - 2 : g] == b"--":
                return g + 1
            if g >= i + 7 and page[g - 3 : g] == b"--!":
                return -1
            at = g + 1
    if nxt in (b"!", b"?"):
        if page.startswith(b"<![", i):
            return -1
        quote = 0
        for k in range(i + 2, n):
            if quote:
                quote = 0 if page[k] == quote else quote
            elif page[k] in (34, 39):
                quote = page[k]
            elif page[k] == 62:
                return k + 1
        return -1
    if nxt == b"/":
        return _lean_end_tag(page, i) if page[i + 2 : i + 3].isalpha() and page[i + 2] < 128 else -1
    return i + 1


_NO_BOUND: Final = 1 << 62  # more attributes than any tag has


def _load_lean() -> Callable[[bytes, tuple[bytes, ...], int], tuple[bytes, int]]:
    """`_walk.lean` where the build made the walk in C and lxml parses with libxml2 2.14
    (whose tokenizer, HTML5's, `lean` follows): the page without the attributes not
    kept (`lean_in_python`) and the most attributes a tag has, counted on the way up
    to a tag of more than the bound (`most_attributes`'s count, in the same pass), or
    -1 where it gives the page back whole; else the page as it is and -1."""
    try:
        from ._walk import lean
    except ImportError:
        return lambda page, kept, bound: (page, -1)
    return lean if etree.LIBXML_VERSION[:2] == (2, 14) else lambda page, kept, bound: (page, -1)


_SAMPLE: Final = (
    b'<html lang="de"><head><title>A story - Site</title><meta property="og:title" content="A">'
    b'<script type="application/ld+json">{"@type": "NewsArticle"}</script></head>'
    b'<body class="page"><nav><a href="/">Home</a> <a href="/n">News</a></nav>'
    b'<article><h1>A story</h1><p>Some text, <a href="/x">a link</a> and more.</p>'
    b'<div style="display: none">hidden</div><div class="share">Share</div>'
    b"<table><tr><td>a cell</td></tr></table></article><footer>Footer</footer></body></html>"
)


def _walks_agree(walk: WalkFunction | None) -> bool:
    """The C walk reads lxml's structures as they were when it was built: it is used only
    if it gives the Python walk's result on a sample page."""
    if walk is None:
        return False
    try:
        return read_tree(_SAMPLE, walk) == read_events(_SAMPLE)
    except Exception:  # noqa: BLE001 - a walk that fails is not used
        return False


_C_WALK: Final = _load_walk()
_MOST_ATTRIBUTES: Final = _load_most_attributes()
_LEAN: Final = _load_lean()
_DEFAULT_CONFIG: Final = Config()
# Whether `read` walks lxml's tree in C (else the Python walk, as a parser target).
TREE_WALK: Final = _walks_agree(_C_WALK)
