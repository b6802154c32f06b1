"""WARC and WET files read as records, each with a resumable place, and cut into
segments that workers read in parallel.

WARC is read with FastWARC (the fastest maintained WARC reader for Python; optional
extra `[warc]`); a corrupt gzip member is reported and reading resumes at the next one.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import Any

from .inflate import Members
from .records import NOTHING_DONE, Place, Record, place_source
from .remote import open_input, size_of
from .responses import HTML_TYPES, Head, http_head

_GZIP_MAGIC = b"\x1f\x8b\x08"


def read_warc(
    path: str, start: int = 0, end: int | None = None, after: Place = NOTHING_DONE, max_bytes: int = 0
) -> Iterator[Record]:
    """Response records with HTML, conversion (WET) records with text; every other
    record is skipped with its type. A corrupt stretch becomes one error and reading
    resumes at the next gzip member (or WARC header, uncompressed).

    `start`/`end` read one segment (`warc_segments`): the records whose member begins
    in [start, end), the last one read to its end. Records at or before the place
    `after` were done by an earlier run (`--resume`) and are passed over. A record body
    over `max_bytes` (when set) is an error, read no further."""
    size = size_of(path)
    stop = size if end is None else min(end, size)
    while start < stop:
        reader = _WarcReader(path, start)
        try:
            for place, rec in reader:
                if place[0] >= stop:
                    return
                record = _warc_record(path, place, rec, max_bytes) if place > after else None
                reader.good = place
                if record is not None:
                    record.end = place[0]
                    yield record
            return
        except Exception as exc:  # noqa: BLE001 - any failure of the reader is a corrupt stretch
            bad, resume = reader.bad_stretch(size)
            if bad[0] >= stop:
                return  # the next segment's reader reports it
            if bad > after:
                yield Record(
                    id=place_source(path, bad),
                    source=place_source(path, bad),
                    error=_stretch_reason(bad[0], resume, size, exc),
                )
            start = max(resume, start + 1)


def _stretch_reason(bad: int, resume: int, size: int, exc: Exception) -> str:
    if isinstance(exc, EOFError) and resume >= size:
        return f"truncated record at bytes {bad}-{size}: the file ends inside it"
    return f"corrupt WARC data at bytes {bad}-{resume}: {exc}"


class _WarcReader:
    """FastWARC over one WARC file from `start`, giving each record its `Place`, and
    after a failure the place and extent of the bad stretch."""

    def __init__(self, path: str, start: int) -> None:
        self.path, self.start = path, start
        name = path.lower()
        self.layout = "gzip" if name.endswith(".gz") else "zst" if name.endswith(".zst") else "plain"
        self.members: Members | None = None
        self.last: Place | None = None  # place of the last record given out
        self.last_pos = -1  # its position in the (inflated) stream
        self.good: Place | None = None  # place of the last record read whole

    def __iter__(self) -> Iterator[tuple[Place, Any]]:
        try:
            from fastwarc.warc import ArchiveIterator, WarcRecordType
        except ImportError as exc:
            raise OSError(
                0, "reading WARC needs FastWARC: pip install fastwarc (boilerstrip's extra [warc])"
            ) from exc
        with open_input(self.path) as fh:
            fh.seek(self.start)
            stream: Any = fh
            if self.layout == "gzip":
                stream = self.members = Members(fh, self.start)
            options: dict[str, Any] = {"parse_http": False, "record_types": WarcRecordType.any_type}
            if self.layout != "zst":
                options["stream_detect"] = False
            for rec in ArchiveIterator(stream, auto_decode="none", **options):
                place = self._place(rec.stream_pos)
                self.last, self.last_pos = place, rec.stream_pos
                yield place, rec

    def _place(self, pos: int) -> Place:
        last = self.last
        if self.layout == "plain":
            return (pos if pos >= self.start else self.start + pos, 0)
        if self.layout == "zst":
            return (0, 0 if last is None else last[1] + 1)
        assert self.members is not None
        member = self.members.member_of(pos)
        self.members.forget_before(pos)
        return (member, last[1] + 1 if last is not None and last[0] == member else 0)

    def bad_stretch(self, size: int) -> tuple[Place, int]:
        """(place of the bad stretch, file offset where reading can go on)."""
        last = self.good
        if self.layout == "zst":
            return (0, 0 if last is None else last[1] + 1), size  # a zstd stream cannot resync
        if self.layout == "plain":
            bad = _next_member(self.path, last[0] + 1, size) if last else self.start
            return (bad, 0), _next_member(self.path, bad + 1, size)
        bad = self._bad_member(size)
        rank = last[1] + 1 if last is not None and last[0] == bad else 0
        return (bad, rank), _next_member(self.path, bad + 1, size)

    def _bad_member(self, size: int) -> int:
        """The member where reading broke: the one being inflated if inflating failed,
        else the first after the last good record's (the parser reads ahead)."""
        members, good = self.members, self.good
        if members is not None and members.failed:
            return members.current
        if members is None or good is None:
            return self.start
        if self.last is not None and self.last != good:
            return self.last[0]  # the record given out last broke while it was read
        following = members.member_after(self.last_pos)
        return following if following is not None else _next_member(self.path, good[0] + 1, size)


