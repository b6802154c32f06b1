"""A coverage-guided fuzz target for `clean()` (issue 17), run by atheris (libFuzzer
for Python): it mutates pages towards new paths through boilerstrip's Python code,
starting from a seed corpus built by `write_corpus`, and fails on any exception that
is not a BoilerstripError, or a Result that breaks the promise (`test_fuzz`'s check).

Where hypothesis (tests/test_fuzz.py) draws pages from pieces known to be hostile,
this one follows coverage: it finds the branches nobody thought of. CI runs a bounded,
seeded session (tests/test_atheris.py); a longer one, from the checkout:

    python -m tests.fuzz_clean CORPUS_DIR -max_total_time=3600 -timeout=20

(CORPUS_DIR is made and seeded when empty; atheris adds what it finds, and a crash is
written to crash-* in the current folder: `python -m tests.fuzz_clean crash-...`
replays it.)
"""

from __future__ import annotations

import gzip
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
FIXTURES = HERE.parent / "fixtures"
SEED_BYTES = 30_000  # a seed longer than this is cut: the fuzzer works on short inputs


def write_corpus(folder: pathlib.Path) -> int:
    """Seed `folder` with real pages (the seed text dump, HTML fixtures in several
    languages, hand-made pages) and the hostile pieces of test_fuzz, one file each;
    returns how many."""
    from .test_fuzz import HOSTILE, PROSE

    folder.mkdir(parents=True, exist_ok=True)
    seeds = [(FIXTURES / "seed" / "japantoday-ap-protest.txt").read_bytes()]
    seeds += [gzip.decompress(p.read_bytes()) for p in sorted((FIXTURES / "html").glob("*.html.gz"))[:12]]
    seeds += [p.read_bytes() for p in sorted((FIXTURES / "html-made").glob("*.html"))]
    seeds += [f"<html><body><p>{PROSE * 3}</p>{piece}<p>{PROSE}</p></body></html>".encode("utf-8", "surrogatepass")
              for piece in HOSTILE]  # fmt: skip
    for number, data in enumerate(seeds):
        (folder / f"seed-{number:04d}").write_bytes(data[:SEED_BYTES])
    return len(seeds)


def one_input(data: bytes) -> None:
    """One fuzzed page, as bytes and, decoded, as a str: each must keep the promise."""
    from .test_fuzz import _holds_the_promise

    _holds_the_promise(data)
    _holds_the_promise(data.decode("utf-8", "surrogateescape"))


def main() -> None:
    import atheris  # the [test] extra brings it on Linux x86_64

    with atheris.instrument_imports(include=["boilerstrip"]):
        import boilerstrip  # noqa: F401 - instrumented here, used by one_input

    corpus = [pathlib.Path(a) for a in sys.argv[1:] if not a.startswith("-")]
    for folder in corpus:
        if folder.is_dir() and not any(folder.iterdir()):
            write_corpus(folder)
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
