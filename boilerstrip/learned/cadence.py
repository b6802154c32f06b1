"""The lines' rhythm in a text dump: the runs of short and long lines each line sits in,
the stretches where the lines' shapes repeat with a period (cards, posts), and the
chains of prose lines.

Why: a dump has no markup; a listing's cards and a thread's posts show in how the
lines' shapes repeat, which the text keep model reads as features (`linerows`) and the
run rule reads again (`keep.run_members`).
"""

from __future__ import annotations

from typing import Final

from .columns import MISSING, running

# Cards and posts repeat a shape: a listing's card is a title, a description and two
# short facts; a thread's post a name, dates, paragraphs and buttons. The cadence
# features say whether a line sits in a stretch of the page where the lines' coarse
# shapes repeat with a period of 2 to `MAX_PERIOD` lines, and how many periods of it
# lie before and after the line, so that the last card or post of a run, followed by
# chrome, reads like the ones before it. Prose lines (of `short_words` or more) less
# than `CHAIN_GAP` lines apart form a chain, which holds a thread whose posts vary in
# length.
MAX_PERIOD: Final = 12  # the longest period of a cadence, in lines
CHAIN_GAP: Final = 12  # lines: prose lines closer than this chain


def text_runs(words: list[float], long_words: int, short_words: int) -> list[list[float]]:
    """By feature, every line's length of the run of short lines it is in (0 if it is
    not short), of the run of lines at least half as long as prose, and its distance in
    lines to the previous and the next prose line (-1: none)."""
    n = len(words)
    short = [w < short_words for w in words]
    longish = [w * 2 >= long_words for w in words]
    short_run, long_run = _run_lengths(short), _run_lengths(longish)
    prev_long, next_long = [MISSING] * n, [MISSING] * n
    last = -1
    for i in range(n):
        if last >= 0:
            prev_long[i] = float(i - last)
        if words[i] >= long_words:
            last = i
    last = -1
    for i in range(n - 1, -1, -1):
        if last >= 0:
            next_long[i] = float(last - i)
        if words[i] >= long_words:
            last = i
    return [short_run, long_run, prev_long, next_long]


def cadence(
    shapes: list[int], kept: list[float], max_period: int = MAX_PERIOD
) -> list[tuple[float, float, float, float, float]]:
    """For each line, the longest stretch holding it where the lines' shapes repeat
    with one period (of 2 to `max_period` lines, two periods at least, not one shape
    throughout, which is a menu's): (period, periods before the line, periods after
    it, share of prose lines, share of the reducer's content); zeros where none."""
    n = len(shapes)
    best: list[tuple[int, int, int]] = [(0, 0, 0)] * n  # (length, start, period)
    for p in range(2, min(max_period, n // 2) + 1):
        j = p
        while j < n:
            if shapes[j] != shapes[j - p]:
                j += 1
                continue
            a = j
            while j < n and shapes[j] == shapes[j - p]:
                j += 1
            start, length = a - p, j - a + p
            if j - a < p or len(set(shapes[start:a])) < 2:
                continue
            for i in range(start, j):
                if length > best[i][0]:
                    best[i] = (length, start, p)
    prose, content = running([1.0 if s else 0.0 for s in shapes]), running(kept)
    return [_cadence_row(prose, content, i, *best[i]) for i in range(n)]


def _cadence_row(
    prose: list[float], content: list[float], i: int, length: int, start: int, period: int
) -> tuple[float, float, float, float, float]:
    """One line's cadence features from its stretch (`length` lines from `start`), its
    shares of prose and content read off the running sums `prose` and `content` (a
    stretch is shared by all its lines: summed for each, a long one cost its length
    squared)."""
    if not length:
        return (0.0, 0.0, 0.0, 0.0, 0.0)
    end = start + length
    shares = (prose[end] - prose[start]) / length, (content[end] - content[start]) / length
    return (float(period), (i - start) / period, (end - 1 - i) / period, *shares)


def chains(shapes: list[int], kept: list[float], gap: int = CHAIN_GAP) -> list[list[float]]:
    """By feature, for each line, the chain of prose lines (each less than `gap`
    lines from the last) it lies in or next to: prose lines of it before the line,
    after it, and the share of them the reducer kept; zeros away from any chain."""
    n = len(shapes)
    prose = [i for i in range(n) if shapes[i]]
    before, after, kept_share = [0.0] * n, [0.0] * n, [0.0] * n
    k = 0
    while k < len(prose):
        m = k
        while m + 1 < len(prose) and prose[m + 1] - prose[m] < gap:
            m += 1
        members = prose[k : m + 1]
        share = sum(kept[i] for i in members) / len(members)
        lo, hi = max(0, members[0] - gap + 1), min(n, members[-1] + gap)
        seen = 0
        for i in range(lo, hi):
            before[i] = float(seen)
            if seen < len(members) and members[seen] == i:
                seen += 1
            after[i] = float(len(members) - seen)
            kept_share[i] = share
        k = m + 1
    return [before, after, kept_share]


def _run_lengths(flags: list[bool]) -> list[float]:
    """The length of the run of true flags each position is in (0 where false)."""
    out = [0.0] * len(flags)
    i = 0
    while i < len(flags):
        if not flags[i]:
            i += 1
            continue
        j = i
        while j < len(flags) and flags[j]:
            j += 1
        for k in range(i, j):
            out[k] = float(j - i)
        i = j
    return out
