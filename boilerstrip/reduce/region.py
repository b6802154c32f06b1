"""The article region: how much each block pulls the region towards itself, and the
maximum-sum runs of those weights.

Why a maximum-sum run: article paragraphs score positive and boilerplate negative, so
the best contiguous run is the article, split ads and subheadings included, while
comment and related sections behind a barrier (their heading) stay out.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from ..config import Config
from ..model import Block, Label

# The labels whose blocks weigh nothing, and those that weigh as a short line, where
# the detector gave no score: read by identity, as `block_weights` runs twice a page.
_ARTICLE: Final = Label.ARTICLE
_OTHER: Final = Label.OTHER
_METADATA: Final = Label.METADATA
_BYLINE: Final = Label.BYLINE
_DATELINE: Final = Label.DATELINE
_TITLE: Final = Label.TITLE


def block_weights(blocks: Sequence[Block], cfg: Config) -> list[float]:
    """How much each block pulls the article region towards itself: the detector's
    score where it gave one (prose, barriers such as comment headings), else by label:
    nothing for article and other blocks, a short line's weight for metadata, bylines,
    datelines and titles, a bad block's for the rest. By index and by the labels'
    identity: it runs twice a page, and a dict of the labels made a call and looked up
    by each block's label cost more than the rest of the loop."""
    listed: list[Block] = blocks if isinstance(blocks, list) else list(blocks)
    short, bad = cfg.weight_short, cfg.weight_bad
    out: list[float] = []
    for k in range(len(listed)):
        b = listed[k]
        score = b.score
        if not score:
            label = b.label
            assert label is not None, "a block without a label weighed"
            if label is _ARTICLE or label is _OTHER:
                score = 0.0
            elif label is _METADATA or label is _BYLINE or label is _DATELINE or label is _TITLE:
                score = short
            else:
                score = bad
        out.append(score)
    return out


def best_region(blocks: Sequence[Block], cfg: Config) -> tuple[int, int]:
    """[start, end) of the article: the earliest strong run of block weights that an
    article's byline or dateline heads, else the earliest strong run.

    Kadane's maximum-sum run is found within each stretch between resets; pages that
    scroll into further stories put the main one first, so the earliest run reaching
    `region_min_share` of the best one wins. But an early run of prose with no byline
    (a maintenance notice, another story's standfirst) must not win over the story
    its byline heads further down.
    """
    runs = _runs(blocks, cfg)
    if not runs:
        return 0, 0
    top = max(r[0] for r in runs)
    strong = [r for r in runs if r[0] >= top * cfg.region_min_share]
    headed = [r for r in strong if _is_headed(blocks, r[1], cfg.region_head_window)]
    first = (headed or strong)[0]
    return first[1], first[2]


def _is_headed(blocks: Sequence[Block], start: int, window: int) -> bool:
    """Whether a byline or dateline is among the `window` blocks above `start`, or
    is the first block of the run."""
    return any(
        blocks[k].label in (Label.BYLINE, Label.DATELINE) for k in range(max(0, start - window), start + 1)
    )


def content_regions(blocks: Sequence[Block], cfg: Config) -> list[tuple[int, int]]:
    """[start, end) of every run of block weights with at least `regions_min_share`
    of the best one's weight: a listing's content is spread over many sibling cards
    that boilerplate (their links, prices, buttons) splits into runs."""
    runs = _runs(blocks, cfg)
    if not runs:
        return []
    top = max(r[0] for r in runs)
    return [(r[1], r[2]) for r in runs if r[0] >= top * cfg.regions_min_share]


def _runs(blocks: Sequence[Block], cfg: Config) -> list[tuple[float, int, int]]:
    """(weight, start, end) of the maximum-sum run of each stretch between resets."""
    runs: list[tuple[float, int, int]] = []
    best = (0.0, 0, 0)
    run_start, run_sum = 0, 0.0
    for i, w in enumerate(block_weights(blocks, cfg)):
        if run_sum <= 0:
            if best[0] > 0:
                runs.append(best)
            best = (0.0, i, i)
            run_start, run_sum = i, w
        else:
            run_sum += w
        if run_sum > best[0]:
            best = (run_sum, run_start, i + 1)
    if best[0] > 0:
        runs.append(best)
    return runs


def relabel(block: Block, label: Label, reason: str) -> None:
    """The one way the reducer changes a block's label: the reason says so, after the
    detectors' own (`Block.reasons` tells the whole story)."""
    block.label = label
    block.reasons.append(reason)
