"""Build fixtures/text/ from the shared Scrapinghub bench: real page dumps, their
human-written article text, and snippets that must and must not be in the output.

Deterministic: every 6th page by id, alternating the two dump styles. Must-have
snippets open the first, middle and last paragraph of 15 words or more of the ground
truth; must-not snippets are the longest lines of the dump that share under a tenth of
their 4-grams with the ground truth.
Run: python tools/make_text_fixtures.py [path/to/shared/bench/scrapinghub]
"""

from __future__ import annotations

import json
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]


def norm(text: str) -> str:
    return " ".join(text.split())


def shingles(text: str) -> set[tuple[str, ...]]:
    tokens = re.findall(r"\w+", text)
    return {tuple(tokens[i : i + 4]) for i in range(len(tokens) - 3)}


def overlap(part: set[tuple[str, ...]], whole: set[tuple[str, ...]]) -> float:
    return len(part & whole) / len(part) if part else 1.0


def snippet(paragraph: str, page: str) -> str | None:
    words = paragraph.split()
    for size in (10, 7, 5):
        piece = " ".join(words[:size])
        if len(words) >= 3 and norm(piece) in page:
            return piece
    return None


def main() -> None:
    data = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared/bench/scrapinghub"
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    out = ROOT / "fixtures" / "text"
    out.mkdir(parents=True, exist_ok=True)
    for n, pid in enumerate(sorted(truth)[::6]):
        style = "text-seedlike" if n % 2 == 0 else "text-wet"
        dump = (data / style / f"{pid}.txt").read_text(encoding="utf-8")
        body = truth[pid]["articleBody"]
        paras = [p for p in body.split("\n") if len(p.split()) >= 15] or [
            p for p in body.split("\n") if p.strip()
        ]
        page = norm(dump)
        picks = [paras[0], paras[len(paras) // 2], paras[-1]] if paras else []
        must = list(dict.fromkeys(s for s in (snippet(p, page) for p in picks) if s))
        gt_shingles = shingles(body)
        others = sorted(
            {
                norm(line)
                for line in dump.splitlines()
                if len(line.split()) >= 5 and overlap(shingles(line), gt_shingles) < 0.1
            },
            key=len,
            reverse=True,
        )
        must_not = [line[:80] for line in others[:3]]
        name = f"{pid[:12]}-{style.split('-')[1]}"
        (out / f"{name}.txt").write_text(dump, encoding="utf-8")
        meta = {
            "source": f"shared/bench/scrapinghub/{style}/{pid}.txt (MIT, Scrapinghub article-extraction-benchmark)",
            "url": truth[pid].get("url"),
            "must": must,
            "must_not": must_not,
            "expected_text": body,
        }
        (out / f"{name}.json").write_text(
            json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
    print(f"wrote {len(list(out.glob('*.txt')))} fixtures to {out}")


if __name__ == "__main__":
    main()
