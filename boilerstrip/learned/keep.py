"""Keep: the last word on which blocks of a page are its content, by a gradient-boosted
tree model that reads every block with all the pipeline said of it.

Why: the detectors and the reducer were fitted to news pages. On pages of other kinds
(forum threads, listings, product and service pages, documentation) they keep one run
of prose and drop the rest: posts labelled comments, cards labelled navigation. A
model trained on about 1,250 labelled pages of seven kinds reads, for each block, its
own features, the detectors' label and score, the reducer's weight and decision, its
neighbours', and the page's make-up (how much of it each label claims), and decides.
On the held-out quarter of the WCXB domains it lifts mean F1 from 0.71 to 0.82.

The rows are made by `blockrows` (HTML) and `linerows` (text dumps), the trees read
and walked by `forest`; this module relabels the blocks by the model's probabilities.
Every feature is generic: numbers about the block and the page, never a site, a string
or a class name. The reducer calls `rows`/`text_columns` (of a page's `RowContext`), `decide`
and `Forest` from here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final, NamedTuple

from ..budget import Deadline, check
from ..lang import topic_words
from ..model import LABELS, Block, Label
from .blockrows import rows as rows
from .columns import LABEL_INDEX
from .columns import RowContext as RowContext
from .forest import Forest as Forest
from .forest import load as load
from .forest import probabilities
from .linerows import TEXT_FEATURES
from .linerows import text_columns as text_columns
from .linerows import text_rows as text_rows
from .stack import best_prefix, stack_rows


class Rules(NamedTuple):
    """How `decide` settles a page's content from the model's probabilities: a block
    over `add` is content; an ARTICLE block at or under `drop` is not (with a lower
    `drop` the reducer's content is dropped only where the model is confident). The
    rest are the rules that follow the model, each None where it does not apply (the
    text dumps' rules on HTML, and the other way round):
    - `runs` (text dumps: a floor and the words of a prose line): a prose line over
      the floor that repeats the shape of content one period of its cadence back is
      content (`run_members`);
    - `prose` (HTML: a floor, a word count and paragraph tags): an ARTICLE paragraph of
      that many words or more that ends a sentence is dropped only at or under the floor;
    - `inner` (text dumps: a floor and a number of copies): a line inside the
      content's span over the floor is content (`inner_members`);
    - `between` (HTML: a floor, a word count and a link density): a paragraph between
      the content's first and last blocks over the floor is content (`between_members`);
    - `across` (text dumps: a floor, a number of lines, the words of a prose line and a
      gap): the content goes on past a run of short lines after it, to the prose over
      the floor that follows (`across_members`);
    - `relative` (HTML: a ratio and a median): the reducer's content is dropped only at
      or under that share of its blocks' median probability, where the median is
      that or more (`_relative_floor`);
    - `coherent` (text dumps: a floor, the words of a prose line and a share): a prose
      line over the floor whose words are the content's, that share of them or more,
      is content (`coherent_members`);
    - `mates` (HTML: a share and a link density): a list's items join their mates
      where that share of them or more are content (`list_mates`);
    - `few` (text dumps: a number of words and a floor): where the content holds fewer
      words, every line over the floor is content too (`few_members`);
    - `own` (HTML: a floor, a bound on the expected F1, a link density and a number
      of words): on a page the model is unsure of, the blocks over the floor that make
      its expected word F1 the most are content too; with words, only prose
      (`own_members`).
    - `second` (HTML: a number of blocks and a floor): the guards of the second stage,
      if the page has one (`_second_stage`).
    Why one record: the reducer chooses them by the page's kind in one place, and the
    model's last word reads them all."""

    add: float
    drop: float
    runs: tuple[float, int] | None = None
    prose: tuple[float, int, tuple[str, ...]] | None = None
    inner: tuple[float, int] | None = None
    between: tuple[float, int, float] | None = None
    across: tuple[float, int, int, int] | None = None
    mates: tuple[float, float] | None = None
    relative: tuple[float, float] | None = None
    coherent: tuple[float, int, float] | None = None
    few: tuple[int, float] | None = None
    own: tuple[float, float, float, int] | None = None
    second: tuple[int, float] | None = None


def decide(
    blocks: Sequence[Block],
    forest: Forest,
    features: Sequence[Sequence[float]],
    rules: Rules,
    deadline: Deadline | None = None,
    stack: Forest | None = None,
) -> list[Block]:
    """Relabel by the model, of its `features` (a list of rows for an HTML page, of
    columns for a text dump: `text_columns`), as `rules` say; each change keeps its
    reason. Returns the content blocks in page order. Where no block is over
    `rules.add`, nothing is relabelled. `deadline` is checked as the model reads the
    rows. With `stack` (HTML), a second forest rates the blocks again from the rows and
    the first one's probabilities in context, as `rules.second` guards it
    (`_second_stage`), and its probabilities are the ones the rules read."""
    ps = probabilities(forest, features, deadline, by_column=forest.text)
    if len(ps) != len(blocks) and any(p > rules.add for p in ps):
        raise ValueError(f"{len(ps)} probabilities for {len(blocks)} blocks")
    if stack is not None and rules.second is not None and not forest.text:
        ps = _second_stage(blocks, ps, features, stack, rules.second, deadline)
    check(deadline, _DECIDING)
    if not any(p > rules.add for p in ps):
        # A page given to clean holds content: where the model finds none (a page
        # unlike those it learned from), the reducer's choice stands.
        return [b for b in blocks if b.label is Label.ARTICLE]
    floor = _relative_floor(blocks, ps, rules.relative)
    # By index, here and in the rules after the model: a zip(strict=True), which mypyc
    # leaves to the interpreter, made a tuple a block.
    chosen = [
        ps[k] > rules.add
        or (b.label is Label.ARTICLE and ps[k] > min(floor, _drop_at(b, rules.drop, rules.prose)))
        for k, b in enumerate(blocks)
    ]
    how: dict[int, str] = {}
    check(deadline, _DECIDING)
    if forest.text:
        if rules.few is not None:
            how.update(dict.fromkeys(few_members(blocks, ps, chosen, *rules.few), _FEW))
        check(deadline, _DECIDING)
        if rules.runs is not None:
            how.update(dict.fromkeys(run_members(features, ps, chosen, *rules.runs), _RUN))
        check(deadline, _DECIDING)
        if rules.across is not None:
            how.update(dict.fromkeys(across_members(blocks, ps, chosen, *rules.across), _ACROSS))
        check(deadline, _DECIDING)
        # The coherent paragraphs first: the lines between them and the content are
        # then inside it (a subheading, a list before the story's last paragraph).
        if rules.coherent is not None:
            how.update(dict.fromkeys(coherent_members(blocks, ps, chosen, *rules.coherent), _COHERENT))
        check(deadline, _DECIDING)
        if rules.inner is not None:
            how.update(dict.fromkeys(inner_members(features, ps, chosen, *rules.inner), _INSIDE))
    else:
        # The page's own threshold first: what it adds widens the span between the
        # content's first and last blocks that the two rules after it read.
        if rules.own is not None:
            how.update(dict.fromkeys(own_members(blocks, ps, chosen, *rules.own), _OWN))
        check(deadline, _DECIDING)
        if rules.between is not None:
            how.update(dict.fromkeys(between_members(blocks, ps, chosen, *rules.between), _INSIDE))
        check(deadline, _DECIDING)
        if rules.mates is not None:
            how.update(dict.fromkeys(list_mates(blocks, chosen, *rules.mates), _MATES))
    check(deadline, _DECIDING)
    return _settle(blocks, ps, chosen, how)


# Where a TimeLimitError raised between the rules after the model stopped (each rule is
# a pass or two over the page's blocks: a quarter of a second each on half a million).
_DECIDING: Final = "while the keep model's rules decide"
# Why a block the rules added is content, for its reason.
_RUN: Final = "the next member of a run of content"
_ACROSS: Final = "across a table or list in the content"
_INSIDE: Final = "inside the content"
_COHERENT: Final = "speaking of what the content speaks of"
_FEW: Final = "where the content was next to nothing"
_MATES: Final = "in a list whose items are content"
_OWN: Final = "over the page's own threshold"


def _settle(
    blocks: Sequence[Block], ps: Sequence[float], chosen: Sequence[bool], how: dict[int, str]
) -> list[Block]:
    """Label the `chosen` blocks ARTICLE and the other ARTICLE blocks OTHER, each
    change with its reason (`how` a rule added it, else the model alone); the content
    in page order. A block of the reducer's content that a rule kept though the model
    would have dropped it says so too: its label is unchanged, but a user asking why
    it is content learns that a rule, not the model, kept it."""
    content = []
    for k, b in enumerate(blocks):
        if chosen[k]:
            if b.label is not Label.ARTICLE:
                why = how.get(k, "content")
                b.reasons.append(f"keep: {why} by the block model (p={ps[k]:.2f}), was {_name(b.label)}")
                b.label = Label.ARTICLE
            elif k in how:
                b.reasons.append(f"keep: {how[k]} by the block model (p={ps[k]:.2f})")
            content.append(b)
        elif b.label is Label.ARTICLE:
            b.reasons.append(f"keep: not content by the block model (p={ps[k]:.2f})")
            b.label = Label.OTHER
    return content


def own_members(
    blocks: Sequence[Block],
    ps: Sequence[float],
    chosen: list[bool],
    floor: float,
    below: float,
    links: float,
    prose: int = 0,
) -> list[int]:
    """The blocks of an HTML page made content (set in `chosen`) under the page's own
    threshold: taken from the likeliest down after the `chosen` ones, each weighing its
    words, as far as makes the page's expected word F1 the most if the probabilities
    are right (2 * sum(w p) over the content / (its words + sum(w p) over the page)),
    never one at or under `floor`, nor one with `links` or more of its text in links
    (`_own_may`); only where that best expected F1 is under `below` (the model is
    unsure of the page); with `prose`, only paragraphs of that many words or more
    (a story's). Why: F1's best threshold is half the F1 it can reach (Lipton et al.
    2014): on a page of cards the model is unsure of (rating each 0.2-0.4), the one
    threshold set for all pages loses the cards one by one, and on an unsure story its
    paragraphs rated 0.3-0.5. On a sure page the best threshold is near one half
    anyway. On a story a caption, a teaser or a "read more" is rated as low as its
    paragraphs and is chrome: there only prose is taken."""
    expected = hit = taken = 0.0
    for k, b in enumerate(blocks):
        expected += b.features.words * ps[k]
        if chosen[k]:
            hit += b.features.words * ps[k]
            taken += b.features.words
    if expected <= 0:
        return []
    more = sorted(
        [k for k in range(len(ps)) if not chosen[k] and ps[k] > floor and _own_may(blocks[k], links, prose)],
        key=lambda k: -ps[k],
    )
    words = [float(b.features.words) for b in blocks]
    best, count = best_prefix(words, ps, more, hit, taken, expected)
    if best >= below:
        return []
    added = more[:count]
    for k in added:
        chosen[k] = True
    return added


def _own_may(b: Block, links: float, prose: int) -> bool:
    """Whether `own_members` may take a block: one a rule may add (`_addable`: a line
    wholly a link on a page of cards is a card's rating or a menu's), shown any number
    of times on a page of cards (a card's line may recur); with `prose` (a number of
    words; 0, any), only a paragraph of that many words or more ending a sentence,
    shown once, as `between_members` reads prose."""
    if prose:
        return _is_prose(b, prose) and _addable(b, links)
    return _addable(b, links, once=False)


def _second_stage(
    blocks: Sequence[Block],
    ps: list[float],
    features: Sequence[Sequence[float]],
    stack: Forest,
    second: tuple[int, float],
    deadline: Deadline | None,
) -> list[float]:
    """The second stage's probabilities (`stack.stack_rows`), on a page of `second[0]`
    blocks or more (on fewer, the page-wide figures it reads are unlike any it learned
    from: the first stage's stand); a block of the reducer's content the first stage
    rates `second[1]` or more keeps the higher of the two, so that the second stage
    does not overturn both the rules and the first stage (`Config.keep_html_stack`)."""
    min_blocks, sure = second
    if len(blocks) < min_blocks:
        return ps
    check(deadline, _DECIDING)
    rows = stack_rows(blocks, ps, features, deadline)
    check(deadline, _DECIDING)
    again = probabilities(stack, rows, deadline)
    for k, b in enumerate(blocks):
        if b.label is Label.ARTICLE and ps[k] >= sure and ps[k] > again[k]:
            again[k] = ps[k]
    return again


def _relative_floor(
    blocks: Sequence[Block], ps: Sequence[float], relative: tuple[float, float] | None
) -> float:
    """A cap on the probability at or under which the reducer's content is dropped
    (`decide` drops a block at or under the lower of this and its usual threshold): a
    share (`relative[0]`; 0, none) of the median of the reducer's blocks'
    probabilities (the upper one of an even count), where that median is `relative[1]`
    or more (1.0, no cap, otherwise). Why: on a page unlike those it learned from, the
    model rates a whole story low; a block it rates well under the rest of the
    reducer's content is what it tells apart, not one under a threshold set on
    familiar pages. Where it rates the reducer's content low as a whole (a median
    under the bound), the usual thresholds stand: there the reducer has often chosen
    the wrong part, and the model's word is the better one."""
    if relative is None or relative[0] <= 0:
        return 1.0
    # By index (`decide` checked the lengths): a zip(strict=True), which mypyc leaves
    # to the interpreter, made a tuple a block.
    own = sorted([ps[k] for k in range(len(ps)) if blocks[k].label is Label.ARTICLE])
    if not own or own[len(own) // 2] < relative[1]:
        return 1.0
    return relative[0] * own[len(own) // 2]


def _drop_at(b: Block, drop: float, prose: tuple[float, int, tuple[str, ...]] | None) -> float:
    """The probability at or under which the reducer's content block `b` is dropped:
    `drop`, or the lower prose floor for a long paragraph ending a sentence (a story's,
    which the model can rate near one half on an unfamiliar page)."""
    if prose is None or b.dom is None or b.dom.tag not in prose[2]:
        return drop
    if b.features.words < prose[1] or not b.features.ends_sentence:
        return drop
    return min(drop, prose[0])


def few_members(
    blocks: Sequence[Block], ps: Sequence[float], chosen: list[bool], words: int, floor: float
) -> list[int]:
    """The lines made content (set in `chosen`) where the content holds fewer than
    `words` words: every line over `floor`. Why: a dump the model reads as unlike any
    it learned from (a listing of teasers read as an article, a documentation page of
    contents and a paragraph) can have only a line or two over the threshold, and the
    reducer's region a heading; the page's content is then lost while the model still
    rates it over one half. Never a reader's comment, the headline or a line a
    detector took for navigation (`_FEW_NEVER`: the "Home" and "Up" of a page's
    menus, rated as high as the contents they sit among). A story's dump holds more
    than a few dozen words over the threshold: no news dump of the benches changes.
    It runs only where some line is over the threshold (`decide` leaves the reducer's
    choice alone where none is: applied there too, it moved the WCXB tuning dumps by
    0.0004 and emptied-gold pages took text)."""
    if sum(b.features.words for k, b in enumerate(blocks) if chosen[k]) >= words:
        return []
    added = [
        i for i, b in enumerate(blocks)
        if not chosen[i] and ps[i] > floor and b.label not in _FEW_NEVER
    ]  # fmt: skip
    for i in added:
        chosen[i] = True
    return added


_WORDS: Final = TEXT_FEATURES.index("words")
_CYCLE: Final = TEXT_FEATURES.index("cycle")
_CYCLE_BEFORE: Final = TEXT_FEATURES.index("cycle_before")


def run_members(
    columns: Sequence[Sequence[float]], ps: Sequence[float], chosen: list[bool], floor: float, prose: int
) -> list[int]:
    """The lines of a text dump made content (set in `chosen`, in page order, so that a
    run grows card by card) as members of a run of cards or posts: a prose line (of
    `prose` words or more) over `floor` whose counterpart one period back in its
    cadence stretch (`cadence.cadence`) is content. Why: the model reads a line by its
    neighbours, and the last card of a listing or the closing post of a thread is
    followed by chrome, which pulls it under the threshold although it has the shape
    of the members before it. Short lines are left alone: where the stretch runs on
    into the chrome after the run, they are its menus and prompts. `columns` are the
    dump's features by feature (`text_columns`)."""
    words, periods, before = columns[_WORDS], columns[_CYCLE], columns[_CYCLE_BEFORE]
    added = []
    for i, p in enumerate(ps):
        # The model's word first: most lines are chosen or under the floor, and their
        # cadence, read from the columns, need not be.
        if chosen[i] or p <= floor:
            continue
        period = int(periods[i])
        if not period or before[i] < 1 or words[i] < prose:
            continue
        if chosen[i - period]:
            chosen[i] = True
            added.append(i)
    return added


_REPEATS: Final = TEXT_FEATURES.index("repeats")
_LABEL: Final = TEXT_FEATURES.index("label")


def inner_members(
    columns: Sequence[Sequence[float]], ps: Sequence[float], chosen: list[bool], floor: float, copies: int
) -> list[int]:
    """The lines of a text dump made content (set in `chosen`) for standing inside the
    content: after its first line and before its last (as `chosen` was before this
    call), with a word, over `floor`, and shown at most `copies` times on the page.
    Why: the threshold a line must pass to be added (`Config.keep_text_threshold`)
    keeps chrome out where the content is elsewhere on the page; between the
    content's own lines it is too high. A story's subheadings (read as menu words
    where a contents list repeats them), its short paragraphs, list items and table
    cells are rated between one half and that threshold there, by a model that reads
    the rules' labels of the lines around them. A line shown more often is a card's
    call to action ("Add to cart") or an ad's label. `columns` are the dump's features
    by feature (`text_columns`). Never a reader's comment nor the headline
    (`_NEVER_ADDED`)."""
    inside = [k for k, c in enumerate(chosen) if c]
    if len(inside) < 2:
        return []
    words, repeats, labels = columns[_WORDS], columns[_REPEATS], columns[_LABEL]
    added = [
        k
        for k in range(inside[0] + 1, inside[-1])
        if not chosen[k]
        and ps[k] > floor
        and words[k] >= 1
        and repeats[k] <= copies
        and labels[k] not in _NEVER_ADDED_INDEX
    ]
    for k in added:
        chosen[k] = True
    return added


def across_members(
    blocks: Sequence[Block],
    ps: Sequence[float],
    chosen: list[bool],
    floor: float,
    lines: int,
    prose: int,
    gap: int,
) -> list[int]:
    """The lines of a text dump made content (set in `chosen`, in page order) across a
    table or a list: where the content's last line is prose (of `prose` words or more,
    ending a sentence) and `lines` or more lines follow it before the next prose line,
    each under `prose` words (a table one cell a line, a list's items, a listicle's
    "Plant care tips" / "Light: ..." / "11" / "of 15" between its items), and that
    prose line is over `floor` and shown once, the run is content and so is the prose
    after it: prose lines over `floor`, shown once, fewer than `gap` lines between each, and
    the lines between them over `floor`. Then again from the last of them. Why: the
    reducer weighs such a run as boilerplate, so its region stops before the prose
    after it, which the model then rates under `Config.keep_text_threshold` (0.5-0.8
    where it reads a story's). A run after a line that is no prose (a card's price, a
    menu the model kept) is not followed: chrome runs into chrome."""
    inside = [k for k, c in enumerate(chosen) if c]
    if not inside:
        return []
    n, last = len(blocks), inside[-1]
    added: list[int] = []
    while _is_prose(blocks[last], prose):
        nxt = next((k for k in range(last + 1, n) if _is_prose(blocks[k], prose)), n)
        run = range(last + 1, nxt)
        if nxt == n or len(run) < lines or not _taken(blocks[nxt], ps[nxt], floor):
            break
        if any(blocks[k].features.words >= prose or blocks[k].label in _NEVER_ADDED for k in run):
            break
        end = _chain_end(blocks, ps, nxt, floor, prose, gap)
        added.extend(k for k in run if not chosen[k] and blocks[k].features.words >= 1)
        added.extend(
            k for k in range(nxt, end + 1)
            if not chosen[k] and (_is_prose(blocks[k], prose) or ps[k] > floor)
        )  # fmt: skip
        last = end
    for k in added:
        chosen[k] = True
    return added


def coherent_members(
    blocks: Sequence[Block], ps: Sequence[float], chosen: list[bool], floor: float, words: int, share: float
) -> list[int]:
    """The lines of a text dump made content (set in `chosen`) for speaking of what the
    content speaks of: a prose line (of `words` words or more, ending a sentence) over
    `floor`, shown once, no reader's comment nor the headline, `share` or more of whose
    topic words (`lang.topic_words`) are the content's. Why: the reducer chooses one
    region, and the story's paragraphs past a gallery, a table flattened one cell a
    line or a box of chrome read as outside it; the model rates them 0.4-0.8, under
    its threshold, as it rates the teasers of other stories there. The teasers are as
    long and as well written, but they speak of other things: the story's own
    paragraphs repeat its names and its subject's words."""
    found = [
        k for k, b in enumerate(blocks) if not chosen[k] and _is_prose(b, words) and _taken(b, ps[k], floor)
    ]
    if not found:
        return []
    topic: set[str] = set()
    for k, c in enumerate(chosen):
        if c:
            topic.update(topic_words(blocks[k].text))
    added = []
    for k in found:
        own = topic_words(blocks[k].text)
        if own and len(own & topic) >= share * len(own):
            added.append(k)
    for k in added:
        chosen[k] = True
    return added


def _is_prose(b: Block, words: int) -> bool:
    return b.features.words >= words and b.features.ends_sentence


def _taken(b: Block, p: float, floor: float) -> bool:
    """A prose line after a table or list that is content: over `floor`, shown once,
    and no comment (a comment section is no table: comments stay apart)."""
    return p > floor and b.features.repeats == 1 and b.label not in _NEVER_ADDED


# Labels no rule after the model turns into content: readers' comments stay apart, and
# the headline is the Result's title (a rule that adds lines between blocks must not
# take them in because the model rates them near its threshold there).
_NEVER_ADDED: Final = (Label.COMMENT, Label.TITLE)
# What `few_members` never adds: the above, and the lines taken for navigation.
_FEW_NEVER: Final = (*_NEVER_ADDED, Label.NAVIGATION)
# The same labels as the keep model's label feature reads them (`columns.LABEL_INDEX`).
_NEVER_ADDED_INDEX: Final = frozenset(LABEL_INDEX[label] for label in _NEVER_ADDED)


def _chain_end(
    blocks: Sequence[Block], ps: Sequence[float], start: int, floor: float, prose: int, gap: int
) -> int:
    """The last prose line of the chain from the prose line `start`: the lines after
    it of `prose` words or more, ending a sentence, over `floor` and shown once, each
    with fewer than `gap` lines between it and the one before."""
    end = k = start
    while True:
        nxt = next(
            (j for j in range(k + 1, min(k + 1 + gap, len(blocks))) if _is_prose(blocks[j], prose)), None
        )
        if nxt is None or not _taken(blocks[nxt], ps[nxt], floor):
            return end
        end = k = nxt


def between_members(
    blocks: Sequence[Block], ps: Sequence[float], chosen: list[bool], floor: float, words: int, links: float
) -> list[int]:
    """The blocks of an HTML page made content (set in `chosen`) for standing between
    the content's first and last blocks (as `chosen` was before this call): a paragraph
    the reducer did not take (not ARTICLE, nor the headline or a comment), over `floor`, of `words`
    words or more, ending a sentence, shown once on the page, with under `links` of its
    text in links. Why: the model adds a block over `Config.keep_threshold`, which keeps
    chrome out where the content is elsewhere; between the story's own paragraphs,
    those the detectors took for something else (a paragraph in a page builder's
    "widget" or "teaser" element read as a sidebar's, a list item's description, a
    story paragraph the scorer doubted) are rated just under it. A block shown twice
    or more is a disclosure or a card's line; one mostly of links, a reference or a
    teaser. The reducer's own blocks there are the prose floor's (`_drop_at`)."""
    inside = [k for k, c in enumerate(chosen) if c]
    if len(inside) < 2:
        return []
    added = []
    for k in range(inside[0] + 1, inside[-1]):
        b = blocks[k]
        if chosen[k] or ps[k] <= floor or b.label is Label.ARTICLE:
            continue
        if _is_prose(b, words) and _addable(b, links):
            added.append(k)
    for k in added:
        chosen[k] = True
    return added


def list_mates(blocks: Sequence[Block], chosen: list[bool], share: float, links: float) -> list[int]:
    """The list items of an HTML page made content (set in `chosen`) for standing in
    a list of which `share` or more of the items are content, a list that starts
    between the content's first and last blocks (its last items may stand after
    them): a run of consecutive `li` blocks at one depth. An item is added only if it
    has words, is shown once, has under `links` of its text in links and bears no
    label the rules never add (`_addable`). Why: the model rates a list's items one by
    one, and a story's short items ("Stakes", "Compass") fall under its threshold
    beside their kept mates; a list is one thing, content or not."""
    inside = [k for k, c in enumerate(chosen) if c]
    if len(inside) < 2:
        return []
    added: list[int] = []
    k, end = inside[0], inside[-1]
    while k <= end:
        j = k
        while j + 1 < len(blocks) and _same_list(blocks[k], blocks[j + 1]):
            j += 1
        run = range(k, j + 1)
        if blocks[k].tag == "li" and j > k and sum(chosen[i] for i in run) >= share * len(run):
            added.extend(i for i in run if not chosen[i] and _addable(blocks[i], links))
        k = j + 1
    for i in added:
        chosen[i] = True
    return added


def _same_list(first: Block, other: Block) -> bool:
    """Whether `other` is an item of the list `first` opens: both `li` at one depth."""
    return (
        first.tag == "li"
        and other.tag == "li"
        and first.dom is not None
        and other.dom is not None
        and first.dom.depth == other.dom.depth
    )


def _addable(b: Block, links: float, once: bool = True) -> bool:
    """Whether an HTML rule after the model may add a block (`between_members`,
    `list_mates`, `own_members`): words, under `links` of its text in links, no label
    the rules never add (`_NEVER_ADDED`), and with `once`, shown once on the page (a
    block said twice is a disclosure or a card's line). One test for the three, so
    that what none of them may take is said in one place."""
    if b.label in _NEVER_ADDED or b.features.words < 1 or (once and b.features.repeats > 1):
        return False
    return b.dom is None or b.dom.link_density < links


def _name(label: Label | None) -> str:
    return _NAMES[label] if label is not None else "unlabelled"


# Each label's value: `Label.value` is an enum property, which runs interpreted code.
_NAMES: Final = {label: label.value for label in LABELS}
