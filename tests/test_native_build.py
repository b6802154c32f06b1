"""The C modules' sources as the in-place build sees them: each .c and the parts it
includes from beside it (`<module>_*.h`, and `_buffers.h`, which two modules share;
see conftest.parts and setup.py's _parts).

Why: a C module is one .c that #includes its parts, compiled as one unit. The test run
rebuilds a module only when its sources are newer than it (conftest._stale): were an
edited part not counted, the parity tests would run the old module against the new
Python twin and prove nothing about the edit.
"""

from __future__ import annotations

import os
import pathlib
import re
import sysconfig

import pytest

from .conftest import PACKAGE, _stale, parts

_INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.MULTILINE)


def _write(path: pathlib.Path, when: float, text: str = "/* */\n") -> None:
    path.write_text(text)
    os.utime(path, (when, when))


def test_a_part_newer_than_its_module_makes_the_module_stale(tmp_path: pathlib.Path) -> None:
    """A part the .c includes, its own or one it shares with another module, makes it
    stale when newer than the built module; another module's part does not."""
    suffix = sysconfig.get_config_var("EXT_SUFFIX") or ".so"
    source, other_source = tmp_path / "_m.c", tmp_path / "_mx.c"
    part, shared, other = tmp_path / "_m_part.h", tmp_path / "_shared.h", tmp_path / "_mx_part.h"
    built, other_built = tmp_path / f"_m{suffix}", tmp_path / f"_mx{suffix}"
    _write(source, 1_000_000, '#include <Python.h>\n#include "_shared.h"\n#include "_m_part.h"\n')
    _write(other_source, 1_000_000, '#include "_shared.h"\n#include "_mx_part.h"\n')
    for path in (part, shared, other):
        _write(path, 1_000_000)
    _write(built, 2_000_000)
    _write(other_built, 2_000_000)
    assert _stale(tmp_path) == []
    _write(other, 3_000_000)  # another module's own part, not this one's
    assert _stale(tmp_path) == [other_source]
    _write(other_built, 4_000_000)
    _write(part, 5_000_000)
    assert _stale(tmp_path) == [source]
    _write(built, 6_000_000)
    _write(shared, 7_000_000)  # a part both include
    assert _stale(tmp_path) == [source, other_source]
    built.unlink()
    _write(shared, 1_000_000)
    assert _stale(tmp_path) == [source]


@pytest.mark.parametrize("source", sorted(PACKAGE.rglob("*.c")), ids=lambda p: p.name)
def test_a_module_s_parts_are_its_own_and_the_shared_ones(source: pathlib.Path) -> None:
    """Each module includes its own parts under its own prefix (`<module>_*.h`, all of
    them) and, beside them, only shared parts (no other module's): a part named for
    one module and compiled into another would be edited for the wrong one."""
    names = {path.name for path in parts(source)}
    own = {path.name for path in source.parent.glob(f"{source.stem}_*.h")}
    modules = {c.stem for c in PACKAGE.rglob("*.c")}
    shared = {n for n in names - own if not any(n.startswith(f"{m}_") for m in modules)}
    assert own <= names
    assert names == own | shared


def test_every_header_is_a_part_of_some_module() -> None:
    """A header beside the modules that no .c includes would be a file nothing compiles;
    a shared one is a part of every module that includes it (`_buffers.h`: _text, _trees)."""
    included = {path for source in PACKAGE.rglob("*.c") for path in parts(source)}
    assert set(PACKAGE.rglob("*.h")) == included
    users = {source.stem for source in PACKAGE.rglob("*.c") if PACKAGE / "_buffers.h" in parts(source)}
    assert users == {"_text", "_trees"}


def test_the_build_and_the_tests_read_the_same_parts() -> None:
    """setup.py's `_parts` (the build's depends) and conftest.parts (the test run's
    rebuild) give every module the same parts: two copies of one rule, held together."""
    text = (PACKAGE.parent / "setup.py").read_text(encoding="utf-8")
    body = text[text.index("def _parts(") : text.index("\n\n\n", text.index("def _parts("))]
    namespace: dict[str, object] = {"pathlib": pathlib, "re": re}
    exec(compile(body, "setup.py", "exec"), namespace)  # the function alone, not setup()
    setup_parts = namespace["_parts"]
    assert callable(setup_parts)
    cwd = os.getcwd()
    try:
        os.chdir(PACKAGE.parent)
        for source in sorted(PACKAGE.rglob("*.c")):
            got = [PACKAGE.parent / p for p in setup_parts(source.stem)]
            assert got == parts(source), source.name
    finally:
        os.chdir(cwd)
