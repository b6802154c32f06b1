"""`boilerstrip batch` on WARC files whose framing is broken in the ways crawls break
it: junk between records, a wrong Content-Length, a file cut inside a record, an HTTP
payload cut short. Every intact record comes out, every bad record or stretch is one
error line, and `--resume` after any line gives the output of one uninterrupted run.

The WARCs are written by warcio; the faults are bytes spliced into them. Each case
was seen to lose or silently truncate records before the reader checked framing."""

from __future__ import annotations

import base64
import gzip
import hashlib
import io
import json
import pathlib
import re
import zlib
from collections.abc import Callable

import pytest
import zstandard
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from boilerstrip.batch import BatchOptions, run

from .test_batch import HTML_PAGES, lines, run_batch

Layout = str  # "plain.warc", "member.warc.gz" (a gzip member a record), "stream.warc.gz", ...


@pytest.fixture(scope="module")
def pages() -> list[bytes]:
    """The fixture pages of 25-120 KB: big enough to cut 20,000 bytes off, quick to clean."""
    found = [gzip.decompress(p.read_bytes()) for p in HTML_PAGES]
    return [p for p in found if 25_000 < len(p) < 150_000]


def response(url: str, payload: bytes, http: list[tuple[str, str]] | None = None, **warc: str) -> bytes:
    """One uncompressed WARC response record, as warcio writes it: `payload` after HTTP
    headers `http` (an HTML page's by default), `warc` as extra WARC header fields."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    fields = http if http is not None else [("Content-Type", "text/html; charset=utf-8")]
    head = StatusAndHeaders("200 OK", fields, protocol="HTTP/1.1")
    rec = writer.create_warc_record(url, "response", payload=io.BytesIO(payload), http_headers=head,
                                    warc_headers_dict=warc or None)  # fmt: skip
    writer.write_record(rec)
    return buffer.getvalue()


def records(pages: list[bytes], count: int) -> list[bytes]:
    return [response(f"https://news.example/{i}", pages[i % len(pages)]) for i in range(count)]


def layout_bytes(layout: Layout, parts: list[bytes]) -> bytes:
    """The WARC of `parts` (records, and junk spliced between them) in a layout: as
    they are, one gzip member a part, one gzip stream, one zstd frame."""
    if layout == "member.warc.gz":
        return b"".join(gzip.compress(p) for p in parts)
    if layout == "stream.warc.gz":
        return gzip.compress(b"".join(parts))
    if layout == "stream.warc.zst":
        return zstandard.ZstdCompressor().compress(b"".join(parts))
    return b"".join(parts)


def set_length(record: bytes, length: int | None) -> bytes:
    """The record with its WARC Content-Length set to `length` (None: the field gone)."""
    head, sep, block = record.partition(b"\r\n\r\n")
    field = b"" if length is None else b"Content-Length: %d\r\n" % length
    return re.sub(rb"Content-Length: \d+\r\n", field, head + b"\r\n", count=1)[:-2] + sep + block


def block_length(record: bytes) -> int:
    found = re.search(rb"Content-Length: (\d+)\r\n", record.partition(b"\r\n\r\n")[0] + b"\r\n")
    assert found is not None
    return int(found.group(1))


def batch(path: pathlib.Path, out: pathlib.Path, *args: str) -> list[dict[str, object]]:
    run_batch(str(path), "-o", str(out), "--quiet", "--workers", "1", *args)
    return lines(out)


def by_url(got: list[dict[str, object]]) -> dict[object, tuple[object, object]]:
    return {x["url"]: (x["status"], x.get("text")) for x in got if x["status"] != "error"}


# --- junk between records ----------------------------------------------------------

JUNK = {"space": b" ", "nuls": b"\x00" * 8, "blank lines": b"\r\n\r\n\n", "text": b"junk junk junk\r\n" * 20}


@pytest.mark.parametrize("layout", ["plain.warc", "member.warc.gz", "between-members.warc.gz"])
def test_junk_between_records_costs_no_record(
    tmp_path: pathlib.Path, pages: list[bytes], layout: Layout
) -> None:
    """Before, one stray space or eight NULs after a record made the intact record
    after it "corrupt WARC data", its page lost (in a gzip member, after the record's
    CRLF CRLF, as in a plain file); text between records did the same; whitespace
    between gzip members was an error line. Now padding (whitespace, NULs) is passed
    over, other junk is one error line naming its bytes, and every record comes out."""
    recs = records(pages, 1 + len(JUNK))
    clean_file = tmp_path / "clean.warc"
    clean_file.write_bytes(b"".join(recs))
    expected = by_url(batch(clean_file, tmp_path / "clean.jsonl"))
    if layout == "between-members.warc.gz":  # the junk as raw bytes between gzip members
        data = b"".join(gzip.compress(r) + junk for r, junk in zip(recs, [*JUNK.values(), b""], strict=True))
    else:  # the junk after a record's CRLF CRLF, in its gzip member
        data = layout_bytes(layout.replace("between-members", "member"),
                            [r + junk for r, junk in zip(recs, [*JUNK.values(), b""], strict=True)])  # fmt: skip
    (tmp_path / layout).write_bytes(data)
    got = batch(tmp_path / layout, tmp_path / "out.jsonl")
    errors = [x for x in got if x["status"] == "error"]
    assert by_url(got) == expected  # every record, with its whole text
    assert len(errors) == 1  # the text; its 320 bytes named (raw between gzip members: not a member)
    first, last = map(int, re.findall(r"(\d+)-(\d+)", str(errors[0]["reason"]))[0])
    assert last - first == len(JUNK["text"]), errors[0]["reason"]
    assert [x["seq"] for x in got] == list(range(len(recs) + 1))


# --- a wrong Content-Length --------------------------------------------------------

CHANGES: dict[str, int | None] = {
    "1 short": -1,
    "2 short": -2,
    "20000 short": -20_000,
    "7 long": 7,
    "missing": None,
}


@pytest.mark.parametrize("layout", ["plain.warc", "member.warc.gz", "stream.warc.gz"])
def test_a_wrong_content_length_is_that_records_error(
    tmp_path: pathlib.Path, pages: list[bytes], layout: Layout
) -> None:
    """Before, a Content-Length 2 or more bytes short threw away the next, intact
    record ("corrupt WARC data"); 20,000 bytes short, the record came out ok with a
    sixth of its text, and the next was lost; 1 short, ok with its last byte gone; a
    missing one cost two records. Now a block not followed by the CRLF CRLF that ends
    every record is that record's error line, and the records after it come out."""
    recs = records(pages, 2 * len(CHANGES) + 1)
    bad = {2 * i + 1: change for i, change in enumerate(CHANGES.values())}
    spliced = [
        set_length(r, None if bad[i] is None else block_length(r) + bad[i]) if i in bad else r
        for i, r in enumerate(recs)
    ]
    (tmp_path / "clean.warc").write_bytes(b"".join(recs))
    expected = by_url(batch(tmp_path / "clean.warc", tmp_path / "clean.jsonl"))
    (tmp_path / layout).write_bytes(layout_bytes(layout, spliced))
    got = batch(tmp_path / layout, tmp_path / "out.jsonl")
    assert len(got) == len(recs)
    errors = {x["url"]: str(x["reason"]) for x in got if x["status"] == "error"}
    assert sorted(errors) == [f"https://news.example/{i}" for i in sorted(bad)]
    assert all(
        r.startswith(("wrong WARC Content-Length", "WARC record without a valid")) for r in errors.values()
    )
    assert by_url(got) == {
        url: v for url, v in expected.items() if int(str(url).rsplit("/", 1)[1]) not in bad
    }


