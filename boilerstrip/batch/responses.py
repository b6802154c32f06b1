"""HTTP responses inside WARC records: their head parsed, their payload unwrapped.

Why in the worker, not the reader: parsing and inflating a response is work, and the
process that reads a WARC must stay light so that it never holds the workers back;
the reader hands the raw HTTP message on (`kind="http"`) and `unwrap_http` runs in
the worker that cleans it.
"""

from __future__ import annotations

import sys
import zlib
from dataclasses import dataclass

from .inflate import TooLarge, inflate
from .records import Record

HTML_TYPES = ("text/html", "application/xhtml+xml", "application/xml", "text/xml")


def unwrap_http(rec: Record, max_bytes: int = 0) -> Record:
    """A `kind="http"` record as its HTML payload (inflated to at most `max_bytes`
    when set), or as a skip or an error."""
    assert isinstance(rec.data, bytes)
    rid, source, url = rec.id, rec.source, rec.url
    head = http_head(rec.data)
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
class Head:
    """An HTTP response's header fields, payload, and why it is no page (if it is not)."""

    fields: dict[str, str]
    payload: bytes
    skip: str | None


def http_head(block: bytes) -> Head | str:
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
    elif not ctype.startswith(HTML_TYPES):
        skip = f"not HTML: {ctype.split(';')[0]}"
    return Head(fields, payload, skip)


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
