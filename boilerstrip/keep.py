"""Keep: the last word on which blocks of an HTML page are its content, by a
gradient-boosted tree model that reads every block with all the pipeline said of it.

Why: the detectors and the reducer were fitted to news pages. On pages of other kinds
(forum threads, listings, product and service pages, documentation) they keep one run
of prose and drop the rest: posts labelled comments, cards labelled navigation. A
model trained on about 1,250 labelled pages of seven kinds reads, for each block, its
own features, the detectors' label and score, the reducer's weight and decision, its
neighbours', and the page's make-up (how much of it each label claims), and decides.
On the held-out quarter of the WCXB domains it lifts mean F1 from 0.71 to 0.82.

The trees are trained by `tools/train_keep.py` (LightGBM, a development dependency)
and shipped as `data/keep-html.json`; this module builds the features and walks the
trees, with no ML library at run time. Every feature is generic: numbers about the
block and the page, never a site, a string or a class name.
"""

from __future__ import annotations

import json
import math
import pathlib
from array import array
from collections.abc import Callable, Mapping, Sequence
from importlib import resources
from types import MappingProxyType
from typing import Any, Final, NamedTuple

from . import pagetype
from .budget import ITEMS_PER_CHECK, Deadline, checked
from .detect.features import cap_ratio, digit_ratio
from .model import LABELS, Block, Dom, Label
from .pagetype import TYPES


def _c_walk() -> Callable[..., list[float]] | None:
    """The C walk (`_trees.c`), or None from the sources or a build without a C
    compiler, where the Python walk gives the same numbers."""
    try:
        from ._trees import probabilities as walk
    except ImportError:
        return None
    return walk


_C_PROBABILITIES: Final = _c_walk()


def _c_packed() -> tuple[Callable[..., object] | None, Callable[..., list[float]] | None]:
    """`_trees.pack` and `_trees.walk` (a forest checked and packed once, then walked),
    or Nones where `_trees` was not built."""
    try:
        from ._trees import pack, walk
    except ImportError:
        return None, None
    return pack, walk


_C_PACKED: Final = _c_packed()  # the module imported once, both names read from it
_C_PACK: Final = _C_PACKED[0]
_C_WALK: Final = _C_PACKED[1]


def _c_html_rows() -> Callable[..., list[list[float]]] | None:
    """The HTML rows made in C (`_trees.html_rows`), or None from the sources or a build
    without a C compiler, where `python_rows` makes the same rows."""
    try:
        from ._trees import html_rows
    except ImportError:
        return None
    return html_rows


_C_HTML_ROWS: Final = _c_html_rows()


def _c_line_shape() -> Callable[[str], tuple[float, float, int]] | None:
    """`_text.line_shape`, or None from the sources or a build without a C compiler,
    where `_line_shape` gives the same numbers."""
    try:
        from ._text import line_shape
    except ImportError:
        return None
    return line_shape


_C_LINE_SHAPE: Final = _c_line_shape()


def _c_rows() -> Callable[[list[list[float]]], list[list[float]]] | None:
    """`_trees.rows`, or None where it was not built (`_rows_of` in Python)."""
    try:
        from ._trees import rows as c_rows
    except ImportError:
        return None
    return c_rows


_C_ROWS: Final = _c_rows()


def _c_cadence() -> Callable[[bytes, list[float], int], list[list[float]]] | None:
    """`_text.cadence`, or None where it was not built (`_cadence` in Python)."""
    try:
        from ._text import cadence
    except ImportError:
        return None
    return cadence


_C_CADENCE: Final = _c_cadence()


def _c_line_columns() -> Callable[..., list[list[float]]] | None:
    """`_text.line_columns`, or None where it was not built (`_line_columns_in_python`)."""
    try:
        from ._text import line_columns
    except ImportError:
        return None
    return line_columns


_C_LINE_COLUMNS: Final = _c_line_columns()

