"""`boilerstrip batch` on real files written by real libraries: WARC/WET by warcio, JSONL
plain, gzipped and zstd-compressed, folders and globs of pages; accounting, limits,
Parquet output, and a batch process killed mid-run and resumed."""

from __future__ import annotations

import gzip
import io
import json
import os
import pathlib
import random
import signal
import subprocess
import sys
import time

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

import boilerstrip
from boilerstrip.batch import BatchOptions
from boilerstrip.batch.warc import warc_segments

from .conftest import FIXTURES

HTML_PAGES = sorted((FIXTURES / "html").glob("sh-*.html.gz"))
TEXT_PAGES = sorted((FIXTURES / "text").glob("*.txt"))


def run_batch(
    *args: str, check: bool = True, timeout: float | None = None
) -> subprocess.CompletedProcess[str]:
    """`boilerstrip batch` with these arguments; `timeout`: seconds before it counts as
    hung (subprocess.TimeoutExpired), for a case that once ran without end."""
    proc = subprocess.run(
        [sys.executable, "-m", "boilerstrip", "batch", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=timeout,
    )
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


def lines(path: pathlib.Path) -> list[dict[str, object]]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


def write_warc(path: pathlib.Path, pages: list[bytes], texts: list[str], *, extras: bool = True) -> int:
    """A WARC of HTTP responses and WET-style conversion records; returns how many
    records it holds."""
    count = 0
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=path.suffix == ".gz")
        if extras:
            writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
            count += 1
        for i, page in enumerate(pages):
            url = f"https://news.example/{i}"
            if extras:
                req = StatusAndHeaders("GET / HTTP/1.1", [("Host", "news.example")], is_http_request=True)
                writer.write_record(writer.create_warc_record(url, "request", http_headers=req))
                count += 1
            http = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            writer.write_record(
                writer.create_warc_record(url, "response", payload=io.BytesIO(page), http_headers=http)
            )
            count += 1
        for i, text in enumerate(texts):
            rec = writer.create_warc_record(
                f"https://news.example/t{i}",
                "conversion",
                payload=io.BytesIO(text.encode()),
                warc_content_type="text/plain",
            )
            writer.write_record(rec)
            count += 1
        if extras:
            img = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record("https://news.example/a.png", "response",
                                                          payload=io.BytesIO(b"\x89PNG..."), http_headers=img))  # fmt: skip
            gone = StatusAndHeaders("404 Not Found", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record("https://news.example/gone", "response",
                                                          payload=io.BytesIO(b"<p>gone</p>"), http_headers=gone))  # fmt: skip
            count += 2
    return count


@pytest.fixture
def pages() -> list[bytes]:
    return [gzip.decompress(p.read_bytes()) for p in HTML_PAGES]


@pytest.fixture
def texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in TEXT_PAGES[:4]]


def test_warc_and_wet_every_record_accounted(
    tmp_path: pathlib.Path, pages: list[bytes], texts: list[str]
) -> None:
    warc = tmp_path / "crawl.warc.gz"
    n = write_warc(warc, pages, texts)
    out, stats = tmp_path / "out.jsonl", tmp_path / "stats.json"
    run_batch(str(warc), "-o", str(out), "--stats", str(stats), "--workers", "2")
    got = lines(out)
    assert len(got) == n and [x["seq"] for x in got] == list(range(n))
    by_status: dict[str, int] = {}
    for x in got:
        by_status[str(x["status"])] = by_status.get(str(x["status"]), 0) + 1
    assert by_status["skipped"] == 1 + len(pages) + 2  # warcinfo, requests, image, 404
    assert by_status.get("ok", 0) == len(pages) + len(texts)
    html_lines = [
        x for x in got if str(x["source"]).startswith(str(warc)) and x["url"] == "https://news.example/0"
    ]
    ok = next(x for x in html_lines if x["status"] == "ok")
    assert ok["text"] == boilerstrip.clean(pages[0]).text
    assert json.loads(stats.read_text())["accounted"] is True


