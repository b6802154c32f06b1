"""WARC and WET files read as records, each with a resumable place, and cut into
segments that workers read in parallel.

Why a framing reader of our own (FastWARC was used before it): every record
must end in the output once, and a reader that hides where each record's bytes end
cannot tell a good record from the junk or the wrong Content-Length after it. FastWARC
read ahead, blamed the intact record after a stray byte, and gave a record whose
Content-Length was short as a whole page. Here a record is its header, the
Content-Length bytes of its block, and the CRLF CRLF the WARC standard puts after
every block:

- a block not followed by CRLF CRLF (its Content-Length is wrong), one the file ends
  inside, and one that runs into a gzip member beginning a record or, where no
  member tells, holds a record header and does not match its WARC-Block-Digest (a
  Content-Length too long) are that record's error line; reading goes on at the next record header
  after its own header, so the records a too-long Content-Length swallowed come out;
- bytes between records that begin no record are passed over up to the next record
  header (a "WARC/x.y" line whose header parses, or a gzip member whose data begins
  "WARC/"); one error line names them, unless they are only whitespace and NULs
  (padding, which some writers leave, and which holds nothing);
- a corrupt or cut gzip member is one error line, and reading goes on at the next
  member that begins a record.

Every record and error line has a place (see `records.Place`) that depends on the
file's bytes alone, never on options or on where a run began, so `--resume` skips
exactly what an earlier run wrote.
"""

from __future__ import annotations

import base64
import hashlib
import re
import sys
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any, BinaryIO

from .inflate import BrokenStream, Members, ZstdFrames
from .records import NOTHING_DONE, Place, Record, place_source
from .remote import open_input, size_of
from .responses import HTML_TYPES, Head, http_head

_GZIP_MAGIC = b"\x1f\x8b\x08"
_END = b"\r\n\r\n"  # ends a WARC header, and follows every record's block
_NEXT = b"WARC/"  # begins a record
# What some writers put after a block instead of CRLF CRLF, when the next record follows:
# nothing, or one line end. Not two LFs or more: a block one byte short, ending in a line
# end, would then pass for whole.
_LOOSE_ENDS = (b"", b"\n", b"\r\n")
_VERSION = re.compile(rb"WARC/\d+\.\d+\r\n")
_HEADER_MAX = 64 << 10  # a longer header is no header
_HEADER_USUAL = 4 << 10  # nearly every header is shorter: searched first for its end
_READ = 1 << 16
_STEP = 1 << 20  # a long block is read this much at a time
_RETAIN = 32 << 20  # a block up to this long stays in memory until it is known good
_PADDING = b" \t\r\n\x00"
_RECORD_FIELDS = ("content-length", "warc-type", "warc-record-id")  # a header names a record


_STREAM_ERRORS: tuple[type[Exception], ...] = (EOFError, zlib.error, BrokenStream)


def read_warc(
    path: str, start: int = 0, end: int | None = None, after: Place = NOTHING_DONE, max_bytes: int = 0
) -> Iterator[Record]:
    """Response records with HTML, conversion (WET) records with text; every other
    record is skipped with its type, every bad record or stretch is an error.

    `start`/`end` read one segment (`warc_segments`): the records whose member begins
    in [start, end), the last one read to its end. Records at or before the place
    `after` were done by an earlier run (`--resume`) and are passed over (read, as
    their framing decides where the next record is, but not kept). A record body over
    `max_bytes` (when set) is an error, kept no further."""
    size = size_of(path)
    stop = size if end is None else min(end, size)
    go: _Go | None = _Go(start)
    while go is not None and go.offset < stop:
        reader = _Reader(path, go, size, after, max_bytes)
        for item in reader:
            if item.place[0] >= stop:
                return
            if item.place > after:
                record = _warc_record(path, item, max_bytes)
                record.end = item.place[0]
                yield record
        go = reader.then


