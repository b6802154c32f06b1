"""HTML benchmark: boilerstrip beside trafilatura (default and fast), readability-lxml,
jusText and resiliparse on the 181 pages of ../shared/bench/scrapinghub/html, in one run.

Each system runs in its own subprocess on the same pages (as bytes, as a crawler would
hand them over, with the page's URL to each system whose API takes one, as a crawl
record carries it; up to 2026-12-04, stop 31, none was given), so peak memory (max RSS
of that process) is its own. The table gives
the benchmark's published metric (F1, precision, recall), pages per second on one core
(the best of --repeat timed passes in each of --rounds rounds over all systems,
extraction calls only) and peak RSS; then boilerstrip's speed ratio to trafilatura
with the two timed page by page in one process, which a shared machine's slow and fast
spells cannot tilt.

    python bench/html_bench.py [--data DIR] [--write docs/benchmarks.md] [--repeat N] [--rounds N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import pathlib
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from metric import score  # noqa: E402
from report import best_of_rounds, parse_with_build, write_section  # noqa: E402

DEFAULT_DATA = HERE.parents[1] / "shared" / "bench" / "scrapinghub"
SYSTEMS = ("boilerstrip", "trafilatura", "trafilatura fast", "readability-lxml", "jusText", "resiliparse")


def extractor(name: str, config: dict[str, Any] | None = None) -> Callable[[bytes, str | None], str]:
    """The extraction function of one system, imported only in its own process. It takes
    the page and its URL (None if unknown); the URL goes to the systems whose API takes
    one (boilerstrip, trafilatura, readability), as a crawl record would hand it over.
    `config`: boilerstrip's Config fields that differ from the defaults (a model file,
    a threshold), to compare a variant on the same pages."""
    if name == "boilerstrip":
        cleaner = boilerstrip_cleaner(config)
        return lambda page, url=None: cleaner.clean(page, url=url).text
    if name.startswith("trafilatura"):
        import trafilatura

        fast = name.endswith("fast")
        # Comments off, as boilerstrip's default and the ground truth: with trafilatura's
        # default (comments on) its precision is 1.4 points lower.
        return lambda page, url=None: (
            trafilatura.extract(page, url=url, fast=fast, include_comments=False) or ""
        )
    if name == "readability-lxml":
        import lxml.html
        from readability import Document

        def readability_text(page: bytes, url: str | None = None) -> str:
            summary = Document(page, url=url).summary(html_partial=True)
            return lxml.html.fromstring(summary).text_content() if summary.strip() else ""

        return readability_text
    if name == "jusText":
        import justext

        stoplist = justext.get_stoplist("English")
        return lambda page, url=None: "\n".join(
            p.text for p in justext.justext(page, stoplist) if not p.is_boilerplate
        )
    if name == "resiliparse":
        from resiliparse.extract.html2text import extract_plain_text
        from resiliparse.parse.encoding import bytes_to_str, detect_encoding

        return lambda page, url=None: extract_plain_text(
            bytes_to_str(page, detect_encoding(page)), main_content=True
        )
    raise ValueError(name)


def boilerstrip_cleaner(config: dict[str, Any] | None = None) -> Any:
    """A Cleaner of the default Config with `config`'s fields replaced (JSON lists as
    tuples, as Config's sequence fields are)."""
    import dataclasses

    import boilerstrip

    fields: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v for k, v in (config or {}).items()}
    return boilerstrip.Cleaner(dataclasses.replace(boilerstrip.Config(), **fields))


def worker(name: str, data: pathlib.Path, repeat: int) -> None:
    """Run one system; print a JSON line with outputs, best time and peak RSS."""
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(truth)
    pages = [gzip.decompress((data / "html" / f"{i}.html.gz").read_bytes()) for i in ids]
    urls = [truth[i].get("url") for i in ids]
    fn = extractor(name)
    best = float("inf")
    outputs: list[str] = []
    for _ in range(repeat):
        start = time.perf_counter()
        outputs = [fn(p, u) for p, u in zip(pages, urls, strict=True)]
        best = min(best, time.perf_counter() - start)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"ids": ids, "outputs": outputs, "seconds": best, "rss_mb": rss_mb}))


