"""Resume: what earlier runs wrote, and where it stops in each input.

Why from the output alone: each line is written whole and flushed, so after an
interruption (even kill -9) the complete lines say exactly which records are done, and
their `source` where they stop in each input; a partial last line is cut off.
"""

from __future__ import annotations

import json
import os
from collections import deque
from dataclasses import dataclass

from ..errors import BoilerstripError
from .options import BatchOptions
from .records import NOTHING_DONE, WHOLE, Place, place_in
from .sources import expand, file_size
from .writers import OutputError, describe

# What an earlier run did with one input: records done, and the place of the last one.
Done_in = tuple[int, Place]


@dataclass(frozen=True, slots=True)
class Earlier:
    """What the runs before a `--resume` wrote: every whole line's (seq, source,
    status, reason), in input order, and how many lines each file holds."""

    lines: list[tuple[int, str, str, str]]
    in_output: int
    in_errors: int

    @property
    def sources(self) -> list[str]:
        """The `source` of every earlier line, in order."""
        return [source for _, source, _, _ in self.lines]


def earlier_lines(output: str, errors: str | None, *, resume: bool, overwrite: bool, jsonl: bool) -> Earlier:
    """The lines earlier runs left (none without --resume); cuts a partial last line
    left by a killed run, and refuses to overwrite without --overwrite. Their statuses
    let the summary of a resumed run count the whole output, not only its own part."""
    paths = [p for p in (output, errors) if p and p != "-"]
    existing = [p for p in paths if os.path.exists(p) and os.path.getsize(p) > 0]
    if not resume:
        if existing and not overwrite:
            raise BoilerstripError(f"{existing[0]} exists: pass --resume to continue it or --overwrite")
        return Earlier([], 0, 0)
    if not jsonl:
        raise BoilerstripError("--resume works with JSONL output only")
    in_output = _complete_lines(output) if output in existing else []
    in_errors = _complete_lines(errors) if errors and errors in existing else []
    done = sorted(in_output + in_errors)
    if [seq for seq, *_ in done] != list(range(len(done))):
        raise BoilerstripError("the output files do not hold a prefix of the input: cannot resume them")
    return Earlier(done, len(in_output), len(in_errors))


def _complete_lines(path: str) -> list[tuple[int, str, str, str]]:
    """(seq, source, status, reason) of every whole line; a partial last line (no
    newline) is cut off."""
    found = []
    good_end = 0
    try:
        with open(path, "rb+") as fh:
            for raw in fh:
                if not raw.endswith(b"\n"):
                    break
                try:
                    line = json.loads(raw)
                    found.append((int(line["seq"]), str(line["source"]), str(line["status"]),
                                  str(line.get("reason") or "")))  # fmt: skip
                except (ValueError, KeyError, TypeError):
                    break
                good_end += len(raw)
            fh.truncate(good_end)
    except OSError as exc:
        raise OutputError(describe(exc, path)) from exc
    return found


def resume_plan(options: BatchOptions, done_sources: list[str]) -> dict[str, Done_in]:
    """For every input an earlier run reached, what it did there. The sources must be
    the inputs' own, in input order: an output that belongs to other inputs (or to the
    same inputs in another order) is refused rather than silently skipping records."""
    done = deque(done_sources)
    plan: dict[str, Done_in] = {}
    for path, _ in expand(options.inputs, options.written):
        if not done:
            break
        count, last = _done_in(path, done)
        if count:
            plan[path] = (plan[path][0] + count, last) if path in plan else (count, last)
    if done:
        raise BoilerstripError(
            f"the output holds a record from {done[0]!r}, which is not where these inputs"
            " lead at that point: resume with the inputs of the earlier run, in the same order"
        )
    return plan


def resumed_bytes(plan: dict[str, Done_in]) -> int:
    """Bytes of the inputs an earlier run finished (all it reached but the last)."""
    reached = list(plan)
    return sum(file_size(p) for p in reached[:-1]) + sum(
        file_size(p) for p in reached[-1:] if plan[p][1] == WHOLE
    )


def _done_in(path: str, done: deque[str]) -> Done_in:
    """(records of this input done by an earlier run, place of its last done record),
    taking their sources off the front of `done`. Places rise within an input (and
    `sources.expand` reaches each input once, however often it is named)."""
    count, last = 0, NOTHING_DONE
    while done:
        here = place_in(path, done[0])
        if here is None or (count and here <= last):
            break
        done.popleft()
        count, last = count + 1, here
    return count, last
