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
record by record, each in a process of its own, so one bad page costs one error line.
Time is bounded twice: SIGALRM stops interpreted code at `--timeout`, and a CPU-time
limit that the kernel enforces kills a worker stuck inside compiled code a little
later (the record is then retried alone, and becomes an error line if it does it
again). Memory is bounded by an address-space limit on each worker.
"""

from __future__ import annotations

import json
import math
import multiprocessing
import multiprocessing.connection
import os
import resource
import signal
import sys
import threading
import time
from collections import Counter, deque
from collections.abc import Generator, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from .api import Cleaner
from .config import Config
from .errors import BoilerstripError
from .outputs import RESULT_FIELDS, Lock, Writer, check_paths, earlier_lines, json_line
from .result import Result
from .sources import (
    NOTHING_DONE,
    STDIN,
    JsonlFields,
    Place,
    Record,
    can_segment,
    expand,
    file_size,
    is_warc,
    read_file,
    read_warc,
    survey,
    unwrap_http,
    warc_segments,
)

__all__ = ["RESULT_FIELDS", "BatchOptions", "Tally", "clean_fields", "run"]

LEFT_OUT = "left out"  # the status of a record that --content-only keeps out of the output


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
    max_bytes: int = 10_000_000  # per record; 0: no limit (as the readers and --max-bytes take it)
    timeout: float = 30.0  # seconds per record
    max_memory: int = 4096  # MiB of address space per worker process; 0: no limit
    fields: JsonlFields = field(default_factory=JsonlFields)
    output_format: str = "jsonl"  # or "parquet"
    content_only: bool = False  # WARC records that hold no page are counted, not written


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
    left_out: Counter[str] = field(default_factory=Counter)  # by reason, with --content-only
    resumed_from: int = 0
    started: float = field(default_factory=time.monotonic)

    def add(self, status: str, reason: str, labels: dict[str, int], source: str) -> None:
        """Count one record written: its status, its blocks' labels, and an error's reason."""
        self.statuses[status] += 1
        self.labels.update(labels)
        if status == "error":
            self.error_reasons[reason.split(":")[0][:60]] += 1
            if reason.startswith("unreadable input"):
                self.unreadable_inputs.append({"input": source, "reason": reason})

    def to_dict(self) -> dict[str, Any]:
        """The counts as `--stats` writes them (JSON-ready), with records/s and `accounted`."""
        elapsed = time.monotonic() - self.started
        processed = self.read - self.resumed_from
        return {
            "records_read": self.read,
            "records_written": self.written,
            "errors_written": self.errors_written,
            "resumed_from": self.resumed_from,
            "accounted": self.written + self.errors_written == self.read,
            "status": dict(sorted(self.statuses.items())),
            "labels": dict(sorted(self.labels.items())),  # of the records cleaned since a resume
            "labels_of_records": processed,
            "error_reasons": dict(self.error_reasons.most_common()),
            "unreadable_inputs": self.unreadable_inputs,
            "left_out": dict(sorted(self.left_out.items())),
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
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _Worker.cleaner = Cleaner(config)
    _Worker.options = options
    _limit_worker(options)
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_exit_with_parent, args=(parent,), name="parent-watch", daemon=True).start()


def _limit_worker(options: BatchOptions) -> None:
    """The worker's memory cap, and no core file when the CPU limit kills it."""
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if options.max_memory > 0:
        cap = options.max_memory << 20
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        resource.setrlimit(resource.RLIMIT_AS, (cap if hard < 0 else min(cap, hard), hard))


def _exit_with_parent(parent: Any) -> None:
    """End the worker when its parent is gone. A parent that is killed cannot stop its
    pool, and a worker waiting for its next task would wait for ever: the task queue
    never closes, since the workers hold its ends too. The parent's sentinel (a pipe
    only the parent writes to) says so under every start method; the parent PID would
    not under a fork server, whose children are the server's, and the server lives on
    while they do (cluster shards start their workers from one)."""
    multiprocessing.connection.wait([parent.sentinel])
    os._exit(1)


def _timeout(signum: int, frame: object) -> None:
    raise TimeoutError


