"""Batch inputs: WARC/WET files, JSONL, folders and globs of pages, read as records.

Why one record stream: the batch runner numbers every record it is given and accounts
for each one (see `records`). Iteration order is deterministic (files sorted, records
in file order), which is what lets `--resume` skip exactly the records already written.
"""

from __future__ import annotations

import glob
import os
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit
from urllib.request import url2pathname

from .inflate import TooLarge, inflate, read_capped
from .jsonl import read_jsonl
from .records import STDIN, JsonlFields, Place, Record
from .remote import expand_url, is_url, open_input, size_of
from .warc import read_warc

PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".txt")
WARC_SUFFIXES = (".warc", ".warc.gz", ".warc.zst", ".wet", ".wet.gz", ".wet.zst")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".jsonl.zst", ".ndjson", ".ndjson.gz", ".ndjson.zst")
_UNKNOWN = (
    "unknown file type (expected .warc, .wet, .jsonl or .ndjson, each plain, .gz or .zst; .html, .htm, .txt)"
)
_OWN_OUTPUT = "this is a file the batch writes (its output or error log), not an input"


def expand(inputs: Iterable[str], written: Iterable[str] = ()) -> Iterator[tuple[str, str | None]]:
    """(path, problem) for every input file: folders are walked, globs expanded, both
    sorted; a name that is no readable file comes with the reason. A file reached
    twice (named twice, or named and inside a folder named) is read once, where it is
    first reached: reading it twice would write its records twice. The files the batch
    writes (`written`) are never read: a folder's walk or a pattern passes over them
    (else the output, growing in the folder it reads, is read back without end), and
    one named as an input is an error record."""
    seen: set[str] = set()
    own = {_identity(p).rstrip("/") or "/" for p in written}
    for path, problem, walked in _expand(inputs):
        key = _identity(path)
        mine = any(key == o or key.startswith(o + os.sep) for o in own)
        if key in seen or (mine and walked):
            continue
        seen.add(key)
        yield path, (_OWN_OUTPUT if mine else problem)


def _identity(path: str) -> str:
    """What tells two names of one input apart from two inputs: a local file's real
    path (links and `./` resolved; a `file://` URL's too, else it was never matched
    with the output's path and read it back without end), any other URL or stdin as
    named."""
    if path == STDIN:
        return path
    if path.startswith("file://"):
        return os.path.realpath(url2pathname(urlsplit(path).path))
    return path if is_url(path) else os.path.realpath(path)


def _expand(inputs: Iterable[str]) -> Iterator[tuple[str, str | None, bool]]:
    """`expand`'s (path, problem, found by walking a folder or matching a pattern),
    repeats and all."""
    for item in inputs:
        if item == STDIN:
            yield item, None, False
            continue
        if is_url(item):  # read through fsspec (remote.py)
            yield from _typed(expand_url(item, lambda name: _kind_of(name) is not None))
            continue
        found = glob.has_magic(item)  # a pattern's matches are found, as a folder's files are
        matches = sorted(glob.glob(item, recursive=True)) if found else [item]
        if not matches:
            yield item, "no file matches this pattern", False
        for path in matches:
            if os.path.isdir(path):
                yield from _walk(path)
            elif not os.path.exists(path):
                yield path, "no such file", found
            else:
                yield path, (_UNKNOWN if _kind_of(path) is None else None), found


def _walk(folder: str) -> Iterator[tuple[str, str | None, bool]]:
    """The files of a folder and those below it that are of a kind the batch reads, sorted."""
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            if _kind_of(name) is not None:
                yield os.path.join(root, name), None, True


def _typed(found: list[tuple[str, str | None]]) -> Iterator[tuple[str, str | None, bool]]:
    for path, problem in found:
        yield path, problem or (_UNKNOWN if _kind_of(path) is None else None), True


@dataclass(frozen=True, slots=True)
class Survey:
    """What a walk over the inputs found before any is read."""

    bytes: int  # their size on disk, for a progress bar with a total
    missing: str | None  # a package that reading them needs and is not installed
    paths: frozenset[str] = frozenset()  # every input path, read or not