def test_a_content_length_that_swallows_a_record_in_a_gzipped_warc(
    tmp_path: pathlib.Path, pages: list[bytes]
) -> None:
    """Before, a Content-Length too long by exactly the next record (its CRLF CRLF still
    followed the block) swallowed that record: no line for it, no error. In a gzipped
    WARC the block runs into the next record's own gzip member: now an error line for
    the record, and the swallowed record comes out, read alone or in segments."""
    recs = records(pages, 4)
    spliced = [recs[0], set_length(recs[1], block_length(recs[1]) + len(recs[2])), recs[2], recs[3]]
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(layout_bytes("member.warc.gz", spliced))
    for segment_bytes in (1 << 30, 1):
        out = tmp_path / f"out{segment_bytes}.jsonl"
        run(
            BatchOptions(
                inputs=(str(path),), output=str(out), workers=1, quiet=True, segment_bytes=segment_bytes
            )
        )
        got = lines(out)
        assert [(x["url"], x["status"]) for x in got] == [
            ("https://news.example/0", "ok"), ("https://news.example/1", "error"),
            ("https://news.example/2", "ok"), ("https://news.example/3", "ok"),
        ]  # fmt: skip
        assert "run into the record of the gzip member" in str(got[1]["reason"])


@pytest.mark.parametrize("layout", ["plain.warc", "stream.warc.gz", "stream.warc.zst"])
@pytest.mark.parametrize("end", [b"\r\n\r\n", b"", b"\n"], ids=["CRLF CRLF", "nothing", "one line end"])
def test_a_content_length_that_swallows_a_record_unzipped(
    tmp_path: pathlib.Path, pages: list[bytes], layout: Layout, end: bytes
) -> None:
    """Before, in a plain WARC (or one gzip or zstd stream), a Content-Length too long
    by exactly the next record swallowed it: no line for it, no error, and its page
    came out as the tail of the record before. A block that holds a record header and
    does not match its WARC-Block-Digest is now that record's error line, and the
    swallowed record comes out; also from writers that end a block with nothing or one
    line end, not CRLF CRLF (the first version looked only after a CRLF CRLF)."""
    recs = [r[: -len(b"\r\n\r\n")] + end for r in records(pages, 4)]
    spliced = [recs[0], set_length(recs[1], block_length(recs[1]) + len(recs[2])), recs[2], recs[3]]
    path = tmp_path / f"crawl.{layout}"
    path.write_bytes(layout_bytes(layout, spliced))
    got = batch(path, tmp_path / "out.jsonl")
    assert [(x["url"], x["status"]) for x in got] == [
        ("https://news.example/0", "ok"), ("https://news.example/1", "error"),
        ("https://news.example/2", "ok"), ("https://news.example/3", "ok"),
    ]  # fmt: skip
    assert "do not match the record's WARC-Block-Digest" in str(got[1]["reason"])


