"""Batch cleaning: many records, every core, every record accounted for, resumable.

Why this shape: the inputs become tasks in a fixed order (`tasks`): segments of gzipped
WARC files, which a worker reads, inflates and cleans (the parent never inflates a byte,
so it does not cap how many cores help), and chunks of records from every other input
(`sources`, `warc`, `jsonl`). A bounded number of tasks is in flight (`pool`: memory
stays flat whatever the input size) and results come back in submission order, so
output order is input order and the parent (`runner`) numbers the lines (`seq`) as it
writes them (`writers`). Each line is written whole and flushed, so after an
interruption `--resume` finds exactly which records are done (the complete lines) and
where they stop in each input (their `source`; `resume`).
A record over the size limit, over the time limit, or that breaks the parser becomes an
`error` line and the batch goes on; a worker that dies is replaced and its chunk retried
record by record, each in a process of its own, so one bad page costs one error line.
Time is bounded twice (`limits`): SIGALRM stops interpreted code at `--timeout`, and a
CPU-time limit that the kernel enforces kills a worker stuck inside compiled code a
little later (the record is then retried alone, and becomes an error line if it does it
again). Memory is bounded by an address-space limit on each worker.
On a Dask cluster the same readers and pool clean shards (`shards`, `cluster`).

The modules, from the top down: `cluster` → `shards` → `runner` → `tasks`, `resume`,
`progress`, `paths` → `pool` → `worker` → `rows`, `limits`, `writers` → the readers
(`sources` → `warc`, `jsonl`, `responses`) → `records`, `options`, `inflate`, `remote`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, Final

from .options import BatchOptions, Tally

if TYPE_CHECKING:
    from .rows import RESULT_FIELDS, clean_fields
    from .runner import run

__all__ = ["RESULT_FIELDS", "BatchOptions", "Tally", "clean_fields", "run"]

# The names read from the modules below on first use, not on import: the run pulls the
# process pool, the worker and the readers, which the command line (reading
# `BatchOptions`' defaults for its help) and a caller of the options alone never need.
_LAZY: Final = {"RESULT_FIELDS": "rows", "clean_fields": "rows", "run": "runner"}


def __getattr__(name: str) -> Any:
    """A name of `_LAZY`, imported from its module the first time it is asked for."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value