def survey(inputs: Iterable[str], written: Iterable[str] = ()) -> Survey:
    """The inputs' total size, and whether every reader they need is installed: a batch
    whose WARCs cannot be read is refused before it writes a line, not one error a file."""
    total, missing, paths = 0, None, set()
    for path, problem in expand(inputs, written):
        paths.add(path)
        if problem is not None:
            continue
        total += file_size(path)
        if missing is None:
            missing = _missing_package(path)
    return Survey(total, missing, frozenset(paths))


def file_size(path: str) -> int:
    """The size of an input file; 0 where it has none (stdin) or cannot be read."""
    if path == STDIN:
        return 0
    try:
        return size_of(path)
    except OSError:
        return 0


def _missing_package(path: str) -> str | None:
    """The package reading `path` needs, as the line that tells how to install it."""
    name = path.lower()
    if name.endswith(".zst") and not _importable("zstandard"):
        return (
            f"reading {path} needs the zstandard package: pip install zstandard (boilerstrip's extra [zstd])"
        )
    return None


def _importable(name: str) -> bool:
    import importlib

    try:
        importlib.import_module(name)
    except ImportError:
        return False
    return True


def read_file(
    path: str, problem: str | None, fields: JsonlFields, max_bytes: int = 0, after: Place = (-1, 0)
) -> Iterator[Record]:
    """The records of one input (one error record if it cannot be read); a WARC's from
    after the place `after` (see `read_warc`). Never raises: whatever stops the reading
    becomes an error record after the records read."""
    if problem:
        yield Record(id=path, source=path, error=f"unreadable input: {problem}")
        return
    kind = _kind_of(path)
    last: str | None = None
    try:
        if kind == "warc":
            records = read_warc(path, after=after, max_bytes=max_bytes)
        elif kind == "jsonl":
            records = read_jsonl(path, fields, max_bytes)
        else:
            records = iter([read_page_file(path, max_bytes)])
        for rec in records:
            last = rec.source
            yield rec
    except Exception as exc:  # noqa: BLE001 - an input that breaks its reader is an error record
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else f"{type(exc).__name__}: {exc}"
        source = path if last is None else f"{last}#end"
        yield Record(id=source, source=source, error=f"unreadable input: {reason}")


def is_warc(path: str) -> bool:
    """Whether the input is a WARC (or WET) file, whose records have places."""
    return _kind_of(path) == "warc"


def can_segment(path: str) -> bool:
    """Whether workers can read this input in parallel segments: a gzipped WARC, one
    gzip member a record as the standard asks, whose members a segment can start at."""
    return _kind_of(path) == "warc" and path.lower().endswith(".gz")


def _kind_of(path: str) -> str | None:
    if path == STDIN:
        return "jsonl"
    name = path.lower()
    if name.endswith(WARC_SUFFIXES):
        return "warc"
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if name.endswith(PAGE_SUFFIXES) or name.endswith(tuple(s + ".gz" for s in PAGE_SUFFIXES)):
        return "page"
    return None


def read_page_file(path: str, max_bytes: int = 0) -> Record:
    """A single page file (.html, .htm, .txt, optionally gzipped), read and inflated no
    further than `max_bytes` when set."""
    cap = max_bytes or sys.maxsize
    gzipped = path.lower().endswith(".gz")
    try:
        with open_input(path) as fh:
            data = read_capped(fh, cap)
        if gzipped:
            data = inflate(data, cap)
    except TooLarge as exc:
        return Record(id=path, source=path, error=f"page file {exc}: over --max-bytes {max_bytes}")
    except (EOFError, zlib.error) as exc:
        return Record(id=path, source=path, error=f"corrupt gzip file: {exc}")
    kind = "text" if path.lower().removesuffix(".gz").endswith(".txt") else "html"
    return Record(id=path, source=path, data=data, kind=kind)
