"""The walk in Python, as lxml's parser target: lxml hands each tag and text to the walk
as it parses, and no tree is built.

Why a second walk: the walk in C (`tree.py`, `_walk.c`) exists only in a built install;
this one runs everywhere else, and on a page whose tree libxml2 would build in
quadratic time (`Config.html_max_attributes`) or stop building (nested too deep). The
two give the same result on every page (tests/test_html_walk.py); both read the page
by `vocabulary.py`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Final

from ..budget import Deadline
from ..config import Config
from ..errors import InputError
from ..model import CELL_TAGS, new_tuple
from .collect import Collector
from .hints import settle_hints
from .navigation import Event, NavSpans
from .parsing import CHECK_EVERY, NO_ELEMENT, cut_short, fatal, parse, parser
from .vocabulary import (
    BLOCK_TAGS,
    CHROME_CONTAINERS,
    CONTAINER_SET,
    DROP_TAGS,
    HIDDEN_STYLE,
    MAX_DISCLOSED,
    NAV_ROLES,
    NEVER_SHOWN_ROLES,
    PROSE_TAGS,
    REVIEW_HINT,
    ROLE_CONTAINERS,
    ROLE_HINTS,
    SHOWN_ROLES,
    class_hint,
)
from .walked import HintNode, HtmlPage, RawBlock, short_title

_DEFAULT_CONFIG: Final = Config()
# An ID reference list's separators (ASCII white space, as the C walk splits it).
_IDS: Final = re.compile(r"[^\t\n\f\r ]+")


def read_events(
    page: str | bytes, config: Config | None = None, deadline: Deadline | None = None
) -> HtmlPage:
    """The walk in Python, as lxml's parser target. Every `CHECK_EVERY` tags the walk
    checks `deadline`: a TimeLimitError raised there stops the parser."""
    config = config or _DEFAULT_CONFIG
    builder = _Builder(config, deadline)
    events = parser(page, builder)
    parse(page, events)
    if cut_short(events):  # never a silent prefix: the events stopped where libxml2 did
        raise InputError(f"cannot parse the HTML page whole: {fatal(events)}")
    if not builder.seen_element:
        raise InputError(NO_ELEMENT)
    blocks = settle_hints(builder.raw, config.html_hint_max_share, deadline)
    collector = builder.collector
    walked = HtmlPage(blocks, short_title(collector.title), collector.collected)
    # lxml's parser and its target context refer to each other: the parser, and the
    # builder with it, are freed by the cyclic GC alone. The page must not wait with
    # them (its blocks would go through every GC generation instead of being freed
    # with their Result).
    builder.release()
    return walked


Attrs = Mapping[str, str]
_NAV: Final = frozenset({"nav"})
# containers, hinted ancestors, hidden, the <article> elements around (their numbers)
_Frame = tuple[frozenset[str], HintNode | None, bool, tuple[int, ...]]


def _in_chrome(containers: frozenset[str]) -> bool:
    """Inside the page's header, navigation or footer (`CHROME_CONTAINERS`), where what
    a click shows is a menu's, not the page's content."""
    return not CHROME_CONTAINERS.isdisjoint(containers)


def _is_hidden(tag: str, attrs: dict[str, str], containers: frozenset[str]) -> bool:
    """Hidden by attribute or inline style (display:none, visibility:hidden), unless its
    role says it holds content until a click shows it (`SHOWN_ROLES`) and it stands
    outside the page's chrome (`containers`: those around it; in the chrome a hidden tab
    panel is a mega menu's)."""
    if attrs.get("role") in SHOWN_ROLES and not _in_chrome(containers):
        return False
    if attrs.get("hidden") is not None or attrs.get("aria-hidden") == "true":
        return tag not in ("html", "body")
    return HIDDEN_STYLE.search(attrs.get("style", "")) is not None


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
    head...: DROP_TAGS) and what lies outside the <body>, collects the tags `htmlmeta`
    reads (also from dropped scripts: JSON-LD), and joins text into whole text nodes.
    The walk level keeps a stack of frames (containers, hinted ancestors, hidden) and
    the open block's text pieces, exactly as a walk over the tree would: a hidden
    element's content is skipped, and a navigation element is held back until it ends,
    then becomes one block if it is mostly links, or is walked like any other.

    Hints are settled after the walk: a boilerplate hint on an element that holds much
    of the page's text is a layout wrapper ("page menu-closed"), not a menu, so it is
    skipped for the next hinted ancestor (`settle_hints`).
    """

    def __init__(self, config: Config | None = None, deadline: Deadline | None = None) -> None:
        config = config or _DEFAULT_CONFIG
        # the <article> elements a block is numbered in, at most
        self.max_articles = config.html_max_nested_articles
        # a navigation element with this share of its text in links becomes one block
        self.nav_min_link_share = config.html_nav_min_link_share
        self.deadline = deadline
        self.starts = 0  # start tags seen (the deadline is checked every CHECK_EVERY)
        self.hint_memo: dict[str, tuple[str, str]] = {}
        self.collector = Collector()
        self.seen_element = False
        self.dropping = 0  # depth inside a dropped element
        self.pending: list[str] = []  # text since the last tag
        self.in_body = False
        self.after_body = False
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
        self.disclosed: set[str] = set()  # the ids the page's disclosure buttons name
        self.nav: list[Event] | None = None  # a navigation element held back, and its depth
        self.nav_depth = 0
        self.walk_nav = False  # the next start is a held-back nav being walked after all

    def release(self) -> None:
        """Let go of everything the walk made (see `read`)."""
        self.collector, self.hint_memo = Collector(), {}
        self._reset_walk()

    # --- the parse level: what lxml calls ---------------------------------------------

    def start(self, tag: str, lxml_attrs: Attrs, _nsmap: object = _NO_SIGNATURE) -> None:
        # lxml gives an element without attributes an immutable mapping whose .get is
        # interpreted Python; a dict answers the walk's many .get calls at C speed.
        attrs: dict[str, str] = (
            lxml_attrs if type(lxml_attrs) is dict else dict(lxml_attrs) if lxml_attrs else self.no_attrs
        )
        self.starts += 1
        if not self.starts & (CHECK_EVERY - 1) and self.deadline is not None:
            self.deadline.check("while reading the page")
        if not self.seen_element:
            self.seen_element = True
            self.collector.root(attrs)
            self.pending.clear()  # nothing lies outside the root
        self.collector.start(tag, attrs)
        if tag == "button" and not (self.dropping or self.after_body or self.hiding) and self.nav is None:
            self._note_disclosure(attrs)
        if self.dropping or tag in DROP_TAGS:
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

    def _note_disclosure(self, attrs: dict[str, str]) -> None:
        """A button that shows or hides the elements it names, outside the page's chrome:
        those after it are read as shown, unless their role is in `NEVER_SHOWN_ROLES`
        (up to `MAX_DISCLOSED` ids a page). The button itself is dropped, as any."""
        if attrs.get("aria-expanded") is None or _in_chrome(self.stack[-1][0]):
            return
        for name in _IDS.finditer(attrs.get("aria-controls", "")):
            if len(self.disclosed) >= MAX_DISCLOSED:
                return
            self.disclosed.add(name.group())

    def end(self, tag: str) -> None:
        self.collector.end()
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
        self.collector.data(text)
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

    # --- the walk level ---------------------------------------------------------------

    def _walk_start(self, tag: str, attrs: dict[str, str]) -> bool:
        """Walk a start tag; True when it opens a navigation element, now held back."""
        stack = self.stack
        frame = stack[-1]
        if self.hiding:
            self.hiding += 1
            return False
        if (
            (attrs.get("style") or attrs.get("hidden") is not None or attrs.get("aria-hidden"))
            and _is_hidden(tag, attrs, frame[0])
            and not (attrs.get("id") in self.disclosed and attrs.get("role") not in NEVER_SHOWN_ROLES)
        ):
            self.hiding = 1
            stack.append((frame[0], frame[1], True, frame[3]))
            return False
        if tag in BLOCK_TAGS:
            if self.pieces:
                self._flush()
            if self.walk_nav:
                self.walk_nav = False
            elif tag == "nav" or attrs.get("role") in NAV_ROLES:
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
        elif tag in CONTAINER_SET or attrs.get("role") is not None:
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
            if tag in BLOCK_TAGS:
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

    def _hold(self, event: Event) -> None:
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
        one pass over the events (`NavSpans`), so navigation elements nested thousands
        deep cost the page's length once, not once per level."""
        events, self.nav = self.nav or [], None
        if self._collapse(events):
            return
        spans: NavSpans | None = None
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
                    spans = spans or NavSpans(events)
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

    def _collapse(self, events: list[Event]) -> bool:
        pieces: list[str] = []
        links = in_link = 0
        for kind, value, _ in events[1:]:
            if kind == "text":
                pieces.append(value)
                if in_link:
                    links += len(value.strip()) * in_link
            elif value == "a":
                in_link += 1 if kind == "start" else -1
            elif kind == "start" and value in PROSE_TAGS:
                return False
        text = " ".join(" ".join(pieces).split())
        if links < len(text) * self.nav_min_link_share:
            return False
        self._add_nav(events[0][2], text, links)
        return True

    def _collapse_span(self, events: list[Event], start: int, end: int, spans: NavSpans) -> bool:
        """`_collapse` for the navigation element held from events[start] to events[end],
        decided by the counts of `spans`: the text is joined only for one that collapses."""
        length, links, prose = spans.counts[start]
        if prose or links < length * self.nav_min_link_share:
            return False
        if length:
            pieces = [value for kind, value, _ in events[start + 1 : end] if kind == "text"]
            self._add_nav(events[start][2], " ".join(" ".join(pieces).split()), links)
        return True

    def _add_nav(self, attrs: dict[str, str] | None, text: str, links: int) -> None:
        if text:
            containers, chain, _, articles = self._frame(attrs or {}, "nav", self.stack[-1])
            block = (text, "nav", len(self.stack) + 1, links, containers | _NAV, chain, 0, articles)
            self.raw.append(new_tuple(RawBlock, block))

    def _frame(self, attrs: dict[str, str], tag: str, parent: _Frame) -> _Frame:
        containers, chain, _, articles = parent
        role = attrs.get("role")
        if tag == "article" or role == "article":
            self.article_count += 1
            if len(articles) < self.max_articles:
                articles = (*articles, self.article_count)
        if tag in CONTAINER_SET and tag not in containers:  # (nested lists and the like: no new set)
            containers = containers | {tag}
        if role in ROLE_CONTAINERS:
            containers = containers | {ROLE_CONTAINERS[role]}
        names = attrs.get("class", "") + " " + attrs.get("id", "")
        if attrs.get("itemprop") == "articleBody":
            names = "article-body " + names
        hint, token = self._hint(names) if names != " " else ("", "")
        if (not hint or hint == REVIEW_HINT) and role in ROLE_HINTS:  # a role's goes before a review's
            hint, token = ROLE_HINTS[role]
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
            block = (text, tag, len(self.stack), link_chars, containers, chain, row, articles)
            self.raw.append(new_tuple(RawBlock, block))
