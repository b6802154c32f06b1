"""Build fixtures/html/ from the shared development sets: real HTML pages (gzipped),
snippets that must and must not be in the output, and expected metadata.

- From shared/bench/scrapinghub (MIT): English and Russian news pages with the
  human-written article body. Must: the openings of the first, middle and last long
  paragraphs. Must not: the longest page lines sharing under a tenth of their 4-grams
  with the body.
- From shared/bench/multilingual (goose3, newspaper4k, Readability test pages; Apache
  2.0 / MIT): German, French, Spanish, Japanese, Chinese, Korean, Arabic, Czech and
  Portuguese pages. Must: the set's `with` snippets. Must not: text of the page's <nav>
  and <footer> elements that the expected text does not contain. Expected: language,
  and the title where the set gives one (its page's <h1> where the set's is the
  <title> with a source or a portal's name after the headline).

Deterministic: the same shared data gives the same fixtures.
Run: python tools/make_html_fixtures.py [path/to/shared/bench]
"""

from __future__ import annotations

import gzip
import json
import pathlib
import re
import sys

from lxml import etree

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from boilerstrip.decode import decode  # noqa: E402  (tested on its own in test_encodings)

# scrapinghub page id prefixes: wire stories, Russian pages, comment threads, pages whose
# article sits among long link lists (picked by reading the pages, not by our scores).
SCRAPINGHUB = {
    "374ac9a59a85": "wire story (AP) with captions",
    "359fee228518": "Reuters wire story with a dateline",
    "3c6d3381ef52": "Russian news page",
    "ff0f958ade71": "Russian news page",
    "0ec95c7261d1": "Korean column among long menus",
    "d605bdef2cde": "CNN business story",
    "f5c90a6d5253": "opinion piece with a comment widget",
    "8e3efab59f48": "sports story with reader comments and long headline lists",
    "232a43fb15ab": "tech story followed by reader comments",
    "aade2ec8d1e7": "story in an infinite-scroll page of further stories",
    "11ea381ad92b": "Portuguese standings page: a data table inside the article body",
    "b3c19dd5f061": "Portuguese post in one <article>, other posts' full texts in later ones",
}
MULTILINGUAL = (
    "goose3-wiwo", "readability-heise", "readability-lemonde-1", "goose3-lefigaro",
    "goose3-elpais", "readability-la-nacion", "newspaper4k-japanese_article",
    "readability-yahoo-4", "goose3-bbc_chinese", "readability-qq", "newspaper4k-chinese_article_001",
    "goose3-donga_korean", "goose3-cnn_arabic", "readability-aktualne", "readability-folha",
    "readability-liberation-1",
)  # fmt: skip
_TOKEN = re.compile(r"\w+")


def norm(text: str) -> str:
    return " ".join(text.split())


def shingles(text: str) -> set[tuple[str, ...]]:
    t = _TOKEN.findall(text)
    return {tuple(t[i : i + 4]) for i in range(len(t) - 3)}


def parse(html: bytes) -> etree._Element:
    """The page's tree, decoded first: libxml2's own guess turns UTF-8 Russian or
    Korean into Latin-1 mojibake, and snippets made of that could never match."""
    return etree.fromstring(decode(html), etree.HTMLParser())


def page_lines(html: bytes) -> list[str]:
    root = parse(html)
    etree.strip_elements(root, "script", "style", "noscript", with_tail=False)
    return [norm(t) for t in root.itertext() if norm(t)]


def structural_boilerplate(html: bytes) -> list[str]:
    root = parse(html)
    etree.strip_elements(root, "script", "style", "noscript", with_tail=False)
    out = []
    for el in root.iter("nav", "footer"):
        out.extend(norm(t) for t in el.itertext() if len(norm(t).split()) >= 3)
    return out


