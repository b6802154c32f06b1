"""The docs (issue 16): `mkdocs build --strict` passes offline, every page of docs/ is in
the site, the API page covers every public name of `boilerstrip`, every public function
and class has a docstring, and every code snippet of docs/*.md (Python and shell) and
every shell snippet of the README runs as written (tests/test_readme.py runs the
README's Python snippets).

A snippet that cannot run here (it needs a cluster, a cloud store or minutes of
benchmarks) says so in the Markdown, on the line right before its fence:
`<!-- snippet: skip: the reason -->`; its test is skipped with that reason, so the
skips show in pytest's summary, and their number is held down. `pip install` in a shell
snippet is not run: it is checked to install this checkout with extras that
pyproject.toml declares.

The build runs here rather than as a step of .ci/run so that the README's test command
(`python -m pytest -q`) covers it: a developer who breaks a page, a docstring the API
page renders or a link between pages learns it from the tests, not from CI.
"""

from __future__ import annotations

import ast
import gzip
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys

import pytest

import boilerstrip

from .conftest import FIXTURES, ROOT
from .test_readme import _crawl

DOCS = ROOT / "docs"


def _mkdocs_available() -> bool:
    try:
        import mkdocs  # noqa: F401
        import mkdocstrings  # noqa: F401
    except ImportError:
        if os.environ.get("CI"):  # CI installs ".[test]", which brings ".[docs]": never skip there
            raise
        return False
    return True


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    """The site, built once for the tests of this module, with every warning an error."""
    if not _mkdocs_available():
        pytest.skip('mkdocs is not installed: pip install ".[docs]"')
    out = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}  # Material's banner, not a warning of this site
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(ROOT / "mkdocs.yml"), "-d", str(out)],
        cwd=out, env=env, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, f"mkdocs build --strict failed:\n{proc.stderr[-5000:]}"
    return out


def _nav_pages() -> list[str]:
    return re.findall(
        r"^\s+- [^:]+: (\S+\.md)$", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.MULTILINE
    )


def test_every_page_of_docs_is_in_the_nav_and_built(site: pathlib.Path) -> None:
    pages = sorted(p.name for p in DOCS.glob("*.md"))
    assert sorted(_nav_pages()) == pages
    for page in pages:
        built = site / ("index.html" if page == "index.md" else page.removesuffix(".md") + "/index.html")
        assert built.is_file(), f"{page} was not built"


def test_the_home_page_is_the_readme(site: pathlib.Path) -> None:
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'id="quickstart"' in home
    text = re.sub(r"<[^>]+>", "", home)  # highlighted code is a span a word
    assert "boilerstrip clean fixtures/seed/japantoday-ap-protest.txt --format json --comments" in text


def test_the_site_loads_nothing_from_another_host(site: pathlib.Path) -> None:
    """No web fonts, scripts or styles from a CDN: the site reads offline."""
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        external = re.findall(r'<(?:link|script|img)\b[^>]*(?:href|src)="(https?:)?//[^"]+"', html)
        assert not external, f"{page.relative_to(site)} loads {external}"


def test_the_api_page_documents_every_public_name(site: pathlib.Path) -> None:
    source = (DOCS / "api.md").read_text(encoding="utf-8")
    rendered = (site / "api" / "index.html").read_text(encoding="utf-8")
    for name in boilerstrip.__all__:
        assert f"::: boilerstrip.{name}\n" in source, f"docs/api.md has no section for boilerstrip.{name}"
        assert f'id="boilerstrip.{name}"' in rendered, f"boilerstrip.{name} is not rendered on the API page"


# ---- snippets -------------------------------------------------------------------------

FENCE = re.compile(
    r"(?:^<!-- snippet: skip: (?P<skip>.+?) -->\n)?^```(?P<lang>[\w-]*)[^\n]*\n(?P<code>.*?)^```[ \t]*$",
    re.DOTALL | re.MULTILINE,
)
RUN = {"python", "sh", "bash"}
NOT_CODE = {"", "text", "json"}  # diagrams, sample output, a manifest
MAX_SKIPPED = 10


