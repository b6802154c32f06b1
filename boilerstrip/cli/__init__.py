"""Command line: `boilerstrip clean` for pages, `boilerstrip batch` for crawl dumps,
`boilerstrip explain` for one page's decisions.

Why an exit code for each way a run ends (`codes.EXIT_CODES`): scripts and schedulers
read only the exit status, so "nothing was read" or "every record failed" must not look
like success. Why arguments are checked before anything is read (`parser`): a bad value
found late costs a whole run, and a traceback tells a user nothing.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Sequence

from .batch import check_batch_paths, run_batch
from .clean import run_clean
from .codes import (
    EXIT_CODES,
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_NOTHING,
    EXIT_OK,
    EXIT_UNREADABLE,
    EXIT_USAGE,
)
from .explain import run_explain
from .parser import build_parser

__all__ = [
    "EXIT_CODES",
    "EXIT_FAILED",
    "EXIT_INTERRUPTED",
    "EXIT_NOTHING",
    "EXIT_OK",
    "EXIT_UNREADABLE",
    "EXIT_USAGE",
    "build_parser",
    "main",
]


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
        check_batch_paths(args.parser, args)
        return run_batch(args)
    if args.command == "explain":
        return run_explain(args)
    return run_clean(args)
