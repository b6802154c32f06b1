"""The benchmark plots (issue 16, bench/plots.py): drawn from the tables in
docs/benchmarks.md, so the parse must find every system of each table, and each plot
the docs show must be there."""

from __future__ import annotations

import pathlib
import re
from types import ModuleType

import pytest

from .conftest import ROOT, bench_script

DOC = ROOT / "docs" / "benchmarks.md"


def _plots() -> ModuleType:
    return bench_script("plots")


@pytest.mark.parametrize("section", ["html", "text", "wcxb-html", "wcxb-text"])
def test_every_timed_system_of_a_table_is_a_point(section: str) -> None:
    plots = _plots()
    doc = DOC.read_text(encoding="utf-8")
    style = next(style for name, style, _ in plots.PLOTS if name == section)
    rows = plots.first_table(doc, section)
    timed = [r for r in rows if re.search(r"\d", next(v for k, v in r.items() if k.startswith("pages/s")))]
    if style:
        timed = [r for r in timed if r["dump style"] == style.removesuffix(" |").strip()]
    found = plots.points(rows, style)
    assert [name for name, _, _ in found] == [r["system"] for r in timed]
    assert found[0][0] == "boilerstrip" and all(0 < f1 <= 1 and speed > 0 for _, speed, f1 in found)


def test_the_docs_show_every_plot_and_it_is_drawn(tmp_path: pathlib.Path) -> None:
    pytest.importorskip("matplotlib")
    plots = _plots()
    written = plots.redraw(DOC, tmp_path)
    assert sorted(p.name for p in written) == sorted(f"bench-{name}.png" for name, _, _ in plots.PLOTS)
    doc = DOC.read_text(encoding="utf-8")
    for path in written:
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and path.stat().st_size > 10_000
        assert f"(img/{path.name})" in doc and (DOC.parent / "img" / path.name).exists()
