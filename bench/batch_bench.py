"""Batch benchmark: `boilerstrip batch` with 1 and 2 workers beside a datatrove pipeline
(WarcReader -> Trafilatura extractor -> JsonlWriter) on the same WARC and worker count,
in one run, with peak RSS; and boilerstrip's peak RSS at 2,000 and at 20,000 records.

The WARC is built from the 181 HTML pages of ../shared/bench/scrapinghub, repeated
under distinct URLs. Peak RSS is sampled from /proc every 100 ms and summed over the
process tree (parent and workers). Wall time includes start-up, as a user sees it.

    python bench/batch_bench.py [--records 2000] [--big 20000] [--repeat 2] [--write docs/benchmarks.md]
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import pathlib
import shutil
import subprocess
import sys
import tempfile
import textwrap
import threading
import time

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from report import use_build, write_section  # noqa: E402

DATA = HERE.parents[1] / "shared" / "bench" / "scrapinghub" / "html"


def build_warc(path: pathlib.Path, records: int) -> int:
    """A gzipped WARC of `records` HTTP responses cycling through the bench pages."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    pages = [gzip.decompress(p.read_bytes()) for p in sorted(DATA.glob("*.html.gz"))]
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for i in range(records):
            http = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            rec = writer.create_warc_record(
                f"https://bench.example/{i}",
                "response",
                payload=io.BytesIO(pages[i % len(pages)]),
                http_headers=http,
                # As in Common Crawl's WARCs. Without it datatrove's reader asks libmagic,
                # which calls most of these pages text/plain and skips them.
                warc_headers_dict={"WARC-Identified-Payload-Type": "text/html"},
            )
            writer.write_record(rec)
    return records


def _tree_rss_kb(root: int) -> int:
    """Resident memory of a process and all its descendants, in kB. Only the tree is
    read (each process's children from /proc), so sampling costs the machine little."""
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        try:
            status = pathlib.Path(f"/proc/{pid}/status").read_text()
            for task in pathlib.Path(f"/proc/{pid}/task").iterdir():
                stack.extend(int(c) for c in (task / "children").read_text().split())
        except OSError:
            continue  # the process ended meanwhile
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total


