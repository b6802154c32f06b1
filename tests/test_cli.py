"""The command line as scripts use it (issue 16): real subprocess runs of
`python -m boilerstrip` on real files, checked by exit status, stdout, stderr and the
files they leave. Each test names what the command did before it was fixed."""

from __future__ import annotations

import gzip
import json
import os
import pathlib
import select
import signal
import subprocess
import sys
import time

import pytest

from .conftest import FIXTURES
from .test_batch import HTML_PAGES, lines, write_warc

SEED = FIXTURES / "seed" / "japantoday-ap-protest.txt"


def cli(
    *args: str, stdin: bytes | None = None, cwd: pathlib.Path | None = None, prelude: str = ""
) -> subprocess.CompletedProcess[str]:
    """`python -m boilerstrip ARGS`, or the same entry point after `prelude` (Python run
    first in the same process, to take a package away)."""
    command = [sys.executable, "-m", "boilerstrip", *args]
    if prelude:
        command = [sys.executable, "-c", f"import sys; {prelude}; from boilerstrip.cli import main;"
                   " sys.exit(main(sys.argv[1:]))", *args]  # fmt: skip
    proc = subprocess.run(command, input=stdin, capture_output=True, cwd=cwd, check=False)
    return subprocess.CompletedProcess(
        proc.args, proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")
    )


def one_line_error(proc: subprocess.CompletedProcess[str], code: int, *words: str) -> None:
    """The run ended with `code` and one line on stderr that holds `words`."""
    assert proc.returncode == code, (proc.returncode, proc.stderr)
    assert "Traceback" not in proc.stderr, proc.stderr
    last = proc.stderr.strip().splitlines()[-1]
    assert all(w in last for w in words), last
    assert len(proc.stderr.strip().splitlines()) == 1 or code != 2, proc.stderr


@pytest.fixture(scope="module")
def pages() -> list[bytes]:
    return [gzip.decompress(p.read_bytes()) for p in HTML_PAGES[:3]]


# --- exit status: 0 only when something was cleaned and every input was read ---------


def test_batch_of_a_missing_folder_or_an_empty_glob_exits_3(tmp_path: pathlib.Path) -> None:
    """Both exited 0 with a lone error line."""
    proc = cli("batch", str(tmp_path / "no-such-folder"), "-o", str(tmp_path / "a.jsonl"))
    one_line_error(proc, 3, "cannot read", "no-such-folder", "no such file")
    proc = cli("batch", str(tmp_path / "*.html"), "-o", str(tmp_path / "b.jsonl"), "--quiet")
    one_line_error(proc, 3, "no file matches")
    # The accounting is unchanged: the input is still one error line in the output.
    assert [x["status"] for x in lines(tmp_path / "b.jsonl")] == ["error"]


def test_batch_where_every_record_fails_exits_4(tmp_path: pathlib.Path) -> None:
    """A wrong --html-field made all 20 records errors, and the batch exited 0."""
    rows = "".join(json.dumps({"body": SEED.read_text(encoding="utf-8"), "id": i}) + "\n" for i in range(20))
    (tmp_path / "in.jsonl").write_text(rows, encoding="utf-8")
    proc = cli("batch", str(tmp_path / "in.jsonl"), "-o", str(tmp_path / "out.jsonl"), "--workers", "2")
    one_line_error(proc, 4, "nothing was cleaned", "20 records", "no 'html' or 'text' field")
    proc = cli("batch", str(tmp_path / "in.jsonl"), "-o", str(tmp_path / "ok.jsonl"), "--html-field", "body")
    assert proc.returncode == 0, proc.stderr
    assert {x["status"] for x in lines(tmp_path / "ok.jsonl")} == {"ok"}


