"""A small learned scorer: logistic regression over block features, in pure Python.

Why: the hand-set content classes (length and stop-word density thresholds) cannot weigh
a dozen signals at once: neighbours, position, link density, the container a block sits
in. A linear model can, and stays readable: its weights are a small JSON file
(`data/scorer-html.json`), trained by `tools/train_scorer.py` on the development pages
with a quarter held out, and reproducible from that script. It runs in passes: each
pass after the first also reads the previous one's probabilities around the block,
which tells a paragraph among teasers from one among paragraphs. No ML library is
needed to run it.
"""

from __future__ import annotations

import json
import math
import pathlib
from collections.abc import Mapping, Sequence
from importlib import resources
from itertools import accumulate
from types import MappingProxyType
from typing import Final, NamedTuple

from ..model import Block, ContentClass, Label
from .features import typical_density

# What the features read of a block's markup: its tag, by kind; the containers around
# it; its class/id hint (`Dom.hint`; html.py's own tables are of the words that give them).
_TAG_KINDS: Final = {
    "p": "p", "div": "div", "section": "div", "article": "div", "main": "div", "li": "li",
    "dt": "li", "dd": "li", "td": "td", "th": "td", "tr": "td", "blockquote": "quote",
    "figcaption": "caption", "caption": "caption", "pre": "pre", "h1": "h1", "h2": "h",
    "h3": "h", "h4": "h", "h5": "h", "h6": "h",
}  # fmt: skip
_CONTAINERS_READ: Final = (
    "nav",
    "header",
    "footer",
    "aside",
    "article",
    "main",
    "form",
    "li",
    "table",
    "figure",
)


_HINTS_READ: Final = ("content", "nav", "footer", "comment", "related", "social", "ad", "prompt", "none")
_CLASSES: Final = tuple(ContentClass)  # the hand-set classes, each a feature
_SIDES: Final = ("prev", "next", "prev2", "next2")
_NEIGHBOUR_KINDS: Final = ("none", "boilerplate", "long", "short", "sentence")
# A long block, as the features were trained (not `Config.good_min_words`: changing
# it would change what the shipped weights read).
LONG_WORDS: Final = 18
# The page's typical prose density where it has no long block, as trained.
NO_PROSE_DENSITY: Final = 0.3
_PARTLY_LINKS: Final = (0.15, 0.5)  # link share of a teaser: a linked headline, then its summary


def feature_names() -> frozenset[str]:
    """Every name `block_features` can produce: the vocabulary of the weights file."""
    names = {"bias", "log_words", "density_rel", "position", "ends_sentence", "repeated", "digits",
             "text_mode", "link_density", "in_main", "outside_main", "no_main",
             "w<4", "w<10", "w<20", "w<40", "w>=40", "partly_links", "partly_links_li",
             "partly_links_no_hint"}  # fmt: skip
    names.update(f"class_{c.value}" for c in _CLASSES)
    names.update(f"no_main_{c.value}" for c in _CLASSES)
    names.update(f"{s}_{k}" for s in _SIDES for k in _NEIGHBOUR_KINDS)
    names.update(f"tag_{t}" for t in {*_TAG_KINDS.values(), "other"})
    names.update(f"in_{c}" for c in _CONTAINERS_READ)
    names.update(f"hint_{h}" for h in _HINTS_READ)
    names.update(_CONTEXT_NAMES)
    return frozenset(names)


class Model(NamedTuple):
    """Logistic regressions in passes: the first scores each block alone; each later one
    sees the block again with the previous pass's probabilities around it
    (`PassContext`), so a block among teasers reads differently from the same
    block among paragraphs."""

    weights: dict[str, float]  # by feature name, as in the file; `dense` lays them out to run
    context_weights: tuple[dict[str, float], ...]  # the passes after the first

    def dense(self) -> tuple[list[float], tuple[list[float], ...]]:
        """Every pass's weights by feature index, as `probability` reads them."""
        return dense(self.weights), tuple(dense(w) for w in self.context_weights)


