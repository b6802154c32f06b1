"""The limits on one record: time (SIGALRM, the clock, and a CPU limit the kernel
enforces) and memory (an address-space cap on each worker process).

Why three clocks: SIGALRM stops interpreted code at `--timeout`; a signal that arrives
while compiled code runs may only be seen after the page is done, so the clock decides
too; and a page stuck inside compiled code is killed by the kernel's CPU limit a little
later (the record is then retried alone, and becomes an error line if it does it again).
"""

from __future__ import annotations

import math
import multiprocessing.connection
import os
import resource
import signal
import time
from typing import Any

from ..api import Cleaner
from ..result import Result
from .options import BatchOptions

# The CPU limit a record runs under: `--timeout` and a quarter of it more (a second at
# least), so that SIGALRM, which stops interpreted code at `--timeout`, acts first.
CPU_SLACK_SHARE, CPU_SLACK_MIN = 0.25, 1.0


def limit_worker(options: BatchOptions) -> None:
    """The worker's memory cap, and no core file when the CPU limit kills it."""
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if options.max_memory > 0:
        cap = options.max_memory << 20
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        resource.setrlimit(resource.RLIMIT_AS, (cap if hard < 0 else min(cap, hard), hard))


def exit_with_parent(parent: Any) -> None:
    """End the worker when its parent is gone. A parent that is killed cannot stop its
    pool, and a worker waiting for its next task would wait for ever: the task queue
    never closes, since the workers hold its ends too. The parent's sentinel (a pipe
    only the parent writes to) says so under every start method; the parent PID would
    not under a fork server, whose children are the server's, and the server lives on
    while they do (cluster shards start their workers from one)."""
    multiprocessing.connection.wait([parent.sentinel])
    os._exit(1)


def raise_timeout(signum: int, frame: object) -> None:
    """The SIGALRM handler: the page in hand has run past `--timeout`."""
    raise TimeoutError


def cpu_deadline(timeout: float) -> None:
    """Let the kernel kill this process (SIGXCPU) if the next record keeps the CPU well
    past `timeout`: SIGALRM only interrupts interpreted code, and a page stuck in
    libxml2 or compiled code would hold the worker for ever. The soft limit is moved
    per record; the hard limit is left alone, so it can be moved again."""
    used = resource.getrusage(resource.RUSAGE_SELF)
    seconds = used.ru_utime + used.ru_stime + timeout + max(CPU_SLACK_MIN, timeout * CPU_SLACK_SHARE)
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    soft = math.ceil(seconds)
    resource.setrlimit(resource.RLIMIT_CPU, (soft if hard < 0 else min(soft, hard), hard))


def timed_clean(
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


def death_reason(exitcode: int | None, options: BatchOptions) -> str:
    """Why a record's own process died, from its exit code: the line an error record says."""
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
