"""Batch on a Dask cluster: shards spread over the workers, and a manifest to resume by.

    boilerstrip batch s3://crawl/*.warc.gz -o s3://clean/run1 --dask tcp://scheduler:8786
    boilerstrip batch crawl/ -o out/ --dask local:8     # a LocalCluster of 8 processes

Why this shape: `batch` already reads, cleans and accounts for every record on one
machine; here the client only plans the shards (`shards.plan`, from file sizes), hands
them to the cluster a bounded number at a time, and keeps the books. Each task cleans
one shard into its own file, `OUT/part-NNNNN.jsonl` (or `.parquet`), put in place whole
when done, and returns its counts. Dask reruns the task of a worker that died; a rerun
writes the same file again, so a shard is never lost or doubled.

The manifest, `OUT/manifest.json`, lists every shard (its input and stretch) and, once
it is done, its file, record count and statuses. It is rewritten as shards finish (at
most every few seconds, so a large batch does not spend its time rewriting it) and at
the end, when it is marked complete. The tally of the whole batch is summed from it in
shard order, so it is the local batch's whatever order the shards finished in.
`--resume` keeps the shards the manifest marks done whose files are there unchanged,
and cleans the others again: a client killed at any point loses at most the shards that
finished after its last manifest, and those are redone.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any

from .. import __version__
from ..config import Config
from ..errors import BoilerstripError
from .options import BatchOptions, Tally
from .paths import check_paths, take_locks
from .progress import progress_bar
from .remote import Folder, is_url
from .runner import terminate_as_interrupt
from .shards import Shard, ShardJob, clean_shard, plan
from .writers import OutputError, describe, write_stats

__all__ = ["MANIFEST", "ClusterOptions", "run"]

MANIFEST = "manifest.json"
_FORMAT = "boilerstrip-shards/1"


@dataclass(frozen=True, slots=True)
class ClusterOptions:
    """Where and how a batch runs on Dask."""

    address: str = "local"  # a scheduler ("tcp://host:8786"), or "local:N" / "local" for a LocalCluster
    shard_bytes: int = 64 << 20  # a gzipped WARC is cut in stretches of about this size
    manifest_every: float = 5.0  # seconds between manifest writes, at least
    retries: int = 2  # a task that raises is run again this many times


def run(
    options: BatchOptions, cluster: ClusterOptions, config: Config | None = None, *, client: Any = None
) -> Tally:
    """Run a batch on a Dask cluster into the folder `options.output`; returns the tally
    (also written to --stats). A `client` given (a `distributed.Client`, e.g. of a
    cluster that needs credentials to reach) is used instead of `cluster.address`.
    Raises BoilerstripError for a setup problem or a shard that failed on every try (the
    manifest keeps the shards done: `--resume` goes on), KeyboardInterrupt on Ctrl-C or
    SIGTERM."""
    if options.errors:
        raise BoilerstripError("--errors does not go with --dask: error lines stay in the shards")
    options = _absolute(options)
    folder = Folder(options.output.rstrip("/") or "/")
    if not folder.remote:
        check_paths(
            folder.url, None, None if options.stats is None or is_url(options.stats) else options.stats
        )
    locks = [] if folder.remote else take_locks([folder.url])
    previous = terminate_as_interrupt()
    try:
        return _run_locked(options, cluster, config or Config(), folder, client)
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
        for lock in locks:
            lock.release()


def _absolute(options: BatchOptions) -> BatchOptions:
    """The options with local paths made absolute: workers run in folders of their own
    (and on other hosts, where the paths must lead to the same files: a shared file
    system). So the `source` of a local record names its file by its absolute path."""
    inputs = tuple(p if is_url(p) else os.path.abspath(p) for p in options.inputs)
    output = options.output if is_url(options.output) else os.path.abspath(options.output)
    return replace(options, inputs=inputs, output=output)


def _run_locked(
    options: BatchOptions, cluster: ClusterOptions, config: Config, folder: Folder, client: Any
) -> Tally:
    started = time.monotonic()
    shards = plan(options, cluster.shard_bytes)
    book = Book(options, cluster, shards)
    try:
        done = _earlier(folder, book, resume=options.resume, overwrite=options.overwrite)
        folder.make()
    except OSError as exc:  # a store that cannot be listed, read or written
        raise OutputError(describe(exc, folder.url)) from exc
    book.done.update(done)
    job = ShardJob(options, config, folder.url, width=max(5, len(str(len(shards) - 1))))
    todo = [s for s in shards if s.part not in book.done]
    progress = progress_bar(options, book.records(), None, 0)  # a bar of records
    try:
        for entry in _cleaned(cluster, todo, job, client):
            book.done[entry["part"]] = entry
            book.save(folder)
            if progress is not None:
                progress.update(entry["records"])
    except KeyboardInterrupt:
        if not options.quiet:
            print(f"\ninterrupted after {len(book.done)} of {len(shards)} shards; run again with --resume",
                  file=sys.stderr)  # fmt: skip
        raise
    finally:
        book.save(folder, force=True)
        if progress is not None:
            progress.close()
    _remove_scratch(folder)
    tally = book.tally(resumed=done, started=started)
    if options.stats:
        write_stats(options.stats, tally)
    return tally


class Book:
    """The manifest as it grows: the plan, and the entries of the shards done."""

    def __init__(self, options: BatchOptions, cluster: ClusterOptions, shards: list[Shard]) -> None:
        self.head = {
            "format": _FORMAT,
            "boilerstrip": __version__,
            "inputs": list(options.inputs),
            "output_format": options.output_format,
            "shard_bytes": cluster.shard_bytes,
            "comments": options.comments,
        }
        self.shards = shards
        self.done: dict[int, dict[str, Any]] = {}
        self.every = cluster.manifest_every
        self.saved = 0.0  # when the manifest was last written (monotonic)
        self.cost = 0.0  # how long that took

    def records(self) -> int:
        """Records in the shards done so far."""
        return sum(e["records"] for e in self.done.values())

    def manifest(self) -> dict[str, Any]:
        """The manifest: shards in order, each with its entry once done; the first
        record's number in the whole batch where all shards before it are done."""
        entries, first = [], 0
        for shard in self.shards:
            entry = self.done.get(shard.part)
            if entry is None:
                first = -1
                entries.append({"part": shard.part, "file": None, **shard.describe(), "records": None})
                continue
            entries.append({**entry, "first": first} if first >= 0 else entry)
            first = first + entry["records"] if first >= 0 else -1
        complete = len(self.done) == len(self.shards)
        return {**self.head, "complete": complete, "records": self.records() if complete else None,
                "shards": entries}  # fmt: skip

    def save(self, folder: Folder, *, force: bool = False) -> None:
        """Write the manifest whole, if the last write is long enough ago: at least
        `every` seconds, and twenty times what the last write took."""
        now = time.monotonic()
        if not force and now - self.saved < max(self.every, 20 * self.cost):
            return
        try:
            folder.write_text(MANIFEST, json.dumps(self.manifest(), ensure_ascii=False, indent=1) + "\n")
        except OSError as exc:
            raise OutputError(describe(exc, folder.path(MANIFEST))) from exc
        self.saved, self.cost = time.monotonic(), time.monotonic() - now

    def tally(self, resumed: dict[int, dict[str, Any]], started: float) -> Tally:
        """The batch's counts, summed over the shards in order (as the local batch
        counts them record by record)."""
        tally = Tally(started=started)
        for shard in self.shards:
            entry = self.done[shard.part]
            tally.read += entry["records"]
            tally.statuses.update(entry["status"])
            tally.labels.update(entry["labels"])
            tally.error_reasons.update(entry["error_reasons"])
            tally.unreadable_inputs += entry["unreadable_inputs"]
            if shard.part in resumed:
                tally.resumed_from += entry["records"]
        tally.written = tally.read
        return tally