_TAGS: Final = (
    "p", "div", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote", "dd", "dt",
    "figcaption", "caption", "span", "a", "section", "article", "tr", "summary", "address", "title",
)  # fmt: skip
_HINTS: Final = ("content", "nav", "footer", "comment", "related", "social", "ad", "prompt", "")
_CONTAINERS: Final = (
    "nav", "header", "footer", "aside", "article", "main", "form", "li", "table", "figure",
    "blockquote", "pre", "ul", "ol", "dl", "figcaption",
)  # fmt: skip
_SIDES: Final = (-3, -2, -1, 1, 2, 3)
_WINDOW: Final = 10  # blocks on each side averaged into the window features
_MISSING: Final = -1.0  # a neighbour past the page's edge, a tag or hint not listed
_WHERE: Final = "while the keep model reads the blocks"  # where a TimeLimitError stopped
_LABEL_INDEX: Final[dict[Label | None, float]] = {label: float(k) for k, label in enumerate(LABELS)}
_TAG_INDEX: Final[dict[str, float]] = {tag: float(k) for k, tag in enumerate(_TAGS)}
_HINT_INDEX: Final[dict[str, float]] = {hint: float(k) for k, hint in enumerate(_HINTS)}
# The Dom fields `_trees.html_rows` reads, by position, in the order it expects them.
_DOM_FIELDS: Final = tuple(
    Dom._fields.index(name)
    for name in ("link_density", "depth", "heading", "tag", "hint", "articles", "hint_owner", "containers")
)

_BLOCK: Final = ("words", "chars", "stop", "stop_rel", "ends", "repeats", "pos", "score", "weight", "kept", "label")  # fmt: skip
_PAGE: Final = ("n_blocks", "page_words", *(f"pshare_{label.value}" for label in LABELS))

FEATURES: Final[tuple[str, ...]] = (
    *_BLOCK, *_PAGE,
    "link", "depth", "heading", "tag", "hint", "n_articles", "in_main_owner", "no_main",
    *(f"in_{c}" for c in _CONTAINERS),
    *(f"n{j}_{k}" for j in _SIDES for k in ("words", "label", "link", "score", "samehint")),
    "win_words", "win_kept", "win_link", "page_articles", "own_article_share", "page_type",
)  # fmt: skip
# What `_trees.html_rows` reads besides the columns: the same tables `python_rows` reads.
_C_TABLES: Final = (_MISSING, _WINDOW, _SIDES, _TAG_INDEX, _HINT_INDEX, _CONTAINERS, _DOM_FIELDS, len(FEATURES))  # fmt: skip

# A text dump's lines have no DOM: their own shape, the runs of short and long lines
# they sit in, where the reducer's region lies, and the page's make-up instead.
_TEXT_SIDES: Final = (-3, -2, -1, 1, 2, 3)
# Cards and posts repeat a shape: a listing's card is a title, a description and two
# short facts; a thread's post a name, dates, paragraphs and buttons. The cadence
# features say whether a line sits in a stretch of the page where the lines' coarse
# shapes repeat with a period of 2 to `_MAX_PERIOD` lines, and how many periods of it
# lie before and after the line, so that the last card or post of a run, followed by
# chrome, reads like the ones before it. Prose lines (of `short_words` or more) less
# than `_CHAIN_GAP` lines apart form a chain, which holds a thread whose posts vary in
# length.
_MAX_PERIOD: Final = 12
_CHAIN_GAP: Final = 12
TEXT_FEATURES: Final[tuple[str, ...]] = (
    *_BLOCK, *_PAGE,
    "caps", "digits", "cues", "chars_per_word", "commas", "symbol_start", "colon_end", "price", "code",
    "forum_line", "group_share", "blank_style",
    "short_run", "long_run", "prev_long", "next_long", "words_before",
    "in_region", "region_gap", "region_start", "region_end", "n_kept",
    "cycle", "cycle_before", "cycle_after", "cycle_long", "cycle_kept",
    "chain_before", "chain_after", "chain_kept",
    *(f"n{j}_{k}" for j in _TEXT_SIDES for k in ("words", "label", "score", "ends", "stop_rel")),
    "win_words", "win_kept", "win_long", "win_ends",
    *(f"page_{k}" for k in pagetype.TEXT_STATS), *(f"ptype_{t}" for t in TYPES),
)  # fmt: skip


