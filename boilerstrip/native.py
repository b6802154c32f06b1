"""The C twins of Python functions, found in one place.

Why: the C modules (`_walk`, `_text`, `_trees`) exist only in a built install; from the
sources, or without a C compiler, each function has a Python twin that gives the same
results. Every stage asked for its C functions with its own try/import/except; this is
that one asking. A module that is built but lacks a name is a stale or broken build, and
says so (`NativeMismatch`), rather than running the slow twin without a word.

`BOILERSTRIP_PURE=1` in the environment (read at import) hides every C module, so that
a build that has them can still run, and test, the Python twins (CI does, `.ci/run`).
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from typing import Any, Final

from .errors import NativeMismatch

MODULES: tuple[str, ...] = ("_walk", "_text", "_trees")
#: Whether the C modules are hidden (`BOILERSTRIP_PURE=1`): every stage runs its Python twins.
PURE: Final = os.environ.get("BOILERSTRIP_PURE", "") == "1"


def c_module(module: str) -> object | None:
    """`boilerstrip.<module>`, or None where the build made no such C module (or
    `BOILERSTRIP_PURE=1` hides it)."""
    if module not in MODULES:
        raise ValueError(f"{module!r} is not one of boilerstrip's C modules {MODULES}")
    if PURE:
        return None
    try:
        return importlib.import_module(f"boilerstrip.{module}")
    except ImportError:
        return None


def c_function(module: str, name: str) -> Callable[..., Any] | None:
    """The function `name` of C module `module`, or None where that module was not built;
    a built module without it raises `NativeMismatch`."""
    loaded = c_module(module)
    if loaded is None:
        return None
    found = getattr(loaded, name, None)
    if not callable(found):
        raise NativeMismatch(f"boilerstrip.{module} has no function {name!r}: rebuild the package")
    return found  # type: ignore[no-any-return]
