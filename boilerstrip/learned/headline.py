"""The headline model's rows: which line of a whole-page text dump is the page's headline.

Why a model: a dump keeps no <title> and no <h1>. Its headline is one short line among
the menus, teasers, calls to action and subheadings around the content's start, and
the nearest headline-like line above the content (`meta.titles.find_title`) is often a
subheading, a byline or a "Download the report". The model rates every candidate line
near the start by its shape, its label and its neighbours', how often the page repeats
it (a page's own name stands in its breadcrumb and its menus too), how many of the
address's words it holds and of the content's first words, and whether the rules chose
it; the reducer takes the best-rated line (tools/train_title.py trains it on WCXB's
tuning dumps: titles right 46.0% -> 57.7% out of fold, held-out 41.3% -> 50.5%).

Every feature is generic: numbers about a line and its place, never a string of a site.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from ..meta.titles import address_words, case_fold, folded_words, has_letter, shared_words, words_table
from ..model import Block
from .columns import LABEL_INDEX, MISSING
from .linerows import line_shape

#: The headline model's features, in row order.
HEADLINE_FEATURES: Final[tuple[str, ...]] = (
    "above", "words", "chars", "caps", "digits", "asks", "colon", "parted",
    "label", "copies", "stop", "address_share", "address_words", "rule_choice", "rank",
    "prev_label", "prev_words", "next_label", "next_words", "next_ends", "content_share",
    "pos", "start_pos", "score",
)  # fmt: skip
# The candidates: lines of one to `MAX_WORDS` words and at most `MAX_CHARS` characters,
# with a letter and not ending a sentence, from `ABOVE` lines above the content's first
# line to `BELOW` lines into it (a dump's headline can be the content's first line, or
# stand above it, over a standfirst and a photo's credits). Out of fold, 60 lines above
# or sentences too were no better (58.2%, 58.4%), and cost twice the candidates.
ABOVE: Final = 30
BELOW: Final = 8
MAX_WORDS: Final = 40
MAX_CHARS: Final = 300  # a line of a few words and a run of spaces or a long address is no headline
# The content's first lines, whose words a headline announces.
CONTENT_LINES: Final = 5


def candidates(blocks: Sequence[Block], start: int) -> list[Block]:
    """The lines that may be the headline, nearest the content's start first (`start`,
    the index of its first line; the page's length when it has none)."""
    near = blocks[max(0, start - ABOVE) : min(len(blocks), start + BELOW)]
    return [
        b
        for b in reversed(near)
        if 1 <= b.features.words <= MAX_WORDS
        and b.features.chars <= MAX_CHARS
        and not b.text.rstrip().endswith(".")
        and has_letter(b.text)
    ]


def rows(
    blocks: Sequence[Block],
    found: Sequence[Block],
    content: Sequence[Block],
    chosen: Block | None,
    url: str | None,
) -> list[list[float]]:
    """Every candidate's features (`found`, from `candidates`), in
    `HEADLINE_FEATURES` order: `content` is the page's content as the reducer and the
    keep model settled it (its first `CONTENT_LINES` lines are all it reads), `chosen`
    the line the rules took for the headline (None: none), `url` the page's address
    (None: unknown)."""
    if not found:
        return []  # no row to make: the content's words are not read
    n = max(len(blocks), 1)
    start = content[0].index if content else len(blocks)
    opening = words_table(" ".join(b.text for b in content[:CONTENT_LINES]))
    address = address_words(url)
    out = []
    for rank, b in enumerate(found, 1):
        folded = case_fold(b.text)
        words = folded_words(folded)
        text = b.text.strip()
        out.append(
            [
                float(start - b.index),
                *_shape(b, text),
                LABEL_INDEX[b.label],
                float(b.features.repeats),
                b.features.stop_density,
                len(address & words) / len(address) if address else MISSING,
                float(len(address)),
                1.0 if b is chosen else 0.0,
                float(rank),
                *_neighbours(blocks, b.index),
                shared_words(opening, folded) / max(len(words), 1),
                b.index / n,
                start / n,
                b.score,
            ]
        )
    return out


def _shape(b: Block, text: str) -> tuple[float, ...]:
    """A line's size and make-up: words, characters, capitals, digits, whether it asks
    or exclaims, holds a colon, or is parted by a bar or a dash. The capitals and
    digits are the line model's (`linerows.line_shape`, C where built: two patterns'
    findall a candidate were a third of the rows' cost)."""
    caps, digits, _ = line_shape(text)
    return (
        float(b.features.words),
        float(b.features.chars),
        caps,
        digits,
        1.0 if text.endswith(("?", "!")) else 0.0,
        1.0 if ":" in text else 0.0,
        1.0 if " | " in text or " - " in text or " – " in text else 0.0,
    )


def _neighbours(blocks: Sequence[Block], k: int) -> tuple[float, ...]:
    """The line before's label and words, the line after's label, words and whether it
    ends a sentence (a headline is followed by a byline, a date or the story)."""
    prev = blocks[k - 1] if k > 0 else None
    nxt = blocks[k + 1] if k + 1 < len(blocks) else None
    return (
        LABEL_INDEX[prev.label] if prev else MISSING,
        float(prev.features.words) if prev else MISSING,
        LABEL_INDEX[nxt.label] if nxt else MISSING,
        float(nxt.features.words) if nxt else MISSING,
        (1.0 if nxt.features.ends_sentence else 0.0) if nxt else MISSING,
    )


def best(found: Sequence[Block], probabilities: Sequence[float], floor: float = 0.0) -> Block | None:
    """The candidate the model rates highest, unless it rates it under `floor`; None
    without candidates. Why the floor: where the model finds no line like a headline,
    its best is a "Skip to main content", a cart prompt or a copyright line, and a
    page with no title misleads a user less than one with such a title."""
    if not found:
        return None
    k = best_index(probabilities)
    return found[k] if probabilities[k] >= floor else None


def best_index(probabilities: Sequence[float]) -> int:
    """The index of the highest probability, the first (the nearest the content's
    start) of equals; the training script scores its choice by the same rule."""
    if not probabilities:
        raise ValueError("best_index() of no probability")
    best = 0
    for i in range(1, len(probabilities)):
        # As max() by (probability, -index): a later index wins only by a greater
        # probability (a tuple key and a lambda a candidate cost 1,200 instructions).
        if probabilities[i] > probabilities[best]:
            best = i
    return best