class Forest(NamedTuple):
    """Binary trees laid out flat: node k splits on `feature[k]` (x <= `threshold[k]`
    goes to `left[k]`, else `right[k]`), or is a leaf (`feature[k]` < 0) worth
    `value[k]`. The model's log-odds are `base` plus one leaf of every tree. `packed`
    holds the same arrays as C buffers, for `_trees.c`; `names` are the features it
    reads (`FEATURES` for HTML pages, `TEXT_FEATURES` for text dumps)."""

    feature: list[int]
    threshold: list[float]
    left: list[int]
    right: list[int]
    value: list[float]
    roots: list[int]
    base: float
    packed: tuple[array[int], array[float], array[int], array[int], array[float], array[int]]
    names: tuple[str, ...] = FEATURES
    walker: Any = None  # `_trees.pack` of `packed`, checked once (`forest`); None without C

    def __reduce__(self) -> tuple[Callable[..., Forest], tuple[object, ...]]:
        """Pickled without `walker` (a C capsule), which `forest` makes again."""
        return forest, tuple(self)[:9]

    @property
    def text(self) -> bool:
        """Whether the model reads text dumps (else HTML pages)."""
        return self.names == TEXT_FEATURES


def read(text: str) -> Forest:
    """A model from its JSON; a ValueError if it is for features the code does not
    make (HTML's or text's) or malformed (a child before its parent could make a walk
    loop, an index out of range read past the arrays)."""
    raw = json.loads(text)
    names = next((f for f in (FEATURES, TEXT_FEATURES) if list(raw["features"]) == list(f)), None)
    if names is None:
        raise ValueError("the keep model was trained on other features: retrain it (tools/train_keep.py)")
    feature, left, right = (
        [int(v) for v in raw["feature"]],
        [int(v) for v in raw["left"]],
        [int(v) for v in raw["right"]],
    )
    threshold, value = [float(v) for v in raw["threshold"]], [float(v) for v in raw["value"]]
    roots = [int(v) for v in raw["roots"]]
    n = len(feature)
    if any(len(a) != n for a in (threshold, left, right, value)) or any(not 0 <= r < n for r in roots):
        raise ValueError("the keep model's arrays do not fit together")
    for k in range(n):
        if feature[k] >= 0 and not (feature[k] < len(names) and k < left[k] < n and k < right[k] < n):
            raise ValueError(f"the keep model's node {k} is malformed")
    packed = (array("i", feature), array("d", threshold), array("i", left), array("i", right),
              array("d", value), array("i", roots))  # fmt: skip
    return forest(feature, threshold, left, right, value, roots, float(raw["base"]), packed, names)


def forest(
    feature: list[int],
    threshold: list[float],
    left: list[int],
    right: list[int],
    value: list[float],
    roots: list[int],
    base: float,
    packed: tuple[array[int], array[float], array[int], array[int], array[float], array[int]],
    names: tuple[str, ...],
) -> Forest:
    """A Forest of these fields, with its nodes checked and packed for the C walk once
    (`_trees.pack`) where `_trees` was built: `_trees.probabilities` checks and packs
    them on every call, a fifth of the text model's walk."""
    walker = _C_PACK(*packed, len(names)) if _C_PACK is not None else None
    return Forest(feature, threshold, left, right, value, roots, base, packed, names, walker)


def _shipped() -> dict[str, Forest | str]:
    """The models in boilerstrip/data, or why one cannot be read (a model left over
    from other features must not stop `import boilerstrip`, nor its retraining)."""
    out: dict[str, Forest | str] = {}
    for f in resources.files("boilerstrip").joinpath("data").iterdir():
        if f.name.startswith("keep-") and f.name.endswith(".json"):
            try:
                out[f.name] = read(f.read_text(encoding="utf-8"))
            except (ValueError, KeyError, TypeError) as exc:
                out[f.name] = str(exc)
    return out


# The shipped models, read once at import and never changed (a constant, like the
# scorer's), so that `boilerstrip.clean()` does not parse JSON on every call.
SHIPPED: Final[Mapping[str, Forest | str]] = MappingProxyType(_shipped())


def load(name: str, text: bool = False) -> Forest:
    """A model shipped in boilerstrip/data, or read from a path the user gives; a
    ValueError unless it reads text dumps (`text`) or HTML pages (not `text`)."""
    shipped = SHIPPED.get(name)
    if isinstance(shipped, str):
        raise ValueError(shipped)
    forest = shipped if shipped is not None else read(pathlib.Path(name).read_text(encoding="utf-8"))
    if forest.text != text:
        kinds = ("HTML pages", "text dumps")
        raise ValueError(f"a keep model for {kinds[forest.text]}, not for {kinds[text]}")
    return forest