def test_batch_reads_warcs_without_fastwarc(tmp_path: pathlib.Path, pages: list[bytes]) -> None:
    """The WARC reader frames records itself: a batch refused every WARC without
    FastWARC, a package it no longer used."""
    write_warc(tmp_path / "crawl.warc.gz", pages, [], extras=False)
    out = tmp_path / "out.jsonl"
    proc = cli(
        "batch", str(tmp_path / "crawl.warc.gz"), "-o", str(out), "--workers", "2",
        prelude="sys.modules['fastwarc'] = None",
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert [x["status"] for x in lines(out)] == ["ok"] * len(pages)


def test_batch_of_a_zst_warc_without_zstandard_is_refused_before_any_line(
    tmp_path: pathlib.Path, pages: list[bytes]
) -> None:
    """Without zstandard every .warc.zst would be one error line, and the batch exit 0."""
    zstandard = pytest.importorskip("zstandard")
    write_warc(tmp_path / "crawl.warc", pages, [], extras=False)
    zst = tmp_path / "crawl.warc.zst"
    zst.write_bytes(zstandard.ZstdCompressor().compress((tmp_path / "crawl.warc").read_bytes()))
    out = tmp_path / "out.jsonl"
    proc = cli("batch", str(zst), "-o", str(out), prelude="sys.modules['zstandard'] = None")
    one_line_error(proc, 1, "needs the zstandard package", "pip install")
    assert not out.exists()
    assert cli("batch", str(zst), "-o", str(out), "--quiet").returncode == 0
    assert [x["status"] for x in lines(out)] == ["ok"] * len(pages)


def test_batch_counts_unreadable_inputs_by_their_names(tmp_path: pathlib.Path) -> None:
    """Two unreadable files named like places ("notes:1", "notes:2") are two inputs: the
    summary read them as two lines of one input "notes" (review of stop 38)."""
    for name in ("notes:1", "notes:2"):
        (tmp_path / name).write_text("of no type boilerstrip reads", encoding="utf-8")
    (tmp_path / "ok.html").write_bytes(SEED.read_bytes())
    proc = cli("batch", "notes:1", "notes:2", "ok.html", "-o", "out.jsonl", "--quiet", cwd=tmp_path)
    one_line_error(proc, 3, "cannot read notes:1", "(and 1 more input)")


def test_batch_exits_0_with_a_failed_record_among_good_ones(tmp_path: pathlib.Path) -> None:
    rows = [{"html": SEED.read_text(encoding="utf-8")}, {"html": ""}, {"nothing": 1}]
    (tmp_path / "in.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    proc = cli("batch", str(tmp_path / "in.jsonl"), "-o", str(tmp_path / "out.jsonl"))
    assert proc.returncode == 0, proc.stderr
    assert [x["status"] for x in lines(tmp_path / "out.jsonl")] == ["ok", "error", "error"]


def test_clean_exit_status_follows_the_same_table(tmp_path: pathlib.Path) -> None:
    proc = cli("clean", str(tmp_path / "missing.html"))
    one_line_error(proc, 3, "cannot read", "missing.html")
    (tmp_path / "noise.bin").write_bytes(bytes(range(256)) * 64)
    one_line_error(cli("clean", str(tmp_path / "noise.bin")), 4, "binary data")
    assert cli("clean", str(SEED)).returncode == 0


# --- bad arguments: one line, exit 2, nothing written --------------------------------


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["-o", "{tmp}/no/such/dir/x.jsonl"], ["-o/--output", "no folder", "no/such/dir"]),
        (["-o", "{tmp}/out.jsonl", "--workers", "-1"], ["--workers", "-1"]),
        (["-o", "{tmp}/out.jsonl", "--timeout", "-5"], ["--timeout", "-5"]),
        (["-o", "{tmp}/out.jsonl", "--timeout", "nan"], ["--timeout", "nan"]),
        (["-o", "{tmp}/out.jsonl", "--max-bytes", "-1"], ["--max-bytes", "-1"]),
        (["-o", "{tmp}/out.jsonl", "--chunk-size", "x"], ["--chunk-size", "'x'"]),
        (["-o", "{tmp}"], ["-o/--output", "is a folder"]),
        (["-o", "{tmp}/out.jsonl", "--errors", "{tmp}"], ["--errors", "is a folder"]),
        (["-o", "{tmp}/out.jsonl", "--stats", "{tmp}/no/s.json"], ["--stats", "no folder"]),
    ],
)
def test_bad_batch_arguments_are_one_line_and_exit_2(
    tmp_path: pathlib.Path, args: list[str], words: list[str]
) -> None:
    """They gave FileNotFoundError, ValueError and PicklingError tracebacks, an error
    line for every record (--timeout -5), or "exists: pass --resume" for a folder."""
    proc = cli("batch", str(SEED), *[a.format(tmp=tmp_path) for a in args])
    one_line_error(proc, 2, "boilerstrip batch: error: argument", *words)
    assert sorted(os.listdir(tmp_path)) == [], "a refused run wrote something"


