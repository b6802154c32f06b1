"""Fast quality loop for development: boilerstrip alone on the text dumps, worst pages."""

from __future__ import annotations

import json
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

from metric import page_counts, score  # noqa: E402
from splits import scrapinghub_holdout as is_holdout  # noqa: E402

import boilerstrip  # noqa: E402

DATA = pathlib.Path(__file__).resolve().parents[2] / "shared" / "bench" / "scrapinghub"


def config_from_args(args: list[str]) -> boilerstrip.Config:
    """A Config with `name=value` arguments applied (values cast to the field's type)."""
    cfg = boilerstrip.Config()
    overrides = dict(a.split("=", 1) for a in args if "=" in a)
    return cfg.replace(**{k: type(getattr(cfg, k))(v) for k, v in overrides.items()})


def report(name: str, pairs: list[tuple[str, str]], ids: list[str], extra: str = "") -> None:
    """Print F1 on all pages, on the tuning part and on the held-out quarter, then the
    worst tuning pages (held-out pages are never listed: they are not to be studied)."""
    s = score(pairs)
    tune = score(p for p, i in zip(pairs, ids, strict=True) if not is_holdout(i))
    hold = score(p for p, i in zip(pairs, ids, strict=True) if is_holdout(i))
    print(
        f"{name}: F1 {s['f1']:.4f} P {s['precision']:.4f} R {s['recall']:.4f}"
        f" | tune F1 {tune['f1']:.4f} holdout F1 {hold['f1']:.4f}{extra}"
    )
    worst = sorted((page_counts(o, t), i) for (o, t), i in zip(pairs, ids, strict=True) if not is_holdout(i))
    for (tp, fp, fn), pid in worst[:12]:
        print(f"  {pid[:12]} tp {tp:.2f} fp {fp:.2f} fn {fn:.2f}")


def main() -> None:
    truth = json.loads((DATA / "ground-truth.json").read_text(encoding="utf-8"))
    styles = [a for a in sys.argv[1:] if "=" not in a] or ["text-seedlike", "text-wet"]
    cleaner = boilerstrip.Cleaner(config_from_args(sys.argv[1:]))
    ids = sorted(truth)
    for style in styles:
        pages = [(DATA / style / f"{pid}.txt").read_text(encoding="utf-8") for pid in ids]
        pairs = [
            (cleaner.clean(p, url=truth[pid].get("url")).text, truth[pid]["articleBody"])
            for p, pid in zip(pages, ids, strict=True)
        ]
        report(style, pairs, ids)


if __name__ == "__main__":
    main()
