"""Records: what every batch reader gives, and every stage after it takes.

Why one record type: the batch runner numbers every record it is given and accounts
for each one. Readers therefore never drop anything silently: a record that cannot be
read becomes a `Record` with `error` set, a record that is not a page (a WARC request, an
image) one with `skip` set.
"""

from __future__ import annotations

import sys
from collections.abc import Collection
from dataclasses import dataclass

STDIN = "-"  # an input named so is JSON lines on stdin


@dataclass(slots=True)
class Record:
    """One input record. Exactly one of `data`, `error` and `skip` says what it holds."""

    id: str
    source: str  # file and offset ("crawl.warc.gz@1234") or line ("pages.jsonl:17")
    url: str | None = None
    data: bytes | str | None = None
    kind: str = "auto"  # "html", "text", "http" (a whole HTTP response) or "auto"
    error: str | None = None
    skip: str | None = None
    end: int = -1  # bytes of its input read through this record (-1: the whole input)
    meta: bool = False  # a WARC record that never holds a page (request, warcinfo, metadata...)
    truncated: str | None = None  # why the crawler cut a WARC record short (WARC-Truncated: length...)


@dataclass(frozen=True, slots=True)
class JsonlFields:
    """Which JSON keys hold the page and its identity."""

    html: str = "html"
    text: str = "text"
    url: str = "url"
    id: str = "id"


# A record's place in its file: (file offset of its gzip member, its rank among the
# records that begin in that member). Uncompressed, the offset is the record's own and
# the rank 0; in a compressed stream that cannot be cut (zstd), (0, record number).
Place = tuple[int, int]

NOTHING_DONE: Place = (-1, 0)
WHOLE: Place = (sys.maxsize, 0)  # an input read as one record


def place_source(path: str, place: Place) -> str:
    """A record's `source`: "file@offset", or "file@offset#rank" after a member's first."""
    return f"{path}@{place[0]}" + (f"#{place[1]}" if place[1] else "")


def place_in(path: str, source: str) -> Place | None:
    """Where in `path` a record's source lies ("@offset", "@offset#rank", ":line", and
    "#end" for the error that ended an input after some records); the whole input
    (one record: a page file, or an input that could not be read); None if elsewhere."""
    if source == path:
        return WHOLE
    if not source.startswith(path) or source[len(path) : len(path) + 1] not in ("@", ":"):
        return None
    tail = source[len(path) + 1 :]
    tail, end = tail.removesuffix("#end"), tail.endswith("#end")
    offset, _, rank = tail.partition("#")
    if not offset.isdigit() or not (rank.isdigit() or not rank):
        return None
    return (int(offset), sys.maxsize if end else int(rank or 0))


def input_of(source: str, inputs: Collection[str]) -> str:
    """The input of `inputs` a record's source lies in (`source` itself if none): the
    summary counts five bad stretches of one WARC as one input, and a file named
    "notes:1" as its own."""
    if source in inputs:
        return source
    cuts = (i for i in range(len(source) - 1, 0, -1) if source[i] in "@:")
    return next((source[:i] for i in cuts if source[:i] in inputs and place_in(source[:i], source)), source)
