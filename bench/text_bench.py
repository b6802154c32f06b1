"""Text-dump benchmark: boilerstrip beside its peers on the same pages, in one run.

For each dump style of ../shared/bench/scrapinghub (text-seedlike, text-wet) every system
cleans the 181 whole-page dumps; the table shows the benchmark's published metric
(4-gram shingles, per-page precision and recall averaged, F1 from the averages) and
pages per second on one core (wall time of the extraction calls only; compare ratios,
the machine is shared and noisy).

Peers on text: a C4-style line filter, jusText and trafilatura on the lines wrapped as
<p> paragraphs (neither reads plain text), and keeping everything. Each page's URL (the
set's `url`) goes to boilerstrip and trafilatura, whose APIs take one: a crawl record
carries its URL (batch passes WARC-Target-URI), and the keep models are trained with it
(tools/train_keep.py). Up to 2026-12-04 (stop 31) no URL was given.

    python bench/text_bench.py [--data DIR] [--write docs/benchmarks.md] [--repeat N]
"""

from __future__ import annotations

import argparse
import html
import json
import pathlib
import sys
import time
from collections.abc import Callable
from typing import Any

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from metric import score  # noqa: E402
from report import parse_with_build, write_section  # noqa: E402

DEFAULT_DATA = HERE.parents[1] / "shared" / "bench" / "scrapinghub"
STYLES = ("text-seedlike", "text-wet")
_TERMINAL = (".", "!", "?", '"', "”", "'", "’")


def c4_line_filter(text: str) -> str:
    """C4's line rules: keep lines that end in terminal punctuation, have at least 3
    words, and mention neither javascript nor a cookie/privacy policy."""
    keep = []
    for line in text.splitlines():
        line = line.strip()
        low = line.lower()
        if (
            line.endswith(_TERMINAL)
            and len(line.split()) >= 3
            and "javascript" not in low
            and "lorem ipsum" not in low
            and "{" not in line
            and "cookie" not in low
        ):
            keep.append(line)
    return "\n".join(keep)


def wrap_as_html(text: str) -> str:
    paras = "".join(f"<p>{html.escape(line.strip())}</p>\n" for line in text.splitlines() if line.strip())
    return f"<html><body>{paras}</body></html>"


def make_justext() -> Callable[[str, str | None], str] | None:
    try:
        import justext
    except ImportError:
        return None
    stoplist = justext.get_stoplist("English")

    def run(text: str, url: str | None = None) -> str:
        paragraphs = justext.justext(wrap_as_html(text), stoplist)
        return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)

    return run


def make_trafilatura() -> Callable[[str, str | None], str] | None:
    try:
        import trafilatura
    except ImportError:
        return None

    def run(text: str, url: str | None = None) -> str:
        return trafilatura.extract(wrap_as_html(text), url=url, include_comments=False) or ""

    return run


def systems(config: dict[str, Any] | None = None) -> dict[str, Callable[[str, str | None], str] | None]:
    """Each system as a call on a dump and its page's URL (None: unknown): a crawl
    record carries its URL (batch passes WARC-Target-URI), so boilerstrip and
    trafilatura, whose APIs take one, are given it; the others take none. `config`:
    boilerstrip's Config fields that differ from the defaults."""
    from html_bench import boilerstrip_cleaner

    cleaner = boilerstrip_cleaner(config)
    return {
        "boilerstrip": lambda text, url: cleaner.clean(text, url=url).text,
        "C4-style line filter": lambda text, url: c4_line_filter(text),
        "jusText 3 (lines as <p>)": make_justext(),
        "trafilatura (lines as <p>)": make_trafilatura(),
        "keep everything": lambda text, url: text,
    }


def run_style(data: pathlib.Path, style: str, repeat: int) -> list[tuple[str, dict[str, float], float]]:
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(truth)
    pages = [(data / style / f"{i}.txt").read_text(encoding="utf-8") for i in ids]
    urls = [truth[i].get("url") for i in ids]
    rows = []
    for name, fn in systems().items():
        if fn is None:
            print(f"  {name}: not installed, skipped", file=sys.stderr)
            continue
        best = float("inf")
        for _ in range(repeat):
            start = time.perf_counter()
            outputs = [fn(p, u) for p, u in zip(pages, urls, strict=True)]
            best = min(best, time.perf_counter() - start)
        s = score(zip(outputs, (truth[i]["articleBody"] for i in ids), strict=False))
        rows.append((name, s, len(pages) / best))
        print(f"  {style} {name}: F1 {s['f1']:.3f} ({len(pages) / best:.0f} pages/s)", file=sys.stderr)
    return rows


def table(results: dict[str, list[tuple[str, dict[str, float], float]]]) -> str:
    lines = [
        "| dump style | system | F1 | precision | recall | pages/s (1 core) | × boilerstrip speed |",
        "|---|---|---|---|---|---|---|",
    ]
    for style, rows in results.items():
        ours = next((pps for name, _, pps in rows if name == "boilerstrip"), None)
        for name, s, pps in rows:
            timed = name != "keep everything"  # a no-op: its speed means nothing
            speed = f"{pps:,.0f}" if timed else "–"
            ratio = f"{pps / ours:.2f}" if ours and timed else "–"
            lines.append(
                f"| {style} | {name} | {s['f1']:.3f} | {s['precision']:.3f} | {s['recall']:.3f} | {speed} | {ratio} |"
            )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=pathlib.Path, default=DEFAULT_DATA)
    parser.add_argument("--write", type=pathlib.Path, help="update this Markdown file's text table")
    parser.add_argument("--repeat", type=int, default=5, help="timing runs per system; the best is kept")
    args, build = parse_with_build(parser)
    print(f"boilerstrip: {build}", file=sys.stderr)
    results = {style: run_style(args.data, style, args.repeat) for style in STYLES}
    out = table(results)
    print(out)
    if args.write:
        write_section(args.write, "text", out, build)


if __name__ == "__main__":
    main()
