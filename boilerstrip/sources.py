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
import pathlib
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Any

PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".txt")
WARC_SUFFIXES = (".warc", ".warc.gz", ".wet", ".wet.gz", ".warc.zst")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".jsonl.zst", ".ndjson", ".ndjson.gz")
_HTML_TYPES = ("text/html", "application/xhtml+xml", "application/xml", "text/xml")
_GZIP_MAGIC = b"\x1f\x8b\x08"


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
                yield (
                    path,
                    "unknown file type (expected .warc[.gz], .wet[.gz], .jsonl[.gz|.zst], .html, .htm, .txt)",
                )
            else:
                yield path, None


def read(inputs: Iterable[str], fields: JsonlFields = JsonlFields()) -> Iterator[Record]:
    """Every record of every input, in a deterministic order."""
    for path, problem in expand(inputs):
        yield from read_file(path, problem, fields)


def read_file(path: str, problem: str | None, fields: JsonlFields) -> Iterator[Record]:
    """The records of one input (one error record if it cannot be read)."""
    if problem:
        yield Record(id=path, source=path, error=f"unreadable input: {problem}")
        return
    kind = _kind_of(path)
    try:
        if kind == "warc":
            yield from read_warc(path)
        elif kind == "jsonl":
            yield from read_jsonl(path, fields)
        else:
            yield read_page_file(path)
    except OSError as exc:
        yield Record(id=path, source=path, error=f"unreadable input: {exc.strerror or exc}")


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
    name = path.lower()
    if name.endswith(WARC_SUFFIXES):
        return "warc"
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if name.endswith(PAGE_SUFFIXES) or name.endswith(tuple(s + ".gz" for s in PAGE_SUFFIXES)):
        return "page"
    return None


def read_page_file(path: str) -> Record:
    """A single page file (.html, .htm, .txt, optionally gzipped)."""
    data = pathlib.Path(path).read_bytes()
    if path.lower().endswith(".gz"):
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as exc:
            return Record(id=path, source=path, error=f"corrupt gzip file: {exc}")
    kind = "text" if path.lower().removesuffix(".gz").endswith(".txt") else "html"
    return Record(id=path, source=path, data=data, kind=kind)


# --- JSONL --------------------------------------------------------------------------


def _open_text(path: str) -> IO[str]:
    name = path.lower()
    if name.endswith(".gz"):
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8", errors="replace")
    if name.endswith(".zst"):
        try:
            import zstandard
        except ImportError as exc:
            raise OSError(
                0, "reading .zst needs the zstandard package: pip install 'boilerstrip[zstd]'"
            ) from exc
        raw = zstandard.ZstdDecompressor().stream_reader(open(path, "rb"))  # noqa: SIM115
        return io.TextIOWrapper(raw, encoding="utf-8", errors="replace")
    return open(path, encoding="utf-8", errors="replace")  # noqa: SIM115


def read_jsonl(path: str, fields: JsonlFields) -> Iterator[Record]:
    """One record a line; a line that is not a JSON object with a page is an error."""
    with _open_text(path) as fh:
        lineno = 0
        while True:
            try:
                line = fh.readline()
            except (OSError, EOFError, zlib.error) as exc:
                yield Record(
                    id=f"{path}:{lineno + 1}", source=f"{path}:{lineno + 1}", error=f"corrupt file: {exc}"
                )
                return
            if not line:
                return
            lineno += 1
            if line.strip():
                yield _jsonl_record(path, lineno, line, fields)


def _jsonl_record(path: str, lineno: int, line: str, fields: JsonlFields) -> Record:
    source = f"{path}:{lineno}"
    try:
        obj: Any = json.loads(line)
    except ValueError as exc:
        return Record(id=source, source=source, error=f"invalid JSON: {exc}")
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


def read_warc(path: str, start: int = 0, end: int | None = None, after: int = -1) -> Iterator[Record]:
    """Response records with HTML, conversion (WET) records with text; every other
    record is skipped with its type. A corrupt stretch becomes one error and reading
    resumes at the next gzip member (or WARC header, uncompressed).

    `start`/`end` read one segment (`warc_segments`): the records that begin in
    [start, end), the last one read to its end. Records at or before `after` were
    done by an earlier run (`--resume`) and are passed over."""
    try:
        from fastwarc.warc import ArchiveIterator, WarcRecordType
    except ImportError as exc:
        raise OSError(0, "reading WARC needs FastWARC: pip install 'boilerstrip[warc]'") from exc
    size = os.path.getsize(path)
    stop = size if end is None else min(end, size)
    while start < stop:
        last_end = start
        base = -1  # FastWARC counts positions from the file's start, not from the seek
        with open(path, "rb") as fh:
            fh.seek(start)
            try:
                for rec in ArchiveIterator(
                    fh, parse_http=False, record_types=WarcRecordType.any_type, auto_decode="none"
                ):
                    if base < 0:
                        base = 0 if rec.stream_pos >= start else start
                    offset = base + rec.stream_pos
                    if offset >= stop:
                        return
                    if offset > after:
                        yield _warc_record(path, offset, rec)
                    last_end = offset + 1
                return
            except Exception as exc:  # noqa: BLE001 - any failure of the reader is a corrupt stretch
                bad_from = _next_member(path, last_end, size) if last_end > start else start
                if bad_from >= stop:
                    return  # the next segment's reader reports it
                resume = _next_member(path, bad_from + 1, size)
                if bad_from > after:
                    yield Record(
                        id=f"{path}@{bad_from}",
                        source=f"{path}@{bad_from}",
                        error=f"corrupt WARC data at bytes {bad_from}-{resume}: {exc}",
                    )
                start = resume


