"""The held-out part of every benchmark set, defined in this one place.

Held-out pages are never studied while tuning (no worst-page lists, no error analysis);
the benchmark scripts report them apart, so that only gains that hold there are kept.

- WCXB (../shared/bench/wcxb) and the multilingual set: by DOMAIN, never by page, so
  that no site's template is on both sides. A page's domain is the registered domain of
  its host (public suffix plus one label, ICANN section of the Public Suffix List as
  bundled by the `tld` package; platform subdomains such as `x.github.io` fall under
  `github.io`, as they share a template). A domain is held out when the first byte of
  the SHA-1 of its name is below 64: a quarter of the domains, fixed for good, with no
  randomness and no list to keep. A multilingual page without a URL stands for a domain
  of its own, named by its page id.
- Scrapinghub (../shared/bench/scrapinghub): by page id, ids starting c, d, e or f (a
  quarter of the ids), the rule the scorer was trained against since the start; kept so
  that history stays comparable.

    python bench/splits.py    # sizes of each part
"""

from __future__ import annotations

import hashlib
import json
import pathlib
from functools import cache
from urllib.parse import urlsplit

SHARED = pathlib.Path(__file__).resolve().parents[2] / "shared" / "bench"


@cache
def registered_domain(host: str) -> str:
    """The registered domain of a host or URL (`store.example.co.uk` -> `example.co.uk`);
    the host itself, lowercased and without `www.`, when it has no public suffix."""
    from tld import get_fld

    host = (urlsplit(host).hostname or "") if "://" in host else host.lower().strip(".")
    found = get_fld(host, fix_protocol=True, fail_silently=True, search_private=False)
    return str(found) if found else host.removeprefix("www.")


def _quarter(name: str) -> bool:
    return hashlib.sha1(name.encode("utf-8")).digest()[0] < 64


def domain_holdout(host: str) -> bool:
    """Whether the host's (or URL's) registered domain is in the held-out quarter."""
    return _quarter(registered_domain(host))


def wcxb_holdout(domain: str) -> bool:
    """WCXB: by the record's `domain` field (a host, or a URL)."""
    return domain_holdout(domain)


def scrapinghub_holdout(page_id: str) -> bool:
    """Scrapinghub: a quarter of the pages, ids starting c, d, e or f."""
    return page_id[0] in "cdef"


def multilingual_holdout(url: str | None, page_id: str) -> bool:
    """Multilingual set: by the domain of the page URL; by page id if it has none."""
    return domain_holdout(url) if url else _quarter(page_id)


def tuning_fold(set_name: str, page_id: str, url: str | None, folds: int) -> int:
    """The fold of a tuning page among `folds`, by the group the held-out rule reads
    (the registered domain; a Scrapinghub page by its id, a dump by its page's), so
    that no site is on both sides of a fold: `tools/train_keep.py --folds` trains a
    keep model without each fold, and `bench/folds_bench.py` cleans each tuning page
    with the model that never saw its domain."""
    group = page_id.split(":")[0] if set_name == "scrapinghub" else registered_domain(url or page_id)
    return hashlib.sha1(group.encode("utf-8")).digest()[1] % folds


def _sizes(name: str, keys: list[tuple[str, bool]]) -> None:
    held = [k for k, h in keys if h]
    tune = [k for k, h in keys if not h]
    shared = set(held) & set(tune)
    print(
        f"{name}: {len(keys)} pages, {len(set(k for k, _ in keys))} groups | "
        f"tune {len(tune)} pages ({len(set(tune))} groups) | "
        f"held-out {len(held)} pages ({len(set(held))} groups)"
        + (f" | {len(shared)} groups on both sides" if shared else "")
    )


def main() -> None:
    wcxb = [json.loads(x) for x in (SHARED / "wcxb" / "truth.jsonl").read_text(encoding="utf-8").splitlines()]
    _sizes(
        "wcxb (groups: registered domains)",
        [(registered_domain(r["domain"]), wcxb_holdout(r["domain"])) for r in wcxb],
    )
    by_type: dict[str, list[int]] = {}
    for r in wcxb:
        by_type.setdefault(r["page_type"], [0, 0])[wcxb_holdout(r["domain"])] += 1
    print(
        "  by page type (tune/held-out): "
        + ", ".join(f"{t} {a}/{b}" for t, (a, b) in sorted(by_type.items()))
    )
    sh = json.loads((SHARED / "scrapinghub" / "ground-truth.json").read_text(encoding="utf-8"))
    _sizes("scrapinghub (groups: page ids)", [(pid, scrapinghub_holdout(pid)) for pid in sh])
    _sizes(
        "  the same by registered domain (not the split; shows sites on both sides)",
        [(registered_domain(sh[pid]["url"]), scrapinghub_holdout(pid)) for pid in sh],
    )
    ml = [
        json.loads(x)
        for x in (SHARED / "multilingual" / "expected.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    _sizes(
        "multilingual (groups: registered domains)",
        [
            (registered_domain(r["url"]) if r["url"] else r["id"], multilingual_holdout(r["url"], r["id"]))
            for r in ml
        ],
    )


if __name__ == "__main__":
    main()
