"""Batch benchmark: `boilerstrip batch` with 1 and 2 workers beside a datatrove pipeline
(WarcReader -> Trafilatura extractor -> JsonlWriter) on the same WARC and worker count,
in one run, with peak RSS; and boilerstrip's peak RSS at 2,000 and at 20,000 records.

The WARC is built from the 181 HTML pages of ../shared/bench/scrapinghub, repeated
under distinct URLs. Peak RSS is sampled from /proc every 100 ms and summed over the
process tree (parent and workers). Wall time includes start-up, as a user sees it.

With --dask, instead: `boilerstrip batch` beside `boilerstrip batch --dask` (the cluster
path, boilerstrip/batch/cluster.py) with 1 and 2 worker processes on the same WARCs, in one
run, the runs interleaved (the machine is shared and noisy: ratios within a run are
what counts). The Dask path runs on a `dask scheduler` and `dask worker` processes
started before the clock (a cluster that is up, as on a real one), and again on
`--dask local:N`, where the command starts its own LocalCluster.

    python bench/batch_bench.py [--records 2000] [--big 20000] [--repeat 2] [--write docs/benchmarks.md]
    python bench/batch_bench.py --dask [--records 4000] [--shard-mb 8] [--repeat 2] [--write docs/benchmarks.md]
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import gzip
import io
import json
import os
import pathlib
import resource
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


def build_warc(path: pathlib.Path, records: int, first: int = 0) -> int:
    """A gzipped WARC of `records` HTTP responses cycling through the bench pages, the
    first numbered `first`."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    pages = [gzip.decompress(p.read_bytes()) for p in sorted(DATA.glob("*.html.gz"))]
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for i in range(first, first + records):
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


def _tree_cpu(root: int) -> float:
    """CPU seconds of a process and its descendants, with those of the children they
    reaped (a process that ended between two readings is counted in its parent's)."""
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        try:
            fields = pathlib.Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            for task in pathlib.Path(f"/proc/{pid}/task").iterdir():
                stack.extend(int(c) for c in (task / "children").read_text().split())
        except OSError:
            continue
        total += sum(int(f) for f in fields[11:15])  # utime, stime, cutime, cstime
    return total / os.sysconf("SC_CLK_TCK")


def measure_cpu(cmd: list[str], others: tuple[int, ...] = ()) -> tuple[float, float, float]:
    """`measure`, and the CPU seconds that the command and the `others` spent on it: a
    measure of work done that the load of a shared machine moves far less than wall
    time. This process becomes the reaper of the command's orphans (a fork server
    outlives the Dask worker that started it by a moment), so their time counts too."""
    ctypes.CDLL(None).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
    before, served = resource.getrusage(resource.RUSAGE_CHILDREN), sum(map(_tree_cpu, others))
    t, rss = measure(cmd, others)
    _reap_orphans(keep={*others})
    after, served = resource.getrusage(resource.RUSAGE_CHILDREN), sum(map(_tree_cpu, others)) - served
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime + served
    return t, rss, cpu


def _reap_orphans(keep: set[int], wait: float = 30.0) -> None:
    """Wait for the children of this process that are not `keep` (orphans it adopted)."""
    deadline = time.monotonic() + wait
    me = str(os.getpid())
    while time.monotonic() < deadline:
        orphans = []
        for stat in pathlib.Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if fields[1] == me and int(stat.parent.name) not in keep:
                orphans.append(int(stat.parent.name))
        if not orphans:
            return
        for pid in orphans:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)


