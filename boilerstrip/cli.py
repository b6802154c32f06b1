"""Command line: `boilerstrip clean` for pages, `boilerstrip batch` for crawl dumps.

Why an exit code for each way a run ends (`EXIT_CODES`): scripts and schedulers read
only the exit status, so "nothing was read" or "every record failed" must not look
like success. Why arguments are checked before anything is read: a bad value found
late costs a whole run, and a traceback tells a user nothing; every bad argument is
one line on stderr and exit status 2, as argparse gives for its own checks.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import sys
import textwrap
import zlib
from collections.abc import Callable, Iterator, Sequence
from typing import IO, Any, NoReturn

from . import COMPILED, __version__
from .api import Cleaner
from .config import Config
from .errors import BoilerstripError
from .model import Label
from .outputs import output_format, path_problem
from .result import Result

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_UNREADABLE = 3
EXIT_NOTHING = 4
EXIT_INTERRUPTED = 130
EXIT_CODES = (
    (EXIT_OK, "every input was read and every record is in the output (a record that fails among "
              "others is an error line, not a failed run)"),
    (EXIT_FAILED, "the run could not start or finish: an output that cannot be written or is in use, "
                  "a refused --resume, a package that reading the inputs needs"),
    (EXIT_USAGE, "bad arguments (nothing was read or written)"),
    (EXIT_UNREADABLE, "an input could not be read (no such file, a pattern that matches nothing, a file "
                      "of unknown type or that cannot be opened); the other inputs were cleaned"),
    (EXIT_NOTHING, "nothing was cleaned: no record at all, or every record is an error or skipped"),
    (EXIT_INTERRUPTED, "interrupted (Ctrl-C, SIGTERM); batch: --resume continues"),
)  # fmt: skip


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


def _exit_table() -> str:
    rows = [textwrap.fill(meaning, 78, initial_indent=f"  {code:<4} ", subsequent_indent=" " * 7)
            for code, meaning in EXIT_CODES]  # fmt: skip
    return "exit status:\n" + "\n".join(rows)


def build_parser() -> argparse.ArgumentParser:
    """The `boilerstrip` argument parser: `clean`, `batch` and `explain`, with their options."""
    parser = _Parser(
        prog="boilerstrip",
        description="Strip boilerplate from scraped news pages (HTML or plain-text dumps).",
        epilog=_exit_table(),
        formatter_class=_Help,
    )
    build = "compiled" if COMPILED else "pure Python"
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__} ({build})")
    sub = parser.add_subparsers(dest="command", required=True)
    _add_clean(sub)
    _add_batch(sub)
    _add_explain(sub)
    return parser


def _add_clean(sub: Any) -> None:
    clean = sub.add_parser(
        "clean",
        help="clean pages and print their articles",
        description="Clean pages (HTML or text dumps, gzipped or not). One page gives its article as "
        "text, JSON or Markdown; several give one JSON line each.",
        epilog=_exit_table(),
        formatter_class=_Help,
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
    clean.set_defaults(parser=clean)


def _add_explain(sub: Any) -> None:
    explain = sub.add_parser(
        "explain",
        help="show every block of a page and why it was kept or dropped",
        description="Every block of the page in order: its number, kept or dropped, its label, its "
        "score, the start of its text and the reason that decided it. Coloured by label on a "
        "terminal, plain when piped.",
        epilog=_exit_table(),
        formatter_class=_Help,
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
    explain.set_defaults(parser=explain)


def _add_batch(sub: Any) -> None:
    batch = sub.add_parser(
        "batch",
        help="clean crawl dumps (WARC, WET, JSONL, folders of pages) on every core",
        description="Clean every record of the inputs into one JSONL (or Parquet) line each. "
        "Every input record ends up in the output, or in the --errors file.",
        epilog=_exit_table(),
        formatter_class=_Help,
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
        help="output format (default: from -o's suffix, else jsonl)",
    )
    batch.add_argument("--errors", help="write error lines here instead of into the output")
    batch.add_argument("--stats", help="write counts (per status, per label, records/s) as JSON here")
    batch.add_argument("--workers", type=_COUNT, default=0, help="worker processes (0: every core)")
    batch.add_argument("--chunk-size", type=_POSITIVE, default=32, help="records sent to a worker at a time")
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
        "--max-bytes", type=_COUNT, default=10_000_000, help="larger records are errors (0: no limit)"
    )
    batch.add_argument(
        "--timeout", type=_SECONDS, default=30.0, help="seconds a record may take (0: no limit)"
    )
    batch.add_argument(
        "--max-memory", type=_COUNT, default=4096, help="MiB of address space a worker may use (0: no limit)"
    )
    for name in ("html", "text", "url", "id"):
        batch.add_argument(f"--{name}-field", default=name, help=f"JSONL key of the record's {name}")
    batch.add_argument(
        "--dask",
        metavar="ADDRESS",
        help="run on a Dask cluster (a scheduler's address, or local:N): -o is then a folder of shards",
    )
    batch.set_defaults(parser=batch)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; its exit status by `EXIT_CODES`. Stdout takes its last bytes
    here, where a failure can still be one line and a status, not at exit."""
    try:
        status = _main(argv)
    except BaseException:
        _flush_stdout()
        raise
    reason = _flush_stdout()
    if reason is not None and status == EXIT_OK:  # a failed run has said why already
        print(f"boilerstrip: cannot write stdout: {reason}", file=sys.stderr)
        return EXIT_FAILED
    return status


