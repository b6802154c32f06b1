"""The `boilerstrip` argument parser: `clean`, `batch` and `explain`, with their options.

Why arguments are checked before anything is read: a bad value found late costs a
whole run, and a traceback tells a user nothing; every bad argument is one line on
stderr and exit status 2, as argparse gives for its own checks.
"""

from __future__ import annotations

import argparse
import math
from collections.abc import Callable
from dataclasses import fields
from typing import Any, Final, NoReturn

from .. import COMPILED, __version__
from ..batch.options import BatchOptions
from ..batch.records import JsonlFields
from ..model import Label
from .codes import EXIT_USAGE, exit_table


class _Parser(argparse.ArgumentParser):
    """An argparse parser whose errors are one line (no usage block): the line a
    script's log shows is the one that says what is wrong."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


class _Help(argparse.RawDescriptionHelpFormatter):
    """Help that shows each option's default, where it has one worth showing."""

    def _get_help_string(self, action: argparse.Action) -> str:
        text = action.help or ""
        unshown = action.default is None or action.default is False or action.default == argparse.SUPPRESS
        if unshown or not text or "%(default)" in text:
            return text
        return f"{text} (default: %(default)s)"


def _bounded(kind: Callable[[str], float], low: float, what: str) -> Callable[[str], Any]:
    """An argparse type: a finite number of `kind` at least `low`."""

    def convert(text: str) -> float:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not {what}") from None
        if not math.isfinite(value) or value < low:
            raise argparse.ArgumentTypeError(f"{text} is not {what}")
        return value

    return convert


_COUNT = _bounded(int, 0, "a whole number of 0 or more")

_POSITIVE = _bounded(int, 1, "a whole number of 1 or more")

_SECONDS = _bounded(float, 0, "a number of seconds, 0 or more")

# What `boilerstrip batch` runs with where an option is not given: BatchOptions' own
# defaults, so that the command line and a run made in Python cannot disagree.
BATCH_DEFAULTS: Final = BatchOptions(inputs=(), output="")


def build_parser() -> argparse.ArgumentParser:
    """The `boilerstrip` argument parser: `clean`, `batch` and `explain`, with their options."""
    parser = _Parser(
        prog="boilerstrip",
        description="Strip boilerplate from scraped news pages (HTML or plain-text dumps).",
        epilog=exit_table(),
        formatter_class=_Help,
    )
    build = "compiled" if COMPILED else "pure Python"
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__} ({build})")
    sub = parser.add_subparsers(dest="command", required=True)
    _add_clean(sub)
    _add_batch(sub)
    _add_explain(sub)
    return parser


def _command(sub: Any, name: str, summary: str, description: str) -> argparse.ArgumentParser:
    """A command's parser, its help ending with the exit statuses; the parsed arguments
    keep it (`args.parser`), so a check made later errs as argparse does."""
    command: argparse.ArgumentParser = sub.add_parser(
        name, help=summary, description=description, epilog=exit_table(), formatter_class=_Help
    )
    command.set_defaults(parser=command)
    return command


def _add_clean(sub: Any) -> None:
    clean = _command(
        sub,
        "clean",
        "clean pages and print their articles",
        "Clean pages (HTML or text dumps, gzipped or not). One page gives its article as "
        "text, JSON or Markdown; several give one JSON line each.",
    )
    clean.add_argument("files", nargs="*", metavar="FILE", help="page files; - or none for stdin")
    clean.add_argument("-o", "--output", help="write here instead of to stdout")
    clean.add_argument(
        "--format",
        choices=("text", "json", "markdown"),
        help="output format (default: text for one page, JSON lines for several, json with --blocks)",
    )
    clean.add_argument("--comments", action="store_true", help="also extract reader comments")
    clean.add_argument("--url", help="the page's URL, copied into the result")
    clean.add_argument(
        "--blocks",
        action="store_true",
        help="JSON only: every block, its label, reasons and whether it is kept",
    )


