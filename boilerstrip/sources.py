"""Batch inputs: WARC/WET files, JSONL, folders and globs of pages, read as records.

Why one record stream: the batch runner numbers every record it is given and accounts
for each one. Readers therefore never drop anything silently: a record that cannot be
read becomes a `Record` with `error` set, a record that is not a page (a WARC request, an
image) one with `skip` set. Iteration order is deterministic (files sorted, records in
file order), which is what lets `--resume` skip exactly the records already written.

WARC is read with FastWARC (the fastest maintained WARC reader for Python; optional
extra `[warc]`); a corrupt gzip member is reported and reading resumes at the next one.
"""

from __future__ import annotations

import glob
import gzip
import io
import json
import os
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Any

from .inflate import Members, TooLarge, inflate, one_past, read_capped
from .remote import expand_url, is_url, open_input, open_text_url, size_of

STDIN = "-"  # an input named so is JSON lines on stdin
# What a blank JSONL line holds: ASCII whitespace. Not str.strip()'s Unicode whitespace:
# a line of U+2028 or U+00A0 is no JSON, so an error line, not silently no record.
_BLANK = " \t\r\n\x0b\x0c"
PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".txt")
WARC_SUFFIXES = (".warc", ".warc.gz", ".wet", ".wet.gz", ".warc.zst")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".jsonl.zst", ".ndjson", ".ndjson.gz")
_HTML_TYPES = ("text/html", "application/xhtml+xml", "application/xml", "text/xml")
_GZIP_MAGIC = b"\x1f\x8b\x08"
_UNKNOWN = "unknown file type (expected .warc[.gz], .wet[.gz], .jsonl[.gz|.zst], .html, .htm, .txt)"


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


@dataclass(frozen=True, slots=True)
class JsonlFields:
    """Which JSON keys hold the page and its identity."""

    html: str = "html"
    text: str = "text"
    url: str = "url"
    id: str = "id"


def expand(inputs: Iterable[str]) -> Iterator[tuple[str, str | None]]:
    """(path, problem) for every input file: folders are walked, globs expanded, both
    sorted; a name that is no readable file comes with the reason."""
    for item in inputs:
        if item == STDIN:
            yield item, None
            continue
        if is_url(item):  # read through fsspec (remote.py)
            yield from _typed(expand_url(item, lambda name: _kind_of(name) is not None))
            continue
        matches = sorted(glob.glob(item, recursive=True)) if glob.has_magic(item) else [item]
        if not matches:
            yield item, "no file matches this pattern"
        for path in matches:
            if os.path.isdir(path):
                for root, dirs, files in os.walk(path):
                    dirs.sort()
                    for name in sorted(files):
                        if _kind_of(name) is not None:
                            yield os.path.join(root, name), None
            elif not os.path.exists(path):
                yield path, "no such file"
            elif _kind_of(path) is None:
                yield path, _UNKNOWN
            else:
                yield path, None


def _typed(found: list[tuple[str, str | None]]) -> Iterator[tuple[str, str | None]]:
    for path, problem in found:
        yield path, problem or (_UNKNOWN if _kind_of(path) is None else None)


@dataclass(frozen=True, slots=True)
class Survey:
    """What a walk over the inputs found before any is read."""

    bytes: int  # their size on disk, for a progress bar with a total
    missing: str | None  # a package that reading them needs and is not installed


def survey(inputs: Iterable[str]) -> Survey:
    """The inputs' total size, and whether every reader they need is installed: a batch
    whose WARCs cannot be read is refused before it writes a line, not one error a file."""
    total, missing = 0, None
    for path, problem in expand(inputs):
        if problem is not None:
            continue
        total += file_size(path)
        if missing is None:
            missing = _missing_package(path)
    return Survey(total, missing)


def file_size(path: str) -> int:
    """The size of an input file; 0 where it has none (stdin) or cannot be read."""
    if path == STDIN:
        return 0
    try:
        return size_of(path)
    except OSError:
        return 0


def _missing_package(path: str) -> str | None:
    """The package reading `path` needs, as the line that tells how to install it."""
    kind, name = _kind_of(path), path.lower()
    if kind == "warc" and not _importable("fastwarc"):
        return f"reading WARC ({path}) needs FastWARC: pip install fastwarc (boilerstrip's extra [warc])"
    if kind == "jsonl" and name.endswith(".zst") and not _importable("zstandard"):
        return (
            f"reading {path} needs the zstandard package: pip install zstandard (boilerstrip's extra [zstd])"
        )
    return None