def probability(forest: Forest, row: list[float]) -> float:
    """The model's probability that a block (its `rows` features) is content."""
    feature, threshold, left, right, value = (
        forest.feature, forest.threshold, forest.left, forest.right, forest.value,
    )  # fmt: skip
    z = forest.base
    for node in forest.roots:
        f = feature[node]
        while f >= 0:
            node = left[node] if row[f] <= threshold[node] else right[node]
            f = feature[node]
        z += value[node]
    return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))


def probabilities(
    forest: Forest, features: list[list[float]], deadline: Deadline | None = None
) -> list[float]:
    """`probability` of every row: in C where `_trees` was built (the same walk and
    the same arithmetic, so the same numbers; one call), else in Python, checking
    `deadline` as it goes."""
    if forest.walker is not None and _C_WALK is not None:
        return _C_WALK(forest.walker, forest.base, features)
    if _C_PROBABILITIES is not None:
        return _C_PROBABILITIES(*forest.packed, forest.base, features, len(forest.names))
    return [probability(forest, row) for row in checked(features, deadline, _WHERE)]


def rows(
    blocks: Sequence[Block],
    weights: Sequence[float],
    typical: float,
    main: int,
    long_words: int,
    page_type: str = "article",
    deadline: Deadline | None = None,
) -> list[list[float]]:
    """Every block's features, in `FEATURES` order. `weights` are the reducer's block
    weights, `typical` the page's prose stop density, `main` the owner of its main
    content container (-1: none), as `scorer.page_context` gives them; blocks of
    `long_words` or more are prose to the <article> features (a thread's posts and a
    story among teasers differ in how their prose spreads over <article> elements);
    `page_type` is the page's kind as `pagetype` reads it; `deadline` is checked as
    the rows are made."""
    if _C_HTML_ROWS is None:
        return python_rows(blocks, weights, typical, main, long_words, page_type, deadline)
    kind, n, labels, kept, words, links = _columns(blocks, page_type)
    listed = blocks if isinstance(blocks, list) else list(blocks)
    scores = [b.score for b in blocks]
    page = _page_features(n, words, labels)
    prose = _article_prose(blocks, long_words)
    all_prose = float(sum(prose.values()) or 1.0)
    columns = (listed, weights, labels, kept, words, links, scores, page, prose, all_prose, typical, main, kind)  # fmt: skip
    if deadline is None or deadline.limit <= 0:
        return _C_HTML_ROWS(*columns, _C_TABLES, 0, n)
    out: list[list[float]] = []
    for lo in range(0, n, ITEMS_PER_CHECK):  # the deadline checked as often as `checked` does
        deadline.check(_WHERE)
        out.extend(_C_HTML_ROWS(*columns, _C_TABLES, lo, min(n, lo + ITEMS_PER_CHECK)))
    return out


def _columns(
    blocks: Sequence[Block], page_type: str
) -> tuple[float, int, list[float], list[float], list[float], list[float]]:
    """What both row makers read of the page: its type's index, its block count, and
    each block's label index, whether the reducer kept it, its words and link share."""
    kind = float(TYPES.index(page_type)) if page_type in TYPES else _MISSING
    labels = [_LABEL_INDEX.get(b.label, _MISSING) for b in blocks]
    kept = [1.0 if b.label is Label.ARTICLE else 0.0 for b in blocks]
    words = [float(b.features.words) for b in blocks]
    links = [b.dom.link_density if b.dom is not None else 0.0 for b in blocks]
    return kind, len(blocks), labels, kept, words, links


def python_rows(
    blocks: Sequence[Block],
    weights: Sequence[float],
    typical: float,
    main: int,
    long_words: int,
    page_type: str = "article",
    deadline: Deadline | None = None,
) -> list[list[float]]:
    """`rows` in Python: the reference for `_trees.html_rows` (which makes the same rows
    where it is built) and the rows everywhere else."""
    kind, n, labels, kept, words, links = _columns(blocks, page_type)
    page = _page_features(n, words, labels)
    sum_words, sum_kept, sum_links = _running(words), _running(kept), _running(links)
    prose = _article_prose(blocks, long_words)
    all_prose = sum(prose.values()) or 1.0
    out = []
    for i in checked(range(n), deadline, _WHERE):
        b = blocks[i]
        row = _block_features(b, i, n, weights[i], typical, kept[i], labels[i])
        row.extend(page)
        _add_dom_features(row, b, main)
        for j in _SIDES:
            _add_side(row, blocks, i + j, b, words, labels, links)
        lo, hi = max(0, i - _WINDOW), min(n, i + _WINDOW + 1)
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