def _add_explain(sub: Any) -> None:
    explain = _command(
        sub,
        "explain",
        "show every block of a page and why it was kept or dropped",
        "Every block of the page in order: its number, kept or dropped, its label, its "
        "score, the start of its text and the reason that decided it. Coloured by label on a "
        "terminal, plain when piped.",
    )
    explain.add_argument("file", metavar="FILE", help="page file (HTML or text, gzipped or not); - for stdin")
    explain.add_argument(
        "--only", action="append", choices=[label.value for label in Label], metavar="LABEL",
        help="show only blocks of this label (again for more)",
    )  # fmt: skip
    explain.add_argument("--comments", action="store_true", help="extract reader comments as clean does")
    explain.add_argument("--url", help="the page's URL")
    explain.add_argument(
        "--color", choices=("auto", "always", "never"), default="auto", help="colour by label"
    )
    explain.add_argument(
        "--html", metavar="REPORT",
        help="write the explanation as one self-contained HTML page to REPORT (- for stdout) instead: "
        "metadata, every block whole, coloured by label, with a legend that filters (--only does not apply)",
    )  # fmt: skip


def _add_batch(sub: Any) -> None:
    batch = _command(
        sub,
        "batch",
        "clean crawl dumps (WARC, WET, JSONL, folders of pages) on every core",
        "Clean every record of the inputs into one JSONL (or Parquet) line each. "
        "Every input record ends up in the output, or in the --errors file.",
    )
    batch.add_argument(
        "inputs", nargs="+", metavar="INPUT", help="files, folders or globs; - for JSON lines on stdin"
    )
    batch.add_argument(
        "-o",
        "--output",
        required=True,
        help="output file (.jsonl, or .parquet), or - for stdout (JSON lines)",
    )
    batch.add_argument(
        "--format",
        dest="output_format",
        choices=("jsonl", "parquet"),
        help=f"output format (default: from -o's suffix, else {BATCH_DEFAULTS.output_format})",
    )
    batch.add_argument("--errors", help="write error lines here instead of into the output")
    batch.add_argument("--stats", help="write counts (per status, per label, records/s) as JSON here")
    batch.add_argument(
        "--workers", type=_COUNT, default=BATCH_DEFAULTS.workers, help="worker processes (0: every core)"
    )
    batch.add_argument(
        "--chunk-size",
        type=_POSITIVE,
        default=BATCH_DEFAULTS.chunk_size,
        help="records sent to a worker at a time",
    )
    batch.add_argument("--comments", action="store_true", help="also extract reader comments")
    batch.add_argument(
        "--content-only",
        action="store_true",
        help="leave WARC records that hold no page (request, warcinfo, metadata, revisit) out of "
        "the output; the summary and --stats count them",
    )
    batch.add_argument("--resume", action="store_true", help="continue an interrupted run's output")
    batch.add_argument("--overwrite", action="store_true", help="replace an existing output")
    batch.add_argument("--quiet", action="store_true", help="no progress bar and no summary")
    batch.add_argument(
        "--max-bytes",
        type=_COUNT,
        default=BATCH_DEFAULTS.max_bytes,
        help="larger records are errors (0: no limit)",
    )
    batch.add_argument(
        "--timeout",
        type=_SECONDS,
        default=BATCH_DEFAULTS.timeout,
        help="seconds a record may take (0: no limit)",
    )
    batch.add_argument(
        "--max-memory",
        type=_COUNT,
        default=BATCH_DEFAULTS.max_memory,
        help="MiB of address space a worker may use (0: no limit)",
    )
    for key in fields(JsonlFields):
        batch.add_argument(
            f"--{key.name}-field",
            default=getattr(BATCH_DEFAULTS.fields, key.name),
            help=f"JSONL key of the record's {key.name}",
        )
    batch.add_argument(
        "--dask",
        metavar="ADDRESS",
        help="run on a Dask cluster (a scheduler's address, or local:N): -o is then a folder of shards",
    )