def _read(text: str) -> Model:
    raw = json.loads(text)
    first = _weights(raw["weights"])
    later = tuple(_weights(w) for w in raw.get("context_weights", []))
    return Model(first, later)


def _weights(raw: dict[str, float]) -> dict[str, float]:
    return {k: float(v) for k, v in raw.items()}


# The shipped models, read once at import and never changed (a constant, like the stop
# lists), so that `boilerstrip.clean()` does not parse JSON on every call.
SHIPPED: Final[Mapping[str, Model]] = MappingProxyType(
    {
        f.name: _read(f.read_text(encoding="utf-8"))
        for f in resources.files("boilerstrip").joinpath("data").iterdir()
        if f.name.startswith("scorer-") and f.name.endswith(".json")
    }
)


def load(name: str) -> Model:
    """A model shipped in boilerstrip/data (a copy: callers may not change the shipped
    one), or read from a path given by the user."""
    if name in SHIPPED:
        shipped = SHIPPED[name]
        return Model(dict(shipped.weights), tuple(dict(w) for w in shipped.context_weights))
    return _read(pathlib.Path(name).read_text(encoding="utf-8"))


def probability(features: Vector, weights: list[float], extra: Vector | None = None) -> float:
    """The model's probability that a block is article text; `weights` by feature
    index (`dense`), `extra` features (a later pass's context) add to `features`
    without merging the two."""
    z = weights[_BIAS] if weights else 0.0
    z = features.add_to(z, weights)
    if extra is not None:
        z = extra.add_to(z, weights)
    return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))


def assume_an_article(ps: Sequence[float], confidence: float) -> list[float]:
    """Probabilities shifted in logit space (order kept) when the scorer would call
    every block boilerplate (all p <= `confidence`): the most article-like block is
    lifted to where it would call it article (1 - `confidence`). A page given to clean
    holds an article; a page unlike those the scorer saw should not come out empty."""
    top = max(ps, default=1.0)
    if top > confidence:
        return list(ps)
    shift = _logit(1 - confidence) - _logit(top)
    return [1.0 / (1.0 + math.exp(-(_logit(p) + shift))) for p in ps]


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def page_context(blocks: Sequence[Block]) -> tuple[int, float]:
    """(owner id of the main article container, typical prose stop density) of a page.
    The main container is the content-hinted element holding the most text."""
    chars: dict[int, int] = {}
    for b in blocks:
        if b.dom is not None and b.dom.hint == "content":
            chars[b.dom.hint_owner] = chars.get(b.dom.hint_owner, 0) + b.features.chars
    main = max(chars, key=lambda k: chars[k]) if chars else -1
    typical = typical_density((b.features for b in blocks), LONG_WORDS, upper=True)
    return main, NO_PROSE_DENSITY if typical is None else typical


def block_features(
    blocks: Sequence[Block], i: int, main: int, typical: float, heuristic: ContentClass
) -> Vector:
    """The sparse feature vector of block i (`Vector.named` gives the names, the keys of
    the weights file); `heuristic` is the block's hand-set content class (good, near...)."""
    b = blocks[i]
    f = b.features
    words = f.words
    x = Vector()
    x.one(_CLASS_FEATURES[heuristic])
    x.real(_LOG_WORDS, math.log1p(words) / 5)
    # Stop-word density only relative to the page's own prose: its absolute level
    # depends on the language and its stop list.
    x.real(_DENSITY_REL, min(f.stop_density / typical, 2.0) if typical > 0 else 1.0)
    x.real(_POSITION, i / max(len(blocks) - 1, 1))
    x.one(_word_bucket(words))
    if f.ends_sentence:
        x.one(_ENDS_SENTENCE)
    if f.repeats > 1:
        x.one(_REPEATED)
    if f.cues and "#num" in f.cues:
        x.one(_DIGITS)
    n = len(blocks)
    for keys, j in _SIDE_FEATURES:
        _neighbour(x, keys, blocks[i + j] if 0 <= i + j < n else None)
    dom = b.dom
    if dom is None:
        x.one(_TEXT_MODE)
        return x
    x.real(_LINK_DENSITY, dom.link_density)
    if _PARTLY_LINKS[0] <= dom.link_density < _PARTLY_LINKS[1]:
        # A linked headline and its summary: the shape of a teaser, rarely of prose.
        x.one(_PARTLY)
        if dom.tag == "li":
            x.one(_PARTLY_LI)
        if not dom.hint:
            x.one(_PARTLY_NO_HINT)
    x.one(_TAG_FEATURES.get(dom.tag, _TAG_OTHER))
    for container, key in _CONTAINER_FEATURES:
        if container in dom.containers:
            x.one(key)
    x.one(_HINT_FEATURES[dom.hint or "none"])
    if main >= 0:
        if dom.hint == "content" and dom.hint_owner == main:
            # "in_main" also names the <main> container's feature: one feature, set once.
            if "main" not in dom.containers:
                x.one(_IN_MAIN)
        else:
            x.one(_OUTSIDE_MAIN)
    else:
        x.one(_NO_MAIN)  # pages that name no article container: a bias of their own
        x.one(_NO_MAIN_FEATURES[heuristic])
    return x


