"""Batch cleaning: many records, every core, every record accounted for, resumable.

Why this shape: the inputs become tasks in a fixed order: segments of gzipped WARC
files, which a worker reads, inflates and cleans (the parent never inflates a byte, so
it does not cap how many cores help), and chunks of records from every other input.
A bounded number of tasks is in flight (memory stays flat whatever the input size) and
results come back in submission order, so output order is input order and the parent
numbers the lines (`seq`) as it writes them. Each line is written whole and flushed, so
after an interruption `--resume` finds exactly which records are done (the complete
lines) and where they stop in each input (their `source`).
A record over the size limit, over the time limit, or that breaks the parser becomes an
`error` line and the batch goes on; a worker that dies is replaced and its chunk retried
record by record, so one bad page costs one error line.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import threading
import time
from collections import Counter, deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from itertools import islice
from typing import IO, Any

from .api import Cleaner
from .config import Config
from .errors import BoilerstripError
from .sources import (
    JsonlFields,
    Record,
    can_segment,
    expand,
    read_file,
    read_warc,
    unwrap_http,
    warc_segments,
)

RESULT_FIELDS = (
    "text", "title", "date", "dateline", "section", "authors", "site_name", "wire_service",
    "copyright", "site_copyright", "language",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class BatchOptions:
    """Everything a batch run is told; the same options and inputs give the same output."""

    inputs: tuple[str, ...]
    output: str
    errors: str | None = None  # error lines go here instead of the output
    stats: str | None = None
    workers: int = 0  # 0: every core
    chunk_size: int = 32
    segment_bytes: int = 1 << 20  # a worker's share of a gzipped WARC at a time
    comments: bool = False
    resume: bool = False
    overwrite: bool = False
    quiet: bool = False
    max_bytes: int = 10_000_000  # per record
    timeout: float = 30.0  # seconds per record
    fields: JsonlFields = field(default_factory=JsonlFields)
    output_format: str = "jsonl"  # or "parquet"


@dataclass(slots=True)
class Tally:
    """Counts for the summary and the stats file."""

    read: int = 0
    written: int = 0
    errors_written: int = 0
    statuses: Counter[str] = field(default_factory=Counter)
    labels: Counter[str] = field(default_factory=Counter)
    error_reasons: Counter[str] = field(default_factory=Counter)
    unreadable_inputs: list[dict[str, str]] = field(default_factory=list)
    resumed_from: int = 0
    started: float = field(default_factory=time.monotonic)

    def add(self, status: str, reason: str, labels: dict[str, int], source: str) -> None:
        self.statuses[status] += 1
        self.labels.update(labels)
        if status == "error":
            self.error_reasons[reason.split(":")[0][:60]] += 1
            if reason.startswith("unreadable input"):
                self.unreadable_inputs.append({"input": source, "reason": reason})

    def to_dict(self) -> dict[str, Any]:
        elapsed = time.monotonic() - self.started
        processed = self.read - self.resumed_from
        return {
            "records_read": self.read,
            "records_written": self.written,
            "errors_written": self.errors_written,
            "resumed_from": self.resumed_from,
            "accounted": self.written + self.errors_written == self.read,
            "status": dict(sorted(self.statuses.items())),
            "labels": dict(sorted(self.labels.items())),
            "error_reasons": dict(self.error_reasons.most_common()),
            "unreadable_inputs": self.unreadable_inputs,
            "elapsed_seconds": round(elapsed, 3),
            "records_per_second": round(processed / elapsed, 2) if elapsed > 0 else None,
        }


# --- the work done in a worker process ----------------------------------------------


class _Worker:
    """Per-process state: one Cleaner, built once by the pool initializer."""

    cleaner: Cleaner | None = None
    options: BatchOptions | None = None


def _init_worker(config: Config, options: BatchOptions) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    _Worker.cleaner = Cleaner(config)
    _Worker.options = options
    parent = os.getppid()
    threading.Thread(target=_exit_with_parent, args=(parent,), name="parent-watch", daemon=True).start()


def _exit_with_parent(parent: int, every: float = 0.5) -> None:
    """End the worker when its parent is gone. A parent that is killed cannot stop its
    pool, and a worker waiting for its next task would wait for ever: the task queue
    never closes, since the workers hold its ends too."""
    while os.getppid() == parent:
        time.sleep(every)
    os._exit(1)


def _timeout(signum: int, frame: object) -> None:
    raise TimeoutError


# (JSON line without its seq, status, reason, label counts, source)
Done = tuple[str, str, str, dict[str, int], str]
Segment = tuple[str, int, int, int]  # path, start, end, records at or before this offset are done
Task = tuple[list[Record], Segment | None]  # records to clean, or a WARC segment to read


def process_task(task: Task) -> list[Done]:
    """Clean a task's records into finished output lines (serialised here, in the
    worker, to keep the writing process light); never raises for one record."""
    records, segment = task
    return [done_line(rec) for rec in (_segment_records(segment) if segment else records)]


def _segment_records(segment: Segment) -> Iterator[Record]:
    path = segment[0]
    try:
        yield from read_warc(*segment)
    except OSError as exc:
        yield Record(id=path, source=path, error=f"unreadable input: {exc.strerror or exc}")


def done_line(rec: Record) -> Done:
    line = process_record(rec)
    labels = line.pop("_labels", {})
    text = json.dumps(line, ensure_ascii=False)
    return text, line["status"], str(line.get("reason", "")), labels, rec.source


def process_record(rec: Record) -> dict[str, Any]:
    """The output line of one record (status ok, empty, skipped or error), without
    its seq: the parent numbers lines as it writes them."""
    cleaner, options = _Worker.cleaner, _Worker.options
    assert cleaner is not None and options is not None
    line: dict[str, Any] = {"id": rec.id, "url": rec.url, "source": rec.source}
    if rec.kind == "http":
        rec = unwrap_http(rec)
    if rec.error is not None:
        return {**line, "status": "error", "reason": rec.error}
    if rec.skip is not None:
        return {**line, "status": "skipped", "reason": rec.skip}
    data = rec.data or b""
    size = len(data.encode("utf-8") if isinstance(data, str) else data)
    if size > options.max_bytes:
        return {
            **line,
            "status": "error",
            "reason": f"record of {size} bytes is over --max-bytes {options.max_bytes}",
        }
    fields = clean_fields(cleaner, data, rec.url, comments=options.comments, timeout=options.timeout)
    result_url = fields.pop("url", None)  # the canonical link, where the record has no URL
    line["url"] = rec.url or result_url
    return {**line, **fields}


def clean_fields(
    cleaner: Cleaner,
    page: Any,
    url: str | None,
    *,
    comments: bool = False,
    timeout: float | None = None,
) -> dict[str, Any]:
    """One page as output fields: `status` ("ok", "empty" or "error" with a `reason`),
    the result's text and metadata, `comments` when asked, and the block label counts
    under "_labels". Never raises for a bad page: batch lines and the pipeline
    adapters (`boilerstrip.integrations`) all account for every row this way.
    A `timeout` (seconds) applies in the main thread only, where SIGALRM is delivered."""
    timeout = timeout if threading.current_thread() is threading.main_thread() else None
    previous = signal.signal(signal.SIGALRM, _timeout) if timeout else None
    if timeout:
        signal.setitimer(signal.ITIMER_REAL, timeout)
    started = time.monotonic()
    try:
        result = cleaner.clean(page, url=url, include_comments=comments)
        # The alarm interrupts a page that runs long; a signal that arrives while C code
        # runs may only be seen after the page is done, so the clock decides too.
        if timeout and time.monotonic() - started > timeout:
            raise TimeoutError
    except TimeoutError:
        return {"status": "error", "reason": f"took over --timeout {timeout:g}s"}
    except BoilerstripError as exc:
        return {"status": "error", "reason": str(exc)}
    except Exception as exc:  # noqa: BLE001 - a page that breaks the parser must not stop the batch
        return {"status": "error", "reason": f"{type(exc).__name__}: {exc}"}
    finally:
        if timeout:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
    d = result.to_dict()
    fields: dict[str, Any] = {"url": result.url, "status": "ok" if result.text else "empty"}
    fields.update({k: d[k] for k in RESULT_FIELDS})
    if comments:
        fields["comments"] = d["comments"]
    fields["_labels"] = Counter(b.label.value for b in result.blocks if b.label is not None)
    return fields


# --- the parent: order, writing, resume ---------------------------------------------


def run(options: BatchOptions, config: Config | None = None) -> Tally:
    """Run a batch; returns the tally (also written to --stats)."""
    config = config or Config()
    tally = Tally()
    done_sources, in_output, in_errors = _prepare_outputs(options)
    done = len(done_sources)
    tally.resumed_from = tally.read = done
    tally.written, tally.errors_written = in_output, in_errors
    tasks = _tasks(options, done_sources)
    workers = options.workers or os.cpu_count() or 1
    progress = _progress(options, done)
    writer = _Writer(options, append=done > 0)
    try:
        for text, status, reason, labels, source in _ordered_results(tasks, config, options, workers):
            text = f'{{"seq": {tally.read}, {text[1:]}'
            tally.read += 1
            tally.add(status, reason, labels, source)
            if status == "error" and writer.errors is not None:
                tally.errors_written += 1
            else:
                tally.written += 1
            writer.write(text, status)
            if progress is not None:
                progress.update(1)
                if status == "error":
                    progress.set_postfix(errors=tally.statuses["error"], refresh=False)
    except KeyboardInterrupt:
        if not options.quiet:
            print(f"\ninterrupted after {tally.read} records; run again with --resume", file=sys.stderr)
        raise
    finally:
        writer.close()
        if progress is not None:
            progress.close()
        if options.stats:
            with open(options.stats, "w", encoding="utf-8") as fh:
                json.dump(tally.to_dict(), fh, indent=1)
    return tally


def _tasks(options: BatchOptions, done_sources: list[str]) -> Iterator[Task]:
    """The work in input order: WARC segments, and chunks of the other inputs'
    records. With `--resume`, inputs wholly done are passed over unread, and the one
    where the earlier run stopped continues after its last done record."""
    done = deque(done_sources)
    chunk: list[Record] = []
    for path, problem in expand(options.inputs):
        count, last_offset = _done_in(path, done)
        if done:
            continue  # the earlier run went past this input
        if problem is None and can_segment(path):
            if chunk:
                yield chunk, None
                chunk = []
            for start, end in _segments(path, options.segment_bytes):
                if end - 1 > last_offset:
                    yield [], (path, start, end, last_offset)
            continue
        for rec in islice(read_file(path, problem, options.fields), count, None):
            chunk.append(rec)
            if len(chunk) >= options.chunk_size:
                yield chunk, None
                chunk = []
    if chunk:
        yield chunk, None


def _segments(path: str, size: int) -> list[tuple[int, int]]:
    try:
        return warc_segments(path, size)
    except OSError:
        return [(0, 1)]  # unreadable: one segment, whose reader reports why


def _done_in(path: str, done: deque[str]) -> tuple[int, int]:
    """(records of this input done by an earlier run, offset of its last done WARC
    record or -1), taking their sources off the front of `done`. Positions rise within
    an input, so one named twice is done twice, one pass after the other."""
    count, position = 0, -1
    while done:
        here = _position(path, done[0])
        if here is None or (count and here <= position):
            break
        done.popleft()
        count, position = count + 1, here
    return count, position


def _position(path: str, source: str) -> int | None:
    """Where in `path` a record's source lies: its byte offset or line; the whole input
    (one record: a page file, or an input that could not be read); None if elsewhere."""
    if source == path:
        return sys.maxsize
    if not source.startswith(path) or source[len(path) : len(path) + 1] not in ("@", ":"):
        return None
    tail = source[len(path) + 1 :]
    return int(tail) if tail.isdigit() else None


def _ordered_results(
    tasks: Iterator[Task], config: Config, options: BatchOptions, workers: int
) -> Iterator[Done]:
    """Results in input order, with at most 2 × workers tasks in flight."""
    pool = _pool(config, options, workers)
    pending: list[tuple[Task, Future[list[Done]]]] = []
    try:
        while True:
            while len(pending) < 2 * workers and (task := next(tasks, None)) is not None:
                pending.append((task, pool.submit(process_task, task)))
            if not pending:
                return
            task, future = pending.pop(0)
            try:
                lines = future.result()
            except BrokenProcessPool:
                pool.shutdown(wait=False, cancel_futures=True)
                pool = _pool(config, options, workers)
                lines = _isolate(task, config, options)
                pending = [(t, pool.submit(process_task, t)) for t, _ in pending]
            yield from lines
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def _pool(config: Config, options: BatchOptions, workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(config, options))


def _isolate(task: Task, config: Config, options: BatchOptions) -> list[Done]:
    """Retry a task whose worker died, one record per fresh process, so that only the
    record that kills its process becomes an error (a segment is read here for that)."""
    records, segment = task
    lines: list[Done] = []
    for rec in _segment_records(segment) if segment else records:
        with _pool(config, options, 1) as solo:
            try:
                lines.append(solo.submit(process_task, ([rec], None)).result()[0])
            except BrokenProcessPool:
                reason = "the worker process died on this record"
                line = {
                    "id": rec.id,
                    "url": rec.url,
                    "source": rec.source,
                    "status": "error",
                    "reason": reason,
                }
                lines.append((json.dumps(line, ensure_ascii=False), "error", reason, {}, rec.source))
    return lines


def _progress(options: BatchOptions, done: int) -> Any:
    if options.quiet or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(initial=done, unit=" records", dynamic_ncols=True, file=sys.stderr)


# --- output files -------------------------------------------------------------------


def _prepare_outputs(options: BatchOptions) -> tuple[list[str], int, int]:
    """(sources of the records done, in input order; lines in the output; lines in the
    error file) from earlier runs, nothing without --resume; cuts a partial last line
    left by a killed run, and refuses to overwrite without --overwrite."""
    paths = [p for p in (options.output, options.errors) if p]
    existing = [p for p in paths if os.path.exists(p) and os.path.getsize(p) > 0]
    if not options.resume:
        if existing and not options.overwrite:
            raise BoilerstripError(f"{existing[0]} exists: pass --resume to continue it or --overwrite")
        return [], 0, 0
    if options.output_format != "jsonl":
        raise BoilerstripError("--resume works with JSONL output only")
    in_output = _complete_lines(options.output) if options.output in existing else []
    in_errors = _complete_lines(options.errors) if options.errors and options.errors in existing else []
    done = sorted(in_output + in_errors)
    if [seq for seq, _ in done] != list(range(len(done))):
        raise BoilerstripError("the output files do not hold a prefix of the input: cannot resume them")
    return [source for _, source in done], len(in_output), len(in_errors)


def _complete_lines(path: str) -> list[tuple[int, str]]:
    """(seq, source) of every whole line; a partial last line (no newline) is cut off."""
    found = []
    good_end = 0
    with open(path, "rb+") as fh:
        for raw in fh:
            if not raw.endswith(b"\n"):
                break
            try:
                line = json.loads(raw)
                found.append((int(line["seq"]), str(line["source"])))
            except (ValueError, KeyError, TypeError):
                break
            good_end += len(raw)
        fh.truncate(good_end)
    return found


class _Writer:
    """Whole lines, flushed one by one, to the output (and the error file)."""

    def __init__(self, options: BatchOptions, *, append: bool) -> None:
        mode = "a" if append else "w"
        self.parquet = None
        if options.output_format == "parquet":
            self.parquet = _ParquetWriter(options.output)
            self.out: IO[str] | None = None
        else:
            self.out = open(options.output, mode, encoding="utf-8")  # noqa: SIM115
        self.errors = open(options.errors, mode, encoding="utf-8") if options.errors else None  # noqa: SIM115

    def write(self, text: str, status: str) -> None:
        target = self.errors if status == "error" and self.errors is not None else self.out
        if target is None and self.parquet is not None:
            self.parquet.add(json.loads(text))
            return
        assert target is not None
        target.write(text + "\n")
        target.flush()

    def close(self) -> None:
        for fh in (self.out, self.errors):
            if fh is not None:
                fh.close()
        if self.parquet is not None:
            self.parquet.close()


class _ParquetWriter:
    """Rows to a Parquet file in row groups (pyarrow, extra `[parquet]`)."""

    def __init__(self, path: str, group: int = 1000) -> None:
        try:
            import pyarrow  # noqa: F401
        except ImportError as exc:
            raise BoilerstripError(
                "Parquet output needs pyarrow: pip install 'boilerstrip[parquet]'"
            ) from exc
        self.path, self.group = path, group
        self.rows: list[dict[str, Any]] = []
        self.writer: Any = None

    def add(self, line: dict[str, Any]) -> None:
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
        table = pa.table({k: [r.get(k) for r in self.rows] for k in schema.names}, schema=schema)
        if self.writer is None:
            self.writer = pq.ParquetWriter(self.path, schema)
        self.writer.write_table(table)
        self.rows.clear()

    def close(self) -> None:
        self._flush()
        if self.writer is not None:
            self.writer.close()