def _importable(name: str) -> bool:
    import importlib

    try:
        importlib.import_module(name)
    except ImportError:
        return False
    return True


def read_file(
    path: str, problem: str | None, fields: JsonlFields, max_bytes: int = 0, after: Place = (-1, 0)
) -> Iterator[Record]:
    """The records of one input (one error record if it cannot be read); a WARC's from
    after the place `after` (see `read_warc`). Never raises: whatever stops the reading
    becomes an error record after the records read."""
    if problem:
        yield Record(id=path, source=path, error=f"unreadable input: {problem}")
        return
    kind = _kind_of(path)
    last: str | None = None
    try:
        if kind == "warc":
            records = read_warc(path, after=after, max_bytes=max_bytes)
        elif kind == "jsonl":
            records = read_jsonl(path, fields, max_bytes)
        else:
            records = iter([read_page_file(path, max_bytes)])
        for rec in records:
            last = rec.source
            yield rec
    except Exception as exc:  # noqa: BLE001 - an input that breaks its reader is an error record
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else f"{type(exc).__name__}: {exc}"
        source = path if last is None else f"{last}#end"
        yield Record(id=source, source=source, error=f"unreadable input: {reason}")


def is_warc(path: str) -> bool:
    """Whether the input is a WARC (or WET) file, whose records have places."""
    return _kind_of(path) == "warc"


def can_segment(path: str) -> bool:
    """Whether workers can read this input in parallel segments: a gzipped WARC (one
    gzip member a record, as the standard asks) and FastWARC to read it."""
    if _kind_of(path) != "warc" or not path.lower().endswith(".gz"):
        return False
    try:
        import fastwarc  # noqa: F401
    except ImportError:
        return False
    return True


def _kind_of(path: str) -> str | None:
    if path == STDIN:
        return "jsonl"
    name = path.lower()
    if name.endswith(WARC_SUFFIXES):
        return "warc"
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if name.endswith(PAGE_SUFFIXES) or name.endswith(tuple(s + ".gz" for s in PAGE_SUFFIXES)):
        return "page"
    return None


def read_page_file(path: str, max_bytes: int = 0) -> Record:
    """A single page file (.html, .htm, .txt, optionally gzipped), read and inflated no
    further than `max_bytes` when set."""
    cap = max_bytes or sys.maxsize
    gzipped = path.lower().endswith(".gz")
    try:
        with open_input(path) as fh:
            data = read_capped(fh, cap)
        if gzipped:
            data = inflate(data, cap)
    except TooLarge as exc:
        return Record(id=path, source=path, error=f"page file {exc}: over --max-bytes {max_bytes}")
    except (EOFError, zlib.error) as exc:
        return Record(id=path, source=path, error=f"corrupt gzip file: {exc}")
    kind = "text" if path.lower().removesuffix(".gz").endswith(".txt") else "html"
    return Record(id=path, source=path, data=data, kind=kind)


# --- JSONL --------------------------------------------------------------------------


def _raw(path: str) -> io.BufferedReader:
    """The input's bytes: the file, or stdin (left open for whoever reads it after)."""
    if path == STDIN:
        return open(sys.stdin.fileno(), "rb", closefd=False)  # noqa: SIM115
    return open(path, "rb")  # noqa: SIM115


def _text_of(path: str, raw: io.BufferedReader) -> IO[str]:
    """The text of a JSONL input: gzipped (by its name, or on stdin by its magic bytes),
    zstd-compressed (by its name) or plain."""
    name = path.lower()
    stream: Any = raw
    if name.endswith(".gz") or (path == STDIN and raw.peek(2)[:2] == b"\x1f\x8b"):
        stream = gzip.GzipFile(fileobj=raw)
    elif name.endswith(".zst"):
        try:
            import zstandard
        except ImportError as exc:
            raise OSError(
                0,
                "reading .zst needs the zstandard package: pip install zstandard (boilerstrip's extra [zstd])",
            ) from exc
        stream = zstandard.ZstdDecompressor().stream_reader(raw)
    # Only "\n" ends a line: JSON allows a "\r" between tokens, which universal
    # newlines would take for a line end, splitting one record into two error lines.
    return io.TextIOWrapper(stream, encoding="utf-8", errors="replace", newline="\n")


