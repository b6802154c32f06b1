"""Cleaning time grows at most linearly with the page (issue 17), on pages built to take
every path that once grew faster: a pattern whose quantifiers could split a run of
brackets, dashes or spaces in as many ways as it is long, a walk that replayed held-back
navigation at every level of nesting, hint chains and <article> tuples copied at every
level, a slice of the rest of the page for every "Related" heading, and libxml2's tree,
quadratic in the attributes of one element.

Times are compared as a ratio, never as absolute numbers (the machine is shared and
noisy): the large page may take at most SLACK times as long per byte as the small one.
Each pair of pages is cleaned in a child process, which the test stops as soon as the
large page runs past that bound (or past a memory cap), so a quadratic path fails in
seconds instead of hanging the suite, and one that holds gigabytes cannot exhaust the
machine."""

from __future__ import annotations

import queue
import random
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

import boilerstrip
from boilerstrip import html, reduce
from boilerstrip.model import Block, Features

SMALL, LARGE = 10_000, 1_000_000
# How much more a byte of the large page may cost than a byte of the small one: a page
# of a megabyte no longer fits the processor's caches, and the garbage collector goes
# over more objects (measured: up to 5 on a loaded machine). A quadratic path costs
# a hundred times more a byte at a megabyte than at 10 KB.
SLACK = 10.0
# Seconds the child may take beyond the bound (starting up, scheduling) before it is
# stopped; at most a minute for the large page whatever the bound (a small page that
# is slow already, as on a quadratic path, would give a bound of hours); its memory.
MARGIN = 2.0
MOST = 60.0
MEMORY = 4 << 30
# libxml2 builds a tree at most 2,048 levels deep; a page nested deeper is walked as
# events, about ten times slower per element than the tree in C. The small page of a
# recipe nested that deep is as large as it takes to be walked the same way (4,545
# levels of <nav>, 2,631 of <article>); the other recipes nest 2,000 levels at most.
DEEP_SMALL = 50_000

EM = "\u2003"  # white space that no split of a text dump's line takes away
PROSE = "The council said on Monday that it would vote on the plan to build a new bridge over the river. "


