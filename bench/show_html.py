"""Debug view of an HTML page: blocks, labels, reasons, DOM hints, truth marks."""

from __future__ import annotations

import gzip
import json
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
import boilerstrip  # noqa: E402

DATA = pathlib.Path(__file__).resolve().parents[2] / "shared" / "bench" / "scrapinghub"


def main() -> None:
    truth = json.loads((DATA / "ground-truth.json").read_text(encoding="utf-8"))
    pid = next(p for p in truth if p.startswith(sys.argv[1]))
    gt = " ".join(truth[pid]["articleBody"].split())
    r = boilerstrip.clean(gzip.decompress((DATA / "html" / f"{pid}.html.gz").read_bytes()))
    only = sys.argv[2] if len(sys.argv) > 2 else ""
    for b in r.blocks:
        mark = "T" if " ".join(b.text.split())[:60] in gt else "."
        kept = "+" if b.label is boilerstrip.Label.ARTICLE else " "
        if only == "diff" and (mark == "T") == (kept == "+"):
            continue
        d = b.dom
        dom = (
            f"{d.tag}/{d.hint_token or '-'}/{','.join(sorted(d.containers))[:18]}/{d.link_density:.1f}"
            if d
            else ""
        )
        print(
            f"{mark}{kept} {b.index:3d} {b.label.value[:8]:8s} {b.score:5.1f} {b.features.words:3d} {dom:34s} {b.reasons[-1][:26]:26s} | {b.text[:70]}"
        )


if __name__ == "__main__":
    main()
