"""Inflation for batch inputs: streamed, capped, and aware of gzip members.

Why not `gzip.decompress`: it inflates a whole payload before anyone can look at its
size, so a 2 MB file that inflates to 2 GiB costs 2 GiB before `--max-bytes` can
refuse it. Here every inflation stops one byte past its cap.

Why a member reader of our own: a gzipped WARC is meant to hold one record a gzip
member, but files in the wild are also one gzip stream (`gzip -c x.warc`) or hold
several records a member. FastWARC's positions are read-ahead positions in the
compressed file, shared by every record it inflated from one buffer; resuming from
them skips records. `Members` inflates member by member and knows, for any position
in the inflated stream, the file offset of the member it came from, so every record
gets a unique, resumable place: its member and its rank inside that member.
"""

from __future__ import annotations

import bisect
import io
import sys
import zlib
from types import ModuleType
from typing import Any, BinaryIO

_zlib: ModuleType
try:  # ISA-L inflates about twice as fast as zlib; optional, [warc]
    from isal import isal_zlib as _zlib
except ImportError:  # pragma: no cover - the same results, slower
    _zlib = zlib
_ERRORS: tuple[type[Exception], ...] = (zlib.error, _zlib.error)
_READ_ERRORS: tuple[type[Exception], ...] = (*_ERRORS, EOFError)

GZIP_MAGIC = b"\x1f\x8b"
_PADDING = b"\x00 \t\r\n"  # between gzip members: passed over
_READ = 1 << 16


class TooLarge(ValueError):
    """The inflated data is over its cap."""


class Members(io.RawIOBase):
    """The inflated bytes of a gzip file from a member start on, as a read-only stream
    that notes where each member begins in the file and in the inflated stream.

    A member that is cut short raises EOFError, one that is corrupt `zlib.error`;
    `current` then names the file offset of the member being inflated. NUL and
    whitespace padding between members and after the last one is passed over (gzip(1)
    ignores trailing NULs; a stray newline between a WARC's members loses nothing);
    other bytes there are a corrupt member."""

    def __init__(self, fh: BinaryIO, start: int) -> None:
        super().__init__()
        self._fh = fh
        self._file_pos = start  # file offset of the first byte not yet in `_input`
        self._input = b""
        self._inflater: Any = None
        self._out = 0  # inflated bytes handed out so far
        self._starts: list[int] = []  # inflated offset where each member begins
        self._offsets: list[int] = []  # file offset of each member
        self.current = start
        self.failed = False  # inflating broke: `current` is the bad member
        self._error: Exception | None = None  # raised by the next read: this one had data

    def readable(self) -> bool:
        """Always readable (io's protocol)."""
        return True

    def tell(self) -> int:
        """Inflated bytes read so far (the WARC reader counts record positions from it)."""
        return self._out

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        """Fill `buffer` with inflated bytes, as `read` gives them; returns how many."""
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def read(self, size: int | None = -1) -> bytes:
        """Up to `size` inflated bytes (64 KiB for a negative size), of one member."""
        if self._error is not None:
            self.failed = True
            raise self._error
        return self._read(size)

    def _read(self, size: int | None) -> bytes:
        """Inflated bytes of one member at most: a reader that asks for more learns
        of a bad next member only once it has had all of the good one."""
        want = _READ if size is None or size < 0 else size
        parts: list[bytes] = []
        try:
            while want > 0 and (self._inflater is not None or not parts) and self._next_member_ready():
                assert self._inflater is not None
                chunk = self._inflater.decompress(self._input, want)
                self._input = self._inflater.unconsumed_tail
                if self._inflater.eof:
                    self._input = self._inflater.unused_data
                    self._inflater = None
                elif not self._input and not chunk:
                    self._refill(member_open=True)
                parts.append(chunk)
                self._out += len(chunk)
                want -= len(chunk)
        except _READ_ERRORS as exc:
            error = exc if isinstance(exc, EOFError) else zlib.error(str(exc))
            if not parts:
                self.failed = True
                raise error from exc
            self._error = error
        return b"".join(parts)

    def member_of(self, position: int) -> int:
        """File offset of the member holding inflated `position`."""
        return self.start_of(position)[0]

    def start_of(self, position: int) -> tuple[int, int]:
        """(file offset, inflated offset) where the member holding `position` begins:
        a reader can open the file there and inflate its way back to `position`."""
        i = max(0, bisect.bisect_right(self._starts, position) - 1)
        return self._offsets[i], self._starts[i]

    def starts_in(self, low: int, high: int) -> list[int]:
        """Inflated offsets in [low, high) where a member read so far begins."""
        return self._starts[bisect.bisect_left(self._starts, low) : bisect.bisect_left(self._starts, high)]

    def forget_before(self, position: int) -> None:
        """Drop the notes of members wholly before `position`: a long file keeps few."""
        keep = max(0, bisect.bisect_right(self._starts, position) - 1)
        if keep > 64:
            del self._starts[:keep], self._offsets[:keep]

    def _next_member_ready(self) -> bool:
        """True with an inflater open on the current member; False at the end."""
        if self._inflater is not None:
            return True
        if len(self._input) < 2:
            self._refill(member_open=False)
        if not self._input:
            return False
        if self._input[:1] in _PADDING and not self._skip_padding():
            return False
        if not self._input.startswith(GZIP_MAGIC):
            self.current = self._file_pos - len(self._input)
            raise zlib.error("not a gzip member")
        self.current = self._file_pos - len(self._input)
        self._starts.append(self._out)
        self._offsets.append(self.current)
        self._inflater = _zlib.decompressobj(31)
        return True

    def _refill(self, *, member_open: bool) -> None:
        chunk = self._fh.read(_READ)
        self._file_pos += len(chunk)
        if not chunk and member_open:
            raise EOFError("gzip member cut short")
        self._input += chunk

    def _skip_padding(self) -> bool:
        """Skip NUL and whitespace padding; False if the file ends with it."""
        while self._input[:1] in _PADDING:
            self._input = self._input.lstrip(_PADDING)
            if len(self._input) < 2:
                self._refill(member_open=False)
            if not self._input:
                return False
        return True


