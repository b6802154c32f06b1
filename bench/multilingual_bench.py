"""Second score: the 101 pages in 14 languages of ../shared/bench/multilingual, boilerstrip
beside trafilatura, in one run.

The expectations are other extractors' reference outputs, not a human gold standard
(see the set's README), so two tolerant measures: snippet recall (share of the `with`
snippets found in the output, whitespace-normalised; all pages) and shingle F1 (the
Scrapinghub metric; pages whose expectation is a full text). Near-duplicate pairs
count once. Pages are read as bytes, so the four with a wrong <meta charset> test the
decoding too. Each HTML page's URL (the set's `url`) goes to boilerstrip and trafilatura,
as a crawl record carries it (its page-type guess reads the URL); the text dumps go
without one (text mode reads no URL: a dump is typed from its lines alone).

The same pages are also rendered as whole-page text dumps (resiliparse's HTML-to-text
converter with nothing removed, indentation stripped, no blank lines: the WET style of
the Scrapinghub dumps) and cleaned by boilerstrip's text mode beside the text peers of
bench/text_bench.py: text mode in fourteen languages, on pages it was never tuned on.

    python bench/multilingual_bench.py [--mode html|text|both] [--source] [--write docs/benchmarks.md]
"""

from __future__ import annotations

import argparse
import json
import pathlib
import re
import sys
from collections import defaultdict
from collections.abc import Callable
from typing import Any

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from metric import score  # noqa: E402
from report import parse_with_build, write_section  # noqa: E402
from splits import multilingual_holdout  # noqa: E402

DATA = HERE.parents[1] / "shared" / "bench" / "multilingual"
_SPACE = re.compile(r"\s+")


def _norm(text: str, cjk: bool) -> str:
    return _SPACE.sub("" if cjk else " ", text).strip()


def systems() -> dict[str, Callable[[bytes, str | None], str]]:
    """The HTML systems; each takes the page and its URL, as a crawl record hands them over."""
    import trafilatura

    import boilerstrip

    cleaner = boilerstrip.Cleaner()
    return {
        "boilerstrip": lambda page, url: cleaner.clean(page, url=url).text,
        "trafilatura": lambda page, url: trafilatura.extract(page, url=url, include_comments=False) or "",
    }


def as_text_dump(page: bytes) -> str:
    """The page as a crawler's whole-page text dump, WET style (one block a line)."""
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.encoding import bytes_to_str, detect_encoding

    text = extract_plain_text(bytes_to_str(page, detect_encoding(page)), main_content=False)
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def text_systems() -> dict[str, Callable[[bytes, str | None], str]]:
    from text_bench import c4_line_filter, make_trafilatura

    import boilerstrip

    cleaner = boilerstrip.Cleaner()
    found = {
        "boilerstrip (text mode)": lambda dump, url: cleaner.clean(dump, url=url).text,
        "C4-style line filter": lambda dump, url: c4_line_filter(dump),
        "trafilatura (lines as <p>)": make_trafilatura(),
        "keep everything": lambda dump, url: dump,
    }
    return {name: _on_dump(fn) for name, fn in found.items() if fn is not None}


def _on_dump(fn: Callable[[str, str | None], str]) -> Callable[[bytes, str | None], str]:
    return lambda page, url: fn(as_text_dump(page), url)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", type=pathlib.Path)
    parser.add_argument("--mode", choices=("html", "text", "both"), default="both")
    args, build = parse_with_build(parser)
    if args.write and args.mode != "both":
        parser.error("--write needs both tables (--mode both)")
    records = [json.loads(x) for x in (DATA / "expected.jsonl").read_text(encoding="utf-8").splitlines()]
    records = [r for r in records if not r.get("near_duplicate_of") or r["id"] < r["near_duplicate_of"]]
    parts = [table(records, systems())] if args.mode != "text" else []
    if args.mode != "html":
        parts += ["The same pages as whole-page text dumps (WET style):", table(records, text_systems())]
    out = "\n\n".join(parts)
    print(out)
    if args.write:
        write_section(args.write, "multilingual", out, build)


def table(records: list[dict[str, Any]], fns: dict[str, Callable[[bytes, str | None], str]]) -> str:
    """Snippet recall and full-text F1 of each system, as a Markdown table."""
    rows = []
    for name, fn in fns.items():
        by_lang: dict[str, list[float]] = defaultdict(list)
        pairs = []
        for rec in records:
            out = fn((DATA / "pages" / f"{rec['id']}.html").read_bytes(), rec.get("url"))
            cjk = rec["language"] in ("zh", "ja", "th", "my")
            got = _norm(out, cjk)
            found = sum(_norm(s, cjk) in got for s in rec["with"]) / len(rec["with"]) if rec["with"] else 1.0
            by_lang["all"].append(found)
            by_lang["non-English" if rec["language"] != "en" else "English"].append(found)
            if rec["expected_kind"] == "full_text" and rec.get("body"):
                pairs.append((out, rec["body"], multilingual_holdout(rec["url"], rec["id"])))
        f1 = score((o, b) for o, b, _ in pairs)
        parts = tuple(score((o, b) for o, b, h in pairs if h == held)["f1"] for held in (False, True))
        rows.append((name, {k: sum(v) / len(v) for k, v in by_lang.items()}, f1, len(pairs), parts))
        print(
            f"  {name}: snippet recall {rows[-1][1]['all']:.3f}, F1 {f1['f1']:.3f} "
            f"(tune {parts[0]:.3f}, held-out {parts[1]:.3f})",
            file=sys.stderr,
        )
    held = sum(multilingual_holdout(r["url"], r["id"]) for r in records if r["expected_kind"] == "full_text")
    lines = [
        f"{len(records)} pages (near-duplicate pairs once); snippet recall on all of them, shingle F1 on the "
        f"{rows[0][3]} with a full expected text ({held} of them on held-out domains, bench/splits.py).",
        "",
        "| system | snippet recall, all | English | non-English | F1 (full texts) | precision | recall | "
        "F1 tune | F1 held-out |",
        "|---|---|---|---|---|---|---|---|---|",
        *(
            f"| {n} | {r['all']:.3f} | {r['English']:.3f} | {r['non-English']:.3f} | {f['f1']:.3f} | "
            f"{f['precision']:.3f} | {f['recall']:.3f} | {t:.3f} | {h:.3f} |"
            for n, r, f, _, (t, h) in rows
        ),
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
