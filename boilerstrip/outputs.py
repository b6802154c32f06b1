"""Batch output files: the lock, what an earlier run left, and the line writers.

Why a lock: two runs writing one output interleave their lines (a torn line, records
written twice), and both would exit 0. The lock is a file beside the output that holds
the running batch's PID under an exclusive `flock`, so a second run is refused at once
and told who holds it; the kernel drops the lock when its holder dies, even by kill -9.

Why lines are checked before they are written: a lone surrogate (from a JSON escape
in an input line, or an undecodable file name) cannot be encoded as UTF-8, and writing
it would fail the whole run. Such characters are written as JSON escapes, which read
back to the same string, so `--resume` still finds every source.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import sys
from dataclasses import dataclass
from typing import IO, Any, Final

from .errors import BoilerstripError

RESULT_FIELDS = (
    "text", "title", "date", "date_modified", "dateline", "section", "authors", "site_name", "wire_service",
    "copyright", "site_copyright", "language", "page_type",
)  # fmt: skip

_SURROGATE = re.compile("[\ud800-\udfff]")


class OutputError(BoilerstripError, OSError):
    """An output file cannot be locked, read back or written (disk full, read-only)."""


def json_line(line: dict[str, Any]) -> str:
    """One output line as JSON text that can always be written as UTF-8."""
    text = json.dumps(line, ensure_ascii=False)
    if _SURROGATE.search(text):
        text = _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return text


def describe(exc: OSError, path: str) -> str:
    """A one-line reason for a failed write or open."""
    reason = exc.strerror or str(exc)
    if exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
        reason += "; free space and run again with --resume"
    return f"cannot write {path}: {reason}"


@dataclass
class Lock:
    """An exclusive lock on an output path, held by this process until `release`."""

    path: str
    fd: int

    @classmethod
    def take(cls, output: str) -> Lock:
        """Lock `output` (through .OUTPUT.lock beside it), or raise OutputError naming
        the holder."""
        import fcntl

        folder, name = os.path.split(output)
        lock_path = os.path.join(folder, f".{name}.lock")  # hidden: no input glob matches it
        while True:
            try:
                fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError as exc:
                raise OutputError(describe(exc, lock_path)) from exc
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as exc:
                holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "another process"
                os.close(fd)
                raise OutputError(f"{output} is being written by PID {holder}: wait for it to end") from exc
            if _same_file(fd, lock_path):
                break
            os.close(fd)  # the holder removed it between our open and our lock: again
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        return cls(lock_path, fd)

    def release(self) -> None:
        """Remove the lock file, then let go (in that order, so nobody locks a file
        that is about to disappear)."""
        with contextlib.suppress(OSError):
            os.unlink(self.path)
        os.close(self.fd)


def _same_file(fd: int, path: str) -> bool:
    try:
        return os.stat(path).st_ino == os.fstat(fd).st_ino
    except OSError:
        return False


_COMPRESSED: Final = (".gz", ".zst", ".bz2", ".xz", ".zip")


def output_format(path: str, given: str | None) -> str:
    """The output format: the one given, else the one the file's suffix names
    (.parquet, else JSON lines); ValueError for a suffix that says another format, or
    compression, which is not written (the file would not be what its name says)."""
    name = path.lower()
    if path == "-":
        if given == "parquet":
            raise ValueError("Parquet is not written to stdout: name a .parquet file")
        return "jsonl"
    if name.endswith(_COMPRESSED):
        raise ValueError(
            f"{path} names a compressed file, which is not written: name a .jsonl or .parquet file"
        )
    named = (
        "parquet"
        if name.endswith((".parquet", ".pq"))
        else "jsonl"
        if name.endswith((".jsonl", ".ndjson"))
        else None
    )
    if given and named and given != named:
        raise ValueError(f"{path} names a {named} file, not --format {given}")
    return given or named or "jsonl"


def path_problem(path: str) -> str | None:
    """Why a file cannot be written at `path`, found before a run starts (None if it
    can be tried): a folder is no file, and a missing folder is not made for you."""
    if path == "-":
        return None  # stdout
    if os.path.isdir(path):
        return f"{path} is a folder: name a file"
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        return f"no folder {folder} to write {os.path.basename(path)} in"
    return None


def _same_path(a: str, b: str) -> bool:
    """The same file, by name or by link (a hard link has its own name)."""
    if os.path.realpath(a) == os.path.realpath(b):
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False  # one of them does not exist yet: two names, two files


def check_paths(output: str, errors: str | None, stats: str | None) -> None:
    """Refuse paths that would overwrite each other, and a stats file that cannot be
    written, before any record is read."""
    given = (("-o", output), ("--errors", errors), ("--stats", stats))
    named = [(flag, p) for flag, p in given if p and p != "-"]
    for i, (flag, path) in enumerate(named):
        for other, path2 in named[:i]:
            if _same_path(path, path2):
                raise OutputError(f"{other} and {flag} name the same file: {os.path.realpath(path)}")
    if stats:
        try:
            with open(stats, "a", encoding="utf-8"):
                pass
        except OSError as exc:
            raise OutputError(describe(exc, stats)) from exc


@dataclass(frozen=True, slots=True)
class Earlier:
    """What the runs before a `--resume` wrote: every whole line's (seq, source,
    status, reason), in input order, and how many lines each file holds."""

    lines: list[tuple[int, str, str, str]]
    in_output: int
    in_errors: int

    @property
    def sources(self) -> list[str]:
        """The `source` of every earlier line, in order."""
        return [source for _, source, _, _ in self.lines]


def earlier_lines(output: str, errors: str | None, *, resume: bool, overwrite: bool, jsonl: bool) -> Earlier:
    """The lines earlier runs left (none without --resume); cuts a partial last line
    left by a killed run, and refuses to overwrite without --overwrite. Their statuses
    let the summary of a resumed run count the whole output, not only its own part."""
    paths = [p for p in (output, errors) if p and p != "-"]
    existing = [p for p in paths if os.path.exists(p) and os.path.getsize(p) > 0]
    if not resume:
        if existing and not overwrite:
            raise BoilerstripError(f"{existing[0]} exists: pass --resume to continue it or --overwrite")
        return Earlier([], 0, 0)
    if not jsonl:
        raise BoilerstripError("--resume works with JSONL output only")
    in_output = _complete_lines(output) if output in existing else []
    in_errors = _complete_lines(errors) if errors and errors in existing else []
    done = sorted(in_output + in_errors)
    if [seq for seq, *_ in done] != list(range(len(done))):
        raise BoilerstripError("the output files do not hold a prefix of the input: cannot resume them")
    return Earlier(done, len(in_output), len(in_errors))


def _complete_lines(path: str) -> list[tuple[int, str, str, str]]:
    """(seq, source, status, reason) of every whole line; a partial last line (no
    newline) is cut off."""
    found = []
    good_end = 0
    try:
        with open(path, "rb+") as fh:
            for raw in fh:
                if not raw.endswith(b"\n"):
                    break
                try:
                    line = json.loads(raw)
                    found.append((int(line["seq"]), str(line["source"]), str(line["status"]),
                                  str(line.get("reason") or "")))  # fmt: skip
                except (ValueError, KeyError, TypeError):
                    break
                good_end += len(raw)
            fh.truncate(good_end)
    except OSError as exc:
        raise OutputError(describe(exc, path)) from exc
    return found


class Writer:
    """Whole lines, flushed one by one, to the output (and the error file). A failed
    write raises OutputError: the lines before it are whole, so the run resumes."""

    def __init__(self, output: str, errors: str | None, *, append: bool, parquet: bool) -> None:
        mode = "a" if append else "w"
        self.parquet: ParquetWriter | None = None
        self.out: IO[str] | None = None
        self.errors: IO[str] | None = None
        self.paths = {"out": "stdout" if output == "-" else output, "errors": errors or output}
        try:
            if parquet:
                self.parquet = ParquetWriter(output)
            elif output == "-":
                self.out = sys.stdout
            else:
                self.out = open(output, mode, encoding="utf-8")  # noqa: SIM115
            self.errors = open(errors, mode, encoding="utf-8") if errors else None  # noqa: SIM115
        except OSError as exc:
            self.close()
            failed = errors if errors and (self.out or self.parquet) else output
            raise OutputError(describe(exc, failed)) from exc

    def write(self, text: str, status: str) -> None:
        """Write one line: an error line to `--errors` where given, else to the output."""
        to_errors = status == "error" and self.errors is not None
        target = self.errors if to_errors else self.out
        try:
            if target is None and self.parquet is not None:
                self.parquet.add(json.loads(text))
                return
            assert target is not None
            target.write(text + "\n")
            target.flush()
        except OSError as exc:
            raise OutputError(describe(exc, self.paths["errors" if to_errors else "out"])) from exc

    def close(self) -> None:
        """Close every file; a failure to flush the last bytes is an OutputError too."""
        problem: OutputError | None = None
        for fh, name in ((self.out, "out"), (self.errors, "errors")):
            if fh is not None:
                try:
                    fh.flush() if fh is sys.stdout else fh.close()
                except OSError as exc:
                    problem = problem or OutputError(describe(exc, self.paths[name]))
        if self.parquet is not None:
            self.parquet.close()
        if problem is not None:
            raise problem


class ParquetWriter:
    """Rows to a Parquet file in row groups (pyarrow, extra `[parquet]`)."""

    def __init__(self, path: str, group: int = 1000) -> None:
        try:
            import pyarrow  # noqa: F401
        except ImportError as exc:
            raise BoilerstripError(
                "Parquet output needs pyarrow: pip install pyarrow (boilerstrip's extra [parquet])"
            ) from exc
        self.path, self.group = path, group
        self.rows: list[dict[str, Any]] = []
        self.writer: Any = None

    def add(self, line: dict[str, Any]) -> None:
        """Add one line as a row; a full row group is written out."""
        row = {k: v for k, v in line.items() if k != "comments"}
        row["comments"] = json.dumps(line["comments"], ensure_ascii=False) if "comments" in line else None
        self.rows.append(row)
        if len(self.rows) >= self.group:
            self._flush()

    def _flush(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if not self.rows:
            return
        string = pa.string()
        schema = pa.schema(
            [("seq", pa.int64())]
            + [(k, string) for k in ("id", "url", "source", "status", "reason")]
            + [(k, pa.list_(string) if k == "authors" else string) for k in RESULT_FIELDS]
            + [("comments", string)]
        )
        rows = [{k: _encodable(v) for k, v in r.items()} for r in self.rows]
        table = pa.table({k: [r.get(k) for r in rows] for k in schema.names}, schema=schema)
        if self.writer is None:
            self.writer = pq.ParquetWriter(self.path, schema)
        self.writer.write_table(table)
        self.rows.clear()

    def close(self) -> None:
        """Write the last row group and close the file."""
        self._flush()
        if self.writer is not None:
            self.writer.close()


def _encodable(value: Any) -> Any:
    """Strings with lone surrogates as U+FFFD (Parquet strings must be valid UTF-8)."""
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [_encodable(v) for v in value]
    return value
