"""libxml2's parse of a page, as both walks have it: the parser, a tree built in
chunks under a time limit, and what a parse that stopped short says.

Why its own module: the walk over the tree (`tree.py`) and the walk over events
(`events.py`) parse a page with the same settings and refuse the same pages.
"""

from __future__ import annotations

from typing import Final

from lxml import etree

from ..budget import Deadline
from ..errors import InputError

# The part of a page libxml2 is fed at a time under a time limit (about a tenth of a
# second of parsing; it changes no result, so it is no Config field).
FEED_CHUNK: Final = 1 << 20
# The walk in Python checks its deadline once in this many start tags (a power of two):
# often enough to stop within milliseconds, seldom enough to cost nothing.
CHECK_EVERY: Final = 1024
NO_ELEMENT: Final = "cannot parse the HTML page: no element in it"


def parser(page: str | bytes, target: object | None) -> etree.HTMLParser:
    """An lxml parser for one page, into a tree or into a parser target. A parser per
    page: lxml parsers keep state and are not safe to share across threads.

    Both with huge_tree: without it libxml2 stops at a text node, attribute value or
    comment over 10 MB, and the walk would see a silent prefix of the page (a page may
    be up to `Config.max_input_chars`; huge_tree raises that bound to 1 GB). A tree may
    then nest as deep as libxml2 allows (2,048 levels, not 256): a page nested deeper
    is cut short in a tree, never in a target (see `tree.read_tree`)."""
    return etree.HTMLParser(
        target=target,
        remove_comments=True,
        remove_pis=True,
        collect_ids=False,
        no_network=True,
        huge_tree=True,
        encoding="utf-8" if isinstance(page, bytes) else None,
    )


def parse(
    page: str | bytes, parser: etree.HTMLParser, deadline: Deadline | None = None
) -> etree._Element | None:
    """The page's tree. Under a time limit, a page over `FEED_CHUNK` is fed to libxml2
    a chunk at a time, the deadline checked before each: built in one call, the tree of
    a 20 MB page takes over a second that nothing can cut. (The same tree: checked on
    every development page. Feeding costs a tenth more, so small pages and pages with
    no limit are built in one call.)"""
    try:
        if deadline is None or deadline.limit <= 0 or len(page) <= FEED_CHUNK:
            return etree.fromstring(page, parser)
        return fed(page, parser, deadline)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(f"cannot parse the HTML page: {exc}") from exc


def fed(page: str | bytes, parser: etree.HTMLParser, deadline: Deadline, chunk: int = 0) -> etree._Element:
    """The tree libxml2 builds when fed `page` a `chunk` at a time (`FEED_CHUNK` by
    default), `deadline` checked before each."""
    size = chunk or FEED_CHUNK
    for start in range(0, len(page), size):
        deadline.check("while libxml2 builds the tree")
        parser.feed(page[start : start + size])
    return parser.close()


def cut_short(parser: etree.HTMLParser) -> bool:
    """Whether libxml2 met a fatal error, after which it builds no more of the tree."""
    log = parser.error_log
    return bool(log) and any(entry.level == etree.ErrorLevels.FATAL for entry in log)


def fatal(parser: etree.HTMLParser) -> str:
    """libxml2's first fatal error, where it stopped reading and why (a limit it names)."""
    entry = next(e for e in parser.error_log if e.level == etree.ErrorLevels.FATAL)
    return f"libxml2 stopped at line {entry.line}, column {entry.column}: {entry.message}"
