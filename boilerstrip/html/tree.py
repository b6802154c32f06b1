"""The walk in C over libxml2's parse (`_walk.c`): loading it, handing it the
vocabulary, and the check at start-up that it gives what the walk in Python gives.

Why: the walk in C takes libxml2's parse events as they come, as the walk in Python
does through lxml's parser target, with no tree built and freed in between (until
2026-12-05 it walked the tree lxml built: a seventh of a page's time went to building
and freeing it), and makes Python objects only for what it keeps. It calls the
libxml2 that lxml was built with, with lxml's settings, so it is used only if it gives
the Python walk's result on a sample page, and a build where it does not says so aloud
(a warning naming what differed) rather than running the slow walk unseen.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Final, NamedTuple

from ..budget import Deadline
from ..config import Config
from ..errors import InputError
from ..htmlmeta import Markup
from ..model import CELL_TAGS
from ..native import c_function
from . import vocabulary
from .events import read_events
from .hints import settle_hints
from .lean import READ_ATTRIBUTES, lean_page
from .parsing import NO_ELEMENT
from .walked import HtmlPage, RawBlock, WalkResult, short_title

# _walk.walk(root, VOCABULARY, nav link share, most nested articles, check)
WalkFunction = Callable[..., WalkResult]
_DEFAULT_CONFIG: Final = Config()


class Handed(NamedTuple):
    """What the C walk is handed at start-up (`_walk.vocabulary`), all from
    `vocabulary.py`: it builds its tag table, container bits, roles, hint filters and
    the raw-text elements its scans of the raw page read from these, and keeps no copy
    of its own."""

    drop: frozenset[str]
    block: frozenset[str]
    observed: frozenset[str]
    prose: frozenset[str]
    cells: tuple[str, ...]
    containers: tuple[str, ...]  # in the order of the C walk's bits
    foreign: frozenset[str]
    raw_text: tuple[str, ...]  # read by the scans before libxml2 (`lean`, `most_attributes`)
    role_containers: dict[str, str]
    role_hints: dict[str, tuple[str, str]]
    nav_roles: frozenset[str]
    shown_roles: frozenset[str]  # hidden elements the walk reads as shown
    never_shown_roles: frozenset[str]  # hidden elements a disclosure does not show
    chrome_containers: frozenset[str]  # where a disclosure or a shown role shows nothing
    class_hint: Callable[[str], tuple[str, str]]  # for a class string that is not ASCII
    content_hint: str
    content_names: frozenset[str]
    boilerplate_words: dict[str, str]
    review_words: dict[str, str]  # read where no boilerplate word is
    review_hint: str  # the hint they give, which a role's hint goes before
    embed_words: frozenset[str]
    state_words: frozenset[str]
    hidden_search: Callable[[str], object]
    max_time_stamps: int
    max_disclosed: int
    raw_block: type  # the named tuples the C walk makes
    walk_result: type


HANDED: Final = Handed(
    vocabulary.DROP_TAGS,
    vocabulary.BLOCK_TAGS,
    vocabulary.OBSERVED_TAGS,
    vocabulary.PROSE_TAGS,
    CELL_TAGS,
    vocabulary.CONTAINER_TAGS,
    vocabulary.FOREIGN_TAGS,
    vocabulary.RAW_TEXT_TAGS,
    vocabulary.ROLE_CONTAINERS,
    vocabulary.ROLE_HINTS,
    vocabulary.NAV_ROLES,
    vocabulary.SHOWN_ROLES,
    vocabulary.NEVER_SHOWN_ROLES,
    vocabulary.CHROME_CONTAINERS,
    vocabulary.class_hint,
    vocabulary.CONTENT_HINT,
    vocabulary.CONTENT_NAMES,
    vocabulary.BOILERPLATE_WORDS,
    vocabulary.REVIEW_WORDS,
    vocabulary.REVIEW_HINT,
    vocabulary.EMBED_WORDS,
    vocabulary.STATE_WORDS,
    vocabulary.HIDDEN_STYLE.search,
    vocabulary.MAX_TIME_STAMPS,
    vocabulary.MAX_DISCLOSED,
    RawBlock,
    WalkResult,
)


def read_tree(
    page: str | bytes,
    walk: WalkFunction | None = None,
    config: Config | None = None,
    deadline: Deadline | None = None,
    leaner: str | bytes | None = None,
) -> HtmlPage:
    """The walk in C: libxml2 parses the page into the walk's own handlers, and Python
    objects are made only for what the walk keeps (see `_walk.c`). libxml2 is given the
    page without the attributes the walk never reads (`leaner`, made here when not
    given: see `lean.lean_in_python`): it would decode and copy each."""
    config = config or _DEFAULT_CONFIG
    walk = walk or C_WALK
    if walk is None:
        raise RuntimeError("boilerstrip._walk is not built: use read_events")
    if leaner is None:
        leaner = lean_page(page, READ_ATTRIBUTES) if isinstance(page, bytes) else page
    try:
        walked: WalkResult | None = walk(
            leaner,
            VOCABULARY,
            config.html_nav_min_link_share,
            config.html_max_nested_articles,
            _walk_check(deadline),
            min(config.html_max_end_tag_search, _MOST_SEARCH),
        )
    except ValueError as stopped:  # never a silent prefix: refused as the events walk refuses it
        raise InputError(f"cannot parse the HTML page whole: {stopped}") from stopped
    if walked is None:
        raise InputError(NO_ELEMENT)
    collected = Markup(
        walked.metas,
        walked.json_ld,
        walked.time_stamps,
        walked.canonical,
        walked.canonical_seen,
        walked.root_langs,
    )
    blocks = settle_hints(walked.raw, config.html_hint_max_share, deadline)
    return HtmlPage(blocks, short_title(walked.title), collected)


# The most `html_max_end_tag_search` the walk in C takes (a C long long): as good as none.
_MOST_SEARCH: Final = 1 << 62


def _walk_check(deadline: Deadline | None) -> Callable[[], object] | None:
    """What the walk in C calls every so much work (elements, text) as libxml2 parses:
    the deadline's check, when there is a limit (a 20 MB page takes about a second)."""
    if deadline is None or deadline.limit <= 0:
        return None
    return lambda: deadline.check("while reading the page")


