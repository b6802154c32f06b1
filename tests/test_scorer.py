"""The learned scorer: its weights match the features the code makes, and training is
reproducible from the script in the repository."""

from __future__ import annotations

import gzip
import json
import math
import pathlib
import subprocess
import sys

import pytest

import boilerstrip
from boilerstrip import detect
from boilerstrip.detect import content, scorer

from .conftest import FIXTURES, ROOT

SHIPPED = json.loads((ROOT / "boilerstrip" / "data" / "scorer-html.json").read_text(encoding="utf-8"))
BENCH = ROOT.parent / "shared" / "bench" / "scrapinghub"


def _feature_names() -> set[str]:
    names: set[str] = set()
    cfg = boilerstrip.Config()
    cleaner = boilerstrip.Cleaner(cfg.replace(detectors=cfg.detectors[: cfg.detectors.index("content")]))
    for case in sorted((FIXTURES / "html").glob("*.html.gz")):
        page = cleaner.prepare(gzip.decompress(case.read_bytes()))
        detect.run(cleaner.detectors, page)
        main, typical = scorer.page_context(page.blocks)
        for i, heuristic in content.heuristic_classes(page).items():
            names.update(scorer.block_features(page.blocks, i, main, typical, heuristic).named())
    return names


def test_weights_and_features_share_one_vocabulary() -> None:
    made = _feature_names()
    assert made <= scorer.feature_names(), sorted(made - scorer.feature_names())
    assert set(SHIPPED["weights"]) <= scorer.feature_names()
    for later in SHIPPED["context_weights"]:
        assert set(later) <= scorer.feature_names()
        assert {"ctx_self", "ctx_before", "ctx_after"} <= set(later)
    assert len(made & set(SHIPPED["weights"])) >= 40  # real pages exercise most weights


def _by_name(x: dict[str, float], weights: dict[str, float]) -> float:
    """The probability as the weights file reads: a weight per feature name."""
    z = weights.get("bias", 0.0) + sum(weights.get(name, 0.0) * value for name, value in x.items())
    return 1 / (1 + math.exp(-max(min(z, 30.0), -30.0)))


def test_index_vectors_score_as_the_named_features() -> None:
    """The scorer reads weights by feature index; on real pages every block's
    probability is the one its named features give, and no feature counts twice
    (a block in <main> and in the main article container sets "in_main" once)."""
    cfg = boilerstrip.Config()
    cleaner = boilerstrip.Cleaner(cfg.replace(detectors=cfg.detectors[: cfg.detectors.index("content")]))
    model = scorer.load(cfg.scorer_html)
    first = scorer.dense(model.weights)
    both = 0
    for case in sorted((FIXTURES / "html").glob("*.html.gz")):
        page = cleaner.prepare(gzip.decompress(case.read_bytes()))
        detect.run(cleaner.detectors, page)
        main, typical = scorer.page_context(page.blocks)
        for i, heuristic in content.heuristic_classes(page).items():
            x = scorer.block_features(page.blocks, i, main, typical, heuristic)
            assert len(set(x.keys)) == len(x.keys), case.name
            assert scorer.probability(x, first) == pytest.approx(
                _by_name(x.named(), model.weights), abs=1e-12
            )
            dom = page.blocks[i].dom
            both += dom is not None and "main" in dom.containers and dom.hint_owner == main
    assert both  # the fixtures hold blocks that would set "in_main" twice


def test_scorer_changes_html_results() -> None:
    """The shipped model is in use: switching it off changes labels on real pages."""
    case = FIXTURES / "html" / "sh-aade2ec8d1e7.html.gz"
    page = gzip.decompress(case.read_bytes())
    on = boilerstrip.clean(page)
    off = boilerstrip.clean(page, config=boilerstrip.Config(scorer_html=""))
    assert any("scorer p=" in r for b in on.blocks for r in b.reasons)
    assert not any("scorer p=" in r for b in off.blocks for r in b.reasons)


@pytest.mark.skipif(not BENCH.is_dir(), reason="the shared development set is not beside the checkout")
def test_training_reproduces_the_shipped_weights(tmp_path: pathlib.Path) -> None:
    pytest.importorskip("numpy")
    subprocess.run(
        [sys.executable, str(ROOT / "tools" / "train_scorer.py"), str(BENCH), "html", "--out", str(tmp_path)],
        check=True,
        capture_output=True,
    )
    trained = json.loads((tmp_path / "scorer-html.json").read_text(encoding="utf-8"))
    passes = [trained["weights"], *trained["context_weights"]]
    shipped = [SHIPPED["weights"], *SHIPPED["context_weights"]]
    assert len(passes) == len(shipped) >= 2
    for got, want in zip(passes, shipped, strict=True):
        assert got.keys() == want.keys()
        for name, weight in want.items():
            assert got[name] == pytest.approx(weight, abs=2e-4), name
