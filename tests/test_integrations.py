"""The ML pipeline adapters on real pages, in the real frameworks: a Hugging Face
dataset mapped on two processes, a Dask cluster of two worker processes, and a datatrove
pipeline run by its local executor from JSONL to JSONL. Every row is accounted for."""

from __future__ import annotations

import gzip
import json
import pathlib

import dask.bag as db
import dask.dataframe as dd
import datasets
import pandas as pd
import pytest
from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter
from distributed import Client, LocalCluster

import boilerstrip
from boilerstrip.integrations import COLUMNS
from boilerstrip.integrations.dask import clean_bag, clean_dataframe
from boilerstrip.integrations.datatrove import BoilerstripExtractor
from boilerstrip.integrations.hf import clean_dataset

from .conftest import FIXTURES


def _pages() -> list[tuple[str, str]]:
    """(url, page as str): HTML fixtures in several languages, text dumps, the seed,
    and two pages with nothing to keep."""
    pages = [
        (f"https://example.org/{p.name}", gzip.decompress(p.read_bytes()).decode("utf-8", "replace"))
        for p in sorted((FIXTURES / "html").glob("*.html.gz"))[:10]
    ]
    pages += [
        (f"https://example.org/{p.name}", p.read_text("utf-8"))
        for p in sorted((FIXTURES / "text").glob("*.txt"))[:5]
    ]
    pages.append(
        ("https://example.org/seed", (FIXTURES / "seed" / "japantoday-ap-protest.txt").read_text("utf-8"))
    )
    return [
        *pages,
        ("https://example.org/blank", "   "),
        ("https://example.org/shell", "<html><body></body></html>"),
    ]


PAGES = _pages()


@pytest.fixture(scope="module")
def expected() -> list[boilerstrip.Result]:
    return [boilerstrip.clean(page, url=url) for url, page in PAGES]


def _check_rows(rows: list[dict], expected: list[boilerstrip.Result]) -> None:  # type: ignore[type-arg]
    assert len(rows) == len(expected)
    for r, result in zip(rows, expected, strict=True):
        assert r["text"] == result.text
        assert r["title"] == result.title and r["wire_service"] == result.wire_service
        assert r["status"] == ("ok" if result.text else "empty") and r["reason"] is None
    assert sum(r["status"] == "empty" for r in rows) == 2  # the blank and the shell pages


def test_hf_dataset_on_two_processes(expected: list[boilerstrip.Result]) -> None:
    ds = datasets.Dataset.from_dict({"url": [u for u, _ in PAGES], "html": [p for _, p in PAGES]})
    out = clean_dataset(ds, "html", url_column="url", num_proc=2, batch_size=4)
    assert out["html"] == ds["html"]  # same rows, same order, input columns kept
    assert set(COLUMNS) <= set(out.column_names)
    _check_rows(list(out), expected)


def test_hf_bad_rows_are_errors_with_a_reason() -> None:
    ds = datasets.Dataset.from_dict({"page": [b"<p>fine enough</p>", None]})
    out = clean_dataset(ds, "page")
    assert out["status"][1] == "error" and "str or bytes" in out["reason"][1]
    assert len(out) == 2


@pytest.fixture(scope="module")
def cluster_client():  # type: ignore[no-untyped-def]
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        yield client


def test_dask_bag_on_a_cluster(cluster_client: Client, expected: list[boilerstrip.Result]) -> None:
    items = [{"page": p, "url": u} for u, p in PAGES]
    rows = clean_bag(db.from_sequence(items, npartitions=4)).compute()
    _check_rows(rows, expected)
    assert len(cluster_client.scheduler_info()["workers"]) == 2


def test_dask_dataframe_on_a_cluster(cluster_client: Client, expected: list[boilerstrip.Result]) -> None:
    frame = pd.DataFrame({"url": [u for u, _ in PAGES], "html": [p for _, p in PAGES], "title": "mine"})
    out = clean_dataframe(dd.from_pandas(frame, npartitions=3), "html", url_column="url").compute()
    assert list(out["title"]) == ["mine"] * len(PAGES)  # a taken name gets the prefix
    rows = [
        {c: rec[f"boilerstrip_{c}" if c == "title" else c] for c in COLUMNS} for rec in out.to_dict("records")
    ]
    _check_rows(rows, expected)


def test_datatrove_pipeline_counts_every_document(
    tmp_path: pathlib.Path, expected: list[boilerstrip.Result]
) -> None:
    source = tmp_path / "in"
    source.mkdir()
    with (source / "pages.jsonl").open("w", encoding="utf-8") as fh:
        for i, (url, page) in enumerate(PAGES):
            fh.write(json.dumps({"id": f"doc{i}", "text": page, "url": url}) + "\n")
    pipeline = [JsonlReader(str(source)), BoilerstripExtractor(), JsonlWriter(str(tmp_path / "out"))]
    stats = LocalPipelineExecutor(pipeline, tasks=1, logging_dir=str(tmp_path / "logs")).run()
    out = []
    for part in sorted((tmp_path / "out").glob("*.jsonl.gz")):
        with gzip.open(part, "rt", encoding="utf-8") as fh:
            out += [json.loads(line) for line in fh]
    kept = [(i, r) for i, r in enumerate(expected) if r.text]
    assert [d["id"] for d in out] == [f"doc{i}" for i, _ in kept]
    for doc, (_, result) in zip(out, kept, strict=True):
        assert doc["text"] == result.text
        assert doc["metadata"].get("title") == result.title
        assert doc["metadata"].get("wire_service") == result.wire_service
    step = next(s for s in stats.stats if "boilerstrip" in s.name)
    counts = {k: v.total for k, v in step.stats.items()}
    assert counts["total"] == len(PAGES)
    assert counts["forwarded"] == len(kept) and counts["dropped_empty"] == 2
    assert counts["blocks_article"] > 0


def test_time_limit_is_skipped_off_the_main_thread() -> None:
    """SIGALRM reaches the main thread only: elsewhere a page is cleaned without a limit
    rather than failing (Dask and threaded executors run steps in threads)."""
    from concurrent.futures import ThreadPoolExecutor

    from boilerstrip.batch import clean_fields

    url, page = PAGES[0]
    with ThreadPoolExecutor(1) as pool:
        fields = pool.submit(clean_fields, boilerstrip.Cleaner(), page, url, timeout=5.0).result()
    assert fields["status"] == "ok" and fields["text"] == boilerstrip.clean(page, url=url).text


def test_a_missing_url_in_a_frame_is_no_url() -> None:
    """A dataframe's missing value (NaN, pd.NA, None) in the URL column is no URL, not a
    bad argument: the page is cleaned as without one."""
    from boilerstrip.batch import clean_fields

    url, page = PAGES[0]
    frame = pd.DataFrame({"url": pd.array([None, None, url], dtype="string"), "html": [page] * 3})
    frame.loc[1, "url"] = float("nan")
    for missing in [*frame["url"][:2], None]:
        fields = clean_fields(boilerstrip.Cleaner(), page, missing)
        assert fields["status"] == "ok" and fields["url"] == boilerstrip.clean(page).url, missing
