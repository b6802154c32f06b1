"""What both keep models read of every block or line: the names of the features the
two share, the page's make-up, and the running sums and tables their rows are made of.

Why a module: the HTML rows (`blockrows`) and the text-dump lines (`linerows`) hold the
same block and page features in the same order; one copy of the names and of the
arithmetic keeps the two models' rows alike where they are meant to be.
"""

from __future__ import annotations

from typing import Final

from ..model import LABELS, Label

#: The neighbours each row reads, by distance (before and after).
SIDES: Final = (-3, -2, -1, 1, 2, 3)
WINDOW: Final = 10  # blocks on each side averaged into the window features
MISSING: Final = -1.0  # a neighbour past the page's edge, a tag or hint not listed
WHERE: Final = "while the keep model reads the blocks"  # where a TimeLimitError stopped
LABEL_INDEX: Final[dict[Label | None, float]] = {label: float(k) for k, label in enumerate(LABELS)}
BLOCK_NAMES: Final = ("words", "chars", "stop", "stop_rel", "ends", "repeats", "pos", "score", "weight", "kept", "label")  # fmt: skip
PAGE_NAMES: Final = ("n_blocks", "page_words", *(f"pshare_{label.value}" for label in LABELS))


def page_features(n: int, words: list[float], labels: list[float]) -> list[float]:
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


def running(values: list[float]) -> list[float]:
    """Running sums: item i is the sum of the first i values (a window's sum is two
    lookups)."""
    out = [0.0]
    total = 0.0
    for v in values:
        total += v
        out.append(total)
    return out