def _cpu_deadline(timeout: float) -> None:
    """Let the kernel kill this process (SIGXCPU) if the next record keeps the CPU well
    past `timeout`: SIGALRM only interrupts interpreted code, and a page stuck in
    libxml2 or compiled code would hold the worker for ever. The soft limit is moved
    per record; the hard limit is left alone, so it can be moved again."""
    used = resource.getrusage(resource.RUSAGE_SELF)
    seconds = used.ru_utime + used.ru_stime + timeout + max(1.0, timeout / 4)
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    soft = math.ceil(seconds)
    resource.setrlimit(resource.RLIMIT_CPU, (soft if hard < 0 else min(soft, hard), hard))


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
    source = _segment_records(segment, options.max_bytes) if segment else records
    return [_guarded_line(rec, options) for rec in source]


def _guarded_line(rec: Record, options: BatchOptions) -> Done:
    """`done_line`, or an error line for whatever it raised."""
    if options.timeout:
        _cpu_deadline(options.timeout)
    try:
        return done_line(rec)
    except Exception as exc:  # noqa: BLE001 - one record must never stop the batch
        return error_line(rec, f"{type(exc).__name__}: {exc}")


def _segment_records(segment: Segment, max_bytes: int) -> Iterator[Record]:
    path = segment[0]
    try:
        yield from read_warc(*segment, max_bytes=max_bytes)
    except Exception as exc:  # noqa: BLE001 - an unreadable input is an error record
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else f"{type(exc).__name__}: {exc}"
        yield Record(id=path, source=path, error=f"unreadable input: {reason}")


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


def _timed_clean(
    cleaner: Cleaner, page: Any, url: str | None, comments: bool, timeout: float | None
) -> Result:
    """`cleaner.clean`, raising TimeoutError if it took over `timeout`: the alarm
    interrupts a page that runs long, but a signal that arrives while C code runs may
    only be seen after the page is done, so the clock decides too."""
    started = time.monotonic()
    result = cleaner.clean(page, url=url, include_comments=comments)
    if timeout and time.monotonic() - started > timeout:
        raise TimeoutError
    return result


def clean_fields(
    cleaner: Cleaner,
    page: Any,
    url: object,
    *,
    comments: bool = False,
    timeout: float | None = None,
) -> dict[str, Any]:
    """One page as output fields: `status` ("ok", "empty" or "error" with a `reason`),
    the result's text and metadata, `comments` when asked, and the block label counts
    under "_labels". Never raises for a bad page: batch lines and the pipeline
    adapters (`boilerstrip.integrations`) all account for every row this way.
    A `timeout` (seconds) applies in the main thread only, where SIGALRM is delivered.
    A URL that is no string (a dataframe's missing value: NaN, pd.NA) is no URL."""
    url = url if isinstance(url, str) and url else None
    timeout = timeout if threading.current_thread() is threading.main_thread() else None
    previous = signal.signal(signal.SIGALRM, _timeout) if timeout else None
    try:
        try:
            if timeout:
                signal.setitimer(signal.ITIMER_REAL, timeout)
            result = _timed_clean(cleaner, page, url, comments, timeout)
        finally:
            if timeout:
                signal.setitimer(signal.ITIMER_REAL, 0)
    except TimeoutError:
        # Caught around the alarm's whole span: it may go off on any line from the
        # timer's start to its stop, not only inside clean().
        return {"status": "error", "reason": f"took over --timeout {timeout:g}s"}
    except BoilerstripError as exc:
        return {"status": "error", "reason": str(exc)}
    except MemoryError:
        return {"status": "error", "reason": "out of memory (in batch: over --max-memory)"}
    except Exception as exc:  # noqa: BLE001 - a page that breaks the parser must not stop the batch
        return {"status": "error", "reason": f"{type(exc).__name__}: {exc}"}
    finally:
        if timeout:
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
    """Run a batch; returns the tally (also written to --stats). Raises a
    BoilerstripError for a setup problem or an output that cannot be written (the
    lines written before are whole, so `--resume` continues), KeyboardInterrupt on
    Ctrl-C or SIGTERM."""
    config = config or Config()
    check_paths(options.output, options.errors, options.stats)
    found = survey(options.inputs)
    if found.missing:
        raise BoilerstripError(found.missing)
    total = None if STDIN in options.inputs else found.bytes
    locks = _take_locks([p for p in (options.output, options.errors) if p and p != "-"])
    previous = _terminate_as_interrupt()
    try:
        return _run_locked(options, config, total)
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
        for lock in locks:
            lock.release()


def _take_locks(paths: list[str]) -> list[Lock]:
    """A lock on every output path, or none: those taken are let go if one is refused."""
    locks: list[Lock] = []
    try:
        for path in paths:
            locks.append(Lock.take(path))
    except BaseException:
        for lock in locks:
            lock.release()
        raise
    return locks


