"""`boilerstrip batch`: crawl dumps cleaned on every core (or a Dask cluster), its exit
status from the run's counts.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import fields
from typing import Any

from ..batch.options import BatchOptions
from ..batch.records import JsonlFields
from ..errors import BoilerstripError
from .clean import count
from .codes import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_NOTHING, EXIT_OK, EXIT_UNREADABLE
from .parser import BATCH_DEFAULTS
from .paths import output_format, path_problem


def check_batch_paths(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """Refuse output paths that cannot be written and a format that does not fit its
    file, as usage errors, before any input is read; settle the output format."""
    if args.dask:
        _check_cluster_paths(parser, args)
        return
    for flag, path in (("-o/--output", args.output), ("--errors", args.errors), ("--stats", args.stats)):
        problem = path_problem(path) if path else None
        if path == "-" and flag != "-o/--output":
            problem = "- (stdout) is for -o only: name a file"
        if problem:
            parser.error(f"argument {flag}: {problem}")
    try:
        args.output_format = output_format(args.output, args.output_format, BATCH_DEFAULTS.output_format)
    except ValueError as exc:
        parser.error(f"argument -o/--output: {exc}")
    if args.output == "-" and args.resume:
        parser.error("argument --resume: an output on stdout cannot be resumed: name a file with -o")
    if args.inputs.count("-") > 1:
        parser.error("argument INPUT: stdin (-) can be read once")


def _check_cluster_paths(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """With --dask, -o is a folder of shards (local or remote, which the cluster
    checks as it makes it), the workers cannot read this process's stdin, and the
    shards hold their error lines (--errors is refused by the cluster)."""
    if args.output == "-":
        parser.error("argument -o/--output: with --dask, -o names a folder of shards, not stdout")
    if "-" in args.inputs:
        parser.error("argument INPUT: with --dask, the workers cannot read stdin (-): name files")
    if args.stats and (problem := path_problem(args.stats)):
        parser.error(f"argument --stats: {problem}")
    args.output_format = args.output_format or BATCH_DEFAULTS.output_format


def batch_options(args: argparse.Namespace) -> BatchOptions:
    """The run's options: each field of BatchOptions the command line has an option of,
    by the same name (the JSONL keys by --html-field and the like); the others keep
    BatchOptions' defaults. Read from the dataclass, so no field is named twice."""
    given = {f.name: getattr(args, f.name) for f in fields(BatchOptions) if hasattr(args, f.name)}
    given["inputs"] = tuple(args.inputs)
    given["fields"] = JsonlFields(**{f.name: getattr(args, f"{f.name}_field") for f in fields(JsonlFields)})
    return BatchOptions(**given)


def run_batch(args: argparse.Namespace) -> int:
    """`boilerstrip batch`: its exit status by `EXIT_CODES`."""
    from ..batch import run

    options = batch_options(args)
    try:
        if args.dask:
            from ..batch.cluster import ClusterOptions
            from ..batch.cluster import run as run_on_cluster

            tally = run_on_cluster(options, ClusterOptions(args.dask))
        else:
            tally = run(options)
    except BoilerstripError as exc:
        print(f"boilerstrip batch: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    stats = tally.to_dict()
    if not args.quiet:
        _summary(stats, args)
    status = batch_status(stats)
    if status != EXIT_OK:
        print(f"boilerstrip batch: {_what_went_wrong(stats, status)}", file=sys.stderr)
    return status


def batch_status(stats: dict[str, Any]) -> int:
    """The exit status of a finished batch, from its stats (`Tally.to_dict`)."""
    if not stats["accounted"]:
        return EXIT_FAILED
    if stats["unreadable_inputs"]:
        return EXIT_UNREADABLE
    cleaned = stats["status"].get("ok", 0) + stats["status"].get("empty", 0)
    return EXIT_OK if cleaned else EXIT_NOTHING


def _what_went_wrong(stats: dict[str, Any], status: int) -> str:
    """One line for a batch that did not end well, naming its first cause."""
    if status == EXIT_UNREADABLE:
        bad = stats["unreadable_inputs"]
        return f"cannot read {bad[0]['input']}: {bad[0]['reason'].removeprefix('unreadable input: ')}{_more(bad)}"
    if status == EXIT_NOTHING:
        reasons = stats["error_reasons"]
        why = f" (the commonest error: {next(iter(reasons))})" if reasons else ""
        return f"nothing was cleaned: {count(stats['records_read'], 'record')}, none ok or empty{why}"
    return "not every record was written: see --stats"


def _more(bad: list[dict[str, str]]) -> str:
    """How many more unreadable inputs or parts of one: a WARC's error lines name a
    place (`path@offset#end`), and five bad stretches of one file are not five inputs."""
    if len(bad) < 2:
        return ""
    inputs = {b.get("path", b["input"]) for b in bad}
    if len(inputs) == len(bad):
        return f" (and {count(len(bad) - 1, 'more input')})"
    return f" (and {count(len(bad) - 1, 'more unreadable part')}; {count(len(inputs), 'input')} in all)"


def _summary(stats: dict[str, Any], args: argparse.Namespace) -> None:
    counts = ", ".join(f"{k} {v}" for k, v in stats["status"].items())
    print(
        f"{count(stats['records_read'], 'record')}{f' ({counts})' if counts else ''}; "
        f"{stats['records_per_second']} records/s; "
        f"output: {args.output}" + (f", errors: {args.errors}" if args.errors else ""),
        file=sys.stderr,
    )
    if stats["left_out"]:
        counts = ", ".join(f"{reason} {n}" for reason, n in stats["left_out"].items())
        print(f"left out (--content-only): {counts}", file=sys.stderr)
    for bad in stats["unreadable_inputs"]:
        print(f"{bad['input']}: {bad['reason']}", file=sys.stderr)
