"""Fast quality loop for HTML mode: boilerstrip alone on the benchmark's HTML pages."""

from __future__ import annotations

import gzip
import json
import pathlib
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

from metric import page_counts, score  # noqa: E402
from quick import config_from_args, is_holdout  # noqa: E402

import boilerstrip  # noqa: E402

DATA = pathlib.Path(__file__).resolve().parents[2] / "shared" / "bench" / "scrapinghub"


def main() -> None:
    truth = json.loads((DATA / "ground-truth.json").read_text(encoding="utf-8"))
    cleaner = boilerstrip.Cleaner(config_from_args(sys.argv[1:]))
    ids = sorted(truth)
    pages = [gzip.decompress((DATA / "html" / f"{i}.html.gz").read_bytes()) for i in ids]
    start = time.perf_counter()
    outs = [cleaner.clean(p).text for p in pages]
    elapsed = time.perf_counter() - start
    pairs = [(o, truth[i]["articleBody"]) for o, i in zip(outs, ids, strict=True)]
    s = score(pairs)
    tune = score(p for p, i in zip(pairs, ids, strict=True) if not is_holdout(i))
    hold = score(p for p, i in zip(pairs, ids, strict=True) if is_holdout(i))
    print(
        f"html: F1 {s['f1']:.4f} P {s['precision']:.4f} R {s['recall']:.4f} | tune F1 {tune['f1']:.4f}"
        f" holdout F1 {hold['f1']:.4f} | {len(pages) / elapsed:.0f} pages/s"
    )
    worst = sorted((page_counts(o, t), i) for (o, t), i in zip(pairs, ids, strict=True) if not is_holdout(i))
    for (tp, fp, fn), pid in worst[:12]:
        print(f"  {pid[:12]} tp {tp:.2f} fp {fp:.2f} fn {fn:.2f}")


if __name__ == "__main__":
    main()