_SAMPLE: Final = (
    b'<html lang="de"><head><title>A story - Site</title><meta property="og:title" content="A">'
    b'<script type="application/ld+json">{"@type": "NewsArticle"}</script></head>'
    b'<body class="page"><nav><a href="/">Home</a> <a href="/n">News</a></nav>'
    b'<article><h1>A story</h1><p>Some text, <a href="/x">a link</a> and more.</p>'
    b'<div style="display: none">hidden</div><div class="share">Share</div>'
    b"<table><tr><td>a cell</td></tr></table></article><footer>Footer</footer></body></html>"
)


def walks_agree(walk: WalkFunction | None) -> bool:
    """Whether the C walk gives the Python walk's result on a sample page; where it is
    built and does not (an lxml it was not built for), a RuntimeWarning says what
    differed, and the Python walk runs."""
    if walk is None:
        return False
    try:
        in_c, in_python = read_tree(_SAMPLE, walk), read_events(_SAMPLE)
    except Exception as error:  # noqa: BLE001 - a walk that fails is not used, and said so
        _warn(f"fails on the sample page: {error!r}")
        return False
    if in_c != in_python:
        _warn(f"differs from the walk in Python on the sample page: {_difference(in_c, in_python)}")
        return False
    return True


def _difference(in_c: HtmlPage, in_python: HtmlPage) -> str:
    """What first differs between the two walks' results, for the warning."""
    if in_c.title != in_python.title:
        return f"title {in_c.title!r}, not {in_python.title!r}"
    if in_c.collected != in_python.collected:
        return f"collected tags {in_c.collected!r}, not {in_python.collected!r}"
    texts = [(b.text, b.dom) for b in in_c.blocks], [(b.text, b.dom) for b in in_python.blocks]
    pairs = [(c, p) for c, p in zip(*texts, strict=False) if c != p]
    first = pairs[0] if pairs else (len(texts[0]), len(texts[1]))
    return f"blocks {first[0]!r}, not {first[1]!r}"


def _warn(what: str) -> None:
    warnings.warn(
        f"boilerstrip: the HTML walk in C {what}; the walk in Python runs instead (same results, slower)",
        RuntimeWarning,
        stacklevel=3,
    )


def _load_vocabulary() -> object:
    """The C walk's tables, built from `HANDED` (None where the C walk is not built)."""
    build = c_function("_walk", "vocabulary")
    return build(HANDED) if build is not None else None


C_WALK: Final = c_function("_walk", "walk")
VOCABULARY: Final = _load_vocabulary()
# Whether `read` walks lxml's tree in C (else the Python walk, as a parser target).
TREE_WALK: Final = walks_agree(C_WALK)
