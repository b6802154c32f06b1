"""Write a benchmark table into docs/benchmarks.md between named markers."""

from __future__ import annotations

import argparse
import datetime
import importlib.util
import json
import os
import pathlib
import platform
import subprocess
import sys
from typing import Any

CHECKOUT = pathlib.Path(__file__).resolve().parents[1]


def use_build(source: bool) -> str:
    """Make `import boilerstrip` (here and in child processes) find the build to measure,
    and name it.

    By default the installed package, which is what users run (compiled by mypyc where
    a compiler was at hand); it must be built from this checkout, else the numbers
    would belong to other code. With `source`, this checkout's sources (in Python, with
    the C modules where they were built in place, as the test run does).
    """
    if source:
        sys.path.insert(0, str(CHECKOUT))
        os.environ["PYTHONPATH"] = os.pathsep.join(
            filter(None, [str(CHECKOUT), os.environ.get("PYTHONPATH")])
        )
        built = sorted(p.name.split(".")[0] for p in (CHECKOUT / "boilerstrip").glob("_*.so"))
        if built and not os.environ.get("BOILERSTRIP_PURE"):
            # tests/conftest.py builds the C twins beside the sources: they are in use
            return f"checkout sources, Python with its C modules built in place ({', '.join(built)})"
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
    _redraw_plots(path)


def _redraw_plots(doc: pathlib.Path) -> None:
    """Redraw the plots drawn from the document's tables (bench/plots.py), beside it in
    img/, so that they never show older numbers than the tables."""
    try:
        import plots
    except ImportError:
        return
    try:
        plots.redraw(doc, doc.parent / "img")
    except ImportError:
        print("matplotlib is not installed: the plots in docs/img were not redrawn", file=sys.stderr)


def best_of_rounds(script: str, names: list[str], args: list[str], rounds: int) -> dict[str, dict[str, Any]]:
    """Every system in its own process (`script --worker NAME *args`), once a round; for
    each, the best time and the largest RSS of all rounds, so that on a shared machine
    each system meets the same quiet and busy spells. A system that fails is skipped."""
    results: dict[str, dict[str, Any]] = {}
    for _ in range(rounds):
        for name in names:
            proc = subprocess.run(
                [sys.executable, script, "--worker", name, *args], capture_output=True, text=True, check=False
            )
            if proc.returncode != 0:
                print(f"  {name}: failed or not installed, skipped\n{proc.stderr[-500:]}", file=sys.stderr)
                continue
            res = json.loads(proc.stdout.strip().splitlines()[-1])
            best = results.setdefault(name, res)
            best["seconds"] = min(best["seconds"], res["seconds"])
            best["rss_mb"] = max(best["rss_mb"], res["rss_mb"])
            if "ids" in res:
                print(f"  {name}: {len(res['ids']) / res['seconds']:.1f} pages/s", file=sys.stderr)
    return results


def parse_with_build(parser: argparse.ArgumentParser) -> tuple[argparse.Namespace, str]:
    """The bench's arguments with `--source` added, and the build `use_build` chose."""
    parser.add_argument(
        "--source",
        action="store_true",
        help="measure the checkout's pure-Python sources, not the installed build",
    )
    args = parser.parse_args()
    return args, use_build(args.source)
