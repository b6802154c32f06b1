"""`lang.sample` keeps the 12 longest lines in one pass: the same lines, in the same
order, as a stable sort of all the lines by length, longest first, on every small
page made of a few lengths (ties everywhere) and on pages longer than 12 lines."""

from __future__ import annotations

import itertools

from boilerstrip import lang
from boilerstrip.model import Block, Features


def _by_sort(blocks: list[Block], limit: int) -> str:
    longest = sorted(blocks, key=lambda b: len(b.text), reverse=True)[:12]
    return " ".join(b.text for b in longest)[:limit]


def _page(sizes: tuple[int, ...]) -> list[Block]:
    return [Block(chr(97 + i % 26) * n, i, i + 1, Features()) for i, n in enumerate(sizes)]


def test_sample_is_the_stable_sorts_longest() -> None:
    pages = [p for k in range(7) for p in itertools.product((1, 2, 3), repeat=k)]
    pages += [tuple((i * 7919) % 23 + 1 for i in range(n)) for n in (11, 12, 13, 40, 200)]
    pages += [(5,) * 30, tuple(range(30)), tuple(range(30, 0, -1))]
    for sizes in pages:
        blocks = _page(sizes)
        for limit in (1000, 10):
            assert lang.sample(blocks, limit) == _by_sort(blocks, limit), sizes
