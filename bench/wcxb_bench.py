"""WCXB benchmark: boilerstrip beside its peers on the 1,497 pages of ../shared/bench/wcxb
(seven page types), as HTML and as whole-page text dumps, in one run.

The metric is WCXB's own (its evaluate.py, as the set's README states it): lowercase,
tokens are `\\w+` matches, per page bag-of-words precision = overlap / predicted
tokens and recall = overlap / reference tokens (overlap: multiset intersection), F1
from those; precision, recall and F1 are each averaged over pages. An empty reference
scores 1.0 if the output is empty too, else 0; an empty output scores 0 against a
non-empty reference. Also the mean share of the page's `with` snippets found in the
output (higher is better) and of its `without` snippets (lower is better): a snippet
is found when its tokens (lowercased `\\w+`, as above) are a contiguous run of the
output's tokens, so that a straight or curly apostrophe, or a line break, does not
decide; pages without snippets of a kind are left out of that mean.

Every figure is given on all pages, on the tuning part and on the held-out quarter of
the domains (bench/splits.py), and F1 by page type.

HTML mode runs the peers of bench/html_bench.py as it does, each system in its own
process, pages as bytes, and hands each page's URL (the set's `url`) to every system
whose API takes one: boilerstrip (`clean(page, url=...)`: its page-type guess reads the
URL), trafilatura and its fast mode, readability; jusText and resiliparse take none.
A crawl record carries its URL (batch passes WARC-Target-URI), and the keep model is
trained with it (tools/train_keep.py), so the bench measures what users run. Text mode cleans the `text-wet/` dumps (resiliparse's
HTML-to-text with nothing removed, one block a line) with boilerstrip and the text
peers of bench/text_bench.py, each page's URL to those that take one, as in HTML mode
(since 2026-12-04, stop 31). Pages/s counts the extraction calls only (reading and
gunzipping a page are outside the timing); a page on which a system raises counts as
an empty output and is reported.

    python bench/wcxb_bench.py [--mode html|text|both] [--source] [--write docs/benchmarks.md]
        [--dump-pages FILE.jsonl] [--systems NAME,...] [--repeat N] [--rounds N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import pathlib
import re
import resource
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from report import best_of_rounds, parse_with_build, write_section  # noqa: E402
from splits import registered_domain, wcxb_holdout  # noqa: E402

DEFAULT_DATA = HERE.parents[1] / "shared" / "bench" / "wcxb"
TYPES = ("article", "service", "product", "collection", "forum", "listing", "documentation")
_TOKEN = re.compile(r"\w+")
PARTS = ("all", "tune", "held-out")


# --- the metric ---------------------------------------------------------------------


def bag(text: str) -> Counter[str]:
    return Counter(_TOKEN.findall(text.lower()))


def page_prf(predicted: str, reference: str) -> tuple[float, float, float]:
    """(precision, recall, F1) of one page, bag of lowercased `\\w+` tokens."""
    ref, pred = bag(reference), bag(predicted)
    if not ref:
        v = 0.0 if pred else 1.0
        return v, v, v
    if not pred:
        return 0.0, 0.0, 0.0
    overlap = sum((pred & ref).values())
    p = overlap / sum(pred.values())
    r = overlap / sum(ref.values())
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _words(text: str) -> str:
    return " " + " ".join(_TOKEN.findall(text.lower())) + " "


def snippet_share(snippets: list[str], predicted: str) -> float | None:
    """Share of the snippets whose tokens are a run of the output's tokens (None for a
    page without snippets)."""
    if not snippets:
        return None
    got = _words(predicted)
    return sum(_words(s) in got for s in snippets) / len(snippets)


def page_record(rec: dict[str, Any], output: str, error: str | None) -> dict[str, Any]:
    """One page's scores, with what the split and the error analysis need."""
    p, r, f1 = page_prf(output, rec["main_content"])
    return {
        "id": rec["id"],
        "type": rec["page_type"],
        "domain": rec["domain"],
        "registered_domain": registered_domain(rec["domain"]),
        "holdout": wcxb_holdout(rec["domain"]),
        "precision": p,
        "recall": r,
        "f1": f1,
        "with": snippet_share(rec["with"], output),
        "without": snippet_share(rec["without"], output),
        "output_tokens": len(_TOKEN.findall(output)),
        "reference_tokens": len(_TOKEN.findall(rec["main_content"])),
        "error": error,
    }