def text_rows(
    blocks: Sequence[Block],
    weights: Sequence[float],
    typical: float,
    long_words: int,
    short_words: int,
    deadline: Deadline | None = None,
    marks: Sequence[tuple[int, int, int]] | None = None,
) -> list[list[float]]:
    """Every line's features of a text dump, in `TEXT_FEATURES` order. `weights`,
    `typical` and `deadline` as for `rows`; lines of `long_words` or more are prose,
    lines under `short_words` short (menus, card titles, bylines come in runs of short
    lines). Made a feature at a time (`text_columns`) and turned into rows at the end:
    most features are a page's constant or a neighbour's value, which a column holds
    as the same float objects moved along, where a row a line made a float per value."""
    columns = text_columns(blocks, weights, typical, long_words, short_words, deadline, marks)
    if _C_ROWS is not None:
        return _C_ROWS(columns)
    return _rows_of(columns)


def _rows_of(columns: list[list[float]]) -> list[list[float]]:
    """The rows of `columns` (the Python reference of `_trees.rows`)."""
    return [list(row) for row in zip(*columns, strict=True)]


def text_columns(
    blocks: Sequence[Block],
    weights: Sequence[float],
    typical: float,
    long_words: int,
    short_words: int,
    deadline: Deadline | None = None,
    marks: Sequence[tuple[int, int, int]] | None = None,
) -> list[list[float]]:
    """`text_rows` by feature: one list of every line's values for each name of
    `TEXT_FEATURES`, in its order. `marks`: the lines' `pagetype.page_marks` where the
    caller made them (for the page's type), else they are made here."""
    n = len(blocks)
    labels = [_LABEL_INDEX.get(b.label, _MISSING) for b in blocks]
    kept = [1.0 if b.label is Label.ARTICLE else 0.0 for b in blocks]
    words = [float(b.features.words) for b in blocks]
    long = [1.0 if w >= long_words else 0.0 for w in words]
    ends = [1.0 if b.features.ends_sentence else 0.0 for b in blocks]
    rel = [b.features.stop_density / typical if typical else 1.0 for b in blocks]
    scores = [b.score for b in blocks]
    page = _page_features(n, words, labels)
    if marks is None:
        marks = pagetype.page_marks(blocks, deadline)
    profile = pagetype.text_profile(blocks, deadline, marks)
    groups = _group_sizes(blocks)
    shapes = [
        0 if w < short_words else 2 if b.features.ends_sentence else 1
        for w, b in zip(words, blocks, strict=True)
    ]
    sums = [_running(v) for v in (words, kept, long, ends)]
    before = sums[0]
    total = before[-1] or 1.0
    scale = max(n - 1, 1)
    out: list[list[float]] = [
        words,
        [float(b.features.chars) for b in blocks],
        [b.features.stop_density for b in blocks],
        rel,
        ends,
        [float(b.features.repeats) for b in blocks],
        [i / scale for i in range(n)],
        scores,
        [weights[i] for i in range(n)],
        kept,
        labels,
    ]
    out.extend([v] * n for v in page)
    out.extend(_line_columns(blocks, marks, deadline))
    out.append([groups[b.features.group] / n for b in blocks])
    out.append([1.0 if len(groups) > 1 else 0.0] * n)
    out.extend(_text_runs(words, long_words, short_words))
    out.append([before[i] / total for i in range(n)])
    out.extend(_region_columns(_region(kept), n))
    if _C_CADENCE is not None:
        out.extend(_C_CADENCE(bytes(shapes), kept, _MAX_PERIOD))
    else:
        out.extend(_transposed(_cadence(shapes, kept), 5))
    out.extend(_chains(shapes, kept))
    sides = ((words, _MISSING), (labels, _MISSING), (scores, 0.0), (ends, 0.0), (rel, 0.0))
    for j in _TEXT_SIDES:
        for column, missing in sides:
            out.append(_shifted(column, j, missing))
    lo = [max(0, i - _WINDOW) for i in range(n)]
    hi = [min(n, i + _WINDOW + 1) for i in range(n)]
    for acc in sums:
        out.append([(acc[hi[i]] - acc[lo[i]]) / (hi[i] - lo[i]) for i in range(n)])
    out.extend([v] * n for v in profile)
    return out


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
        return [[0.0] * n, [_MISSING] * n, [_MISSING] * n, [_MISSING] * n, [0.0] * n]
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
) -> list[list[float]]:
    """Each line's shape, by feature (checking `deadline`): capitals, digits,
    boilerplate cues, word length, commas, a leading symbol (bullets, arrows), a closing
    colon, and its price, code and forum `marks` (`pagetype.page_marks`, made once for
    the page type too). In C where `_text` was built (`_text.line_columns`, a chunk of
    lines a call: a fifth of the text model's columns in compiled Python went on a
    call, a tuple and ten appends a line), else `_line_columns_in_python`."""
    if _C_LINE_COLUMNS is None or not isinstance(blocks, list) or not isinstance(marks, list):
        return _line_columns_in_python(blocks, marks, deadline)
    n = len(blocks)
    if deadline is None or deadline.limit <= 0:
        return _C_LINE_COLUMNS(blocks, marks, _MISSING, 0, n)
    out: list[list[float]] = [[] for _ in range(10)]
    for lo in range(0, n, ITEMS_PER_CHECK):  # the deadline checked as often as `checked` does
        deadline.check(_WHERE)
        part = _C_LINE_COLUMNS(blocks, marks, _MISSING, lo, min(n, lo + ITEMS_PER_CHECK))
        for column, values in zip(out, part, strict=True):
            column.extend(values)
    return out


