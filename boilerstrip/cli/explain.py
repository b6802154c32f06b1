"""`boilerstrip explain`: every block of one page, and why it was kept or dropped."""

from __future__ import annotations

import argparse
import sys

from .. import __version__
from ..api import Cleaner
from ..errors import BoilerstripError
from ..result import Result
from .clean import read_page
from .codes import EXIT_FAILED, EXIT_NOTHING, EXIT_OK, EXIT_UNREADABLE
from .paths import path_problem


def run_explain(args: argparse.Namespace) -> int:
    """`boilerstrip explain`: the blocks of one page with their decisions."""
    from .. import explain

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
    from ..report import html_report

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