def _earlier(folder: Folder, book: Book, *, resume: bool, overwrite: bool) -> dict[int, dict[str, Any]]:
    """The shards an earlier run finished that `--resume` keeps: those its manifest
    marks done whose files are there with the size it noted. Without --resume an earlier
    run's shards are refused, or removed with --overwrite."""
    files = folder.sizes()
    ours = sorted(n for n in files if n == MANIFEST or n.startswith("part-"))
    if not resume:
        if ours and not overwrite:
            raise BoilerstripError(
                f"{folder.url} holds an earlier batch ({ours[0]}): pass --resume to continue it or --overwrite"
            )
        folder.remove(([MANIFEST] if MANIFEST in ours else []) + [n for n in ours if n != MANIFEST])
        return {}
    text = folder.read_text(MANIFEST) if MANIFEST in files else None
    if text is None:
        return {}
    try:
        earlier = json.loads(text)
    except ValueError as exc:
        raise BoilerstripError(f"{folder.path(MANIFEST)} is not a manifest: {exc}") from exc
    _check_same_batch(earlier, book)
    return {
        e["part"]: {k: v for k, v in e.items() if k != "first"}  # counted again when written
        for e in earlier["shards"]
        if e.get("records") is not None and (e["file"] is None or files.get(e["file"]) == e["bytes"])
    }