def _line_columns_in_python(
    blocks: Sequence[Block], marks: Sequence[tuple[int, int, int]], deadline: Deadline | None
) -> list[list[float]]:
    """`_line_columns` in one pass in Python (the reference for `_text.line_columns`),
    the capitals, digits and commas in C where `_text` was built (`_line_shape` in
    Python)."""
    shape = _C_LINE_SHAPE if _C_LINE_SHAPE is not None else _line_shape
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
    for b, m in zip(checked(blocks, deadline, _WHERE), marks, strict=True):
        text, f = b.text, b.features
        cap, digit, comma = shape(text)
        caps.append(cap)
        digits.append(digit)
        cues.append(float(len(f.cues)) if f.cues is not None else _MISSING)
        per_word.append(f.chars / f.words if f.words else float(f.chars))
        commas.append(comma / max(f.words, 1))
        symbol.append(0.0 if text[:1].isalnum() else 1.0)
        colon.append(1.0 if text.endswith(":") else 0.0)
        price.append(float(m[0]))
        code.append(float(m[1]))
        forum.append(float(m[2]))
    return [caps, digits, cues, per_word, commas, symbol, colon, price, code, forum]


def _line_shape(text: str) -> tuple[float, float, int]:
    """A line's share of capitalised words, share of digits, and commas (of Latin and
    CJK scripts): the Python reference of `_text.line_shape`."""
    return cap_ratio(text), digit_ratio(text), text.count(",") + text.count("\u3001") + text.count("\uff0c")


def _text_runs(words: list[float], long_words: int, short_words: int) -> list[list[float]]:
    """By feature, every line's length of the run of short lines it is in (0 if it is
    not short), of the run of lines at least half as long as prose, and its distance in
    lines to the previous and the next prose line (-1: none)."""
    n = len(words)
    short = [w < short_words for w in words]
    longish = [w * 2 >= long_words for w in words]
    short_run, long_run = _run_lengths(short), _run_lengths(longish)
    prev_long, next_long = [_MISSING] * n, [_MISSING] * n
    last = -1
    for i in range(n):
        if last >= 0:
            prev_long[i] = float(i - last)
        if words[i] >= long_words:
            last = i
    last = -1
    for i in range(n - 1, -1, -1):
        if last >= 0:
            next_long[i] = float(last - i)
        if words[i] >= long_words:
            last = i
    return [short_run, long_run, prev_long, next_long]