def _mean(values: Iterable[float | None]) -> float:
    v = [x for x in values if x is not None]
    return sum(v) / len(v) if v else float("nan")


def aggregate(pages: list[dict[str, Any]]) -> dict[str, float]:
    """Page means of P, R, F1 and of the snippet shares."""
    return {
        "n": len(pages),
        **{k: _mean(p[k] for p in pages) for k in ("f1", "precision", "recall", "with", "without")},
    }


def in_part(page: dict[str, Any], part: str) -> bool:
    return part == "all" or page["holdout"] == (part == "held-out")


# --- running the systems ------------------------------------------------------------


def load_truth(data: pathlib.Path) -> list[dict[str, Any]]:
    lines = (data / "truth.jsonl").read_text(encoding="utf-8").splitlines()
    return sorted((json.loads(x) for x in lines if x.strip()), key=lambda r: r["id"])


def timed_pass(
    fn: Callable[[Any], str], ids: list[str], read: Callable[[str], Any]
) -> tuple[list[str], float, dict[str, str]]:
    """Outputs, seconds spent in `fn` alone, and the errors raised (by page id)."""
    outputs, errors, spent = [], {}, 0.0
    for pid in ids:
        page = read(pid)
        start = time.perf_counter()
        try:
            out = fn(page)
        except Exception as exc:  # a crash is a result: the page counts as empty
            out = ""
            errors[pid] = f"{type(exc).__name__}: {str(exc)[:200]}"
        spent += time.perf_counter() - start
        outputs.append(out)
    return outputs, spent, errors


def html_worker(name: str, data: pathlib.Path, repeat: int, config: dict[str, Any] | None = None) -> None:
    """Run one HTML system in this process; print a JSON line with outputs, best time,
    errors and peak RSS."""
    from html_bench import extractor

    truth = load_truth(data)
    ids, urls = [r["id"] for r in truth], {r["id"]: r.get("url") for r in truth}
    fn = extractor(name, config)

    def read(pid: str) -> tuple[bytes, str | None]:
        return gzip.decompress((data / "html" / f"{pid}.html.gz").read_bytes()), urls[pid]

    best, outputs, errors = float("inf"), [], {}
    for _ in range(repeat):
        outputs, seconds, errors = timed_pass(lambda item: fn(*item), ids, read)
        best = min(best, seconds)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"ids": ids, "outputs": outputs, "seconds": best, "errors": errors, "rss_mb": rss_mb}))


def run_html(
    data: pathlib.Path, names: list[str], repeat: int, rounds: int, source: bool, config: str = "{}"
) -> dict[str, Any]:
    """Every system in its own process, once a round; the best time of all rounds."""
    args = ["--data", str(data), "--repeat", str(repeat), "--config", config] + (
        ["--source"] if source else []
    )
    return best_of_rounds(__file__, names, args, rounds)


