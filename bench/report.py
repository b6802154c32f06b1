"""Write a benchmark table into docs/benchmarks.md between named markers."""

from __future__ import annotations

import datetime
import pathlib
import platform


def write_section(path: pathlib.Path, name: str, table: str) -> None:
    """Replace the text between `<!-- name:start -->` and `<!-- name:end -->`."""
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    stamp = f"_Run {datetime.date.today().isoformat()}, Python {platform.python_version()}, one core._"
    block = f"{start}\n{stamp}\n\n{table}\n{end}"
    if start in text and end in text:
        text = text[: text.index(start)] + block + text[text.index(end) + len(end) :]
    else:
        text = text.rstrip() + ("\n\n" if text else "") + block + "\n"
    path.write_text(text, encoding="utf-8")
