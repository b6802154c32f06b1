"""Intake: a page as given to `clean` (str or bytes, any encoding, HTML or a text
dump) made into what the next stage reads: HTML for the parser, as UTF-8 bytes where
it can be, or the text of a dump for the line splitter.

Why a stage of its own: every input the contract admits is checked here, once,
before anything is parsed (over `Config.max_input_chars`, not str or bytes:
`InputError`); lone surrogates, a BOM, NUL characters and an XML prologue, which
would stop the parser or hide the markup, are read or dropped here.
"""

from __future__ import annotations

import re
from typing import Final, NamedTuple

from .budget import Deadline
from .config import Config
from .decode import decode, is_utf8, looks_like_html, plain_utf8, utf8_head
from .errors import InputError
from .html.repair import close_at_end, close_text_at_end, show_streamed

# A character is at most four bytes of UTF-8: bytes over four times the limit on
# characters are over it whatever they decode to.
_MAX_BYTES_PER_CHAR: Final = 4
# "<?" opens a processing instruction that ends at the first ">" (as HTML reads it).
_PROLOGUE: Final = re.compile(r"(?:\s*<\?[^>]*(?:>|$))+")


class Taken(NamedTuple):
    """A page as the next stage reads it: `html` to parse, or `text` to split into
    lines (the other None)."""

    html: str | bytes | None
    text: str | None


def take(page: object, config: Config, deadline: Deadline) -> Taken:
    """The page as HTML to parse (its end closed and its streamed parts in place, see
    `markup`), or as a text dump's text; checks `deadline` once decoded."""
    source: str | bytes | None = _utf8_html(page, config)
    if source is None:  # anything else is decoded first; `text` is read only here
        text, utf8 = _as_text(page, config)
        deadline.check("after decoding the page")
        if not looks_like_html(text):
            return Taken(None, text)
        source = utf8 if utf8 is not None else _without_prologue(text)
    source = close_at_end(source) if isinstance(source, bytes) else close_text_at_end(source)
    return Taken(show_streamed(source), None)


def _utf8_html(page: object, config: Config) -> bytes | None:
    """An HTML page given as UTF-8 bytes (most pages), or None for any other input
    (which `_as_text` decodes). Its bytes go to the parser as they are, checked for
    UTF-8 a chunk at a time, never decoded whole: the parser decodes them anyway."""
    if not isinstance(page, bytes) or len(page) > config.max_input_chars or b"\x00" in page:
        return None
    head = utf8_head(page)
    if head is None or not looks_like_html(head) or not is_utf8(page):
        return None
    return page


def _as_text(page: object, config: Config) -> tuple[str, bytes | None]:
    """The page's text, and its bytes when they are plain UTF-8 (for the HTML parser)."""
    utf8: bytes | None = None
    encoded: bytes | None = None  # a str page's UTF-8, where `_readable` made it
    if isinstance(page, (bytes, bytearray, memoryview)):
        data = bytes(page)
        if len(data) > config.max_input_chars * _MAX_BYTES_PER_CHAR:
            raise InputError(f"page of {len(data)} bytes is over the limit; raise Config.max_input_chars")
        plain = plain_utf8(data)
        text, utf8 = (plain, data) if plain is not None else (decode(data), None)
    elif isinstance(page, str):
        text = page
    else:
        raise InputError(f"a page must be str or bytes, not {type(page).__name__}")
    if len(text) > config.max_input_chars:
        raise InputError(f"page of {len(text)} characters is over max_input_chars={config.max_input_chars}")
    if isinstance(page, str):
        text, encoded = _readable(text)
    # A NUL byte in UTF-8 is a NUL character; memchr finds it in bytes far faster than
    # `in` finds it in a str of two or four bytes a character.
    probe = utf8 if utf8 is not None else encoded
    if (b"\x00" in probe) if probe is not None else ("\x00" in text):
        text, utf8 = text.replace("\x00", ""), None
    return text, utf8


def _readable(page: str) -> tuple[str, bytes | None]:
    """A str page as the parser can read it whole, and its UTF-8 when it was made.
    Without a leading BOM (text read from a file as "utf-8" keeps it, and it hides the
    markup), and with U+FFFD for each lone surrogate, where the HTML parser would stop
    reading (a valid pair becomes its character). No decoder makes surrogates: only a
    str given as the page has them, and only one that is not ASCII (told at no cost) is
    checked, by encoding it; the bytes then serve the NUL check."""
    text = page[1:] if page.startswith("\ufeff") else page
    if text.isascii():
        return text, None
    try:
        return text, text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace"), None


def _without_prologue(text: str) -> str:
    """A str page without the XML declaration and processing instructions it opens
    with: lxml refuses a str whose declaration names an encoding (unless it is exactly
    well-formed), and the parser drops them anyway."""
    m = _PROLOGUE.match(text)
    return text[m.end() :] if m else text
