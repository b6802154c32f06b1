"""The C modules' sources as the in-place build sees them: each .c and the parts it
includes (`<module>_*.h`, see conftest.parts and setup.py's _parts).

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


def _write(path: pathlib.Path, when: float) -> None:
    path.write_text("/* */\n")
    os.utime(path, (when, when))


def test_a_part_newer_than_its_module_makes_the_module_stale(tmp_path: pathlib.Path) -> None:
    suffix = sysconfig.get_config_var("EXT_SUFFIX") or ".so"
    source, part, other = tmp_path / "_m.c", tmp_path / "_m_part.h", tmp_path / "_mx_part.h"
    built = tmp_path / f"_m{suffix}"
    for path in (source, part, other):
        _write(path, 1_000_000)
    _write(built, 2_000_000)
    assert _stale(tmp_path) == []
    _write(other, 3_000_000)  # another module's part (`_mx_*`), not this one's
    assert _stale(tmp_path) == []
    _write(part, 3_000_000)
    assert _stale(tmp_path) == [source]
    built.unlink()
    _write(part, 1_000_000)
    assert _stale(tmp_path) == [source]


@pytest.mark.parametrize("source", sorted(PACKAGE.rglob("*.c")), ids=lambda p: p.name)
def test_the_parts_are_the_headers_the_module_includes(source: pathlib.Path) -> None:
    """What the rule `<module>_*.h` finds is what the .c includes from beside it: a
    header included under another name would be missed by the rebuild, and a part it
    does not include would be a file nothing compiles."""
    beside = {name for name in _INCLUDE.findall(source.read_text()) if (source.parent / name).is_file()}
    assert beside == {path.name for path in parts(source)}
