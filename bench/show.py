"""Debug view: each block's label and reason, marked by whether the truth contains it."""

from __future__ import annotations

import json
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
import boilerstrip  # noqa: E402

DATA = pathlib.Path(__file__).resolve().parents[2] / "shared" / "bench" / "scrapinghub"


def main() -> None:
    pid_prefix, style = sys.argv[1], (sys.argv[2] if len(sys.argv) > 2 else "text-seedlike")
    truth = json.loads((DATA / "ground-truth.json").read_text(encoding="utf-8"))
    pid = next(p for p in truth if p.startswith(pid_prefix))
    gt = " ".join(truth[pid]["articleBody"].split())
    r = boilerstrip.clean((DATA / style / f"{pid}.txt").read_text(encoding="utf-8"))
    for b in r.blocks:
        mark = "T" if " ".join(b.text.split())[:60] in gt else "."
        kept = "+" if b.label is boilerstrip.Label.ARTICLE else " "
        print(
            f"{mark}{kept} {b.index:3d} {b.label.value[:8]:8s} {b.score:5.1f} {b.features.words:3d} {b.features.stop_density:.2f} {b.reasons[-1][:28]:28s} | {b.text[:90]}"
        )


if __name__ == "__main__":
    main()
