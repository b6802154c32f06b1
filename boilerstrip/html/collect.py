"""What the Python walk collects for `htmlmeta` on its way: the page's <title>, meta
tags, JSON-LD scripts, <time> stamps, canonical link and the root's language.

Why apart from the walk: it reads every start tag, also inside the elements the walk
drops (JSON-LD sits in a <script>), and keeps its own state; the walk in C collects
the same (`_walk.c`'s `observe`).
"""

from __future__ import annotations

from typing import Final

from ..htmlmeta import Markup
from .vocabulary import FOREIGN_TAGS, MAX_TIME_STAMPS, OBSERVED_TAGS

_XML_LANG: Final = "{http://www.w3.org/XML/1998/namespace}lang"


class Collector:
    """The tags `htmlmeta` reads, as lxml's parser hands the walk each start tag, text
    and end tag (`start`, `data`, `end`)."""

    def __init__(self) -> None:
        self.title: str | None = None
        self.collected = Markup()
        self.capture: list[str] | None = None  # text of the <title> or a JSON-LD script
        self.capture_depth = 0
        self.capture_json = False
        self.title_seen = False
        self.foreign = 0  # depth inside an <svg> or <math>

    def root(self, attrs: dict[str, str]) -> None:
        """The page's first element: its languages."""
        self.collected.root_langs = (attrs.get("lang"), attrs.get(_XML_LANG))

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        """Collect what htmlmeta reads: meta tags, JSON-LD, <time>, canonical, <title>."""
        if self.foreign or tag in FOREIGN_TAGS:
            self.foreign += 1
        if self.capture is None and tag not in OBSERVED_TAGS:
            return
        if self.capture is not None:
            self.capture_depth += 1
        elif tag == "title" and not self.title_seen and not self.foreign:
            self.title_seen, self.capture, self.capture_depth, self.capture_json = True, [], 1, False
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self.capture, self.capture_depth, self.capture_json = [], 1, True
        if tag == "meta":
            key = attrs.get("property") or attrs.get("name") or attrs.get("itemprop")
            self.collected.metas.append((key, attrs.get("content")))
        elif tag == "time" and len(self.collected.time_stamps) < MAX_TIME_STAMPS:
            self.collected.time_stamps.append(attrs.get("datetime", ""))
        elif tag == "link" and not self.collected.canonical_seen and attrs.get("rel") == "canonical":
            self.collected.canonical_seen, self.collected.canonical = True, attrs.get("href")

    def end(self) -> None:
        """An end tag: a capture (the <title>, a JSON-LD script) ends with its element."""
        if self.foreign:
            self.foreign -= 1
        if self.capture is not None:
            self.capture_depth -= 1
            if not self.capture_depth:
                self._end_capture()

    def data(self, text: str) -> None:
        """A text: part of the capture, if one is open."""
        if self.capture is not None:
            self.capture.append(text)

    def _end_capture(self) -> None:
        text = "".join(self.capture or ())
        if self.capture_json:
            if text:
                self.collected.json_ld.append(text)
        else:
            self.title = " ".join(text.split())
        self.capture = None
