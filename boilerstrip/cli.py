"""Command line: `boilerstrip clean [FILE|-] [--format text|json|markdown] [--comments]`."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from .api import Cleaner
from .errors import BoilerstripError
from .model import Result


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="boilerstrip",
        description="Strip boilerplate from scraped news pages (HTML or plain-text dumps).",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    clean = sub.add_parser("clean", help="clean one page and print the article")
    clean.add_argument("file", nargs="?", default="-", help="page file (HTML or text); - or none for stdin")
    clean.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    clean.add_argument("--comments", action="store_true", help="also extract reader comments")
    clean.add_argument("--url", help="the page's URL, copied into the result")
    clean.add_argument(
        "--blocks", action="store_true", help="with --format json: every block with its label and reasons"
    )
    batch = sub.add_parser(
        "batch",
        help="clean crawl dumps (WARC, WET, JSONL, folders of pages) on every core",
        description="Clean every record of the inputs into one JSONL (or Parquet) line each. "
        "Every input record ends up in the output, or in the --errors file.",
    )
    batch.add_argument("inputs", nargs="+", metavar="INPUT", help="files, folders or globs")
    batch.add_argument("-o", "--output", required=True, help="output file (JSONL, or Parquet with --format)")
    batch.add_argument("--format", dest="output_format", choices=("jsonl", "parquet"), default="jsonl")
    batch.add_argument("--errors", help="write error lines here instead of into the output")
    batch.add_argument("--stats", help="write counts (per status, per label, records/s) as JSON here")
    batch.add_argument("--workers", type=int, default=0, help="worker processes (default: every core)")
    batch.add_argument("--chunk-size", type=int, default=32, help="records sent to a worker at a time")
    batch.add_argument("--comments", action="store_true", help="also extract reader comments")
    batch.add_argument("--resume", action="store_true", help="continue an interrupted run's output")
    batch.add_argument("--overwrite", action="store_true", help="replace an existing output")
    batch.add_argument("--quiet", action="store_true", help="no progress bar and no summary")
    batch.add_argument("--max-bytes", type=int, default=10_000_000, help="larger records are errors")
    batch.add_argument("--timeout", type=float, default=30.0, help="seconds a record may take")
    batch.add_argument(
        "--max-memory", type=int, default=4096, help="MiB of address space a worker may use (0: no limit)"
    )
    for name in ("html", "text", "url", "id"):
        batch.add_argument(f"--{name}-field", default=name, help=f"JSONL key of the record's {name}")
    batch.add_argument(
        "--dask",
        metavar="ADDRESS",
        help="run on a Dask cluster (a scheduler's address, or local:N): -o is then a folder of shards",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "batch":
        return run_batch(args)
    try:
        data = _read(args.file)
    except OSError as exc:
        print(f"boilerstrip: cannot read {args.file}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    try:
        result = Cleaner().clean(data, url=args.url, include_comments=args.comments)
    except BoilerstripError as exc:
        print(f"boilerstrip: {args.file}: {exc}", file=sys.stderr)
        return 1
    sys.stdout.write(render(result, args.format, with_blocks=args.blocks))
    return 0


def run_batch(args: argparse.Namespace) -> int:
    """`boilerstrip batch`: 0 when every record is accounted for, 1 on a setup error."""
    from .batch import BatchOptions, run
    from .sources import JsonlFields

    options = BatchOptions(
        inputs=tuple(args.inputs),
        output=args.output,
        errors=args.errors,
        stats=args.stats,
        workers=args.workers,
        chunk_size=args.chunk_size,
        comments=args.comments,
        resume=args.resume,
        overwrite=args.overwrite,
        quiet=args.quiet,
        max_bytes=args.max_bytes,
        timeout=args.timeout,
        max_memory=args.max_memory,
        fields=JsonlFields(args.html_field, args.text_field, args.url_field, args.id_field),
        output_format=args.output_format,
    )
    try:
        if args.dask:
            from .cluster import ClusterOptions
            from .cluster import run as run_on_cluster

            tally = run_on_cluster(options, ClusterOptions(args.dask))
        else:
            tally = run(options)
    except BoilerstripError as exc:
        print(f"boilerstrip batch: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    if not args.quiet:
        stats = tally.to_dict()
        counts = ", ".join(f"{k} {v}" for k, v in stats["status"].items())
        print(
            f"{stats['records_read']} records ({counts}); {stats['records_per_second']} records/s; "
            f"output: {args.output}" + (f", errors: {args.errors}" if args.errors else ""),
            file=sys.stderr,
        )
        for bad in stats["unreadable_inputs"]:
            print(f"{bad['input']}: {bad['reason']}", file=sys.stderr)
    return 0


def render(result: Result, fmt: str, *, with_blocks: bool = False) -> str:
    """The result as plain text, JSON or Markdown, ending with a newline."""
    if fmt == "json":
        return json.dumps(result.to_dict(with_blocks=with_blocks), ensure_ascii=False, indent=1) + "\n"
    if fmt == "markdown":
        return result.to_markdown()
    text = result.text
    if result.comments:
        text += "\n\n" + "\n\n".join(c.text for c in result.comments)
    return text + "\n" if text else ""


def _read(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    with open(path, "rb") as fh:
        return fh.read()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
