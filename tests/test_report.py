"""`boilerstrip explain FILE --html REPORT` (issue 16) in a real browser.

The report is written by the real command, then opened in headless Chromium (Debian's
chromium, driven by Playwright): the legend and the blocks must be visible, the kept
blocks must hold exactly the article's text, the filters must work when clicked, the
page must ask the network for nothing and log no console error, and a screenshot is
taken (`BOILERSTRIP_REPORT_SCREENSHOT=docs/img/explain-report.png` keeps the seed's,
the one the docs show). Without a browser the tests skip, unless
BOILERSTRIP_REQUIRE_BROWSER=1 (set by .ci/run, which installs one): then they fail.
"""

from __future__ import annotations

import gzip
import os
import pathlib
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

import boilerstrip
from boilerstrip import Label
from boilerstrip.explain import deciding_reason

from .conftest import FIXTURES
from .test_cli import cli

SEED = FIXTURES / "seed" / "japantoday-ap-protest.txt"
HTML_PAGE = FIXTURES / "html" / "sh-0ec95c7261d1.html.gz"
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic"]


def _browser_path() -> str | None:
    return (
        os.environ.get("BOILERSTRIP_BROWSER") or shutil.which("chromium") or shutil.which("chromium-browser")
    )


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Chromium, or a skip (a failure where CI asks for a browser)."""
    path = _browser_path()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        path = None
    if path is None:
        if os.environ.get("BOILERSTRIP_REQUIRE_BROWSER") == "1":
            pytest.fail("no browser for the report tests: .ci/run installs chromium and playwright")
        pytest.skip("no chromium or no playwright: the report is not checked in a browser here")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=path, args=BROWSER_ARGS)
        yield chromium
        chromium.close()


def _expected(path: pathlib.Path) -> boilerstrip.Result:
    """The page's Result, cleaned in this process as `explain` cleans it."""
    data = path.read_bytes()
    return boilerstrip.clean(gzip.decompress(data) if path.suffix == ".gz" else data)


def _open(browser: Any, report: pathlib.Path) -> tuple[Any, list[str], list[str]]:
    """The report loaded in a new page: (page, console errors, network requests other
    than the report itself)."""
    page = browser.new_page(viewport={"width": 1200, "height": 1400})
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url) if r.url != report.as_uri() else None)
    page.goto(report.as_uri())
    return page, errors, requests


@pytest.mark.parametrize("source", [SEED, HTML_PAGE], ids=["seed-text", "html"])
def test_report_shows_metadata_legend_and_every_block(
    browser: Any, source: pathlib.Path, tmp_path: pathlib.Path
) -> None:
    report = tmp_path / "report.html"
    proc = cli("explain", str(source), "--html", str(report))
    assert proc.returncode == 0 and proc.stdout == "", proc.stderr
    result = _expected(source)
    page, errors, requests = _open(browser, report)
    assert page.locator("#title").inner_text() == result.title
    if result.date:
        assert page.locator("#meta").get_by_text(result.date, exact=True).is_visible()
    labels = {b.label.value for b in result.blocks if b.label is not None}
    legend = page.locator("#legend li")
    assert legend.count() == len(labels) and all(legend.nth(i).is_visible() for i in range(legend.count()))
    blocks = page.locator("#blocks > li")
    assert blocks.count() == len(result.blocks)
    kept = page.locator("#blocks > li.kept .text").all_inner_texts()
    assert kept and kept == [b.text for b in result.blocks if b.label is Label.ARTICLE]
    dropped = next(b for b in result.blocks if b.label is not Label.ARTICLE)
    why = page.locator(f"#b{dropped.index} .why")
    assert why.is_visible() and why.inner_text() == deciding_reason(dropped)
    assert why.get_attribute("title") == "\n".join(dropped.reasons)
    shot = os.environ.get("BOILERSTRIP_REPORT_SCREENSHOT") if source == SEED else None
    page.screenshot(path=shot or str(tmp_path / "report.png"))
    assert (pathlib.Path(shot) if shot else tmp_path / "report.png").stat().st_size > 10_000
    assert errors == [] and requests == []


def test_report_filters_by_label_and_by_kept(browser: Any, tmp_path: pathlib.Path) -> None:
    """The legend's boxes hide and show their label's blocks; "kept only" leaves the
    article's blocks."""
    report = tmp_path / "report.html"
    assert cli("explain", str(SEED), "--html", str(report)).returncode == 0
    result = _expected(SEED)
    page, errors, _ = _open(browser, report)
    visible = page.locator("#blocks > li:not(.hidden)")
    kept = sum(b.label is Label.ARTICLE for b in result.blocks)
    page.locator("#kept-only").check()
    assert visible.count() == kept and page.locator("#counts").inner_text().startswith(f"{kept} of ")
    page.locator("#kept-only").uncheck()
    navigation = sum(b.label is Label.NAVIGATION for b in result.blocks)
    assert navigation > 0
    page.locator('#legend input[value="navigation"]').uncheck()
    assert visible.count() == len(result.blocks) - navigation
    assert page.locator('#blocks > li[data-label="navigation"]').first.is_hidden()
    assert errors == []


def test_page_text_that_looks_like_markup_is_shown_not_run(browser: Any, tmp_path: pathlib.Path) -> None:
    """A text dump whose lines hold tags and a script: the report shows them as text,
    and nothing of them runs."""
    dump = tmp_path / "page.txt"
    story = " ".join(["The council met on Tuesday to discuss the budget for the coming year."] * 4)
    dump.write_text(
        f'Home</li><script>console.error("ran")</script>\n{story}\n<b onmouseover="x()">Login</b>\n'
    )
    report = tmp_path / "report.html"
    assert cli("explain", str(dump), "--html", str(report)).returncode == 0
    page, errors, requests = _open(browser, report)
    texts = page.locator("#blocks .text").all_inner_texts()
    assert texts[0] == 'Home</li><script>console.error("ran")</script>'
    assert page.locator("#blocks script").count() == 0 and page.locator("#blocks b").count() == 0
    assert errors == [] and requests == []


def test_report_to_an_unwritable_path_is_a_usage_error(tmp_path: pathlib.Path) -> None:
    proc = cli("explain", str(SEED), "--html", str(tmp_path / "no" / "such" / "report.html"))
    assert proc.returncode == 2 and "--html" in proc.stderr and "Traceback" not in proc.stderr
