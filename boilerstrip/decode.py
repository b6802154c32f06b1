"""Input: bytes to text in the right encoding, and HTML told apart from a text dump.

Why: pages arrive as bytes in any encoding, sometimes with a wrong or missing
declaration; a BOM or valid UTF-8 decide first, then the declared charset, then a
guess by charset_normalizer.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from typing import Final

from .errors import InputError
from .native import c_function

_BOMS: Final = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_DECLARED: Final = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)|<\?xml[^>]+encoding=["']([\w.:-]+)""", re.I
)
_HTML_START: Final = re.compile(
    r"\s*(?:<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|meta|title|div|p|article|section|table|script|link|!--)\b",
    re.I | re.S,
)
_BOM_BYTES: Final = tuple(bom for bom, _ in _BOMS)
_DOCUMENT_TAGS: Final = ("!doctype", "html", "head", "body")


def plain_utf8(data: bytes) -> str | None:
    """The text of bytes that are UTF-8 with no BOM (most pages), else None. Such
    bytes can go to the HTML parser as they are, which spares it re-encoding a str."""
    if not _may_be_plain_utf8(data):
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _may_be_plain_utf8(data: bytes) -> bool:
    """No BOM, no look of UTF-16 and no binary file's magic: the bytes may be UTF-8 as
    they are (anything else goes through `decode`, which refuses binaries)."""
    return not data.startswith(_BOM_BYTES) and not _looks_utf16(data) and binary_kind(data) is None


def utf8_head(data: bytes, chars: int = 2048) -> str | None:
    """The first `chars` characters of bytes that open as UTF-8 with no BOM, else None:
    enough to tell HTML from a text dump without decoding the whole page."""
    if not _may_be_plain_utf8(data):
        return None
    try:
        head: str = codecs.utf_8_decode(data[: chars * 4], "strict", len(data) <= chars * 4)[0]
    except UnicodeDecodeError:
        return None
    return head[:chars]


def is_utf8(data: bytes) -> bool:
    """Whether the bytes are UTF-8: checked in C where the build made it
    (`_text.utf8_valid`), else by Python's decoder (`is_utf8_in_python`)."""
    return _UTF8_VALID(data)


def is_utf8_in_python(data: bytes, chunk: int = 16_384) -> bool:
    """Whether the bytes are UTF-8, checked a chunk at a time: the text decoded is
    thrown away as it comes, never a copy of the whole page in memory (a quarter faster
    than decoding it whole). The C decoder directly: a chunk that ends inside a
    character leaves its last bytes to the next chunk (a chunk of 4 bytes or more
    always holds a whole character, so every chunk makes progress)."""
    view = memoryview(data)
    start, end, chunk = 0, len(data), max(chunk, 4)
    try:
        while start < end:
            stop = min(start + chunk, end)
            start += codecs.utf_8_decode(view[start:stop], "strict", stop == end)[1]
    except UnicodeDecodeError:
        return False
    return True


# The UTF-8 check in C (`_text.utf8_valid`), or its Python twin where `_text` was not built.
_UTF8_VALID: Final[Callable[[bytes], bool]] = c_function("_text", "utf8_valid") or is_utf8_in_python


