"""Batch cleaning: many records, every core, every record accounted for, resumable.

Why this shape: records stream from the sources in a fixed order and are numbered
(`seq`); chunks go to a process pool with a bounded number in flight (memory stays flat
whatever the input size) and come back in submission order (output order is the input
order). Each output line carries its `seq` and is written whole and flushed, so after
an interruption `--resume` finds exactly which records are done: the complete lines.
A record over the size limit, over the time limit, or that breaks the parser becomes an
`error` line and the batch goes on; a worker that dies is replaced and its chunk retried
record by record, so one bad page costs one error line.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from itertools import islice
from typing import IO, Any

from .api import Cleaner
from .config import Config
from .errors import BoilerstripError
from .sources import JsonlFields, Record, read, unwrap_http

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


def _timeout(signum: int, frame: object) -> None:
    raise TimeoutError


Done = tuple[str, str, str, dict[str, int]]  # (JSON line, status, reason, label counts)


def process_chunk(chunk: list[tuple[int, Record]]) -> list[Done]:
    """Clean a chunk of numbered records into finished output lines (serialised here,
    in the worker, to keep the writing process light); never raises for one record."""
    out = []
    for seq, rec in chunk:
        line = process_record(seq, rec)
        labels = line.pop("_labels", {})
        out.append(
            (json.dumps(line, ensure_ascii=False), line["status"], str(line.get("reason", "")), labels)
        )
    return out


def process_record(seq: int, rec: Record) -> dict[str, Any]:
    """The output line of one record (status ok, empty, skipped or error)."""
    cleaner, options = _Worker.cleaner, _Worker.options
    assert cleaner is not None and options is not None
    line: dict[str, Any] = {"seq": seq, "id": rec.id, "url": rec.url, "source": rec.source}
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
    previous = signal.signal(signal.SIGALRM, _timeout)
    signal.setitimer(signal.ITIMER_REAL, options.timeout)
    try:
        result = cleaner.clean(data, url=rec.url, include_comments=options.comments)
    except TimeoutError:
        return {**line, "status": "error", "reason": f"took over --timeout {options.timeout:g}s"}
    except BoilerstripError as exc:
        return {**line, "status": "error", "reason": str(exc)}
    except Exception as exc:  # noqa: BLE001 - a page that breaks the parser must not stop the batch
        return {**line, "status": "error", "reason": f"{type(exc).__name__}: {exc}"}
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    d = result.to_dict()
    line["url"] = rec.url or result.url
    line["status"] = "ok" if result.text else "empty"
    line.update({k: d[k] for k in RESULT_FIELDS})
    if options.comments:
        line["comments"] = d["comments"]
    line["_labels"] = Counter(b.label.value for b in result.blocks if b.label is not None)
    return line


# --- the parent: order, writing, resume ---------------------------------------------


def run(options: BatchOptions, config: Config | None = None) -> Tally:
    """Run a batch; returns the tally (also written to --stats)."""
    config = config or Config()
    tally = Tally()
    done, in_output, in_errors = _prepare_outputs(options)
    tally.resumed_from = tally.read = done
    tally.written, tally.errors_written = in_output, in_errors
    records = islice(enumerate(read(options.inputs, options.fields)), done, None)
    workers = options.workers or os.cpu_count() or 1
    progress = _progress(options, done)
    writer = _Writer(options, append=done > 0)
    try:
        for (text, status, reason, labels), source in _ordered_results(records, config, options, workers):
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


def _chunks(records: Iterable[tuple[int, Record]], size: int) -> Iterator[list[tuple[int, Record]]]:
    it = iter(records)
    while chunk := list(islice(it, size)):
        yield chunk


def _ordered_results(
    records: Iterable[tuple[int, Record]], config: Config, options: BatchOptions, workers: int
) -> Iterator[tuple[Done, str]]:
    """Results in input order, with at most 2 × workers chunks in flight."""
    chunks = _chunks(records, options.chunk_size)
    pool = _pool(config, options, workers)
    pending: list[tuple[list[tuple[int, Record]], Future[list[Done]]]] = []
    try:
        while True:
            while len(pending) < 2 * workers and (chunk := next(chunks, None)) is not None:
                pending.append((chunk, pool.submit(process_chunk, chunk)))
            if not pending:
                return
            chunk, future = pending.pop(0)
            try:
                lines = future.result()
            except BrokenProcessPool:
                pool.shutdown(wait=False, cancel_futures=True)
                pool = _pool(config, options, workers)
                lines = _isolate(chunk, config, options)
                pending = [(c, pool.submit(process_chunk, c)) for c, _ in pending]
            yield from zip(lines, (rec.source for _, rec in chunk), strict=True)
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def _pool(config: Config, options: BatchOptions, workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(config, options))


def _isolate(chunk: list[tuple[int, Record]], config: Config, options: BatchOptions) -> list[Done]:
    """Retry a chunk whose worker died, one record per fresh process, so that only the
    record that kills its process becomes an error."""
    lines: list[Done] = []
    for seq, rec in chunk:
        with _pool(config, options, 1) as solo:
            try:
                lines.append(solo.submit(process_chunk, [(seq, rec)]).result()[0])
            except BrokenProcessPool:
                reason = "the worker process died on this record"
                line = {
                    "seq": seq,
                    "id": rec.id,
                    "url": rec.url,
                    "source": rec.source,
                    "status": "error",
                    "reason": reason,
                }
                lines.append((json.dumps(line, ensure_ascii=False), "error", reason, {}))
    return lines


def _progress(options: BatchOptions, done: int) -> Any:
    if options.quiet or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(initial=done, unit=" records", dynamic_ncols=True, file=sys.stderr)


# --- output files -------------------------------------------------------------------


def _prepare_outputs(options: BatchOptions) -> tuple[int, int, int]:
    """(records done, lines in the output, lines in the error file) from earlier runs,
    all 0 without --resume; cuts a partial last line left by a killed run, and refuses
    to overwrite without --overwrite."""
    paths = [p for p in (options.output, options.errors) if p]
    existing = [p for p in paths if os.path.exists(p) and os.path.getsize(p) > 0]
    if not options.resume:
        if existing and not options.overwrite:
            raise BoilerstripError(f"{existing[0]} exists: pass --resume to continue it or --overwrite")
        return 0, 0, 0
    if options.output_format != "jsonl":
        raise BoilerstripError("--resume works with JSONL output only")
    in_output = _complete_seqs(options.output) if options.output in existing else []
    in_errors = _complete_seqs(options.errors) if options.errors and options.errors in existing else []
    seqs = sorted(in_output + in_errors)
    if seqs != list(range(len(seqs))):
        raise BoilerstripError("the output files do not hold a prefix of the input: cannot resume them")
    return len(seqs), len(in_output), len(in_errors)


def _complete_seqs(path: str) -> list[int]:
    """The seq of every whole line; a partial last line (no newline) is cut off."""
    seqs = []
    good_end = 0
    with open(path, "rb+") as fh:
        for raw in fh:
            if not raw.endswith(b"\n"):
                break
            try:
                seqs.append(int(json.loads(raw)["seq"]))
            except (ValueError, KeyError, TypeError):
                break
            good_end += len(raw)
        fh.truncate(good_end)
    return seqs


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
