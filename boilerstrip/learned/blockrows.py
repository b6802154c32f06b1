"""The HTML keep model's rows: every block's own features, the detectors' label and
score, the reducer's weight and decision, its DOM (tag, hint, enclosing elements), its
neighbours', and the page's make-up and type, in `FEATURES` order.

Made in C where `_trees` was built (`_trees.html_rows`, from the columns and tables this
module computes: one source for both), else in Python (`python_rows`, the reference,
held equal to the bit by tests/test_keep.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Final

from ..budget import checked
from ..model import Block, Dom
from ..native import c_function
from .columns import MISSING, SHARED_NAMES, SIDES, WHERE, WINDOW, RowContext, block_columns, running, spans
from .pagetype import TYPES

_C_HTML_ROWS: Final[Callable[..., list[list[float]]] | None] = c_function(
    "_trees", "html_rows"
)  # None where `_trees` was not built
# The block tags a row names by index (others: MISSING).
_BLOCK_TAGS: Final = (
    "p", "div", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote", "dd", "dt",
    "figcaption", "caption", "span", "a", "section", "article", "tr", "summary", "address", "title",
)  # fmt: skip
# The class hints (`Dom.hint`) a row names by index.
_HINT_VALUES: Final = ("content", "nav", "footer", "comment", "related", "social", "ad", "prompt", "")
# The enclosing elements a row flags, one feature each (`in_<tag>`).
_ENCLOSING: Final = (
    "nav", "header", "footer", "aside", "article", "main", "form", "li", "table", "figure",
    "blockquote", "pre", "ul", "ol", "dl", "figcaption",
)  # fmt: skip
_TAG_INDEX: Final[dict[str, float]] = {tag: float(k) for k, tag in enumerate(_BLOCK_TAGS)}
_HINT_INDEX: Final[dict[str, float]] = {hint: float(k) for k, hint in enumerate(_HINT_VALUES)}
# The Dom fields `_trees.html_rows` reads, by position, in the order it expects them.
_DOM_FIELDS: Final = tuple(
    Dom._fields.index(name)
    for name in ("link_density", "depth", "heading", "tag", "hint", "articles", "hint_owner", "containers")
)
#: The HTML model's features, in row order.
FEATURES: Final[tuple[str, ...]] = (
    *SHARED_NAMES,
    "link", "depth", "heading", "tag", "hint", "n_articles", "in_main_owner", "no_main",
    *(f"in_{c}" for c in _ENCLOSING),
    *(f"n{j}_{k}" for j in SIDES for k in ("words", "label", "link", "score", "samehint")),
    "win_words", "win_kept", "win_link", "page_articles", "own_article_share", "page_type",
)  # fmt: skip
# What `_trees.html_rows` reads besides the columns: the same tables `python_rows` reads.
_C_TABLES: Final = (MISSING, WINDOW, SIDES, _TAG_INDEX, _HINT_INDEX, _ENCLOSING, _DOM_FIELDS, len(FEATURES))  # fmt: skip


def rows(page: RowContext) -> list[list[float]]:
    """Every block's features, in `FEATURES` order (`RowContext` says what the page
    holds); blocks of `page.long_words` or more are prose to the <article> features (a
    thread's posts and a story among teasers differ in how their prose spreads over
    <article> elements)."""
    if _C_HTML_ROWS is None:
        return python_rows(page)
    blocks = page.blocks
    listed = blocks if isinstance(blocks, list) else list(blocks)
    labels, kept, words, page_values = block_columns(blocks)
    links = _links(blocks)
    scores = [b.score for b in blocks]
    prose = _article_prose(blocks, page.long_words)
    all_prose = float(sum(prose.values()) or 1.0)
    kind = _kind(page.page_type)
    columns = (listed, page.weights, labels, kept, words, links, scores, page_values, prose, all_prose, page.typical, page.main, kind)  # fmt: skip
    parts = [_C_HTML_ROWS(*columns, _C_TABLES, lo, hi) for lo, hi in spans(len(blocks), page.deadline)]
    return parts[0] if len(parts) == 1 else [row for part in parts for row in part]


def _kind(page_type: str) -> float:
    """The page type's index (`MISSING`: a type the model does not know)."""
    return float(TYPES.index(page_type)) if page_type in TYPES else MISSING