def _word_bucket(words: int) -> int:
    for limit, key in _WORD_BUCKETS:
        if words < limit:
            return key
    return _W40_UP


def dense(weights: Mapping[str, float]) -> list[float]:
    """A pass's weights by feature index (0 for a feature it gives no weight; names
    no feature has are never read); empty for no model."""
    return [weights.get(name, 0.0) for name in FEATURES] if weights else []


class Vector:
    """A block's sparse features in the order they were set: binary ones by index,
    real-valued ones by the index's complement (~k) with their values in `reals`.
    Summing in that one order gives the same probability, to the last bit, whatever
    the representation (a binary feature adds its weight, w * 1.0 == w)."""

    __slots__ = ("keys", "reals")

    def __init__(self) -> None:
        self.keys: list[int] = []
        self.reals: list[float] = []

    def one(self, key: int) -> None:
        """Add the binary feature `key` (value 1)."""
        self.keys.append(key)

    def real(self, key: int, value: float) -> None:
        """Add the real-valued feature `key` with its value."""
        self.keys.append(~key)
        self.reals.append(value)

    def add_to(self, z: float, weights: list[float]) -> float:
        """z plus this vector's dot product with `weights`, term by term in order."""
        if not weights:
            return z
        reals = self.reals
        j = 0
        for key in self.keys:
            if key >= 0:
                z += weights[key]
            else:
                z += weights[~key] * reals[j]
                j += 1
        return z

    def named(self) -> dict[str, float]:
        """The features by name (for training and for reading)."""
        out: dict[str, float] = {}
        j = 0
        for key in self.keys:
            if key >= 0:
                out[FEATURES[key]] = 1.0
            else:
                out[FEATURES[~key]] = self.reals[j]
                j += 1
        return out


_CONTEXT_SIDES: Final = (("ctx_prev", -1), ("ctx_next", 1), ("ctx_prev2", -2), ("ctx_next2", 2))
_CONTEXT_SPAN: Final = 8  # blocks before and after averaged into ctx_before / ctx_after
_CONTEXT_NAMES: Final = ("ctx_self", "ctx_before", "ctx_after", *(name for name, _ in _CONTEXT_SIDES))


class PassContext:
    """One page's probabilities from the previous pass, laid out by block index with
    running sums, so that each block's context costs the same however wide the window."""

    __slots__ = ("dense", "sums", "n")

    def __init__(self, previous: Mapping[int, float], n: int) -> None:
        self.n = n
        self.dense = [0.0] * n  # blocks a pattern detector claimed count as 0
        for i, p in previous.items():
            self.dense[i] = p
        self.sums = [0.0, *accumulate(self.dense)]

    def features(self, i: int) -> Vector:
        """The extra features of block i: the previous pass's probability of the block
        (as a scaled logit) and of the blocks around it, centred on 1/2 so that a page
        edge reads as no evidence."""
        dense, sums, n = self.dense, self.sums, self.n
        x = Vector()
        x.real(_CTX_SELF, _logit(min(max(dense[i], 1e-3), 1 - 1e-3)) / 5)
        for key, step in _CONTEXT_KEYS:
            j = i + step
            if 0 <= j < n:
                x.real(key, dense[j] - 0.5)
        lo, hi = max(0, i - _CONTEXT_SPAN), min(n, i + 1 + _CONTEXT_SPAN)
        if lo < i:
            x.real(_CTX_BEFORE, (sums[i] - sums[lo]) / (i - lo) - 0.5)
        if i + 1 < hi:
            x.real(_CTX_AFTER, (sums[hi] - sums[i + 1]) / (hi - i - 1) - 0.5)
        return x