def decode(data: bytes) -> str:
    """Decode page bytes: BOM, strict UTF-8, the declared charset unless the bytes
    read far better another way, then a statistical guess. A file that is no text
    (an executable, an archive, an image...) is refused by its magic bytes first:
    many are full of NUL bytes and would read as UTF-16 "text"."""
    kind = binary_kind(data)
    if kind is not None:
        first = ": decompress it first" if "compressed" in kind else ""
        raise InputError(f"the input is {kind}, not a web page or text{first}")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    if _looks_utf16(data):
        return data.decode("utf-16-le" if data[1] == 0 else "utf-16-be", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    _refuse_binary(data)
    declared = declared_charset(data[:4096])
    guessed = page_charset(_guess(data))
    names = [declared, "cp1252", guessed]
    names += [sib for name in names if name for sib in _SIBLINGS.get(codecs.lookup(name).name, ())]
    readings = {}
    for name in names:
        if name and codecs.lookup(name).name not in readings:
            readings[codecs.lookup(name).name] = _try(data, name)
    candidates = [t for t in readings.values() if t]
    if not candidates:
        raise InputError("cannot decode the page: no encoding fits its bytes")
    # The declared charset (first) stands unless another reads clearly better; with
    # none declared, windows-1252, the commonest legacy charset, wins a near tie.
    scores = [_implausibility(t) for t in candidates]
    best = min(range(len(candidates)), key=lambda i: (scores[i] + (_MARGIN if i else 0.0), i))
    return candidates[best]


def declared_charset(head: bytes) -> str | None:
    """The charset a <meta> tag or XML declaration names, as Python's codec name;
    labels are read as browsers read them (latin-1 means windows-1252, and so on).
    None when none is declared, or the label names no charset Python can read a page
    in (`page_charset`): the bytes are then read by detection."""
    m = _DECLARED.search(head)
    if not m:
        return None
    name = (m.group(1) or m.group(2)).decode("ascii", "replace").lower()
    return page_charset(_BROWSER_ALIASES.get(name, name))


def page_charset(name: str | None) -> str | None:
    """`name` if it is a charset Python can read a page in, else None: not an unknown
    label (`<meta charset=none>`), nor a codec that is no charset (rot13, base64) or
    that can make lone surrogates or fail otherwise (UTF-7, the escape codecs), on
    which the HTML parser would stop reading the page."""
    if not name:
        return None
    try:
        info = codecs.lookup(name)
    except LookupError:
        return None
    if not getattr(info, "_is_text_encoding", True) or info.name in _NOT_PAGE_CHARSETS:
        return None
    return name


_BROWSER_ALIASES: Final = {
    "iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252", "us-ascii": "cp1252",
    "ascii": "cp1252", "iso-8859-9": "cp1254", "gb2312": "gb18030", "gbk": "gb18030",
    "x-gbk": "gb18030", "shift_jis": "cp932", "shift-jis": "cp932", "sjis": "cp932",
    "x-sjis": "cp932", "windows-31j": "cp932", "euc-kr": "cp949", "ks_c_5601-1987": "cp949",
    "big5": "big5hkscs", "x-euc-jp": "euc_jp", "utf8": "utf-8",
    # Labels browsers know (the WHATWG Encoding Standard) and Python does not, and
    # MySQL's names for UTF-8; x-user-defined is read as windows-1252 (HTML's rule).
    "unicode-1-1-utf-8": "utf-8", "unicode11utf8": "utf-8", "unicode20utf8": "utf-8",
    "x-unicode20utf8": "utf-8", "utf8mb4": "utf-8", "utf8mb3": "utf-8",
    "iso88591": "cp1252", "iso88599": "cp1254", "x-user-defined": "cp1252",
    **{f"iso8859{n}": f"iso8859_{n}" for n in (2, 3, 4, 5, 6, 7, 8, 10, 13, 14, 15)},
    "csiso88596e": "iso8859_6", "csiso88596i": "iso8859_6", "iso-8859-6-e": "iso8859_6",
    "iso-8859-6-i": "iso8859_6", "sun_eu_greek": "iso8859_7", "csiso88598e": "iso8859_8",
    "iso-8859-8-e": "iso8859_8", "visual": "iso8859_8", "csiso88598i": "iso8859_8",
    "iso-8859-8-i": "iso8859_8", "logical": "iso8859_8", "csisolatin9": "iso8859_15",
    "koi": "koi8_r", "koi8": "koi8_r", "koi8-ru": "koi8_u", "csmacintosh": "mac_roman",
    "mac": "mac_roman", "x-mac-roman": "mac_roman", "x-mac-cyrillic": "mac_cyrillic",
    "x-mac-ukrainian": "mac_cyrillic", "windows-874": "cp874", "dos-874": "cp874",
    "iso885911": "cp874", **{f"x-cp125{n}": f"cp125{n}" for n in range(9)},
    "csgb2312": "gb18030", "gb_2312": "gb18030", "gb_2312-80": "gb18030", "cn-big5": "big5hkscs",
    "x-x-big5": "big5hkscs", "cseucpkdfmtjapanese": "euc_jp", "cseuckr": "cp949",
    "csksc56011987": "cp949", "iso-ir-149": "cp949", "ks_c_5601-1989": "cp949",
    "ksc_5601": "cp949", "windows-949": "cp949",
}  # fmt: skip
# Codecs Python has that no page is read in: they fail on page bytes or make lone
# surrogates (where the HTML parser stops reading).
_NOT_PAGE_CHARSETS: Final = frozenset(
    {"undefined", "unicode-escape", "raw-unicode-escape", "utf-7", "idna", "punycode"}
)
# How much less garbled another reading must be to override the declared charset.
_MARGIN: Final = 0.1
_GUESS_BYTES: Final = 200_000
_SAMPLE: Final = 20_000


_CONTROL: Final = bytes(c for c in range(32) if c not in b"\t\n\r\f\x1b")


def _refuse_binary(data: bytes) -> None:
    """Data with no magic bytes that is still binary (many control bytes) is not a
    page; say so instead of decoding noise."""
    head = data[:4096]
    if head and sum(head.count(c) for c in _CONTROL) > len(head) * 0.05:
        raise InputError("the input looks like binary data, not a web page or text")


# Magic bytes at the start of files that are no page. Each is long or odd enough that
# no text opens with it (two- and three-letter signatures are checked further below).
_MAGIC: Final = (
    (b"\x7fELF", "an ELF executable"),
    (b"\xfe\xed\xfa\xce", "a Mach-O executable"),
    (b"\xfe\xed\xfa\xcf", "a Mach-O executable"),
    (b"\xce\xfa\xed\xfe", "a Mach-O executable"),
    (b"\xcf\xfa\xed\xfe", "a Mach-O executable"),
    (b"\xca\xfe\xba\xbe", "a Mach-O executable or Java class file"),
    (b"\x00asm", "a WebAssembly module"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an office document, JAR or EPUB)"),
    (b"PK\x05\x06", "a ZIP archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a Microsoft Office document"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\xfd7zXZ\x00", "an xz-compressed file"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"\x28\xb5\x2f\xfd", "zstd-compressed data"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"8BPS", "a Photoshop image"),
    (b"wOFF", "a web font"),
    (b"wOF2", "a web font"),
    (b"OggS", "an Ogg audio or video file"),
    (b"fLaC", "a FLAC audio file"),
    (b"ID3\x02\x00", "an MP3 audio file"),
    (b"ID3\x03\x00", "an MP3 audio file"),
    (b"ID3\x04\x00", "an MP3 audio file"),
    (b"\x1aE\xdf\xa3", "a Matroska or WebM video"),
    (b"SQLite format 3\x00", "an SQLite database"),
)
_MAGIC_PREFIXES: Final = tuple(magic for magic, _ in _MAGIC)
_RIFF: Final = {b"WEBP": "a WebP image", b"WAVE": "a WAV audio file", b"AVI ": "an AVI video"}


def binary_kind(data: bytes) -> str | None:
    """What kind of binary file `data` is, by its magic bytes ("an ELF executable",
    "a PDF document", ...), or None when it opens like no binary this knows."""
    if data.startswith(_MAGIC_PREFIXES):
        return next(kind for magic, kind in _MAGIC if data.startswith(magic))
    if data[:2] == b"MZ" and len(data) >= 64:  # DOS/Windows: the PE header it points to
        at = int.from_bytes(data[60:64], "little")
        if data[at : at + 4] == b"PE\x00\x00":
            return "a Windows executable"
    if data[:4] == b"RIFF" and data[8:12] in _RIFF:
        return _RIFF[data[8:12]]
    if data[4:8] == b"ftyp":
        return "an MP4 or QuickTime video (or a HEIC or AVIF image)"
    if data[257:262] == b"ustar":
        return "a tar archive"
    if data[:3] == b"BZh" and data[4:10] == b"1AY&SY":
        return "a bzip2-compressed file"
    return None


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (LookupError, UnicodeError):
        return None


def _guess(data: bytes) -> str | None:
    """charset_normalizer's choice of encoding."""
    from charset_normalizer import from_bytes

    best = from_bytes(data[:_GUESS_BYTES]).best()
    return None if best is None else str(best.encoding)


# Charsets that read the same bytes as the same script: when one is declared or
# guessed, the others are tried too (KOI8-R pages declared as windows-1251, GBK as Big5).
_FAMILIES: Final = (
    ("cp1251", "koi8_r", "iso8859_5", "cp866", "koi8_u"),
    ("gb18030", "big5hkscs", "cp932", "euc_jp", "cp949"),
    ("cp1252", "cp1250", "iso8859_15", "iso8859_2"),
)
_SIBLINGS: Final = {name: family for family in _FAMILIES for name in family}


def _implausibility(text: str) -> float:
    """How garbled a reading looks: charset_normalizer's mess ratio, replacement
    characters, mostly upper-case letters (KOI8-R read as windows-1251 and kin), less
    the share of stop words (a wrong reading breaks the accented ones)."""
    from charset_normalizer.md import mess_ratio

    from .lang import ALL_STOPWORDS, WORD_RE

    sample = text[:_SAMPLE]
    letters = [c for c in sample if c.isalpha() and not c.isascii()]
    upper = sum(c.isupper() for c in letters) / len(letters) if len(letters) > 20 else 0.0
    words = WORD_RE.findall(sample.lower())
    stops = sum(map(ALL_STOPWORDS.__contains__, words)) / len(words) if words else 0.0
    replaced = sample.count("\ufffd") / max(len(sample), 1) * 10
    return float(mess_ratio(sample)) + replaced + max(upper - 0.5, 0.0) - stops * 0.2


def _looks_utf16(data: bytes) -> bool:
    head = data[:200]
    return len(head) >= 8 and (head[1::2].count(0) > len(head) // 3 or head[0::2].count(0) > len(head) // 3)


def looks_like_html(text: str) -> bool:
    """HTML when the page opens with markup, or its head holds several tags."""
    head = text[:2048]
    start = _HTML_START.match(head)
    if start and start.group(1).lower().startswith(_DOCUMENT_TAGS):
        return True
    # A fragment closes some tag; a text dump whose first line is a stray tag does not.
    if start and ("</" in head or head.count("<") >= 3):
        return True
    return head.lstrip().startswith("<") and head.count("</") >= 3
