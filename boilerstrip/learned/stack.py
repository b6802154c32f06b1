"""The HTML keep model's second stage: each block's row again, with what the first
stage's probabilities say of it in context, for a second forest to rate
(`Config.keep_html_stack`, trained by `tools/train_keep.py --stack`).

Why: the rules after the model (`keep.own_members`, `between_members`, `list_mates`)
read its probabilities across the page by hand; a second model that reads them can
learn what they do and more: a block rated 0.4 among blocks rated 0.95, a block
whose mates (same tag, depth and class word) are all content, a page the first
stage is unsure of as a whole. The features are generic numbers of the
probabilities: the block's, its neighbours', its groups' and the page's.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Sequence
from functools import partial
from typing import Final

from ..budget import Deadline, spans
from ..model import Block, Dom, Label
from ..native import c_function
from .blockrows import FEATURES
from .columns import MISSING, WHERE

_C_STACK_ROWS: Final[Callable[..., list[list[float]]] | None] = c_function(
    "_trees", "stack_rows"
)  # None where `_trees` was not built

_NEAR: Final = (-3, -2, -1, 1, 2, 3)  # neighbours read one by one
_SPAN: Final = 5  # blocks on each side whose highest and lowest probability are read
_WINDOWS: Final = (3, 10)  # blocks on each side of the word-weighted means
_OVER: Final = 0.5  # a block "over" is one the first stage calls content
_FAR: Final[tuple[float, ...]] = (1e4, 1e6)  # the distance in blocks and words where no block is over
#: What the second stage reads after the first stage's features, in row order.
STACK_NAMES: Final[tuple[str, ...]] = (
    "p", "logit", *(f"p{j:+d}" for j in _NEAR), "max5", "min5", "wmean3", "wmean10",
    "page_max", "page_wmean", "share_over", "ef1_05", "ef1_best", "best_thr", "rank",
    "g_tagdepth", "n_tagdepth", "g_tagdepthcls", "n_tagdepthcls", "g_owner", "n_owner",
    "g_article", "n_article", "dist_blocks", "dist_words", "inside", "before_first",
    "after_last", "p_first", "p_last", "gap_to_page_max", "kept_median",
)  # fmt: skip
#: The second stage's features: the first stage's, then `STACK_NAMES`.
STACK_FEATURES: Final[tuple[str, ...]] = (*FEATURES, *STACK_NAMES)
# The Dom fields `_trees.stack_rows` reads, by position, in the order it expects them.
_DOM_FIELDS: Final = tuple(
    Dom._fields.index(name) for name in ("tag", "depth", "hint_token", "hint_owner", "articles")
)


def _c_tables() -> tuple[object, ...]:
    """What `_trees.stack_rows` reads besides the page: the constants `python_stack_rows`
    reads (`_FAR` typed as a tuple of any length: mypyc never sets a Final pair of
    floats as a whole, so a function that reads it so raises NameError)."""
    return (MISSING, _NEAR, _SPAN, _WINDOWS, _OVER, _FAR, _DOM_FIELDS, len(STACK_FEATURES))


def stack_rows(
    blocks: Sequence[Block],
    ps: Sequence[float],
    rows: Sequence[Sequence[float]],
    deadline: Deadline | None = None,
) -> list[list[float]]:
    """Every block's first-stage row (`rows`) followed by `STACK_NAMES` read from the
    first stage's probabilities `ps`: made in C where `_trees` was built
    (`_trees.stack_rows`, from the constants above: one source for both), else by
    `python_stack_rows`. Either checks `deadline` as it makes the rows (on a page of
    a hundred thousand blocks they take a second)."""
    if _C_STACK_ROWS is None:
        return python_stack_rows(blocks, ps, rows, deadline)
    words = [float(b.features.words) for b in blocks]
    doms = [b.dom for b in blocks]
    as_lists = [r if isinstance(r, list) else list(r) for r in rows]
    probabilities = ps if isinstance(ps, list) else list(ps)
    median = kept_median(blocks, ps)
    check = partial(deadline.check, WHERE) if deadline is not None and deadline.limit > 0 else None
    return _C_STACK_ROWS(as_lists, probabilities, words, doms, median, _c_tables(), check)


def python_stack_rows(
    blocks: Sequence[Block],
    ps: Sequence[float],
    rows: Sequence[Sequence[float]],
    deadline: Deadline | None = None,
) -> list[list[float]]:
    """`stack_rows` in Python: the reference for `_trees.stack_rows` (which makes the
    same rows, to the bit, where it is built) and the rows everywhere else."""
    n = len(ps)
    words = [float(b.features.words) for b in blocks]
    order = _by_probability(ps)
    page = _page_values(words, ps, order)
    groups = _groups(blocks, words, ps)
    weighted = [_window_means(words, ps, r) for r in _WINDOWS]
    nearest = _nearest_over(ps, words)
    over = [k for k in range(n) if ps[k] > _OVER]
    first, last = (over[0], over[-1]) if over else (-1, -1)
    ends = [ps[first] if over else MISSING, ps[last] if over else MISSING]
    rank = _ranks(order)
    median = kept_median(blocks, ps)
    out = []
    for lo, hi in spans(n, deadline, WHERE):
        for k in range(lo, hi):
            row = list(rows[k])
            row.append(ps[k])
            row.append(_logit(ps[k]))
            for j in _NEAR:
                row.append(ps[k + j] if 0 <= k + j < n else MISSING)
            high, low = _span_ends(ps, k)
            row.append(high)
            row.append(low)
            for means in weighted:
                row.append(means[k])
            row.extend(page)
            row.append(rank[k])
            for means, counts in groups:
                row.append(means[k])
                row.append(counts[k])
            row.append(nearest[0][k])
            row.append(nearest[1][k])
            row.append(1.0 if over and first <= k <= last else 0.0)
            row.append(float(first - k) if over and k < first else 0.0)
            row.append(float(k - last) if over and k > last else 0.0)
            row.extend(ends)
            row.append(page[0] - ps[k])
            row.append(median)
            out.append(row)
    return out


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1.0 - 1e-6)
    return math.log(p / (1.0 - p))


def _span_ends(ps: Sequence[float], k: int) -> tuple[float, float]:
    """The highest and lowest probability of the blocks within `_SPAN` of block k, it
    left out (`MISSING` both on a page of one block). A loop, not slices: it runs for
    every block of every page."""
    high, low, seen = 0.0, 0.0, False
    for j in range(max(0, k - _SPAN), min(len(ps), k + _SPAN + 1)):
        if j == k:
            continue
        p = ps[j]
        if not seen:
            high, low, seen = p, p, True
        elif p > high:
            high = p
        elif p < low:
            low = p
    return (high, low) if seen else (MISSING, MISSING)


def _window_means(words: Sequence[float], ps: Sequence[float], r: int) -> list[float]:
    """Each block's mean probability over the blocks within `r` of it, each weighing
    its words plus one (a blank heading still counts)."""
    sw, swp = [0.0], [0.0]
    for k in range(len(ps)):
        sw.append(sw[-1] + words[k] + 1.0)
        swp.append(swp[-1] + (words[k] + 1.0) * ps[k])
    out = []
    for k in range(len(ps)):
        lo, hi = max(0, k - r), min(len(ps), k + r + 1)
        out.append((swp[hi] - swp[lo]) / (sw[hi] - sw[lo]))
    return out


def _page_values(words: Sequence[float], ps: Sequence[float], order: Sequence[int]) -> list[float]:
    """The page's highest probability, word-weighted mean probability, share of words
    over `_OVER`, expected word F1 of the blocks over `_OVER` and the best expected
    word F1 of any threshold with that threshold (`best_prefix`, over the blocks in
    `order`, from the likeliest down)."""
    total, expected, hit, taken = 0.0, 0.0, 0.0, 0.0
    for k in range(len(ps)):  # by index: mypyc leaves zip(strict=True) to the interpreter
        total += words[k]
        expected += words[k] * ps[k]
        if ps[k] > _OVER:
            hit += words[k] * ps[k]
            taken += words[k]
    total = total or 1.0
    at_half = 2 * hit / (taken + expected) if expected > 0 else 0.0
    best, count = best_prefix(words, ps, order, 0.0, 0.0, expected) if expected > 0 else (0.0, 0)
    threshold = ps[order[count - 1]] if count else 1.0
    return [max(ps, default=0.0), expected / total, taken / total, at_half, best, threshold]


def best_prefix(
    words: Sequence[float],
    ps: Sequence[float],
    order: Sequence[int],
    hit: float,
    taken: float,
    expected: float,
) -> tuple[float, int]:
    """The best expected word F1 (2 * hit / (taken + expected), where the content's
    probabilities sum to `hit` over its `taken` words and the page's to `expected`)
    of the content so far and the blocks of `order` added one by one, with how many of
    them it takes (0: none helps). The one scan behind `keep.own_members` and the
    second stage's page figures."""
    best, count = (2 * hit / (taken + expected) if expected > 0 else 0.0), 0
    for n, k in enumerate(order):
        hit += words[k] * ps[k]
        taken += words[k]
        f1 = 2 * hit / (taken + expected)
        if f1 > best:
            best, count = f1, n + 1
    return best, count


def _by_probability(ps: Sequence[float]) -> list[int]:
    """The blocks from the likeliest down (ties in page order)."""
    return sorted(range(len(ps)), key=lambda k: -ps[k])


def _ranks(order: Sequence[int]) -> list[float]:
    """Each block's place among the page's by probability (`order`, from the likeliest
    down): 1 the likeliest, 0 the least."""
    out = [0.0] * len(order)
    for r, k in enumerate(order):
        out[k] = 1.0 - r / max(len(order) - 1, 1)
    return out


def _groups(
    blocks: Sequence[Block], words: Sequence[float], ps: Sequence[float]
) -> list[tuple[list[float], list[float]]]:
    """For each grouping (tag and depth; tag, depth and class word; hinted element;
    innermost <article>), each block's word-weighted mean probability of the other
    blocks of its group and their number (`MISSING` and 0 alone)."""
    keys: list[list[Hashable]] = [[], [], [], []]
    for k, b in enumerate(blocks):
        d = b.dom
        keys[0].append((d.tag, d.depth) if d is not None else None)
        keys[1].append((d.tag, d.depth, d.hint_token) if d is not None else None)
        keys[2].append(d.hint_owner if d is not None else -1)
        keys[3].append(d.articles[-1] if d is not None and d.articles else ("none", k))
    return [_group_means(g, words, ps) for g in keys]


def _group_means(
    keys: Sequence[Hashable], words: Sequence[float], ps: Sequence[float]
) -> tuple[list[float], list[float]]:
    """`_groups` for one grouping, as two lists (the means, the counts): the groups
    numbered once, so that each key is hashed once a block."""
    numbers: dict[Hashable, int] = {}
    group = [numbers.setdefault(key, len(numbers)) for key in keys]
    weight, mass, count = [0.0] * len(numbers), [0.0] * len(numbers), [0] * len(numbers)
    for k, g in enumerate(group):
        weight[g] += words[k] + 1.0
        mass[g] += (words[k] + 1.0) * ps[k]
        count[g] += 1
    means, counts = [MISSING] * len(group), [0.0] * len(group)
    for k, g in enumerate(group):
        if count[g] >= 2:
            w = words[k] + 1.0
            means[k] = (mass[g] - w * ps[k]) / (weight[g] - w)
            counts[k] = float(count[g] - 1)
    return means, counts


def _nearest_over(ps: Sequence[float], words: Sequence[float]) -> tuple[list[float], list[float]]:
    """Each block's distance to the nearest block over `_OVER` (itself: 0), in blocks
    and in the words strictly between (`_FAR` where none is); the nearer one before it
    where two are as near."""
    n = len(ps)
    before, after = [-1] * n, [-1] * n
    last = -1
    for k in range(n):
        before[k] = last
        last = k if ps[k] > _OVER else last
    last = -1
    for k in range(n - 1, -1, -1):
        after[k] = last
        last = k if ps[k] > _OVER else last
    sums = [0.0]
    for w in words:
        sums.append(sums[-1] + w)
    blocks_away, words_between = [_FAR[0]] * n, [_FAR[1]] * n
    for k in range(n):
        if ps[k] > _OVER:
            blocks_away[k], words_between[k] = 0.0, 0.0
            continue
        j = before[k]
        if after[k] >= 0 and (j < 0 or after[k] - k < k - j):
            j = after[k]
        if j >= 0:
            blocks_away[k] = float(abs(j - k))
            words_between[k] = sums[max(j, k)] - sums[min(j, k) + 1]
    return blocks_away, words_between


def kept_median(blocks: Sequence[Block], ps: Sequence[float]) -> float:
    """The upper median probability of the reducer's content (`MISSING` without any)."""
    own = sorted(ps[k] for k, b in enumerate(blocks) if b.label is Label.ARTICLE)
    return own[len(own) // 2] if own else MISSING