def _links(blocks: Sequence[Block]) -> list[float]:
    """Each block's link share (0 outside HTML)."""
    return [b.dom.link_density if b.dom is not None else 0.0 for b in blocks]


def python_rows(page: RowContext) -> list[list[float]]:
    """`rows` in Python: the reference for `_trees.html_rows` (which makes the same rows
    where it is built) and the rows everywhere else."""
    blocks, weights, typical, main = page.blocks, page.weights, page.typical, page.main
    n = len(blocks)
    labels, kept, words, page_values = block_columns(blocks)
    links = _links(blocks)
    kind = _kind(page.page_type)
    sum_words, sum_kept, sum_links = running(words), running(kept), running(links)
    prose = _article_prose(blocks, page.long_words)
    all_prose = sum(prose.values()) or 1.0
    out = []
    for i in checked(range(n), page.deadline, WHERE):
        b = blocks[i]
        row = _block_features(b, i, n, weights[i], typical, kept[i], labels[i])
        row.extend(page_values)
        _add_dom_features(row, b, main)
        for j in SIDES:
            _add_side(row, blocks, i + j, b, words, labels, links)
        lo, hi = max(0, i - WINDOW), min(n, i + WINDOW + 1)
        span = hi - lo
        row.append((sum_words[hi] - sum_words[lo]) / span)
        row.append((sum_kept[hi] - sum_kept[lo]) / span)
        row.append((sum_links[hi] - sum_links[lo]) / span)
        row.append(float(len(prose)))
        own = b.dom.articles[-1] if b.dom is not None and b.dom.articles else -1
        row.append(prose.get(own, 0.0) / all_prose)
        row.append(kind)
        out.append(row)
    return out


def _article_prose(blocks: Sequence[Block], long_words: int) -> dict[int, float]:
    """Words in long blocks, by the innermost <article> element holding them."""
    out: dict[int, float] = {}
    for b in blocks:
        if b.dom is not None and b.dom.articles and b.features.words >= long_words:
            key = b.dom.articles[-1]
            out[key] = out.get(key, 0.0) + b.features.words
    return out


def _block_features(
    b: Block, i: int, n: int, weight: float, typical: float, kept: float, label: float
) -> list[float]:
    f = b.features
    return [
        float(f.words), float(f.chars), f.stop_density, f.stop_density / typical if typical else 1.0,
        1.0 if f.ends_sentence else 0.0, float(f.repeats), i / max(n - 1, 1), b.score, weight, kept, label,
    ]  # fmt: skip


def _add_dom_features(row: list[float], b: Block, main: int) -> None:
    d = b.dom
    if d is None:
        for _ in range(8 + len(_ENCLOSING)):
            row.append(MISSING)
        return
    row.append(d.link_density)
    row.append(float(d.depth))
    row.append(float(d.heading))
    row.append(_TAG_INDEX.get(d.tag, MISSING))
    row.append(_HINT_INDEX.get(d.hint, MISSING))
    row.append(float(len(d.articles)))
    row.append(1.0 if main >= 0 and d.hint == "content" and d.hint_owner == main else 0.0)
    row.append(1.0 if main < 0 else 0.0)
    containers = d.containers
    for c in _ENCLOSING:
        row.append(1.0 if c in containers else 0.0)


def _add_side(
    row: list[float],
    blocks: Sequence[Block],
    k: int,
    b: Block,
    words: list[float],
    labels: list[float],
    links: list[float],
) -> None:
    """A neighbour's words, label, link share, score and whether it shares the
    block's hinted element; -1 and zeros past the page's edge."""
    if not 0 <= k < len(blocks):
        row.append(MISSING)
        row.append(MISSING)
        row.append(0.0)
        row.append(0.0)
        row.append(0.0)
        return
    nb = blocks[k]
    row.append(words[k])
    row.append(labels[k])
    row.append(links[k])
    row.append(nb.score)
    row.append(
        1.0 if nb.dom is not None and b.dom is not None and nb.dom.hint_owner == b.dom.hint_owner else 0.0
    )