def warc_segments(path: str, size_hint: int) -> list[tuple[int, int]]:
    """Byte ranges of a gzipped WARC, about `size_hint` bytes each, every one but the
    first starting at a record's own gzip member (a gzip header whose first inflated
    bytes read "WARC/"). Workers read and inflate the segments in parallel, so the
    process that hands them out never inflates a byte. A file that is one gzip stream
    is one segment."""
    size = size_of(path)
    starts = [0]
    while starts[-1] + size_hint < size:
        found = verified_member(path, starts[-1] + size_hint, size)
        if found >= size:
            break
        starts.append(found)
    return list(zip(starts, [*starts[1:], size], strict=True))


def verified_member(path: str, offset: int, size: int) -> int:
    """The first gzip member at or after `offset` that begins a WARC record (else EOF):
    the magic bytes alone also occur inside compressed data."""
    while True:
        found = _next_member(path, offset, size)
        if found >= size or _opens_warc_record(path, found):
            return found
        offset = found + 1


def _opens_warc_record(path: str, offset: int) -> bool:
    with open_input(path) as fh:
        fh.seek(offset)
        head = fh.read(1024)
    try:
        return zlib.decompressobj(31).decompress(head, 8).startswith(b"WARC/")
    except zlib.error:
        return False


def _next_member(path: str, offset: int, size: int) -> int:
    """Offset of the next gzip member or WARC header at or after `offset` (else EOF)."""
    magic = _GZIP_MAGIC if path.lower().endswith((".gz",)) else b"WARC/1."
    with open_input(path) as fh:
        fh.seek(offset)
        while True:
            pos = fh.tell()
            chunk = fh.read(1 << 20)
            if not chunk:
                return size
            found = chunk.find(magic)
            if found >= 0:
                return pos + found
            if len(chunk) < 1 << 20:
                return size  # the last chunk: no magic before the end
            fh.seek(pos + len(chunk) - len(magic) + 1)


def _warc_record(path: str, place: Place, rec: Any, max_bytes: int) -> Record:
    headers = rec.headers
    rtype = str(headers.get("WARC-Type", "")).lower()
    source = place_source(path, place)
    rid = str(headers.get("WARC-Record-ID") or source)
    url = headers.get("WARC-Target-URI")
    if rtype not in ("conversion", "resource", "response"):
        return Record(id=rid, source=source, url=url, skip=f"{rtype or 'untyped'} record", meta=True)
    body = rec.reader.read(max_bytes + 1) if max_bytes else rec.reader.read()
    declared = rec.content_length
    if max_bytes and max(len(body), declared or 0) > max_bytes:
        # Read no further than the cap; a response that is no HTML page is still a skip.
        head = http_head(body) if rtype == "response" else None
        skip = head.skip if isinstance(head, Head) else None
        over = f"record of over {max_bytes} bytes is over --max-bytes {max_bytes}"
        return Record(id=rid, source=source, url=url, skip=skip, error=None if skip else over)
    if declared is not None and len(body) < declared:
        return Record(
            id=rid, source=source, url=url, error=f"truncated record: {len(body)} of {declared} bytes"
        )
    if rtype == "conversion":
        return Record(id=rid, source=source, url=url, data=body, kind="text")
    if rtype == "resource":
        if str(headers.get("Content-Type", "")).startswith(HTML_TYPES):
            return Record(id=rid, source=source, url=url, data=body, kind="html")
        return Record(id=rid, source=source, url=url, skip="resource record")
    # Parsing the HTTP message is left to the worker that cleans it (see `unwrap_http`):
    # the reading process stays light, so it never holds the workers back.
    return Record(id=rid, source=source, url=url, data=body, kind="http")