def run_text(
    data: pathlib.Path, names: list[str], repeat: int, config: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The text systems of bench/text_bench.py in this process, on the `text-wet` dumps."""
    from text_bench import systems

    truth = load_truth(data)
    ids, urls = [r["id"] for r in truth], {r["id"]: r.get("url") for r in truth}
    pages = {pid: (data / "text-wet" / f"{pid}.txt").read_text(encoding="utf-8") for pid in ids}
    results = {}
    for name, fn in systems(config).items():
        if fn is None or (names and name not in names):
            continue
        best, outputs, errors = float("inf"), [], {}
        for _ in range(repeat):
            outputs, seconds, errors = timed_pass(
                lambda item, fn=fn: fn(*item), ids, lambda pid: (pages[pid], urls[pid])
            )
            best = min(best, seconds)
        results[name] = {"ids": ids, "outputs": outputs, "seconds": best, "errors": errors}
        print(f"  text {name}: {len(ids) / best:.1f} pages/s", file=sys.stderr)
    return results


# --- tables -------------------------------------------------------------------------


def score_system(truth: list[dict[str, Any]], res: dict[str, Any]) -> list[dict[str, Any]]:
    by_id = {r["id"]: r for r in truth}
    return [
        page_record(by_id[pid], out, res["errors"].get(pid))
        for pid, out in zip(res["ids"], res["outputs"], strict=True)
    ]


def _f(x: float) -> str:
    return "–" if x != x else f"{x:.3f}"


def tables(truth: list[dict[str, Any]], results: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """The Markdown tables of one mode, and the per-page records of each system."""
    scored = {name: score_system(truth, res) for name, res in results.items()}
    n = {part: sum(in_part(p, part) for p in next(iter(scored.values()))) for part in PARTS}
    domains = {
        part: len({p["registered_domain"] for p in next(iter(scored.values())) if in_part(p, part)})
        for part in PARTS
    }
    ours = results.get("boilerstrip", {}).get("seconds")
    out = [
        f"{n['all']} pages: tune {n['tune']} ({domains['tune']} domains), held-out {n['held-out']} "
        f"({domains['held-out']} domains). F1, precision and recall are page means; `with`: share of the "
        "must-keep snippets found (higher is better), `without`: share of the boilerplate snippets "
        "found (lower is better). Pages/s are indicative only (2 shared, noisy cores).",
        "",
        "| system | F1 | precision | recall | `with` ↑ | `without` ↓ | pages/s (1 core) | "
        "boilerstrip is × faster | empty output, gold not | errors |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, pages in scored.items():
        a = aggregate(pages)
        pps = len(pages) / results[name]["seconds"]
        timed = name != "keep everything"  # a no-op: its speed means nothing
        empty = sum(p["output_tokens"] == 0 and p["reference_tokens"] > 0 for p in pages)
        times = results[name]["seconds"] / ours if ours else 0.0
        ratio = (f"{times:.1f}" if times >= 1 else f"{times:.2f}") if ours and timed else "–"
        out.append(
            f"| {name} | {_f(a['f1'])} | {_f(a['precision'])} | {_f(a['recall'])} | {_f(a['with'])} | "
            f"{_f(a['without'])} | {f'{pps:,.1f}' if timed else '–'} | "
            f"{ratio} | {empty} | "
            f"{len(results[name]['errors'])} |"
        )
    out += [
        "",
        "Tuning part beside the held-out quarter of the domains:",
        "",
        "| system | F1 tune | F1 held-out | P tune | P held-out | R tune | R held-out | `with` tune | "
        "`with` held-out | `without` tune | `without` held-out |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, pages in scored.items():
        t = aggregate([p for p in pages if in_part(p, "tune")])
        h = aggregate([p for p in pages if in_part(p, "held-out")])
        cells = " | ".join(
            f"{_f(t[k])} | {_f(h[k])}" for k in ("f1", "precision", "recall", "with", "without")
        )
        out.append(f"| {name} | {cells} |")
    first = next(iter(scored.values()))
    counts = {t: [sum(p["type"] == t and in_part(p, part) for p in first) for part in PARTS] for t in TYPES}
    out += [
        "",
        "F1 by page type, all pages (page counts: all / tune / held-out):",
        "",
        "| system | " + " | ".join(f"{t} ({'/'.join(map(str, counts[t]))})" for t in TYPES) + " |",
        "|---|" + "---|" * len(TYPES),
    ]
    for name, pages in scored.items():
        cells = " | ".join(_f(aggregate([p for p in pages if p["type"] == t])["f1"]) for t in TYPES)
        out.append(f"| {name} | {cells} |")
    out += [
        "",
        "F1 by page type, tune / held-out:",
        "",
        "| system | " + " | ".join(TYPES) + " |",
        "|---|" + "---|" * len(TYPES),
    ]
    for name, pages in scored.items():
        cells = " | ".join(
            " / ".join(
                _f(aggregate([p for p in pages if p["type"] == t and in_part(p, part)])["f1"])
                for part in ("tune", "held-out")
            )
            for t in TYPES
        )
        out.append(f"| {name} | {cells} |")
    return "\n".join(out), scored


def report_failures(mode: str, pages: list[dict[str, Any]]) -> None:
    """boilerstrip's errors and empty outputs on pages with a reference, by type; the
    ids of tuning pages only (held-out pages are not to be studied)."""
    bad = [p for p in pages if p["error"] or (p["output_tokens"] == 0 and p["reference_tokens"])]
    if not bad:
        return
    types = Counter(p["type"] for p in bad)
    print(
        f"  {mode} boilerstrip: {sum(bool(p['error']) for p in bad)} errors, "
        f"{sum(not p['error'] for p in bad)} empty outputs on a non-empty reference "
        f"({', '.join(f'{t} {c}' for t, c in types.most_common())}; "
        f"{sum(p['holdout'] for p in bad)} held-out); tuning pages: "
        + " ".join(p["id"] + (f" [{p['error']}]" if p["error"] else "") for p in bad if not p["holdout"]),
        file=sys.stderr,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=pathlib.Path, default=DEFAULT_DATA)
    parser.add_argument("--mode", choices=("html", "text", "both"), default="both")
    parser.add_argument("--write", type=pathlib.Path, help="update this Markdown file's WCXB tables")
    parser.add_argument(
        "--dump-pages", type=pathlib.Path, help="write boilerstrip's per-page scores here (JSONL)"
    )
    parser.add_argument("--systems", default="", help="comma-separated system names (default: all)")
    parser.add_argument("--repeat", type=int, default=1, help="timed passes per system and round")
    parser.add_argument(
        "--rounds", type=int, default=1, help="HTML: rounds over all systems; the best time is kept"
    )
    parser.add_argument(
        "--config",
        default="{}",
        help="boilerstrip's Config fields that differ from the defaults, as JSON "
        '(a variant to compare with --dump-pages and bench/compare.py: \'{"keep_text": "model.json"}\')',
    )
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args, build = parse_with_build(parser)
    config = json.loads(args.config)
    if args.worker:
        html_worker(args.worker, args.data, args.repeat, config)
        return
    print(f"boilerstrip: {build}", file=sys.stderr)
    from html_bench import SYSTEMS

    names = [s.strip() for s in args.systems.split(",") if s.strip()]
    truth = load_truth(args.data)
    dump: list[dict[str, Any]] = []
    for mode in ("html", "text") if args.mode == "both" else (args.mode,):
        if mode == "html":
            results = run_html(
                args.data,
                [s for s in SYSTEMS if not names or s in names],
                args.repeat,
                args.rounds,
                args.source,
                args.config,
            )
        else:
            results = run_text(args.data, names, args.repeat, config)
        if not results:
            continue
        out, scored = tables(truth, results)
        print(f"\n## WCXB, {mode}\n\n{out}")
        if args.write:
            write_section(args.write, f"wcxb-{mode}", out, build)
        dump += [{"mode": mode, **p} for p in scored.get("boilerstrip", [])]
        report_failures(mode, scored.get("boilerstrip", []))
    if args.dump_pages:
        args.dump_pages.write_text("".join(json.dumps(p) + "\n" for p in dump), encoding="utf-8")


if __name__ == "__main__":
    main()