def test_truncated_and_corrupt_warc(tmp_path: pathlib.Path, pages: list[bytes]) -> None:
    whole = tmp_path / "whole.warc.gz"
    n = write_warc(whole, pages[:6], [], extras=False)
    data = whole.read_bytes()
    # Corrupt the middle of the third gzip member; cut the file inside the last one.
    starts = [i for i in range(len(data)) if data.startswith(b"\x1f\x8b\x08", i)]
    assert len(starts) == n
    corrupt = bytearray(data)
    mid = (starts[2] + starts[3]) // 2
    corrupt[mid : mid + 64] = b"\x00" * 64
    (tmp_path / "corrupt.warc.gz").write_bytes(bytes(corrupt))
    (tmp_path / "cut.warc.gz").write_bytes(data[: (starts[-1] + len(data)) // 2])
    out, errors = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    run_batch(
        str(tmp_path / "corrupt.warc.gz"),
        str(tmp_path / "cut.warc.gz"),
        "-o",
        str(out),
        "--errors",
        str(errors),
    )
    good, bad = lines(out), lines(errors)
    assert len(good) + len(bad) == 2 * n
    assert sorted(x["seq"] for x in good + bad) == list(range(2 * n))
    reasons = [str(x["reason"]) for x in bad]
    assert sum(r.startswith("corrupt WARC data") for r in reasons) == 1
    assert sum(r.startswith("truncated record") or r.startswith("corrupt WARC data") for r in reasons) == 2
    assert all(x["status"] == "ok" for x in good)


def test_jsonl_plain_gzip_zstd_and_field_names(
    tmp_path: pathlib.Path, pages: list[bytes], texts: list[str]
) -> None:
    import zstandard

    rows = [
        {"doc": f"h{i}", "link": f"https://x/{i}", "body": p.decode("utf-8")} for i, p in enumerate(pages[:3])
    ]
    rows += [{"doc": f"t{i}", "plain": t} for i, t in enumerate(texts[:2])]
    payload = "".join(json.dumps(r) + "\n" for r in rows) + "{broken\n" + json.dumps({"doc": "none"}) + "\n"
    (tmp_path / "a.jsonl").write_text(payload)
    (tmp_path / "b.jsonl.gz").write_bytes(gzip.compress(payload.encode()))
    (tmp_path / "c.jsonl.zst").write_bytes(zstandard.ZstdCompressor().compress(payload.encode()))
    out = tmp_path / "out.jsonl"
    run_batch(str(tmp_path / "*.jsonl*"), "-o", str(out), "--html-field", "body", "--text-field", "plain",
              "--url-field", "link", "--id-field", "doc")  # fmt: skip
    got = lines(out)
    assert len(got) == 3 * (len(rows) + 2)
    for part in range(3):
        chunk = got[part * (len(rows) + 2) : (part + 1) * (len(rows) + 2)]
        assert [x["id"] for x in chunk[:5]] == ["h0", "h1", "h2", "t0", "t1"]
        assert chunk[0]["url"] == "https://x/0" and chunk[0]["status"] == "ok"
        assert chunk[5]["status"] == "error" and "invalid JSON" in str(chunk[5]["reason"])
        assert chunk[6]["status"] == "error" and "no 'body' or 'plain'" in str(chunk[6]["reason"])


def test_folders_and_globs(tmp_path: pathlib.Path, pages: list[bytes], texts: list[str]) -> None:
    site = tmp_path / "site" / "news"
    site.mkdir(parents=True)
    (site / "a.html").write_bytes(pages[0])
    (site / "b.htm").write_bytes(pages[1])
    (site / "c.html.gz").write_bytes(gzip.compress(pages[2]))
    (site / "d.txt").write_text(texts[0])
    (site / "notes.md").write_text("not a page")
    out = tmp_path / "out.jsonl"
    proc = run_batch(str(tmp_path / "site"), str(tmp_path / "nothing-*.html"), str(tmp_path / "gone.html"),
                     "-o", str(out), check=False)  # fmt: skip
    assert proc.returncode == 3, proc.stderr  # inputs that cannot be read (issue 16)
    got = lines(out)
    assert [pathlib.Path(str(x["id"])).name for x in got[:4]] == ["a.html", "b.htm", "c.html.gz", "d.txt"]
    assert all(x["status"] == "ok" for x in got[:4])
    assert got[2]["text"] == boilerstrip.clean(pages[2]).text
    unreadable = [x for x in got[4:]]
    assert [x["status"] for x in unreadable] == ["error", "error"]
    assert "no file matches" in str(unreadable[0]["reason"]) and "no such file" in str(
        unreadable[1]["reason"]
    )
    assert "gone.html" in proc.stderr


def test_limits_make_error_lines(tmp_path: pathlib.Path, pages: list[bytes]) -> None:
    warc = tmp_path / "crawl.warc"
    write_warc(warc, pages[:3], [], extras=False)
    out = tmp_path / "out.jsonl"
    proc = run_batch(
        str(warc), "-o", str(out), "--max-bytes", str(min(len(p) for p in pages[:3]) - 1), check=False
    )
    assert proc.returncode == 4, proc.stderr  # nothing was cleaned (issue 16)
    assert all(x["status"] == "error" and "--max-bytes" in str(x["reason"]) for x in lines(out))
    proc = run_batch(str(warc), "-o", str(out), "--overwrite", "--timeout", "0.0005", check=False)
    assert proc.returncode == 4, proc.stderr
    assert all(x["status"] == "error" and "--timeout" in str(x["reason"]) for x in lines(out))


def test_refuses_to_overwrite(tmp_path: pathlib.Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text('{"seq": 0}\n')
    proc = run_batch(str(FIXTURES / "seed"), "-o", str(out), check=False)
    assert proc.returncode == 1 and "--resume" in proc.stderr


def test_parquet_output(tmp_path: pathlib.Path, pages: list[bytes], texts: list[str]) -> None:
    import pyarrow.parquet as pq

    warc = tmp_path / "crawl.warc.gz"
    n = write_warc(warc, pages[:4], texts[:2])
    out = tmp_path / "out.parquet"
    run_batch(str(warc), "-o", str(out), "--format", "parquet", "--comments")
    table = pq.read_table(out)
    assert table.num_rows == n
    assert table.column("seq").to_pylist() == list(range(n))
    assert set(table.column("status").to_pylist()) == {"ok", "skipped"}


def _default_ctrl_c() -> None:
    """Ctrl-C as a terminal gives it: a shell that runs the tests in the background has
    its children ignore SIGINT, and Python then installs no KeyboardInterrupt."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _kill_midway(args: list[str], out: pathlib.Path, sig: int, at_least: int) -> int:
    """Interrupt a batch once `out` has `at_least` lines; returns its exit status."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "boilerstrip", "batch", *args],
        stderr=subprocess.PIPE,
        preexec_fn=_default_ctrl_c,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if out.exists() and out.read_bytes().count(b"\n") >= at_least:
            break
        if proc.poll() is not None:
            pytest.fail("the batch finished before it could be interrupted")
        time.sleep(0.02)
    workers = _children(proc.pid) if _PROC.exists() else None  # (the check needs Linux's /proc)
    assert workers is None or workers, "the batch runs no worker process"
    proc.send_signal(sig)
    proc.wait(timeout=60)
    # Its workers end with it, killed or not: none is left waiting for work.
    deadline = time.monotonic() + 15
    while workers and any(map(_running, workers)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in workers or () if _running(pid)], "worker processes outlived the batch"
    if sig == signal.SIGKILL:
        # Leave a torn last line, as a kill inside a write would.
        with open(out, "ab") as fh:
            fh.write(b'{"seq": 999999, "id": "torn')
    return int(proc.returncode)


_PROC = pathlib.Path("/proc")


def _stat(pid: str | int) -> list[str]:
    """A process's /proc stat fields after its name (state, parent, ...); [] if gone."""
    try:
        return (_PROC / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return []


def _children(pid: int) -> list[int]:
    """The processes whose parent is `pid`."""
    return [int(p.name) for p in _PROC.glob("[0-9]*") if _stat(p.name)[1:2] == [str(pid)]]


def _running(pid: int) -> bool:
    """Alive and not a zombie."""
    return _stat(pid)[:1] not in ([], ["Z"])


_KILL_RUN = ("--workers", "2", "--quiet", "--chunk-size", "8")


def write_padded_warc(path: pathlib.Path, pages: list[bytes], padding: int) -> int:
    """A gzipped WARC of HTTP responses, each page followed by an image of `padding`
    random bytes (which gzip cannot shrink); returns how many records it holds. The
    images make the file span several of batch's segments (1 MiB of the file each,
    one task each), which is what lets a batch be stopped between tasks, while costing
    almost nothing to read: an image is a "skipped" line."""
    rng = random.Random(19)
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for i, page in enumerate(pages):
            html = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            image = StatusAndHeaders("200 OK", [("Content-Type", "image/jpeg")], protocol="HTTP/1.1")
            for url, http, body in ((f"https://news.example/{i}", html, page),
                                    (f"https://news.example/{i}.jpg", image, rng.randbytes(padding))):  # fmt: skip
                writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                              http_headers=http))  # fmt: skip
    return 2 * len(pages)


@pytest.fixture(scope="module")
def uninterrupted(tmp_path_factory: pytest.TempPathFactory) -> tuple[pathlib.Path, int, bytes]:
    """A WARC of 48 responses over 7 MB (24 pages, each with an image), its record
    count, and the output of one uninterrupted batch over it: what every interrupted
    and resumed batch must end with (made once for the three ways of interrupting).
    Its segments come back one after the other: the batch is interrupted as soon as
    its output shows a record, with most of the pages still to clean."""
    folder = tmp_path_factory.mktemp("uninterrupted")
    warc, whole = folder / "crawl.warc.gz", folder / "whole.jsonl"
    pages = [gzip.decompress(p.read_bytes()) for p in HTML_PAGES]
    n = write_padded_warc(warc, pages * 2, padding=250_000)
    run_batch(str(warc), "-o", str(whole), *_KILL_RUN)
    assert len(lines(whole)) == n and len(warc_segments(str(warc), BatchOptions((), "").segment_bytes)) >= 6
    return warc, n, whole.read_bytes()


@pytest.mark.parametrize(
    "sig", [signal.SIGKILL, signal.SIGINT, signal.SIGTERM], ids=["kill", "ctrl-c", "term"]
)
def test_kill_and_resume_gives_the_uninterrupted_output(
    tmp_path: pathlib.Path, uninterrupted: tuple[pathlib.Path, int, bytes], sig: int
) -> None:
    warc, n, whole = uninterrupted
    part = tmp_path / "part.jsonl"
    status = _kill_midway([str(warc), "-o", str(part), *_KILL_RUN], part, sig, at_least=1)
    if sig != signal.SIGKILL:  # SIGTERM (a scheduler's stop) ends the batch as Ctrl-C does
        assert status == 130 and not list(tmp_path.glob(".*.lock")), status
    done = part.read_bytes().count(b"\n")
    assert 0 < done < n
    stats = tmp_path / "stats.json"
    run_batch(str(warc), "-o", str(part), "--resume", "--stats", str(stats), *_KILL_RUN)
    assert part.read_bytes() == whole
    s = json.loads(stats.read_text())
    assert s["resumed_from"] >= done - 1 and s["records_read"] == n and s["accounted"]


def test_stats_count_labels(tmp_path: pathlib.Path) -> None:
    out, stats = tmp_path / "out.jsonl", tmp_path / "stats.json"
    run_batch(
        str(FIXTURES / "seed" / "japantoday-ap-protest.txt"),
        "-o",
        str(out),
        "--stats",
        str(stats),
        "--comments",
    )
    s = json.loads(stats.read_text())
    assert s["records_read"] == 1 and s["status"] == {"ok": 1}
    assert s["labels"]["article"] == 9 and s["labels"]["comment"] > 0
    line = lines(out)[0]
    assert line["wire_service"] == "The Associated Press" and len(line["comments"]) == 3  # type: ignore[arg-type]
    assert os.path.getsize(out) > 0


def test_warc_segments_read_like_the_whole_file(tmp_path: pathlib.Path, pages: list[bytes]) -> None:
    """Workers read gzipped WARCs in segments: read one after the other, the segments
    give exactly the records of one pass over the file, also around a corrupt member
    and a cut end, whatever the segment size."""
    from boilerstrip.batch.warc import read_warc, warc_segments

    whole = tmp_path / "whole.warc.gz"
    n = write_warc(whole, pages * 3, [], extras=False)
    data = whole.read_bytes()
    starts = [i for i in range(len(data)) if data.startswith(b"\x1f\x8b\x08", i)]
    corrupt = bytearray(data)
    corrupt[(starts[5] + starts[6]) // 2 :][:64] = b"\x00" * 64
    (tmp_path / "bad.warc.gz").write_bytes(bytes(corrupt[: (starts[-1] + len(data)) // 2]))
    for path in (whole, tmp_path / "bad.warc.gz"):
        one_pass = [(r.source, r.data, r.error) for r in read_warc(str(path))]
        for size in (1, 50_000, 400_000, 1 << 30):
            segments = warc_segments(str(path), size)
            assert segments[0][0] == 0 and segments[-1][1] == path.stat().st_size
            got = [(r.source, r.data, r.error) for s, e in segments for r in read_warc(str(path), s, e)]
            assert got == one_pass, (path.name, size)
    assert len(list(read_warc(str(whole)))) == n
    assert len(warc_segments(str(whole), 50_000)) > 5


def test_resume_across_inputs_of_every_kind(
    tmp_path: pathlib.Path, pages: list[bytes], texts: list[str]
) -> None:
    """An interrupted run leaves a prefix of the output; resumed from any point (inside
    a JSONL file, a gzipped WARC read in segments, a folder, or between them) the output
    is the uninterrupted one."""
    (tmp_path / "a.jsonl").write_text("".join(json.dumps({"html": p.decode()}) + "\n" for p in pages[:4]))
    write_warc(tmp_path / "b.warc.gz", pages * 2, texts[:2], extras=False)
    (tmp_path / "c").mkdir()
    for i, p in enumerate(pages[:3]):
        (tmp_path / "c" / f"{i}.html").write_bytes(p)
    inputs = [str(tmp_path / "a.jsonl"), str(tmp_path / "b.warc.gz"), str(tmp_path / "c")]
    whole = tmp_path / "whole.jsonl"
    run_batch(*inputs, "-o", str(whole), "--workers", "2", "--quiet")
    full = whole.read_bytes().splitlines(keepends=True)
    assert len(full) == 4 + 2 * len(pages) + 2 + 3
    for cut in (2, 4, 9, len(full) - 4, len(full) - 1):
        part = tmp_path / f"part{cut}.jsonl"
        part.write_bytes(b"".join(full[:cut]) + full[cut][:25])  # a killed run's partial line
        run_batch(*inputs, "-o", str(part), "--resume", "--workers", "2", "--quiet")
        assert part.read_bytes() == whole.read_bytes(), cut
