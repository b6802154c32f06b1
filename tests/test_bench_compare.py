"""bench/compare.py: two runs of the same pages compared page by page, with the
standard error of the mean difference, so a note can tell a gain from noise."""

from __future__ import annotations

import json
import math
import pathlib
import subprocess
import sys
from types import ModuleType

from .conftest import ROOT, bench_script


def _compare() -> ModuleType:
    return bench_script("compare")


def _run(before: pathlib.Path, after: pathlib.Path) -> str:
    """What the script prints comparing the two files."""
    script = ROOT / "bench" / "compare.py"
    return subprocess.run(
        [sys.executable, str(script), str(before), str(after)], capture_output=True, text=True, check=True
    ).stdout


def test_the_difference_is_paired_page_by_page() -> None:
    # Pages of very different difficulty, each up by 0.1 but one: the paired error is
    # that of the differences (0.1, 0.1, 0.1, -0.1), not of the scores.
    p = _compare().paired([0.1, 0.5, 0.9, 0.6], [0.2, 0.6, 1.0, 0.5])
    assert p.pages == 4 and p.up == 3 and p.down == 1
    assert math.isclose(p.before, 0.525) and math.isclose(p.after, 0.575)
    assert math.isclose(p.mean, 0.05)
    # (0.1, 0.1, 0.1, -0.1) about their mean 0.05: squares 0.03, sample variance
    # 0.03 / 3 = 0.01, the error sqrt(0.01 / 4) = 0.05 (unpaired, the scores' spread
    # would give 0.23)
    assert math.isclose(p.se, 0.05)


def test_no_pages_and_one_page() -> None:
    compare = _compare()
    assert compare.paired([], []).pages == 0
    one = compare.paired([0.5], [0.7])
    assert math.isclose(one.mean, 0.2) and one.se == 0.0 and one.up == 1


def test_groups_split_by_part_then_type_on_common_pages() -> None:
    before = {
        "1": {"f": 0.5, "type": "article", "part": "tune"},
        "2": {"f": 0.5, "type": "forum", "part": "held"},
        "3": {"f": 0.5, "type": "article", "part": "held"},
        "4": {"f": 0.5, "type": "article", "part": "held"},  # not in `after`
    }
    after = {k: v for k, v in before.items() if k != "4"}
    groups = _compare().groups(before, after)
    assert list(groups) == ["all", "held", "  held article", "  held forum", "tune", "  tune article"]
    assert groups["all"] == ["1", "2", "3"] and groups["  held article"] == ["3"]


def test_the_script_prints_each_group_and_the_pages_that_moved(tmp_path: pathlib.Path) -> None:
    before = {"a": {"f": 0.2, "type": "listing"}, "b": {"f": 0.9, "type": "article"}}
    after = {"a": {"f": 0.8, "type": "listing"}, "b": {"f": 0.9, "type": "article"}}
    (tmp_path / "b.json").write_text(json.dumps(before), encoding="utf-8")
    (tmp_path / "a.json").write_text(json.dumps(after), encoding="utf-8")
    out = _run(tmp_path / "b.json", tmp_path / "a.json")
    assert "0.5500 -> 0.8500" in out and "+0.3000" in out and "1 up 0 down" in out
    assert "+0.600 a listing 0.200 -> 0.800" in out
    assert " b " not in out  # a page that did not move is not listed


def test_wcxb_bench_lines_are_read_by_mode_and_part(tmp_path: pathlib.Path) -> None:
    rows = [
        {"mode": "html", "id": "1", "type": "article", "holdout": False, "f1": 0.9},
        {"mode": "text", "id": "1", "type": "article", "holdout": False, "f1": 0.7},
        {"mode": "text", "id": "2", "type": "forum", "holdout": True, "f1": 0.4},
    ]
    path = tmp_path / "pages.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    pages = _compare().load(path, "text")
    assert pages == {
        "1": {"f": 0.7, "type": "article", "part": "tune"},
        "2": {"f": 0.4, "type": "forum", "part": "held"},
    }
    one = tmp_path / "one.jsonl"  # a file of one line is still lines, not an object of pages
    one.write_text(json.dumps(rows[0]) + "\n", encoding="utf-8")
    assert _compare().load(one) == {"1": {"f": 0.9, "type": "article", "part": "tune"}}


def test_pages_in_one_file_only_are_told_and_a_zero_error_is_no_ratio(tmp_path: pathlib.Path) -> None:
    before = {k: {"f": 0.5} for k in "abc"}
    after = {"a": {"f": 0.6}, "b": {"f": 0.6}, "d": {"f": 0.1}}
    (tmp_path / "b.json").write_text(json.dumps(before), encoding="utf-8")
    (tmp_path / "a.json").write_text(json.dumps(after), encoding="utf-8")
    out = _run(tmp_path / "b.json", tmp_path / "a.json")
    assert "1 pages only in" in out and ", 1 only in" in out
    # both common pages up by exactly 0.1: no spread, so no ratio to an error of zero
    assert "+0.1000 ± 0.0000 (se n/a)  2 up 0 down" in out