def _terminate_as_interrupt() -> Any:
    """SIGTERM (a scheduler or `kill`) stops the batch as Ctrl-C does: whole lines and
    an output that resumes. Returns the handler it replaced (None off the main thread)."""
    if threading.current_thread() is not threading.main_thread():
        return None

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    return signal.signal(signal.SIGTERM, interrupt)


def _run_locked(options: BatchOptions, config: Config, total: int | None) -> Tally:
    tally = Tally()
    earlier = earlier_lines(
        options.output,
        options.errors,
        resume=options.resume,
        overwrite=options.overwrite,
        jsonl=options.output_format == "jsonl",
    )
    plan = _resume_plan(options, earlier.sources)
    done = len(earlier.lines)
    for _, source, status, reason in earlier.lines:  # the summary counts the whole output
        tally.add(status, reason, {}, source)
    tally.resumed_from = tally.read = done
    tally.written, tally.errors_written = earlier.in_output, earlier.in_errors
    workers = options.workers or os.cpu_count() or 1
    progress = _progress(options, done, total, _resumed_bytes(plan))
    writer = Writer(
        options.output, options.errors, append=done > 0, parquet=options.output_format == "parquet"
    )
    results = _ordered_results(_tasks(options, plan), config, options, workers)
    try:
        for (text, status, reason, labels, source), mark in results:
            _write(writer, tally, f'{{"seq": {tally.read}, {text[1:]}', status, reason, labels, source)
            if progress is not None:
                _advance(progress, tally, mark)
    except KeyboardInterrupt:
        if not options.quiet:
            print(f"\ninterrupted after {tally.read} records; run again with --resume", file=sys.stderr)
        raise
    finally:
        results.close()  # stops the workers now, not when the generator is collected
        try:
            writer.close()
        finally:
            if progress is not None:
                progress.close()
            if options.stats:
                _write_stats(options.stats, tally)
    return tally


def _write(
    writer: Writer, tally: Tally, text: str, status: str, reason: str, labels: dict[str, int], source: str
) -> None:
    """Write one numbered line and count it (only once it is written); a record left
    out (`--content-only`) is counted, and takes no line and no number."""
    if status == LEFT_OUT:
        tally.left_out[reason] += 1
        return
    writer.write(text, status)
    tally.read += 1
    tally.add(status, reason, labels, source)
    if status == "error" and writer.errors is not None:
        tally.errors_written += 1
    else:
        tally.written += 1


def _write_stats(path: str, tally: Tally) -> None:
    from .outputs import OutputError, describe

    try:
        with open(path, "w", encoding="utf-8") as fh:
            json.dump(tally.to_dict(), fh, indent=1)
    except OSError as exc:
        raise OutputError(describe(exc, path)) from exc


# What an earlier run did with one input: records done, and the place of the last one.
Done_in = tuple[int, Place]
WHOLE: Place = (sys.maxsize, 0)


def _resume_plan(options: BatchOptions, done_sources: list[str]) -> dict[str, Done_in]:
    """For every input an earlier run reached, what it did there. The sources must be
    the inputs' own, in input order: an output that belongs to other inputs (or to the
    same inputs in another order) is refused rather than silently skipping records."""
    done = deque(done_sources)
    plan: dict[str, Done_in] = {}
    for path, _ in expand(options.inputs):
        if not done:
            break
        count, last = _done_in(path, done)
        if count:
            plan[path] = (plan[path][0] + count, last) if path in plan else (count, last)
    if done:
        raise BoilerstripError(
            f"the output holds a record from {done[0]!r}, which is not where these inputs"
            " lead at that point: resume with the inputs of the earlier run, in the same order"
        )
    return plan


# A task, and how many bytes of the inputs are read once it is done (for the progress bar).
Work = tuple[Task, int]


def _tasks(options: BatchOptions, plan: dict[str, Done_in]) -> Iterator[Work]:
    """The work in input order: WARC segments, and chunks of the other inputs'
    records. With `--resume`, inputs wholly done are passed over unread, and the one
    where the earlier run stopped continues after its last done record."""
    chunk: list[Record] = []
    reached, base, mark = len(plan), 0, 0  # base: bytes of the inputs before this one
    for path, problem in expand(options.inputs):
        count, last = plan.pop(path, (0, NOTHING_DONE))
        size = file_size(path) if problem is None else 0
        if count:
            reached -= 1
            if reached > 0 or last == WHOLE:
                base += size
                continue  # the earlier run went past this input
        if problem is None and can_segment(path):
            if chunk:
                yield (chunk, None), mark
                chunk = []
            for start, end in _segments(path, options.segment_bytes):
                if (end, 0) > last:
                    yield ([], (path, start, end, last)), base + end
            base += size
            continue
        for rec in _records_after(path, problem, options, count, last):
            chunk.append(rec)
            mark = base + (rec.end if rec.end >= 0 else size)
            if len(chunk) >= options.chunk_size:
                yield (chunk, None), mark
                chunk = []
        base += size
    if chunk:
        yield (chunk, None), mark