def _tell(raw: io.BufferedReader) -> int:
    """How far into the file reading has gone (with read-ahead), -1 on a pipe."""
    try:
        return raw.tell()
    except OSError:
        return -1


def read_jsonl(path: str, fields: JsonlFields, max_bytes: int = 0) -> Iterator[Record]:
    """One record a line; a line that is not a JSON object with a page is an error, and
    so is one longer than `max_bytes` characters (when set), which is read no further."""
    if is_url(path):  # fsspec inflates it; its place is not tracked
        with open_text_url(path) as fh:
            yield from _jsonl_records(path, fh, fields, max_bytes)
        return
    with _raw(path) as raw, _text_of(path, raw) as fh:
        for record in _jsonl_records(path, fh, fields, max_bytes):
            record.end = _tell(raw)
            yield record


def _jsonl_records(path: str, fh: IO[str], fields: JsonlFields, max_bytes: int) -> Iterator[Record]:
    cap = max_bytes or sys.maxsize
    lineno = 0
    while True:
        source = f"{path}:{lineno + 1}"
        try:
            line = fh.readline(one_past(cap))
            long = len(line) > cap and not line.endswith("\n")
            if long:
                _skip_line(fh)
        except Exception as exc:  # noqa: BLE001 - a stream that breaks ends the file
            yield Record(id=source, source=source, error=f"corrupt file: {type(exc).__name__}: {exc}")
            return
        if not line:
            return
        lineno += 1
        if long:
            yield Record(id=source, source=source, error=f"line of over {cap} characters is over --max-bytes")
        elif line.strip(_BLANK):
            yield _jsonl_record(path, lineno, line, fields)


def _jsonl_record(path: str, lineno: int, line: str, fields: JsonlFields) -> Record:
    """The record of one line; whatever is wrong with the line makes an error record."""
    try:
        return _parse_jsonl(path, lineno, line, fields)
    except Exception as exc:  # noqa: BLE001 - one bad line must not end the file
        source = f"{path}:{lineno}"
        return Record(id=source, source=source, error=f"unreadable line: {type(exc).__name__}: {exc}")


def _skip_line(fh: IO[str]) -> None:
    """Read to the end of the current line without keeping it."""
    while True:
        chunk = fh.readline(1 << 20)
        if not chunk or chunk.endswith("\n"):
            return


def _parse_jsonl(path: str, lineno: int, line: str, fields: JsonlFields) -> Record:
    source = f"{path}:{lineno}"
    try:
        obj: Any = json.loads(line)
    except ValueError as exc:
        return Record(id=source, source=source, error=f"invalid JSON: {exc}")
    except RecursionError:
        return Record(id=source, source=source, error="invalid JSON: nested too deeply")
    if not isinstance(obj, dict):
        return Record(id=source, source=source, error="the line is not a JSON object")
    rid = str(obj.get(fields.id) or source)
    url = obj.get(fields.url)
    url = url if isinstance(url, str) else None
    for key, kind in ((fields.html, "html"), (fields.text, "text")):
        value = obj.get(key)
        if isinstance(value, str) and value:
            return Record(id=rid, source=source, url=url, data=value, kind=kind)
    return Record(
        id=rid, source=source, url=url, error=f"no '{fields.html}' or '{fields.text}' field with a page"
    )


# --- WARC ---------------------------------------------------------------------------

# A record's place in its file: (file offset of its gzip member, its rank among the
# records that begin in that member). Uncompressed, the offset is the record's own and
# the rank 0; in a compressed stream that cannot be cut (zstd), (0, record number).
Place = tuple[int, int]
NOTHING_DONE: Place = (-1, 0)


def place_source(path: str, place: Place) -> str:
    """A record's `source`: "file@offset", or "file@offset#rank" after a member's first."""
    return f"{path}@{place[0]}" + (f"#{place[1]}" if place[1] else "")


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
        found = _verified_member(path, starts[-1] + size_hint, size)
        if found >= size:
            break
        starts.append(found)
    return list(zip(starts, [*starts[1:], size], strict=True))


