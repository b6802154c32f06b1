"""Shards: a batch cut into pieces that are cleaned apart, each into a file of its own.

Why this shape: on a cluster, tasks run anywhere, in any order, and may run twice (a
worker that dies is replaced and its task run again). So a shard is a pure function of
its inputs: a whole input file, or a stretch of a gzipped WARC given by nominal byte
offsets, which every task resolves to the same record boundaries by itself (the first
gzip member at or after the offset that begins a WARC record, as `batch` cuts
segments). Planning thus needs the files' sizes and never a byte of their contents, and
two neighbouring shards meet exactly, with no record in both or in neither.

A shard's records are read by `sources`' readers and cleaned by `batch`'s process pool,
with all its guards: the time and memory limits, and a record that kills its process
retried alone. So a shard's lines are the lines the local batch writes for the same
records, numbered from 0 within the shard. They go to a scratch file that is put in
place whole when the shard is done (`remote.Folder.commit`): a half-written shard never
bears a shard's name. The task returns its counts, which the manifest keeps.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

from ..config import Config
from .options import BatchOptions, Tally
from .pool import ordered_results
from .records import NOTHING_DONE, Record
from .remote import Folder, sizes
from .runner import write_line
from .sources import can_segment, expand, read_file
from .warc import verified_member
from .worker import segment_records
from .writers import Writer


@dataclass(frozen=True, slots=True)
class Shard:
    """One piece of a batch: a whole input, or the records of a gzipped WARC whose gzip
    member begins in the stretch that the nominal offsets [start, end) resolve to."""

    part: int
    input: str
    problem: str | None = None  # why the input cannot be read (one error line)
    start: int = 0
    end: int | None = None  # None: the whole input
    size: int = 0  # the input's size, where it is cut

    def describe(self) -> dict[str, Any]:
        """What the manifest records of the shard's place in the input."""
        return {"input": self.input, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class ShardJob:
    """What every task of one batch is told, besides its shard."""

    options: BatchOptions
    config: Config
    output: str  # the output folder (path or URL)
    width: int  # digits of the part numbers

    def name(self, part: int) -> str:
        """The file name of shard `part` in the output folder."""
        suffix = "parquet" if self.options.output_format == "parquet" else "jsonl"
        return f"part-{part:0{self.width}d}.{suffix}"


def plan(options: BatchOptions, shard_bytes: int) -> list[Shard]:
    """The shards of a batch, in input order: a gzipped WARC larger than `shard_bytes`
    in stretches of that many bytes, every other input whole."""
    found = list(expand(options.inputs, options.written))
    cuttable = [path for path, problem in found if problem is None and can_segment(path)]
    size = _sizes(cuttable)
    shards: list[Shard] = []
    for path, problem in found:
        whole = size.get(path, 0) <= shard_bytes
        for start in range(0, 1 if whole else size[path], shard_bytes):
            end = None if whole else min(start + shard_bytes, size[path])
            shards.append(Shard(len(shards), path, problem, start, end, size.get(path, 0)))
    return shards


def _sizes(paths: list[str]) -> dict[str, int]:
    """Sizes of the inputs that can be cut; one that cannot be sized is read whole, and
    its reader says why it cannot be read."""
    try:
        return sizes(paths)
    except OSError:
        found = {}
        for path in paths:
            with contextlib.suppress(OSError):
                found.update(sizes([path]))
        return found


def clean_shard(shard: Shard, job: ShardJob) -> dict[str, Any]:
    """Clean one shard into its file in the output folder; returns its manifest entry.
    Runs in a Dask worker (or anywhere): it may run twice, and gives the same file."""
    _allow_children()
    folder = Folder(job.output)
    name = job.name(shard.part)
    scratch = folder.scratch(name)
    try:
        tally = _clean_into(scratch, shard, job)
        size = folder.commit(scratch, name) if tally.read else 0
    finally:
        with contextlib.suppress(OSError):
            os.unlink(scratch)
    return {
        "part": shard.part,
        "file": name if tally.read else None,
        **shard.describe(),
        "records": tally.read,
        "bytes": size,
        "status": dict(sorted(tally.statuses.items())),
        "labels": dict(sorted(tally.labels.items())),
        "error_reasons": dict(tally.error_reasons),  # in the order met, as batch keeps them
        "unreadable_inputs": tally.unreadable_inputs,
    }


def _allow_children() -> None:
    """Let this process start the cleaning processes. A Dask worker process is started
    as a daemon, and Python refuses children to a daemon, lest they outlive it; batch's
    workers end themselves when their parent is gone, so that cannot happen here."""
    process = multiprocessing.current_process()
    if process.daemon:
        process.daemon = False


def _start_method() -> Any:
    """How the cleaning processes start: from a fork server that has batch imported.
    A Dask worker's own default is spawn, a fresh interpreter that imports boilerstrip
    for every shard (over a second); forking the worker itself would copy a process that
    runs threads (its event loop), whose locks a child could inherit held."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return None
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["boilerstrip.batch"])
    return context


def _clean_into(path: str, shard: Shard, job: ShardJob) -> Tally:
    """Clean the shard's records in batch's pool and write their lines to `path`."""
    options = job.options
    tally = Tally(inputs=frozenset((shard.input,)))
    writer = Writer(path, None, append=False, parquet=options.output_format == "parquet")
    records = shard_records(shard, options)
    chunks = iter(lambda: list(islice(records, options.chunk_size)), [])
    tasks = (((chunk, None), 0) for chunk in chunks)  # (task, mark): no bar here
    results = ordered_results(tasks, job.config, options, max(options.workers, 1), _start_method())
    try:
        for done, _ in results:
            write_line(writer, tally, done)
    finally:
        results.close()
        writer.close()
    return tally


def shard_records(shard: Shard, options: BatchOptions) -> Iterator[Record]:
    """The shard's records, read as batch reads them. A stretch whose bounds cannot be
    found (the input went away since it was planned) raises, so the task fails and is
    retried rather than losing the stretch."""
    if shard.end is None:
        yield from read_file(shard.input, shard.problem, options.fields, options.max_bytes)
        return
    start = 0 if shard.start == 0 else verified_member(shard.input, shard.start, shard.size)
    end = shard.size if shard.end >= shard.size else verified_member(shard.input, shard.end, shard.size)
    if start < end:
        yield from segment_records((shard.input, start, end, NOTHING_DONE), options.max_bytes)
