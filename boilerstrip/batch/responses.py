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
from typing import Any

from .inflate import TooLarge, inflate
from .records import Record

HTML_TYPES = ("text/html", "application/xhtml+xml", "application/xml", "text/xml")
# Compressions this cannot inflate: cleaning their bytes as a page gave an empty line.
_UNSUPPORTED = ("br", "zstd", "compress", "x-compress")


def unwrap_http(rec: Record, max_bytes: int = 0) -> Record:
    """A `kind="http"` record as its HTML payload (inflated to at most `max_bytes`
    when set), or as a skip or an error. A payload cut short (a chunk or the last
    chunk missing, fewer bytes than its Content-Length) is an error, unless the WARC
    record says it was cut (WARC-Truncated): then what there is is cleaned, and the
    record's `truncated` says so in its line."""
    assert isinstance(rec.data, bytes)
    head = http_head(rec.data)
    if isinstance(head, str):
        return _like(rec, error=head)
    if head.skip:
        return _like(rec, skip=head.skip)
    try:
        payload = _decode_transfer(
            head.payload, head.fields, max_bytes or sys.maxsize, rec.truncated is not None
        )
    except TooLarge:
        return _like(rec, error=f"HTTP payload inflates to over --max-bytes {max_bytes}")
    except CutShort as exc:
        return _like(rec, error=f"truncated HTTP payload: {exc}")
    except (OSError, EOFError, zlib.error, ValueError) as exc:
        return _like(rec, error=f"undecodable HTTP payload: {exc}")
    return _like(rec, data=payload, kind="html")


def _like(rec: Record, **what: Any) -> Record:
    """A record with `rec`'s identity (and its WARC-Truncated mark) holding `what`."""
    return Record(id=rec.id, source=rec.source, url=rec.url, truncated=rec.truncated, **what)


class CutShort(ValueError):
    """An HTTP payload with fewer bytes than its framing (chunks, Content-Length) says."""


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


def _decode_transfer(payload: bytes, fields: dict[str, str], cap: int, cut: bool) -> bytes:
    """The payload without its transfer and content encodings. A payload that the
    crawler `cut` (WARC-Truncated) is decoded as far as it goes; any other is checked
    against its framing, so that a page cut short is never cleaned as if whole."""
    if "chunked" in fields.get("transfer-encoding", "").lower():
        payload = _dechunk(payload, cut)
    elif not cut:
        _check_length(payload, fields.get("content-length", ""))
    encoding = fields.get("content-encoding", "").lower()
    if encoding in ("gzip", "x-gzip"):
        return inflate(payload, cap, partial=cut)
    if encoding == "deflate":
        try:
            return inflate(payload, cap, zlib.MAX_WBITS, partial=cut)
        except zlib.error:
            return inflate(payload, cap, -zlib.MAX_WBITS, partial=cut)
    if encoding in _UNSUPPORTED:
        raise ValueError(f"Content-Encoding {encoding} is not supported")
    return payload


def _check_length(payload: bytes, declared: str) -> None:
    """Refuse a payload shorter than its Content-Length (a longer one holds the page)."""
    if declared.isascii() and declared.isdigit() and len(payload) < int(declared):
        raise CutShort(f"{len(payload)} of the {int(declared)} bytes its Content-Length gives")


def _dechunk(data: bytes, cut: bool) -> bytes:
    """A chunked payload's data. It must end with its zero-size chunk, and every chunk
    must be whole: a body cut inside a chunk or before the last one is a page cut
    short. A `cut` payload (WARC-Truncated) gives the chunks it has."""
    out = bytearray()
    pos = 0
    while True:
        line_end = data.find(b"\r\n", pos)
        if line_end < 0:
            if cut:
                return bytes(out)
            raise CutShort("chunked payload without its last (zero-size) chunk")
        size = int(data[pos:line_end].split(b";")[0] or b"0", 16)
        if size == 0:
            return bytes(out)  # the last chunk (trailer fields after it are not the page)
        end = line_end + 2 + size
        out += data[line_end + 2 : end]
        if end > len(data) and not cut:
            raise CutShort(f"chunked payload cut inside a chunk of {size} bytes")
        if data[end : end + 2] != b"\r\n" and end + 2 <= len(data):
            raise ValueError(f"broken chunked encoding: a chunk of {size} bytes is not followed by CRLF")
        pos = end + 2
