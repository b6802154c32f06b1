"""The exit status of each way a run ends.

Why one for each: scripts and schedulers read only the exit status, so "nothing was
read" or "every record failed" must not look like success.
"""

from __future__ import annotations

import textwrap

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


def exit_table() -> str:
    """The exit statuses as `--help` shows them, after every command's options."""
    rows = [textwrap.fill(meaning, 78, initial_indent=f"  {code:<4} ", subsequent_indent=" " * 7)
            for code, meaning in EXIT_CODES]  # fmt: skip
    return "exit status:\n" + "\n".join(rows)