def _records_after(
    path: str, problem: str | None, options: BatchOptions, count: int, last: Place
) -> Iterator[Record]:
    """The records of an input that an earlier run did not do: a WARC's after the place
    of its last done record (records left out by --content-only have no line to count),
    any other input's after its first `count`."""
    if problem is None and is_warc(path):
        return read_file(path, problem, options.fields, options.max_bytes, after=last)
    return islice(read_file(path, problem, options.fields, options.max_bytes), count, None)


def _resumed_bytes(plan: dict[str, Done_in]) -> int:
    """Bytes of the inputs an earlier run finished (all it reached but the last)."""
    reached = list(plan)
    return sum(file_size(p) for p in reached[:-1]) + sum(
        file_size(p) for p in reached[-1:] if plan[p][1] == WHOLE
    )


def _segments(path: str, size: int) -> list[tuple[int, int]]:
    try:
        return warc_segments(path, size)
    except Exception:  # noqa: BLE001
        return [(0, 1)]  # unreadable: one segment, whose reader reports why


def _done_in(path: str, done: deque[str]) -> Done_in:
    """(records of this input done by an earlier run, place of its last done record),
    taking their sources off the front of `done`. Places rise within an input, so one
    named twice is done twice, one pass after the other."""
    count, last = 0, NOTHING_DONE
    while done:
        here = _place(path, done[0])
        if here is None or (count and here <= last):
            break
        done.popleft()
        count, last = count + 1, here
    return count, last


def _place(path: str, source: str) -> Place | None:
    """Where in `path` a record's source lies ("@offset", "@offset#rank", ":line", and
    "#end" for the error that ended an input after some records); the whole input
    (one record: a page file, or an input that could not be read); None if elsewhere."""
    if source == path:
        return WHOLE
    if not source.startswith(path) or source[len(path) : len(path) + 1] not in ("@", ":"):
        return None
    tail = source[len(path) + 1 :]
    tail, end = tail.removesuffix("#end"), tail.endswith("#end")
    offset, _, rank = tail.partition("#")
    if not offset.isdigit() or not (rank.isdigit() or not rank):
        return None
    return (int(offset), sys.maxsize if end else int(rank or 0))


def _ordered_results(
    tasks: Iterator[Work], config: Config, options: BatchOptions, workers: int, context: Any = None
) -> Generator[tuple[Done, int], None, None]:
    """Results in input order, each with its task's mark, with at most 2 × workers
    tasks in flight. A task whose worker died, or whose result could not come back, is
    redone record by record. The workers start by the multiprocessing `context` given
    (cluster shards), else the default."""
    pool = _pool(config, options, workers, context)
    pending: list[tuple[Task, int, Future[list[Done]]]] = []
    try:
        while True:
            while len(pending) < 2 * workers and (work := next(tasks, None)) is not None:
                pending.append((work[0], work[1], pool.submit(process_task, work[0])))
            if not pending:
                return
            task, mark, future = pending.pop(0)
            try:
                lines = future.result()
            except BrokenProcessPool:
                _stop(pool)
                pool = _pool(config, options, workers, context)
                lines = _isolate(task, config, options)
                pending = [(t, m, pool.submit(process_task, t)) for t, m, _ in pending]
            except Exception:  # noqa: BLE001 - e.g. a result that would not pickle
                lines = _isolate(task, config, options)
            for line in lines:
                yield line, mark
    finally:
        _stop(pool, busy=bool(pending))


def _stop(pool: ProcessPoolExecutor, *, busy: bool = True) -> None:
    """Shut the pool down and wait for its manager thread: one left running at exit
    races Python's exit hook for its wakeup pipe, which then prints "Exception ignored
    in: <module 'threading'> ... Bad file descriptor" (about one run in 30). Workers
    still busy (an interrupted run, an output that broke, a broken pool) are ended
    first, so the wait is short: their records are redone by --resume or record by
    record."""
    if busy:
        _end_workers(pool)
    pool.shutdown(wait=True, cancel_futures=True)


