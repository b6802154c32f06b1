"""Metadata benchmark: boilerstrip's title, date and authors beside trafilatura's and
htmldate's, on the gold metadata of ../shared/bench/wcxb (and the titles of
../shared/bench/multilingual), in one run.

Gold: WCXB's `title` (every page), `author` and `publish_date` (where the page shows
them); the multilingual set's `title` (its only metadata; other extractors' expected
titles, not a human gold standard). Systems, each in its own process on the same pages:

- boilerstrip on the HTML (`clean(page, url=url)`: `.title`, `.date`, `.authors`);
- boilerstrip on the WCXB `text-wet/` whole-page dumps (the same fields; WCXB only);
- trafilatura's `extract_metadata(page, default_url=url)`: `.title`, `.date`, `.author`
  (what `bare_extraction(..., with_metadata=True)` returns, without the content
  extraction, which drops all metadata when it finds too little text); its dates are
  htmldate's with `extensive_search=True`, `original_date=True` and `max_date` today;
- htmldate's `find_date(page, url=url)` with its default settings (which include
  `extensive_search=True`: besides the markup, it guesses from the URL and any
  date-like string in the page, and `original_date=False`: the latest date, an
  update's before a publication's), with `extensive_search=False` (markup only), and
  with `original_date=True`, the settings trafilatura passes (the publication date;
  `max_date` is today in all three).

Metrics (GitHub issue 15, item 6). Title: correct when equal to the gold once both are
folded (NFKC, casefold, every character that is not a letter or digit dropped, which
folds punctuation and whitespace). Date: correct when the system's YYYY-MM-DD is the
gold's (the system's value cut to its first ten characters when it starts with one;
for the two gold dates that give only a month, YYYY-MM, the system's month must match).
Author: correct when every gold surname is found in the system's authors (all names
joined): both folded (NFKD, combining marks dropped, casefold) to `\\w+` tokens, a
surname is found when its tokens are a contiguous run of the output's. `gold_surnames`
states how a gold author string is read (several names, degrees, roles).

For each field: accuracy over the pages with gold, the share of those pages with no
value, the share of all pages with a value, and for date and author the false
positives rate, the share of pages without gold on which the system gives a value
(over-eager extraction; a page without gold may still show a date or author the
annotators left out, so this is an upper bound). Every figure for the tuning part
and the held-out quarter of the domains (bench/splits.py) side by side. Pages/s count
the extraction calls only (one pass; a shared noisy two-core machine: indicative).

    python bench/meta_bench.py [--source] [--write docs/benchmarks.md]
        [--dump-pages FILE.jsonl] [--systems NAME,...]
"""

from __future__ import annotations

import argparse
import gzip
import json
import pathlib
import re
import subprocess
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable
from typing import Any

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from report import parse_with_build, write_section  # noqa: E402
from splits import multilingual_holdout, registered_domain, wcxb_holdout  # noqa: E402

SHARED = HERE.parents[1] / "shared" / "bench"
WCXB = SHARED / "wcxb"
MULTI = SHARED / "multilingual"
FIELDS = ("title", "date", "author")
# name: (fields it gives, sets it runs on)
SYSTEMS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "boilerstrip": (FIELDS, ("wcxb", "multilingual")),
    "boilerstrip (text dump)": (FIELDS, ("wcxb-text",)),
    "trafilatura": (FIELDS, ("wcxb", "multilingual")),
    "htmldate": (("date",), ("wcxb",)),
    "htmldate (extensive_search=False)": (("date",), ("wcxb",)),
    "htmldate (original_date=True)": (("date",), ("wcxb",)),
}
PARTS = ("tune", "held-out")


# --- gold and the metrics -----------------------------------------------------------


