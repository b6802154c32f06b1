"""The work of a batch in input order: segments of gzipped WARC files, which a worker
reads, inflates and cleans (the parent never inflates a byte), and chunks of records
from every other input; with `--resume`, only what an earlier run did not do.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice

from .options import BatchOptions
from .pool import Work
from .records import NOTHING_DONE, WHOLE, Place, Record
from .resume import Done_in
from .sources import can_segment, expand, file_size, is_warc, read_file
from .warc import warc_segments


def tasks(options: BatchOptions, plan: dict[str, Done_in]) -> Iterator[Work]:
    """The work in input order: WARC segments, and chunks of the other inputs'
    records. With `--resume`, inputs wholly done are passed over unread, and the one
    where the earlier run stopped continues after its last done record."""
    chunk: list[Record] = []
    reached, base, mark = len(plan), 0, 0  # base: bytes of the inputs before this one
    for path, problem in expand(options.inputs, options.written):
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


def _segments(path: str, size: int) -> list[tuple[int, int]]:
    try:
        return warc_segments(path, size)
    except Exception:  # noqa: BLE001
        return [(0, 1)]  # unreadable: one segment, whose reader reports why
