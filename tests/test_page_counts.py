"""A text dump's page statistics read its blocks' counts once (`pagestats.page_counts`,
made in `api` and handed to its type and to the keep model's profile), and only the
label groups' words at each reading, as the reducer relabels blocks in between: the
counts are those a pass over the blocks gives, the label groups' words those of every
block, and the features the same whether the counts are handed down or made anew."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

import boilerstrip
from boilerstrip.learned import marks, pagestats, pagetype
from boilerstrip.model import LABELS, Block, Features, Label

from .conftest import FIXTURES

_labels = st.sampled_from((None, *LABELS))
_blocks = st.lists(st.tuples(st.integers(0, 200), _labels, st.booleans(), st.integers(0, 3)), max_size=60)


def _made(rows: list[tuple[int, Label | None, bool, int]]) -> list[Block]:
    return [
        Block(f"line {i}", i, i + 1, Features(words=w, ends_sentence=e, repeats=r), label)
        for i, (w, label, e, r) in enumerate(rows)
    ]


@settings(max_examples=1500, deadline=None)
@given(_blocks)
def test_the_counts_and_label_words_are_those_of_every_block(
    rows: list[tuple[int, Label | None, bool, int]],
) -> None:
    blocks = _made(rows)
    made = [(i % 2, int(i % 3 == 0), int(i % 5 == 0)) for i in range(len(blocks))]
    counts = pagestats.page_counts(blocks, made)
    words = [b.features.words for b in blocks]
    assert counts.blocks == len(blocks) and counts.words == sum(words)
    assert counts.middle == (sorted(words)[len(words) // 2] if words else 0)
    assert counts.long_blocks == sum(1 for w in words if w >= pagestats._LONG_BLOCK)
    assert counts.long_words == sum(w for w in words if w >= pagestats._LONG_BLOCK)
    assert counts.top == max(words, default=0)
    assert counts.ends == sum(1 for b in blocks if b.features.ends_sentence)
    assert counts.repeated == sum(1 for b in blocks if b.features.repeats > 1)
    assert (counts.prices, counts.code, counts.forum) == tuple(sum(m[k] for m in made) for k in range(3))
    by_group = [0] * len(pagestats._LABEL_GROUPS)
    for b in blocks:
        group = pagestats._LABEL_GROUP.get(b.label) if b.label is not None else None
        if group is not None:
            by_group[group] += b.features.words
    assert pagestats._labelled(blocks) == (by_group, [])


def test_the_features_are_the_same_with_the_counts_handed_down() -> None:
    """On every text fixture, as labelled after cleaning and relabelled at random (as
    the reducer relabels between the type and the profile): the features, the text
    features, the profile and the type are the same with the counts made once."""
    rng = random.Random(7)
    for path in sorted((FIXTURES / "text").glob("*.txt")):
        blocks = boilerstrip.clean(path.read_text(encoding="utf-8")).blocks
        made = marks.page_marks(blocks)
        counts = pagestats.page_counts(blocks, made)
        for _ in range(3):
            assert pagestats.features(blocks, (), None, None, None, made, counts) == pagestats.features(
                blocks, (), None, None
            )
            assert pagestats.text_features(blocks, None, made, counts) == pagestats.text_features(blocks)
            assert pagetype.text_profile(blocks, None, made, counts) == pagetype.text_profile(blocks)
            assert pagetype.classify_text(blocks, 1.0, None, made, counts) == pagetype.classify_text(blocks)
            for b in blocks:
                if rng.random() < 0.3:
                    b.label = rng.choice(LABELS)