def inflate(data: bytes, cap: int, wbits: int = 31, *, partial: bool = False) -> bytes:
    """`data` inflated (gzip by default; `wbits` as in zlib), all of its gzip members;
    raises TooLarge once the output passes `cap` bytes, before inflating the rest, and
    zlib.error or EOFError for corrupt or cut data. `partial`: data known to be cut
    (a WARC record marked WARC-Truncated) gives what it inflates to, no EOFError."""
    try:
        return _inflate(data, cap, wbits, partial)
    except _ERRORS as exc:
        raise zlib.error(str(exc)) from exc


def _inflate(data: bytes, cap: int, wbits: int, partial: bool) -> bytes:
    out: list[bytes] = []
    total = 0
    while data:
        inflater = _zlib.decompressobj(wbits)
        while True:
            chunk = inflater.decompress(data, max(one_past(cap - total), 0))  # 0: zlib's "all"
            total += len(chunk)
            out.append(chunk)
            if total > cap:
                raise TooLarge(f"inflates to over {cap} bytes")
            data = inflater.unconsumed_tail
            if inflater.eof or not data:
                break
        if not inflater.eof:
            if partial:
                break
            raise EOFError("compressed data cut short")
        data = inflater.unused_data
        if wbits != 31 or not data.startswith(GZIP_MAGIC):
            break  # trailing bytes after the last member are ignored, as gzip(1) does
    return b"".join(out)


def one_past(cap: int) -> int:
    """The size to ask a read for, to see whether a stream holds more than `cap`: one
    past it, or -1 (all) where `cap` is no cap (sys.maxsize, what a `max_bytes` of 0
    becomes). One past sys.maxsize fits no read's size: OverflowError, which turned
    every JSONL input of a batch with `max_bytes=0` into one error line."""
    return cap + 1 if cap < sys.maxsize else -1


