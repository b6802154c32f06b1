"""The text keep model's rows: a text dump's lines have no DOM, so their own shape
(capitals, digits, cues, commas, marks), the runs and cadence they sit in (`cadence`),
where the reducer's region lies, their neighbours', and the page's make-up and type
stand in for it, in `TEXT_FEATURES` order.

Made a feature at a time (columns, each an array('d'): the keep model's walk reads
their doubles in place, where a list of floats cost a float object made, freed and
read back for every value) and turned into rows at the end (in C where `_trees` was
built); the line shapes and the cadence scan are C loops where `_text` was built, each
held to its Python reference here by tests/test_keep.py.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Sequence
from typing import Final, TypeAlias

from ..budget import Deadline, checked
from ..detect.features import cap_ratio, digit_ratio
from ..model import LABELS, Block, Label
from ..native import c_function
from .cadence import CHAIN_GAP, MAX_PERIOD, cadence, chains, text_runs
from .columns import (
    LABEL_INDEX,
    MISSING,
    SHARED_NAMES,
    SIDES,
    WHERE,
    WINDOW,
    RowContext,
    block_columns,
    running,
    spans,
)
from .marks import page_marks
from .pagestats import TEXT_STATS
from .pagetype import TYPES, text_profile

#: A feature's values, one a line of the dump, as the text model's columns hold them.
Column: TypeAlias = Sequence[float]

# The C loops (None where `_trees` or `_text` was not built): `_rows_of`,
# `_block_columns_in_python`, `_context_columns_in_python`, `_line_columns_in_python`,
# `_constants_in_python` and `_line_shape` are their Python references.
_C_ROWS: Final[Callable[[list[list[float]]], list[list[float]]] | None] = c_function("_trees", "rows")
_C_LINE_CONTEXT: Final[Callable[..., list[Column]] | None] = c_function("_text", "line_context")
_C_LINE_BLOCKS: Final[Callable[..., tuple[list[Column], list[float], list[Column], bytes]] | None] = (
    c_function("_text", "line_blocks")
)
_C_LINE_COLUMNS: Final[Callable[..., list[Column]] | None] = c_function("_text", "line_columns")
_C_LINE_SHAPE: Final[Callable[[str], tuple[float, float, int]] | None] = c_function("_text", "line_shape")
_C_CONSTANTS: Final[Callable[[list[float], int], list[Column]] | None] = c_function(
    "_text", "constant_columns"
)
#: The text model's features, in row order.
TEXT_FEATURES: Final[tuple[str, ...]] = (
    *SHARED_NAMES,
    "caps", "digits", "cues", "chars_per_word", "commas", "symbol_start", "colon_end", "price", "code",
    "forum_line", "group_share", "blank_style",
    "short_run", "long_run", "prev_long", "next_long", "words_before",
    "in_region", "region_gap", "region_start", "region_end", "n_kept",
    "cycle", "cycle_before", "cycle_after", "cycle_long", "cycle_kept",
    "chain_before", "chain_after", "chain_kept",
    *(f"n{j}_{k}" for j in SIDES for k in ("words", "label", "score", "ends", "stop_rel")),
    "win_words", "win_kept", "win_long", "win_ends",
    *(f"page_{k}" for k in TEXT_STATS), *(f"ptype_{t}" for t in TYPES),
)  # fmt: skip


def text_rows(page: RowContext) -> list[list[float]]:
    """Every line's features of a text dump, in `TEXT_FEATURES` order (`RowContext`
    says what the page holds), row by row, as the training script reads them; the
    pipeline reads them by feature (`text_columns`)."""
    return rows_of(text_columns(page))


def rows_of(columns: Sequence[Sequence[float]]) -> list[list[float]]:
    """The rows of `columns` (arrays as `text_columns` makes them, or lists): in C where
    `_trees` was built (`_trees.rows`, of their lists), else `_rows_of`. Made for
    training and tests, not by the pipeline, which walks the columns."""
    if _C_ROWS is not None:
        return _C_ROWS([c if isinstance(c, list) else list(c) for c in columns])
    return _rows_of(columns)


def _rows_of(columns: Sequence[Sequence[float]]) -> list[list[float]]:
    """The rows of `columns` (the Python reference of `_trees.rows`)."""
    return [list(row) for row in zip(*columns, strict=True)]


def text_columns(page: RowContext) -> list[Column]:
    """`text_rows` by feature: one array of every line's values for each name of
    `TEXT_FEATURES`, in its order. Lines of `page.long_words` or more are prose, lines
    under `page.short_words` short (menus, card titles, bylines come in runs of short
    lines); `page.marks` (and `page.counts`) are made here where the caller did not
    make them."""
    blocks, deadline = page.blocks, page.deadline
    n = len(blocks)
    head, page_values, groups, shapes = _block_columns(blocks, page.weights, page.typical, page.short_words)
    words, kept, labels, scores, ends, rel = head[0], head[9], head[10], head[7], head[4], head[3]
    marks = page.marks if page.marks is not None else page_marks(blocks, deadline)
    profile = text_profile(blocks, deadline, marks, page.counts)
    out = head
    out.extend(_constants(page_values, n))
    out.extend(_line_columns(blocks, marks, deadline))
    out.extend(groups)
    sizes = (page.long_words, page.short_words, MAX_PERIOD, CHAIN_GAP, WINDOW)
    out.extend(_context_columns([words, kept, labels, scores, ends, rel], shapes, sizes))
    out.extend(_constants(profile, n))
    return out


def _constants(values: list[float], n: int) -> list[Column]:
    """A column of `n` lines for each of `values` that all hold it (a page's statistics
    or types): in C where `_text` was built (`_text.constant_columns`, each a copy of
    one array of zeros, filled: a slice and a repeat a value cost 2,700 instructions),
    else `_constants_in_python`, its reference."""
    if _C_CONSTANTS is not None:
        return _C_CONSTANTS(values if isinstance(values, list) else list(values), n)
    return _constants_in_python(values, n)


def _constants_in_python(values: list[float], n: int) -> list[Column]:
    """`_constants` in Python: each a slice of one array of them all, repeated. An
    array made of a tuple of each value cost 1,500 instructions to make (the
    constructor parses its arguments and each item); a slice of one, a fifth of that."""
    every = array("d", values)
    return [every[k : k + 1] * n for k in range(len(values))]


def _block_columns(
    blocks: Sequence[Block], weights: Sequence[float], typical: float, short_words: int
) -> tuple[list[Column], list[float], list[Column], bytes]:
    """What the pipeline says of each line, by feature (`BLOCK_NAMES` order: its words,
    characters, stop density and its share of the page's typical one, sentence end,
    repeats, place, score, the reducer's weight, whether the reducer kept it, its
    label), the page's values (`columns.page_features`), each line's share of the
    lines of its blank-line group and whether the page has several, and the lines'
    coarse shapes (0 under `short_words`, 2 ending a sentence, else 1). In C where
    `_text` was built (`_text.line_blocks`: in compiled Python, a list a column and a
    float a value were a fifth of the columns' time), else `_block_columns_in_python`,
    its reference."""
    if _C_LINE_BLOCKS is not None:
        listed = blocks if isinstance(blocks, list) else list(blocks)  # the C loop reads a list
        return _C_LINE_BLOCKS(
            listed, weights, LABEL_INDEX, Label.ARTICLE, typical, short_words, len(LABELS), MISSING
        )
    return _block_columns_in_python(blocks, weights, typical, short_words)


def _block_columns_in_python(
    blocks: Sequence[Block], weights: Sequence[float], typical: float, short_words: int
) -> tuple[list[Column], list[float], list[Column], bytes]:
    """`_block_columns` in Python: the reference for `_text.line_blocks`."""
    n = len(blocks)
    labels, kept, words, page_values = block_columns(blocks)
    groups = _group_sizes(blocks)
    shapes = bytes(
        0 if w < short_words else 2 if b.features.ends_sentence else 1
        for w, b in zip(words, blocks, strict=True)
    )
    scale = max(n - 1, 1)
    head: list[list[float]] = [
        words,
        [float(b.features.chars) for b in blocks],
        [b.features.stop_density for b in blocks],
        [b.features.stop_density / typical if typical else 1.0 for b in blocks],
        [1.0 if b.features.ends_sentence else 0.0 for b in blocks],
        [float(b.features.repeats) for b in blocks],
        [i / scale for i in range(n)],
        [b.score for b in blocks],
        [weights[i] for i in range(n)],
        kept,
        labels,
    ]
    several = [1.0 if len(groups) > 1 else 0.0] * n
    grouped = [[groups[b.features.group] / n for b in blocks], several]
    return _arrays(head), page_values, _arrays(grouped), shapes


def _arrays(columns: Sequence[Sequence[float]]) -> list[Column]:
    """`columns` as arrays('d'), as the C loops make them."""
    return [array("d", column) for column in columns]


# The columns read at each neighbour (`SIDES`), by their index in `_context_columns`'
# values (words, kept, labels, scores, ends, rel), and the value past the page's edge.
_SHIFTED: Final = ((0, MISSING), (2, MISSING), (3, 0.0), (4, 0.0), (5, 0.0))


def _context_columns(
    values: list[Column], shapes: bytes, sizes: tuple[int, int, int, int, int]
) -> list[Column]:
    """Each line's context, by feature, from its `values` (words, kept, labels, scores,
    sentence ends, relative stop density) and coarse `shapes` (0 short, 1 prose, 2 prose
    ending a sentence), with `sizes` (prose and short lines' words, the longest
    cadence, the chain gap, the window): the runs it is in, the share of words before
    it, the reducer's region, its cadence and chain, its neighbours' values and the
    means over its window. In C where `_text` was built (`_text.line_context`: in
    compiled Python, these were half of the text model's columns), else
    `_context_columns_in_python`, its reference."""
    if _C_LINE_CONTEXT is not None:
        return _C_LINE_CONTEXT(values, shapes, sizes, SIDES, _SHIFTED, MISSING)
    return _context_columns_in_python(values, shapes, sizes)


def _context_columns_in_python(
    values: Sequence[Sequence[float]], shapes: bytes, sizes: tuple[int, int, int, int, int]
) -> list[Column]:
    """`_context_columns` in Python: the reference for `_text.line_context`."""
    words, kept, _, _, ends, _ = (list(v) for v in values)
    long_words, short_words, max_period, gap, window = sizes
    n = len(words)
    shape_list = list(shapes)
    long = [1.0 if w >= long_words else 0.0 for w in words]
    sums = [running(v) for v in (words, kept, long, ends)]
    before = sums[0]
    total = before[-1] or 1.0
    out = text_runs(words, long_words, short_words)
    out.append([before[i] / total for i in range(n)])
    out.extend(_region_columns(_region(kept), n))
    out.extend(_transposed(cadence(shape_list, kept, max_period), 5))
    out.extend(chains(shape_list, kept, gap))
    for j in SIDES:
        for index, missing in _SHIFTED:
            out.append(_shifted(list(values[index]), j, missing))
    lo = [max(0, i - window) for i in range(n)]
    hi = [min(n, i + window + 1) for i in range(n)]
    for acc in sums:
        out.append([(acc[hi[i]] - acc[lo[i]]) / (hi[i] - lo[i]) for i in range(n)])
    return _arrays(out)


def _transposed(rows: Sequence[Sequence[float]], width: int) -> list[list[float]]:
    """Per-line tuples of `width` values as `width` columns (empty ones for no line)."""
    if not rows:
        return [[] for _ in range(width)]
    return [list(column) for column in zip(*rows, strict=True)]


def _shifted(column: list[float], j: int, missing: float) -> list[float]:
    """The value `j` lines away (`missing` past the page's edge), for every line."""
    n = len(column)
    if j > 0:
        return column[j:] + [missing] * min(j, n)
    return [missing] * min(-j, n) + column[: max(n + j, 0)]


def _region_columns(region: tuple[int, int, float], n: int) -> list[list[float]]:
    """For every line, by feature: whether it is within the span of the reducer's
    content, how far outside (lines; negative before it), and where the span starts
    and ends on the page, and how many lines it keeps."""
    first, last, count = region
    if first < 0:
        return [[0.0] * n, [MISSING] * n, [MISSING] * n, [MISSING] * n, [0.0] * n]
    scale = max(n - 1, 1)
    return [
        [1.0 if first <= i <= last else 0.0 for i in range(n)],
        [float(i - first) if i < first else float(i - last) if i > last else 0.0 for i in range(n)],
        [first / scale] * n,
        [last / scale] * n,
        [count] * n,
    ]


def _line_columns(
    blocks: Sequence[Block], marks: Sequence[tuple[int, int, int]], deadline: Deadline | None
) -> list[Column]:
    """Each line's shape, by feature (checking `deadline`): capitals, digits,
    boilerplate cues, word length, commas, a leading symbol (bullets, arrows), a closing
    colon, and its price, code and forum `marks` (`page_marks`, made once for
    the page type too). In C where `_text` was built (`_text.line_columns`, a chunk of
    lines a call: a fifth of the text model's columns in compiled Python went on a
    call, a tuple and ten appends a line), else `_line_columns_in_python`."""
    if _C_LINE_COLUMNS is None:
        return _line_columns_in_python(blocks, marks, deadline)
    blocks = blocks if isinstance(blocks, list) else list(blocks)  # the C loop reads lists
    marks = marks if isinstance(marks, list) else list(marks)
    parts = [_C_LINE_COLUMNS(blocks, marks, MISSING, lo, hi) for lo, hi in spans(len(blocks), deadline)]
    if len(parts) == 1:
        return parts[0]
    out: list[Column] = []
    for k in range(len(parts[0])):
        column = array("d")
        for part in parts:
            column.extend(part[k])
        out.append(column)
    return out


def _line_columns_in_python(
    blocks: Sequence[Block], marks: Sequence[tuple[int, int, int]], deadline: Deadline | None
) -> list[Column]:
    """`_line_columns` in one pass in Python: the reference for `_text.line_columns`."""
    caps: list[float] = []
    digits: list[float] = []
    cues: list[float] = []
    per_word: list[float] = []
    commas: list[float] = []
    symbol: list[float] = []
    colon: list[float] = []
    price: list[float] = []
    code: list[float] = []
    forum: list[float] = []
    for b, m in zip(checked(blocks, deadline, WHERE), marks, strict=True):
        text, f = b.text, b.features
        cap, digit, comma = _line_shape(text)
        caps.append(cap)
        digits.append(digit)
        cues.append(float(len(f.cues)) if f.cues is not None else MISSING)
        per_word.append(f.chars / f.words if f.words else float(f.chars))
        commas.append(comma / max(f.words, 1))
        symbol.append(0.0 if text[:1].isalnum() else 1.0)
        colon.append(1.0 if text.endswith(":") else 0.0)
        price.append(float(m[0]))
        code.append(float(m[1]))
        forum.append(float(m[2]))
    return _arrays([caps, digits, cues, per_word, commas, symbol, colon, price, code, forum])


def line_shape(text: str) -> tuple[float, float, int]:
    """A line's share of capitalised words, share of digits, and commas: in C where
    `_text` was built (`_text.line_shape`), else `_line_shape`, its reference."""
    return _C_LINE_SHAPE(text) if _C_LINE_SHAPE is not None else _line_shape(text)


def _line_shape(text: str) -> tuple[float, float, int]:
    """A line's share of capitalised words, share of digits, and commas (of Latin and
    CJK scripts): the Python reference of the line shape in `_text.line_columns` and
    `_text.line_shape`."""
    return cap_ratio(text), digit_ratio(text), text.count(",") + text.count("\u3001") + text.count("\uff0c")


def _region(kept: Sequence[float]) -> tuple[int, int, float]:
    """(first, last, count) of the reducer's content lines; (-1, -1, 0) for none."""
    first = next((i for i, k in enumerate(kept) if k), -1)
    last = max((i for i, k in enumerate(kept) if k), default=-1)
    return first, last, sum(kept)


def _group_sizes(blocks: Sequence[Block]) -> dict[int, int]:
    """Lines in each run of lines between blank lines (one run in a WET dump)."""
    out: dict[int, int] = {}
    for b in blocks:
        out[b.features.group] = out.get(b.features.group, 0) + 1
    return out
