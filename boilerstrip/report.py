"""`boilerstrip explain FILE --html REPORT`: the explanation as one HTML page.

Why: the terminal listing (`explain.lines`) shows a block's first characters; a
report shows every block whole, in page order, coloured by label, the kept ones set
apart from the dropped ones, each with the reason that decided it beside it (all its
reasons on hover), the metadata found above them, and a legend that filters by label.
It is one self-contained file: its style and script are inline, and its Content
Security Policy forbids any load, so it opens anywhere, offline, and can be attached
to a bug report as it is. The template is `data/report.html`.
"""

from __future__ import annotations

import html
from collections import Counter
from importlib import resources
from string import Template

from .explain import deciding_reason, label_of
from .model import LABELS, Block, Label
from .result import Result

# The metadata rows at the top, in this order (Result's field, its name in the report).
_META_FIELDS = (
    ("date", "date"),
    ("date_modified", "modified"),
    ("dateline", "dateline"),
    ("section", "section"),
    ("site_name", "site"),
    ("wire_service", "wire service"),
    ("copyright", "wire copyright"),
    ("site_copyright", "site copyright"),
    ("language", "language"),
    ("page_type", "page type"),
    ("source_type", "source"),
    ("url", "URL"),
)


def html_report(result: Result, version: str = "") -> str:
    """The report of a cleaned page (`Result` with its blocks) as an HTML document."""
    template = Template(resources.files("boilerstrip.data").joinpath("report.html").read_text("utf-8"))
    labels = Counter(label_of(b) for b in result.blocks)
    kept = sum(b.label is Label.ARTICLE for b in result.blocks)
    return template.substitute(
        version=_esc(version),
        title=_esc(result.title or "(no title)"),
        meta="\n".join(_meta_rows(result)),
        legend="\n".join(_legend(labels)),
        counts=f"{len(result.blocks)} blocks, {kept} kept",
        blocks="\n".join(_block_item(b) for b in result.blocks),
    )


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _meta_rows(result: Result) -> list[str]:
    """A `<dt>`/`<dd>` pair for each field the page gave, authors and comments counted."""
    rows = [("authors", ", ".join(result.authors))] if result.authors else []
    rows += [(name, str(getattr(result, field))) for field, name in _META_FIELDS if getattr(result, field)]
    if result.comments:
        rows.append(("comments", str(len(result.comments))))
    return [f"<dt>{_esc(name)}</dt><dd>{_esc(value)}</dd>" for name, value in rows]


def _legend(counts: Counter[str]) -> list[str]:
    """One entry a label the page has, in the enum's order: a checkbox that shows or
    hides its blocks, its colour and its count."""
    names = [label.value for label in LABELS] + ["unlabelled"]
    return [
        f'<li><label style="--c: var(--{name})"><input type="checkbox" value="{name}" checked>'
        f'<span class="swatch" style="background: var(--{name})"></span>{name} ({counts[name]})</label></li>'
        for name in names
        if counts[name]
    ]


def _block_item(block: Block) -> str:
    """One block: number, kept or dropped, label, score, its whole text, and the
    deciding reason beside it (every reason in the tooltip)."""
    label = label_of(block)
    state = "kept" if block.label is Label.ARTICLE else "dropped"
    reasons = _esc("\n".join(block.reasons) or deciding_reason(block))
    return (
        f'<li class="block {state}" data-label="{label}" style="--c: var(--{label})" id="b{block.index}">'
        f'<span class="num">{block.index}</span><span class="mark">{state}</span>'
        f'<span class="chip">{label}</span><span class="score">{block.score:.2f}</span>'
        f'<span class="text">{_esc(block.text)}</span>'
        f'<span class="why" title="{reasons}">{_esc(deciding_reason(block))}</span></li>'
    )
