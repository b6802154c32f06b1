"""boilerstrip: strip boilerplate from scraped news pages, HTML or plain-text dumps.

>>> import boilerstrip
>>> result = boilerstrip.clean(page)          # str or bytes, HTML or text
>>> result.text, result.title, result.wire_service
"""

from .api import Cleaner, clean
from .config import Config
from .detectors import DEFAULT_DETECTORS, Detector, Page
from .errors import BoilerstripError, ConfigError, InputError
from .model import Block, Comment, Features, Label, Result, Verdict

__all__ = [
    "DEFAULT_DETECTORS",
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
