"""`boilerstrip batch` on inputs found in the wild and faults around it: every record
ends in the output once, whatever a line, a file's layout or the disk does.

Each case was seen to lose records, kill the run or corrupt the output before the
batch learned to handle it (issue 17)."""

from __future__ import annotations

import gzip
import io
import json
import os
import pathlib
import resource
import signal
import subprocess
import sys
import time
import zlib

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from boilerstrip import Cleaner, Config, html
from boilerstrip.batch import BatchOptions, clean_fields, run

from .test_batch import HTML_PAGES, lines, run_batch


@pytest.fixture(scope="module")
def pages() -> list[bytes]:
    return [gzip.decompress(p.read_bytes()) for p in HTML_PAGES]


def warc_records(pages: list[bytes], repeat: int = 1) -> list[bytes]:
    """Uncompressed WARC records (one HTTP response a page), as warcio writes them."""
    out = []
    for i, page in enumerate(pages * repeat):
        buffer = io.BytesIO()
        writer = WARCWriter(buffer, gzip=False)
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                f"https://news.example/{i}", "response", payload=io.BytesIO(page), http_headers=http
            )  # fmt: skip
        )
        out.append(buffer.getvalue())
    return out


def texts_of(path: pathlib.Path) -> list[tuple[object, object, object]]:
    return [(x["url"], x["status"], x.get("text")) for x in lines(path)]


# --- one bad JSONL line ------------------------------------------------------------


def test_bad_jsonl_lines_are_error_lines_and_the_batch_goes_on(
    tmp_path: pathlib.Path, pages: list[bytes]
) -> None:
    """A lone surrogate escape in the page, the id or the URL, and a line nested
    100,000 deep, each once killed the whole batch (and every --resume after it)."""
    good = json.dumps({"html": pages[0].decode(), "id": "good"})
    bad = [
        '{"html": "<p>a \\ud800 b</p><p>' + "Long text here. " * 40 + '</p>", "id": "s1"}',
        '{"html": "<p>fine</p>", "id": "x\\udc80y", "url": "https://x.example/\\ud800"}',
        "[" * 100_000 + "]" * 100_000,
    ]
    (tmp_path / "in.jsonl").write_text("\n".join([good, *bad, good]) + "\n")
    out = tmp_path / "out.jsonl"
    run_batch(str(tmp_path / "in.jsonl"), "-o", str(out), "--workers", "2")
    raw = out.read_bytes()
    raw.decode("utf-8")  # the output is valid UTF-8
    got = lines(out)
    assert [x["seq"] for x in got] == list(range(5))
    assert got[0]["status"] == got[4]["status"] == "ok" and got[0]["text"] == got[4]["text"]
    assert got[1]["status"] == "ok" and "Long text here." in str(got[1]["text"])
    assert got[2]["id"] == "x\udc80y" and got[2]["status"] in ("ok", "empty")
    assert got[3]["status"] == "error" and "nested too deeply" in str(got[3]["reason"])
    run_batch(str(tmp_path / "in.jsonl"), "-o", str(out), "--resume")  # resumes the same lines
    assert out.read_bytes() == raw


# --- gzipped WARCs of every layout ---------------------------------------------------


