"""JSON lines inputs (plain, gzipped, zstd; files, stdin and URLs) read as records.

Why line by line with a cap: one line is one record, and a line that is no JSON
object with a page, or longer than `--max-bytes`, is an error record (read no
further), never the end of the file: one bad line must not cost the rest.
"""

from __future__ import annotations

import gzip
import io
import json
import sys
from collections.abc import Iterator
from typing import IO, Any

from .inflate import ZstdFrames, one_past
from .records import STDIN, JsonlFields, Record
from .remote import open_input

# What a blank JSONL line holds: ASCII whitespace. Not str.strip()'s Unicode whitespace:
# a line of U+2028 or U+00A0 is no JSON, so an error line, not silently no record.
_BLANK = " \t\r\n\x0b\x0c"


def _raw(path: str) -> Any:
    """The input's bytes: the file, the URL (through fsspec), or stdin (left open for
    whoever reads it after)."""
    if path == STDIN:
        return open(sys.stdin.fileno(), "rb", closefd=False)  # noqa: SIM115
    return open_input(path)


def _text_of(path: str, raw: Any) -> IO[str]:
    """The text of a JSONL input: gzipped (by its name, or on stdin by its magic bytes),
    zstd-compressed (by its name) or plain."""
    name = path.lower()
    stream: Any = raw
    if name.endswith(".gz") or (path == STDIN and raw.peek(2)[:2] == b"\x1f\x8b"):
        stream = gzip.GzipFile(fileobj=raw)
    elif name.endswith(".zst"):
        stream = io.BufferedReader(ZstdFrames(raw))
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


def _id_of(value: Any, source: str) -> str:
    """A record's id: the line's own, as written (a string as it is, any other JSON
    value as JSON: 0, false); where the line has none (no field, null, ""), its source.
    Ids 0 and false were taken for none, and their records came out under the source."""
    if value is None or value == "":
        return source
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


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
    rid = _id_of(obj.get(fields.id), source)
    url = obj.get(fields.url)
    url = url if isinstance(url, str) else None
    for key, kind in ((fields.html, "html"), (fields.text, "text")):
        value = obj.get(key)
        if isinstance(value, str) and value:
            return Record(id=rid, source=source, url=url, data=value, kind=kind)
    return Record(
        id=rid, source=source, url=url, error=f"no '{fields.html}' or '{fields.text}' field with a page"
    )
