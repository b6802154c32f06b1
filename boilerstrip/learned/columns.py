"""What both keep models read of every block or line: the page as the row builders
take it (`RowContext`), the names of the features the two share, the columns and the
page's make-up both start from, and the running sums and tables their rows are made of.

Why a module: the HTML rows (`blockrows`) and the text-dump lines (`linerows`) hold the
same block and page features in the same order; one copy of the names and of the
arithmetic keeps the two models' rows alike where they are meant to be.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Final, NamedTuple

from ..budget import Deadline
from ..budget import spans as budget_spans
from ..model import LABELS, Block, Label
from .pagestats import PageCounts

#: The neighbours each row reads, by distance (before and after).
SIDES: Final = (-3, -2, -1, 1, 2, 3)
WINDOW: Final = 10  # blocks on each side averaged into the window features
MISSING: Final = -1.0  # a neighbour past the page's edge, a tag or hint not listed
WHERE: Final = "while the keep model reads the blocks"  # where a TimeLimitError stopped
LABEL_INDEX: Final[dict[Label | None, float]] = {label: float(k) for k, label in enumerate(LABELS)}
BLOCK_NAMES: Final = ("words", "chars", "stop", "stop_rel", "ends", "repeats", "pos", "score", "weight", "kept", "label")  # fmt: skip
PAGE_NAMES: Final = ("n_blocks", "page_words", *(f"pshare_{label.value}" for label in LABELS))
#: The features both models' rows start with: the block's own, then the page's.
SHARED_NAMES: Final = (*BLOCK_NAMES, *PAGE_NAMES)


class RowContext(NamedTuple):
    """A labelled page as the keep model's row builders read it, made once a page
    (`reduce.keep_features`) and handed down whole: the builders and their helpers
    took these one argument each, the same list again at every level. `weights` are
    the reducer's block weights, `typical` the page's prose stop density, `main` the
    owner of its main content container (-1: none), as `scorer.page_context` gives
    them; blocks of `long_words` or more are prose, lines under `short_words` short
    (text dumps); `page_type` is the page's kind as `pagetype` reads it (HTML);
    `marks` a text dump's `page_marks` and `counts` its `pagestats.page_counts` where
    the caller made them (None: made where needed); `deadline` is checked as the rows
    are made."""

    blocks: Sequence[Block]
    weights: Sequence[float]
    typical: float
    main: int
    long_words: int
    short_words: int
    page_type: str = "article"
    marks: Sequence[tuple[int, int, int]] | None = None
    deadline: Deadline | None = None
    counts: PageCounts | None = None


def block_columns(blocks: Sequence[Block]) -> tuple[list[float], list[float], list[float], list[float]]:
    """What both row builders start from: each block's label index, whether the reducer
    kept it and its words, by feature, and the page's features (`page_features`)."""
    labels = [LABEL_INDEX.get(b.label, MISSING) for b in blocks]
    kept = [1.0 if b.label is Label.ARTICLE else 0.0 for b in blocks]
    words = [float(b.features.words) for b in blocks]
    return labels, kept, words, page_features(len(blocks), words, labels)


def spans(n: int, deadline: Deadline | None) -> Iterator[tuple[int, int]]:
    """The (lo, hi) stretches of `n` items a C loop is called on (`budget.spans`): all
    at once without a limit, else `ITEMS_PER_CHECK` at a time with `deadline` checked
    before each (as often as `budget.checked` checks a Python loop)."""
    return budget_spans(n, deadline, WHERE)


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
