"""clean()'s own time budget (`Config.time_limit`): the stages of a cleaning check a
deadline, so a caller that has no SIGALRM (a thread, a Dask task, a datatrove step)
gets a `TimeLimitError` naming the limit instead of waiting on a page for ever.

Why checks and not a signal or a watchdog thread: SIGALRM reaches only the main
thread, and Python cannot stop another thread. So the deadline is checked where
interpreted code runs long: between the stages of a cleaning, before each detector,
every so many tags inside the walk in Python, every so much work (elements, text) as
libxml2 parses for the walk in C, and every so many blocks inside the stages that go
over them (`checked`). A single call into compiled code (one regular expression, one
str method) cannot be cut: it runs to its end, and the deadline is checked right
after it. Each
such call takes time linear in the page (tests/test_growth.py), and a page is at most
`Config.max_input_chars`, so it is bounded too (docs/reliability.md has the figures).
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from typing import Final, TypeVar

from .errors import BoilerstripError

T = TypeVar("T")

# The loops over a page's blocks (the content, pattern and markup detectors, the page
# type, the reducer) and over the years of a text (`meta.dates_in`) check the deadline
# once in this many items: an item costs them microseconds, so a clock read every so
# many is lost in the noise, and the deadline is overrun by a few milliseconds at
# most. (Not a Config field: it changes no result, only how soon a page over its time
# stops.)
ITEMS_PER_CHECK: Final = 64


class TimeLimitError(BoilerstripError):
    """Cleaning one page took longer than `Config.time_limit` seconds."""


class Deadline:
    """The time one cleaning may run until; `limit` 0 (or less) is no limit. Made per
    page: it holds that page's start, so it is never shared across pages or threads."""

    __slots__ = ("limit", "end")

    def __init__(self, limit: float) -> None:
        self.limit = limit
        self.end = time.monotonic() + limit if limit > 0 else float("inf")

    def check(self, where: str) -> None:
        """Raise a TimeLimitError, naming the limit and `where` the cleaning was, once
        the deadline has passed."""
        if time.monotonic() > self.end:
            raise TimeLimitError(
                f"cleaning the page took over Config.time_limit={self.limit:g}s (stopped {where})"
            )


def check(deadline: Deadline | None, where: str) -> None:
    """`deadline.check(where)` where there is a deadline: the step between two passes
    over a page's blocks, in a stage that may be given none."""
    if deadline is not None:
        deadline.check(where)


def checked(items: Iterable[T], deadline: Deadline | None, where: str) -> Iterable[T]:
    """`items`, with `deadline` checked before every `ITEMS_PER_CHECK`-th of them, so
    that a loop over a page's blocks stops once the page is out of time; `items`
    themselves where there is no limit (the default), so a loop pays nothing then."""
    if deadline is None or deadline.limit <= 0:
        return items
    return _every(items, deadline, where)


def _every(items: Iterable[T], deadline: Deadline, where: str) -> Iterator[T]:
    """`items` one by one, checking `deadline` before the first and every
    `ITEMS_PER_CHECK`-th after it."""
    for i, item in enumerate(items):
        if not i % ITEMS_PER_CHECK:
            deadline.check(where)
        yield item


def spans(n: int, deadline: Deadline | None, where: str) -> Iterator[tuple[int, int]]:
    """The (lo, hi) stretches of the indexes of `n` items, with `deadline` checked
    before each: one of all without a limit, else `ITEMS_PER_CHECK` at a time, so that
    a loop over them is checked as often as one over `checked` items. Why: a compiled
    `for i in range(lo, hi)` over a list's indexes is a native loop, where a loop over
    what `checked` gives goes through Python's iteration protocol for every item."""
    if deadline is None or deadline.limit <= 0:
        yield 0, n
        return
    for lo in range(0, n, ITEMS_PER_CHECK):
        deadline.check(where)
        yield lo, min(n, lo + ITEMS_PER_CHECK)