def paired_worker(data: pathlib.Path, repeat: int) -> None:
    """boilerstrip and trafilatura in one process, timed page by page in turn, so that
    both meet the same moments of a shared machine; print the best pass of each."""
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(truth)
    pages = [
        (gzip.decompress((data / "html" / f"{i}.html.gz").read_bytes()), truth[i].get("url")) for i in ids
    ]
    ours, theirs = extractor("boilerstrip"), extractor("trafilatura")
    for page, url in pages[:5]:  # imports and first calls out of the timing
        ours(page, url), theirs(page, url)
    best = [float("inf"), float("inf")]
    for _ in range(repeat):
        spent = [0.0, 0.0]
        for page, url in pages:
            start = time.perf_counter()
            ours(page, url)
            middle = time.perf_counter()
            theirs(page, url)
            spent[0] += middle - start
            spent[1] += time.perf_counter() - middle
        best = [min(b, s) for b, s in zip(best, spent, strict=True)]
    print(json.dumps({"boilerstrip": best[0], "trafilatura": best[1]}))


def paired_ratio(data: pathlib.Path, repeat: int, source: bool) -> str:
    """The speed ratio to trafilatura with both timed page by page in one process."""
    proc = subprocess.run(
        [sys.executable, __file__, "--paired-worker", "--data", str(data), "--repeat", str(repeat)]
        + (["--source"] if source else []),
        capture_output=True,
        text=True,
        check=True,
    )
    res = json.loads(proc.stdout.strip().splitlines()[-1])
    return (
        f"Timed page by page in one process instead (both systems meet the same moments of "
        f"the machine; best of {repeat} passes): boilerstrip is "
        f"{res['trafilatura'] / res['boilerstrip']:.1f}× as fast as trafilatura."
    )


def run_all(
    data: pathlib.Path, repeat: int, rounds: int, source: bool
) -> list[tuple[str, dict[str, float], float, float]]:
    """Every system in its own process, once a round: the best time of all rounds is
    kept, so that on a shared machine each system meets the same quiet and busy spells."""
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    args = ["--data", str(data), "--repeat", str(repeat)] + (["--source"] if source else [])
    results = best_of_rounds(__file__, list(SYSTEMS), args, rounds)
    rows = []
    for name, res in results.items():
        s = score(zip(res["outputs"], (truth[i]["articleBody"] for i in res["ids"]), strict=True))
        pps = len(res["ids"]) / res["seconds"]
        rows.append((name, s, pps, res["rss_mb"]))
        print(f"  {name}: F1 {s['f1']:.3f} {pps:.0f} pages/s {res['rss_mb']:.0f} MB", file=sys.stderr)
    return rows


def table(rows: list[tuple[str, dict[str, float], float, float]]) -> str:
    ours = next((pps for name, _, pps, _ in rows if name == "boilerstrip"), None)
    lines = [
        "| system | F1 | precision | recall | pages/s (1 core) | boilerstrip is × faster | peak RSS (MB) |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, s, pps, rss in rows:
        ratio = f"{ours / pps:.1f}" if ours else ""
        lines.append(
            f"| {name} | {s['f1']:.3f} | {s['precision']:.3f} | {s['recall']:.3f} | {pps:,.0f} | {ratio} | {rss:.0f} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=pathlib.Path, default=DEFAULT_DATA)
    parser.add_argument("--write", type=pathlib.Path, help="update this Markdown file's HTML table")
    parser.add_argument("--repeat", type=int, default=2, help="timed passes per system and round")
    parser.add_argument(
        "--rounds", type=int, default=3, help="rounds over all systems; the best time is kept"
    )
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--paired-worker", action="store_true", help=argparse.SUPPRESS)
    args, build = parse_with_build(parser)
    if args.worker:
        worker(args.worker, args.data, args.repeat)
        return
    if args.paired_worker:
        paired_worker(args.data, args.repeat)
        return
    print(f"boilerstrip: {build}", file=sys.stderr)
    out = table(run_all(args.data, args.repeat, args.rounds, args.source))
    out += "\n\n" + paired_ratio(args.data, args.repeat + 1, args.source)
    print(out)
    if args.write:
        write_section(args.write, "html", out, build)


if __name__ == "__main__":
    main()
