"""Where the shingles go wrong: missed truth and kept noise, summed by block reason."""

from __future__ import annotations

import gzip
import json
import pathlib
import sys
from collections import Counter

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from metric import shingles  # noqa: E402
from splits import scrapinghub_holdout as is_holdout  # noqa: E402

import boilerstrip  # noqa: E402

DATA = pathlib.Path(__file__).resolve().parents[2] / "shared" / "bench" / "scrapinghub"


def main() -> None:
    mode = sys.argv[1] if len(sys.argv) > 1 else "html"
    truth = json.loads((DATA / "ground-truth.json").read_text(encoding="utf-8"))
    missed: Counter[str] = Counter()
    noise: Counter[str] = Counter()
    cleaner = boilerstrip.Cleaner()
    for pid in sorted(truth):
        if is_holdout(pid):
            continue
        if mode == "html":
            page: bytes | str = gzip.decompress((DATA / "html" / f"{pid}.html.gz").read_bytes())
        else:
            page = (DATA / mode / f"{pid}.txt").read_text(encoding="utf-8")
        gt = shingles(truth[pid]["articleBody"])
        total = sum(gt.values()) or 1
        r = cleaner.clean(page)
        for b in r.blocks:
            sh = shingles(b.text)
            n = sum(sh.values())
            if not n:
                continue
            hit = sum((sh & gt).values()) / n
            reason = (
                b.reasons[-1].split(":")[0] + ":" + b.reasons[-1].split(":")[1][:30] if b.reasons else "?"
            )
            tag = f"{b.dom.tag}/{b.dom.hint or '-'}" if b.dom else ""
            key = f"{b.label.value:9s} {reason:45s} {tag}"
            if b.label is boilerstrip.Label.ARTICLE:
                noise[key] += (1 - hit) * n / total
            else:
                missed[key] += hit * n / total
    print("missed truth (share of a page's truth, summed over pages):")
    for k, v in missed.most_common(25):
        print(f"  {v:6.2f}  {k}")
    print("kept noise:")
    for k, v in noise.most_common(20):
        print(f"  {v:6.2f}  {k}")


if __name__ == "__main__":
    main()