def _flush_stdout() -> str | None:
    """Flush stdout; why it cannot take its last bytes (a reader that stopped early,
    `| head`: "Broken pipe"), or None. Stdout is then pointed at /dev/null, as Python's
    signal docs advise: else the flush at exit fails again and prints "Exception
    ignored ... BrokenPipeError" after the one line that said so."""
    try:
        sys.stdout.flush()
    except OSError as exc:
        with contextlib.suppress(OSError, ValueError):  # not a file: nothing to point
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            os.close(devnull)
        return exc.strerror or str(exc)
    except (AttributeError, ValueError):
        pass  # no stdout, or a closed one: nothing is left to flush
    return None


def _main(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "batch":
        _check_batch_paths(args.parser, args)
        return run_batch(args)
    if args.command == "explain":
        return run_explain(args)
    return run_clean(args)


def run_explain(args: argparse.Namespace) -> int:
    """`boilerstrip explain`: the blocks of one page with their decisions."""
    from . import explain

    if args.html and (problem := path_problem(args.html)):
        args.parser.error(f"argument --html: {problem}")
    try:
        data = read_page(args.file)
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        print(f"boilerstrip: cannot read {args.file}: {reason}", file=sys.stderr)
        return EXIT_UNREADABLE
    try:
        result = Cleaner().clean(data, url=args.url, include_comments=args.comments)
    except BoilerstripError as exc:
        print(f"boilerstrip: {args.file}: {exc}", file=sys.stderr)
        return EXIT_NOTHING
    if args.html:
        return _write_report(result, args.html)
    colour = explain.use_colour(args.color, sys.stdout.isatty())
    return _to_stdout("\n".join(explain.lines(result, only=args.only or (), colour=colour)) + "\n")


def _to_stdout(text: str) -> int:
    """Write `text` to stdout: EXIT_OK, or one line and EXIT_FAILED where stdout cannot
    take it (a reader that stopped early), not a BrokenPipeError traceback."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except OSError as exc:
        print(f"boilerstrip: cannot write stdout: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def _write_report(result: Result, path: str) -> int:
    """`explain --html`: the report to a file, or to stdout for `-`."""
    from .report import html_report

    page = html_report(result, version=__version__)
    if path == "-":
        return _to_stdout(page)
    try:
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(page)
    except OSError as exc:
        print(f"boilerstrip: cannot write {path}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def run_clean(args: argparse.Namespace) -> int:
    """`boilerstrip clean`: each page to the output, its exit status by `EXIT_CODES`."""
    files, fmt = args.files or ["-"], _clean_format(args)
    if args.output and (problem := path_problem(args.output)):
        args.parser.error(f"argument -o/--output: {problem}")
    cleaner, statuses = Cleaner(), []
    try:
        with _opened(args.output) as out:
            for path in files:
                status, text = clean_file(cleaner, path, args, fmt, several=len(files) > 1)
                statuses.append(status)
                out.write(text)
    except OSError as exc:
        name = args.output if args.output and args.output != "-" else "stdout"
        print(f"boilerstrip: cannot write {name}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_FAILED
    if "unreadable" in statuses:
        return EXIT_UNREADABLE
    return EXIT_OK if {"ok", "empty"} & set(statuses) else EXIT_NOTHING


def _clean_format(args: argparse.Namespace) -> str:
    """The output format: one page in text by default; several pages, and --blocks,
    only as JSON (a format given that cannot hold them is a usage error)."""
    several = len(args.files) > 1
    if args.format in ("text", "markdown") and (several or args.blocks):
        what = "several files give one JSON line each" if several else "--blocks are written as JSON"
        args.parser.error(f"argument --format: {what}: leave --format out or use --format json")
    return args.format or ("json" if several or args.blocks else "text")


@contextlib.contextmanager
def _opened(path: str | None) -> Iterator[IO[str]]:
    """The output: stdout for none or "-", else the file (replaced, as a shell's `>` does)."""
    if not path or path == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    with open(path, "w", encoding="utf-8") as fh:
        yield fh


def clean_file(
    cleaner: Cleaner, path: str, args: argparse.Namespace, fmt: str, *, several: bool
) -> tuple[str, str]:
    """(status, output text) of one page; a page that cannot be read or cleaned says why
    on stderr, and as a JSON line among several."""
    try:
        data = read_page(path)
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        return "unreadable", _failed(path, f"cannot read {path}: {reason}", several)
    try:
        result = cleaner.clean(data, url=args.url, include_comments=args.comments)
    except BoilerstripError as exc:
        return "error", _failed(path, f"{path}: {exc}", several)
    status = "ok" if result.text else "empty"
    if several:
        line = {"file": path, "status": status, **result_dict(result, with_blocks=args.blocks)}
        return status, json.dumps(line, ensure_ascii=False) + "\n"
    return status, render(result, fmt, with_blocks=args.blocks)


def _failed(path: str, message: str, several: bool) -> str:
    print(f"boilerstrip: {message}", file=sys.stderr)
    return (
        json.dumps({"file": path, "status": "error", "reason": message}, ensure_ascii=False) + "\n"
        if several
        else ""
    )


def read_page(path: str) -> bytes:
    """A page file's bytes ("-": stdin), inflated when it is gzipped (by its magic
    bytes, so a gzipped page on stdin is read too), to at most what `clean` accepts."""
    if path == "-":
        data = sys.stdin.buffer.read()
    else:
        with open(path, "rb") as fh:
            data = fh.read()
    if not data.startswith(b"\x1f\x8b"):
        return data
    from .inflate import TooLarge, inflate

    cap = Config().max_input_chars * 4
    try:
        return inflate(data, cap)
    except TooLarge as exc:
        raise ValueError(f"the gzipped page {exc}") from None
    except (EOFError, zlib.error) as exc:
        raise ValueError(f"corrupt gzip data: {exc}") from None


def _check_batch_paths(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
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
        args.output_format = output_format(args.output, args.output_format)
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
    args.output_format = args.output_format or "jsonl"


def run_batch(args: argparse.Namespace) -> int:
    """`boilerstrip batch`: its exit status by `EXIT_CODES`."""
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
        content_only=args.content_only,
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
        more = f" (and {_count(len(bad) - 1, 'more input')})" if len(bad) > 1 else ""
        return f"cannot read {bad[0]['input']}: {bad[0]['reason'].removeprefix('unreadable input: ')}{more}"
    if status == EXIT_NOTHING:
        reasons = stats["error_reasons"]
        why = f" (the commonest error: {next(iter(reasons))})" if reasons else ""
        return f"nothing was cleaned: {_count(stats['records_read'], 'record')}, none ok or empty{why}"
    return "not every record was written: see --stats"


def _count(n: int, noun: str) -> str:
    """`1 record`, `2 records`."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _summary(stats: dict[str, Any], args: argparse.Namespace) -> None:
    counts = ", ".join(f"{k} {v}" for k, v in stats["status"].items())
    print(
        f"{_count(stats['records_read'], 'record')}{f' ({counts})' if counts else ''}; "
        f"{stats['records_per_second']} records/s; "
        f"output: {args.output}" + (f", errors: {args.errors}" if args.errors else ""),
        file=sys.stderr,
    )
    if stats["left_out"]:
        counts = ", ".join(f"{reason} {n}" for reason, n in stats["left_out"].items())
        print(f"left out (--content-only): {counts}", file=sys.stderr)
    for bad in stats["unreadable_inputs"]:
        print(f"{bad['input']}: {bad['reason']}", file=sys.stderr)


def render(result: Result, fmt: str, *, with_blocks: bool = False) -> str:
    """The result as plain text, JSON or Markdown, ending with a newline. In text,
    the comments come after a line that says how many there are, each after a `---`
    line (a comment's own paragraphs are apart by blank lines, as the article's)."""
    if fmt == "json":
        return json.dumps(result_dict(result, with_blocks=with_blocks), ensure_ascii=False, indent=1) + "\n"
    if fmt == "markdown":
        return result.to_markdown()
    parts = [result.text] if result.text else []
    if result.comments:
        parts.append(f"--- {_count(len(result.comments), 'comment')} ---")
        parts.append("\n\n---\n\n".join(c.text for c in result.comments))
    return "\n\n".join(parts) + "\n" if parts else ""


def result_dict(result: Result, *, with_blocks: bool) -> dict[str, Any]:
    """`Result.to_dict`, each block with `kept`: whether its text is in the article."""
    out = result.to_dict(with_blocks=with_blocks)
    if with_blocks:
        for block, shown in zip(result.blocks, out["blocks"], strict=True):
            shown["kept"] = block.label is Label.ARTICLE
    return out


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
