"""The registry of built-in detectors and the run that applies them in order.

Why one place: which detector may overwrite which label (the conflict rules) is decided
here, once, for built-in and user detectors alike: the first claim on a block wins,
except that context detectors may relabel blocks a tentative detector (the content
classifier) labelled. Users disable one through `Config.disabled` or add their own to
`Cleaner(detectors=...)`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Final

from ..budget import Deadline, checked, spans
from ..config import DETECTOR_ORDER
from ..model import Block, Label
from . import content, context, pattern
from .content import classify_content
from .context import (
    detect_comment_section,
    detect_list_runs,
    detect_other_articles,
    detect_related_section,
    detect_repetition,
)
from .page import Claim, ClaimFn, Detector, Page
from .pattern import (
    cue_gates,
    detect_ad,
    detect_byline,
    detect_comments,
    detect_copyright,
    detect_dateline,
    detect_dom,
    detect_footer,
    detect_login,
    detect_metadata,
    detect_navigation,
    detect_prompt,
    detect_related,
    detect_social,
    detect_tables,
)

# The built-in detectors, by name (pattern, content, context); `config.DETECTOR_ORDER`
# says in which order they run, and names every one.
_BUILT_IN: Final = {
    d.name: d
    for d in (
        Detector("ad", detect_ad),
        Detector("byline", detect_byline),
        Detector("comments", detect_comments),
        Detector("copyright", detect_copyright),
        Detector("dateline", detect_dateline),
        Detector("dom", detect_dom),
        Detector("footer", detect_footer),
        Detector("login", detect_login),
        Detector("metadata", detect_metadata),
        Detector("navigation", detect_navigation),
        Detector("prompt", detect_prompt),
        Detector("related", detect_related),
        Detector("social", detect_social),
        Detector("tables", detect_tables),
        Detector("content", classify_content, tentative=True),
        Detector("comment_section", detect_comment_section, context=True),
        Detector("list_runs", detect_list_runs, context=True),
        Detector("other_articles", detect_other_articles, context=True),
        Detector("related_section", detect_related_section, context=True),
        Detector("repetition", detect_repetition, context=True),
    )
}
DEFAULT_DETECTORS: Final[Mapping[str, Detector]] = MappingProxyType(
    {name: _BUILT_IN[name] for name in DETECTOR_ORDER}
)
"""The built-in detectors by name, in the order `Config.detectors` runs them (a read-only
mapping). A `Cleaner` looks names up here, then in its own `detectors=`."""


# How each built-in detector claims, by its function's identity (`id`: a user's
# function may be unhashable, or equal to anything): the run calls this instead, and
# applies the claims without making Verdicts. A detector wrapped in a function of
# someone's (a timer, a deadline) is called as it is.
_CLAIMS: Final[Mapping[int, ClaimFn]] = MappingProxyType(
    {
        id(fn): claim
        for fn, claim in (
            (detect_ad, pattern.claim_ad),
            (detect_byline, pattern.claim_byline),
            (detect_comments, pattern.claim_comments),
            (detect_copyright, pattern.claim_copyright),
            (detect_dateline, pattern.claim_dateline),
            (detect_dom, pattern.claim_dom),
            (detect_footer, pattern.claim_footer),
            (detect_login, pattern.claim_login),
            (detect_metadata, pattern.claim_metadata),
            (detect_navigation, pattern.claim_navigation),
            (detect_prompt, pattern.claim_prompt),
            (detect_related, pattern.claim_related),
            (detect_social, pattern.claim_social),
            (detect_tables, pattern.claim_tables),
            (classify_content, content.claim_content),
            (detect_comment_section, context.claim_comment_section),
            (detect_list_runs, context.claim_list_runs),
            (detect_other_articles, context.claim_other_articles),
            (detect_related_section, context.claim_related_section),
            (detect_repetition, context.claim_repetition),
        )
    }
)


# Where a TimeLimitError raised as the verdicts are applied stopped.
_APPLYING: Final = "while applying the detectors' verdicts"


def run(detectors: Sequence[Detector], page: Page) -> None:
    """Apply each detector's verdicts in order; the first claim on a block wins,
    except that context detectors may relabel blocks a tentative detector labelled.
    A detector sees the page as it was before it ran. The page's deadline
    (`Config.time_limit`) is checked before each detector and as its verdicts are
    applied: on a page of half a million lines, applying one detector's takes a
    second."""
    blocks = page.blocks
    deadline = page.deadline
    listed: list[Block] = blocks if isinstance(blocks, list) else list(blocks)  # read by index
    # Whether a tentative detector gave each block its label, by position: a flag in
    # a list, where a set of ints hashed each of the page's blocks the content
    # classifier labels. (`Revisable.others`: a user's verdict at an index out of it.)
    revisable = Revisable([False] * len(listed), set())
    gates: list[int] | None = None  # the candidates' cue gates, found once a page
    for det in detectors:
        if deadline is not None and deadline.limit > 0:
            deadline.check(f"before the {det.name} detector")
        prefix = det.name + ": "
        said: dict[str, str] = {}  # each reason of the detector's with its prefix, made once
        # (A subclass of Detector may call its function its own way.)
        claim = _CLAIMS.get(id(det.fn)) if type(det) is Detector else None
        if claim is not None:
            if gates is None:
                gates = cue_gates(page.candidates)
            _apply_claims(det, claim(page, gates), listed, prefix, revisable.flags, said, deadline)
        else:
            for v in checked(list(det(page)), deadline, _APPLYING):
                # By position: the content class that may follow is no business of the run.
                index, label, reason, score = v[0], v[1], v[2], v[3]
                _apply(det, blocks[index], index, label, prefix, reason, score, revisable, said)


class Revisable:
    """Which blocks a tentative detector labelled: `flags` by position, and `others`,
    the indices out of the page's range a user's detector gave (a negative one is
    another key than the same block's position, as it was in a set of them)."""

    def __init__(self, flags: list[bool], others: set[int]) -> None:
        self.flags = flags
        self.others = others

    def has(self, index: int) -> bool:
        """Whether a tentative detector labelled the block at `index`."""
        flags = self.flags
        return flags[index] if 0 <= index < len(flags) else index in self.others

    def mark(self, index: int, tentative: bool) -> None:
        """Note that a detector, `tentative` or not, labelled the block at `index`."""
        flags = self.flags
        if 0 <= index < len(flags):
            flags[index] = tentative
        elif tentative:
            self.others.add(index)
        else:
            self.others.discard(index)


def _apply_claims(
    det: Detector,
    claims: list[Claim],
    blocks: list[Block],
    prefix: str,
    revisable: list[bool],
    said: dict[str, str],
    deadline: Deadline | None = None,
) -> None:
    """The claims of a built-in detector, each as `_apply` takes it: in one loop over
    them, their fields read by position (a built-in detector claims blocks of the
    page, at their positions). A reason is the same str as the last claim's more
    often than not (a run of short lines, the content classes): told by identity
    before the lookup in `said`. By index over `spans`, `deadline` checked between
    them: a native loop over a list, as without a limit."""
    context, tentative = det.context, det.tentative
    last: str | None = None  # the last reason that took, and its text with the prefix
    last_full = ""
    for lo, hi in spans(len(claims), deadline, _APPLYING):
        for i in range(lo, hi):
            c = claims[i]
            index = c[0]
            block = blocks[index]
            if block.label is None or (context and revisable[index]):
                block.label = c[1]
                block.score = c[3]
                reason = c[2]
                if reason is not last:
                    full = said.get(reason)
                    if full is None:
                        full = said[reason] = prefix + reason
                    last, last_full = reason, full
                block.reasons.append(last_full)
                revisable[index] = tentative


def _apply(
    det: Detector,
    block: Block,
    index: int,
    label: Label,
    prefix: str,
    reason: str,
    score: float,
    revisable: Revisable,
    said: dict[str, str],
) -> None:
    """One claim of `det` on `block` (at `index`), if it takes. Its reason, with the
    prefix that names the detector, is looked up in `said`, the detector's reasons
    so far: a detector gives a few reasons to thousands of blocks a page run, and a
    lookup costs less than joining two strs."""
    if block.label is None or (det.context and revisable.has(index)):
        block.label = label
        block.score = score
        full = said.get(reason)
        if full is None:
            full = said[reason] = prefix + reason
        block.reasons.append(full)
        revisable.mark(index, det.tentative)
