"""Write a benchmark table into docs/benchmarks.md between named markers."""

from __future__ import annotations

import datetime
import importlib.util
import os
import pathlib
import platform
import sys

CHECKOUT = pathlib.Path(__file__).resolve().parents[1]


def use_build(source: bool) -> str:
    """Make `import boilerstrip` (here and in child processes) find the build to measure,
    and name it.

    By default the installed package, which is what users run (compiled by mypyc where
    a compiler was at hand); it must be built from this checkout, else the numbers
    would belong to other code. With `source`, this checkout's pure-Python sources.
    """
    if source:
        sys.path.insert(0, str(CHECKOUT))
        os.environ["PYTHONPATH"] = os.pathsep.join(
            filter(None, [str(CHECKOUT), os.environ.get("PYTHONPATH")])
        )
        return "pure Python (checkout sources)"
    spec = importlib.util.find_spec("boilerstrip")
    if spec is None or spec.origin is None:
        raise SystemExit("boilerstrip is not installed: `pip install .` (or pass --source)")
    installed = pathlib.Path(spec.origin).parent
    stale = [
        p.name
        for p in sorted((CHECKOUT / "boilerstrip").glob("*.py"))
        if not (installed / p.name).exists() or (installed / p.name).read_bytes() != p.read_bytes()
    ]
    if stale:
        raise SystemExit(
            f"installed boilerstrip ({installed}) differs from this checkout in {stale}: `pip install .`"
        )
    import boilerstrip

    return "compiled by mypyc" if boilerstrip.COMPILED else "pure Python"


def write_section(path: pathlib.Path, name: str, table: str, build: str = "") -> None:
    """Replace the text between `<!-- name:start -->` and `<!-- name:end -->`."""
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    built = f", boilerstrip {build}" if build else ""
    stamp = f"_Run {datetime.date.today().isoformat()}, Python {platform.python_version()}, one core{built}._"
    block = f"{start}\n{stamp}\n\n{table}\n{end}"
    if start in text and end in text:
        text = text[: text.index(start)] + block + text[text.index(end) + len(end) :]
    else:
        text = text.rstrip() + ("\n\n" if text else "") + block + "\n"
    path.write_text(text, encoding="utf-8")