def _verified_member(path: str, offset: int, size: int) -> int:
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
        head = _http_head(body) if rtype == "response" else None
        skip = head.skip if isinstance(head, _Head) else None
        over = f"record of over {max_bytes} bytes is over --max-bytes {max_bytes}"
        return Record(id=rid, source=source, url=url, skip=skip, error=None if skip else over)
    if declared is not None and len(body) < declared:
        return Record(
            id=rid, source=source, url=url, error=f"truncated record: {len(body)} of {declared} bytes"
        )
    if rtype == "conversion":
        return Record(id=rid, source=source, url=url, data=body, kind="text")
    if rtype == "resource":
        if str(headers.get("Content-Type", "")).startswith(_HTML_TYPES):
            return Record(id=rid, source=source, url=url, data=body, kind="html")
        return Record(id=rid, source=source, url=url, skip="resource record")
    # Parsing the HTTP message is left to the worker that cleans it (see `unwrap_http`):
    # the reading process stays light, so it never holds the workers back.
    return Record(id=rid, source=source, url=url, data=body, kind="http")


def unwrap_http(rec: Record, max_bytes: int = 0) -> Record:
    """A `kind="http"` record as its HTML payload (inflated to at most `max_bytes`
    when set), or as a skip or an error."""
    assert isinstance(rec.data, bytes)
    rid, source, url = rec.id, rec.source, rec.url
    head = _http_head(rec.data)
    if isinstance(head, str):
        return Record(id=rid, source=source, url=url, error=head)
    if head.skip:
        return Record(id=rid, source=source, url=url, skip=head.skip)
    try:
        payload = _decode_transfer(head.payload, head.fields, max_bytes or sys.maxsize)
    except TooLarge:
        return Record(
            id=rid, source=source, url=url, error=f"HTTP payload inflates to over --max-bytes {max_bytes}"
        )
    except (OSError, EOFError, zlib.error, ValueError) as exc:
        return Record(id=rid, source=source, url=url, error=f"undecodable HTTP payload: {exc}")
    return Record(id=rid, source=source, url=url, data=payload, kind="html")


@dataclass(frozen=True, slots=True)
class _Head:
    """An HTTP response's header fields, payload, and why it is no page (if it is not)."""

    fields: dict[str, str]
    payload: bytes
    skip: str | None


def _http_head(block: bytes) -> _Head | str:
    """The parsed HTTP response, or why it cannot be parsed."""
    head, sep, payload = block.partition(b"\r\n\r\n")
    if not sep:
        head, sep, payload = block.partition(b"\n\n")
    lines = head.decode("iso-8859-1").splitlines()
    status = lines[0].split() if lines else []
    if not sep or len(status) < 2 or not status[0].startswith("HTTP/"):
        return "response record without HTTP headers"
    fields = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        fields[name.strip().lower()] = value.strip()
    ctype = fields.get("content-type", "text/html").lower()
    skip = None
    if not status[1].startswith("2"):
        skip = f"HTTP status {status[1]}"
    elif not ctype.startswith(_HTML_TYPES):
        skip = f"not HTML: {ctype.split(';')[0]}"
    return _Head(fields, payload, skip)


def _decode_transfer(payload: bytes, fields: dict[str, str], cap: int) -> bytes:
    if "chunked" in fields.get("transfer-encoding", ""):
        payload = _dechunk(payload)
    encoding = fields.get("content-encoding", "").lower()
    if encoding in ("gzip", "x-gzip"):
        return inflate(payload, cap)
    if encoding == "deflate":
        try:
            return inflate(payload, cap, zlib.MAX_WBITS)
        except zlib.error:
            return inflate(payload, cap, -zlib.MAX_WBITS)
    return payload


def _dechunk(data: bytes) -> bytes:
    out = bytearray()
    pos = 0
    while pos < len(data):
        line_end = data.find(b"\r\n", pos)
        if line_end < 0:
            raise ValueError("broken chunked encoding")
        size = int(data[pos:line_end].split(b";")[0] or b"0", 16)
        if size == 0:
            break
        out += data[line_end + 2 : line_end + 2 + size]
        pos = line_end + 2 + size + 2
    return bytes(out)