def _repeat(unit: str, size: int) -> str:
    return unit * max(1, size // len(unit))


def _body(inner: str) -> bytes:
    return f"<html><body>{inner}</body></html>".encode()


def _nested(open_tag: str, close_tag: str, levels: int, inside: str = "x") -> bytes:
    return _body(open_tag * levels + inside + close_tag * levels)


def _around(open_tag: str, close_tag: str, size: int) -> bytes:
    """Elements nested as deep as a tree may be at a megabyte, around paragraphs."""
    return _nested(open_tag, close_tag, min(size // 100, 2000), _repeat("<p>a paragraph</p>", size // 2))


# name -> (page of about n bytes, size of the small page)
RECIPES: dict[str, tuple[Callable[[int], bytes], int]] = {
    # the NAVIGATION pattern's brackets and symbols overlapped: cubic (97 s at 5 KB)
    "brackets": (lambda n: ("(" * (n // 2) + ")" * (n // 2) + "1").encode(), SMALL),
    "brackets in html": (lambda n: _body("<p>" + "«" * (n // 2) + "»" * (n // 2) + "1</p>"), SMALL),
    # a long run of punctuation against the same pattern: quadratic (115 s at 100 KB)
    "punctuation run": (lambda n: ("-" * n + "1").encode(), SMALL),
    # \s*:?\s* and \s*(?:at|,|-)?\s* in the date patterns split a run of spaces
    "spaces after a date word": (lambda n: ("published" + EM * n + "x").encode(), SMALL),
    "spaces after a time": (lambda n: ("2019-01-01 12:30" + EM * n + "x").encode(), SMALL),
    # \s*:?\s*$ ending the shop controls' pattern split a run of spaces (reduce.controls;
    # the line must be content to be tried, so prose stands around it)
    "spaces after a shop control": (
        lambda n: (PROSE * 5 + "\nSort by" + EM * n + "x\n" + PROSE * 5).encode(),
        SMALL,
    ),
    # \s*(?:\(agency\))?\s* of the dateline, on the first paragraph
    "spaces in a dateline": (lambda n: ("PARIS" + EM * n + "x " + PROSE * 2).encode(), SMALL),
    # \s+and\s+ and \s*&\s* between a byline's names, tried inside the run
    "spaces in a byline": (lambda n: ("By\nJane" + EM * n + "Doe\n" + PROSE * 3).encode(), SMALL),
    # a slice of the rest of the page for every related-links heading
    "related headings": (lambda n: _repeat("Related\nsome item\n", n).encode(), SMALL),
    # held-back navigation replayed at every level (12 s and 1.76 GB for 5,000 levels)
    "nested nav": (lambda n: _nested("<nav>", "</nav>", n // 11), DEEP_SMALL),
    # the same within the tree's depth, around the rest of the page
    "nav around the page": (lambda n: _around("<nav>", "</nav>", n), SMALL),
    # a hint chain one longer at every hinted level, walked for every block
    "hinted elements around the page": (lambda n: _around('<div class="menu">', "</div>", n), SMALL),
    # an <article> tuple one longer at every level
    "nested articles": (lambda n: _nested("<article>", "</article>", n // 19), DEEP_SMALL),
}


def _comments_page(n: int) -> bytes:
    """A text dump of about n bytes: an article of half of it, then a comment section of
    short comments (two lines and a "Reply" that closes each). Each comment's first line
    is looked for in the article, as a quote: once a comment, the article's length times
    the comments (10 s at a megabyte)."""
    paragraph = PROSE * 3 + "\n\n"
    article = "".join(f"{i} {paragraph}" for i in range(max(1, n // 2 // len(paragraph))))

    def comment(i: int) -> str:
        return f"Reader {i}\n\nI agree {i}.\n\nReply\n\n"

    comments = "".join(comment(i) for i in range(max(1, n // 2 // len(comment(0)))))
    return f"Council votes on the bridge\n\n{article}3 Comments\n\n{comments}Login to comment\n".encode()


def _blank_author_page(n: int) -> bytes:
    """A text dump: a short article, then comments under author lines ("Reader 1
    says:"), one of whose lines is a word, a run of n blanks and a colon. The name's
    pattern (`patterns.COMMENT_AUTHOR_NAME`), tried on a comment's line ending in a
    colon, split the run between the name's end and the blanks around a date in as
    many ways as it is long, for every length of the name, before it failed: a line of
    200 took a second."""
    article = (PROSE * 3 + "\n\n") * 3
    comments = "".join(f"Reader {i} says:\n\nI agree {i}.\n\n" for i in range(3))
    return f"Council votes on the bridge\n\n{article}3 Comments\n\n{comments}Reader{EM * n}:\n".encode()


# name -> (page of about n bytes, size of the small page), cleaned with include_comments
COMMENT_RECIPES: dict[str, tuple[Callable[[int], bytes], int]] = {
    "comments after a long article": (_comments_page, SMALL),
    "blanks in a comment's author line": (_blank_author_page, SMALL),
}

# The child: cleans the small page (best of five, after a warm-up), reports, then
# cleans the large one and reports. Its arguments: where boilerstrip was found, the two
# pages, and what is timed: "clean", "clean or refuse" (refused past the bound on the
# search for misplaced tags is an answer too),
# "comments" (clean with include_comments),
# "comment stage" (reduce.extract_comments alone, on both pages cleaned beforehand) or
# "text stage" (render.article_text alone, on both pages' articles).
CHILD = f"""
import resource, sys, time
resource.setrlimit(resource.RLIMIT_AS, ({MEMORY}, {MEMORY}))
sys.path.insert(0, sys.argv[1])
import boilerstrip
from boilerstrip.model import Label
from boilerstrip.reduce import extract_comments
from boilerstrip.render import article_text
cleaner = boilerstrip.Cleaner()
small, large = (open(path, "rb").read() for path in sys.argv[2:4])
mode = sys.argv[4]

def prepared(page):
    if mode not in ("comment stage", "text stage"):
        return page
    blocks = cleaner.clean(page).blocks
    article = [b for b in blocks if b.label is Label.ARTICLE]
    return (blocks, article) if mode == "comment stage" else article

def seconds(item):
    start = time.perf_counter()
    if mode == "comment stage":
        extract_comments(*item)
    elif mode == "text stage":
        article_text(item)
    elif mode == "clean or refuse":
        try:
            cleaner.clean(item)
        except boilerstrip.InputError as refused:
            if "html_max_end_tag_search" not in str(refused):
                raise
    else:
        cleaner.clean(item, include_comments=mode == "comments")
    return time.perf_counter() - start

small, large = prepared(small), prepared(large)
seconds(small)
print(min(seconds(small) for _ in range(5)), flush=True)
print(seconds(large), flush=True)
"""


def _times(small: bytes, large: bytes, tmp_path: Path, mode: str = "clean") -> tuple[float, float | None]:
    """(seconds for the small page, seconds for the large one or None when it ran past
    the linear bound and was stopped); `mode` says what is timed (see CHILD)."""
    paths = [tmp_path / "small", tmp_path / "large"]
    for path, page in zip(paths, (small, large), strict=True):
        path.write_bytes(page)
    where = str(Path(boilerstrip.__file__).resolve().parents[1])
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, where, *map(str, paths), mode],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: queue.Queue[str | None] = queue.Queue()  # None: the child has ended

    def read() -> None:
        for line in child.stdout or ():
            lines.put(line)
        lines.put(None)

    threading.Thread(target=read, daemon=True).start()
    try:
        try:
            small_time = _seconds(lines, 60, child)
        except queue.Empty:
            raise AssertionError(f"{len(small):,} bytes took over a minute") from None
        bound = small_time * len(large) / len(small) * SLACK
        try:
            return small_time, _seconds(lines, min(bound + MARGIN, MOST), child)
        except queue.Empty:
            return small_time, None
    finally:
        child.kill()
        child.wait()


def _seconds(lines: queue.Queue[str | None], timeout: float, child: subprocess.Popen[str]) -> float:
    line = lines.get(timeout=timeout)
    if line is None:
        child.wait()
        raise AssertionError(f"the child failed: {(child.stderr.read() if child.stderr else '')[-2000:]}")
    return float(line)


@pytest.mark.parametrize("name", list(RECIPES) + list(COMMENT_RECIPES))
def test_cleaning_time_grows_linearly(name: str, tmp_path: Path) -> None:
    make, small_size = RECIPES[name] if name in RECIPES else COMMENT_RECIPES[name]
    small, large = make(small_size), make(LARGE)
    small_time, large_time = _times(small, large, tmp_path, "clean" if name in RECIPES else "comments")
    size_ratio = len(large) / len(small)
    assert large_time is not None, (
        f"{name}: {len(large):,} bytes were stopped, past {SLACK * size_ratio:.0f} times the time of "
        f"{len(small):,} bytes ({small_time * 1000:.1f} ms) or past a minute"
    )
    ratio = large_time / small_time
    assert ratio <= size_ratio * SLACK, (
        f"{name}: {len(large):,} bytes took {ratio:.0f} times as long as {len(small):,} bytes "
        f"({large_time * 1000:.0f} ms against {small_time * 1000:.1f} ms)"
    )


def _attributes_grow_linearly(first: str, tmp_path: Path) -> None:
    """A <p> of thousands of attributes (after `first`), at 10 KB and 1 MB."""

    def make(n: int) -> bytes:
        return _body(f"<p {first}" + " ".join(f"a{i}=x" for i in range(n // 8)) + ">some text here</p>")

    small, large = make(SMALL), make(LARGE)
    small_time, large_time = _times(small, large, tmp_path)
    assert large_time is not None, f"{len(large):,} bytes of attributes were stopped"
    assert large_time / small_time <= len(large) / len(small) * SLACK


@pytest.mark.skipif(not html.TREE_WALK, reason="libxml2's tree is built only where the walk in C is")
def test_many_attributes_on_one_element_grow_linearly(tmp_path: Path) -> None:
    """libxml2 adds an element's attributes to a list it walks to its end each time (9.7 s
    for 40,000, never done for 100,000): such a page is walked as events instead."""

    _attributes_grow_linearly("", tmp_path)


def test_a_hidden_page_of_many_attributes_is_not_revealed_into_a_tree(tmp_path: Path) -> None:
    """A page that shows almost nothing and hides something is read again as a tree
    (`markup.reveal`); with a tag of thousands of attributes that tree would be
    quadratic, so such a page is not read again."""

    _attributes_grow_linearly("hidden ", tmp_path)


def test_a_page_over_the_attribute_bound_gives_the_same_blocks() -> None:
    """Over the bound (Config.html_max_attributes) or not, a page gives the same result."""
    attributes = " ".join(f"data-x{i}=1" for i in range(300))
    page = _body(f'<nav><a href="/">Home</a></nav><article><p {attributes}>{PROSE * 3}</p></article>')
    over = html.read(page)
    assert over == html.read(page, boilerstrip.Config(html_max_attributes=1000)) == html.read_events(page)


# Markup where a scan that read tags otherwise than libxml2 would lose count of a tag.
TRICKY_TAGS = [
    "<p a=\"x>y\" b='>' c=d>z</p>",
    "<p =a b/c d='e'f g>z</p><p a=1<b c=2>",
    '</x a="><p c=3>"><p a=1 b=2>x</p>',
    "<!--><p a b c>--><!---><p d e>--><!-- --!><p f g h>-->",
    "<?php <p a=1> ?><!DOCTYPE <p a=1>><p b c d>",
    "<title><p a b c></title><textarea><p a b></textarea><xmp><p a></xmp><p d e f g>",
    "<script>var s = '<p a b c d e>';</script><style>p{}</style><p a b>",
    "<script><!--<script></script><p a b c></script>--><p d e f>",
    "<script><!-- x --></script><p a b c d>",
    "<SCRIPT>x</script ><p a b c>",
    "<noscript><p a b c d e f></noscript>",
    "<iframe><p a></iframe><noembed><p b></noembed><noframes><p c></noframes><p d e>",
    "<p a/b/c/d/e>",
    "<script/><p a b c d></script><style/><p e f g h i></style>",
    '<p a="unterminated b c d',
]


@pytest.mark.skipif(not html.TREE_WALK, reason="the scan is in the walk in C")
@pytest.mark.parametrize("markup", TRICKY_TAGS)
def test_the_attribute_scan_never_counts_fewer_than_libxml2_keeps(markup: str) -> None:
    from lxml import etree

    from boilerstrip import _walk

    page = "<html><body>" + markup + "</body></html>"
    root = etree.fromstring(page, etree.HTMLParser(huge_tree=True))
    kept = max(len(element.attrib) for element in root.iter() if isinstance(element.tag, str))
    for form in (page, page.encode(), page + "\u0101", page + "\U0001f600"):  # bytes, each width of str
        assert _walk.most_attributes(form, 10**6) >= kept


@pytest.mark.skipif(not html.TREE_WALK, reason="only the walk in C counts what libxml2 searches")
def test_end_tags_closing_nothing_in_deep_markup_are_answered_in_linear_time(tmp_path: Path) -> None:
    """libxml2 looks for the element of an end tag that closes nothing through every
    element open: '<div></span>' repeated costs it the square of the page (10-16 s at
    1.2 MB). The walk in C counts that search and refuses the page past
    `Config.html_max_end_tag_search`: the small page is cleaned, the large one refused,
    each in time linear in it."""

    def make(n: int) -> bytes:
        return _body("<div></span>" * (n // 12))

    small, large = make(SMALL), make(LARGE)
    small_time, large_time = _times(small, large, tmp_path, "clean or refuse")
    assert large_time is not None, f"{len(large):,} bytes of stray end tags were stopped"
    assert large_time / small_time <= len(large) / len(small) * SLACK


def test_comment_quotes_grow_linearly(tmp_path: Path) -> None:
    """Each comment's first line was looked for in the whole article: the comment stage
    alone took 10 s for a page of a megabyte, and 0.1 ms for one of 10 KB."""
    small, large = _comments_page(SMALL), _comments_page(LARGE)
    small_time, large_time = _times(small, large, tmp_path, "comment stage")
    assert large_time is not None, f"the comment stage of {len(large):,} bytes was stopped"
    assert large_time / small_time <= len(large) / len(small) * SLACK


def test_a_table_row_s_text_grows_linearly(tmp_path: Path) -> None:
    """The article's text grew a table row cell by cell, copying the row each time
    (`render.article_text`): a row of 200,000 cells (a cell of numbers apart by <br>)
    took 35 s there. Found by fuzzing; the whole clean of such a page hides it in its
    own linear work, so the text stage is timed alone."""

    def row(n: int) -> bytes:
        cells: list[str] = []
        size = 0
        while size < n:  # numbers apart by <br>, none said twice
            cells.append(f"{len(cells)}<br>")
            size += len(cells[-1])
        return _body("<table><tr><td>" + "".join(cells))

    small, large = row(SMALL), row(LARGE)
    small_time, large_time = _times(small, large, tmp_path, "text stage")
    assert large_time is not None, f"the text of {len(large):,} bytes was stopped"
    assert large_time / small_time <= len(large) / len(small) * SLACK


def test_quotes_are_what_a_search_of_the_article_finds() -> None:
    """`reduce._Quotes` takes for a quote what `in` finds in the article text (the
    blocks joined by newlines): whole paragraphs, parts of them (starting or ending
    inside a word), and not the near misses (the same words in another order, across
    two paragraphs, a word changed)."""
    rng = random.Random(17)
    vocabulary = "the council said a river bridge over-the plan vote, Monday. 12 it x é".split()
    for _ in range(300):
        paragraphs = [
            " ".join(rng.choices(vocabulary, k=rng.randint(1, 30))) for _ in range(rng.randint(1, 8))
        ]
        article = [Block(text, i, i + 1, Features()) for i, text in enumerate(paragraphs)]
        joined = "\n".join(paragraphs)
        texts = [_near(joined, rng) for _ in range(40)] + [rng.choice(paragraphs)]
        quotes = reduce._Quotes(article, sum(map(len, texts)))
        for text in texts + texts[:5]:
            assert quotes.quoted(text) == (text in joined), (text, joined)


def _near(joined: str, rng: random.Random) -> str:
    """A part of `joined` (any span, so it may start and end inside words), or that part
    changed a little: a character replaced, its words shuffled, or a word added."""
    start = rng.randrange(len(joined))
    part = joined[start : start + rng.randint(1, 60)]
    change = rng.randrange(5)
    if change == 1:
        at = rng.randrange(len(part))
        part = part[:at] + rng.choice("xe ,.") + part[at + 1 :]
    elif change == 2:
        words = part.split()
        rng.shuffle(words)
        part = " ".join(words)
    elif change == 3:
        part = f"{part} {rng.choice(('the', 'bridge', 'zebra'))}"
    return part
