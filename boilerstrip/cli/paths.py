"""Output paths on the command line: checked before anything is read, and the output
format their suffix names.

Why before: a path that cannot be written, found after a run, costs the whole run;
found here it is one usage line and exit status 2.
"""

from __future__ import annotations

import os
from typing import Final

_COMPRESSED: Final = (".gz", ".zst", ".bz2", ".xz", ".zip")


def output_format(path: str, given: str | None, default: str) -> str:
    """The output format: the one given, else the one the file's suffix names
    (.parquet, .jsonl), else `default` (stdout takes JSON lines only); ValueError for a
    suffix that says another format, or compression, which is not written (the file
    would not be what its name says)."""
    name = path.lower()
    if path == "-":
        if given == "parquet":
            raise ValueError("Parquet is not written to stdout: name a .parquet file")
        return "jsonl"
    if name.endswith(_COMPRESSED):
        raise ValueError(
            f"{path} names a compressed file, which is not written: name a .jsonl or .parquet file"
        )
    named = (
        "parquet"
        if name.endswith((".parquet", ".pq"))
        else "jsonl"
        if name.endswith((".jsonl", ".ndjson"))
        else None
    )
    if given and named and given != named:
        raise ValueError(f"{path} names a {named} file, not --format {given}")
    return given or named or default


def path_problem(path: str) -> str | None:
    """Why a file cannot be written at `path`, found before a run starts (None if it
    can be tried): a folder is no file, and a missing folder is not made for you."""
    if path == "-":
        return None  # stdout
    if os.path.isdir(path):
        return f"{path} is a folder: name a file"
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        return f"no folder {folder} to write {os.path.basename(path)} in"
    return None
