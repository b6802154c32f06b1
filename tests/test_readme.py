"""Every Python snippet of the README runs as written (issue 16: the Dask one had no
`import dask`, the datatrove one no imports and no executor). Each runs in a process of
its own, in a folder where the README's relative paths lead to the repository's
fixtures and `crawl/` holds a WARC written by warcio, with the same import path as the
tests; a snippet that raises fails its test. (tests/test_docs.py runs the README's shell
snippets, and every snippet of docs/.)"""

from __future__ import annotations

import gzip
import io
import os
import pathlib
import re
import subprocess
import sys

import pytest

from .conftest import FIXTURES, ROOT

README = ROOT / "README.md"
SNIPPETS = re.findall(r"^```python\n(.*?)^```", README.read_text(encoding="utf-8"), re.DOTALL | re.MULTILINE)


def _crawl(folder: pathlib.Path) -> None:
    """A gzipped WARC of three HTML responses, as WarcReader("crawl/") finds it."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    folder.mkdir()
    with open(folder / "pages.warc.gz", "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for i, path in enumerate(sorted((FIXTURES / "html").glob("sh-*.html.gz"))[:3]):
            http = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            payload = io.BytesIO(gzip.decompress(path.read_bytes()))
            writer.write_record(writer.create_warc_record(f"https://news.example/{i}", "response",
                                                          payload=payload, http_headers=http))  # fmt: skip


def test_the_readme_has_python_snippets() -> None:
    assert len(SNIPPETS) >= 5


@pytest.mark.parametrize("number", range(len(SNIPPETS)))
def test_a_readme_snippet_runs_as_written(tmp_path: pathlib.Path, number: int) -> None:
    code = SNIPPETS[number]
    for module in re.findall(r"^(?:from|import) (datasets|dask|datatrove)\b", code, re.MULTILINE):
        pytest.importorskip(module)
    if "WarcReader" in code:  # what datatrove's WARC reader needs (extra [datatrove] brings it)
        pytest.importorskip("cchardet")
        pytest.importorskip("magic")
    (tmp_path / "fixtures").symlink_to(FIXTURES)
    _crawl(tmp_path / "crawl")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True,
                          text=True, timeout=600, check=False)  # fmt: skip
    assert proc.returncode == 0, f"snippet {number} failed:\n{code}\n{proc.stderr[-3000:]}"
    if "JsonlWriter" in code:  # the datatrove pipeline wrote articles, with boilerstrip's metadata
        written = b"".join(gzip.decompress(p.read_bytes()) for p in (tmp_path / "out").glob("*.gz"))
        assert written.count(b"\n") >= 1 and b'"page_type":"article"' in written, written[:500]