def read_capped(fh: BinaryIO, cap: int) -> bytes:
    """All of a stream, or TooLarge as soon as it passes `cap` bytes."""
    data = fh.read(one_past(cap))
    if len(data) > cap:
        raise TooLarge(f"is over {cap} bytes")
    return data


class BrokenStream(ValueError):
    """Compressed data that cannot be inflated further (a corrupt zstd frame)."""


class ZstdFrames(io.RawIOBase):
    """A zstd stream's bytes, frame after frame (zstandard), with the dictionary a file
    may begin with (a skippable frame, magic 0x184D2A5D, raw or itself zstd-compressed,
    as the WARC zstd format has it). Every byte of the whole frames before a cut is
    given, then an EOFError: zstandard's `stream_reader` took a cut for the end of the
    data (a cut .jsonl.zst lost its last records without a word), FastWARC's reader lost
    what it had inflated in the read that met the cut (a cut .warc.zst, intact records).
    A frame that cannot be inflated is a BrokenStream, raised once the bytes before it
    are read. Fed a KiB at a time, so that what one feed inflates to stays bounded
    (tens of MB for the densest frames) on hostile input."""

    _FEED = 1 << 10
    _DICT_MAGIC = 0x184D2A5D
    _ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"

    def __init__(self, raw: BinaryIO) -> None:
        try:
            import zstandard
        except ImportError as exc:
            raise OSError(
                0,
                "reading .zst needs the zstandard package: pip install zstandard (boilerstrip's extra [zstd])",
            ) from exc
        super().__init__()
        self._zstd, self._raw = zstandard, raw
        self._left = raw.read(8)
        self._new = zstandard.ZstdDecompressor(dict_data=self._dictionary()).decompressobj
        self._frame: Any = None  # the frame being inflated, None between frames
        self._out = bytearray()
        self._error: Exception | None = None  # raised once the bytes before it are read

    def _dictionary(self) -> Any:
        """The dictionary frame at the stream's start, if any (read past it)."""
        head = self._left
        if len(head) < 8 or int.from_bytes(head[:4], "little") != self._DICT_MAGIC:
            return None
        data = self._raw.read(int.from_bytes(head[4:], "little"))
        self._left = b""
        if data.startswith(self._ZSTD_MAGIC):
            data = self._zstd.ZstdDecompressor().decompressobj().decompress(data)
        return self._zstd.ZstdCompressionDict(data)

    def readable(self) -> bool:
        """Always: it is read."""
        return True

    def read(self, size: int = -1) -> bytes:
        """Up to `size` inflated bytes (all with -1), as many as there are before the end
        or a fault; b"" at the end; the fault's error once nothing is left before it."""
        want = sys.maxsize if size is None or size < 0 else size
        while len(self._out) < want and self._error is None and self._inflate():
            pass
        if not self._out and self._error is not None:
            raise self._error
        out = bytes(self._out[:want])
        del self._out[:want]
        return out

    def readinto(self, buffer: Any) -> int:
        """Inflated bytes into `buffer`, as many as are ready (0 at the end)."""
        while not self._out and self._error is None and self._inflate():
            pass
        if not self._out and self._error is not None:
            raise self._error
        n = min(len(buffer), len(self._out))
        buffer[:n] = self._out[:n]
        del self._out[:n]
        return n

    def _inflate(self) -> bool:
        """The next feed inflated onto the output; False at the end of the data or at a
        fault (kept for the reader)."""
        data = self._left or self._raw.read(self._FEED)
        self._left = b""
        if not data:
            if self._frame is not None:
                self._error = EOFError("the file ends inside a zstd frame: it was cut short")
            return False
        if self._frame is None:
            self._frame = self._new()
        try:
            self._out += self._frame.decompress(data)
        except self._zstd.ZstdError as exc:
            self._error = BrokenStream(str(exc))
            return False
        if self._frame.eof:  # what is left of the feed starts the next frame
            self._left, self._frame = self._frame.unused_data, None
        return True
