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
import sys
from collections.abc import Mapping, Sequence
from importlib import resources
from itertools import accumulate
from types import MappingProxyType
from typing import Final, NamedTuple

from .model import Block, Label

_TAGS: Final = {
    "p": "p", "div": "div", "section": "div", "article": "div", "main": "div", "li": "li",
    "dt": "li", "dd": "li", "td": "td", "th": "td", "tr": "td", "blockquote": "quote",
    "figcaption": "caption", "caption": "caption", "pre": "pre", "h1": "h1", "h2": "h",
    "h3": "h", "h4": "h", "h5": "h", "h6": "h",
}  # fmt: skip
_CONTAINERS: Final = ("nav", "header", "footer", "aside", "article", "main", "form", "li", "table", "figure")


_HINTS: Final = ("content", "nav", "footer", "comment", "related", "social", "ad", "prompt", "none")
_CLASSES: Final = ("good", "good_unfinished", "near", "short", "bad")
_SIDES: Final = ("prev", "next", "prev2", "next2")
_PARTLY_LINKS: Final = (0.15, 0.5)  # link share of a teaser: a linked headline, then its summary


def feature_names() -> frozenset[str]:
    """Every name `block_features` can produce: the vocabulary of the weights file."""
    names = {"bias", "log_words", "density_rel", "position", "ends_sentence", "repeated", "digits",
             "text_mode", "link_density", "in_main", "outside_main", "no_main",
             "w<4", "w<10", "w<20", "w<40", "w>=40", "partly_links", "partly_links_li",
             "partly_links_no_hint"}  # fmt: skip
    names.update(f"class_{c}" for c in _CLASSES)
    names.update(f"no_main_{c}" for c in _CLASSES)
    names.update(f"{s}_{k}" for s in _SIDES for k in _NEIGHBOUR_KINDS)
    names.update(f"tag_{t}" for t in {*_TAGS.values(), "other"})
    names.update(f"in_{c}" for c in _CONTAINERS)
    names.update(f"hint_{h}" for h in _HINTS)
    names.update(_CONTEXT_NAMES)
    return frozenset(names)


class Model(NamedTuple):
    """Logistic regressions in passes: the first scores each block alone; each later one
    sees the block again with the previous pass's probabilities around it
    (`PassContext`), so a block among teasers reads differently from the same
    block among paragraphs."""

    weights: dict[str, float]  # dicts, not Mappings: the compiled build reads them at C speed
    context_weights: tuple[dict[str, float], ...]  # the passes after the first


def _read(text: str) -> Model:
    raw = json.loads(text)
    first = _weights(raw["weights"])
    later = tuple(_weights(w) for w in raw.get("context_weights", []))
    return Model(first, later)


def _weights(raw: dict[str, float]) -> dict[str, float]:
    """Weights by interned feature name: the feature names are interned too (literals,
    and the tables below), so every lookup matches by identity, not by comparing text."""
    return {sys.intern(k): float(v) for k, v in raw.items()}


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


