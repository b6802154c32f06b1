"""The process pool: tasks in flight, results in input order, and a worker that dies
replaced, its task redone record by record, each in a process of its own, so one bad
page costs one error line.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Generator, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from ..config import Config
from .limits import death_reason
from .options import BatchOptions
from .records import Record
from .worker import Done, Task, error_line, guarded_line, init_worker, process_task, segment_records

# Tasks in flight for each worker: one being cleaned and one waiting, so a worker never
# idles while the parent writes, and memory holds a few chunks whatever the input size.
IN_FLIGHT_PER_WORKER = 2
# Seconds a worker ended with SIGTERM has to go before it is killed.
GRACE = 5.0
# A record cleaned alone may take this many times `--timeout`, and this many seconds
# more (its process starts, and the CPU limit kills it only a little after the alarm),
# before its process is taken for stuck.
SOLO_TIMEOUTS, SOLO_SLACK = 4, 30

# A task, and how many bytes of the inputs are read once it is done (for the progress bar).
Work = tuple[Task, int]


def ordered_results(
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
            while len(pending) < IN_FLIGHT_PER_WORKER * workers and (work := next(tasks, None)) is not None:
                pending.append((work[0], work[1], pool.submit(process_task, work[0])))
            if not pending:
                return
            task, mark, future = pending.pop(0)
            try:
                lines = future.result()
            except BrokenProcessPool:
                stop_pool(pool)
                pool = _pool(config, options, workers, context)
                lines = isolate(task, config, options)
                pending = [(t, m, pool.submit(process_task, t)) for t, m, _ in pending]
            except Exception:  # noqa: BLE001 - e.g. a result that would not pickle
                lines = isolate(task, config, options)
            for line in lines:
                yield line, mark
    finally:
        stop_pool(pool, busy=bool(pending))


def stop_pool(pool: ProcessPoolExecutor, *, busy: bool = True) -> None:
    """Shut the pool down and wait for its manager thread: one left running at exit
    races Python's exit hook for its wakeup pipe, which then prints "Exception ignored
    in: <module 'threading'> ... Bad file descriptor" (about one run in 30). Workers
    still busy (an interrupted run, an output that broke, a broken pool) are ended
    first, so the wait is short: their records are redone by --resume or record by
    record."""
    if busy:
        _end_workers(pool)
    pool.shutdown(wait=True, cancel_futures=True)


def _end_workers(pool: ProcessPoolExecutor, grace: float = GRACE) -> None:
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
        max_workers=workers, mp_context=context, initializer=init_worker, initargs=(config, options)
    )


def isolate(task: Task, config: Config, options: BatchOptions) -> list[Done]:
    """Redo a task record by record, each in a fresh process of its own, so that only
    the record that kills its process (or overruns its time in compiled code) becomes
    an error (a segment is read here for that)."""
    records, segment = task
    source = segment_records(segment, options.max_bytes) if segment else records
    return [_solo(rec, config, options) for rec in source]


def _solo(rec: Record, config: Config, options: BatchOptions) -> Done:
    """One record cleaned in a process of its own; an error line if that process dies."""
    context = multiprocessing.get_context()
    receive, send = context.Pipe(duplex=False)
    proc = context.Process(target=_solo_main, args=(send, rec, config, options), daemon=True)
    proc.start()
    send.close()
    wall = SOLO_TIMEOUTS * options.timeout + SOLO_SLACK if options.timeout else None
    try:
        if receive.poll(wall):
            result: Done = receive.recv()
            return result
    except (EOFError, OSError):
        pass  # the process died before it could answer
    finally:
        receive.close()
        proc.join(GRACE)
        if proc.is_alive():
            proc.kill()
            proc.join()
    return error_line(rec, death_reason(proc.exitcode, options))


def _solo_main(send: Any, rec: Record, config: Config, options: BatchOptions) -> None:
    init_worker(config, options)
    try:
        done = guarded_line(rec, options)
    except BaseException as exc:  # noqa: BLE001 - even a MemoryError raised while reporting
        done = error_line(rec, f"{type(exc).__name__}: {exc}")
    send.send(done)
    send.close()
