"""Records: what every batch reader gives, and every stage after it takes.

Why one record type: the batch runner numbers every record it is given and accounts
for each one. Readers therefore never drop anything silently: a record that cannot be
read becomes a `Record` with `error` set, a record that is not a page (a WARC request, an
image) one with `skip` set.
"""

from __future__ import annotations

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


def place_source(path: str, place: Place) -> str:
    """A record's `source`: "file@offset", or "file@offset#rank" after a member's first."""
    return f"{path}@{place[0]}" + (f"#{place[1]}" if place[1] else "")
