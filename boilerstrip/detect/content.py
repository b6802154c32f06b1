"""The content classes: article or not for every block no pattern detector claimed.

Why: length and stop-word density (jusText's classes) decide where no pattern does;
the learned scorer (`scorer`) corrects those classes where the Config names one.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from ..budget import checked
from ..model import ContentClass, Label, Verdict, verdict
from . import scorer
from .features import typical_density
from .page import Page


def classify_content(page: Page) -> Iterator[Verdict]:
    """Article or not for every unclaimed block: the learned scorer where the Config
    names one (the default), else the hand-set classes below."""
    if page.weights:
        yield from _score_content(page)
    else:
        yield from _classify_by_thresholds(page)


def _score_content(page: Page) -> Iterator[Verdict]:
    """The hand-set classes, corrected by the scorer: it overrides a label only when
    confident (probability beyond `scorer_confidence` of 0 or 1), and its evidence,
    scaled by the block's length, adds to the weight the reducer sums. A page unlike
    the training pages gets probabilities near 1/2 and keeps the hand-set verdicts."""
    cfg = page.config
    blocks = page.blocks
    main, typical = scorer.page_context(blocks)
    verdicts = list(_classify_by_thresholds(page))
    deadline, where = page.deadline, "while scoring the blocks"
    xs = [
        scorer.block_features(blocks, v.index, main, typical, _content_class(v))
        for v in checked(verdicts, deadline, where)
    ]
    ps = [scorer.probability(x, page.weights) for x in checked(xs, deadline, where)]
    for weights in page.context_weights:
        context = scorer.PassContext({v.index: p for v, p in zip(verdicts, ps, strict=True)}, len(blocks))
        ps = [
            scorer.probability(x, weights, context.features(v.index))
            for x, v in checked(zip(xs, verdicts, strict=True), deadline, where)
        ]
    ps = scorer.assume_an_article(ps, cfg.scorer_confidence)
    for v, p in checked(zip(verdicts, ps, strict=True), deadline, where):
        b = blocks[v.index]
        size = max(1.0, min(b.features.words * cfg.weight_good_per_word, cfg.weight_good_cap))
        score = v.score + cfg.scorer_weight * (2 * p - 1) * size
        label = v.label
        if p >= 1 - cfg.scorer_confidence:
            label = Label.ARTICLE
        elif p <= cfg.scorer_confidence:
            label = Label.OTHER
        # Concatenated, not an f-string: mypyc makes each f-string field a str.format
        # call ("{:{}}"), twice a block; `format` gives the same text.
        reason = v.reason + "; scorer p=" + format(p, ".2f")
        yield verdict(v.index, label, reason, score, v.content_class)


def heuristic_classes(page: Page) -> dict[int, ContentClass]:
    """The hand-set class of every unclaimed block (good, near, short...): a feature
    of the learned scorer."""
    return {v.index: _content_class(v) for v in _classify_by_thresholds(page)}


def _content_class(v: Verdict) -> ContentClass:
    """The class `_classify_by_thresholds` set on its verdict (it sets one on each)."""
    assert v.content_class is not None, "a content verdict without its class"
    return v.content_class


def _classify_by_thresholds(page: Page) -> Iterator[Verdict]:
    """jusText-style classes from length and stop-word density; the score feeds the reducer.

    Density thresholds adapt to the page: languages whose stop lists cover less of
    running text (Korean, Finnish...) lower them, measured on the page's longest blocks.
    """
    cfg = page.config
    good_words, near_words, short_words = cfg.good_min_words, cfg.near_min_words, cfg.short_max_words
    good_density, near_density = _density_thresholds(page)
    for b in checked([b for b in page.blocks if b.label is None], page.deadline, "while classing the blocks"):
        f = b.features
        words, density, ends = f.words, f.stop_density, f.ends_sentence
        if words >= good_words and density >= good_density:
            score = min(words * cfg.weight_good_per_word, cfg.weight_good_cap)
            if ends:
                yield verdict(b.index, Label.ARTICLE, "long block of prose", score, _GOOD)
            else:
                score *= cfg.unfinished_share
                reason = "long block of prose, unfinished"
                yield verdict(b.index, Label.ARTICLE, reason, score, _GOOD_UNFINISHED)
        elif words >= near_words and density >= near_density and (ends or words >= good_words):
            yield verdict(b.index, Label.ARTICLE, "medium block of prose", cfg.weight_near, _NEAR)
        elif words <= short_words or not ends:
            yield verdict(b.index, Label.OTHER, "short or unfinished line", cfg.weight_short, _SHORT)
        else:
            yield verdict(b.index, Label.OTHER, "little prose", cfg.weight_bad, _BAD)


# The members, looked up once: an Enum's attribute is found by interpreted code.
_GOOD: Final = ContentClass.GOOD
_GOOD_UNFINISHED: Final = ContentClass.GOOD_UNFINISHED
_NEAR: Final = ContentClass.NEAR
_SHORT: Final = ContentClass.SHORT
_BAD: Final = ContentClass.BAD


def _density_thresholds(page: Page) -> tuple[float, float]:
    cfg = page.config
    unclaimed = (b.features for b in page.blocks if b.label is None)
    measured = typical_density(unclaimed, cfg.good_min_words, upper=False)
    if measured is None:
        return cfg.good_min_stop_density, cfg.near_min_stop_density
    typical = measured * cfg.density_page_share
    return min(cfg.good_min_stop_density, typical), min(cfg.near_min_stop_density, typical * 0.7)
