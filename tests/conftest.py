"""Shared paths for the tests (fixtures live in the repo, never on the network), and
the C modules built in place before a run on the checkout's sources.

Why the build: every C function has a Python twin, and the parity tests prove the two
agree. Run from the sources (the README's test command), the package had no C module,
so those tests skipped for every developer and ran only in CI's pass on the installed
build. Here, when `import boilerstrip` finds this checkout's sources, the C modules
(not mypyc's) are built beside them (`setup.py build_ext --inplace` with
BOILERSTRIP_COMPILE=c; the `.so` files are git-ignored), unless they are newer than
their sources already (each .c and the parts it includes). Not when the run imports
another build (CI's installed or sanitized passes), nor under BOILERSTRIP_PURE=1,
which runs the Python twins. Where
the build fails (no C compiler, no Python headers), the report says so at its head and
its end, and the parity tests skip with that reason.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import os
import pathlib
import re
import subprocess
import sys
import sysconfig
from types import ModuleType

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
PACKAGE = ROOT / "boilerstrip"


@dataclasses.dataclass(frozen=True)
class Native:
    """What this run's C modules are: `expected` where every C function must be there
    (a built install, or the sources with the C modules built in place), `note` the
    line the report shows, `failed` whether building them was tried and failed."""

    expected: bool
    note: str
    failed: bool = False


def _imports_the_sources() -> bool:
    """Whether `import boilerstrip` will find this checkout's sources (not an installed
    or sanitized build ahead of them on the path)."""
    spec = importlib.util.find_spec("boilerstrip")
    origin = spec.origin if spec is not None else None
    return origin is not None and pathlib.Path(origin).resolve().parent == PACKAGE


def parts(source: pathlib.Path) -> list[pathlib.Path]:
    """The parts a C module's .c includes from beside it (`#include "name.h"`: its own
    `<module>_*.h`, and `_buffers.h`, which two modules share), compiled with it as one
    unit: the rule setup.py's `_parts` gives the build as the module's depends (kept the
    same, or a part edited here would ask for a build that setup.py finds up to date)."""
    names = _INCLUDE.findall(source.read_text(encoding="utf-8"))
    return sorted(source.parent / name for name in names if (source.parent / name).is_file())


_INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.MULTILINE)


def _stale(package: pathlib.Path = PACKAGE) -> list[pathlib.Path]:
    """The C sources under `package` whose module is missing or older than them or one
    of their parts (an edit to a part changes the module as much as one to its .c)."""
    suffix = sysconfig.get_config_var("EXT_SUFFIX") or ".so"
    out = []
    for source in sorted(package.rglob("*.c")):
        built = source.with_name(source.stem + suffix)
        newest = max(path.stat().st_mtime for path in [source, *parts(source)])
        if not built.is_file() or built.stat().st_mtime < newest:
            out.append(source)
    return out


def _build_in_place() -> Native:
    """The C modules built beside the sources; a Native that says how it went."""
    if not _stale():
        return Native(True, "C modules built in place (up to date)")
    env = {**os.environ, "BOILERSTRIP_COMPILE": "c"}
    args = [sys.executable, "setup.py", "-q", "build_ext", "--inplace"]
    try:
        done = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
        why = (done.stderr or done.stdout).strip().splitlines()[-3:]
    except (OSError, subprocess.TimeoutExpired) as error:
        why = [str(error)]
    missing = _stale()
    if missing:
        names = ", ".join(p.name for p in missing)
        return Native(False, f"C modules NOT BUILT ({names}): {' / '.join(why)}", failed=True)
    return Native(True, "C modules built in place (setup.py build_ext --inplace)")


def _native() -> Native:
    if os.environ.get("BOILERSTRIP_PURE") == "1":
        return Native(False, "BOILERSTRIP_PURE=1: the Python twins alone, C modules hidden")
    if not _imports_the_sources():
        expected = os.environ.get("BOILERSTRIP_EXPECT_COMPILED") == "1"
        return Native(expected, "an installed or sanitized build: nothing built in place")
    return _build_in_place()


NATIVE = _native()  # before any test module imports boilerstrip


def needs_c(found: object, what: str) -> None:
    """Skip a parity test whose C function `found` is None where no C module is built
    here; fail where one must be (`NATIVE.expected`): a build without it is broken."""
    if found is not None:
        return
    if NATIVE.expected:
        pytest.fail(f"{what} is missing from a build that has its C modules ({NATIVE.note})")
    pytest.skip(f"{what} is not built: {NATIVE.note}")


def pytest_report_header() -> str:
    return f"boilerstrip: {NATIVE.note}"


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """A failed build said again at the end, where it is not missed among the skips."""
    if NATIVE.failed:
        terminalreporter.write_sep("!", "boilerstrip's C modules could not be built", red=True)
        terminalreporter.write_line(NATIVE.note, red=True)
        terminalreporter.write_line(
            "the C-vs-Python parity tests were skipped: install a C compiler and Python's headers"
        )


def bench_script(name: str) -> ModuleType:
    """A script of bench/ (not a package) imported by its path, for its tests."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def seed_text() -> str:
    return (FIXTURES / "seed" / "japantoday-ap-protest.txt").read_text(encoding="utf-8")