def headline(html: bytes, title: str) -> str:
    """The expected title: the set's, but where that is the page's <title> with more
    around its first <h1> (a source and a portal's name: "<h1> (CNET Japan) - Yahoo!"),
    the <h1>, the headline as the page shows it and as WCXB's human gold gives titles."""
    h1 = next((norm("".join(el.itertext())) for el in parse(html).iter("h1")), "")
    return h1 if h1 and norm(title).startswith(h1) and len(norm(title)) > len(h1) else title


def from_scrapinghub(bench: pathlib.Path, out: pathlib.Path) -> None:
    truth = json.loads((bench / "scrapinghub" / "ground-truth.json").read_text(encoding="utf-8"))
    for prefix, why in SCRAPINGHUB.items():
        pid = next(p for p in truth if p.startswith(prefix))
        html = gzip.decompress((bench / "scrapinghub" / "html" / f"{pid}.html.gz").read_bytes())
        body = truth[pid]["articleBody"]
        text = norm(" ".join(page_lines(html)))
        paras = [p for p in body.split("\n") if len(p.split()) >= 15] or [
            p for p in body.split("\n") if p.strip()
        ]
        must = []
        for para in (paras[0], paras[len(paras) // 2], paras[-1]):
            words = para.split()
            piece = next((" ".join(words[:n]) for n in (10, 7, 5) if norm(" ".join(words[:n])) in text), None)
            if piece and piece not in must:
                must.append(piece)
        gt = shingles(body)
        others = sorted(
            {
                ln
                for ln in page_lines(html)
                if len(ln.split()) >= 5 and len(shingles(ln) & gt) < 0.1 * max(len(shingles(ln)), 1)
            },
            key=lambda line: (-len(line), line),
        )
        write(out, f"sh-{prefix}", html, {
            "source": f"shared/bench/scrapinghub/html/{pid}.html.gz (MIT)",
            "why": why,
            "url": truth[pid].get("url"),
            "must": must,
            "must_not": [o[:80] for o in others[:3]],
            "expected_text": body,
        })  # fmt: skip


def from_multilingual(bench: pathlib.Path, out: pathlib.Path) -> None:
    records = {
        r["id"]: r
        for r in map(
            json.loads, (bench / "multilingual" / "expected.jsonl").read_text(encoding="utf-8").splitlines()
        )
    }
    for pid in MULTILINGUAL:
        rec = records[pid]
        html = (bench / "multilingual" / "pages" / f"{pid}.html").read_bytes()
        expected = norm(rec.get("body") or rec.get("text_start") or " ".join(rec["with"]))
        must_not = [t[:80] for t in dict.fromkeys(structural_boilerplate(html)) if t not in expected][:3]
        meta = {
            "source": f"shared/bench/multilingual/pages/{pid}.html ({rec['source']})",
            "why": f"{rec['language']} page",
            "url": rec.get("url"),
            "language": rec["language"],
            "must": rec["with"],
            "must_not": must_not,
        }
        if rec.get("title"):
            meta["title"] = headline(html, rec["title"])
        if rec.get("body"):
            meta["expected_text"] = rec["body"]
        write(out, f"ml-{pid}", html, meta)


def write(out: pathlib.Path, name: str, html: bytes, meta: dict[str, object]) -> None:
    """Write a fixture; a `known_issue` written by hand into an earlier one is kept."""
    old = out / f"{name}.json"
    if old.exists():
        issue = json.loads(old.read_text(encoding="utf-8")).get("known_issue")
        if issue:
            meta["known_issue"] = issue
    (out / f"{name}.html.gz").write_bytes(gzip.compress(html, mtime=0))
    (out / f"{name}.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def main() -> None:
    bench = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "bench"
    out = ROOT / "fixtures" / "html"
    out.mkdir(parents=True, exist_ok=True)
    from_scrapinghub(bench, out)
    from_multilingual(bench, out)
    print(f"wrote {len(list(out.glob('*.json')))} fixtures to {out}")


if __name__ == "__main__":
    main()
