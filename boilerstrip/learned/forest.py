"""The learned forests: read from their JSON and checked, packed once for the C walk,
and walked to a probability for every row.

The keep models' trees are trained by `tools/train_keep.py` (LightGBM, a development
dependency) and shipped as `data/keep-html.json` and `data/keep-text.json`, the text
dumps' headline model's by `tools/train_title.py` as `data/title-text.json`; this
module walks them with no ML library at run time, in C where `_trees` was built (the
same walk and arithmetic as `probability`, so the same numbers), else in Python.
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

from ..budget import Deadline, checked
from ..native import c_function
from .blockrows import FEATURES
from .columns import WHERE
from .headline import HEADLINE_FEATURES
from .linerows import TEXT_FEATURES
from .stack import STACK_FEATURES

# A forest checked and packed once (`pack`), then walked (`walk`); None without `_trees`.
_C_PACK: Final = c_function("_trees", "pack")
_C_WALK: Final[Callable[..., list[float]] | None] = c_function("_trees", "walk")
_C_CHUNK: Final = 4096  # rows a call of the C walk reads between two checks of a deadline
_LOGIT_CLIP: Final = 30.0  # log-odds past this give 0 or 1 (and no overflow in exp)
#: What each kind of model reads: the keep models' HTML blocks and text-dump lines, and
#: the headline model's candidate lines of a text dump; and what the kind is called.
KINDS: Final[Mapping[str, tuple[str, ...]]] = MappingProxyType(
    {"html": FEATURES, "text": TEXT_FEATURES, "headline": HEADLINE_FEATURES, "stack": STACK_FEATURES}
)
_KIND_NAMES: Final[Mapping[str, str]] = MappingProxyType(
    {"html": "a keep model for HTML pages", "text": "a keep model for text dumps",
     "headline": "a headline model for text dumps",
     "stack": "a second-stage keep model for HTML pages"}
)  # fmt: skip


class Forest(NamedTuple):
    """Binary trees laid out flat, depth first and left first: node k splits on
    `feature[k]` (x <= `threshold[k]` goes to `left[k]`, which is k + 1, else
    `right[k]`), or is a leaf (`feature[k]` < 0) worth
    `value[k]`. The model's log-odds are `base` plus one leaf of every tree. `packed`
    holds the same arrays as C buffers, for `_trees.c` (a shipped model's fields are
    those arrays: lists of its nine thousand numbers, made at import, were walked by
    every full garbage collection); `names` are the features it
    reads (`FEATURES` for HTML pages, `TEXT_FEATURES` for text dumps, `HEADLINE_FEATURES`
    for a text dump's headline lines)."""

    feature: Sequence[int]
    threshold: Sequence[float]
    left: Sequence[int]
    right: Sequence[int]
    value: Sequence[float]
    roots: Sequence[int]
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
    make (one of `KINDS`) or malformed (a child before its parent could make a walk
    loop, an index out of range read past the arrays; each tree is laid out depth
    first, left first, as `tools/` writes it: a split's left child is the next node,
    which the C walk takes without looking it up)."""
    raw = json.loads(text)
    names = next((f for f in KINDS.values() if list(raw["features"]) == list(f)), None)
    if names is None:
        raise ValueError(
            "the model was trained on other features: retrain it (tools/train_keep.py, tools/train_title.py)"
        )
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
        if feature[k] >= 0 and not (feature[k] < len(names) and left[k] == k + 1 < right[k] < n):
            raise ValueError(f"the keep model's node {k} is malformed")
    packed = (array("i", feature), array("d", threshold), array("i", left), array("i", right),
              array("d", value), array("i", roots))  # fmt: skip
    return forest(*packed, float(raw["base"]), packed, names)


def forest(
    feature: Sequence[int],
    threshold: Sequence[float],
    left: Sequence[int],
    right: Sequence[int],
    value: Sequence[float],
    roots: Sequence[int],
    base: float,
    packed: tuple[array[int], array[float], array[int], array[int], array[float], array[int]],
    names: tuple[str, ...],
) -> Forest:
    """A Forest of these fields, with its nodes checked and packed for the C walk once
    (`_trees.pack`) where `_trees` was built: checked and packed on every call, they
    cost a fifth of the text model's walk."""
    walker = _C_PACK(*packed, len(names)) if _C_PACK is not None else None
    return Forest(feature, threshold, left, right, value, roots, base, packed, names, walker)


def _shipped() -> dict[str, Forest | str]:
    """The models in boilerstrip/data, or why one cannot be read (a model left over
    from other features must not stop `import boilerstrip`, nor its retraining)."""
    out: dict[str, Forest | str] = {}
    for f in resources.files("boilerstrip").joinpath("data").iterdir():
        if f.name.startswith(("keep-", "title-")) and f.name.endswith(".json"):
            try:
                out[f.name] = read(f.read_text(encoding="utf-8"))
            except (ValueError, KeyError, TypeError) as exc:
                out[f.name] = str(exc)
    return out


# The shipped models, read once at import and never changed (a constant, like the
# scorer's), so that `boilerstrip.clean()` does not parse JSON on every call.
SHIPPED: Final[Mapping[str, Forest | str]] = MappingProxyType(_shipped())


def load(name: str, text: bool = False, *, kind: str | None = None) -> Forest:
    """A model shipped in boilerstrip/data, or read from a path the user gives; a
    ValueError unless it is of `kind` (`KINDS`; by default the keep model for text dumps
    (`text`) or for HTML pages (not `text`))."""
    kind = kind or ("text" if text else "html")
    shipped = SHIPPED.get(name)
    if isinstance(shipped, str):
        raise ValueError(shipped)
    forest = shipped if shipped is not None else read(pathlib.Path(name).read_text(encoding="utf-8"))
    if forest.names != KINDS[kind]:
        found = next(k for k, names in KINDS.items() if names == forest.names)
        raise ValueError(f"{_KIND_NAMES[found]}, not {_KIND_NAMES[kind]}")
    return forest


def probability(forest: Forest, row: Sequence[float]) -> float:
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
    return 1.0 / (1.0 + math.exp(-max(min(z, _LOGIT_CLIP), -_LOGIT_CLIP)))


def probabilities(
    forest: Forest,
    features: Sequence[Sequence[float]],
    deadline: Deadline | None = None,
    *,
    by_column: bool = False,
) -> list[float]:
    """`probability` of every row of `features` (a list of rows or, `by_column`, the
    rows' columns, lists or arrays('d'), as a text dump's are made): in C where `_trees`
    was built (the same walk and the same arithmetic, so the same numbers; one call,
    reading columns in place, where turning a dump's columns into rows cost 3% of its
    time, and an array's doubles with no float object a value), else in Python,
    checking `deadline` as it goes. Under a time limit, the C walk is called on
    `_C_CHUNK` rows at a time with `deadline` checked before each (the rows are
    independent: the same numbers); without one, once."""
    if forest.walker is not None and _C_WALK is not None:  # packed where `_trees` was built
        if deadline is None or deadline.limit <= 0:
            return _C_WALK(forest.walker, forest.base, features, by_column)
        return _c_walk_in_chunks(forest, features, deadline, by_column)
    rows: Sequence[Sequence[float]] = (
        [list(row) for row in zip(*features, strict=True)] if by_column else features
    )
    return [probability(forest, row) for row in checked(rows, deadline, WHERE)]


def _c_walk_in_chunks(
    forest: Forest, features: Sequence[Sequence[float]], deadline: Deadline, by_column: bool
) -> list[float]:
    """`probabilities` in C, `_C_CHUNK` rows at a time (each column sliced alike where
    the rows come `by_column`), `deadline` checked before each: a dump of half a
    million lines takes the walk a second. A page of one chunk, and columns the walk
    would refuse (not one a feature, or not of one length: slices would hide it), go
    to it in one call, as without a limit."""
    assert _C_WALK is not None
    deadline.check(WHERE)
    n = len(features[0]) if by_column and features else len(features)
    if n <= _C_CHUNK or (by_column and not _columns_alike(forest, features, n)):
        return _C_WALK(forest.walker, forest.base, features, by_column)
    out: list[float] = []
    for lo in range(0, n, _C_CHUNK):
        deadline.check(WHERE)
        hi = min(n, lo + _C_CHUNK)
        part = [column[lo:hi] for column in features] if by_column else features[lo:hi]
        out.extend(_C_WALK(forest.walker, forest.base, part, by_column))
    return out


def _columns_alike(forest: Forest, columns: Sequence[Sequence[float]], n: int) -> bool:
    """Whether `columns` are one a feature of `forest`, each of `n` values."""
    return len(columns) == len(forest.names) and all(len(column) == n for column in columns)
