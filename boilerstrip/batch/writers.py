"""Batch output files: the line writers (JSON lines, Parquet) and the stats file.

Why lines are checked before they are written: a lone surrogate (from a JSON escape
in an input line, or an undecodable file name) cannot be encoded as UTF-8, and writing
it would fail the whole run. Such characters are written as JSON escapes, which read
back to the same string, so `--resume` still finds every source.
"""

from __future__ import annotations

import errno
import json
import re
import sys
from typing import IO, Any

from ..errors import BoilerstripError
from .options import Tally
from .remote import Folder, is_url
from .rows import RESULT_FIELDS

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
            + [(k, string) for k in ("id", "url", "source", "status", "reason", "truncated")]
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


def write_stats(path: str, tally: Tally) -> None:
    """Write the tally as `--stats` JSON: to a file, or through fsspec to a URL (a
    cluster's stats may go beside its remote output)."""
    text = json.dumps(tally.to_dict(), indent=1)
    try:
        if is_url(path):
            head, _, name = path.rpartition("/")
            Folder(head).write_text(name, text)
        else:
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(text)
    except OSError as exc:
        raise OutputError(describe(exc, path)) from exc
