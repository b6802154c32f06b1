"""The progress bar of a batch on a terminal (tqdm): of the inputs' bytes where their
size is known, else of records.
"""

from __future__ import annotations

import sys
from typing import Any

from .options import BatchOptions, Tally


def progress_bar(options: BatchOptions, done: int, total: int | None, resumed: int) -> Any:
    """A bar on a terminal: of the inputs' bytes, with a total and an ETA, where their
    size is known (files); else of records (stdin). The records and errors so far
    follow it either way."""
    if options.quiet or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    if total is None:
        return tqdm(initial=done, unit=" records", dynamic_ncols=True, file=sys.stderr)
    return tqdm(initial=resumed, total=total, unit="B", unit_scale=True, dynamic_ncols=True, file=sys.stderr)


def advance(progress: Any, tally: Tally, mark: int) -> None:
    """Move the bar past one written record: to its task's mark in bytes, or by one."""
    if progress.total is None:
        progress.update(1)
    elif mark > progress.n:
        progress.update(mark - progress.n)
    progress.set_postfix({"records": tally.read, "errors": tally.statuses["error"]}, refresh=False)
