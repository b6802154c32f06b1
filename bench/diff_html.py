"""Pages whose HTML score moves most between two configs (debug aid)."""

from __future__ import annotations

import gzip
import json
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from metric import page_counts  # noqa: E402

import boilerstrip  # noqa: E402

DATA = pathlib.Path(__file__).resolve().parents[2] / "shared" / "bench" / "scrapinghub"


def main() -> None:
    disabled = frozenset(a for a in sys.argv[1:])
    truth = json.loads((DATA / "ground-truth.json").read_text(encoding="utf-8"))
    a, b = boilerstrip.Cleaner(), boilerstrip.Cleaner(boilerstrip.Config(disabled=disabled))
    rows = []
    for pid in sorted(truth):
        page = gzip.decompress((DATA / "html" / f"{pid}.html.gz").read_bytes())
        gt = truth[pid]["articleBody"]
        ta, tb = page_counts(a.clean(page).text, gt)[0], page_counts(b.clean(page).text, gt)[0]
        rows.append((ta - tb, pid))
    for delta, pid in sorted(rows)[:10]:
        print(f"{pid[:12]} {delta:+.2f}")


if __name__ == "__main__":
    main()
