"""`boilerstrip batch --dask` on real clusters: a LocalCluster of worker processes, and a
scheduler and workers started as separate `dask scheduler` / `dask worker` processes;
real WARC files written by warcio; fsspec's real memory and local filesystems, and an
S3 server (moto's standalone server) where it is installed. Every run is compared with
the local batch on the same inputs: the same lines, statuses and counts."""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import pathlib
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

import boilerstrip
from boilerstrip.batch import BatchOptions, Tally
from boilerstrip.batch import run as run_local
from boilerstrip.batch.cluster import MANIFEST, ClusterOptions
from boilerstrip.batch.cluster import run as run_cluster
from boilerstrip.cli import EXIT_OK, EXIT_UNREADABLE

from .test_batch import HTML_PAGES, TEXT_PAGES, _children, _running, _stat, write_warc

distributed = pytest.importorskip("distributed")

# The stats that differ between two runs of one batch whatever they did.
_TIMING = ("elapsed_seconds", "records_per_second", "resumed_from")
# boilerstrip as this test process imports it, for processes the test starts.
_PACKAGE_ROOT = str(pathlib.Path(boilerstrip.__file__).resolve().parents[1])


def _env(**extra: str) -> dict[str, str]:
    path = os.pathsep.join(p for p in (_PACKAGE_ROOT, os.environ.get("PYTHONPATH")) if p)
    return {**os.environ, "PYTHONPATH": path, **extra}


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    """Two gzipped WARCs (responses, conversions, requests, an image, a 404), a JSONL
    file with a bad line, and a name that matches no file."""
    folder = tmp_path_factory.mktemp("crawl")
    pages = [gzip.decompress(p.read_bytes()) for p in HTML_PAGES]
    texts = [p.read_text(encoding="utf-8") for p in TEXT_PAGES[:4]]
    write_warc(folder / "a.warc.gz", pages * 2, texts)
    write_warc(folder / "b.warc.gz", pages[:6], texts[:2])
    rows = [
        json.dumps({"html": p.decode(), "url": f"https://j.example/{i}"}) for i, p in enumerate(pages[:5])
    ]
    (folder / "c.jsonl").write_text("\n".join([*rows[:2], "{not json", *rows[2:]]) + "\n", encoding="utf-8")
    return folder


def _inputs(crawl: pathlib.Path) -> tuple[str, ...]:
    return (str(crawl / "*.warc.gz"), str(crawl / "c.jsonl"), str(crawl / "missing.jsonl"))


