"""Hint settling: each block takes the nearest class/id or role hint around it whose
element is not a page-wide wrapper.

Why after the walk: a boilerplate hint on an element that holds much of the page's text
is a layout wrapper ("page menu-closed"), not a menu; how much text an element holds is
known only once the whole page is walked.
"""

from __future__ import annotations

from ..budget import Deadline
from ..model import Block, Dom, Features, new_tuple
from .parsing import CHECK_EVERY
from .vocabulary import CONTENT_HINT, REVIEW_HINT
from .walked import HintNode, RawBlock

# Hints that stand on an element however much of the page it holds.
_ALWAYS_STAND: tuple[str, ...] = (CONTENT_HINT, "comment")


def settle_hints(raw: list[RawBlock], max_share: float, deadline: Deadline | None = None) -> list[Block]:
    """Make the blocks, each with the nearest hint whose element holds at most
    `max_share` of the page's text (`Config.html_hint_max_share`); `deadline` is checked
    every `CHECK_EVERY` blocks (a page of a million blocks takes seconds here).

    In time linear in the blocks and the hinted elements, however deep they nest: a
    block's text counts for its nearest hinted element, each element's count is added to
    the element around it, inner ones first (an element's number is larger than those
    around it), and each element's nearest acceptable hint is found once."""
    owned, total = _owned(raw)
    limit = total * max_share
    chosen: dict[int, HintNode | None] = {}
    reviews: dict[int, HintNode | None] = {}
    blocks: list[Block] = []
    for index, (text, tag, depth, link_chars, containers, node, row, articles) in enumerate(raw):
        if deadline is not None and not index & (CHECK_EVERY - 1):
            deadline.check("while making the blocks")
        found = _nearest_hint(node, owned, limit, chosen)
        hint, token, owner_id = (found[1], found[2], found[0]) if found is not None else ("", "", 0)
        heading = int(tag[1]) if len(tag) == 2 and tag[0] == "h" and tag[1].isdigit() else 0
        link_density = min(link_chars / len(text), 1.0)
        review = _in_review(node, owned, limit, reviews)
        # new_tuple: the named tuple's own __new__ is interpreted Python (model.new_tuple says why)
        dom = new_tuple(
            Dom, (tag, depth, link_density, containers, hint, token, heading, owner_id, row, articles, review)
        )
        blocks.append(Block(text, index, index + 1, Features(), tag=tag, dom=dom))
    return blocks


def _owned(raw: list[RawBlock]) -> tuple[dict[int, int], int]:
    """The characters each hinted element holds (by its number), with those of the
    hinted elements inside it, and the page's characters in all."""
    owned: dict[int, int] = {}
    around: dict[int, HintNode | None] = {}  # the hinted element around each one
    total = 0
    for text, _, _, _, _, node, _, _ in raw:
        total += len(text)
        if node is not None:
            owned[node[0]] = owned.get(node[0], 0) + len(text)
            while node is not None and node[0] not in around:
                around[node[0]] = node[3]
                node = node[3]
    for owner in sorted(around, reverse=True):
        outer = around[owner]
        if outer is not None:
            owned[outer[0]] = owned.get(outer[0], 0) + owned.get(owner, 0)
    return owned, total


def _nearest_hint(
    node: HintNode | None, owned: dict[int, int], limit: float, chosen: dict[int, HintNode | None]
) -> HintNode | None:
    """The nearest of node and the hinted elements around it whose hint stands (content
    and comments always, others on elements holding at most `limit` characters; a
    review's never, `_in_review` reads it), or None; remembered in `chosen`."""
    start = node
    while node is not None and node[0] not in chosen:
        hint = node[1]
        if hint != REVIEW_HINT and (hint in _ALWAYS_STAND or owned[node[0]] <= limit):
            break
        node = node[3]
    return _remember(start, chosen, node)


def _in_review(
    node: HintNode | None, owned: dict[int, int], limit: float, memo: dict[int, HintNode | None]
) -> int:
    """The number of the innermost of node and the hinted elements around it that is a
    review (`vocabulary.REVIEW_HINT`) holding at most `limit` characters (a page-wide
    wrapper named so is no review), or 0; remembered in `memo`. A review's hint is no
    block's own (`_nearest_hint` passes it by): it only says where the block stands."""
    start = node
    while node is not None and node[0] not in memo:
        if node[1] == REVIEW_HINT and owned[node[0]] <= limit:
            break
        node = node[3]
    found = _remember(start, memo, node)
    return found[0] if found is not None else 0


def _remember(
    start: HintNode | None, memo: dict[int, HintNode | None], stop: HintNode | None
) -> HintNode | None:
    """What a walk up from `start` found where it stopped (`stop`: the element found, one
    whose answer `memo` holds, or None at the top), remembered in `memo` for every
    element on the way, `stop` included: the next block under any of them walks no
    further than one step."""
    found = memo[stop[0]] if stop is not None and stop[0] in memo else stop
    end = stop[0] if stop is not None else 0  # by number: compiled, a node is not the same object twice
    node = start
    while node is not None and node[0] != end:
        memo[node[0]] = found
        node = node[3]
    if stop is not None:
        memo[stop[0]] = found
    return found
