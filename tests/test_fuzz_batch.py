"""Property tests of the batch's readers and of the CLI's arguments (issue 17): for any
input file a reader yields one record a line (JSON lines) or the file's records and
an error record (WARC, page files), and never raises; any command line ends with one
of the documented exit statuses and no traceback. Bounded and derandomized like
tests/test_fuzz.py."""

from __future__ import annotations

import gzip
import io
import json
import pathlib
import tempfile
from contextlib import redirect_stderr, redirect_stdout

from hypothesis import given
from hypothesis import strategies as st

from boilerstrip.batch.records import JsonlFields
from boilerstrip.batch.sources import read_file
from boilerstrip.cli import EXIT_CODES, main

from .test_fuzz import FUZZ, HOSTILE, PROSE, _seeded, hostile_text

FIELDS = JsonlFields("html", "text", "url", "id")

# A JSON lines line: a record with a page, one without, a JSON value that is no
# object, broken JSON, JSON nested deep, hostile text, whitespace (\r, \x0b, \x0c,
# \u2028: JSON allows some between tokens, and none of them ends a line).
json_value = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=20)),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)
record_line = st.builds(
    lambda page, key, extra: json.dumps({key: page, "url": "https://example.org/a", **extra}),
    hostile_text,
    st.sampled_from(("html", "text", "body")),
    st.dictionaries(st.sampled_from(("id", "url", "html", "x")), json_value, max_size=2),
)
line = st.one_of(
    record_line,
    record_line.map(lambda s: s.replace(", ", ",\r ", 1)),
    record_line.map(lambda s: s.replace(", ", ",\x0c ", 1)),
    json_value.map(json.dumps),
    st.sampled_from(
        ('{"html": "<p>a \\ud800</p>"}', "[" * 3000 + "]" * 3000, '{"html": ', "\x00", " ", "\t")
    ),
    hostile_text.map(lambda s: s.replace("\n", " ")),
    st.sampled_from(HOSTILE).map(lambda s: s.replace("\n", " ")),
)


def _write(folder: pathlib.Path, name: str, data: bytes) -> str:
    path = folder / name
    path.write_bytes(data)
    return str(path)


@_seeded
@FUZZ
@given(lines=st.lists(line, max_size=12), gzipped=st.booleans())
def test_a_jsonl_file_gives_one_record_a_line(lines: list[str], gzipped: bool) -> None:
    """Every line that is not blank is one record, ok or in error, with its own source."""
    data = "".join(f"{text}\n" for text in lines).encode("utf-8", "surrogatepass")
    with tempfile.TemporaryDirectory() as tmp:
        name = "in.jsonl.gz" if gzipped else "in.jsonl"
        path = _write(pathlib.Path(tmp), name, gzip.compress(data) if gzipped else data)
        records = list(read_file(path, None, FIELDS))
    lines_in = [n for n, text in enumerate(data.split(b"\n")[:-1], 1) if text.strip(b" \t\r\n\x0b\x0c")]
    assert [r.source for r in records] == [f"{path}:{n}" for n in lines_in]
    assert all((r.data is None) != (r.error is None) or r.skip for r in records)


@_seeded
@FUZZ
@given(
    head=st.sampled_from(
        (b"", b"WARC/1.0\r\n", b"WARC/1.1\r\nWARC-Type: response\r\nContent-Length: 10\r\n\r\n")
    ),
    body=st.binary(max_size=600),
    gzipped=st.booleans(),
)
def test_any_warc_bytes_give_records_or_an_error_never_a_raise(
    head: bytes, body: bytes, gzipped: bool
) -> None:
    data = head + body
    with tempfile.TemporaryDirectory() as tmp:
        path = _write(
            pathlib.Path(tmp),
            "in.warc.gz" if gzipped else "in.warc",
            gzip.compress(data) if gzipped else data,
        )
        records = list(read_file(path, None, FIELDS))
    assert len({r.source for r in records}) == len(records)


@_seeded
@FUZZ
@given(
    page=hostile_text.map(lambda s: s.encode("utf-8", "surrogatepass")) | st.binary(max_size=400),
    suffix=st.sampled_from((".html", ".txt", ".html.gz", ".htm")),
)
def test_a_page_file_is_one_record(page: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data = gzip.compress(page) if suffix.endswith(".gz") else page
        records = list(read_file(_write(pathlib.Path(tmp), "page" + suffix, data), None, FIELDS))
    assert len(records) == 1


OPTIONS = ("--workers", "--chunk-size", "--timeout", "--max-bytes", "--max-memory", "--format", "--html-field",
           "--errors", "--stats", "--resume", "--overwrite", "--quiet", "--content-only", "--comments", "-o")  # fmt: skip
VALUES = ("0", "1", "-1", "-5", "2.5", "nan", "inf", "99999999999999999999", "", "jsonl", "parquet", "x", "-")


@_seeded
@FUZZ
@given(args=st.lists(st.one_of(st.sampled_from(OPTIONS), st.sampled_from(VALUES)), max_size=8))
def test_any_batch_command_line_ends_with_a_documented_status(args: list[str]) -> None:
    """Options and values in any order, on one real page, output in a temporary folder:
    a documented exit status, and never a traceback."""
    with tempfile.TemporaryDirectory() as tmp:
        page = _write(pathlib.Path(tmp), "page.html", f"<p>{PROSE * 3}</p>".encode())
        out, err = io.StringIO(), io.StringIO()
        argv = ["batch", page, "-o", str(pathlib.Path(tmp) / "out.jsonl"), "--quiet", "--workers", "1", *args]
        try:
            with redirect_stdout(out), redirect_stderr(err):
                status = main(argv)
        except SystemExit as exc:  # argparse's usage errors
            status = exc.code if isinstance(exc.code, int) else 2
    assert status in {code for code, _ in EXIT_CODES}, (argv, err.getvalue()[-2000:])
    assert "Traceback" not in err.getvalue(), (argv, err.getvalue()[-2000:])
