"""The page leaned before libxml2 parses it: its start tags without the attributes
the walk never reads; and the most attributes a tag of the page has.

Why: libxml2 copies each attribute's value, and puts its name in its dictionary, only
for the walk to skip it; and lxml's tree (which `repair` still builds to read a page
as a browser shows it) takes time quadratic in a tag's attributes, so `repair` counts
them first (`Config.html_max_attributes`). Both scans run in C (`_walk.lean`,
`_walk.most_attributes`) where the build made it; `lean_in_python` is the reference the
C scan is held to. Both skip the bodies of the raw-text elements
`vocabulary.RAW_TEXT_TAGS` names (the C scans are handed them with the rest of the
vocabulary, by `tree.py`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

from lxml import etree

from ..native import c_function, c_module
from .vocabulary import RAW_TEXT_TAGS

# The attributes the walk reads (the C walk's `read_attrs`, `attr` and `observe`) and
# those that may change how libxml2 reads the page (charset, http-equiv): `lean` keeps
# them and leaves out the rest, which libxml2 would only build and free. A name after an
# element's name is kept on that element only (the href of a <link>, not of an <a>).
READ_ATTRIBUTES: Final = tuple(
    name.encode()
    for name in (
        "class id style hidden aria-hidden role itemprop lang".split()
        + ["link href", "link rel", "script type", "time datetime"]
        + ["button aria-expanded", "button aria-controls"]
        + [f"meta {name}" for name in "name content property charset http-equiv".split()]
    )
)
_SPACE: Final = b" \t\n\r\f"
_PLAIN_NAME: Final = re.compile(rb"[a-z0-9_.\-]+")


def lean_in_python(page: bytes, kept: tuple[bytes, ...]) -> bytes:
    """The page with the attributes of its start tags not named in `kept` left out
    (libxml2 would copy each attribute's value for the walk to skip), or the page itself
    where libxml2 might read it otherwise than this scan: a script holding "<!--" then
    "<script", an end tag with attributes, a comment closed early ("<!-->"), a CDATA
    section, a tag cut by the end of the page, an attribute's name that starts with "=".
    Comments, doctypes, end tags and the bodies of raw-text elements are copied as they
    are, but for those of styles and scripts other than JSON-LD, which are left out (the
    walk drops them unread). The reference for `_walk.lean`; run only over libxml2
    2.14's tokenizer (HTML5's), whose reading of a page it follows (`lean_page`)."""
    out: list[bytes] = []
    copied = i = 0
    n = len(page)
    while True:
        i = page.find(b"<", i)
        if i < 0 or i + 1 >= n:
            break
        if page[i + 1 : i + 2].isalpha() and page[i + 1] < 128:
            out.append(page[copied:i])
            start = i
            tag = _lean_start_tag(page, i, kept, out)
            if tag is None:
                return page
            i, raw = tag
            if raw is not None:
                ends = _lean_raw_body(page, i, raw)
                if ends is None:
                    return page
                body_end, close = ends
                out.append(page[body_end if _empties(page[start:i], raw) else i : close])
                i = close
            copied = i
        else:
            i = _lean_other(page, i)
            if i < 0:
                return page
    out.append(page[copied:])
    lean = b"".join(out)
    return page if len(lean) == n else lean


def _lean_start_tag(
    page: bytes, i: int, kept: tuple[bytes, ...], out: list[bytes]
) -> tuple[int, str | None] | None:
    """The start tag at page[i], copied into `out` without its dropped attributes: where
    it ends and the raw-text element it opens (or None), or None (give the page back)."""
    n = len(page)
    k = _lean_until(page, i + 1, b"/>")
    tag = page[i + 1 : k].lower()
    raw = tag.decode("latin-1") if tag.decode("latin-1") in RAW_TEXT_TAGS else None
    copied = i
    while True:
        while k < n and (page[k] in _SPACE or (page[k] == 47 and page[k + 1 : k + 2] != b">")):
            k += 1
        if k >= n:
            return None
        if page[k] in b">/":
            break
        start = k
        if page[k] == 61:  # "=" opens a name: left out before it, an attribute would
            return None  # take it for its value ("<p a f=b =c>": a="c" without f=b)
        k = _lean_until(page, k + 1, b"/>=")
        name_end = end = k
        while k < n and page[k] in _SPACE:
            k += 1
        if k < n and page[k] == 61:  # =
            k += 1
            while k < n and page[k] in _SPACE:
                k += 1
            if k >= n:
                return None
            if page[k] in b"\"'":
                q = page.find(page[k : k + 1], k + 1)
                if q < 0:
                    return None
                k = q + 1
            else:
                k = _lean_until(page, k, b">")
            end = k
        else:
            k = name_end
        low = page[start:name_end].lower()
        # (not after a "/": left out, it could join the "/" to a ">", closing the tag)
        if page[start - 1] != 47 and _drops(low, tag, kept):
            out.append(page[copied:start])
            copied = end
    if page[k] == 47:  # "<script/>": libxml2 2.14 closes it, and reads on as markup
        raw = None
    close = k + 2 if page[k] == 47 else k + 1
    if close > n:
        return None
    out.append(page[copied:close])
    return close, raw


def _drops(name: bytes, tag: bytes, kept: tuple[bytes, ...]) -> bool:
    """Whether `lean` leaves out the attribute `name` (lower case) of a `tag` element:
    a plain ASCII name kept neither on every element nor on this one."""
    plain = len(name) < 32 and _PLAIN_NAME.fullmatch(name) is not None
    return plain and name not in kept and tag + b" " + name not in kept


def _lean_until(page: bytes, k: int, stops: bytes) -> int:
    """The first index from k of white space or of a byte of `stops` (or the end)."""
    n = len(page)
    while k < n and page[k] not in _SPACE and page[k] not in stops:
        k += 1
    return k


def _lean_raw_body(page: bytes, at: int, raw: str) -> tuple[int, int] | None:
    """Where the body of the raw-text element `raw` that starts at `at` ends, and where
    its end tag ends, or None (give the page back)."""
    if raw == "plaintext":
        return len(page), len(page)
    low, name = page.lower(), b"</" + raw.encode()
    end = low.find(name, at)
    while end >= 0 and page[end + len(name) : end + len(name) + 1] not in _SPACE + b"/>":
        end = low.find(name, end + 1)
    if end < 0 or end + len(name) >= len(page) or (raw == "script" and _double_escaped(page[at:end])):
        return None
    close = _lean_end_tag(page, end)
    return None if close < 0 else (end, close)


def _empties(tag: bytes, raw: str) -> bool:
    """Whether `lean` leaves out the body of the raw-text element `raw` whose start tag
    is `tag`: a style's, and a script's but a JSON-LD one's (the walk reads no other;
    kept where its tag says "json" in any case or holds a character reference)."""
    return raw == "style" or (raw == "script" and b"json" not in tag.lower() and b"&" not in tag)


def _double_escaped(body: bytes) -> bool:
    """Whether a script's body may go on past its first end tag: after a "<!--" it
    holds a start tag <script, after which HTML5 reads "</script" as text."""
    start = body.find(b"<!--")
    return start >= 0 and _SCRIPT_START.search(body, start) is not None


_SCRIPT_START: Final = re.compile(rb"<script[ \t\n\r\f/>]", re.I)


def _lean_end_tag(page: bytes, i: int) -> int:
    """Where the simple end tag at page[i] (</name, spaces, then > or />) ends, or -1."""
    n = len(page)
    k = _lean_until(page, i + 2, b"/>")
    while k < n and page[k] in _SPACE:
        k += 1
    if k < n and page[k] == 47:
        k += 1
    return k + 1 if k < n and page[k] == 62 else -1


def _lean_other(page: bytes, i: int) -> int:
    """Where the markup at page[i] ('<', not a start tag) ends, copied as it is, or -1."""
    n = len(page)
    nxt = page[i + 1 : i + 2]
    if page.startswith(b"<!--", i):
        if page.startswith(b">", i + 4) or page.startswith(b"->", i + 4):
            return -1
        at = i + 4
        while True:
            g = page.find(b">", at)
            if g < 0:
                return -1
            if g >= i + 6 and page[g - 2 : g] == b"--":
                return g + 1
            if g >= i + 7 and page[g - 3 : g] == b"--!":
                return -1
            at = g + 1
    if nxt in (b"!", b"?"):
        if page.startswith(b"<![", i):
            return -1
        quote = 0
        for k in range(i + 2, n):
            if quote:
                quote = 0 if page[k] == quote else quote
            elif page[k] in (34, 39):
                quote = page[k]
            elif page[k] == 62:
                return k + 1
        return -1
    if nxt == b"/":
        return _lean_end_tag(page, i) if page[i + 2 : i + 3].isalpha() and page[i + 2] < 128 else -1
    return i + 1


def _whole(page: bytes, kept: tuple[bytes, ...]) -> bytes:
    """The page as it is: where the C scan is not built or not used."""
    return page


def _load_lean() -> Callable[[bytes, tuple[bytes, ...]], bytes]:
    """`_walk.lean` where the build made the walk in C and lxml parses with libxml2 2.14
    (whose tokenizer, HTML5's, `lean` follows): the page without the attributes not
    kept (`lean_in_python`); else the page as it is."""
    in_c, module = c_function("_walk", "lean"), c_module("_walk")
    followed = getattr(module, "LIBXML_FOLLOWED", None)  # (2, 14): the C walk's own bound
    return in_c if in_c is not None and etree.LIBXML_VERSION[:2] == followed else _whole


def _none_counted(page: str | bytes, bound: int) -> int:
    """No tag counted: where the C scan is not built (`html.read` walks events then)."""
    return 0


def _load_most_attributes() -> Callable[[str | bytes, int], int]:
    """`_walk.most_attributes`: the most attributes a tag of the page has (counted up to
    the first tag over the bound), where the build made the walk in C."""
    return c_function("_walk", "most_attributes") or _none_counted


lean_page: Final = _load_lean()
most_attributes: Final = _load_most_attributes()