def _end_workers(pool: ProcessPoolExecutor, grace: float = 5.0) -> None:
    """End the pool's workers, and let its manager thread see that they are gone.
    A worker ended while it sends a result (one task's lines: often more than a pipe
    holds) leaves half a message in the result pipe. The manager thread, reading it,
    would wait for ever for the rest, since this process holds a writing end of that
    pipe too; the shutdown would then wait for ever on the manager, with the ended
    workers never reaped (the batch that hung when its reader stopped early).
    Closing this process's writing end, once the workers are dead, turns the cut
    message into end of file: the manager sees a broken pool and ends cleanly."""
    procs = list((pool._processes or {}).values())
    for proc in procs:
        proc.terminate()
    for proc in procs:
        proc.join(grace)
        if proc.is_alive():  # SIGTERM not acted on in time: not worth waiting more
            proc.kill()
            proc.join()
    results: Any = pool._result_queue  # a multiprocessing SimpleQueue; its ends are not typed
    if results is not None:
        results._writer.close()


def _pool(config: Config, options: BatchOptions, workers: int, context: Any = None) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_init_worker, initargs=(config, options)
    )


def _isolate(task: Task, config: Config, options: BatchOptions) -> list[Done]:
    """Redo a task record by record, each in a fresh process of its own, so that only
    the record that kills its process (or overruns its time in compiled code) becomes
    an error (a segment is read here for that)."""
    records, segment = task
    source = _segment_records(segment, options.max_bytes) if segment else records
    return [_solo(rec, config, options) for rec in source]


def _solo(rec: Record, config: Config, options: BatchOptions) -> Done:
    """One record cleaned in a process of its own; an error line if that process dies."""
    context = multiprocessing.get_context()
    receive, send = context.Pipe(duplex=False)
    proc = context.Process(target=_solo_main, args=(send, rec, config, options), daemon=True)
    proc.start()
    send.close()
    wall = 4 * options.timeout + 30 if options.timeout else None
    try:
        if receive.poll(wall):
            result: Done = receive.recv()
            return result
    except (EOFError, OSError):
        pass  # the process died before it could answer
    finally:
        receive.close()
        proc.join(5)
        if proc.is_alive():
            proc.kill()
            proc.join()
    return error_line(rec, _death_reason(proc.exitcode, options))


def _solo_main(send: Any, rec: Record, config: Config, options: BatchOptions) -> None:
    _init_worker(config, options)
    try:
        done = _guarded_line(rec, options)
    except BaseException as exc:  # noqa: BLE001 - even a MemoryError raised while reporting
        done = error_line(rec, f"{type(exc).__name__}: {exc}")
    send.send(done)
    send.close()


def _death_reason(exitcode: int | None, options: BatchOptions) -> str:
    if exitcode == -signal.SIGXCPU:
        return f"took over --timeout {options.timeout:g}s (stopped inside compiled code)"
    if exitcode is None or exitcode == -signal.SIGKILL:
        return "the worker process was killed on this record (time or memory)"
    if options.max_memory > 0 and exitcode in (-signal.SIGABRT, -signal.SIGSEGV, -signal.SIGBUS):
        # Compiled code that cannot allocate under the address-space cap aborts or
        # crashes rather than raising MemoryError.
        return (
            f"the worker process died on this record (signal {-exitcode}), as compiled code does when "
            f"it cannot allocate: out of memory under --max-memory {options.max_memory} MiB?"
        )
    return f"the worker process died on this record (exit code {exitcode})"


def _progress(options: BatchOptions, done: int, total: int | None, resumed: int) -> Any:
    """A bar on a terminal: of the inputs' bytes, with a total and an ETA, where their
    size is known (files); else of records (stdin). The records and errors so far
    follow it either way."""
    if options.quiet or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    if total is None:
        return tqdm(initial=done, unit=" records", dynamic_ncols=True, file=sys.stderr)
    return tqdm(initial=resumed, total=total, unit="B", unit_scale=True, dynamic_ncols=True, file=sys.stderr)


def _advance(progress: Any, tally: Tally, mark: int) -> None:
    """Move the bar past one written record: to its task's mark in bytes, or by one."""
    if progress.total is None:
        progress.update(1)
    elif mark > progress.n:
        progress.update(mark - progress.n)
    progress.set_postfix({"records": tally.read, "errors": tally.statuses["error"]}, refresh=False)