def _cadence(shapes: list[int], kept: list[float]) -> list[tuple[float, float, float, float, float]]:
    """For each line, the longest stretch holding it where the lines' shapes repeat
    with one period (of 2 to `_MAX_PERIOD` lines, two periods at least, not one shape
    throughout, which is a menu's): (period, periods before the line, periods after
    it, share of prose lines, share of the reducer's content); zeros where none."""
    n = len(shapes)
    best: list[tuple[int, int, int]] = [(0, 0, 0)] * n  # (length, start, period)
    for p in range(2, min(_MAX_PERIOD, n // 2) + 1):
        j = p
        while j < n:
            if shapes[j] != shapes[j - p]:
                j += 1
                continue
            a = j
            while j < n and shapes[j] == shapes[j - p]:
                j += 1
            start, length = a - p, j - a + p
            if j - a < p or len(set(shapes[start:a])) < 2:
                continue
            for i in range(start, j):
                if length > best[i][0]:
                    best[i] = (length, start, p)
    prose, content = _running([1.0 if s else 0.0 for s in shapes]), _running(kept)
    return [_cadence_row(prose, content, i, *best[i]) for i in range(n)]


def _cadence_row(
    prose: list[float], content: list[float], i: int, length: int, start: int, period: int
) -> tuple[float, float, float, float, float]:
    """One line's cadence features from its stretch (`length` lines from `start`), its
    shares of prose and content read off the running sums `prose` and `content` (a
    stretch is shared by all its lines: summed for each, a long one cost its length
    squared)."""
    if not length:
        return (0.0, 0.0, 0.0, 0.0, 0.0)
    end = start + length
    shares = (prose[end] - prose[start]) / length, (content[end] - content[start]) / length
    return (float(period), (i - start) / period, (end - 1 - i) / period, *shares)


def _chains(shapes: list[int], kept: list[float]) -> list[list[float]]:
    """By feature, for each line, the chain of prose lines (each less than `_CHAIN_GAP`
    lines from the last) it lies in or next to: prose lines of it before the line,
    after it, and the share of them the reducer kept; zeros away from any chain."""
    n = len(shapes)
    prose = [i for i in range(n) if shapes[i]]
    before, after, kept_share = [0.0] * n, [0.0] * n, [0.0] * n
    k = 0
    while k < len(prose):
        m = k
        while m + 1 < len(prose) and prose[m + 1] - prose[m] < _CHAIN_GAP:
            m += 1
        members = prose[k : m + 1]
        share = sum(kept[i] for i in members) / len(members)
        lo, hi = max(0, members[0] - _CHAIN_GAP + 1), min(n, members[-1] + _CHAIN_GAP)
        seen = 0
        for i in range(lo, hi):
            before[i] = float(seen)
            if seen < len(members) and members[seen] == i:
                seen += 1
            after[i] = float(len(members) - seen)
            kept_share[i] = share
        k = m + 1
    return [before, after, kept_share]


def _run_lengths(flags: list[bool]) -> list[float]:
    """The length of the run of true flags each position is in (0 where false)."""
    out = [0.0] * len(flags)
    i = 0
    while i < len(flags):
        if not flags[i]:
            i += 1
            continue
        j = i
        while j < len(flags) and flags[j]:
            j += 1
        for k in range(i, j):
            out[k] = float(j - i)
        i = j
    return out


def _region(kept: list[float]) -> tuple[int, int, float]:
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


def _article_prose(blocks: Sequence[Block], long_words: int) -> dict[int, float]:
    """Words in long blocks, by the innermost <article> element holding them."""
    out: dict[int, float] = {}
    for b in blocks:
        if b.dom is not None and b.dom.articles and b.features.words >= long_words:
            key = b.dom.articles[-1]
            out[key] = out.get(key, 0.0) + b.features.words
    return out


def _running(values: list[float]) -> list[float]:
    out = [0.0]
    total = 0.0
    for v in values:
        total += v
        out.append(total)
    return out


def _page_features(n: int, words: list[float], labels: list[float]) -> list[float]:
    """Block count, words, and the share of the words each label claims."""
    total = sum(words) or 1.0
    shares = [0.0] * len(LABELS)
    for k in range(n):
        if labels[k] >= 0:
            shares[int(labels[k])] += words[k]
    out = [float(n), total]
    for s in shares:
        out.append(s / total)
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
        for _ in range(8 + len(_CONTAINERS)):
            row.append(_MISSING)
        return
    row.append(d.link_density)
    row.append(float(d.depth))
    row.append(float(d.heading))
    row.append(_TAG_INDEX.get(d.tag, _MISSING))
    row.append(_HINT_INDEX.get(d.hint, _MISSING))
    row.append(float(len(d.articles)))
    row.append(1.0 if main >= 0 and d.hint == "content" and d.hint_owner == main else 0.0)
    row.append(1.0 if main < 0 else 0.0)
    containers = d.containers
    for c in _CONTAINERS:
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
        row.append(_MISSING)
        row.append(_MISSING)
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


def decide(
    blocks: Sequence[Block],
    forest: Forest,
    features: list[list[float]],
    threshold: float,
    drop_threshold: float | None = None,
    runs: tuple[float, int] | None = None,
    deadline: Deadline | None = None,
    prose: tuple[float, int, tuple[str, ...]] | None = None,
) -> list[Block]:
    """Relabel by the model: a block over `threshold` is content (ARTICLE); an ARTICLE
    block at or under `drop_threshold` (by default `threshold`) is not (it becomes OTHER),
    so that with a lower `drop_threshold` the reducer's content is dropped only where
    the model is confident; with `runs` (text dumps: a floor and the words of a prose
    line), a prose line over the floor that repeats the shape of content one period
    of its cadence back is content too (`run_members`); with `prose` (HTML: a floor, a
    word count and paragraph tags), an ARTICLE paragraph of that many words or more
    that ends a sentence is dropped only at or under the floor; each change keeps its
    reason.
    Returns the content blocks in page order. Where no block is over the threshold,
    nothing is relabelled. `deadline` is checked as the model reads the rows."""
    drop = threshold if drop_threshold is None else drop_threshold
    ps = probabilities(forest, features, deadline)
    if not any(p > threshold for p in ps):
        # A page given to clean holds content: where the model finds none (a page
        # unlike those it learned from), the reducer's choice stands.
        return [b for b in blocks if b.label is Label.ARTICLE]
    chosen = [
        p > threshold or (b.label is Label.ARTICLE and p > _drop_at(b, drop, prose))
        for b, p in zip(blocks, ps, strict=True)
    ]
    added = set(run_members(features, ps, chosen, *runs)) if runs is not None and forest.text else set()
    content = []
    for k, (b, p) in enumerate(zip(blocks, ps, strict=True)):
        if chosen[k]:
            if b.label is not Label.ARTICLE:
                how = "the next member of a run of content" if k in added else "content"
                b.reasons.append(f"keep: {how} by the block model (p={p:.2f}), was {_name(b.label)}")
                b.label = Label.ARTICLE
            content.append(b)
        elif b.label is Label.ARTICLE:
            b.reasons.append(f"keep: not content by the block model (p={p:.2f})")
            b.label = Label.OTHER
    return content


def _drop_at(b: Block, drop: float, prose: tuple[float, int, tuple[str, ...]] | None) -> float:
    """The probability at or under which the reducer's content block `b` is dropped:
    `drop`, or the lower prose floor for a long paragraph ending a sentence (a story's,
    which the model can rate near one half on an unfamiliar page)."""
    if prose is None or b.dom is None or b.dom.tag not in prose[2]:
        return drop
    if b.features.words < prose[1] or not b.features.ends_sentence:
        return drop
    return min(drop, prose[0])


_WORDS: Final = TEXT_FEATURES.index("words")
_CYCLE: Final = TEXT_FEATURES.index("cycle")
_CYCLE_BEFORE: Final = TEXT_FEATURES.index("cycle_before")


def run_members(
    features: Sequence[Sequence[float]], ps: Sequence[float], chosen: list[bool], floor: float, prose: int
) -> list[int]:
    """The lines of a text dump made content (set in `chosen`, in page order, so that a
    run grows card by card) as members of a run of cards or posts: a prose line (of
    `prose` words or more) over `floor` whose counterpart one period back in its
    cadence stretch (`_cadence`) is content. Why: the model reads a line by its
    neighbours, and the last card of a listing or the closing post of a thread is
    followed by chrome, which pulls it under the threshold although it has the shape
    of the members before it. Short lines are left alone: where the stretch runs on
    into the chrome after the run, they are its menus and prompts."""
    added = []
    for i, row in enumerate(features):
        period = int(row[_CYCLE])
        if chosen[i] or not period or row[_CYCLE_BEFORE] < 1 or ps[i] <= floor or row[_WORDS] < prose:
            continue
        if chosen[i - period]:
            chosen[i] = True
            added.append(i)
    return added


def _name(label: Label | None) -> str:
    return label.value if label is not None else "unlabelled"