def _layouts(tmp_path: pathlib.Path, records: list[bytes]) -> dict[str, pathlib.Path]:
    """The same records as a plain WARC, one gzip member a record (the standard), one
    gzip stream (`gzip -c x.warc`), and several records a member."""
    files = {
        "plain.warc": b"".join(records),
        "member.warc.gz": b"".join(gzip.compress(r) for r in records),
        "stream.warc.gz": gzip.compress(b"".join(records)),
        "grouped.warc.gz": b"".join(
            gzip.compress(b"".join(records[i : i + 7])) for i in range(0, len(records), 7)
        ),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    return {name: tmp_path / name for name in files}


def test_every_gzip_layout_gives_every_record_once(tmp_path: pathlib.Path, pages: list[bytes]) -> None:
    """Before, a WARC gzipped as one stream gave 53 distinct sources for 181 records,
    and a multi-record member layout lost records at segment edges."""
    records = warc_records(pages, repeat=3)
    paths = _layouts(tmp_path, records)
    expected = None
    for name, path in paths.items():
        for segment_bytes in (1, 60_000, 1 << 30):
            out = tmp_path / f"{name}-{segment_bytes}.jsonl"
            options = BatchOptions(inputs=(str(path),), output=str(out), workers=2, quiet=True,
                                   segment_bytes=segment_bytes)  # fmt: skip
            run(options)
            got = lines(out)
            assert len(got) == len(records), (name, segment_bytes)
            assert len({x["source"] for x in got}) == len(records), (name, segment_bytes)
            expected = expected or texts_of(out)
            assert texts_of(out) == expected, (name, segment_bytes)


@pytest.mark.parametrize("layout", ["stream.warc.gz", "grouped.warc.gz"])
def test_resume_inside_any_gzip_layout(tmp_path: pathlib.Path, pages: list[bytes], layout: str) -> None:
    """Before, --resume after a cut in a one-stream WARC wrote nothing, lost 151 of 181
    records and exited 0 with "accounted": true."""
    records = warc_records(pages, repeat=3)
    path = _layouts(tmp_path, records)[layout]
    whole = tmp_path / "whole.jsonl"
    run_batch(str(path), "-o", str(whole), "--quiet")
    full = whole.read_bytes().splitlines(keepends=True)
    assert len(full) == len(records)
    for cut in (1, 8, len(full) - 1):
        part = tmp_path / f"part{cut}.jsonl"
        part.write_bytes(b"".join(full[:cut]) + full[cut][:30])
        stats = tmp_path / "stats.json"
        run_batch(str(path), "-o", str(part), "--resume", "--quiet", "--stats", str(stats), "--overwrite")
        assert part.read_bytes() == whole.read_bytes(), cut
        assert json.loads(stats.read_text())["records_read"] == len(records)


def test_resume_refuses_an_output_of_other_inputs(tmp_path: pathlib.Path, pages: list[bytes]) -> None:
    """An output whose sources the inputs never reach is refused, not silently
    treated as done (which skipped every input)."""
    (tmp_path / "a.jsonl").write_text(json.dumps({"html": pages[0].decode()}) + "\n")
    (tmp_path / "b.jsonl").write_text(json.dumps({"html": pages[1].decode()}) + "\n")
    out = tmp_path / "out.jsonl"
    run_batch(str(tmp_path / "a.jsonl"), "-o", str(out))
    proc = run_batch(str(tmp_path / "b.jsonl"), "-o", str(out), "--resume", check=False)
    assert proc.returncode == 1 and "a.jsonl" in proc.stderr and len(lines(out)) == 1


# --- decompression bombs -----------------------------------------------------------


def _peak_child_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def _gzip_bomb(size: int) -> bytes:
    """A gzip member of `size` inflated bytes, made a MiB at a time."""
    deflate = zlib.compressobj(9, zlib.DEFLATED, 31)
    parts = [deflate.compress(b"<p>")]
    parts += [deflate.compress(b"a" * (1 << 20)) for _ in range(size >> 20)]
    return b"".join([*parts, deflate.flush()])


def test_bombs_are_refused_at_max_bytes_not_inflated_whole(
    tmp_path: pathlib.Path, pages: list[bytes]
) -> None:
    """A page file and an HTTP Content-Encoding that inflate to 300 MB were inflated
    whole before the size check (peaks of GBs); now inflating stops at --max-bytes."""
    bomb = _gzip_bomb(300 << 20)
    (tmp_path / "bomb.html.gz").write_bytes(bomb)
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for i, (body, encoding) in enumerate([(bomb, "gzip"), (pages[0], None)]):
        headers = [("Content-Type", "text/html")] + ([("Content-Encoding", encoding)] if encoding else [])
        http = StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://x.example/{i}", "response",
                                                      payload=io.BytesIO(body), http_headers=http))  # fmt: skip
    (tmp_path / "crawl.warc.gz").write_bytes(buffer.getvalue())
    out = tmp_path / "out.jsonl"
    code = (
        "import multiprocessing, resource, sys; from boilerstrip.cli import main; rc = main(sys.argv[1:]);"
        "[p.join() for p in multiprocessing.active_children()];"
        "hwm = next(l for l in open('/proc/self/status') if l.startswith('VmHWM')).split()[1];"
        "print(hwm, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss);"
        "sys.exit(rc)"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, "batch", str(tmp_path / "bomb.html.gz"), str(tmp_path / "crawl.warc.gz"),
         "-o", str(out), "--workers", "1", "--quiet", "--max-bytes", "5000000"],  # fmt: skip
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    parent_kb, child_kb = map(int, proc.stdout.split())
    got = lines(out)
    assert [x["status"] for x in got] == ["error", "error", "ok"]
    assert all("--max-bytes" in str(x["reason"]) for x in got[:2])
    assert 0 < parent_kb < 250_000 and 0 < child_kb < 250_000, (parent_kb, child_kb)