def warc_segments(path: str, size_hint: int) -> list[tuple[int, int]]:
    """Byte ranges of a gzipped WARC, about `size_hint` bytes each, every one but the
    first starting at a record's own gzip member (a gzip header whose first inflated
    bytes read "WARC/"). Workers read and inflate the segments in parallel, so the
    process that hands them out never inflates a byte. A file that is one gzip stream
    is one segment."""
    size = os.path.getsize(path)
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
    with open(path, "rb") as fh:
        fh.seek(offset)
        head = fh.read(1024)
    try:
        return zlib.decompressobj(31).decompress(head, 8).startswith(b"WARC/")
    except zlib.error:
        return False


def _next_member(path: str, offset: int, size: int) -> int:
    """Offset of the next gzip member or WARC header at or after `offset` (else EOF)."""
    magic = _GZIP_MAGIC if path.lower().endswith((".gz",)) else b"WARC/1."
    with open(path, "rb") as fh:
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


def _warc_record(path: str, offset: int, rec: Any) -> Record:
    headers = rec.headers
    rtype = str(headers.get("WARC-Type", "")).lower()
    rid = str(headers.get("WARC-Record-ID") or f"{path}@{offset}")
    url = headers.get("WARC-Target-URI")
    source = f"{path}@{offset}"
    body = rec.reader.read()
    declared = rec.content_length
    if declared is not None and len(body) < declared:
        return Record(
            id=rid, source=source, url=url, error=f"truncated record: {len(body)} of {declared} bytes"
        )
    if rtype == "conversion":
        return Record(id=rid, source=source, url=url, data=body, kind="text")
    if rtype == "resource" and str(headers.get("Content-Type", "")).startswith(_HTML_TYPES):
        return Record(id=rid, source=source, url=url, data=body, kind="html")
    if rtype != "response":
        return Record(id=rid, source=source, url=url, skip=f"{rtype or 'untyped'} record")
    # Parsing the HTTP message is left to the worker that cleans it (see `unwrap_http`):
    # the reading process stays light, so it never holds the workers back.
    return Record(id=rid, source=source, url=url, data=body, kind="http")


def unwrap_http(rec: Record) -> Record:
    """A `kind="http"` record as its HTML payload, or as a skip or an error."""
    assert isinstance(rec.data, bytes)
    return _http_response(rec.id, rec.source, rec.url, rec.data)


def _http_response(rid: str, source: str, url: str | None, block: bytes) -> Record:
    """The HTML payload of an HTTP response, de-chunked and decompressed as needed."""
    head, sep, payload = block.partition(b"\r\n\r\n")
    if not sep:
        head, sep, payload = block.partition(b"\n\n")
    lines = head.decode("iso-8859-1").splitlines()
    status = lines[0].split() if lines else []
    if not sep or len(status) < 2 or not status[0].startswith("HTTP/"):
        return Record(id=rid, source=source, url=url, error="response record without HTTP headers")
    fields = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        fields[name.strip().lower()] = value.strip()
    if not status[1].startswith("2"):
        return Record(id=rid, source=source, url=url, skip=f"HTTP status {status[1]}")
    ctype = fields.get("content-type", "text/html").lower()
    if not ctype.startswith(_HTML_TYPES):
        return Record(id=rid, source=source, url=url, skip=f"not HTML: {ctype.split(';')[0]}")
    try:
        payload = _decode_transfer(payload, fields)
    except (OSError, EOFError, zlib.error, ValueError) as exc:
        return Record(id=rid, source=source, url=url, error=f"undecodable HTTP payload: {exc}")
    return Record(id=rid, source=source, url=url, data=payload, kind="html")


def _decode_transfer(payload: bytes, fields: dict[str, str]) -> bytes:
    if "chunked" in fields.get("transfer-encoding", ""):
        payload = _dechunk(payload)
    encoding = fields.get("content-encoding", "").lower()
    if encoding in ("gzip", "x-gzip"):
        return gzip.decompress(payload)
    if encoding == "deflate":
        try:
            return zlib.decompress(payload)
        except zlib.error:
            return zlib.decompress(payload, -zlib.MAX_WBITS)
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