def probability(
    features: dict[str, float], weights: dict[str, float], extra: dict[str, float] | None = None
) -> float:
    """The model's probability that a block is article text; `extra` features (a later
    pass's context) add to `features` without merging the two."""
    z = weights.get("bias", 0.0)
    for name, value in features.items():
        w = weights.get(name)
        if w is not None:
            z += w * value
    if extra:
        for name, value in extra.items():
            w = weights.get(name)
            if w is not None:
                z += w * value
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
    long = sorted((b.features for b in blocks if b.features.words >= 18), key=lambda f: -f.words)[:8]
    densities = sorted(f.stop_density for f in long)
    typical = densities[len(densities) // 2] if densities else 0.3
    return main, typical


def block_features(
    blocks: Sequence[Block], i: int, main: int, typical: float, heuristic: str
) -> dict[str, float]:
    """The sparse feature vector of block i (names are the keys of the weights file);
    `heuristic` is the block's hand-set content class (good, near, short, bad...)."""
    b = blocks[i]
    f = b.features
    words = f.words
    # Stop-word density only relative to the page's own prose: its absolute level
    # depends on the language and its stop list.
    x: dict[str, float] = {
        _CLASS_FEATURES[heuristic]: 1.0,
        "log_words": math.log1p(words) / 5,
        "density_rel": min(f.stop_density / typical, 2.0) if typical > 0 else 1.0,
        "position": i / max(len(blocks) - 1, 1),
    }
    x[
        "w<4"
        if words < 4
        else "w<10"
        if words < 10
        else "w<20"
        if words < 20
        else "w<40"
        if words < 40
        else "w>=40"
    ] = 1.0
    if f.ends_sentence:
        x["ends_sentence"] = 1.0
    if f.repeats > 1:
        x["repeated"] = 1.0
    if f.cues and "#num" in f.cues:
        x["digits"] = 1.0
    n = len(blocks)
    for names, j in _SIDE_FEATURES:
        _neighbour(x, names, blocks[i + j] if 0 <= i + j < n else None)
    dom = b.dom
    if dom is None:
        x["text_mode"] = 1.0
        return x
    x["link_density"] = dom.link_density
    if _PARTLY_LINKS[0] <= dom.link_density < _PARTLY_LINKS[1]:
        # A linked headline and its summary: the shape of a teaser, rarely of prose.
        x["partly_links"] = 1.0
        if dom.tag == "li":
            x["partly_links_li"] = 1.0
        if not dom.hint:
            x["partly_links_no_hint"] = 1.0
    x[_TAG_FEATURES.get(dom.tag, "tag_other")] = 1.0
    for container, name in _CONTAINER_FEATURES:
        if container in dom.containers:
            x[name] = 1.0
    x[_HINT_FEATURES[dom.hint or "none"]] = 1.0
    if main >= 0:
        x["in_main" if dom.hint == "content" and dom.hint_owner == main else "outside_main"] = 1.0
    else:
        x["no_main"] = 1.0  # pages that name no article container: a bias of their own
        x[_NO_MAIN_FEATURES[heuristic]] = 1.0
    return x


# Feature names made once (a name built per block would be a new string to hash).
_CLASS_FEATURES: Final = {c: sys.intern("class_" + c) for c in _CLASSES}
_NO_MAIN_FEATURES: Final = {c: sys.intern("no_main_" + c) for c in _CLASSES}
_TAG_FEATURES: Final = {tag: sys.intern("tag_" + kind) for tag, kind in _TAGS.items()}
_CONTAINER_FEATURES: Final = tuple((c, sys.intern("in_" + c)) for c in _CONTAINERS)
_HINT_FEATURES: Final = {h: sys.intern("hint_" + h) for h in _HINTS}
_NEIGHBOUR_KINDS: Final = ("none", "boilerplate", "long", "short", "sentence")
_SIDE_FEATURES: Final = tuple(
    (tuple(sys.intern(side + "_" + kind) for kind in _NEIGHBOUR_KINDS), step)
    for side, step in zip(_SIDES, (-1, 1, -2, 2), strict=True)
)


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

    def features(self, i: int) -> dict[str, float]:
        """The extra features of block i: the previous pass's probability of the block
        (as a scaled logit) and of the blocks around it, centred on 1/2 so that a page
        edge reads as no evidence."""
        dense, sums, n = self.dense, self.sums, self.n
        x = {"ctx_self": _logit(min(max(dense[i], 1e-3), 1 - 1e-3)) / 5}
        for name, step in _CONTEXT_SIDES:
            j = i + step
            if 0 <= j < n:
                x[name] = dense[j] - 0.5
        lo, hi = max(0, i - _CONTEXT_SPAN), min(n, i + 1 + _CONTEXT_SPAN)
        if lo < i:
            x["ctx_before"] = (sums[i] - sums[lo]) / (i - lo) - 0.5
        if i + 1 < hi:
            x["ctx_after"] = (sums[hi] - sums[i + 1]) / (hi - i - 1) - 0.5
        return x


def _neighbour(x: dict[str, float], names: tuple[str, ...], n: Block | None) -> None:
    """The kind of a neighbour; `names` are the side's features, in _NEIGHBOUR_KINDS order."""
    if n is None:
        x[names[0]] = 1.0
        return
    if n.label is not None and n.label is not Label.ARTICLE:
        x[names[1]] = 1.0
    elif n.features.words >= 18:
        x[names[2]] = 1.0
    elif n.features.words < 5:
        x[names[3]] = 1.0
    if n.features.ends_sentence:
        x[names[4]] = 1.0
