"""The detector stage: blocks with features in, every block labelled with its reasons out.

Modules, in the order data flows through them:
- `features`: the numbers every detector reads, computed once a block;
- `page`: the page as detectors see it (`Page`), and what a detector is (`Detector`);
- `pattern`: block detectors, one block at a time, by patterns and markup;
- `scorer` and `content`: the content classes, corrected by the learned scorer;
- `context`: detectors of neighbours and runs, which may revise the content classes;
- `registry`: the built-in detectors by name, and the run with its conflict rules.
"""

from . import features, scorer
from .page import DetectFn, Detector, Page, pattern_candidates
from .registry import DEFAULT_DETECTORS, run

__all__ = [
    "DEFAULT_DETECTORS",
    "DetectFn",
    "Detector",
    "Page",
    "features",
    "pattern_candidates",
    "run",
    "scorer",
]
