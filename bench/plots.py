"""Plots of quality against speed, drawn from the tables in docs/benchmarks.md.

Why: a table gives the numbers; a plot shows at a glance where each system stands on
the two axes that matter when cleaning a crawl, F1 (up is better) and pages per
second on one core (right is better, log scale). The plots are drawn from the tables
the benchmark scripts wrote (`--write`), so that they can never disagree with them,
and the benches redraw them after writing. One PNG a table, in docs/img/.

    python bench/plots.py [--doc docs/benchmarks.md] [--out docs/img]
"""

from __future__ import annotations

import argparse
import pathlib
import re

CHECKOUT = pathlib.Path(__file__).resolve().parents[1]
# (section marker, which rows, plot title): `rows` picks the rows whose first cell
# starts with it (the text table holds both dump styles).
PLOTS = (
    ("html", "", "Scrapinghub news pages, HTML (181)"),
    ("text", "text-wet |", "Scrapinghub news pages, text dumps in WET style (181)"),
    ("wcxb-html", "", "WCXB, 7 page types, HTML (1,497)"),
    ("wcxb-text", "", "WCXB, 7 page types, text dumps (1,497)"),
)


def first_table(doc: str, section: str) -> list[dict[str, str]]:
    """The rows of the first Markdown table between the section's markers, as dicts
    keyed by the header's cells."""
    start, end = f"<!-- {section}:start -->", f"<!-- {section}:end -->"
    if start not in doc or end not in doc:
        return []
    lines = doc[doc.index(start) : doc.index(end)].splitlines()
    table = _first_table_lines(lines)
    if len(table) < 3:
        return []
    header = _cells(table[0])
    return [dict(zip(header, _cells(row), strict=True)) for row in table[2:]]


def _first_table_lines(lines: list[str]) -> list[str]:
    """The first run of lines that are table rows."""
    out: list[str] = []
    for line in lines:
        if line.startswith("|"):
            out.append(line)
        elif out:
            break
    return out


def _cells(row: str) -> list[str]:
    return [c.strip() for c in row.strip().strip("|").split("|")]


def points(rows: list[dict[str, str]], style: str) -> list[tuple[str, float, float]]:
    """(system, pages/s, F1) of every row with a speed, of the dump style when given."""
    out = []
    for row in rows:
        if style and row.get("dump style") != style.removesuffix(" |").strip():
            continue
        speed = next((v for k, v in row.items() if k.startswith("pages/s")), "–")
        if not re.fullmatch(r"[\d,.]+", speed):
            continue
        out.append((row["system"], float(speed.replace(",", "")), float(row["F1"])))
    return out


def draw(found: list[tuple[str, float, float]], title: str, path: pathlib.Path) -> None:
    """One scatter plot: boilerstrip in its own colour, each peer named beside its dot."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter, LogLocator

    fig, ax = plt.subplots(figsize=(7, 4.2), dpi=110)
    for name, speed, f1 in found:
        ours = name.startswith("boilerstrip")
        ax.scatter(speed, f1, s=70 if ours else 40, color="#2e7d32" if ours else "#546e7a", zorder=3)
        ax.annotate(name, (speed, f1), textcoords="offset points", xytext=(6, 4), fontsize=8,
                    fontweight="bold" if ours else "normal")  # fmt: skip
    ax.set_xscale("log")
    speeds = [speed for _, speed, _ in found]
    ax.set_xlim(min(speeds) / 1.4, max(speeds) * 2.2)  # room for the names on the right
    plain = FuncFormatter(lambda value, _: f"{value:g}")
    ax.xaxis.set_major_formatter(plain)
    ax.xaxis.set_minor_locator(LogLocator(subs=(2.0, 5.0)))
    ax.xaxis.set_minor_formatter(plain)
    ax.set_xlabel("pages per second, one core (log scale)")
    ax.set_ylabel("F1 (mean per page)")
    ax.set_title(title, fontsize=10)
    ax.grid(True, which="both", alpha=0.3)
    low = min(f1 for _, _, f1 in found)
    ax.set_ylim(max(0.0, low - 0.05), min(1.0, max(f1 for _, _, f1 in found) + 0.03))
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def redraw(doc_path: pathlib.Path, out: pathlib.Path) -> list[pathlib.Path]:
    """Every plot whose table is in the document; the paths written."""
    doc = doc_path.read_text(encoding="utf-8")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for section, style, title in PLOTS:
        found = points(first_table(doc, section), style)
        if len(found) >= 2:
            path = out / f"bench-{section}.png"
            draw(found, title, path)
            written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--doc", type=pathlib.Path, default=CHECKOUT / "docs" / "benchmarks.md")
    parser.add_argument("--out", type=pathlib.Path, default=CHECKOUT / "docs" / "img")
    args = parser.parse_args()
    for path in redraw(args.doc, args.out):
        print(path)


if __name__ == "__main__":
    main()