def test_max_bytes_0_is_no_limit(tmp_path: pathlib.Path) -> None:
    """`--max-bytes 0` was a usage error (exit 2), while the batch API, `--timeout` and
    `--max-memory` take 0 as no limit: now the CLI does too. A limit under the page's
    size makes it an error line; 0 cleans it."""
    rows = [{"html": SEED.read_text(encoding="utf-8"), "id": "seed"}]
    (tmp_path / "in.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    small = cli(
        "batch", str(tmp_path / "in.jsonl"), "-o", str(tmp_path / "small.jsonl"), "--max-bytes", "100"
    )
    assert small.returncode == 4, small.stderr
    assert "over --max-bytes" in lines(tmp_path / "small.jsonl")[0]["reason"]
    proc = cli("batch", str(tmp_path / "in.jsonl"), "-o", str(tmp_path / "out.jsonl"), "--max-bytes", "0")
    assert proc.returncode == 0, proc.stderr
    assert [(x["id"], x["status"]) for x in lines(tmp_path / "out.jsonl")] == [("seed", "ok")]
    helped = " ".join(cli("batch", "--help").stdout.split())
    assert "--max-bytes MAX_BYTES larger records are errors (0: no limit)" in helped


def test_the_same_file_for_output_and_errors_is_refused_even_by_a_hard_link(tmp_path: pathlib.Path) -> None:
    out, link = tmp_path / "out.jsonl", tmp_path / "link.jsonl"
    out.write_text("")
    os.link(out, link)
    proc = cli("batch", str(SEED), "-o", str(out), "--errors", str(link), "--overwrite")
    one_line_error(proc, 1, "-o and --errors name the same file")
    assert out.read_text() == ""


def test_help_shows_defaults_and_exit_codes() -> None:
    text = " ".join(cli("batch", "--help").stdout.split())
    assert (
        "(default: 30.0)" in text
        and "(default: 4096)" in text
        and "(default: from -o's suffix, else jsonl)" in text
    )
    assert "exit status:" in text and "nothing was cleaned" in text
    assert "(default: False)" not in text and "(default: None)" not in text


def test_batch_options_are_batch_options_fields_and_defaults(tmp_path: pathlib.Path) -> None:
    """The command line's batch options are BatchOptions' fields, by name, and its
    defaults BatchOptions' own: with none given the run gets BatchOptions' defaults,
    and each one given reaches its field."""
    from boilerstrip.batch import BatchOptions
    from boilerstrip.batch.records import JsonlFields
    from boilerstrip.cli import build_parser
    from boilerstrip.cli.batch import batch_options, check_batch_paths

    out, errors, stats = (str(tmp_path / name) for name in ("out.jsonl", "errors.jsonl", "stats.json"))

    def options(*given: str) -> BatchOptions:
        args = build_parser().parse_args(["batch", "in.warc", "-o", out, *given])
        check_batch_paths(args.parser, args)
        return batch_options(args)

    assert options() == BatchOptions(inputs=("in.warc",), output=out)
    flags = "--comments --content-only --resume --overwrite --quiet".split()
    numbers = "--workers 3 --chunk-size 5 --max-bytes 7 --timeout 2.5 --max-memory 9".split()
    keys = "--html-field h --text-field t --url-field u --id-field i".split()
    assert options("--errors", errors, "--stats", stats, *flags, *numbers, *keys) == BatchOptions(
        inputs=("in.warc",), output=out, errors=errors, stats=stats, workers=3, chunk_size=5,
        comments=True, content_only=True, resume=True, overwrite=True, quiet=True, max_bytes=7,
        timeout=2.5, max_memory=9, fields=JsonlFields("h", "t", "u", "i"),
    )  # fmt: skip


def test_summary_counts_one_record_as_one_record(tmp_path: pathlib.Path) -> None:
    """It said "1 records"."""
    proc = cli("batch", str(SEED), "-o", str(tmp_path / "out.jsonl"))
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.startswith("1 record (ok 1);"), proc.stderr


