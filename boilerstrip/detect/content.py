"""The content classes: article or not for every block no pattern detector claimed.

Why: length and stop-word density (jusText's classes) decide where no pattern does;
the learned scorer (`scorer`) corrects those classes where the Config names one.
"""

from __future__ import annotations

from typing import Final

from ..budget import checked
from ..model import ContentClass, Label, Verdict
from . import scorer
from .features import typical_density
from .page import Claim, Page, verdicts


def claim_content(page: Page, gates: list[int]) -> list[Claim]:
    """Article or not for every unclaimed block: the learned scorer where the Config
    names one (the default), else the hand-set classes below. (What the run calls;
    `gates`, the pattern detectors' cue gates, are unread here.)"""
    if page.weights:
        return _score_content(page)
    return _classify_by_thresholds(page)


def classify_content(page: Page) -> list[Verdict]:
    """`claim_content` as Verdicts, for a caller of its own."""
    return verdicts(claim_content(page, []))


def _score_content(page: Page) -> list[Claim]:
    """The hand-set classes, corrected by the scorer: it overrides a label only when
    confident (probability beyond `scorer_confidence` of 0 or 1), and its evidence,
    scaled by the block's length, adds to the weight the reducer sums. A page unlike
    the training pages gets probabilities near 1/2 and keeps the hand-set verdicts."""
    cfg = page.config
    blocks = page.blocks
    main, typical = scorer.page_context(blocks)
    classed = _classify_by_thresholds(page)
    deadline, where = page.deadline, "while scoring the blocks"
    xs = [
        scorer.block_features(blocks, c[0], main, typical, _content_class(c))
        for c in checked(classed, deadline, where)
    ]
    ps = [scorer.probability(x, page.weights) for x in checked(xs, deadline, where)]
    for weights in page.context_weights:
        context = scorer.PassContext({c[0]: p for c, p in zip(classed, ps, strict=True)}, len(blocks))
        ps = [
            scorer.probability(x, weights, context.features(c[0]))
            for x, c in checked(zip(xs, classed, strict=True), deadline, where)
        ]
    ps = scorer.assume_an_article(ps, cfg.scorer_confidence)
    out: list[Claim] = []
    for c, p in checked(zip(classed, ps, strict=True), deadline, where):
        index, label, reason, score, content_class = c
        b = blocks[index]
        size = max(1.0, min(b.features.words * cfg.weight_good_per_word, cfg.weight_good_cap))
        score = score + cfg.scorer_weight * (2 * p - 1) * size
        if p >= 1 - cfg.scorer_confidence:
            label = _ARTICLE
        elif p <= cfg.scorer_confidence:
            label = _OTHER
        # Concatenated, not an f-string: mypyc makes each f-string field a str.format
        # call ("{:{}}"), twice a block; `format` gives the same text.
        out.append((index, label, reason + "; scorer p=" + format(p, ".2f"), score, content_class))
    return out


def heuristic_classes(page: Page) -> dict[int, ContentClass]:
    """The hand-set class of every unclaimed block (good, near, short...): a feature
    of the learned scorer."""
    return {c[0]: _content_class(c) for c in _classify_by_thresholds(page)}


def _content_class(c: Claim) -> ContentClass:
    """The class `_classify_by_thresholds` set on its claim (it sets one on each)."""
    content_class = c[4]
    assert content_class is not None, "a content verdict without its class"
    return content_class


def _classify_by_thresholds(page: Page) -> list[Claim]:
    """jusText-style classes from length and stop-word density; the score feeds the reducer.

    Density thresholds adapt to the page: languages whose stop lists cover less of
    running text (Korean, Finnish...) lower them, measured on the page's longest blocks.
    """
    cfg = page.config
    good_words, near_words, short_words = cfg.good_min_words, cfg.near_min_words, cfg.short_max_words
    good_density, near_density = _density_thresholds(page)
    # The Config's numbers read once: each read of one is a lookup by name.
    per_word, cap, unfinished = cfg.weight_good_per_word, cfg.weight_good_cap, cfg.unfinished_share
    weight_near, weight_short, weight_bad = cfg.weight_near, cfg.weight_short, cfg.weight_bad
    out: list[Claim] = []
    for b in checked([b for b in page.blocks if b.label is None], page.deadline, "while classing the blocks"):
        f = b.features
        words, density, ends = f.words, f.stop_density, f.ends_sentence
        if words >= good_words and density >= good_density:
            score = min(words * per_word, cap)
            if ends:
                out.append((b.index, _ARTICLE, "long block of prose", score, _GOOD))
            else:
                score *= unfinished
                reason = "long block of prose, unfinished"
                out.append((b.index, _ARTICLE, reason, score, _GOOD_UNFINISHED))
        elif words >= near_words and density >= near_density and (ends or words >= good_words):
            out.append((b.index, _ARTICLE, "medium block of prose", weight_near, _NEAR))
        elif words <= short_words or not ends:
            out.append((b.index, _OTHER, "short or unfinished line", weight_short, _SHORT))
        else:
            out.append((b.index, _OTHER, "little prose", weight_bad, _BAD))
    return out


# The members, looked up once: an Enum's attribute is found by interpreted code.
_ARTICLE: Final = Label.ARTICLE
_OTHER: Final = Label.OTHER
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
