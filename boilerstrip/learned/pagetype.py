"""What kind of page this is: article, forum, product, collection, listing,
documentation or service, from a small learned model.

Why: the reducer's one maximum-sum run is right for an article, wrong for a forum
thread (the posts, which look like comments, are the content) and for a listing (the
content is spread over many sibling cards). The type decides how the reducer reads the
page (`reduce.assemble`).

The features are the page statistics of `pagestats`. The models (`data/pagetype.json`,
and `data/pagetype-text.json` for text dumps) are boosted trees trained by
`tools/train_pagetype.py`, walked in C where `_trees` was built (`Model.walk` in Python
is the reference), or linear weights.
"""

from __future__ import annotations

import json
import math
from array import array
from collections.abc import Callable, Sequence
from importlib import resources
from typing import Final

from ..budget import Deadline
from ..model import Block
from ..native import c_function
from .marks import page_marks as page_marks
from .pagestats import TEXT_STATS, PageCounts, features, text_features
from .pagestats import page_counts as page_counts

# The trees checked and packed once (`pack`), then walked (`packed_margins`); None
# without `_trees`.
_C_PACK: Final = c_function("_trees", "pack")
_C_PACKED_MARGINS: Final[Callable[..., list[float]] | None] = c_function("_trees", "packed_margins")
#: The page types, in the models' class order.
TYPES: Final = ("article", "forum", "product", "collection", "listing", "documentation", "service")
Tree = float | list  # type: ignore[type-arg]  # a leaf, or [feature, threshold, left, right]


class Model:
    """Boosted trees (given as nested lists, `trees`: tree i adds to the score of type
    i % len(types)), or linear weights by type and feature name; the scores' softmax
    gives probabilities.

    The trees are kept and walked laid out flat only (node k splits on feature
    `_feature[k]`, a position in `_names`, or is a leaf worth `_value[k]`), over the
    feature values as a list, in C where `_trees` is built: a walk over nested lists
    and a dict by name cost a page 0.6 ms, a twentieth of a compiled clean()."""

    def __init__(
        self, types: Sequence[str], trees: list[Tree], weights: dict[str, dict[str, float]] | None = None
    ) -> None:
        self.types = tuple(types)
        self.weights = weights or {}
        flat = _Flat()
        roots = [flat.add(tree) for tree in trees]
        self._names = flat.names
        # Kept as arrays, not lists, and the nested `trees` not at all: the two shipped
        # models' 8,400 nested lists and 18,000 list items, made at import, were walked
        # by every full garbage collection (1.7% of a text dump's time with the keep
        # models' lists); both walks read the arrays as they read the lists.
        self._feature, self._threshold = array("i", flat.feature), array("d", flat.threshold)
        self._left, self._right = array("i", flat.left), array("i", flat.right)
        self._value, self._roots = array("d", flat.value), array("i", roots)
        # The trees checked and packed for the C walk once (None without C or trees).
        self._walker: object = self._pack() if _C_PACK is not None and roots else None

    def _pack(self) -> object:
        """The flat arrays checked and packed by `_trees.pack`, for `_trees.packed_margins`."""
        assert _C_PACK is not None
        packed = (self._feature, self._threshold, self._left, self._right, self._value, self._roots)
        return _C_PACK(*packed, len(self._names))

    def scores(self, x: dict[str, float]) -> dict[str, float]:
        """Each type's raw score (margin) for the features `x`."""
        if self.weights:
            return {t: sum(w.get(k, 0.0) * v for k, v in x.items()) for t, w in self.weights.items()}
        return dict(zip(self.types, self._margins(x), strict=True))

    def _margins(self, x: dict[str, float]) -> list[float]:
        """The trees' scores for the features `x`, in `types` order."""
        values = [x.get(name, 0.0) for name in self._names]
        if self._walker is not None and _C_PACKED_MARGINS is not None:
            return _C_PACKED_MARGINS(self._walker, values, len(self.types))
        return list(self.walk(values).values())

    def walk(self, values: list[float]) -> dict[str, float]:
        """The trees' scores by type for feature `values` (in `_names` order), in
        Python: the reference for the C walk."""
        feature, threshold, left, right = self._feature, self._threshold, self._left, self._right
        sums = [0.0] * len(self.types)
        n = len(self.types)
        for i, node in enumerate(self._roots):
            f = feature[node]
            while f >= 0:
                node = left[node] if values[f] <= threshold[node] else right[node]
                f = feature[node]
            sums[i % n] += self._value[node]
        return dict(zip(self.types, sums, strict=True))

    def probabilities(self, x: dict[str, float]) -> dict[str, float]:
        """Each type's probability for the features `x` (a softmax of the scores)."""
        if self.weights:
            scores = self.scores(x)
            return _softmax(list(scores), list(scores.values()))
        return _softmax(self.types, self._margins(x))


