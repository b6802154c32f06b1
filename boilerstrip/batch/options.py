"""What a batch run is told (`BatchOptions`) and what it counts (`Tally`).

Why apart from the run: the options travel to every stage (the readers, the worker
processes, the writer, a cluster's shards) and the counts are kept by the local run
and the cluster alike, so both sit below all of them.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .records import JsonlFields, input_of

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

    @property
    def written(self) -> tuple[str, ...]:
        """The files (or, sharded, the folder) this batch writes: never read as its input."""
        return tuple(p for p in (self.output, self.errors) if p and p != "-")


# An error's kind, as the stats count errors: its reason up to the first colon, at most
# this many characters (the rest names the record: a path, a size, an exception's text).
KIND_CHARS = 60


def error_kind(reason: str) -> str:
    """The kind of an error, from its reason: what `--stats` and a datatrove step's
    stats count errors by, so that one kind is one count whatever record it hit."""
    return reason.split(":")[0][:KIND_CHARS]


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
    inputs: frozenset[str] = frozenset()  # the run's input paths, to name each unreadable one's
    resumed_from: int = 0
    started: float = field(default_factory=time.monotonic)

    def add(self, status: str, reason: str, labels: dict[str, int], source: str) -> None:
        """Count one record written: its status, its blocks' labels, and an error's reason."""
        self.statuses[status] += 1
        self.labels.update(labels)
        if status == "error":
            self.error_reasons[error_kind(reason)] += 1
            if reason.startswith("unreadable input"):
                entry = {"input": source, "reason": reason, "path": input_of(source, self.inputs)}
                self.unreadable_inputs.append(entry)

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
