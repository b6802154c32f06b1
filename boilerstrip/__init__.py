"""boilerstrip: strip boilerplate from scraped news pages, HTML or plain-text dumps.

>>> import boilerstrip
>>> result = boilerstrip.clean(page)          # str or bytes, HTML or text
>>> result.text, result.title, result.wire_service
"""

from .api import Cleaner, clean
from .config import Config
from .detect import DEFAULT_DETECTORS, Detector, Page, features
from .errors import ArgumentError, BoilerstripError, ConfigError, InputError
from .model import Block, Features, Label, Verdict
from .result import Comment, Result

# True when the per-block pipeline was compiled by mypyc at install time (see setup.py):
# the same outputs either way, the compiled build is faster.
COMPILED: bool = features.__file__ is not None and not features.__file__.endswith(".py")
"""Whether this build was compiled by mypyc at install time (`pip install .`): the same
outputs either way, the compiled build is faster. `boilerstrip --version` says it too."""

__all__ = [
    "COMPILED",
    "DEFAULT_DETECTORS",
    "ArgumentError",
    "Block",
    "BoilerstripError",
    "Cleaner",
    "Comment",
    "Config",
    "ConfigError",
    "Detector",
    "Features",
    "InputError",
    "Label",
    "Page",
    "Result",
    "Verdict",
    "clean",
]
__version__ = "0.1.0"
