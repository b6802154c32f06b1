"""Golden tests on real page dumps: snippets that must and must not be in the output,
and a quality floor (the benchmark's shingle F1) over all of them.

Each fixture is a real page from the Scrapinghub benchmark (MIT) with its human-written
article text. A page with a known defect names it in `known_issue`; its test is an
expected failure that turns red when the defect is fixed, so the note is kept honest.
"""

from __future__ import annotations

import json
import pathlib
import re
from collections import Counter

import pytest

import boilerstrip

from .conftest import FIXTURES

CASES = sorted((FIXTURES / "text").glob("*.json"))
# Shingle F1 over the fixtures; the whole-bench figure is in docs/benchmarks.md.
QUALITY_FLOOR = 0.90


def _norm(text: str) -> str:
    return " ".join(text.split())


def _load(case: pathlib.Path) -> tuple[dict[str, object], str]:
    meta = json.loads(case.read_text(encoding="utf-8"))
    return meta, case.with_suffix(".txt").read_text(encoding="utf-8")


def _params() -> list[object]:
    params = []
    for case in CASES:
        meta = json.loads(case.read_text(encoding="utf-8"))
        marks = (
            [pytest.mark.xfail(reason=str(meta["known_issue"]), strict=True)]
            if meta.get("known_issue")
            else []
        )
        params.append(pytest.param(case, id=case.stem, marks=marks))
    return params


def test_enough_fixtures() -> None:
    assert len(CASES) >= 15


@pytest.mark.parametrize("case", _params())
def test_snippets(case: pathlib.Path) -> None:
    meta, page = _load(case)
    out = _norm(boilerstrip.clean(page).text)
    missing = [s for s in meta["must"] if _norm(s) not in out]  # type: ignore[union-attr]
    leaked = [s for s in meta["must_not"] if _norm(s) in out]  # type: ignore[union-attr]
    assert not missing and not leaked, f"missing {missing}, leaked {leaked}"


def _shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = re.findall(r"\w+", text)
    return Counter(tuple(tokens[i : i + 4]) for i in range(len(tokens) - 3))


def test_quality_floor() -> None:
    precisions, recalls = [], []
    for case in CASES:
        meta, page = _load(case)
        got, want = _shingles(boilerstrip.clean(page).text), _shingles(str(meta["expected_text"]))
        tp = sum((got & want).values())
        if got:
            precisions.append(tp / sum(got.values()))
        if want:
            recalls.append(tp / sum(want.values()))
    p, r = sum(precisions) / len(precisions), sum(recalls) / len(recalls)
    f1 = 2 * p * r / (p + r)
    assert f1 >= QUALITY_FLOOR, f"F1 {f1:.3f} (P {p:.3f}, R {r:.3f}) under the floor {QUALITY_FLOOR}"
