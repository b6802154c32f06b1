"""A bounded, seeded atheris session over `clean()` (issue 17; the target is
tests/fuzz_clean.py): coverage-guided mutation of real pages for a fixed number of
runs, in its own process, which must end with no crash, no timeout and no memory
blow-up. Pure-Python sources only: atheris follows Python code (the compiled pass
and the ASan step cover the compiled build and the C modules)."""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
RUNS = int(os.environ.get("BOILERSTRIP_ATHERIS_RUNS", "1500"))


@pytest.mark.skipif(os.environ.get("BOILERSTRIP_EXPECT_COMPILED") == "1", reason="fuzzes the sources")
def test_a_bounded_atheris_session_finds_no_crash(tmp_path: pathlib.Path) -> None:
    pytest.importorskip("atheris")
    from .fuzz_clean import write_corpus

    corpus = tmp_path / "corpus"
    seeds = write_corpus(corpus)
    assert seeds > 100
    proc = subprocess.run(
        [sys.executable, "-m", "tests.fuzz_clean", str(corpus), f"-runs={RUNS}", "-seed=1",
         "-timeout=30", "-rss_limit_mb=3072", "-max_len=30000", f"-artifact_prefix={tmp_path}/"],
        cwd=ROOT, capture_output=True, text=True, timeout=900, check=False,
    )  # fmt: skip
    tail = proc.stderr[-4000:]
    assert proc.returncode == 0, tail
    assert not list(tmp_path.glob("crash-*")) and not list(tmp_path.glob("timeout-*")), tail
    assert f"Done {RUNS} runs" in proc.stderr, tail
