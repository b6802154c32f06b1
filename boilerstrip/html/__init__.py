"""HTML pages: lxml parses, block-level elements become blocks with their DOM context.

Why one walk in document order: it keeps, for every block, its tag, heading level, link
density, the semantic containers around it (nav, footer, article...) and the nearest
class/id hint (menu, comments, article-body...). Detectors read these beside the text
features, so HTML and text mode share every detector.

The stage, module by module: `repair` mends the raw page where libxml2 and a browser
read it apart; `lean` drops the attributes the walk never reads; `parsing` is libxml2's
parse; the walk has two forms that give the same result, in C over libxml2's parse events
(`tree`, `_walk.c`, built by setup.py where a compiler is at hand: no tree is built,
and it makes Python objects only for what it keeps) and in Python as lxml's parser
target (`events`, with
`navigation` and `collect`, everywhere else), both reading the page by one
`vocabulary`; `hints` settles each block's hint; `walked` holds what a walk leaves.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Final

from lxml import etree

from ..budget import Deadline
from ..config import Config
from .events import _Builder as _Builder  # (tests reach the walk in Python by this name)
from .events import read_events
from .hints import settle_hints
from .lean import READ_ATTRIBUTES, lean_in_python, lean_page, most_attributes
from .parsing import CHECK_EVERY
from .tree import TREE_WALK, read_tree
from .vocabulary import BOILERPLATE_WORDS, CONTENT_NAMES, class_hint
from .walked import HtmlPage, page_title

__all__ = [
    "BOILERPLATE_WORDS",
    "CONTENT_NAMES",
    "TREE_WALK",
    "HtmlPage",
    "class_hint",
    "lean_in_python",
    "page_title",
    "read",
    "read_events",
    "read_tree",
    "settle_hints",
    "tree_is_linear",
]
_DEFAULT_CONFIG: Final = Config()
_XML_DECL: Final = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)


def read(page: str | bytes, config: Config | None = None, deadline: Deadline | None = None) -> HtmlPage:
    """Parse and walk a page: a str, or bytes known to be UTF-8 (parsed as they are: a
    str costs lxml an encoding pass); an XML declaration in a str would make lxml refuse
    it. The walk in C (`tree`) reads libxml2's parse events; without it, the same walk
    runs as lxml's parser target (`events`). Both are linear in the page, however many
    attributes a tag has (only lxml's tree, which the walk in C read until 2026-12-05,
    is quadratic in them: `Config.html_max_attributes` now bounds the trees `repair`
    builds alone), and both check `deadline` as they go (`Config.time_limit`). libxml2
    itself is quadratic in misplaced tags (an end tag that closes nothing, a second
    <body>) deep in open elements: the walk in C refuses such a page past
    `Config.html_max_end_tag_search`."""
    if isinstance(page, str):
        page = _XML_DECL.sub("", page, count=1)
    if TREE_WALK:
        leaner = lean_page(page, READ_ATTRIBUTES) if isinstance(page, bytes) else page
        return read_tree(page, config=config, deadline=deadline, leaner=leaner)
    return read_events(page, config, deadline)


def tree_is_linear(page: str | bytes, config: Config | None = None, deadline: Deadline | None = None) -> bool:
    """Whether libxml2 builds this page's tree in linear time: no tag of more than
    `config.html_max_attributes` attributes. Counted by the C scan where it is built,
    else by a parse into a counting target (events are linear), which checks
    `deadline` as it goes."""
    bound = (config or _DEFAULT_CONFIG).html_max_attributes
    if TREE_WALK:
        return most_attributes(page, bound) <= bound
    counter = _AttributeCount(deadline)
    etree.fromstring(page, etree.HTMLParser(target=counter, huge_tree=True, no_network=True))
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
        if not self.starts & (CHECK_EVERY - 1) and self.deadline is not None:
            self.deadline.check("while counting the page's attributes")

    def end(self, tag: str) -> None:
        pass

    def data(self, data: str) -> None:
        pass

    def close(self) -> int:
        return self.most