def test_the_summary_after_resume_counts_the_whole_output(tmp_path: pathlib.Path) -> None:
    """It counted only the records of the resumed part."""
    rows = [{"html": SEED.read_text(encoding="utf-8"), "id": i} for i in range(5)]
    rows[1] = {"id": 1}  # an error line, in the part done before the interruption
    (tmp_path / "in.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out, stats = tmp_path / "out.jsonl", tmp_path / "stats.json"
    assert cli("batch", str(tmp_path / "in.jsonl"), "-o", str(out)).returncode == 0
    whole = out.read_text(encoding="utf-8")
    out.write_text("".join(whole.splitlines(keepends=True)[:3]), encoding="utf-8")  # as a kill leaves it
    proc = cli("batch", str(tmp_path / "in.jsonl"), "-o", str(out), "--resume", "--stats", str(stats))
    assert proc.returncode == 0, proc.stderr
    assert out.read_text(encoding="utf-8") == whole
    assert proc.stderr.startswith("5 records (error 1, ok 4);"), proc.stderr
    counted = json.loads(stats.read_text())
    assert counted["status"] == {"error": 1, "ok": 4} and counted["resumed_from"] == 3
    assert counted["labels_of_records"] == 2 and counted["accounted"]
    # A resume of a finished output cleans nothing more, and is no failure.
    proc = cli("batch", str(tmp_path / "in.jsonl"), "-o", str(out), "--resume", "--quiet")
    assert proc.returncode == 0 and proc.stderr == "", proc.stderr


def test_no_pool_thread_outlives_a_batch(tmp_path: pathlib.Path) -> None:
    """The pool was shut down without waiting: its manager thread, still running at
    exit, raced Python's exit hook for its wakeup pipe and printed "Exception ignored
    in: <module 'threading'> ... Bad file descriptor" (2 runs in 60 here)."""
    import threading

    from boilerstrip.batch import BatchOptions, run

    copies = [tmp_path / f"seed-{i}.txt" for i in range(3)]  # three inputs: one named thrice is read once
    for copy in copies:
        copy.write_bytes(SEED.read_bytes())
    options = BatchOptions(
        inputs=tuple(map(str, copies)), output=str(tmp_path / "out.jsonl"), workers=2, quiet=True
    )
    assert run(options).statuses["ok"] == 3
    left = [t for t in threading.enumerate() if type(t).__name__ == "_ExecutorManagerThread"]
    assert not left, left


# --- output: the format from the file name, stdout, and JSON lines on stdin ----------


def test_a_parquet_output_name_gives_parquet(tmp_path: pathlib.Path) -> None:
    """`-o out.parquet` wrote JSON lines into it."""
    import pyarrow.parquet as pq

    out = tmp_path / "out.parquet"
    assert cli("batch", str(SEED), "-o", str(out), "--quiet").returncode == 0
    assert pq.read_table(out).column("status").to_pylist() == ["ok"]


@pytest.mark.parametrize(
    ("name", "args", "words"),
    [
        ("out.parquet", ["--format", "jsonl"], ["names a parquet file", "--format jsonl"]),
        ("out.jsonl", ["--format", "parquet"], ["names a jsonl file", "--format parquet"]),
        ("out.jsonl.gz", [], ["compressed file"]),
        ("-", ["--format", "parquet"], ["Parquet is not written to stdout"]),
        ("-", ["--resume"], ["--resume", "cannot be resumed"]),
    ],
)
def test_an_output_that_is_not_what_its_name_says_is_refused(
    tmp_path: pathlib.Path, name: str, args: list[str], words: list[str]
) -> None:
    proc = cli("batch", str(SEED), "-o", name, *args, cwd=tmp_path)
    one_line_error(proc, 2, *words)
    assert os.listdir(tmp_path) == []


def test_output_dash_is_stdout(tmp_path: pathlib.Path) -> None:
    """`-o -` made a file named "-"."""
    proc = cli("batch", str(SEED), str(tmp_path / "gone.html"), "-o", "-", cwd=tmp_path)
    assert proc.returncode == 3, proc.stderr
    got = [json.loads(x) for x in proc.stdout.splitlines()]
    assert [x["status"] for x in got] == ["ok", "error"] and [x["seq"] for x in got] == [0, 1]
    assert "output: -" in proc.stderr and os.listdir(tmp_path) == []


def test_batch_reads_json_lines_on_stdin(tmp_path: pathlib.Path) -> None:
    """`batch -` said "no such file"."""
    rows = "".join(
        json.dumps({"html": SEED.read_text(encoding="utf-8"), "id": f"r{i}"}) + "\n" for i in range(3)
    )
    out = tmp_path / "out.jsonl"
    for data in (rows.encode(), gzip.compress(rows.encode())):
        proc = cli("batch", "-", "-o", str(out), "--overwrite", stdin=data)
        assert proc.returncode == 0, proc.stderr
        got = lines(out)
        assert [(x["id"], x["source"], x["status"]) for x in got] == [
            ("r0", "-:1", "ok"), ("r1", "-:2", "ok"), ("r2", "-:3", "ok")
        ]  # fmt: skip
    one_line_error(cli("batch", "-", "-", "-o", str(out), "--overwrite"), 2, "stdin")


# --- clean: gzip, several files, -o, --version, comments and blocks -------------------


def test_clean_reads_a_gzipped_page(tmp_path: pathlib.Path) -> None:
    """`clean x.html.gz` said "decompress it first", while batch read it."""
    page = gzip.decompress(HTML_PAGES[0].read_bytes())
    plain = cli("clean", "-", stdin=page)
    assert plain.returncode == 0 and plain.stdout.strip()
    assert cli("clean", str(HTML_PAGES[0])).stdout == plain.stdout
    assert cli("clean", "-", stdin=gzip.compress(page)).stdout == plain.stdout
    (tmp_path / "cut.html.gz").write_bytes(gzip.compress(page)[:-100])
    one_line_error(cli("clean", str(tmp_path / "cut.html.gz")), 3, "cannot read", "corrupt gzip")


def test_clean_takes_several_files_and_writes_json_lines(tmp_path: pathlib.Path) -> None:
    """`clean` took one file."""
    (tmp_path / "ls.bin").write_bytes(pathlib.Path("/bin/ls").read_bytes()[:20_000])
    files = [str(SEED), str(HTML_PAGES[0]), str(tmp_path / "ls.bin"), str(tmp_path / "gone.html")]
    proc = cli("clean", *files, "-o", str(tmp_path / "out.jsonl"))
    assert proc.returncode == 3, proc.stderr  # gone.html cannot be read
    got = lines(tmp_path / "out.jsonl")
    assert [x["file"] for x in got] == files and proc.stdout == ""
    assert [x["status"] for x in got] == ["ok", "ok", "error", "error"]
    assert got[0]["text"] == json.loads(cli("clean", str(SEED), "--format", "json").stdout)["text"]
    assert "ELF executable" in str(got[2]["reason"]) and "cannot read" in str(got[3]["reason"])
    one_line_error(cli("clean", *files[:2], "--format", "text"), 2, "JSON line")


def test_clean_writes_to_a_file_with_o(tmp_path: pathlib.Path) -> None:
    out = tmp_path / "article.md"
    proc = cli("clean", str(SEED), "-o", str(out), "--format", "markdown")
    assert proc.returncode == 0 and proc.stdout == ""
    assert out.read_text(encoding="utf-8") == cli("clean", str(SEED), "--format", "markdown").stdout
    one_line_error(cli("clean", str(SEED), "-o", str(tmp_path / "no" / "x.txt")), 2, "no folder")
    one_line_error(cli("clean", str(SEED), "-o", str(tmp_path)), 2, "is a folder")


def test_version() -> None:
    import boilerstrip

    proc = cli("--version")
    assert proc.returncode == 0 and proc.stdout.startswith(f"boilerstrip {boilerstrip.__version__} ("), proc


def test_comments_in_text_come_after_a_separator() -> None:
    """The comments ran on after the article with nothing between."""
    data = json.loads(cli("clean", str(SEED), "--comments", "--format", "json").stdout)
    assert len(data["comments"]) >= 2
    text = cli("clean", str(SEED), "--comments").stdout
    article, _, rest = text.partition(f"\n\n--- {len(data['comments'])} comments ---\n\n")
    assert article == data["text"]
    assert rest.rstrip("\n").split("\n\n---\n\n") == [c["text"] for c in data["comments"]]


def test_blocks_carry_kept_and_need_json() -> None:
    """--blocks was ignored without --format json, and blocks had no kept flag."""
    data = json.loads(cli("clean", str(SEED), "--blocks").stdout)  # --blocks alone: JSON
    kept = [b["text"] for b in data["blocks"] if b["kept"]]
    assert kept and "\n\n".join(kept) == data["text"]
    assert all(b["label"] != "article" for b in data["blocks"] if not b["kept"])
    for fmt in ("text", "markdown"):
        one_line_error(cli("clean", str(SEED), "--blocks", "--format", fmt), 2, "--blocks", "JSON")


# --- binaries are no pages ----------------------------------------------------------


def _binaries() -> dict[str, bytes]:
    """Real binary files of this machine, and files made by their own libraries."""
    import io
    import tarfile
    import zipfile

    zipped, tarred = io.BytesIO(), io.BytesIO()
    with zipfile.ZipFile(zipped, "w") as z:
        z.writestr("page.html", SEED.read_text(encoding="utf-8"))
    with tarfile.open(fileobj=tarred, mode="w") as t:
        info = tarfile.TarInfo("page.txt")
        data = SEED.read_bytes()
        info.size = len(data)
        t.addfile(info, io.BytesIO(data))
    pdf = (
        b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
        + SEED.read_bytes()
    )
    return {
        "ELF executable": pathlib.Path(sys.executable).resolve().read_bytes()[:200_000],
        "ZIP archive": zipped.getvalue(),
        "tar archive": tarred.getvalue(),
        "PDF document": pdf,  # ASCII only: valid UTF-8, still no page
    }


@pytest.mark.parametrize("kind", ["ELF executable", "ZIP archive", "tar archive", "PDF document"])
def test_binaries_are_refused_by_their_magic_bytes(kind: str) -> None:
    """An ELF executable came out as 60 KB of CJK "text" (language zh), exit 0."""
    import boilerstrip

    with pytest.raises(boilerstrip.InputError, match=kind):
        boilerstrip.clean(_binaries()[kind])


def test_batch_marks_binaries_as_errors(tmp_path: pathlib.Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    for i, (_, data) in enumerate(sorted(_binaries().items())):
        (site / f"{i}.html").write_bytes(data)
    (site / "9.txt").write_bytes(SEED.read_bytes())
    proc = cli("batch", str(site), "-o", str(tmp_path / "out.jsonl"))
    assert proc.returncode == 0, proc.stderr
    got = lines(tmp_path / "out.jsonl")
    assert [x["status"] for x in got] == ["error"] * 4 + ["ok"]
    assert [k in str(x["reason"]) for x, k in zip(got, sorted(_binaries()), strict=False)] == [True] * 4


def _on_a_terminal(args: list[str]) -> tuple[int, str]:
    """Run the command with its output on a pseudo-terminal of 120 columns, as a person
    sees it; returns (exit status, what the terminal showed)."""
    import fcntl
    import pty
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    proc = subprocess.Popen([sys.executable, "-m", "boilerstrip", *args], stdin=subprocess.DEVNULL,
                            stdout=slave, stderr=slave)  # fmt: skip
    os.close(slave)
    shown = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the command closed the terminal
            break
        if not data:
            break
        shown.append(data)
    os.close(master)
    return proc.wait(timeout=120), b"".join(shown).decode("utf-8", "replace")


def test_the_progress_bar_has_a_total_and_an_eta(tmp_path: pathlib.Path) -> None:
    """The bar counted records, with no total and no ETA, even for a folder."""
    from tqdm import tqdm

    page = SEED.read_text(encoding="utf-8")
    (tmp_path / "in.jsonl").write_text("".join(json.dumps({"html": page}) + "\n" for _ in range(40)))
    (tmp_path / "pages").mkdir()
    for i in range(3):
        (tmp_path / "pages" / f"{i}.txt").write_text(page, encoding="utf-8")
    total = sum(p.stat().st_size for p in [tmp_path / "in.jsonl", *(tmp_path / "pages").iterdir()])
    status, shown = _on_a_terminal(["batch", str(tmp_path / "in.jsonl"), str(tmp_path / "pages"),
                                    "-o", str(tmp_path / "out.jsonl"), "--workers", "2"])  # fmt: skip
    assert status == 0, shown
    size = tqdm.format_sizeof(total)
    assert "100%" in shown and f"| {size}/{size} [" in shown and "<00:00" in shown, shown
    assert "records=43, errors=0" in shown and "43 records (ok 43)" in shown, shown
    # On stdin the size is unknown: the bar counts records.
    status, shown = _on_a_terminal(["batch", "-", "-o", str(tmp_path / "out2.jsonl")])
    assert status == 4 and "0 records" in shown and "%" not in shown, shown


# --- WARC records that hold no page ---------------------------------------------------


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_content_only_leaves_request_and_warcinfo_records_out_and_counts_them(
    tmp_path: pathlib.Path, pages: list[bytes], name: str
) -> None:
    """Request and warcinfo records filled half the output as `skipped`, with no way to
    leave them out."""
    warc = tmp_path / name
    n = write_warc(warc, pages, [SEED.read_text(encoding="utf-8")])  # warcinfo, a request a page, ...
    whole, stats = tmp_path / "whole.jsonl", tmp_path / "stats.json"
    proc = cli("batch", str(warc), "-o", str(whole), "--content-only", "--stats", str(stats))
    assert proc.returncode == 0, proc.stderr
    got = lines(whole)
    # Responses (pages, an image, a 404) and the conversion record stay; a 404 is still "skipped".
    assert [x["seq"] for x in got] == list(range(len(got))) and len(got) == n - len(pages) - 1
    assert [x["status"] for x in got] == ["ok"] * (len(pages) + 1) + ["skipped", "skipped"]
    counted = json.loads(stats.read_text())
    assert counted["left_out"] == {"request record": len(pages), "warcinfo record": 1}
    assert counted["accounted"] and counted["records_read"] == len(got)
    assert f"left out (--content-only): request record {len(pages)}, warcinfo record 1" in proc.stderr
    # Resumed, it continues after the last record written, whatever was left out.
    part = tmp_path / "part.jsonl"
    part.write_text("".join(whole.read_text().splitlines(keepends=True)[:2]))
    proc = cli("batch", str(warc), "-o", str(part), "--content-only", "--resume", "--quiet")
    assert proc.returncode == 0, proc.stderr
    assert part.read_text() == whole.read_text()
    # Without the option every record is a line, as before.
    assert cli("batch", str(warc), "-o", str(tmp_path / "all.jsonl"), "--quiet").returncode == 0
    assert len(lines(tmp_path / "all.jsonl")) == n


def test_the_cli_docs_name_every_option_and_exit_status() -> None:
    """docs/cli.md is the CLI's reference: an option or exit status added without a
    word there fails here."""
    import argparse
    import re

    from boilerstrip.cli import EXIT_CODES, build_parser

    from .conftest import ROOT

    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    parser = build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices
    for command in [parser, *commands.values()]:
        for action in command._actions:
            for option in set(action.option_strings) - {"-h", "--help"}:
                assert re.search(rf"`[^`]*{re.escape(option)}\b", text), f"{command.prog} {option}"
    for code, _ in EXIT_CODES:
        assert f"\n| {code} |" in text, code


# --- explain -------------------------------------------------------------------------


def test_explain_shows_every_block_with_its_decision() -> None:
    """Why a block was dropped was only visible in --blocks JSON."""
    blocks = json.loads(cli("clean", str(SEED), "--blocks").stdout)["blocks"]
    proc = cli("explain", str(SEED))
    assert proc.returncode == 0, proc.stderr
    header, *rows = proc.stdout.splitlines()
    kept = sum(b["kept"] for b in blocks)
    assert (
        header.startswith("# Wives of mobilized Russian soldiers")
        and f"{len(blocks)} blocks, {kept} kept" in header
    )
    assert len(rows) == len(blocks) and "\x1b[" not in proc.stdout  # piped: no colour
    for row, block in zip(rows, blocks, strict=True):
        number, mark, label = row.split()[:3]
        assert (int(number), mark == "kept", label) == (block["index"], block["kept"], block["label"])
        assert row.endswith("← " + block["reasons"][-1]) and " ".join(block["text"].split())[:30] in row
    only = cli("explain", str(SEED), "--only", "comment", "--only", "copyright").stdout.splitlines()[1:]
    assert only and {r.split()[2] for r in only} == {"comment", "copyright"}
    assert len(only) == sum(b["label"] in ("comment", "copyright") for b in blocks)
    one_line_error(cli("explain", str(SEED), "--only", "nonsense"), 2, "--only", "invalid choice")


def test_explain_is_coloured_on_a_terminal_and_reads_gzip(tmp_path: pathlib.Path) -> None:
    status, shown = _on_a_terminal(["explain", str(HTML_PAGES[0])])
    assert status == 0 and "\x1b[32m" in shown and "\x1b[0m" in shown, shown
    plain = cli("explain", "-", stdin=gzip.decompress(HTML_PAGES[0].read_bytes())).stdout
    assert plain == cli("explain", str(HTML_PAGES[0])).stdout and "\x1b[" not in plain
    assert "\x1b[32m" in cli("explain", str(SEED), "--color", "always").stdout
    (tmp_path / "ls").write_bytes(pathlib.Path(sys.executable).resolve().read_bytes()[:50_000])
    one_line_error(cli("explain", str(tmp_path / "ls")), 4, "ELF executable")


def _into_a_reader_that_stops(args: list[str], after: int | None, err: pathlib.Path) -> int:
    """The exit status of `python -m boilerstrip ARGS` whose stdout is a pipe that its
    reader closes after `after` bytes (as `head -c` does), or before the run writes
    (None); stderr goes to `err`. Every wait is bounded: the run that hung CI would
    fail here, ended with its workers (its own session), instead of hanging."""
    read, write = os.pipe()
    if after is None:
        os.close(read)
    with err.open("wb") as stderr:
        proc = subprocess.Popen([sys.executable, "-m", "boilerstrip", *args], stdin=subprocess.DEVNULL,
                                stdout=write, stderr=stderr, start_new_session=True)  # fmt: skip
    os.close(write)
    deadline = time.monotonic() + 120
    if after is not None:
        got = b""
        while len(got) < after and select.select([read], [], [], max(0.0, deadline - time.monotonic()))[0]:
            chunk = os.read(read, after - len(got))
            got += chunk
            if not chunk:
                break
        os.close(read)
    try:
        return proc.wait(timeout=max(0.0, deadline - time.monotonic()))
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        pytest.fail(f"boilerstrip {args[0]} did not end within 120 s of its reader stopping")


@pytest.mark.parametrize(
    ("command", "after"),
    [("batch", 100), ("batch", None), ("clean", 100), ("clean", None)]
    + [("one page", None), ("explain", None), ("report", None)],
)
def test_a_reader_that_stops_early_gets_one_line_and_no_traceback(
    tmp_path: pathlib.Path, command: str, after: int | None
) -> None:
    """`clean ... | head` said "cannot write None", and Python printed a BrokenPipeError
    at exit; `batch -o -` hung in CI's compiled pass (its pool, stopped while a worker
    sent a result, waited for ever); `explain` into a closed pipe exited 0 silently,
    and `explain --html -` gave a BrokenPipeError traceback."""
    rows = "".join(json.dumps({"text": SEED.read_text(encoding="utf-8")}) + "\n" for _ in range(200))
    (tmp_path / "in.jsonl").write_text(rows, encoding="utf-8")
    args = {
        "batch": ["batch", str(tmp_path / "in.jsonl"), "-o", "-", "--quiet"],
        "clean": ["clean", *[str(SEED)] * 60, "--blocks"],
        "one page": ["clean", str(SEED)],
        "explain": ["explain", str(SEED)],
        "report": ["explain", str(SEED), "--html", "-"],
    }[command]
    status = _into_a_reader_that_stops(args, after, tmp_path / "err.txt")
    err = (tmp_path / "err.txt").read_text()
    assert status == 1, err
    assert err.strip().splitlines() == [err.strip()] and "cannot write stdout: Broken pipe" in err, err