def with_digest(record: bytes, encode: Callable[[bytes], str] | None, algorithm: str = "sha1") -> bytes:
    """The record with its WARC-Block-Digest made again with `algorithm`, its value
    written by `encode` (None: the field gone, as some writers leave it out)."""
    head, sep, block = record.partition(b"\r\n\r\n")  # the block, then the record's CRLF CRLF
    value = None if encode is None else encode(hashlib.new(algorithm, block[: -len(sep)]).digest())
    field = b"" if value is None else f"WARC-Block-Digest: {algorithm}:{value}\r\n".encode()
    return re.sub(rb"WARC-Block-Digest: [^\r]*\r\n", field, head + b"\r\n", count=1)[:-2] + sep + block


DIGESTS = {
    "no digest": (None, "sha1"),
    "base 32, lower case": (lambda d: base64.b32encode(d).decode().lower(), "sha1"),
    "hex": (lambda d: d.hex(), "sha1"),
    "base 64": (lambda d: base64.b64encode(d).decode(), "sha1"),
    "sha256, base 64 unpadded": (lambda d: base64.b64encode(d).decode().rstrip("="), "sha256"),
    "sha256, base 64 url": (lambda d: base64.urlsafe_b64encode(d).decode(), "sha256"),
}


@pytest.mark.parametrize("digest", DIGESTS)
def test_a_record_whose_payload_is_a_warc_is_one_record(
    tmp_path: pathlib.Path, pages: list[bytes], digest: str
) -> None:
    """A crawled .warc file is a block that holds record headers and matches its digest,
    whose value the standard lets a writer encode as it likes: one record, not split,
    not an error (a base 64 digest was read as a mismatch: an error line, and the
    records inside came out as the crawl's own). Without a digest, as it is too."""
    encode, algorithm = DIGESTS[digest]
    crawled = response(
        "https://files.example/crawl.warc",
        b"".join(records(pages, 2)),
        [("Content-Type", "application/warc")],
    )
    path = tmp_path / "crawl.warc"
    path.write_bytes(
        b"".join([*records(pages, 1), with_digest(crawled, encode, algorithm), *records(pages, 1)])
    )
    got = batch(path, tmp_path / "out.jsonl")
    assert [(x["url"], x["status"]) for x in got] == [
        ("https://news.example/0", "ok"), ("https://files.example/crawl.warc", "skipped"), ("https://news.example/0", "ok")
    ]  # fmt: skip