@pytest.fixture(scope="module")
def local(
    crawl: pathlib.Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """The local batch's lines (without `seq`) and stats on the crawl."""
    out = tmp_path_factory.mktemp("local") / "out.jsonl"
    tally = run_local(BatchOptions(inputs=_inputs(crawl), output=str(out), workers=2, quiet=True))
    return _unnumbered(out.read_text(encoding="utf-8").splitlines()), _counts(tally)


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    """A LocalCluster of 2 worker processes, one thread each, shared by the tests."""
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as made:
        yield made


def _unnumbered(lines: list[str]) -> list[dict[str, Any]]:
    rows = [json.loads(line) for line in lines]
    return [{k: v for k, v in row.items() if k != "seq"} for row in rows]


def _counts(tally: Tally | dict[str, Any]) -> dict[str, Any]:
    stats = tally.to_dict() if isinstance(tally, Tally) else tally
    return {k: v for k, v in stats.items() if k not in _TIMING}


def shard_lines(read: Any) -> list[dict[str, Any]]:
    """The lines of a finished cluster batch, shard after shard as its manifest lists
    them (without `seq`), checking the manifest's counts against the files. `read`
    gives a file's text by its name in the output folder."""
    manifest = json.loads(read(MANIFEST))
    assert manifest["complete"] is True
    rows: list[dict[str, Any]] = []
    for entry in manifest["shards"]:
        lines = read(entry["file"]).splitlines() if entry["file"] else []
        assert len(lines) == entry["records"] == sum(entry["status"].values())
        assert [json.loads(x)["seq"] for x in lines] == list(range(len(lines)))
        assert entry["first"] == len(rows)
        rows += _unnumbered(lines)
    assert manifest["records"] == len(rows)
    return rows


def _on_disk(folder: pathlib.Path) -> Any:
    return lambda name: (folder / name).read_text(encoding="utf-8")


def test_a_local_cluster_gives_the_local_batch(
    crawl: pathlib.Path,
    local: tuple[list[dict[str, Any]], dict[str, Any]],
    cluster: Any,
    tmp_path: pathlib.Path,
) -> None:
    """Two worker processes, WARCs cut in several shards each: every record once, in
    input order, with the local batch's lines, statuses and counts."""
    out = tmp_path / "out"
    options = BatchOptions(inputs=_inputs(crawl), output=str(out), quiet=True)
    with distributed.Client(cluster) as client:  # a client of the caller's (Coiled, jobqueue)
        tally = run_cluster(options, ClusterOptions(shard_bytes=60_000), client=client)
    lines, stats = local
    assert shard_lines(_on_disk(out)) == lines
    assert _counts(tally) == stats and stats["unreadable_inputs"] and stats["status"]["error"] >= 2
    manifest = json.loads((out / MANIFEST).read_text())
    cut = [e for e in manifest["shards"] if e["input"].endswith("a.warc.gz")]
    assert len(cut) > 3 and cut[0]["start"] == 0 and cut[-1]["end"] == (crawl / "a.warc.gz").stat().st_size
    assert not [p for p in out.iterdir() if p.name.startswith(".")], "scratch files left behind"


def _worker_tree(pid: int) -> list[int]:
    """A process and all its descendants."""
    tree, stack = [], [pid]
    while stack:
        tree.append(stack.pop())
        stack += _children(tree[-1])
    return tree


def test_a_worker_killed_mid_shard_loses_nothing(
    crawl: pathlib.Path, local: tuple[list[dict[str, Any]], dict[str, Any]], tmp_path: pathlib.Path
) -> None:
    """SIGKILL to a worker process while it writes a shard: Dask runs the shard again
    on a worker that lives, and the batch ends with every record once. The killed
    worker's cleaning processes end with it.

    On a LocalCluster of its own, closed with the test: the module's shared one never
    loses a worker, so no later test's client waits on a cluster that is replacing one
    (the state in which CI once hung, in the test after this one)."""
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as own:
        result = _kill_a_busy_worker(crawl, own.scheduler_address, tmp_path / "out")
    lines, stats = local
    assert shard_lines(_on_disk(tmp_path / "out")) == lines
    assert _counts(result["tally"]) == stats


def _kill_a_busy_worker(crawl: pathlib.Path, address: str, out: pathlib.Path) -> dict[str, Any]:
    """A cluster batch on `address` whose busiest worker is killed mid-shard; what the
    batch returned, once it has ended and the killed worker's processes are gone."""
    options = BatchOptions(inputs=_inputs(crawl), output=str(out), quiet=True, chunk_size=2)
    result: dict[str, Any] = {}

    def batch() -> None:
        try:
            result["tally"] = run_cluster(options, ClusterOptions(address, shard_bytes=250_000))
        except BaseException as exc:  # noqa: BLE001 - reported by the test thread
            result["error"] = exc

    runner = threading.Thread(target=batch)
    with distributed.Client(address) as client:
        runner.start()
        victim, tree = _busy_worker(client, out)
        os.kill(victim, signal.SIGKILL)
        runner.join(timeout=240)
        assert not runner.is_alive() and "error" not in result, result
        deadline = time.monotonic() + 15
        while any(map(_running, tree)) and time.monotonic() < deadline:
            time.sleep(0.1)
        alive = [pid for pid in tree if _running(pid)]
        assert not alive, [
            (pid, _stat(pid)[:2], pathlib.Path(f"/proc/{pid}/cmdline").read_bytes()[:200]) for pid in alive
        ]
    return result


def _busy_worker(client: Any, out: pathlib.Path) -> tuple[int, list[int]]:
    """(PID, process tree) of a worker that is writing a shard it has not finished: it
    holds a task, a scratch file has lines in it, and a cleaning process runs."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        scratch = [p for p in out.glob(".part-*.tmp") if p.exists() and p.stat().st_size > 0]
        busy = [address for address, keys in client.processing().items() if keys]
        if scratch and busy:
            pids = client.run(os.getpid, workers=busy[:1])
            pid = int(next(iter(pids.values())))
            tree = _worker_tree(pid)
            if len(tree) > 1:
                return pid, tree
        time.sleep(0.05)
    pytest.fail("no worker was seen writing a shard")


def test_cli_local_cluster_refuses_and_resumes(
    crawl: pathlib.Path,
    local: tuple[list[dict[str, Any]], dict[str, Any]],
    cluster: Any,
    tmp_path: pathlib.Path,
) -> None:
    """`--dask local:2` makes its own cluster; an earlier batch in the folder is refused
    without --resume, and --resume (here on a scheduler's address) redoes a shard whose
    file went missing, keeping the others; a manifest of other inputs is refused, and so
    is --errors (error lines stay in the shards)."""
    out, stats = tmp_path / "out", tmp_path / "stats.json"
    args = [*_inputs(crawl), "-o", str(out), "--quiet", "--stats", str(stats)]
    _cli(*args, "--dask", "local:2", expect=EXIT_UNREADABLE)
    lines, counts = local
    assert shard_lines(_on_disk(out)) == lines
    assert _counts(json.loads(stats.read_text())) == counts
    again = _cli(*args, "--dask", cluster.scheduler_address, check=False)
    assert again.returncode == 1 and "--resume" in again.stderr
    manifest = json.loads((out / MANIFEST).read_text())
    lost = next(e for e in manifest["shards"] if e["file"])
    (out / lost["file"]).unlink()
    _cli(*args, "--dask", cluster.scheduler_address, "--resume", expect=EXIT_UNREADABLE)
    assert shard_lines(_on_disk(out)) == lines
    resumed = json.loads(stats.read_text())
    assert resumed["resumed_from"] == counts["records_read"] - lost["records"]
    other = _cli(str(crawl / "b.warc.gz"), "-o", str(out), "--dask", "local:2", "--resume", check=False)
    assert other.returncode == 1 and "another batch" in other.stderr
    apart = _cli(*args, "--dask", "local:2", "--errors", str(tmp_path / "errors.jsonl"), check=False)
    assert apart.returncode == 1 and "--errors" in apart.stderr


def _cli(
    *args: str, check: bool = True, env: dict[str, str] | None = None, expect: int = EXIT_OK
) -> subprocess.CompletedProcess[str]:
    """Run `boilerstrip batch`; with `check`, its exit status must be `expect` (a batch
    whose inputs name a missing file ends with EXIT_UNREADABLE once the rest is done)."""
    proc = subprocess.run(
        [sys.executable, "-m", "boilerstrip", "batch", *args],
        capture_output=True,
        text=True,
        check=False,
        env=env or _env(),
        timeout=300,
    )
    if check:
        assert proc.returncode == expect, proc.stderr[-3000:]
    return proc


@contextlib.contextmanager
def _dask_processes(folder: pathlib.Path, workers: int) -> Iterator[str]:
    """A `dask scheduler` and `workers` `dask worker` processes, as on separate hosts;
    yields the scheduler's address and stops them all.

    No client of this test process waits for the workers: the batch's client hands out
    work as they join. CI once hung in this test for its whole 90 minutes, where every
    wait of the test's own is bounded. Such a client was the one part left to Dask's
    internals (its connection and its closing, around a wait of 60 s), a second one in a
    process whose LocalCluster had just lost a worker to SIGKILL: the likeliest place,
    not a proven one. The processes write nothing to this process's output, which a
    run stopped by pytest-timeout (os._exit) would leave them holding open."""
    info = folder / "scheduler.json"
    dask = [sys.executable, "-m", "dask"]
    quiet: dict[str, Any] = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    started = [subprocess.Popen([*dask, "scheduler", "--port", "0", "--no-dashboard", "--scheduler-file",
                                 str(info)], env=_env(), **quiet)]  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while not info.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        for _ in range(workers):
            started.append(subprocess.Popen([*dask, "worker", "--scheduler-file", str(info), "--nthreads", "1",
                                             "--no-dashboard", "--death-timeout", "120"], env=_env(), **quiet))  # fmt: skip
        yield str(json.loads(info.read_text())["address"])
    finally:
        for proc in reversed(started):
            proc.terminate()
        for proc in reversed(started):
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def test_separate_processes_and_a_killed_client_resume(
    crawl: pathlib.Path, local: tuple[list[dict[str, Any]], dict[str, Any]], tmp_path: pathlib.Path
) -> None:
    """A scheduler and two workers started as processes of their own; the client is
    killed (SIGKILL) after some shards are done; `--resume` keeps those the manifest
    lists and redoes the rest: every record once."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in ("a.warc.gz", "b.warc.gz", "c.jsonl"):
        for copy in range(2):  # more shards (a whole file each from the command line)
            shutil.copy(crawl / name, inputs / f"{copy}{name}")
    out = tmp_path / "out"
    with _dask_processes(tmp_path, workers=2) as address:
        args = [str(inputs), "-o", str(out), "--dask", address, "--quiet", "--chunk-size", "4"]
        client = subprocess.Popen([sys.executable, "-m", "boilerstrip", "batch", *args], env=_env(),
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        done = _wait_for_shards(out, client)
        client.kill()
        client.wait()
        stats = tmp_path / "stats.json"
        _cli(*args, "--resume", "--stats", str(stats))
    assert shard_lines(_on_disk(out)) == _renamed(local[0], crawl, inputs)
    resumed = json.loads(stats.read_text())
    assert 0 < done <= resumed["resumed_from"] < resumed["records_read"]


def _renamed(lines: list[dict[str, Any]], crawl: pathlib.Path, copies: pathlib.Path) -> list[dict[str, Any]]:
    """The local batch's lines as they are for the copies of its files in `copies`
    (0a.warc.gz, 0b.warc.gz, 0c.jsonl, 1a.warc.gz, ...): the same lines, file by file."""
    out = []
    for copy in sorted(p.name for p in copies.iterdir()):
        original, renamed = f"{crawl}/{copy[1:]}", f"{copies}/{copy}"
        for line in lines:
            if line["source"].startswith(original):
                out.append({**line, **{k: line[k].replace(original, renamed) for k in ("id", "source")}})
    return out


def _wait_for_shards(out: pathlib.Path, client: subprocess.Popen[bytes]) -> int:
    """Records in the shards the manifest lists as done, once there are some and the
    batch is not complete."""
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError, ValueError):
            manifest = json.loads((out / MANIFEST).read_text())
            done = [e["records"] for e in manifest["shards"] if e["records"]]
            if done and not manifest["complete"]:
                return sum(done)
        if client.poll() is not None:
            pytest.fail("the batch ended before it could be killed")
        time.sleep(0.05)
    pytest.fail("no shard was done in time")


def test_fsspec_memory_filesystem(crawl: pathlib.Path, tmp_path: pathlib.Path) -> None:
    """Inputs and output on fsspec's memory filesystem (a cluster of worker threads,
    which share it): the local batch's records; a shard whose file went missing is
    redone on --resume; --overwrite leaves no shard of the earlier batch. The local
    batch reads the same URLs."""
    fsspec = pytest.importorskip("fsspec")
    memory = fsspec.filesystem("memory")
    for name in ("a.warc.gz", "b.warc.gz", "c.jsonl"):
        memory.pipe(f"/crawl/{name}", (crawl / name).read_bytes())
    inputs = ("memory://crawl/*.warc.gz", "memory://crawl/c.jsonl")
    expected = tmp_path / "local.jsonl"
    local_tally = run_local(BatchOptions(inputs=inputs, output=str(expected), workers=2, quiet=True))
    lines = _unnumbered(expected.read_text(encoding="utf-8").splitlines())
    assert len(lines) == local_tally.read and lines[0]["source"].startswith("memory:///crawl/a.warc.gz@")
    read = lambda name: memory.cat_file(f"/out/{name}").decode("utf-8")  # noqa: E731
    options = BatchOptions(inputs=inputs, output="memory://out", quiet=True)
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=":0"
    ) as c:
        tally = run_cluster(options, ClusterOptions(c.scheduler_address, shard_bytes=60_000))
        assert shard_lines(read) == lines and _counts(tally) == _counts(local_tally)
        manifest = json.loads(read(MANIFEST))
        lost = [e for e in manifest["shards"] if e["file"]][-2]
        memory.rm(f"/out/{lost['file']}")
        resumed = run_cluster(
            BatchOptions(inputs=inputs, output="memory://out", quiet=True, resume=True),
            ClusterOptions(c.scheduler_address, shard_bytes=60_000),
        )
        assert shard_lines(read) == lines
        assert resumed.resumed_from == local_tally.read - lost["records"]
        assert not [p for p in memory.ls("/out", detail=False) if p.rsplit("/", 1)[-1].startswith(".")]
        # --overwrite with other inputs: the earlier batch's shards go, none is left over.
        jsonl = BatchOptions(inputs=inputs[1:], output="memory://out", quiet=True, overwrite=True)
        run_cluster(jsonl, ClusterOptions(c.scheduler_address))
    assert shard_lines(read) == [x for x in lines if "/crawl/c.jsonl:" in x["source"]]
    assert sorted(p.rsplit("/", 1)[-1] for p in memory.ls("/out", detail=False)) == [
        MANIFEST,
        "part-00000.jsonl",
    ]


def test_local_filesystem_urls_and_parquet_shards(
    crawl: pathlib.Path,
    local: tuple[list[dict[str, Any]], dict[str, Any]],
    cluster: Any,
    tmp_path: pathlib.Path,
) -> None:
    """file:// URLs through fsspec's local filesystem, read and written by worker
    processes, and Parquet shards: the local batch's rows."""
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "out"
    inputs = tuple(f"file://{path}" for path in _inputs(crawl))
    options = BatchOptions(inputs=inputs, output=f"file://{out}", quiet=True, output_format="parquet")
    tally = run_cluster(options, ClusterOptions(cluster.scheduler_address, shard_bytes=60_000))
    manifest = json.loads((out / MANIFEST).read_text())
    rows = [
        row for e in manifest["shards"] if e["file"] for row in pq.read_table(out / e["file"]).to_pylist()
    ]
    lines, stats = local
    assert len(rows) == len(lines) == tally.read and tally.to_dict()["status"] == stats["status"]
    for row, line in zip(rows, lines, strict=True):
        assert row["source"] == f"file://{line['source']}"
        assert (row["status"], row["text"], row["title"]) == (
            line["status"],
            line.get("text"),
            line.get("title"),
        )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_s3_through_a_moto_server(
    crawl: pathlib.Path,
    local: tuple[list[dict[str, Any]], dict[str, Any]],
    cluster: Any,
    tmp_path: pathlib.Path,
) -> None:
    """s3:// inputs and output against moto's standalone S3 server on this machine,
    through s3fs, read and written by the worker processes: the local batch's records.
    The endpoint and keys reach s3fs through the environment, as for a real bucket."""
    pytest.importorskip("s3fs")
    server = shutil.which("moto_server", path=os.path.dirname(sys.executable)) or shutil.which("moto_server")
    if server is None:
        pytest.skip("moto's server is not installed")
    port = _free_port()
    aws = {"AWS_ENDPOINT_URL": f"http://127.0.0.1:{port}", "AWS_ACCESS_KEY_ID": "test",
           "AWS_SECRET_ACCESS_KEY": "test", "AWS_DEFAULT_REGION": "us-east-1"}  # fmt: skip
    moto = subprocess.Popen([server, "-H", "127.0.0.1", "-p", str(port)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        with distributed.Client(cluster.scheduler_address) as client:
            client.wait_for_workers(2, timeout=60)  # both, for client.run to reach
            client.run(_export, aws)
            try:
                got = _s3_batch(crawl, port, aws, cluster.scheduler_address)
            finally:
                client.run(_forget, list(aws))
    finally:
        moto.terminate()
        moto.wait(timeout=30)
    lines, _ = local
    prefix = str(crawl) + "/"
    assert [{**x, "source": x["source"].replace("s3://crawl/in/", prefix),
             "id": x["id"].replace("s3://crawl/in/", prefix)} for x in got] == lines  # fmt: skip


def _export(values: dict[str, str]) -> None:
    os.environ.update(values)


def _forget(names: list[str]) -> None:
    for name in names:
        os.environ.pop(name, None)


def _s3_batch(crawl: pathlib.Path, port: int, aws: dict[str, str], address: str) -> list[dict[str, Any]]:
    import s3fs

    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError):
            socket.create_connection(("127.0.0.1", port), 0.2).close()
            break
        time.sleep(0.05)
    s3 = s3fs.S3FileSystem(key="test", secret="test", endpoint_url=aws["AWS_ENDPOINT_URL"])
    s3.mkdir("crawl")
    for name in ("a.warc.gz", "b.warc.gz", "c.jsonl"):
        s3.put_file(str(crawl / name), f"crawl/in/{name}")
    inputs = ["s3://crawl/in/*.warc.gz", "s3://crawl/in/c.jsonl", "s3://crawl/in/missing.jsonl"]
    _cli(
        *inputs, "-o", "s3://crawl/out", "--dask", address, "--quiet", env=_env(**aws), expect=EXIT_UNREADABLE
    )
    s3.invalidate_cache()
    return shard_lines(lambda name: s3.cat_file(f"crawl/out/{name}").decode("utf-8"))


def test_cli_dask_refuses_stdout_and_stdin(tmp_path: pathlib.Path) -> None:
    """With --dask, -o is a folder of shards and the workers cannot read the client's
    stdin: both are usage errors (exit 2) before any cluster starts."""
    page = tmp_path / "a.html"
    page.write_text("<p>hello</p>")
    to_stdout = _cli(str(page), "-o", "-", "--dask", "local:1", check=False)
    assert to_stdout.returncode == 2 and "folder of shards" in to_stdout.stderr
    from_stdin = _cli("-", "-o", str(tmp_path / "out"), "--dask", "local:1", check=False)
    assert from_stdin.returncode == 2 and "stdin" in from_stdin.stderr