def measure(cmd: list[str]) -> tuple[float, float]:
    """(wall seconds, peak RSS of the process tree in MB) of a command, run away from
    the checkout so that `python -m boilerstrip` is the build `use_build` chose."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=tempfile.gettempdir())
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss_kb(proc.pid))
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    elapsed = time.perf_counter() - start
    done.set()
    sampler.join()
    if proc.returncode != 0:
        raise RuntimeError(f"{cmd[:4]} failed: {err.decode()[-800:]}")
    return elapsed, peak / 1024


DATATROVE = textwrap.dedent(
    """
    import sys
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.extractors import Trafilatura
    from datatrove.pipeline.readers import WarcReader
    from datatrove.pipeline.writers import JsonlWriter
    if __name__ == "__main__":  # datatrove's workers import this module again
        folder, out, logs, workers = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
        LocalPipelineExecutor(
            pipeline=[WarcReader(folder, glob_pattern="*.warc.gz"), Trafilatura(), JsonlWriter(out)],
            tasks=workers, workers=workers, logging_dir=logs,
        ).run()
    """
)


def best_of(repeat: int, cmd: list[str], clear: tuple[pathlib.Path, ...] = ()) -> tuple[float, float]:
    """The shortest wall time of `repeat` runs (the machine is shared and noisy), and the
    largest peak RSS seen. The `clear` folders are removed before each run (datatrove
    skips tasks its logs mark as done)."""
    runs = []
    for _ in range(max(repeat, 1)):
        for folder in clear:
            shutil.rmtree(folder, ignore_errors=True)
        runs.append(measure(cmd))
    return min(t for t, _ in runs), max(rss for _, rss in runs)


def _ok_lines(path: pathlib.Path) -> int:
    """Lines of a boilerstrip batch output with status ok (an article came out)."""
    with open(path, encoding="utf-8") as lines:
        return sum(json.loads(line)["status"] == "ok" for line in lines)


def _lines_in(folder: pathlib.Path) -> int:
    """Documents a datatrove JsonlWriter wrote (gzipped JSONL files in `folder`)."""
    return sum(gzip.decompress(p.read_bytes()).count(b"\n") for p in folder.rglob("*.jsonl.gz"))


def boilerstrip_cmd(warc: pathlib.Path, out: pathlib.Path, workers: int) -> list[str]:
    return [sys.executable, "-m", "boilerstrip", "batch", str(warc), "-o", str(out), "--overwrite",
            "--quiet", "--workers", str(workers)]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=2000)
    parser.add_argument("--big", type=int, default=20000, help="records for the flat-memory check (0: skip)")
    parser.add_argument("--write", type=pathlib.Path)
    parser.add_argument(
        "--source",
        action="store_true",
        help="measure the checkout's pure-Python sources, not the installed build",
    )
    parser.add_argument("--repeat", type=int, default=2, help="runs per row; the fastest is kept")
    args = parser.parse_args()
    build = use_build(args.source)
    print(f"boilerstrip: {build}", file=sys.stderr)
    work = pathlib.Path(tempfile.mkdtemp(prefix="boilerstrip-bench-"))
    try:
        folder = work / "warc"
        folder.mkdir()
        warc = folder / "crawl.warc.gz"
        n = build_warc(warc, args.records)
        rows = []
        for workers in (1, 2):
            t, rss = best_of(args.repeat, boilerstrip_cmd(warc, work / f"bs{workers}.jsonl", workers))
            written = _ok_lines(work / f"bs{workers}.jsonl")
            rows.append(("boilerstrip batch", workers, n / t, rss, written))
            print(f"boilerstrip {workers} workers: {n / t:.0f} records/s, {rss:.0f} MB, {written} ok",
                  file=sys.stderr)  # fmt: skip
        script = work / "datatrove_run.py"
        script.write_text(DATATROVE)
        for workers in (1, 2):
            logs = work / f"dt-logs{workers}"
            cmd = [
                sys.executable,
                str(script),
                str(folder),
                str(work / f"dt{workers}"),
                str(logs),
                str(workers),
            ]
            t, rss = best_of(args.repeat, cmd, clear=(logs, work / f"dt{workers}"))
            written = _lines_in(work / f"dt{workers}")
            rows.append(("datatrove WarcReader → Trafilatura → JsonlWriter", workers, n / t, rss, written))
            print(f"datatrove {workers} workers: {n / t:.0f} records/s, {rss:.0f} MB, {written} documents written",
                  file=sys.stderr)  # fmt: skip
        bs = {w: r for name, w, r, _, _ in rows if name.startswith("boilerstrip")}
        dt = {w: r for name, w, r, _, _ in rows if name.startswith("datatrove")}
        lines = [
            f"WARC of {n} HTML responses (the 181 benchmark pages repeated), each marked "
            "`WARC-Identified-Payload-Type: text/html` as in Common Crawl, so that both pipelines "
            "extract every record.",
            "",
            "| pipeline | workers | records/s | pages with text out | peak RSS, all processes (MB) |",
            "|---|---|---|---|---|",
            *(f"| {name} | {w} | {r:,.0f} | {k:,} | {rss:.0f} |" for name, w, r, rss, k in rows),
            "",
            f"boilerstrip: 2 workers give {bs[2] / bs[1]:.2f}× the records/s of 1; "
            f"{bs[1] / dt[1]:.1f}× datatrove+trafilatura with 1 worker, {bs[2] / dt[2]:.1f}× with 2.",
        ]
        if args.big:
            big = folder / "big.warc.gz"
            build_warc(big, args.big)
            t_big, rss_big = measure(boilerstrip_cmd(big, work / "big.jsonl", 2))
            small_rss = next(rss for name, w, _, rss, _ in rows if name.startswith("boilerstrip") and w == 2)
            lines += [
                "",
                f"Flat memory: with 2 workers, peak RSS is {small_rss:.0f} MB on {n} records and "
                f"{rss_big:.0f} MB on {args.big} records ({args.big / t_big:,.0f} records/s).",
            ]
        out = "\n".join(lines)
        print(out)
        if args.write:
            write_section(args.write, "batch", out, build)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
