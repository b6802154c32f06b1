"""What a detector is, and the page as it sees it.

Why: every detector, built-in or a user's, is a function of one `Page` (the blocks with
their features, the run's Config, the page's language) that returns Verdicts; this
module is what they all share, below the detectors themselves and the registry that
runs them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from ..budget import Deadline
from ..config import Config
from ..lang import Language
from ..model import Block, ContentClass, Label, Verdict, new_tuple


@dataclass(frozen=True, slots=True)
class Page:
    """What a detector sees: the blocks, the run's Config and the page's language."""

    blocks: Sequence[Block]
    config: Config
    language: Language
    # Blocks with boilerplate cues, and all long blocks: every block a pattern may match.
    candidates: Sequence[Block] = ()
    # The learned scorer's weights by feature index (`scorer.Model.dense`), if one is used,
    # and those of its passes after the first.
    weights: list[float] = field(default_factory=list)
    context_weights: Sequence[list[float]] = ()
    # The page's time budget (`Config.time_limit`): the content detector, which goes
    # over every block several times, checks it as it goes. None: no limit.
    deadline: Deadline | None = None


DetectFn = Callable[[Page], Iterable[Verdict]]

# A built-in detector's verdict before it is one: the fields of a Verdict, in its
# order, as a plain tuple. The run applies these without making Verdicts (a named
# tuple is made through `tuple.__new__`, a call back into Python, and the detectors
# claim a hundred thousand blocks on a few hundred pages); `verdicts` makes them for
# whoever calls a detector itself.
Claim = tuple[int, Label, str, float, ContentClass | None]
# How a built-in detector claims: the page, and the cue gates of its candidates
# (`pattern.cue_gates`, made once a page by the run, read by the pattern detectors).
ClaimFn = Callable[[Page, list[int]], list[Claim]]


def verdicts(claims: list[Claim]) -> list[Verdict]:
    """The Verdicts of `claims`, in their order."""
    return [new_tuple(Verdict, c) for c in claims]


def pattern_candidates(blocks: Sequence[Block], short_block_words: int) -> list[Block]:
    """The blocks a pattern detector may claim (`Page.candidates`): those with
    boilerplate cues, those whose cues are unknown, and all long blocks."""
    return [
        b
        for b in blocks
        if b.features.cues is None or b.features.cues or b.features.words > short_block_words
    ]


@dataclass(frozen=True, slots=True)
class Detector:
    """A named detection step. `context=True` may relabel what a `tentative` detector
    (the content classifier) labelled; every other claim is final."""

    name: str
    fn: DetectFn
    context: bool = False
    tentative: bool = False

    def __call__(self, page: Page) -> Iterable[Verdict]:
        return self.fn(page)

    def __reduce__(self) -> tuple[type[Detector], tuple[str, DetectFn, bool, bool]]:
        """Pickle by constructor: a frozen class compiled by mypyc cannot be restored
        field by field (Cleaners are pickled to batch workers)."""
        return Detector, (self.name, self.fn, self.context, self.tentative)