def fold_title(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKC", text).casefold() if c.isalnum())


def _tokens(text: str) -> list[str]:
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return re.findall(r"\w+", text.casefold())


_DEGREE_WORDS = {"ph.d.", "ph.d", "phd", "jr.", "jr", "sr.", "sr", "inc.", "inc", "ltd.", "ltd", "llc"}
_ROLE_WORDS = {
    "expert", "editor", "dietitian", "director", "ceo", "founder", "manager", "educator",
    "horticulturalist", "representative", "writer", "reporter", "correspondent",
    "contributor", "president", "analyst",
}  # fmt: skip
_FUNCTION_WORDS = {"of", "to", "in", "the", "for", "at"}
_LEAD = re.compile(r"^(?:(?:and|by|with|edited by|written by)\s+)+", re.IGNORECASE)


def _is_degree(token: str) -> bool:
    """A degree, credential or suffix: `MS`, `M.D.`, `E-RYT`, `200`, `CEPF®`, `Ph.D.`,
    `Jr.`, `Inc.` (no lower-case letter and two letters or digits at least, or listed)."""
    if token.casefold() in _DEGREE_WORDS:
        return True
    return bool(re.fullmatch(r"[A-Z0-9][A-Z0-9.\-+®]*", token)) and sum(c.isalnum() for c in token) >= 2


def _is_role(piece: str) -> bool:
    words = piece.split()
    return any(w.casefold().strip(".") in _ROLE_WORDS for w in words) or any(
        w in _FUNCTION_WORDS for w in words
    )


def _surname(piece: str) -> str | None:
    """The last word of a name, after trailing degrees and initials (`Jeff T.`)."""
    words = _LEAD.sub("", piece.strip()).split()
    while len(words) > 1 and (_is_degree(words[-1]) or re.fullmatch(r"[A-Z]\.", words[-1])):
        words.pop()
    if not words or (len(words) == 1 and _is_degree(words[0])):
        return None
    return words[-1]


def gold_surnames(gold: str) -> list[str]:
    """The surnames a system's authors must all contain, read from a WCXB gold author.

    1. What is in parentheses or angle brackets is dropped (`Jean-Luc Aufranc
       (CNXSoft)`, an e-mail address in `<...>`), and so is what
       follows ` | ` or ` / ` (an affiliation: `Sergio Martínez-Beltrán | The Texas
       Newsroom`).
    2. The rest is split at `;` and `,`. Past the first, a piece made of degrees only
       (`MS`, `RD`, `Ph.D.`, `M.D. FACLM`, `E-RYT 200`: no lower-case letter, or a
       listed word) is dropped, and so is a piece that names a role (a word such as
       expert, editor, director, CEO, or a lower-case of/to/in/the/for/at: `Mike
       Marshall, Shipping Expert`, `Mayank Gupta, CEO of CaseBasix`).
    3. Each remaining piece is split at `&`, ` and ` and ` with `, a leading `and`/`by`/`edited
       by` is dropped, then trailing degrees and initials (`Jeffrey A. Slotnick CPP`,
       `Kaufman, Jeff T.`), and its last word is the surname; a piece left with a
       degree alone gives none. A one-word gold (a user name) is its own surname.
    """
    text = re.sub(r"\([^)]*\)|<[^>]*>", " ", gold)
    text = re.split(r"\s[|/]\s", text)[0]
    pieces = [p.strip() for p in re.split(r"[;,]", text) if p.strip()]
    kept = [
        p
        for i, p in enumerate(pieces)
        if i == 0 or not (all(_is_degree(w) for w in p.split()) or _is_role(p))
    ]
    out = []
    for piece in kept:
        for part in re.split(r"&|\b(?:and|with)\b", piece):
            if part.strip() and (name := _surname(part)):
                out.append(name)
    return out or [gold.split()[-1]]


def author_correct(gold: str, value: str | None) -> bool:
    if not value:
        return False
    got = " " + " ".join(_tokens(value)) + " "
    return all(" " + " ".join(_tokens(s)) + " " in got for s in gold_surnames(gold))


def iso_date(value: str | None) -> str | None:
    if not value:
        return None
    m = re.match(r"\d{4}-\d{2}-\d{2}", value.strip())
    return m.group(0) if m else value.strip()


def date_correct(gold: str, value: str | None) -> bool:
    value = iso_date(value)
    return bool(value) and value[: len(gold)] == gold and len(value) >= len(gold)


def correct(field: str, gold: str, value: str | None) -> bool:
    if field == "title":
        return bool(value) and fold_title(value) == fold_title(gold)
    return date_correct(gold, value) if field == "date" else author_correct(gold, value)


# --- pages and systems ----------------------------------------------------------------


def load_pages(which: str) -> list[dict[str, Any]]:
    """Page records of a set: id, url, holdout, domain, gold fields."""
    if which == "multilingual":
        recs = [json.loads(x) for x in (MULTI / "expected.jsonl").read_text(encoding="utf-8").splitlines()]
        recs = [r for r in recs if not r.get("near_duplicate_of") or r["id"] < r["near_duplicate_of"]]
        return [
            {
                "id": r["id"],
                "url": r["url"],
                "domain": registered_domain(r["url"]) if r["url"] else r["id"],
                "holdout": multilingual_holdout(r["url"], r["id"]),
                "gold": {"title": r["title"]},
            }
            for r in sorted(recs, key=lambda r: r["id"])
        ]
    recs = [json.loads(x) for x in (WCXB / "truth.jsonl").read_text(encoding="utf-8").splitlines() if x]
    return [
        {
            "id": r["id"],
            "url": r["url"],
            "domain": registered_domain(r["domain"]),
            "holdout": wcxb_holdout(r["domain"]),
            "type": r["page_type"],
            "gold": {"title": r["title"], "date": r["publish_date"], "author": r["author"]},
        }
        for r in sorted(recs, key=lambda r: r["id"])
    ]


def read_page(which: str, pid: str) -> str | bytes:
    if which == "multilingual":
        return (MULTI / "pages" / f"{pid}.html").read_bytes()
    if which == "wcxb-text":
        return (WCXB / "text-wet" / f"{pid}.txt").read_text(encoding="utf-8")
    return gzip.decompress((WCXB / "html" / f"{pid}.html.gz").read_bytes())


Values = dict[str, str | None]


def extractor(name: str) -> Callable[[str | bytes, str | None], Values]:
    """One system's metadata function, imported only in its own process."""
    if name.startswith("boilerstrip"):
        import boilerstrip

        cleaner = boilerstrip.Cleaner()

        def ours(page: str | bytes, url: str | None) -> Values:
            r = cleaner.clean(page, url=url)
            return {"title": r.title, "date": r.date, "author": "; ".join(r.authors) or None}

        return ours
    if name == "trafilatura":
        from trafilatura import extract_metadata

        def theirs(page: str | bytes, url: str | None) -> Values:
            m = extract_metadata(page, default_url=url)  # type: ignore[arg-type]
            return {"title": m.title, "date": m.date, "author": m.author}

        return theirs
    if name.startswith("htmldate"):
        from htmldate import find_date

        extensive = "extensive_search=False" not in name
        original = "original_date=True" in name

        def dated(page: str | bytes, url: str | None) -> Values:
            return {"date": find_date(page, url=url, extensive_search=extensive, original_date=original)}

        return dated
    raise ValueError(name)


def worker(name: str, which: str) -> None:
    """Run one system on one set in this process; print a JSON line."""
    import logging

    logging.disable(logging.CRITICAL)
    fn = extractor(name)
    pages = load_pages("wcxb" if which == "wcxb-text" else which)
    values, errors, spent = [], {}, 0.0
    for p in pages:
        page = read_page(which, p["id"])
        start = time.perf_counter()
        try:
            got = fn(page, p["url"])
        except Exception as exc:  # a crash is a result: no value
            got = {}
            errors[p["id"]] = f"{type(exc).__name__}: {str(exc)[:200]}"
        spent += time.perf_counter() - start
        values.append({k: (str(v) if v else None) for k, v in got.items()})
    print(json.dumps({"ids": [p["id"] for p in pages], "values": values, "seconds": spent, "errors": errors}))


def run(name: str, which: str, source: bool) -> dict[str, Any] | None:
    proc = subprocess.run(
        [sys.executable, __file__, "--worker", name, "--set", which] + (["--source"] if source else []),
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        print(f"  {name} on {which}: failed or not installed, skipped\n{proc.stderr[-500:]}", file=sys.stderr)
        return None
    res: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    print(
        f"  {name} on {which}: {len(res['ids']) / res['seconds']:.1f} pages/s, {len(res['errors'])} errors",
        file=sys.stderr,
    )
    return res


# --- scoring and tables -------------------------------------------------------------


def score(
    pages: list[dict[str, Any]], results: dict[str, dict[str, Any]], fields: tuple[str, ...]
) -> list[dict[str, Any]]:
    """One row per page and field: gold, each system's value and whether it is right."""
    rows = []
    for i, p in enumerate(pages):
        for field in fields:
            gold = p["gold"].get(field)
            row: dict[str, Any] = {
                "id": p["id"],
                "field": field,
                "gold": gold,
                "holdout": p["holdout"],
                "domain": p["domain"],
                "values": {},
                "correct": {},
            }
            if gold and field == "author":
                row["gold_surnames"] = gold_surnames(gold)
            for name, res in results.items():
                if field not in SYSTEMS[name][0]:
                    continue
                assert res["ids"][i] == p["id"]
                value = res["values"][i].get(field)
                row["values"][name] = value
                row["correct"][name] = correct(field, gold, value) if gold else None
            rows.append(row)
    return rows


def _pct(num: int, den: int) -> str:
    return f"{100 * num / den:.1f}%" if den else "–"


def field_table(rows: list[dict[str, Any]], field: str, names: list[str], with_fp: bool) -> str:
    rows = [r for r in rows if r["field"] == field]
    part = {k: [r for r in rows if r["holdout"] == (k == "held-out")] for k in PARTS}
    gold = {k: [r for r in v if r["gold"]] for k, v in part.items()}
    none = {k: [r for r in v if not r["gold"]] for k, v in part.items()}
    head = (
        "| system | accuracy, tune | accuracy, held-out | no value on gold pages, tune | held-out "
        "| wrong value on gold pages, tune | held-out | any value, all pages"
    )
    head += " | value without gold (FP rate), tune | held-out |" if with_fp else " |"
    lines = [
        f"Pages with gold: {len(gold['tune'])} tune, {len(gold['held-out'])} held-out"
        + (f"; without: {len(none['tune'])} tune, {len(none['held-out'])} held-out." if with_fp else "."),
        "",
        head,
        "|---|---|---|---|---|---|---|---|" + ("---|---|" if with_fp else ""),
    ]
    for name in names:
        if not rows or name not in rows[0]["values"]:
            continue
        cells = [name]
        cells += [_pct(sum(bool(r["correct"][name]) for r in gold[k]), len(gold[k])) for k in PARTS]
        cells += [_pct(sum(not r["values"][name] for r in gold[k]), len(gold[k])) for k in PARTS]
        cells += [
            _pct(sum(bool(r["values"][name]) and not r["correct"][name] for r in gold[k]), len(gold[k]))
            for k in PARTS
        ]
        cells.append(_pct(sum(bool(r["values"][name]) for r in rows), len(rows)))
        if with_fp:
            cells += [_pct(sum(bool(r["values"][name]) for r in none[k]), len(none[k])) for k in PARTS]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def speed_table(results: dict[tuple[str, str], dict[str, Any]]) -> str:
    lines = [
        "| system | set | pages | pages/s (1 core) | errors |",
        "|---|---|---|---|---|",
    ]
    for (name, which), res in results.items():
        n = len(res["ids"])
        lines.append(f"| {name} | {which} | {n} | {n / res['seconds']:,.1f} | {len(res['errors'])} |")
    return "\n".join(lines)


def summary_table(rows: list[dict[str, Any]], names: list[str]) -> str:
    """Accuracy of each system on each field, tune beside held-out."""
    lines = [
        "| system | " + " | ".join(f"{f} tune | {f} held-out" for f in FIELDS) + " |",
        "|---|" + "---|---|" * len(FIELDS),
    ]
    for name in names:
        cells = []
        for field in FIELDS:
            for part in PARTS:
                gold = [
                    r
                    for r in rows
                    if r["field"] == field and r["gold"] and r["holdout"] == (part == "held-out")
                ]
                got = [r for r in gold if name in r["values"]]
                cells.append(_pct(sum(bool(r["correct"][name]) for r in got), len(got)) if got else "–")
        if any(c != "–" for c in cells):
            lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def tables(
    wcxb_rows: list[dict[str, Any]],
    multi_rows: list[dict[str, Any]],
    results: dict[tuple[str, str], dict[str, Any]],
) -> str:
    names = list(SYSTEMS)
    out = [
        "WCXB, accuracy over the pages with gold for the field (tune / held-out page counts "
        "in the tables below):",
        "",
        summary_table(wcxb_rows, names),
        "",
        "WCXB, title (every page has one):",
        "",
        field_table(wcxb_rows, "title", names, False),
        "",
        "WCXB, publication date:",
        "",
        field_table(wcxb_rows, "date", names, True),
        "",
        "WCXB, author:",
        "",
        field_table(wcxb_rows, "author", names, True),
    ]
    if multi_rows:
        out += [
            "",
            "Multilingual set, title (expected titles of goose3, newspaper4k and Readability.js; "
            "near-duplicate pairs once):",
            "",
            field_table(multi_rows, "title", names, False),
        ]
    out += [
        "",
        "Speed (extraction calls only; boilerstrip cleans the whole page, trafilatura and "
        "htmldate extract metadata only; one pass on 2 shared, noisy cores: indicative):",
        "",
        speed_table(results),
    ]
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", type=pathlib.Path, help="update this Markdown file's metadata tables")
    parser.add_argument(
        "--dump-pages", type=pathlib.Path, help="write per-page, per-field values and flags here (JSONL)"
    )
    parser.add_argument("--systems", default="", help="comma-separated system names (default: all)")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--set", help=argparse.SUPPRESS)
    args, build = parse_with_build(parser)
    if args.worker:
        worker(args.worker, args.set)
        return
    print(f"boilerstrip: {build}", file=sys.stderr)
    wanted = [s.strip() for s in args.systems.split(",") if s.strip()]
    results: dict[tuple[str, str], dict[str, Any]] = {}
    for name, (_, sets) in SYSTEMS.items():
        if wanted and name not in wanted:
            continue
        for which in sets:
            if (res := run(name, which, args.source)) is not None:
                results[name, which] = res
    by_set = {
        s: {name: res for (name, which), res in results.items() if which.split("-")[0] == s}
        for s in ("wcxb", "multilingual")
    }
    wcxb_rows = score(load_pages("wcxb"), by_set["wcxb"], FIELDS)
    multi_rows = score(load_pages("multilingual"), by_set["multilingual"], ("title",))
    out = tables(wcxb_rows, multi_rows, results)
    print(out)
    if args.write:
        write_section(args.write, "meta", out, build)
    if args.dump_pages:
        dump = [{"set": "wcxb", **r} for r in wcxb_rows] + [{"set": "multilingual", **r} for r in multi_rows]
        args.dump_pages.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in dump), "utf-8")
    summary = Counter(
        (r["field"], "missing" if not r["values"].get("boilerstrip") else "wrong")
        for r in wcxb_rows
        if r["gold"] and not r["holdout"] and r["correct"].get("boilerstrip") is False
    )
    print(f"  boilerstrip failures on WCXB tuning pages: {dict(sorted(summary.items()))}", file=sys.stderr)


if __name__ == "__main__":
    main()