def test_max_bytes_0_is_no_limit_in_the_api(tmp_path: pathlib.Path, pages: list[bytes]) -> None:
    """`BatchOptions(max_bytes=0)`, "no limit" to every reader, made each JSONL input
    one error line (OverflowError: the reader asked for one line of sys.maxsize + 1
    characters, and the rest of the file was lost), and so did a gzipped page file and
    an HTTP Content-Encoding (reads and inflation one past sys.maxsize); the records
    that got through were errors "over --max-bytes 0". (The CLI takes 0 the same way:
    tests/test_cli.py.)"""
    rows = [{"html": page.decode(), "id": f"row{i}"} for i, page in enumerate(pages[:3])]
    (tmp_path / "in.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    (tmp_path / "page.html.gz").write_bytes(gzip.compress(pages[0]))
    (tmp_path / "page.html").write_bytes(pages[1])
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
                            protocol="HTTP/1.1")  # fmt: skip
    writer.write_record(writer.create_warc_record("https://x.example/0", "response",
                                                  payload=io.BytesIO(gzip.compress(pages[2])), http_headers=http))  # fmt: skip
    (tmp_path / "crawl.warc.gz").write_bytes(buffer.getvalue())
    inputs = tuple(
        str(tmp_path / name) for name in ("in.jsonl", "page.html.gz", "page.html", "crawl.warc.gz")
    )
    out = tmp_path / "out.jsonl"
    tally = run(BatchOptions(inputs=inputs, output=str(out), workers=1, quiet=True, max_bytes=0))
    got = lines(out)
    assert [(x["id"], x["status"]) for x in got][:5] == [
        ("row0", "ok"), ("row1", "ok"), ("row2", "ok"), (inputs[1], "ok"), (inputs[2], "ok")
    ], got  # fmt: skip
    assert [x["status"] for x in got if x["url"] == "https://x.example/0"] == ["ok"], got
    assert tally.statuses["error"] == 0, tally.error_reasons


# --- the output: lock, disk full, paths --------------------------------------------


def test_a_second_batch_on_the_same_output_is_refused(tmp_path: pathlib.Path, pages: list[bytes]) -> None:
    """Before, a --resume beside a running batch gave a torn line and 120 duplicate
    records, and both runs exited 0. The first batch reads JSON lines from a pipe the
    test holds open, so it is surely still running while the others try."""
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(b"".join(gzip.compress(r) for r in warc_records(pages, repeat=1)))
    out = tmp_path / "out.jsonl"
    errors = tmp_path / "errors.jsonl"
    command = [sys.executable, "-m", "boilerstrip", "batch", "-", "-o", str(out), "--errors", str(errors)]
    first = subprocess.Popen(
        [*command, "--workers", "1", "--quiet", "--chunk-size", "1"],
        stdin=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert first.stdin is not None
    rows = [(json.dumps({"html": p.decode()}) + "\n").encode() for p in pages * 2]
    first.stdin.writelines(rows[:3])
    first.stdin.flush()
    deadline = time.monotonic() + 60
    while not (out.exists() and out.stat().st_size) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert first.poll() is None and out.stat().st_size, "the first batch wrote nothing"
    started = time.monotonic()
    second = run_batch(str(path), "-o", str(out), "--resume", check=False)
    assert second.returncode == 1 and f"PID {first.pid}" in second.stderr, second.stderr
    assert time.monotonic() - started < 20
    # Another output with the same error file: refused, and the lock it took on its own
    # output is let go (its lock file is not left behind).
    third = run_batch(str(path), "-o", str(tmp_path / "other.jsonl"), "--errors", str(errors), check=False)
    assert third.returncode == 1 and f"PID {first.pid}" in third.stderr, third.stderr
    assert not (tmp_path / ".other.jsonl.lock").exists()
    first.stdin.writelines(rows[3:])
    first.stdin.close()
    assert first.wait(timeout=300) == 0
    got = lines(out)
    assert [x["seq"] for x in got] == list(range(len(rows)))
    assert not list(tmp_path.glob(".*.lock")), "the lock file outlived its batch"


def _limit_file_size() -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (30_000, 30_000))