@pytest.mark.parametrize("digest", ["shake_128:AAAA", "sha1:", "whirlpool-x:ABCD", "garbage"])
def test_a_digest_that_cannot_be_checked_leaves_the_record_as_it_is(
    tmp_path: pathlib.Path, pages: list[bytes], digest: str
) -> None:
    """A shake digest (hashlib wants a length) stopped the reader: every record after
    it lost, the file one "unreadable input" line. A digest that cannot be checked
    checks nothing."""
    crawled = response(
        "https://files.example/crawl.warc",
        b"".join(records(pages, 2)),
        [("Content-Type", "application/warc")],
    )
    crawled = re.sub(
        rb"WARC-Block-Digest: [^\r]*", b"WARC-Block-Digest: " + digest.encode(), crawled, count=1
    )
    path = tmp_path / "crawl.warc"
    path.write_bytes(b"".join([*records(pages, 1), crawled, *records(pages, 1)]))
    got = batch(path, tmp_path / "out.jsonl")
    assert [x["status"] for x in got] == ["ok", "skipped", "ok"]


@pytest.mark.parametrize("layout", ["plain.warc", "member.warc.gz"])
def test_resume_checks_a_block_over_32_mib_as_the_first_run_did(
    tmp_path: pathlib.Path, pages: list[bytes], layout: Layout
) -> None:
    """A block over 32 MiB that swallowed two records (`--max-bytes 0`: read whole, to
    be cleaned) was held, and so checked, only by the first run: a resumed run passed
    over it unchecked and lost the records it swallowed (review of stop 38)."""
    big = b"<html><body>" + b"x" * (33 << 20) + b"</body></html>"
    recs = [response(f"https://news.example/{i}", big if i == 1 else pages[0]) for i in range(5)]
    swallowing = set_length(recs[1], block_length(recs[1]) + len(recs[2]) + len(recs[3]))
    path = tmp_path / layout
    path.write_bytes(layout_bytes(layout, [recs[0], swallowing, *recs[2:]]))
    whole = tmp_path / "whole.jsonl"
    assert [x["status"] for x in batch(path, whole, "--max-bytes", "0")] == ["ok", "error", "ok", "ok", "ok"]
    raw = whole.read_bytes().splitlines(keepends=True)
    for done in range(len(raw) + 1):
        part = tmp_path / f"part{done}.jsonl"
        part.write_bytes(b"".join(raw[:done]))
        batch(path, part, "--max-bytes", "0", "--resume")
        assert part.read_bytes() == whole.read_bytes(), done