def measure(cmd: list[str], others: tuple[int, ...] = ()) -> tuple[float, float]:
    """(wall seconds, peak RSS of the process tree in MB) of a command, run away from
    the checkout so that `python -m boilerstrip` is the build `use_build` chose. The
    trees of the `others` (processes that serve it, a Dask cluster) are counted too."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=tempfile.gettempdir())
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, sum(_tree_rss_kb(pid) for pid in (proc.pid, *others)))
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


DASK_RUN = textwrap.dedent(
    """
    import sys
    from boilerstrip.batch import BatchOptions
    from boilerstrip.batch.cluster import ClusterOptions, run
    if __name__ == "__main__":  # the LocalCluster's workers import this module again
        warc, out, address, shard = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
        options = BatchOptions(inputs=(warc,), output=out, overwrite=True, quiet=True)
        run(options, ClusterOptions(address, shard_bytes=shard))
    """
)


def _dask_cluster(folder: pathlib.Path, workers: int) -> tuple[str, list[subprocess.Popen[bytes]]]:
    """A `dask scheduler` and `workers` single-threaded `dask worker` processes; returns
    the scheduler's address and the processes (stopped by `_stop`)."""
    info = folder / f"scheduler{workers}.json"
    info.unlink(missing_ok=True)
    dask = [sys.executable, "-m", "dask"]

    def start(*args: str) -> subprocess.Popen[bytes]:
        return subprocess.Popen([*dask, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                cwd=tempfile.gettempdir())  # fmt: skip

    procs = [start("scheduler", "--port", "0", "--no-dashboard", "--scheduler-file", str(info))]
    while not info.exists():
        time.sleep(0.1)
    procs += [start("worker", "--scheduler-file", str(info), "--nthreads", "1", "--no-dashboard")
              for _ in range(workers)]  # fmt: skip
    address = str(json.loads(info.read_text())["address"])
    from distributed import Client

    with Client(address) as client:
        client.wait_for_workers(workers, timeout=120)
    return address, procs


def _stop(procs: list[subprocess.Popen[bytes]]) -> None:
    for proc in reversed(procs):
        proc.terminate()
    for proc in reversed(procs):
        proc.wait(timeout=60)


def _shard_records(folder: pathlib.Path) -> int:
    """Records with status ok in the shards of a --dask output folder."""
    return sum(_ok_lines(p) for p in sorted(folder.glob("part-*.jsonl")))


def dask_comparison(warcs: pathlib.Path, n: int, work: pathlib.Path, repeat: int, shard: int) -> str:
    """The local batch and the Dask path with 1 and 2 workers on the same WARCs, runs
    interleaved round by round; each row the fastest of its runs. A round's cluster of
    `dask` processes is up only for its own run (idle, it would still take a little of
    the two cores from the others)."""
    script = work / "dask_run.py"
    script.write_text(DASK_RUN)
    inputs = str(warcs / "*.warc.gz")
    best: dict[tuple[str, int], tuple[float, float, float]] = {}
    warm = warcs.parent / "warm"
    warm.mkdir(exist_ok=True)
    build_warc(warm / "warm.warc.gz", 20)

    def timed(key: tuple[str, int], cmd: list[str], others: tuple[int, ...] = ()) -> None:
        t, rss, cpu = measure_cpu(cmd, others)
        old = best.get(key, (t, rss, cpu))
        best[key] = (min(t, old[0]), max(rss, old[1]), min(cpu, old[2]))
        print(
            f"{key[0]} {key[1]}: {n / t:.0f} records/s, {cpu * 1000 / n:.1f} CPU ms a record", file=sys.stderr
        )

    for _ in range(max(repeat, 1)):
        for w in (1, 2):
            timed(("boilerstrip batch", w), [sys.executable, "-m", "boilerstrip", "batch", inputs, "-o",
                  str(work / f"bs{w}.jsonl"), "--overwrite", "--quiet", "--workers", str(w)])  # fmt: skip
            address, procs = _dask_cluster(work, w)
            try:  # a cluster that is up has run a batch before: its workers have boilerstrip imported
                measure(
                    [
                        sys.executable,
                        str(script),
                        str(warm / "*.warc.gz"),
                        str(work / "warm"),
                        address,
                        str(shard),
                    ]
                )
                cmd = [sys.executable, str(script), inputs, str(work / f"dask{w}"), address, str(shard)]
                timed(("boilerstrip batch --dask, cluster running", w), cmd, tuple(p.pid for p in procs))
            finally:
                _stop(procs)
            cmd = [sys.executable, str(script), inputs, str(work / f"local{w}"), f"local:{w}", str(shard)]
            timed(("boilerstrip batch --dask local:N", w), cmd)
    ok = {("boilerstrip batch", w): _ok_lines(work / f"bs{w}.jsonl") for w in (1, 2)}
    ok.update({(k, w): _shard_records(work / f"{d}{w}") for w in (1, 2)
               for k, d in (("boilerstrip batch --dask, cluster running", "dask"), ("boilerstrip batch --dask local:N", "local"))})  # fmt: skip
    rate = {key: n / t for key, (t, _, _) in best.items()}
    lines = [
        f"{len(list(warcs.glob('*.warc.gz')))} gzipped WARCs, {n} HTML responses in all (the 181 benchmark "
        f"pages repeated); the Dask path cuts them in shards of {shard >> 20} MiB. Wall time includes "
        "start-up (the cluster's too for `local:N`; a running cluster has run a small batch before, "
        "so its workers have boilerstrip imported); the runs were interleaved, each row the fastest of "
        f"{max(repeat, 1)}. CPU time and peak RSS count every process of the run: the client, the "
        "workers, the cleaning processes, and the scheduler.",
        "",
        "| pipeline | worker processes | records/s | × local batch | CPU ms a record | × local batch "
        "| pages with text out | peak RSS (MB) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for (name, w), r in rate.items():
        cpu, local_cpu = best[(name, w)][2] * 1000 / n, best[("boilerstrip batch", w)][2] * 1000 / n
        lines.append(f"| {name} | {w} | {r:,.0f} | {r / rate[('boilerstrip batch', w)]:.2f} | {cpu:.1f} | "
                     f"{cpu / local_cpu:.2f} | {ok[(name, w)]:,} | {best[(name, w)][1]:.0f} |")  # fmt: skip
    return "\n".join(lines)


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
    parser.add_argument("--dask", action="store_true", help="the local batch beside the Dask path, only")
    parser.add_argument(
        "--files", type=int, default=4, help="with --dask: WARC files the records are spread over"
    )
    parser.add_argument("--shard-mb", type=int, default=8, help="with --dask: shard size")
    args = parser.parse_args()
    build = use_build(args.source)
    print(f"boilerstrip: {build}", file=sys.stderr)
    work = pathlib.Path(tempfile.mkdtemp(prefix="boilerstrip-bench-"))
    if args.dask:
        try:
            folder = work / "warcs"
            folder.mkdir()
            for i in range(args.files):
                build_warc(
                    folder / f"crawl{i}.warc.gz",
                    args.records // args.files,
                    first=i * (args.records // args.files),
                )
            n = args.records // args.files * args.files
            out = dask_comparison(folder, n, work, args.repeat, args.shard_mb << 20)
            print(out)
            if args.write:
                write_section(args.write, "batch-dask", out, build)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        return
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