def test_a_full_disk_ends_in_one_line_and_the_output_resumes(
    tmp_path: pathlib.Path, pages: list[bytes]
) -> None:
    """A write that fails (here EFBIG, past a file-size limit; ENOSPC alike) ended in
    a traceback; now one line, exit 1, and --resume completes the output."""
    (tmp_path / "in.jsonl").write_text("".join(json.dumps({"html": p.decode()}) + "\n" for p in pages * 3))
    whole, part = tmp_path / "whole.jsonl", tmp_path / "part.jsonl"
    run_batch(str(tmp_path / "in.jsonl"), "-o", str(whole), "--quiet")
    proc = subprocess.run(
        [sys.executable, "-m", "boilerstrip", "batch", str(tmp_path / "in.jsonl"), "-o", str(part), "--quiet"],
        capture_output=True, text=True, preexec_fn=_limit_file_size, check=False,
    )  # fmt: skip
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert "cannot write" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    assert 0 < part.stat().st_size <= 30_000
    run_batch(str(tmp_path / "in.jsonl"), "-o", str(part), "--resume", "--quiet")
    assert part.read_bytes() == whole.read_bytes()


def test_paths_are_checked_before_any_record(tmp_path: pathlib.Path) -> None:
    """An unwritable --stats failed only after the whole run; the same file for
    --errors and -o corrupted a line."""
    seed = str(pathlib.Path(__file__).parents[1] / "fixtures" / "seed")
    out = tmp_path / "out.jsonl"
    proc = run_batch(seed, "-o", str(out), "--stats", str(tmp_path / "no" / "s.json"), check=False)
    assert proc.returncode == 2 and "no folder" in proc.stderr and not out.exists()  # a bad argument
    proc = run_batch(seed, "-o", str(out), "--stats", "/proc/version", check=False)
    assert proc.returncode == 1 and "cannot write" in proc.stderr and not out.exists()
    proc = run_batch(seed, "-o", str(out), "--errors", str(out), check=False)
    assert proc.returncode == 1 and "same file" in proc.stderr and not out.exists()


