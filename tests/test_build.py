"""The installed build (compiled by mypyc where a compiler is at hand, see setup.py)
gives exactly what the sources give, on every fixture page.

Why: users run the compiled modules while most tests import the sources; a difference
between the two (mypyc is stricter about types, and pickles differently) must show here.
"""

from __future__ import annotations

import gzip
import json
import os
import pathlib
import pickle
import subprocess
import sys

import pytest

import boilerstrip

from .conftest import FIXTURES, NATIVE

# Runs in a fresh interpreter away from the sources, so `import boilerstrip` finds the
# installed package; prints each fixture's full result (blocks and reasons included).
_INSTALLED = """
import gzip, json, pathlib, sys
import boilerstrip
import inspect
from boilerstrip import html
out = {"file": boilerstrip.__file__, "compiled": boilerstrip.COMPILED, "tree_walk": html.TREE_WALK, "results": {}}
try:
    out["start_signature"] = str(inspect.getfullargspec(html._Builder().start))
except TypeError:
    out["start_signature"] = None
for name in sys.argv[1:]:
    path = pathlib.Path(name)
    page = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    out["results"][path.name] = boilerstrip.clean(page, include_comments=True).to_dict(with_blocks=True)
print(json.dumps(out))
"""


def _pages() -> list[pathlib.Path]:
    return (
        sorted((FIXTURES / "text").glob("*.txt"))
        + sorted((FIXTURES / "html").glob("*.html.gz"))
        + [FIXTURES / "seed" / "japantoday-ap-protest.txt"]
    )


def _read(path: pathlib.Path) -> bytes:
    return gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> dict:  # type: ignore[type-arg]
    cwd = tmp_path_factory.mktemp("elsewhere")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    args = [sys.executable, "-c", _INSTALLED, *map(str, _pages())]
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def test_installed_build_is_compiled_unless_switched_off(installed: dict) -> None:  # type: ignore[type-arg]
    if os.environ.get("BOILERSTRIP_COMPILE") == "0":
        pytest.skip("installed with BOILERSTRIP_COMPILE=0: pure Python on purpose")
    if pathlib.Path(installed["file"]).resolve().parent == FIXTURES.parent / "boilerstrip":
        pytest.skip("an editable install of this checkout: pure Python on purpose (setup.py)")
    assert installed["compiled"], f"{installed['file']} is not the compiled build"


def test_compiled_build_walks_html_in_c(installed: dict) -> None:  # type: ignore[type-arg]
    """Where mypyc compiled the package, the same compiler built the C walk (setup.py):
    one missing, or refused by its check on lxml, would cost a tenth of a page's time
    without a word."""
    if not installed["compiled"]:
        pytest.skip("pure-Python build: no C walk")
    assert installed["tree_walk"], f"{installed['file']}: the C walk is missing or disagrees"


def test_installed_build_gives_what_the_sources_give(installed: dict) -> None:  # type: ignore[type-arg]
    pages = _pages()
    assert len(installed["results"]) == len(pages) > 40
    for path in pages:
        expected = boilerstrip.clean(_read(path), include_comments=True).to_dict(with_blocks=True)
        assert installed["results"][path.name] == json.loads(json.dumps(expected)), path.name


def test_compiled_walk_start_has_no_signature_for_lxml_to_read(installed: dict) -> None:  # type: ignore[type-arg]
    """lxml reads the target's start() signature on every parse; a compiled method's text
    signature costs more to read than a small page's walk, so the build must offer none."""
    if not installed["compiled"]:
        pytest.skip("pure-Python build: lxml reads a Python signature cheaply")
    assert installed["start_signature"] is None, installed["start_signature"]


def test_results_and_blocks_pickle(seed_text: str) -> None:
    result = boilerstrip.clean(seed_text, include_comments=True)
    again = pickle.loads(pickle.dumps(result))
    assert again.to_dict(with_blocks=True) == result.to_dict(with_blocks=True)
    assert again.blocks[0].features == result.blocks[0].features


def test_this_run_uses_the_build_it_was_asked_to() -> None:
    """CI runs the suite twice: on the sources (the README's command) and on the installed
    compiled build (BOILERSTRIP_EXPECT_COMPILED=1); this says the second run is not the
    first one again."""
    expected = os.environ.get("BOILERSTRIP_EXPECT_COMPILED")
    if expected is None:
        pytest.skip("no build asked for")
    want_compiled = expected == "1"
    assert boilerstrip.COMPILED is want_compiled, boilerstrip.__file__


def test_the_pure_switch_hides_every_c_module() -> None:
    """BOILERSTRIP_PURE=1 (CI's run of the Python twins) leaves no C module in use, and
    without it a build that has them finds them (`native.c_function`)."""
    probe = "from boilerstrip import native; print([native.c_module(m) is None for m in native.MODULES])"
    for pure in ("1", "0"):
        env = {**os.environ, "BOILERSTRIP_PURE": pure}
        done = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True)
        hidden = json.loads(done.stdout.lower())
        expected = pure == "1" or not NATIVE.expected
        assert hidden == [expected] * len(hidden), done.stderr