def _softmax(types: Sequence[str], scores: list[float]) -> dict[str, float]:
    """Each type's probability for its score (`scores` in `types` order): a list of
    the scores as the walk gives them, where dicts of them were made on the way."""
    top = max(scores)
    exp = [math.exp(s - top) for s in scores]
    z = sum(exp)
    out: dict[str, float] = {}
    for i, t in enumerate(types):
        out[t] = exp[i] / z
    return out


class _Flat:
    """Trees laid out flat as they are added (`Model`'s arrays, as lists while they grow)."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.feature: list[int] = []
        self.threshold: list[float] = []
        self.left: list[int] = []
        self.right: list[int] = []
        self.value: list[float] = []
        self._index: dict[str, int] = {}

    def add(self, node: Tree) -> int:
        """Node `node` and its subtree appended to the flat lists; its position."""
        k = len(self.feature)
        self.feature.append(-1)
        self.threshold.append(0.0)
        self.left.append(-1)
        self.right.append(-1)
        self.value.append(0.0)
        if not isinstance(node, list):
            self.value[k] = float(node)
            return k
        name = str(node[0])
        if name not in self._index:
            self._index[name] = len(self.names)
            self.names.append(name)
        self.feature[k] = self._index[name]
        self.threshold[k] = float(node[1])
        self.left[k] = self.add(node[2])
        self.right[k] = self.add(node[3])
        return k


def _load(name: str) -> Model | None:
    path = resources.files("boilerstrip").joinpath("data").joinpath(name)
    if not path.is_file():
        return None
    raw = json.loads(path.read_text(encoding="utf-8"))
    weights = {t: {k: float(v) for k, v in w.items()} for t, w in raw.get("weights", {}).items()}
    return Model(raw["types"], raw.get("trees", []), weights)


SHIPPED: Final = _load("pagetype.json")
# The model of text dumps: trained on the dumps themselves (`text_features`), as the
# HTML model leans on markup a dump has not got (tools/train_pagetype.py --mode text).
TEXT_SHIPPED: Final = _load("pagetype-text.json")


def text_profile(
    blocks: Sequence[Block],
    deadline: Deadline | None = None,
    marks: Sequence[tuple[int, int, int]] | None = None,
    counts: PageCounts | None = None,
) -> list[float]:
    """A page read from its blocks alone, as a text dump is (no markup, no URL): its
    `TEXT_STATS`, then the probability of each type (TYPES order; 0 without a model)
    by the HTML pages' model: the keep model reads it better than the dumps' own
    (out of fold on tuning pages, multilingual 0.924 against 0.919, Scrapinghub 0.938
    against 0.936). `marks` and `counts` as for `features`."""
    x = features(blocks, (), None, None, deadline, marks, counts)
    out = [x.get(k, 0.0) for k in TEXT_STATS]
    p = SHIPPED.probabilities(x) if SHIPPED is not None and blocks else {}
    out.extend(p.get(t, 0.0) for t in TYPES)
    return out


def classify_text(
    blocks: Sequence[Block],
    article_share: float = 1.0,
    deadline: Deadline | None = None,
    marks: Sequence[tuple[int, int, int]] | None = None,
    counts: PageCounts | None = None,
) -> str:
    """A text dump's type by the text model (`text_features`), news first as in
    `classify`; "article" without the model or any line."""
    if TEXT_SHIPPED is None or not blocks:
        return "article"
    x = text_features(blocks, deadline, marks, counts)
    return _news_first(TEXT_SHIPPED.probabilities(x), article_share)


def _news_first(p: dict[str, float], article_share: float) -> str:
    """The likeliest type, unless the article's probability is at least
    `article_share` times its own (a misread story costs more than a misread page)."""
    best = max(p, key=lambda t: p[t])
    return best if p["article"] < article_share * p[best] else "article"


def classify(
    blocks: Sequence[Block],
    schema_types: Sequence[str],
    og_type: str | None,
    url: str | None,
    article_share: float = 1.0,
    deadline: Deadline | None = None,
) -> str:
    """The page's type, one of TYPES ("article" without a model or any block). News
    first: another type wins only where the article's probability is below
    `article_share` times its own. Its loops over the blocks check `deadline`."""
    if SHIPPED is None or not blocks:
        return "article"
    p = SHIPPED.probabilities(features(blocks, schema_types, og_type, url, deadline))
    return _news_first(p, article_share)
