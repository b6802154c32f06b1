"""Repeats: on a page whose content may quote itself, a paragraph said twice is kept once.

Why: a forum reply that quotes an earlier post holds that post's paragraphs again,
word for word, and a product page often shows its description twice (a tab, then the
same text in an accordion for small screens). The reducer keeps each text once in
the regions it chooses (`article._keep_region`), but the keep model, which has the
last word and judges each block on its own, brings the second copy back, and the text
says it twice. Only on the page types of `Config.repeat_types`: elsewhere the copy the
model brings back is usually the page's own text each time (a meal plan's lines, an
interview's recurring question), and a news story is never cut by this.

A whole section said twice is another matter, on every page type (the type is often
wrong on unseen sites) and in text dumps too: a page that renders its story or a
section twice, once for wide screens and once for narrow ones, gives the keep model
the same run of blocks again, and the second run is no new text. Three blocks or more
in the same order, with `Config.repeat_run_min_words` words among them, are that copy
(`drop_repeated_runs`). The words bound is what tells it from a page's own recurring
runs, which are short lines: a meal plan's day, a pricing tier's features, a tab's
labels said again under each heading. A run that holds a paragraph (a block of
`Config.repeat_run_paragraph_words` words or more that ends a sentence) needs fewer
words, `Config.repeat_run_prose_min_words`: a box of two calls to action and its terms,
put in the story twice, says no new text the second time either.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Final

from ..budget import ITEMS_PER_CHECK, Deadline, check, checked
from ..config import Config
from ..model import Block, Label
from ..native import c_function
from .region import relabel


def drop_repeats(article: Sequence[Block], page_type: str, cfg: Config) -> list[Block]:
    """The article less every block of `cfg.repeat_min_words` words or more whose text,
    case and spacing aside, is that of an earlier block of it: each is relabelled OTHER
    with the reason. On other page types than `cfg.repeat_types`, the article as is."""
    if page_type not in cfg.repeat_types:
        return list(article)
    seen: set[str] = set()
    kept: list[Block] = []
    for b in article:
        key = _key(b)
        if key in seen and len(key.split()) >= cfg.repeat_min_words:
            relabel(b, Label.OTHER, "reducer: repeats an earlier paragraph of the content word for word")
            continue
        seen.add(key)
        kept.append(b)
    return kept


# The comparisons `drop_repeated_runs` may make, per block of the article: a page's runs
# are found in a few each; a long run of one wordless block ("—" in every cell of a
# table), which never reaches the words bound, would otherwise cost the square of its
# length (8,000 such blocks: 1.9 s).
_SCAN_PER_BLOCK: Final = 64
# Where a TimeLimitError raised while repeated runs are looked for stopped.
_WHERE: Final = "in the reducer, while looking for repeated runs"


def _run_words_enough(run: Sequence[Block], cfg: Config, text: bool) -> bool:
    """Whether a repeated run says enough to be a second rendering: `repeat_run_min_words`
    words, or `repeat_run_prose_min_words` where one of its blocks is a paragraph
    (`repeat_run_paragraph_words` words or more, ending a sentence). A page's own
    recurring runs are of short lines (a meal plan's day, a pricing tier's features,
    a recipe line that ends no sentence); a run said twice that holds a paragraph word
    for word is a copy from fewer words (a deals box's calls to action and terms, put
    in the story for wide and for narrow screens). Not in a text dump (`text`): there the
    lower bound cost the WCXB dumps' service pages (tune 0.818 -> 0.817), whose lines
    are a page's text flattened, a tab's paragraphs said again under each heading."""
    total = sum(b.features.words for b in run)
    if total >= cfg.repeat_run_min_words:
        return True
    return (
        not text
        and 0 < cfg.repeat_run_prose_min_words <= total
        and any(b.features.words >= cfg.repeat_run_paragraph_words and b.features.ends_sentence for b in run)
    )


def spacing_aside(text: str) -> str:
    """`" ".join(text.split())`, without the split where it gives `text` back: a text
    with no space at either end nor two in a row, and every character printable, has
    no other run of whitespace to join (every whitespace character but the space is
    unprintable, which tests/test_repeats.py checks over all of Unicode). Splitting
    every paragraph of a dump into words, to join them as they were, was a fortieth of
    its time."""
    if text.isprintable() and "  " not in text and not text.startswith(" ") and not text.endswith(" "):
        return text
    return " ".join(text.split())


def _key(b: Block) -> str:
    """A block's text, case and spacing aside: what `drop_repeats` and
    `drop_repeated_runs` compare."""
    return spacing_aside(b.text.lower())


def _sketch_in_python(text: str) -> int:
    """A number that texts of the same `_key` share: the 64-bit FNV-1a hash of the
    code points of the key's first `_SKETCH_LENGTH` characters, each above ASCII read
    as "?". The reference of `_text.key_sketch`, which makes it without the key
    (tests/test_repeat_keys.py holds the two equal, and the C's reading of each
    character to `str.lower`'s)."""
    h = _FNV_OFFSET
    for c in " ".join(text.lower().split())[:_SKETCH_LENGTH]:
        h = ((h ^ (ord(c) if c < "\x80" else _OTHER)) * _FNV_PRIME) & _MASK
    return h


_FNV_OFFSET: Final = 0xCBF29CE484222325
_FNV_PRIME: Final = 0x100000001B3
_MASK: Final = (1 << 64) - 1
_OTHER: Final = ord("?")
_SKETCH_LENGTH: Final = 64  # characters: a key's first ones tell most blocks apart
_SKETCH: Final[Callable[[str], int]] = c_function("_text", "key_sketch") or _sketch_in_python


def _key_ids(article: Sequence[Block]) -> list[int]:
    """A number for each block's `_key`, the same for the same key: a block whose
    sketch (`_SKETCH`) no other block of the article shares has a key of its own, its
    index; the others' keys are made and numbered from len(article) up. Making every
    block's key (its text lower-cased, its spacing aside) was a fortieth of a dump's
    time, where most blocks' sketches are their own."""
    listed: list[Block] = article if isinstance(article, list) else list(article)
    n = len(listed)
    sketches = [_SKETCH(listed[j].text) for j in range(n)]
    shared: dict[int, bool] = {}
    for j in range(n):
        shared[sketches[j]] = sketches[j] in shared
    numbers: dict[str, int] = {}
    ids: list[int] = []
    for j in range(n):
        if shared[sketches[j]]:
            ids.append(numbers.setdefault(_key(listed[j]), n + len(numbers)))
        else:
            ids.append(j)
    return ids


def drop_repeated_runs(
    article: Sequence[Block], cfg: Config, *, text: bool = False, deadline: Deadline | None = None
) -> list[Block]:
    """The article less each run of `cfg.repeat_run_min_blocks` blocks or more, of
    `cfg.repeat_run_min_words` words or more in all, whose texts (case and spacing
    aside) are, in the same order, those of a run that comes earlier in the article:
    each block of the later run is relabelled OTHER with the reason. A run is read from
    the first earlier copy of its first block's text, as far as the two go on alike
    (and no further than where the later one starts). 0 blocks: never. The search
    stops once it has made `_SCAN_PER_BLOCK` comparisons for each block of the article,
    pooled over the whole article: the copies found so far go. `deadline` is checked
    between its passes over the article and as it goes in each."""
    if cfg.repeat_run_min_blocks <= 0:
        return list(article)
    check(deadline, _WHERE)
    keys = _key_ids(article)
    first: dict[int, int] = {}
    for j, key in enumerate(checked(keys, deadline, _WHERE)):
        first.setdefault(key, j)
    dropped: set[int] = set()
    budget = _SCAN_PER_BLOCK * len(keys)
    j = steps = 0
    while j < len(keys) and budget > 0:
        steps += 1
        if deadline is not None and not steps % ITEMS_PER_CHECK:
            deadline.check(_WHERE)
        f = first[keys[j]]
        n = 0
        while f < j and j + n < len(keys) and f + n < j and keys[f + n] == keys[j + n]:
            n += 1
        budget -= n + 1
        if n >= cfg.repeat_run_min_blocks and _run_words_enough(article[j : j + n], cfg, text):
            dropped.update(range(j, j + n))
            j += n
            continue
        j += 1
    kept: list[Block] = []
    for j, b in enumerate(checked(article, deadline, _WHERE)):
        if j in dropped:
            relabel(
                b, Label.OTHER, "reducer: repeats an earlier run of the content's blocks in the same order"
            )
        else:
            kept.append(b)
    return kept
