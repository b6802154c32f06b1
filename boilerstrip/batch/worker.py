"""The work done in a worker process: a task's records cleaned into finished lines.

Why lines are serialised here: the parent only numbers and writes them, so it stays
light and never caps how many cores help.
"""

from __future__ import annotations

import gc
import multiprocessing
import signal
import threading
from collections.abc import Iterator
from typing import Any

from ..api import Cleaner
from ..config import Config
from .limits import cpu_deadline, exit_with_parent, limit_worker
from .options import LEFT_OUT, BatchOptions
from .records import Place, Record
from .responses import unwrap_http
from .rows import clean_fields
from .warc import read_warc
from .writers import json_line


class _Worker:
    """Per-process state: one Cleaner, built once by the pool initializer."""

    cleaner: Cleaner | None = None
    options: BatchOptions | None = None


def init_worker(config: Config, options: BatchOptions) -> None:
    """Set up a worker process (the pool's initializer): its Cleaner, built once, its
    limits, Ctrl-C left to the parent, and an end of its own when the parent is gone.
    Everything made so far (the modules, their tables and models, the Cleaner) is then
    frozen out of the garbage collector's walks (`gc.freeze`): it lives as long as the
    process, which a worker owns, and every full collection walked it again for nothing
    (the library itself leaves the collector alone: its caller's process is not its own).
    What set-up left unreachable is collected first, else it would be kept for the
    worker's life."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _Worker.cleaner = Cleaner(config)
    _Worker.options = options
    limit_worker(options)
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=exit_with_parent, args=(parent,), name="parent-watch", daemon=True).start()
    gc.collect()
    gc.freeze()


# (JSON line without its seq, status, reason, label counts, source)
Done = tuple[str, str, str, dict[str, int], str]

Segment = tuple[str, int, int, Place]  # path, start, end, records at or before this place are done

Task = tuple[list[Record], Segment | None]  # records to clean, or a WARC segment to read


def process_task(task: Task) -> list[Done]:
    """Clean a task's records into finished output lines (serialised here, in the
    worker, to keep the writing process light); never raises for one record."""
    records, segment = task
    options = _Worker.options
    assert options is not None
    source = segment_records(segment, options.max_bytes) if segment else records
    return [guarded_line(rec, options) for rec in source]


def guarded_line(rec: Record, options: BatchOptions) -> Done:
    """`done_line`, or an error line for whatever it raised."""
    if options.timeout:
        cpu_deadline(options.timeout)
    try:
        return done_line(rec)
    except Exception as exc:  # noqa: BLE001 - one record must never stop the batch
        return error_line(rec, f"{type(exc).__name__}: {exc}")


def segment_records(segment: Segment, max_bytes: int) -> Iterator[Record]:
    """The records of a WARC segment, read in the worker; an input that cannot be read
    ends in an error record, never an exception that would cost the task's other records."""
    path, start, end, _ = segment
    try:
        yield from read_warc(*segment, max_bytes=max_bytes)
    except Exception as exc:  # noqa: BLE001 - an unreadable input is an error record
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else f"{type(exc).__name__}: {exc}"
        # Placed at the segment's last byte, past every record that starts in it: each
        # unreadable segment has an error line of its own, in input order, and a resume
        # goes on with the next segment. One line a segment with the input's bare name
        # (one per segment of a file deleted mid-run) made an output no resume could read.
        source = f"{path}@{max(start, end - 1)}#end"
        yield Record(id=source, source=source, error=f"unreadable input (bytes {start}-{end}): {reason}")


def done_line(rec: Record) -> Done:
    """Clean one record into its output line, with what the tally counts of it."""
    line = process_record(rec)
    labels = line.pop("_labels", {})
    return json_line(line), line["status"], str(line.get("reason", "")), labels, rec.source


def error_line(rec: Record, reason: str) -> Done:
    """The finished error line of a record."""
    line = {"id": rec.id, "url": rec.url, "source": rec.source, "status": "error", "reason": reason}
    return json_line(line), "error", reason, {}, rec.source


def process_record(rec: Record) -> dict[str, Any]:
    """The output line of one record (status ok, empty, skipped or error), without
    its seq: the parent numbers lines as it writes them."""
    cleaner, options = _Worker.cleaner, _Worker.options
    assert cleaner is not None and options is not None
    line: dict[str, Any] = {"id": rec.id, "url": rec.url, "source": rec.source}
    if rec.kind == "http":
        rec = unwrap_http(rec, options.max_bytes)
    if rec.truncated:
        line["truncated"] = rec.truncated  # the crawler cut the record (WARC-Truncated): never silent
    if rec.error is not None:
        return {**line, "status": "error", "reason": rec.error}
    if rec.skip is not None:
        status = LEFT_OUT if rec.meta and options.content_only else "skipped"
        return {**line, "status": status, "reason": rec.skip}
    data = rec.data or b""
    size = len(data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data)
    if options.max_bytes and size > options.max_bytes:
        return {
            **line,
            "status": "error",
            "reason": f"record of {size} bytes is over --max-bytes {options.max_bytes}",
        }
    fields = clean_fields(cleaner, data, rec.url, comments=options.comments, timeout=options.timeout)
    result_url = fields.pop("url", None)  # the canonical link, where the record has no URL
    line["url"] = rec.url or result_url
    return {**line, **fields}