@dataclass(frozen=True, slots=True)
class _Go:
    """Where a reader starts: a file offset (a gzip member's), inflated bytes to pass
    over from there, the place of the item before (ranks go on from it), and whether
    the bytes there are the rest of a bad record (passed over to the next header),
    whose line already names a failure of the stream there."""

    offset: int
    skip: int = 0
    last: Place | None = None
    rest: bool = False
    cut: bool = False  # the bad record's line already says the stream failed after it


@dataclass(slots=True)
class _Item:
    """A record (its WARC header fields, its block's first bytes, its Content-Length)
    or a bad stretch (no fields), why it is an error if it is one, and how far it
    reached into the stream."""

    place: Place
    fields: dict[str, str] | None = None
    block: bytes = b""
    length: int = 0
    error: str | None = None
    reach: int = 0  # the stream position up to which reading it needed bytes


@dataclass(frozen=True, slots=True)
class _Head:
    """A parsed WARC header: its fields (names lower-cased), where its block begins,
    and its Content-Length (None if missing or no number)."""

    fields: dict[str, str]
    start: int
    length: int | None


class _Window:
    """The bytes of a stream around the reader, read ahead in blocks, at positions
    counted from the stream's start. Why: a record's framing is checked against the
    bytes after its block, and a bad stretch is searched for the next record header,
    without the whole file in memory."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream
        self.data = bytearray()  # appended to and cut at the front in place, never copied whole
        self.base = 0  # stream position of data[0]
        self.eof = False
        self.failure: Exception | None = None  # why the stream ended early, if it did

    @property
    def end(self) -> int:
        """The stream position just past the bytes read."""
        return self.base + len(self.data)

    def fill(self, end: int) -> bool:
        """Read until the window reaches `end`, and a block more (the CRLF CRLF and
        the header after a record's block come with it: the window is copied less);
        False if the stream ends before `end`. A stream that cannot be inflated
        further ends there (`failure` says why): the bytes before it are read as any."""
        try:
            while self.end < end and not self.eof:
                chunk = self._stream.read(end - self.end + _READ)
                self.eof = not chunk
                self.data += chunk
        except _STREAM_ERRORS as exc:
            self.failure, self.eof = exc, True
        return self.end >= end

    def get(self, pos: int, size: int) -> bytes:
        """Up to `size` bytes from `pos` (fewer at the end of the stream)."""
        at = pos - self.base
        with memoryview(self.data) as view:
            return bytes(view[at : at + size])

    def drop_before(self, pos: int) -> None:
        """Forget the bytes before `pos`."""
        if pos > self.base:
            del self.data[: pos - self.base]
            self.base = pos

    def skip_to(self, pos: int) -> bool:
        """Read and forget every byte before `pos`; False if the stream ends first."""
        while self.end < pos:
            self.drop_before(self.end)
            if not self.fill(min(pos, self.end + _STEP)):
                return False
        self.drop_before(pos)
        return True

    def find(self, pattern: bytes, pos: int, limit: int) -> int:
        """Stream position of the first `pattern` in [pos, limit), reading as far as
        needed; -1 if there is none."""
        at = pos
        while True:
            found = self.data.find(pattern, at - self.base, limit - self.base)
            if found >= 0:
                return self.base + found
            if self.end >= limit or self.eof:
                return -1
            at = max(pos, self.end - len(pattern) + 1)
            self.fill(self.end + _READ)


class _Reader:
    """The records and bad stretches of one WARC file from a `_Go`, each with its
    place; `then` says where a new reader goes on after a bad record or stretch that
    this one cannot pass (None: the file is read)."""

    def __init__(self, path: str, go: _Go, size: int, after: Place, max_bytes: int) -> None:
        self.path, self.go, self.size, self.after = path, go, size, after
        self.cap = max_bytes + 1 if max_bytes else sys.maxsize
        name = path.lower()
        self.layout = "gzip" if name.endswith(".gz") else "zst" if name.endswith(".zst") else "plain"
        self.members: Members | None = None
        self.window = _Window(None)
        self.last = go.last  # place of the item given out last
        self.then: _Go | None = None
        self._cut = go.cut  # the item given out last needed bytes a stream failure withheld
        self._resume: int | None = None

    def __iter__(self) -> Iterator[_Item]:
        with open_input(self.path) as fh:
            fh.seek(self.go.offset)
            self.window = _Window(self._stream(fh))
            pos = self._begin()
            while pos is not None and self._ready(pos):
                item, pos = self._next(pos)
                if item is not None:
                    yield self._checked(item)
            if self.then is None and self.window.failure is not None:
                yield from self._failure(self.window.failure)

    def _ready(self, pos: int) -> bool:
        """Forget what lies before `pos`; whether there is a byte to read there."""
        self.window.drop_before(pos)
        if self.members is not None:
            self.members.forget_before(pos)
        return self.window.fill(pos + 1)

    def _checked(self, item: _Item) -> _Item:
        """The item, with the stream's failure as its error if the failure is in its
        own gzip member (or zstd stream) and withheld bytes it needed. A byte past it
        is read first: a gzip member that fails its check fails once all of its bytes
        are given. A failure in a later member is a line of its own, as it is when a
        segment of the file ends before that member."""
        window = self.window
        window.fill(item.reach + 1)
        failed = self.members.current if self.members is not None else 0
        self._cut = window.failure is not None and item.reach > window.end and item.place[0] == failed
        if self._cut:
            assert window.failure is not None
            item.error = _stretch_reason(item.place[0], self._resume_at(), self.size, window.failure)
        if self.then is not None:
            self.then = replace(self.then, cut=self._cut)
        return item

    def _failure(self, exc: Exception) -> Iterator[_Item]:
        """The error line of a stream that cannot be inflated past here (unless the
        item before says so already), and where a new reader goes on: at the next
        gzip member that begins a record; a zstd stream cannot go on."""
        resume = self._resume_at()
        if resume < self.size:
            self.then = _Go(resume, 0, self.last)
        if not self._cut:
            place = self._take_place(self.window.end)
            yield _Item(place, error=_stretch_reason(place[0], resume, self.size, exc), reach=self.window.end)

    def _resume_at(self) -> int:
        """File offset where reading can go on after the stream failed."""
        if self._resume is None:
            members = self.members
            self._resume = (
                self.size if members is None else verified_member(self.path, members.current + 1, self.size)
            )
        return self._resume

    def _stream(self, fh: BinaryIO) -> Any:
        """The file's WARC bytes from the reader's offset: inflated member by member
        (gzip), frame by frame (zst), or as they are."""
        if self.layout == "gzip":
            self.members = Members(fh, self.go.offset)
            return self.members
        if self.layout == "zst":
            return ZstdFrames(fh)
        return fh

    def _begin(self) -> int | None:
        """Where the first item begins: after `skip`, and after the rest of a bad record."""
        if not self.window.skip_to(self.go.skip):
            return None
        if not self.go.rest:
            return self.go.skip
        return self._next_start(self.go.skip)[0]

    def _next(self, pos: int) -> tuple[_Item | None, int | None]:
        """The item at `pos` (None for padding) and where the next one begins (None:
        a new reader goes on, see `then`)."""
        head = self._head_at(pos)
        if head is None:
            return self._stretch(pos)
        return self._record(pos, head)

    # --- records ----------------------------------------------------------------

    def _record(self, pos: int, head: _Head) -> tuple[_Item, int | None]:
        """A record, read to the end of its block and checked; a bad one is an error
        and reading goes on at the next header after its own."""
        item = _Item(self._take_place(pos), head.fields, reach=head.start)
        if head.length is None:
            value = head.fields.get("content-length")
            item.error = f"WARC record without a valid Content-Length: {value!r}"
            return item, self._after_bad(head.start)
        item.length, item.reach = head.length, head.start + head.length + len(_END)
        passed = item.place <= self.after  # done by an earlier run: read, checked, not kept
        block = self._block(head.start, head.length, _keep(head.fields, self.cap), keep=not passed)
        item.error = self._framing_error(pos, head, block)
        if item.error is not None:
            return item, self._after_bad(head.start)
        item.block = block or b""
        item.reach = head.start + head.length + (self._trailer(head.start + head.length) or 0)
        return item, item.reach

    def _block(self, start: int, length: int, need: int, *, keep: bool) -> bytes | None:
        """The first `need` bytes of the block at `start` (b"" unless `keep`), read to
        its end; None if the stream ends inside it. A block up to _RETAIN bytes, or
        `need`, stays in the window, so a bad one is searched for the next header
        without reading it again. What stays depends on the record alone, never on
        `keep`: a record a resumed run passes over is checked as the first run checked
        it (a block over _RETAIN held only in the first run swallowed records on resume)."""
        window, end = self.window, start + length
        first = start + min(length, need)
        at = min(end, max(first, start + _RETAIN))
        if not window.fill(at):
            return None
        kept = window.get(start, first - start) if keep else b""
        while at < end:
            window.drop_before(at)
            at = min(end, at + _STEP)
            if not window.fill(at):
                return None
        return kept

    def _framing_error(self, pos: int, head: _Head, block: bytes | None) -> str | None:
        """Why a record read to the end of its block is bad, if it is."""
        assert head.length is not None
        end = head.start + head.length
        if block is None:
            return f"truncated record at bytes {self._where(pos, self.window.end)}: the file ends inside it"
        if not self._ends_record(end):
            return (
                f"wrong WARC Content-Length: the {head.length} bytes of the block are not followed"
                " by the CRLF CRLF that ends a record"
            )
        swallowed = self._swallowed(head.start, end)
        if swallowed is not None:
            return (
                f"wrong WARC Content-Length: the {head.length} bytes of the block run into the record"
                f" of the gzip member at byte {swallowed}"
            )
        inner = self._swallowed_unzipped(head, end)
        if inner is not None:
            return (
                f"wrong WARC Content-Length: the {head.length} bytes of the block hold the record at"
                f" bytes {self._where(inner, end)}, and do not match the record's WARC-Block-Digest"
            )
        return None

    def _swallowed(self, start: int, end: int) -> int | None:
        """The first gzip member inside the block [start, end) whose data begins a
        record, if any: a Content-Length too long, that swallowed the records after
        it (their CRLF CRLF still follows the block). Free to check, as the member
        starts are known; where none tells, `_swallowed_unzipped`."""
        members, window = self.members, self.window
        if members is None or window.base > start:
            return None
        for inflated in members.starts_in(start + 1, end):
            if window.get(inflated, 5) == b"WARC/":
                return members.start_of(inflated)[0]
        return None

    def _swallowed_unzipped(self, head: _Head, end: int) -> int | None:
        """The record a Content-Length too long swallowed where no gzip member tells
        (a plain or zstd WARC, one gzip stream): a record header inside a block that
        does not match its WARC-Block-Digest. A page or a resource may hold a WARC, so
        a block without a digest is taken as it is. Most blocks hold no "WARC/" and
        cost one search; one that does is hashed, and searched for a header only if
        it does not match. A block no longer held (over _RETAIN bytes, and not read
        whole to be cleaned) is unchecked."""
        window, start = self.window, head.start
        digest = head.fields.get("warc-block-digest")
        if digest is None or window.base > start:
            return None
        at = window.find(_NEXT, start, end)
        if at < 0:
            return None
        with memoryview(window.data) as view:
            if digest_holds(digest, view[start - window.base : end - window.base]) is not False:
                return None
        while at >= 0 and not self._starts_record(at):
            at = window.find(_NEXT, at + 1, end)
        return at if at >= 0 else None

    def _ends_record(self, end: int) -> bool:
        """Whether the block ending at `end` is followed by what ends a record (`_trailer`)."""
        return self._trailer(end) is not None

    def _trailer(self, end: int) -> int | None:
        """The length of what follows the block ending at `end` and ends its record:
        CRLF CRLF (or a cut part of it, at the end of the file: the block itself is
        whole), or nothing or one line end before the next record (`_LOOSE_ENDS`):
        writers that leave the CRLF CRLF out, or write one of its line ends, give
        every record's length right, and each record was an error line. None if
        neither follows: the block's length is wrong."""
        self.window.fill(end + len(_END) + len(_NEXT))
        tail = self.window.get(end, len(_END) + len(_NEXT))
        if tail.startswith(_END) or (len(tail) < len(_END) and _END.startswith(tail)):
            return min(len(tail), len(_END))
        if len(tail) < len(_END) + len(_NEXT) and tail in _LOOSE_ENDS:  # the file's end
            return len(tail)
        return next((len(loose) for loose in _LOOSE_ENDS if tail.startswith(loose + _NEXT)), None)

    def _after_bad(self, start: int) -> int | None:
        """Where reading goes on after a bad record whose block begins at `start`: the
        next header after it, searched in the window if it still holds the block, else
        by a new reader from its member (None)."""
        if self.window.base <= start:
            return self._next_start(start)[0]
        self.then = self._go_to(start, rest=True)
        return None

    # --- bad stretches --------------------------------------------------------------

    def _stretch(self, pos: int) -> tuple[_Item | None, int]:
        """Bytes at `pos` that begin no record: passed over to the next record header,
        an error line unless they are only padding."""
        first = self.window.get(pos, 1)
        header = _VERSION.match(self.window.data, pos - self.window.base) is not None
        following, padding = self._next_start(pos + 1)
        if padding and not first.translate(None, _PADDING):
            return None, following
        where = self._where(pos, following)
        reach = following
        if header and following >= self.window.end:
            reason = f"truncated record at bytes {where}: the file ends inside its header"
            reach += 1  # it needed bytes past the end: a cut stream's failure is this line's
        else:
            reason = f"junk between WARC records: {following - pos} bytes at {where} hold no record header"
        return _Item(self._take_place(pos), error=reason, reach=reach), following

    def _next_start(self, pos: int) -> tuple[int, bool]:
        """The next record start at or after `pos` (the end of the stream if none), and
        whether the bytes before it are only padding."""
        window, padding, at = self.window, True, pos
        while True:
            window.fill(at + _READ)
            found = window.data.find(b"WARC/", at - window.base)
            if found < 0:
                upto = window.end if window.eof else max(at, window.end - 4)  # "WARC/" may straddle
            else:
                upto = window.base + found
            padding = padding and not window.get(at, upto - at).translate(None, _PADDING)
            if found >= 0 and self._starts_record(upto):
                return upto, padding
            if found < 0 and window.eof:
                return upto, padding
            if found >= 0:
                upto, padding = upto + 1, False
            at = upto
            window.drop_before(at)

    def _starts_record(self, pos: int) -> bool:
        """Whether "WARC/" at `pos` begins a record: at a gzip member's start, or with a
        header that parses and names a record (a page that quotes a WARC version line
        rarely has the header's fields and blank line too). A record with no valid
        Content-Length is one too: it is an error line of its own, not part of the
        stretch before. Not only at a line's start: junk with no newline may run right
        up to the next record."""
        if self._member_start(pos):
            return True
        head = self._head_at(pos)
        return head is not None and any(name in head.fields for name in _RECORD_FIELDS)

    def _member_start(self, pos: int) -> bool:
        """Whether a gzip member begins at `pos` (where a gzipped record may begin)."""
        members = self.members
        if members is None:
            return False
        return pos == 0 or members.member_of(pos) != members.member_of(pos - 1)

    def _head_at(self, pos: int) -> _Head | None:
        """The WARC header at `pos`: a "WARC/x.y" line and fields up to a blank line,
        within _HEADER_MAX bytes; None if there is none, or if another "WARC/x.y" line
        comes before the blank line: a header cut short ran into the next record's,
        whose fields it took (the first of a repeated field wins), and the intact
        record after it was lost or, across a gzip member, read twice."""
        window = self.window
        window.fill(pos + 16)
        if not _VERSION.match(window.data, pos - window.base):
            return None
        end = window.find(_END, pos, pos + _HEADER_USUAL)
        if end < 0:
            end = window.find(_END, pos, self._header_limit(pos))
        if end < 0:
            return None
        head = window.get(pos, end - pos)
        if _VERSION.search(head, 1) is not None:  # a header cut short, and the next record's
            return None
        fields = _fields(head)
        return _Head(fields, end + len(_END), _content_length(fields))

    def _header_limit(self, pos: int) -> int:
        """Where the blank line ending a long header at `pos` must end by: the end of the
        next "WARC/x.y" line and the line end after it (a header holding that whole line
        ran into the next record's and is cut short, `_head_at`; one whose last field
        ends in "WARC/1.0" has its blank line begin with that line's own end), else
        _HEADER_MAX bytes on. Why: junk made of version lines with no blank line (a
        corrupt record's block, searched for a header) cost a 64 KiB scan each, about
        3.5 s a MB; the next version line is near there, and the scan stops at it."""
        window = self.window
        window.fill(pos + _HEADER_MAX)
        start, stop = pos + 1 - window.base, pos + _HEADER_MAX - window.base
        found = _VERSION.search(window.data, start, stop)
        return pos + _HEADER_MAX if found is None else window.base + found.end() + len(_END) // 2

    # --- places and failures ------------------------------------------------------

    def _take_place(self, pos: int) -> Place:
        """The place of the item at `pos`: its offset (plain), else its member (0 in a
        zstd stream) and its rank among the items that begin in it."""
        if self.layout == "plain":
            place = (self.go.offset + pos, 0)
        else:
            member = self._member_at(pos)
            last = self.last
            place = (member, last[1] + 1 if last is not None and last[0] == member else 0)
        self.last = place
        return place

    def _member_at(self, pos: int) -> int:
        """File offset of the gzip member holding `pos` (the failing one past the last
        byte inflated); 0 for a zstd stream."""
        members = self.members
        if members is None:
            return 0
        return members.member_of(pos) if pos < members.tell() else members.current

    def _go_to(self, pos: int, *, rest: bool) -> _Go:
        """A start for a new reader at stream position `pos`."""
        if self.members is not None:
            offset, inflated = self.members.start_of(pos)
            return _Go(offset, pos - inflated, self.last, rest)
        if self.layout == "zst":
            return _Go(0, pos, self.last, rest)
        return _Go(self.go.offset + pos, 0, self.last, rest)

    def _where(self, start: int, end: int) -> str:
        """Stream positions [start, end) as a byte range a reader can find."""
        if self.members is not None:
            offset, inflated = self.members.start_of(start)
            return f"{start - inflated}-{end - inflated} of the gzip member at byte {offset}"
        if self.layout == "zst":
            return f"{start}-{end} of the inflated stream"
        return f"{self.go.offset + start}-{self.go.offset + end}"


def digest_holds(digest: str, block: bytes | memoryview) -> bool | None:
    """Whether `block` has the WARC-Block-Digest `digest`: "algorithm:value", the
    value in base 32 (as crawlers write it), hex or base 64, which the standard leaves
    open; None for a digest it cannot check (an algorithm hashlib lacks, no value)."""
    algorithm, _, want = digest.strip().partition(":")
    want = want.strip()
    if not want:
        return None
    try:
        got = hashlib.new(algorithm.strip().lower().replace("-", ""), block).digest()
    except (ValueError, TypeError):  # unknown; shake_* wants a length
        return None
    bare = want.rstrip("=")
    return (
        bare.upper() == base64.b32encode(got).decode().rstrip("=")
        or want.lower() == got.hex()
        or bare
        in (base64.b64encode(got).decode().rstrip("="), base64.urlsafe_b64encode(got).decode().rstrip("="))
    )


def _fields(head: bytes) -> dict[str, str]:
    """A WARC header's fields by lower-cased name (the first of a repeated name);
    folded lines continue the field above."""
    fields: dict[str, str] = {}
    name = ""
    for line in head.split(b"\r\n")[1:]:
        if line[:1] in (b" ", b"\t") and name:
            fields[name] += " " + line.strip().decode("utf-8", "replace")
            continue
        key, sep, value = line.partition(b":")
        name = key.strip().lower().decode("latin-1") if sep else ""
        if name and name not in fields:
            fields[name] = value.strip().decode("utf-8", "replace")
        elif name:
            name = ""  # a repeated field: its folded lines are not the first one's
    return fields


def _content_length(fields: dict[str, str]) -> int | None:
    """The Content-Length, if it is a number (a block cannot be found without it)."""
    value = fields.get("content-length", "")
    return int(value) if value.isascii() and value.isdigit() else None


def _keep(fields: dict[str, str], cap: int) -> int:
    """How much of a record's block the cleaning needs: up to the cap for a page, none
    for a record that is skipped whatever it holds."""
    rtype = fields.get("warc-type", "").lower()
    if rtype in ("conversion", "response"):
        return cap
    if rtype == "resource" and fields.get("content-type", "").startswith(HTML_TYPES):
        return cap
    return 0


def _stretch_reason(bad: int, resume: int, size: int, exc: Exception) -> str:
    """Why a stream failed: cut at the end of the file, or corrupt up to `resume`."""
    if isinstance(exc, EOFError) and resume >= size:
        return f"truncated record at bytes {bad}-{size}: the file ends inside it"
    return f"corrupt WARC data at bytes {bad}-{resume}: {exc}"


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
    """Offset of the next gzip member at or after `offset` (else EOF)."""
    with open_input(path) as fh:
        fh.seek(offset)
        while True:
            pos = fh.tell()
            chunk = fh.read(1 << 20)
            if not chunk:
                return size
            found = chunk.find(_GZIP_MAGIC)
            if found >= 0:
                return pos + found
            if len(chunk) < 1 << 20:
                return size  # the last chunk: no magic before the end
            fh.seek(pos + len(chunk) - len(_GZIP_MAGIC) + 1)


def _warc_record(path: str, item: _Item, max_bytes: int) -> Record:
    """The batch record of an item: an error, a skip, or a page to clean."""
    source = place_source(path, item.place)
    fields = item.fields
    if fields is None:
        return Record(id=source, source=source, error=item.error)
    rtype = fields.get("warc-type", "").lower()
    rid = fields.get("warc-record-id") or source
    url = fields.get("warc-target-uri")
    if item.error is not None:
        return Record(id=rid, source=source, url=url, error=item.error)
    if rtype not in ("conversion", "resource", "response"):
        return Record(id=rid, source=source, url=url, skip=f"{rtype or 'untyped'} record", meta=True)
    body, declared = item.block, item.length
    if max_bytes and declared > max_bytes:
        # Kept no further than the cap; a response that is no HTML page is still a skip.
        head = http_head(body) if rtype == "response" else None
        skip = head.skip if isinstance(head, Head) else None
        over = f"record of over {max_bytes} bytes is over --max-bytes {max_bytes}"
        return Record(id=rid, source=source, url=url, skip=skip, error=None if skip else over)
    truncated = _truncated(fields)
    if rtype == "conversion":
        return Record(id=rid, source=source, url=url, data=body, kind="text", truncated=truncated)
    if rtype == "resource":
        if fields.get("content-type", "").startswith(HTML_TYPES):
            return Record(id=rid, source=source, url=url, data=body, kind="html", truncated=truncated)
        return Record(id=rid, source=source, url=url, skip="resource record")
    # Parsing the HTTP message is left to the worker that cleans it (see `unwrap_http`):
    # the reading process stays light, so it never holds the workers back.
    return Record(id=rid, source=source, url=url, data=body, kind="http", truncated=truncated)


def _truncated(fields: dict[str, str]) -> str | None:
    """Why the crawler cut the record's block (its WARC-Truncated: length, time,
    disconnect, unspecified), if it did."""
    if "warc-truncated" not in fields:
        return None
    return fields["warc-truncated"].strip().lower() or "unspecified"
