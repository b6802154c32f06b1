"""The parent of a batch: inputs checked and locked, the work handed to the pool, and
every line numbered (`seq`), written whole and counted, in input order.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from typing import Any

from ..config import Config
from ..errors import BoilerstripError
from .options import LEFT_OUT, BatchOptions, Tally
from .paths import check_paths, take_locks
from .pool import ordered_results
from .progress import advance, progress_bar
from .records import STDIN
from .resume import earlier_lines, resume_plan, resumed_bytes
from .sources import survey
from .tasks import tasks
from .worker import Done
from .writers import Writer, write_stats


def run(options: BatchOptions, config: Config | None = None) -> Tally:
    """Run a batch; returns the tally (also written to --stats). Raises a
    BoilerstripError for a setup problem or an output that cannot be written (the
    lines written before are whole, so `--resume` continues), KeyboardInterrupt on
    Ctrl-C or SIGTERM."""
    config = config or Config()
    check_paths(options.output, options.errors, options.stats)
    found = survey(options.inputs, options.written)
    if found.missing:
        raise BoilerstripError(found.missing)
    total = None if STDIN in options.inputs else found.bytes
    locks = take_locks([p for p in (options.output, options.errors) if p and p != "-"])
    previous = terminate_as_interrupt()
    try:
        return _run_locked(options, config, total, found.paths)
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
        for lock in locks:
            lock.release()


def terminate_as_interrupt() -> Any:
    """SIGTERM (a scheduler or `kill`) stops the batch as Ctrl-C does: whole lines and
    an output that resumes. Returns the handler it replaced (None off the main thread)."""
    if threading.current_thread() is not threading.main_thread():
        return None

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    return signal.signal(signal.SIGTERM, interrupt)


def _run_locked(options: BatchOptions, config: Config, total: int | None, paths: frozenset[str]) -> Tally:
    tally = Tally(inputs=paths)
    earlier = earlier_lines(
        options.output,
        options.errors,
        resume=options.resume,
        overwrite=options.overwrite,
        jsonl=options.output_format == "jsonl",
    )
    plan = resume_plan(options, earlier.sources)
    done = len(earlier.lines)
    for _, source, status, reason in earlier.lines:  # the summary counts the whole output
        tally.add(status, reason, {}, source)
    tally.resumed_from = tally.read = done
    tally.written, tally.errors_written = earlier.in_output, earlier.in_errors
    workers = options.workers or os.cpu_count() or 1
    progress = progress_bar(options, done, total, resumed_bytes(plan))
    writer = Writer(
        options.output, options.errors, append=done > 0, parquet=options.output_format == "parquet"
    )
    results = ordered_results(tasks(options, plan), config, options, workers)
    try:
        for line, mark in results:
            write_line(writer, tally, line)
            if progress is not None:
                advance(progress, tally, mark)
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
                write_stats(options.stats, tally)
    return tally


def write_line(writer: Writer, tally: Tally, done: Done) -> None:
    """Number one finished line (its `seq`: the lines written before it), write it and
    count it (only once it is written); a record left out (`--content-only`) is
    counted, and takes no line and no number."""
    text, status, reason, labels, source = done
    if status == LEFT_OUT:
        tally.left_out[reason] += 1
        return
    writer.write(f'{{"seq": {tally.read}, {text[1:]}', status)
    tally.read += 1
    tally.add(status, reason, labels, source)
    if status == "error" and writer.errors is not None:
        tally.errors_written += 1
    else:
        tally.written += 1
