"""Full results of every development page, to prove a speed change changes nothing.

Writes one JSON line a page (every block with its label, score and reasons, the text,
the metadata and the comments) for the Scrapinghub pages as HTML and as both text
dumps, the multilingual pages and the fixtures, and with `--wcxb` the WCXB pages as
HTML and as WET dumps (a restructuring must leave all of them alone); `--compare OLD`
prints the pages that differ from an earlier snapshot. Runs whichever boilerstrip `import` finds (the
sources when run from the checkout with `--source`, else the installed build).

    python bench/snapshot.py --source -o /tmp/before.jsonl
    python bench/snapshot.py --source -o /tmp/after.jsonl --compare /tmp/before.jsonl
"""

from __future__ import annotations

import argparse
import gzip
import json
import pathlib
import sys
from collections.abc import Iterator

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from report import use_build  # noqa: E402

SHARED = HERE.parents[1] / "shared" / "bench"
FIXTURES = HERE.parent / "fixtures"


def pages(wcxb: bool = False) -> Iterator[tuple[str, str | bytes]]:
    """(name, page) for every development page, in a fixed order."""
    if wcxb:
        yield from wcxb_pages()
    sh = SHARED / "scrapinghub"
    for path in sorted((sh / "html").glob("*.html.gz")):
        yield f"sh-html/{path.name}", gzip.decompress(path.read_bytes())
    for style in ("text-seedlike", "text-wet"):
        for path in sorted((sh / style).glob("*.txt")):
            yield f"sh-{style}/{path.name}", path.read_text(encoding="utf-8")
    for path in sorted((SHARED / "multilingual" / "pages").iterdir()):
        yield f"ml/{path.name}", path.read_bytes()
    for path in sorted(FIXTURES.rglob("*")):
        if path.suffix in (".gz", ".txt", ".html"):
            data = path.read_bytes()
            yield f"fx/{path.relative_to(FIXTURES)}", gzip.decompress(data) if path.suffix == ".gz" else data


def wcxb_pages() -> Iterator[tuple[str, str | bytes]]:
    """(name, page) for WCXB's pages, HTML then WET dumps: 1,497 sites the others lack."""
    root = SHARED / "wcxb"
    for path in sorted((root / "html").iterdir()):
        data = path.read_bytes()
        yield f"wcxb-html/{path.name}", gzip.decompress(data) if path.suffix == ".gz" else data
    for path in sorted((root / "text-wet").iterdir()):
        yield f"wcxb-text/{path.name}", path.read_text(encoding="utf-8")


def snapshot(out: pathlib.Path, wcxb: bool = False) -> None:
    """Clean every page (comments included) and write its whole result as a JSON line."""
    import boilerstrip

    cleaner = boilerstrip.Cleaner()
    with out.open("w", encoding="utf-8") as sink:
        for name, page in pages(wcxb):
            try:
                result = cleaner.clean(page, include_comments=True).to_dict(with_blocks=True)
            except boilerstrip.BoilerstripError as error:
                result = {"error": f"{type(error).__name__}: {error}"}
            sink.write(
                json.dumps({"page": name, "result": result}, ensure_ascii=False, sort_keys=True) + "\n"
            )


def compare(new: pathlib.Path, old: pathlib.Path) -> int:
    """Print the pages whose results differ; return how many."""
    before = {json.loads(line)["page"]: line for line in old.read_text(encoding="utf-8").splitlines()}
    differ = 0
    lines = new.read_text(encoding="utf-8").splitlines()
    for line in lines:
        name = json.loads(line)["page"]
        if before.get(name) != line:
            differ += 1
            print(f"differs: {name}")
    print(f"{differ} of {len(lines)} pages differ ({len(before)} in the old snapshot)")
    return differ


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=pathlib.Path, required=True)
    parser.add_argument("--compare", type=pathlib.Path, help="an earlier snapshot to diff against")
    parser.add_argument(
        "--source", action="store_true", help="the checkout's sources, not the installed build"
    )
    parser.add_argument("--wcxb", action="store_true", help="the WCXB pages too (slower)")
    args = parser.parse_args()
    print(f"boilerstrip: {use_build(args.source)}", file=sys.stderr)
    snapshot(args.output, args.wcxb)
    if args.compare:
        sys.exit(1 if compare(args.output, args.compare) else 0)


if __name__ == "__main__":
    main()
