"""Build: compile the per-block pipeline with mypyc, and the HTML walk in C, where a C
compiler is at hand.

Why: the detectors, features and scorer run on every block of every page; compiled
by mypyc (from the same type-annotated sources) they run about a fifth faster. The
HTML walk visits every element and text of a page: in C (boilerstrip/_walk.c, over
libxml2's parse events, with no tree built) it makes no Python object for what it
drops; the word split of
every block (boilerstrip/_text.c) makes one str a word. Everything else
(API, CLI, batch) stays pure Python, and so does the whole package when compiling is
off (BOILERSTRIP_COMPILE=0) or fails: same outputs, only slower. BOILERSTRIP_COMPILE=c
builds the C modules alone, not mypyc's: the test run does so in place
(tests/conftest.py), so that the C modules' parity tests run from the sources.
`boilerstrip.COMPILED` and `boilerstrip.html.TREE_WALK` say which build is installed.
"""

from __future__ import annotations

import os
import pathlib
import re
import sys

from setuptools import setup
from setuptools.command.build_ext import build_ext

# The hot modules, as paths under boilerstrip/ without ".py" (a subpackage's module as
# "learned/forest"). Left out: api (its own argument checks must run before mypyc's),
# config (a frozen dataclass that must pickle), and the I/O modules (batch, sources, cli).
COMPILED = [
    "model",
    "result",
    "render",
    "patterns/rules",
    "patterns/dates",
    "patterns/agencies",
    "patterns/comments",
    "patterns/prompts",
    "patterns/furniture",
    "patterns/story",
    "patterns/cues",
    "lang",
    "segment",
    "detect/features",
    "detect/page",
    "detect/pattern",
    "detect/scorer",
    "detect/content",
    "detect/context",
    "detect/registry",
    "reduce/region",
    "reduce/cards",
    "reduce/article",
    "reduce/comments",
    "reduce/metadata",
    "reduce/controls",
    "reduce/repeats",
    "reduce/assembly",
    "meta/dates",
    "meta/wire",
    "meta/people",
    "meta/titles",
    "meta/published",
    "meta/authors",
    "meta/datelines",
    "meta/credits",
    "html/__init__",
    "html/vocabulary",
    "html/walked",
    "html/parsing",
    "html/hints",
    "html/navigation",
    "html/collect",
    "html/events",
    "html/lean",
    "html/tree",
    "htmlmeta",
    "decode",
    "learned/columns",
    "learned/cadence",
    "learned/marks",
    "learned/pagestats",
    "learned/pagetype",
    "learned/blockrows",
    "learned/linerows",
    "learned/headline",
    "learned/stack",
    "learned/forest",
    "learned/keep",
]


class OptionalBuildExt(build_ext):
    """Compiling is an optimisation: when it fails, install the pure-Python package."""

    def run(self) -> None:
        if getattr(self, "editable_mode", False):
            # An editable install is for working on the sources: compiled modules beside
            # them would shadow every edit, so it stays pure Python.
            print("boilerstrip: editable install, not compiled", file=sys.stderr)
            return
        try:
            super().run()
        except Exception as error:  # noqa: BLE001 - any compiler failure means "pure Python"
            print(f"boilerstrip: not compiled ({error}); installing pure Python", file=sys.stderr)

    def build_extension(self, ext):  # type: ignore[no-untyped-def]
        try:
            super().build_extension(ext)
        except Exception as error:  # noqa: BLE001
            print(f"boilerstrip: {ext.name} not compiled ({error})", file=sys.stderr)


def _switch() -> str:
    """BOILERSTRIP_COMPILE: "1" (the default) mypyc and C, "c" the C modules alone, "0" none."""
    return os.environ.get("BOILERSTRIP_COMPILE", "1")


def compiled_modules() -> list:  # type: ignore[type-arg]
    """The mypyc extensions, or none when switched off or mypyc is missing."""
    if _switch() != "1":
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        return []
    try:
        return mypycify(
            [f"boilerstrip/{name}.py" for name in COMPILED], opt_level="3", group_name="boilerstrip"
        )
    except Exception as error:  # noqa: BLE001 - mypyc refusing the sources means "pure Python"
        print(f"boilerstrip: not compiled ({error}); installing pure Python", file=sys.stderr)
        return []


def c_extensions() -> list:  # type: ignore[type-arg]
    """The HTML walk in C (boilerstrip/_walk.c), built against the libxml2 headers lxml
    ships: it takes libxml2's parse events, calling the libxml2 lxml loaded, without a
    Python object per element (see html/tree.py); and the
    word split and UTF-8 check (boilerstrip/_text.c, see lang.py and decode.py); and the
    keep models' tree walks and rows (boilerstrip/_trees.c, see boilerstrip/learned/).
    Each .c includes its parts (_walk_*.h, _text_*.h, _trees_*.h; see _parts)."""
    if _switch() == "0":
        return []
    try:
        import lxml
    except ImportError:
        return []
    from setuptools import Extension

    # No fused multiply-add: each C function gives its Python twin's doubles to the bit,
    # and CPython rounds a product before it adds it. GCC and clang fuse `a + b * c`
    # wherever the processor has FMA (arm64, or x86-64 built for a newer level); MSVC
    # does not under its default /fp:precise, and takes no such flag.
    flags = [] if sys.platform == "win32" else ["-ffp-contract=off"]
    return [
        Extension(
            "boilerstrip._walk",
            ["boilerstrip/_walk.c"],
            include_dirs=lxml.get_include(),
            depends=_parts("_walk"),
            extra_compile_args=flags,
        ),
        Extension(
            "boilerstrip._text", ["boilerstrip/_text.c"], depends=_parts("_text"), extra_compile_args=flags
        ),
        Extension(
            "boilerstrip._trees", ["boilerstrip/_trees.c"], depends=_parts("_trees"), extra_compile_args=flags
        ),
    ]


def _parts(module: str) -> list[str]:
    """The parts a C module's .c includes from beside it (its `#include "name.h"` lines:
    `<module>_*.h`, and `_buffers.h`, which two modules share), compiled with it as one
    unit: as `depends`, a build remakes the module when one of them changes, and the
    sdist ships them (setuptools adds an extension's depends to it). tests/conftest.py's
    `parts` reads them the same way."""
    here = pathlib.Path("boilerstrip")
    source = (here / f"{module}.c").read_text(encoding="utf-8")
    names = re.findall(r'^\s*#\s*include\s+"([^"]+)"', source, re.MULTILINE)
    return sorted(str(here / name) for name in names if (here / name).is_file())


setup(ext_modules=compiled_modules() + c_extensions(), cmdclass={"build_ext": OptionalBuildExt})
