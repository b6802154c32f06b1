"""Input: bytes to text in the right encoding, and HTML told apart from a text dump.

Why: pages arrive as bytes in any encoding, sometimes with a wrong or missing
declaration; a BOM or valid UTF-8 decide first, then the declared charset, then a
guess by charset_normalizer (installed with trafilatura).
"""

from __future__ import annotations

import codecs
import re

from .errors import InputError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_DECLARED = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)|<\?xml[^>]+encoding=["']([\w.:-]+)""", re.I
)
_HTML_START = re.compile(
    r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|div|p|article|section|table|script|link|!--)\b",
    re.I | re.S,
)


def decode(data: bytes) -> str:
    """Decode page bytes: BOM, strict UTF-8, declared charset, then a statistical guess."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    if _looks_utf16(data):
        return data.decode("utf-16-le" if data[1] == 0 else "utf-16-be", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = declared_charset(data[:4096])
    if declared:
        try:
            return data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass
    return _guess(data)


def declared_charset(head: bytes) -> str | None:
    m = _DECLARED.search(head)
    if not m:
        return None
    name = (m.group(1) or m.group(2)).decode("ascii", "replace").lower()
    # Browsers read these labels as their supersets; so do we.
    return {
        "iso-8859-1": "cp1252",
        "latin-1": "cp1252",
        "us-ascii": "cp1252",
        "gb2312": "gb18030",
        "gbk": "gb18030",
        "shift_jis": "cp932",
        "sjis": "cp932",
        "euc-kr": "cp949",
    }.get(name, name)


def _looks_utf16(data: bytes) -> bool:
    head = data[:200]
    return len(head) >= 8 and (head[1::2].count(0) > len(head) // 3 or head[0::2].count(0) > len(head) // 3)


def _guess(data: bytes) -> str:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - trafilatura depends on it
        return data.decode("cp1252", errors="replace")
    best = from_bytes(data).best()
    if best is None:
        raise InputError("cannot decode the page: no encoding fits its bytes")
    return str(best)


def looks_like_html(text: str) -> bool:
    """HTML when the page opens with markup, or its head holds several tags."""
    head = text[:2048]
    if _HTML_START.match(head):
        return True
    return head.lstrip().startswith("<") and head.count("</") >= 3
