"""Fast quality loop for HTML mode: boilerstrip alone on the benchmark's HTML pages."""

from __future__ import annotations

import gzip
import json
import pathlib
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

from quick import config_from_args, report  # noqa: E402

import boilerstrip  # noqa: E402

DATA = pathlib.Path(__file__).resolve().parents[2] / "shared" / "bench" / "scrapinghub"


def main() -> None:
    truth = json.loads((DATA / "ground-truth.json").read_text(encoding="utf-8"))
    cleaner = boilerstrip.Cleaner(config_from_args(sys.argv[1:]))
    ids = sorted(truth)
    pages = [gzip.decompress((DATA / "html" / f"{i}.html.gz").read_bytes()) for i in ids]
    start = time.perf_counter()
    outs = [cleaner.clean(p, url=truth[i].get("url")).text for p, i in zip(pages, ids, strict=True)]
    elapsed = time.perf_counter() - start
    pairs = [(o, truth[i]["articleBody"]) for o, i in zip(outs, ids, strict=True)]
    report("html", pairs, ids, f" | {len(pages) / elapsed:.0f} pages/s")


if __name__ == "__main__":
    main()
