"""libxml2's parse of a page through lxml: the parser the walk in Python
(`events.py`) and the repair (`repair.py`) use, and what a parse that stopped short
says.

Why its own module: the walk in C (`tree.py`, `_walk.c`) parses with the same settings
(its PARSE_OPTIONS are this parser's) and must refuse the same pages.
"""

from __future__ import annotations

from typing import Final

from lxml import etree

from ..errors import InputError

# The walk in Python checks its deadline once in this many start tags (a power of two):
# often enough to stop within milliseconds, seldom enough to cost nothing.
CHECK_EVERY: Final = 1024
NO_ELEMENT: Final = "cannot parse the HTML page: no element in it"


def parser(page: str | bytes, target: object | None) -> etree.HTMLParser:
    """An lxml parser for one page, into a tree or into a parser target. A parser per
    page: lxml parsers keep state and are not safe to share across threads.

    Both with huge_tree: without it libxml2 stops at a text node, attribute value or
    comment over 10 MB, and the walk would see a silent prefix of the page (a page may
    be up to `Config.max_input_chars`; huge_tree raises that bound to 1 GB). A tree
    nests as deep as libxml2 allows (2,048 levels, not 256); a target, as the walk in C,
    sees a page nested deeper whole."""
    return etree.HTMLParser(
        target=target,
        remove_comments=True,
        remove_pis=True,
        collect_ids=False,
        no_network=True,
        huge_tree=True,
        encoding="utf-8" if isinstance(page, bytes) else None,
    )


def parse(page: str | bytes, parser: etree.HTMLParser) -> etree._Element | None:
    """The page's tree (or, into a target, the target's result)."""
    try:
        return etree.fromstring(page, parser)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(f"cannot parse the HTML page: {exc}") from exc


def cut_short(parser: etree.HTMLParser) -> bool:
    """Whether libxml2 met a fatal error, after which it builds no more of the tree."""
    log = parser.error_log
    return bool(log) and any(entry.level == etree.ErrorLevels.FATAL for entry in log)


def fatal(parser: etree.HTMLParser) -> str:
    """libxml2's first fatal error, where it stopped reading and why (a limit it names)."""
    entry = next(e for e in parser.error_log if e.level == etree.ErrorLevels.FATAL)
    return f"libxml2 stopped at line {entry.line}, column {entry.column}: {entry.message}"