def test_a_record_over_the_memory_cap_is_an_error_line(tmp_path: pathlib.Path) -> None:
    """A worker runs under an address-space cap: the page that needs more than it is
    an error line, and the records after it are cleaned as usual."""
    big = "<html><body>" + "".join(f"<div><p>Paragraph {i} of many words.</p></div>" for i in range(150_000))
    small = "<html><body><article><p>" + "A sentence of the article. " * 40 + "</p></article></body></html>"
    rows = [{"html": small}, {"html": big + "</body></html>"}, {"html": small}]
    (tmp_path / "in.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    out = tmp_path / "out.jsonl"
    run_batch(str(tmp_path / "in.jsonl"), "-o", str(out), "--max-memory", "300", "--workers", "1",
              "--max-bytes", "100000000")  # fmt: skip
    got = lines(out)
    assert [x["status"] for x in got] == ["ok", "error", "ok"]
    assert "memory" in str(got[1]["reason"])


@pytest.mark.skipif(
    not html.TREE_WALK, reason="libxml2's quadratic tree is built only where the walk in C is"
)
def test_a_record_stuck_in_compiled_code_is_cut_off(tmp_path: pathlib.Path, pages: list[bytes]) -> None:
    """SIGALRM cannot stop libxml2: a page of 60,000 attributes on one tag, built into a
    tree because the user raised Config.html_max_attributes, held a worker for many
    seconds past --timeout (35 s here, cut only by the clock check once it returned).
    The per-record CPU limit kills the worker, the record is retried alone and becomes
    an error line, and the next record is cleaned."""
    hostile = "<html><body><p " + " ".join(f"a{i}=x" for i in range(60_000)) + ">text</p></body></html>"
    rows = [{"html": hostile, "id": "stuck"}, {"html": pages[0].decode(), "id": "next"}]
    (tmp_path / "in.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    out = tmp_path / "out.jsonl"
    options = BatchOptions(inputs=(str(tmp_path / "in.jsonl"),), output=str(out), workers=1, quiet=True,
                           timeout=0.5)  # fmt: skip
    started = time.monotonic()
    run(options, Config(html_max_attributes=10**9))
    got = lines(out)
    assert [x["id"] for x in got] == ["stuck", "next"]
    assert got[0]["status"] == "error" and "stopped inside compiled code" in str(got[0]["reason"]), got[0]
    assert got[1]["status"] == "ok"
    assert time.monotonic() - started < 20  # uncut, libxml2 takes about 35 s on this page


# --- stopping the pool ----------------------------------------------------------------

# A worker ended while it sends a result. Holding the GIL (a switch interval longer than
# the run) keeps the pool's manager thread from reading the result pipe, as a loaded
# machine may: the worker fills the pipe and waits, and is ended there, its result cut.
_ENDED_MID_RESULT = """
import multiprocessing, os, sys, time
from concurrent.futures import ProcessPoolExecutor
from boilerstrip.batch.pool import stop_pool

fork = multiprocessing.get_context("fork")
started, returning = fork.RawValue("i", 0), fork.RawValue("i", 0)

def big_result():
    started.value = 1
    time.sleep(0.3)
    returning.value = 1
    return b"x" * (16 << 20)  # far more than a pipe holds

pool = ProcessPoolExecutor(1, mp_context=fork)
pool.submit(int).result()
pool.submit(big_result)
while not started.value:
    time.sleep(0.01)
sys.setswitchinterval(1000)
while not returning.value:
    pass
end = time.monotonic() + 1.5
while time.monotonic() < end:
    pass  # the worker pickles its result, sends, and waits on the full pipe
sys.setswitchinterval(0.005)
stop_pool(pool)
try:
    os.waitpid(-1, os.WNOHANG)
    print("a worker is left unreaped")
except ChildProcessError:
    print("stopped, no worker left")
"""


def test_a_pool_stops_when_a_worker_is_ended_mid_result() -> None:
    """`batch -o -` into a reader that stopped early hung in CI's compiled pass: the
    pool's manager thread waited for ever for the rest of a result cut by the worker's
    end (this process holds a writing end of the result pipe, so no end of file came),
    the shutdown waited for ever on the manager, two workers defunct. This run hung
    every time before the fix."""
    proc = subprocess.Popen([sys.executable, "-c", _ENDED_MID_RESULT], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)  # fmt: skip
    try:
        out, err = proc.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)  # its own session: the run and its workers
        proc.communicate()
        pytest.fail("stopping the pool hung on a worker ended mid-result")
    assert proc.returncode == 0 and out.strip() == "stopped, no worker left", (out, err)


def test_an_alarm_that_goes_off_at_once_is_a_timeout_line() -> None:
    """Before, an alarm that went off between the timer's start and the guarded call
    (here nearly always, with a timer of microseconds; under load, with --timeout 0.0005
    in a test above) raised TimeoutError out of clean_fields instead of giving the
    record's error line."""
    cleaner = Cleaner()
    page = "<html><body><p>" + "The council voted on the plan. " * 20 + "</p></body></html>"
    for timeout in (1e-6, 2e-6, 5e-6, 1e-5, 2e-5, 5e-5) * 20:
        fields = clean_fields(cleaner, page, None, timeout=timeout)
        assert fields["status"] == "error" and "--timeout" in fields["reason"], fields
    assert signal.getsignal(signal.SIGALRM) == signal.SIG_DFL, "the earlier alarm handler is not restored"
    assert clean_fields(cleaner, page, None, timeout=30)["status"] == "ok"


# --- inputs the wild hands over: cut zstd, repeated names, own output, ids ---------


def _jsonl_pages(pages: list[bytes], n: int) -> list[str]:
    return [json.dumps({"html": pages[i % len(pages)].decode(), "id": f"r{i}"}) + "\n" for i in range(n)]


def test_a_cut_jsonl_zst_ends_in_an_error_line_after_every_whole_line(
    tmp_path: pathlib.Path, pages: list[bytes]
) -> None:
    """zstandard's stream reader takes a cut file's end for the end of its data: a
    .jsonl.zst cut at 60% gave the lines before the cut, no error and exit 0, and
    held back a whole line it had read."""
    import zstandard

    rows = _jsonl_pages(pages, 40)
    packed = zstandard.ZstdCompressor().compress("".join(rows).encode())
    cut = tmp_path / "cut.jsonl.zst"
    cut.write_bytes(packed[: len(packed) * 6 // 10])
    whole = len(zstandard.ZstdDecompressor().decompressobj().decompress(cut.read_bytes()).split(b"\n")) - 1
    out = tmp_path / "out.jsonl"
    run_batch(str(cut), "-o", str(out), "--workers", "1")
    got = lines(out)
    assert [x["status"] for x in got[:-1]] == ["ok"] * whole and whole > 5
    assert got[-1]["status"] == "error" and "cut short" in str(got[-1]["reason"])
    assert [x["seq"] for x in got] == list(range(whole + 1))


def test_an_input_reached_twice_is_read_once_and_resumes_exactly(
    tmp_path: pathlib.Path, pages: list[bytes]
) -> None:
    """A file named twice, or named beside the folder that holds it, was read twice, and
    a --resume after a kill wrote some of its records a third time."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.jsonl").write_text("".join(_jsonl_pages(pages, 12)))
    (folder / "b.jsonl").write_text("".join(_jsonl_pages(pages, 5)))
    named = [str(folder / "a.jsonl"), str(folder), str(folder / "a.jsonl"), str(folder / "b.jsonl")]
    out = tmp_path / "out.jsonl"
    run_batch(*named, "-o", str(out), "--workers", "2")
    full = lines(out)
    assert [x["source"] for x in full] == [f"{folder / 'a.jsonl'}:{i}" for i in range(1, 13)] + [
        f"{folder / 'b.jsonl'}:{i}" for i in range(1, 6)
    ]
    raw = out.read_bytes().splitlines(keepends=True)
    out.write_bytes(b"".join(raw[:7]) + raw[7][:20])  # killed while writing line 8
    run_batch(*named, "-o", str(out), "--workers", "2", "--resume")
    assert lines(out) == full


def test_the_batch_never_reads_its_own_output(tmp_path: pathlib.Path, pages: list[bytes]) -> None:
    """An output inside the folder being read was read back as input, line by line as
    it grew: with --chunk-size 1, 14,000 lines from 5 records in 20 s, without end."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.jsonl").write_text("".join(_jsonl_pages(pages, 5)))
    out, errors = folder / "out.jsonl", folder / "errors.jsonl"
    args = (str(folder), "-o", str(out), "--errors", str(errors), "--chunk-size", "1")
    run_batch(*args, "--workers", "2", timeout=120)
    assert [x["status"] for x in lines(out)] == ["ok"] * 5
    run_batch(*args, "--resume", timeout=120)
    assert len(lines(out)) == 5 and not lines(errors)
    fresh = tmp_path / "fresh"  # a folder named as a file:// URL, its output as a path
    fresh.mkdir()
    (fresh / "a.jsonl").write_text("".join(_jsonl_pages(pages, 5)))
    by_url = fresh / "out.jsonl"
    run_batch(
        fresh.as_uri(), fresh.as_uri() + "/a.jsonl", "-o", str(by_url), "--chunk-size", "1", timeout=120
    )
    assert [x["status"] for x in lines(by_url)] == ["ok"] * 5
    other = tmp_path / "other.jsonl"
    proc = run_batch(str(folder / "a.jsonl"), str(other), "-o", str(other), check=False)
    got = lines(other)
    assert [x["status"] for x in got] == ["ok"] * 5 + ["error"], proc.stderr
    assert "the batch writes" in str(got[-1]["reason"])


def test_a_folder_walk_reads_every_kind_it_can(tmp_path: pathlib.Path, pages: list[bytes]) -> None:
    """.ndjson.zst and .wet.zst were readable when named, and passed over without a word
    in a folder."""
    import zstandard

    folder = tmp_path / "in"
    folder.mkdir()
    pack = zstandard.ZstdCompressor().compress
    (folder / "a.ndjson.zst").write_bytes(pack("".join(_jsonl_pages(pages, 3)).encode()))
    (folder / "b.wet.zst").write_bytes(pack(b"".join(warc_records(pages[:2]))))
    (folder / "notes.md").write_text("not an input")
    out = tmp_path / "out.jsonl"
    run_batch(str(folder), "-o", str(out), "--workers", "1")
    sources = [str(x["source"]) for x in lines(out)]
    assert [s.rsplit("/", 1)[1].split(":")[0].split("@")[0] for s in sources] == ["a.ndjson.zst"] * 3 + [
        "b.wet.zst"
    ] * 2


def test_ids_zero_and_false_are_the_records_own(tmp_path: pathlib.Path, pages: list[bytes]) -> None:
    """`obj.get(id) or source` took the ids 0 and false for none."""
    page = pages[0].decode()
    rows = [{"html": page, "id": 0}, {"html": page, "id": False}, {"html": page, "id": ""}, {"html": page}]
    (tmp_path / "in.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    out = tmp_path / "out.jsonl"
    run_batch(str(tmp_path / "in.jsonl"), "-o", str(out))
    assert [x["id"] for x in lines(out)] == [
        "0",
        "false",
        f"{tmp_path / 'in.jsonl'}:3",
        f"{tmp_path / 'in.jsonl'}:4",
    ]


def test_unreadable_segments_each_have_a_line_and_the_output_resumes(
    tmp_path: pathlib.Path, pages: list[bytes]
) -> None:
    """A gzipped WARC deleted mid-run: each segment a worker could no longer open wrote
    the same error line (source: the input's name), and no --resume could read that
    output again. Each now has its own line, placed at its segment's end."""
    from boilerstrip.batch.records import NOTHING_DONE
    from boilerstrip.batch.warc import warc_segments
    from boilerstrip.batch.worker import segment_records

    warc = tmp_path / "big.warc.gz"
    records = warc_records(pages, repeat=3)
    warc.write_bytes(b"".join(gzip.compress(r) for r in records))
    segments = warc_segments(str(warc), 60_000)
    assert len(segments) >= 3
    out = tmp_path / "out.jsonl"
    run_batch(str(warc), "-o", str(out), "--workers", "1")
    full = lines(out)
    first = [x for x in full if int(str(x["source"]).split("@")[1].split("#")[0]) < segments[0][1]]
    gone = tmp_path / "gone.warc.gz"  # what the workers met once the file was deleted
    lost = [next(segment_records((str(gone), s, e, NOTHING_DONE), 0)) for s, e in segments[1:]]
    assert len({r.source for r in lost}) == len(lost) and all("unreadable" in str(r.error) for r in lost)
    kept = [json.dumps({**x, "seq": i}) for i, x in enumerate(first)]
    errs = [
        json.dumps(
            {
                "seq": len(first) + i,
                "id": r.id,
                "url": None,
                "source": r.source.replace(str(gone), str(warc)),
                "status": "error",
                "reason": r.error,
            }
        )  # fmt: skip
        for i, r in enumerate(lost)
    ]
    out.write_text("\n".join(kept + errs) + "\n")
    proc = run_batch(str(warc), "-o", str(out), "--workers", "1", "--resume", check=False)
    assert proc.returncode == 3 and "unreadable input" in proc.stderr  # the earlier lines' errors, told again
    last = proc.stderr.strip().splitlines()[-1]  # segments of one input, not "N more inputs"
    assert f"(and {len(lost) - 1} more unreadable part" in last and "; 1 input in all)" in last, last
    assert len(lines(out)) == len(first) + len(lost)


def test_a_worker_freezes_what_it_made_before_its_first_record() -> None:
    """A pool's worker (it owns its process) moves the modules, models and Cleaner it
    set up out of the garbage collector's walks (`gc.freeze`)."""
    import gc
    from concurrent.futures import ProcessPoolExecutor

    from boilerstrip.batch.worker import init_worker

    options = BatchOptions(inputs=(), output="-", max_memory=0)
    with ProcessPoolExecutor(max_workers=1, initializer=init_worker, initargs=(Config(), options)) as pool:
        assert pool.submit(gc.get_freeze_count).result(timeout=60) > 1000