@pytest.mark.parametrize("uri_bytes", [100, 5_000])
def test_a_header_whose_last_field_ends_in_a_version_is_read(
    tmp_path: pathlib.Path, pages: list[bytes], uri_bytes: int
) -> None:
    """A header whose last field ends in "WARC/1.0" has its blank line begin with that
    line's own line end; past 4 KiB, the faster search for the blank line stopped at
    that version line and lost the record as a header cut short (review of stop 38)."""
    url = "https://news.example/" + "x" * uri_bytes
    head, sep, block = response(url, pages[0]).partition(b"\r\n\r\n")
    head += b"\r\nX-Note: WARC/1.0"  # the last field, as a writer may put it
    record = head + sep + block
    path = tmp_path / "one.warc"
    path.write_bytes(record + records(pages, 1)[0])
    got = batch(path, tmp_path / "out.jsonl")
    assert [(x["url"], x["status"]) for x in got] == [(url, "ok"), ("https://news.example/0", "ok")]


# --- --resume over every fault -----------------------------------------------------


def faulty_parts(pages: list[bytes]) -> list[bytes]:
    """Records with every fault above between them, and a last record cut short."""
    recs = records(pages, 10)
    return [
        recs[0] + JUNK["text"], recs[1] + JUNK["nuls"], set_length(recs[2], block_length(recs[2]) - 2),
        set_length(recs[3], None), recs[4], set_length(recs[5], block_length(recs[5]) - 20_000), recs[6],
        set_length(recs[7], block_length(recs[7]) + len(recs[8])), recs[8], recs[9][: len(recs[9]) // 2],
    ]  # fmt: skip


@pytest.mark.parametrize("layout", ["plain.warc", "member.warc.gz", "stream.warc.gz"])
def test_resume_after_any_line_of_a_faulty_warc_gives_one_output(
    tmp_path: pathlib.Path, pages: list[bytes], layout: Layout
) -> None:
    """Places of records and error lines come from the file's bytes alone: a run
    killed after any line and resumed, or the file read in segments, gives the lines
    of one uninterrupted run, each once (before, the run itself lost records here)."""
    path = tmp_path / layout
    path.write_bytes(layout_bytes(layout, faulty_parts(pages)))
    whole = tmp_path / "whole.jsonl"
    ref = batch(path, whole)
    assert [x["status"] for x in ref] == [
        "ok", "error", "ok", "error", "error", "ok", "error", "ok", "error", "ok", "error"
    ]  # fmt: skip
    raw = whole.read_bytes().splitlines(keepends=True)
    for done in range(len(raw) + 1):
        part = tmp_path / f"part{done}.jsonl"
        part.write_bytes(b"".join(raw[:done]))
        batch(path, part, "--resume")
        assert part.read_bytes() == whole.read_bytes(), done
    if layout == "member.warc.gz":
        segmented = tmp_path / "segmented.jsonl"
        run(BatchOptions(inputs=(str(path),), output=str(segmented), workers=2, quiet=True, segment_bytes=1))
        assert segmented.read_bytes() == whole.read_bytes()


@pytest.mark.parametrize("layout", ["member.warc.gz", "stream.warc.gz", "stream.warc.zst"])
def test_resume_after_the_error_of_a_cut_warc_adds_nothing(
    tmp_path: pathlib.Path, pages: list[bytes], layout: Layout
) -> None:
    """Before, --resume on the finished output of a gzipped or zstd WARC cut inside
    its last record added a second error line for that record (`@333200#1`), and so
    did a kill between that error line and the next input's first line: a record
    passed over on resume was taken as read whole, and the cut blamed on the next."""
    recs = records(pages, 4)
    data = layout_bytes(layout, recs)
    last = len(layout_bytes(layout, recs[-1:])) if layout == "member.warc.gz" else len(data) // 8
    (tmp_path / layout).write_bytes(data[: len(data) - last // 2])
    (tmp_path / "next.jsonl").write_text(json.dumps({"html": pages[0].decode(), "id": "next"}) + "\n")
    inputs = [str(tmp_path / layout), str(tmp_path / "next.jsonl")]
    whole = tmp_path / "whole.jsonl"
    run_batch(*inputs, "-o", str(whole), "--quiet")
    got = lines(whole)
    statuses = [x["status"] for x in got]  # (a cut zstd frame loses its last 128 KiB block whole)
    assert statuses[-2:] == ["error", "ok"] and set(statuses[:-2]) == {"ok"} and len(got) >= 4
    assert str(got[-2]["reason"]).startswith("truncated record")
    raw = whole.read_bytes().splitlines(keepends=True)
    for done in (len(raw), len(raw) - 1):  # a finished run; a run killed after the error line
        part = tmp_path / f"part{done}.jsonl"
        part.write_bytes(b"".join(raw[:done]))
        run_batch(*inputs, "-o", str(part), "--quiet", "--resume")
        assert part.read_bytes() == whole.read_bytes(), done


# --- an HTTP payload cut short -----------------------------------------------------


def chunked(data: bytes, size: int = 4096) -> bytes:
    """`data` in HTTP/1.1 chunked encoding, with its last (zero-size) chunk."""
    parts = [data[i : i + size] for i in range(0, len(data), size)]
    return b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in parts) + b"0\r\n\r\n"


def test_a_cut_http_payload_is_an_error_and_a_warc_truncated_one_is_marked(
    tmp_path: pathlib.Path, pages: list[bytes]
) -> None:
    """Before, a chunked body cut inside a chunk or before its last chunk, and a body
    shorter than its HTTP Content-Length, were cleaned "ok" from the part of the page
    they held, and a record marked WARC-Truncated likewise, nothing said (one whose
    gzip payload was cut was an error). Now the cut bodies are error lines naming the cut;
    a WARC-Truncated record (Common Crawl cuts at 1 MiB) is cleaned from what it holds,
    and its line says so: `"truncated": "length"`, in JSON lines and in Parquet."""
    page = pages[-1]  # its text begins in its first half
    half, packed = page[: len(page) // 2], gzip.compress(page)
    inflated = zlib.decompressobj(31).decompress(packed[: len(packed) * 3 // 4])  # what a cut gzip gives
    html = [("Content-Type", "text/html")]
    sized = [*html, ("Content-Length", str(len(page)))]
    body = chunked(page)
    cases = {
        "chunked": (body, [*html, ("Transfer-Encoding", "chunked")], {}),
        "chunked-cut": (body[: len(body) // 3], [*html, ("Transfer-Encoding", "chunked")], {}),
        "chunked-no-last": (body[: -len(b"0\r\n\r\n")], [*html, ("Transfer-Encoding", "chunked")], {}),
        "short": (half, sized, {}),
        "sized": (page, sized, {}),
        "warc-truncated": (half, sized, {"WARC-Truncated": "length"}),
        "warc-truncated-gzip": (
            packed[: len(packed) * 3 // 4],
            [*html, ("Content-Encoding", "gzip"), ("Content-Length", str(len(packed)))],
            {"WARC-Truncated": "length"},
        ),
        "half": (half, html, {}),  # what the truncated ones hold, as pages of their own
        "inflated": (inflated, html, {}),
    }
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(
        b"".join(gzip.compress(response(name, *case[:2], **case[2])) for name, case in cases.items())
    )
    got = {x["url"]: x for x in batch(path, tmp_path / "out.jsonl")}
    assert got["chunked"]["status"] == got["sized"]["status"] == "ok"
    assert got["chunked"]["text"] == got["sized"]["text"] and len(str(got["sized"]["text"])) > 1000
    assert (
        str(got["chunked-cut"]["reason"])
        == "truncated HTTP payload: chunked payload cut inside a chunk of 4096 bytes"
    )
    assert (
        str(got["chunked-no-last"]["reason"])
        == "truncated HTTP payload: chunked payload without its last (zero-size) chunk"
    )
    assert (
        str(got["short"]["reason"])
        == f"truncated HTTP payload: {len(half)} of the {len(page)} bytes its Content-Length gives"
    )
    for name, whole in (("warc-truncated", "half"), ("warc-truncated-gzip", "inflated")):
        assert got[name]["status"] == "ok" and got[name]["truncated"] == "length"
        assert got[name]["text"] == got[whole]["text"] and "truncated" not in got[whole]
        assert 0 < len(str(got[name]["text"])) < len(str(got["sized"]["text"]))
    parquet = tmp_path / "out.parquet"
    run_batch(str(path), "-o", str(parquet), "--quiet", "--workers", "1")
    import pyarrow.parquet as pq

    rows = pq.read_table(parquet).to_pylist()
    assert {r["url"] for r in rows if r["truncated"] == "length"} == {"warc-truncated", "warc-truncated-gzip"}


@pytest.mark.parametrize("after", [b"", b"\n", b"\r\n"])
def test_records_without_the_closing_crlf_crlf_all_come_out(
    tmp_path: pathlib.Path, pages: list[bytes], after: bytes
) -> None:
    """A writer that leaves out the CRLF CRLF after each block (or writes one line end)
    gives every length right; the framing check made each such record an error line."""
    recs = records(pages, 3)
    (tmp_path / "spec.warc").write_bytes(b"".join(recs))
    expected = by_url(batch(tmp_path / "spec.warc", tmp_path / "spec.jsonl"))
    (tmp_path / "loose.warc").write_bytes(b"".join(r.removesuffix(b"\r\n\r\n") + after for r in recs))
    got = batch(tmp_path / "loose.warc", tmp_path / "loose.jsonl")
    assert by_url(got) == expected and len(expected) == 3
    assert not [x for x in got if x["status"] == "error"]


def test_a_gzipped_warc_cut_inside_a_header_is_one_error_line(
    tmp_path: pathlib.Path, pages: list[bytes]
) -> None:
    """Cut inside the last record's WARC header, a gzipped WARC gave two error lines for
    that one record: its truncated header, and the stream's failure after it."""
    recs = records(pages, 3)
    before = len(layout_bytes("member.warc.gz", recs[:2]))
    (tmp_path / "cut.warc.gz").write_bytes(layout_bytes("member.warc.gz", recs)[: before + 100])
    got = batch(tmp_path / "cut.warc.gz", tmp_path / "out.jsonl")
    assert [x["status"] for x in got] == ["ok", "ok", "error"], [x.get("reason") for x in got]


def test_a_cut_warc_zst_gives_every_record_before_the_cut(tmp_path: pathlib.Path, pages: list[bytes]) -> None:
    """One zstd frame a record, the last frame cut: FastWARC's reader lost what it had
    inflated in the read that met the cut (11 of 39 intact small records, and a second
    error line). Every record of a whole frame comes out, then one error line."""
    recs = records(pages, 6)
    pack = zstandard.ZstdCompressor().compress
    (tmp_path / "cut.warc.zst").write_bytes(b"".join(pack(r) for r in recs)[:-20])
    got = batch(tmp_path / "cut.warc.zst", tmp_path / "out.jsonl")
    assert [x["status"] for x in got] == ["ok"] * 5 + ["error"], [x.get("reason") for x in got]


@pytest.mark.parametrize("layout", ["plain.warc", "member.warc.gz"])
def test_a_header_cut_short_does_not_take_the_next_records(
    tmp_path: pathlib.Path, pages: list[bytes], layout: Layout
) -> None:
    """A record cut 60 bytes into its header, then an intact record: the cut header ran
    on into the next one's, took its fields, and the intact page came out under the
    cut record's id and type (plain), or twice (across gzip members and segments)."""
    recs = records(pages, 3)
    (tmp_path / "spec.warc").write_bytes(b"".join(recs))
    expected = by_url(batch(tmp_path / "spec.warc", tmp_path / "spec.jsonl"))
    (tmp_path / layout).write_bytes(layout_bytes(layout, [recs[0], recs[1][:60], recs[1], recs[2]]))
    got = batch(tmp_path / layout, tmp_path / "out.jsonl")
    assert by_url(got) == expected
    assert [x["status"] for x in got] == ["ok", "error", "ok", "ok"], [x.get("reason") for x in got]
