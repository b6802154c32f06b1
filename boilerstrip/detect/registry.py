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

from ..config import DETECTOR_ORDER
from .content import classify_content
from .context import (
    detect_comment_section,
    detect_list_runs,
    detect_other_articles,
    detect_related_section,
    detect_repetition,
)
from .page import Detector, Page
from .pattern import (
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


def run(detectors: Sequence[Detector], page: Page) -> None:
    """Apply each detector's verdicts in order; the first claim on a block wins,
    except that context detectors may relabel blocks a tentative detector labelled.
    A detector sees the page as it was before it ran."""
    blocks = page.blocks
    revisable: set[int] = set()
    for det in detectors:
        prefix = det.name + ": "
        context = det.context
        for v in list(det(page)):
            # By position: the content class that may follow is no business of the run.
            index, label, reason, score = v[0], v[1], v[2], v[3]
            block = blocks[index]
            if block.label is None or (context and index in revisable):
                block.label = label
                block.score = score
                block.reasons.append(prefix + reason)
                if det.tentative:
                    revisable.add(index)
                else:
                    revisable.discard(index)