def _snippets() -> list[tuple[str, str, str, str | None]]:
    """(where, language, code, skip reason) of every fenced block that runs: the Python
    and shell of docs/*.md, the shell of the README."""
    found = []
    for path in [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]:
        text = path.read_text(encoding="utf-8")
        for match in FENCE.finditer(text):
            lang = match["lang"]
            where = f"{path.relative_to(ROOT)}:{text.count(chr(10), 0, match.start('lang')) + 1}"
            assert lang in RUN | NOT_CODE, f"{where}: a ```{lang} block: runnable or not?"
            if lang in RUN and not (path.name == "README.md" and lang == "python"):
                found.append((where, "python" if lang == "python" else "sh", match["code"], match["skip"]))
    return found


SNIPPETS = _snippets()


def _extras() -> set[str]:
    """The extras pyproject.toml declares (read without tomllib, which Python 3.10 lacks)."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    section = text.split("[project.optional-dependencies]\n", 1)[1].split("\n[", 1)[0]
    return set(re.findall(r"^([\w-]+) = \[", section, re.MULTILINE))


def test_every_pip_install_installs_this_checkout_with_declared_extras() -> None:
    """`pip install` in the shell snippets (skipped ones too) is not run: it installs
    this checkout (".", ".[extra,...]", with -e, -U or --no-deps), never a name no index
    has, with extras that pyproject.toml declares."""
    extras = _extras()
    assert {"warc", "dask", "remote", "test", "docs", "dev"} <= extras
    installs = [
        (where, command)
        for where, lang, code, _ in SNIPPETS
        if lang == "sh"
        for command in re.findall(r"pip install ([^&|#\n]*)", code)
    ]
    assert len(installs) >= 5
    for where, command in installs:
        for arg in command.split():
            arg = arg.strip("\"'")
            if arg.startswith("-") or arg == "pip":
                continue
            assert arg == "." or arg.startswith(".["), f"{where}: pip install {arg} is not this checkout"
            unknown = set(arg[2:-1].split(",")) - extras if arg != "." else set()
            assert not unknown, f"{where}: pip install {arg}: no such extra {sorted(unknown)}"


def _sandbox(folder: pathlib.Path) -> None:
    """What the snippets name: the repository's fixtures, a WARC in crawl/, pages and
    dumps under the names the command-line examples use."""
    (folder / "fixtures").symlink_to(FIXTURES)
    _crawl(folder / "crawl")
    html = sorted((FIXTURES / "html").glob("sh-*.html.gz"))
    shutil.copy(html[0], folder / "page.html.gz")
    for name, path in (("page.html", html[0]), ("a.html", html[1]), ("b.html", html[2])):
        (folder / name).write_bytes(gzip.decompress(path.read_bytes()))
    shutil.copy(FIXTURES / "seed" / "japantoday-ap-protest.txt", folder / "dump.txt")
    shutil.copy(sorted((FIXTURES / "text").glob("*.txt"))[0], folder / "c.txt")
    for sub, paths in (("site-dump", html[3:5]), ("more", html[5:6])):
        (folder / sub).mkdir()
        for path in paths:
            (folder / sub / path.name.removesuffix(".gz")).write_bytes(gzip.decompress(path.read_bytes()))
    with gzip.open(folder / "pages.jsonl.gz", "wt", encoding="utf-8") as fh:
        for i, path in enumerate(html[:3]):
            page = gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
            url = f"https://news.example/{i}"
            fh.write(
                json.dumps({"id": i, "url": url, "html": page, "doc": i, "link": url, "body": page}) + "\n"
            )


def test_the_docs_have_snippets_and_few_are_skipped() -> None:
    for path in [ROOT / "README.md", *DOCS.glob("*.md")]:  # an indented fence would not be run
        indented = re.search(r"^[ \t]+```", path.read_text(encoding="utf-8"), re.MULTILINE)
        assert indented is None, f"{path.name}: an indented code fence, which this test would not run"
    skipped = [f"{where}: {reason}" for where, _, _, reason in SNIPPETS if reason]
    assert len(SNIPPETS) >= 20
    assert len(skipped) <= MAX_SKIPPED, "too many snippets skipped:\n" + "\n".join(skipped)


@pytest.mark.parametrize(("where", "lang", "code", "skip"), SNIPPETS, ids=[s[0] for s in SNIPPETS])
def test_a_docs_snippet_runs_as_written(
    tmp_path: pathlib.Path, where: str, lang: str, code: str, skip: str | None
) -> None:
    if skip:
        pytest.skip(f"marked in {where}: {skip}")
    for module in re.findall(r"^(?:from|import) (datasets|dask|datatrove)\b", code, re.MULTILINE):
        pytest.importorskip(module)
    for tool in ("jq", "less", "zcat"):
        if re.search(rf"\b{tool}\b", code) and shutil.which(tool) is None:
            pytest.skip(f"{where} uses {tool}, which is not installed")
    _sandbox(tmp_path)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p), "PY": sys.executable}
    if lang == "python":
        command = [sys.executable, "-c", code]
    else:  # the shell snippet as a script: the first command that fails fails it
        # `boilerstrip` is this interpreter's; `pip install` is checked above, not run
        prelude = 'boilerstrip() { "$PY" -m boilerstrip "$@"; }\npip() { :; }\n'
        command = ["bash", "-e", "-o", "pipefail", "-c", prelude + code]
    proc = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600,
                          stdin=subprocess.DEVNULL, check=False)  # fmt: skip
    assert proc.returncode == 0, f"{where} failed ({proc.returncode}):\n{code}\n{proc.stderr[-3000:]}"


# ---- docstrings -----------------------------------------------------------------------


def _undocumented() -> list[str]:
    """Public functions, classes and methods of boilerstrip/ without a docstring, read
    from the sources (the compiled build may drop docstrings)."""
    missing = []
    for path in sorted((ROOT / "boilerstrip").rglob("*.py")):
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                continue
            if node.name.startswith("_"):
                continue
            if ast.get_docstring(node) is None:
                missing.append(f"{module}.{node.name}")
            if isinstance(node, ast.ClassDef):
                for item in node.body:
                    method = isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef)
                    if method and not item.name.startswith("_") and ast.get_docstring(item) is None:
                        missing.append(f"{module}.{node.name}.{item.name}")
    return missing


def test_every_public_function_and_class_has_a_docstring() -> None:
    assert _undocumented() == []


def test_the_api_page_describes_every_config_field_from_its_comment(site: pathlib.Path) -> None:
    """Config's fields are documented by comments in config.py; the docs' griffe
    extension (tools/docs_field_comments.py) makes them the fields' descriptions."""
    from dataclasses import fields

    rendered = (site / "api" / "index.html").read_text(encoding="utf-8")
    for field in fields(boilerstrip.Config):
        assert f'id="boilerstrip.Config.{field.name}"' in rendered, field.name
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", rendered))
    # a comment above a run of fields describes each of them; a field's own comment follows
    for name, said in (
        ("good_min_words", "Content classes, in the spirit of jusText"),
        ("good_min_stop_density", "Content classes, in the spirit of jusText"),
        ("max_json_ld_depth", "A JSON-LD script longer than this"),
    ):
        at = text.index(f"{name} : ")
        assert said in text[at : at + 300], (name, text[at : at + 300])
    # an HTML tag in a comment shows as code, not as a tag the browser swallows
    assert "<code>&lt;article&gt;</code> elements a block is numbered inside" in rendered


def test_the_integrations_page_names_every_column() -> None:
    from boilerstrip.integrations import COLUMNS

    text = (DOCS / "integrations.md").read_text(encoding="utf-8")
    listed = text.split("That is: ", 1)[1].split("\n\n", 1)[0]
    assert re.findall(r"`(\w+)`", listed)[: len(COLUMNS)] == list(COLUMNS)