def _check_same_batch(earlier: dict[str, Any], book: Book) -> None:
    """Refuse to resume a manifest of other shards (other files, or files that changed
    size) or options that change the lines: its shards would not add up to this batch.
    The inputs may be named otherwise (a folder, a glob) if they lead to the same files."""
    head = {k: earlier.get(k) for k in book.head if k not in ("boilerstrip", "inputs")}
    ours = {k: v for k, v in book.head.items() if k not in ("boilerstrip", "inputs")}
    places = [{k: e.get(k) for k in ("input", "start", "end")} for e in earlier.get("shards", [])]
    if head != ours or places != [s.describe() for s in book.shards]:
        changed = next((k for k in ours if head[k] != ours[k]), "shards (the inputs' files or sizes)")
        raise BoilerstripError(
            f"the output's manifest is of another batch ({changed} differ): resume with the inputs and "
            "options of the earlier run, or pass --overwrite"
        )


@contextmanager
def _client(address: str) -> Iterator[Any]:
    """A Dask client of the scheduler at `address`, or of a LocalCluster of processes
    ("local:N", "local" for one a core) made for this batch and closed after it."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise BoilerstripError("--dask needs dask.distributed: pip install 'boilerstrip[dask]'") from exc
    if address == "local" or address.startswith("local:"):
        count = address.partition(":")[2]
        if count and not (count.isdigit() and int(count) > 0):
            raise BoilerstripError(f"--dask {address}: expected local:N with N worker processes")
        workers = int(count) if count else os.cpu_count() or 1
        with (
            LocalCluster(n_workers=workers, threads_per_worker=1, processes=True) as local,  # type: ignore[no-untyped-call]
            Client(local) as client,  # type: ignore[no-untyped-call]
        ):
            yield client
        return
    try:
        client = Client(address, timeout="30s")  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError) as exc:
        raise BoilerstripError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
    with client:
        yield client


def _cleaned(
    cluster: ClusterOptions, todo: list[Shard], job: ShardJob, client: Any
) -> Iterator[dict[str, Any]]:
    """The entries of the shards to do as they finish (no cluster if none is left)."""
    if todo and client is not None:
        yield from _gather(client, todo, job, cluster.retries)
    elif todo:
        with _client(cluster.address) as made:
            yield from _gather(made, todo, job, cluster.retries)


def _gather(client: Any, todo: list[Shard], job: ShardJob, retries: int) -> Iterator[dict[str, Any]]:
    """The entries of the shards as they finish, with two tasks queued for each thread
    of the cluster (as it is when a task is handed out): the scheduler never holds the
    whole plan of a large batch, and a worker that joins gets work."""
    from distributed import as_completed

    pending = iter(todo)
    running: Any = as_completed()  # type: ignore[no-untyped-call]

    def hand_out() -> None:
        room = 2 * max(sum(client.nthreads().values()), 1) - running.count()
        for shard in (next(pending, None) for _ in range(max(room, 0))):
            if shard is not None:
                running.add(client.submit(clean_shard, shard, job, retries=retries, pure=False))

    hand_out()
    try:
        for future in running:
            try:
                entry: dict[str, Any] = future.result()
            except Exception as exc:
                raise BoilerstripError(f"a shard failed on every try: {type(exc).__name__}: {exc}") from exc
            hand_out()
            yield entry
    finally:
        for future in list(running.futures):
            future.cancel()


def _remove_scratch(folder: Folder) -> None:
    """Remove the scratch files that tasks of dead workers left in the folder (a
    courtesy: they hold nothing that counts, and bear no shard's name)."""
    with contextlib.suppress(OSError):
        folder.remove([n for n in folder.sizes() if n.startswith(".part-") and n.endswith(".tmp")])