def _neighbour(x: Vector, keys: tuple[int, ...], n: Block | None) -> None:
    """The kind of a neighbour; `keys` are the side's features, in _NEIGHBOUR_KINDS order."""
    if n is None:
        x.one(keys[0])
        return
    if n.label is not None and n.label is not Label.ARTICLE:
        x.one(keys[1])
    elif n.features.words >= LONG_WORDS:
        x.one(keys[2])
    elif n.features.words < 5:
        x.one(keys[3])
    if n.features.ends_sentence:
        x.one(keys[4])


# Every feature by its index in FEATURES: the weights of a pass are a list in that
# order (`dense`), and a block's features are indexes into it, so the model reads a
# weight by position, not by hashing its name.
FEATURES: Final[tuple[str, ...]] = tuple(sorted(feature_names()))
_INDEX: Final = {name: k for k, name in enumerate(FEATURES)}
_BIAS: Final = _INDEX["bias"]
_LOG_WORDS: Final = _INDEX["log_words"]
_DENSITY_REL: Final = _INDEX["density_rel"]
_POSITION: Final = _INDEX["position"]
_WORD_BUCKETS: Final = ((4, _INDEX["w<4"]), (10, _INDEX["w<10"]), (20, _INDEX["w<20"]), (40, _INDEX["w<40"]))
_W40_UP: Final = _INDEX["w>=40"]
_ENDS_SENTENCE: Final = _INDEX["ends_sentence"]
_REPEATED: Final = _INDEX["repeated"]
_DIGITS: Final = _INDEX["digits"]
_TEXT_MODE: Final = _INDEX["text_mode"]
_LINK_DENSITY: Final = _INDEX["link_density"]
_PARTLY: Final = _INDEX["partly_links"]
_PARTLY_LI: Final = _INDEX["partly_links_li"]
_PARTLY_NO_HINT: Final = _INDEX["partly_links_no_hint"]
_TAG_OTHER: Final = _INDEX["tag_other"]
_IN_MAIN: Final = _INDEX["in_main"]
_OUTSIDE_MAIN: Final = _INDEX["outside_main"]
_NO_MAIN: Final = _INDEX["no_main"]
_CLASS_FEATURES: Final = {c: _INDEX["class_" + c.value] for c in _CLASSES}
_NO_MAIN_FEATURES: Final = {c: _INDEX["no_main_" + c.value] for c in _CLASSES}
_TAG_FEATURES: Final = {tag: _INDEX["tag_" + kind] for tag, kind in _TAG_KINDS.items()}
_CONTAINER_FEATURES: Final = tuple((c, _INDEX["in_" + c]) for c in _CONTAINERS_READ)
_HINT_FEATURES: Final = {h: _INDEX["hint_" + h] for h in _HINTS_READ}
_SIDE_FEATURES: Final = tuple(
    (tuple(_INDEX[side + "_" + kind] for kind in _NEIGHBOUR_KINDS), step)
    for side, step in zip(_SIDES, (-1, 1, -2, 2), strict=True)
)


_CTX_SELF: Final = _INDEX["ctx_self"]
_CTX_BEFORE: Final = _INDEX["ctx_before"]
_CTX_AFTER: Final = _INDEX["ctx_after"]
_CONTEXT_KEYS: Final = tuple((_INDEX[name], step) for name, step in _CONTEXT_SIDES)
