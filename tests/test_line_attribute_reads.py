"""The C loops over a dump's lines (`_text.line_columns`, `_text.line_blocks`) read each
line's attributes by the getter the generic lookup would call, found once a call
(_text_attrs.h): on lines of other types than `Block`, on a list that mixes them, and
on a class changed between two calls, they read what `getattr` reads, to the bit."""

from __future__ import annotations

from typing import Any

import boilerstrip
from boilerstrip.detect import scorer
from boilerstrip.learned import columns, linerows, marks
from boilerstrip.model import Block
from boilerstrip.reduce import block_weights

from .conftest import FIXTURES, needs_c


class _Features:
    """A line's features as plain attributes (an instance dict, no getset descriptor)."""

    def __init__(self, f: Any) -> None:
        for name in ("chars", "words", "cues", "stop_density", "ends_sentence", "repeats", "group"):
            setattr(self, name, getattr(f, name))


class _Line:
    """A `Block` look-alike: what the loops read, as plain attributes."""

    def __init__(self, b: Block) -> None:
        self.text, self.label, self.score = b.text, b.label, b.score
        self.features = _Features(b.features)


class _SlottedLine:
    """The same by `__slots__` (member descriptors, read by the generic lookup)."""

    __slots__ = ("text", "label", "score", "features")

    def __init__(self, b: Block) -> None:
        self.text, self.label, self.score = b.text, b.label, b.score
        self.features = _Features(b.features)


def _bits(made: Any) -> Any:
    """Every float of the loops' output as its bits; bytes and other values as they are."""
    if isinstance(made, float):
        return made.hex()
    if isinstance(made, (bytes, str, int)):
        return made
    return [_bits(v) for v in made]


def _pages() -> list[list[Block]]:
    return [
        boilerstrip.clean(c.read_text(encoding="utf-8")).blocks
        for c in sorted((FIXTURES / "text").glob("*.txt"))[:8]
    ]


def test_the_line_loops_read_any_line_type_as_getattr_does() -> None:
    """Lines of `Block`, of a plain class, of a slotted class and of all three mixed
    give the same columns: the reader looks the getter up again whenever the type
    changes from one line to the next, and reads by `getattr` where it is no getset."""
    needs_c(linerows._C_LINE_COLUMNS, "the C line columns")
    needs_c(linerows._C_LINE_BLOCKS, "the C line blocks")
    line_columns, line_blocks = linerows._C_LINE_COLUMNS, linerows._C_LINE_BLOCKS
    assert line_columns is not None and line_blocks is not None
    cfg = boilerstrip.Config()
    for blocks in _pages():
        made = marks.page_marks(blocks)
        expected = linerows._line_columns_in_python(blocks, made, None)
        weights = block_weights(blocks, cfg)
        typical = scorer.page_context(blocks)[1]
        expected_blocks = linerows._block_columns_in_python(blocks, weights, typical, cfg.near_min_words)
        kinds = (lambda b: b, _Line, _SlottedLine)
        for lines in (
            [_Line(b) for b in blocks],
            [_SlottedLine(b) for b in blocks],
            [kinds[i % 3](b) for i, b in enumerate(blocks)],
            [kinds[(i // 4) % 3](b) for i, b in enumerate(blocks)],
        ):
            got = line_columns(lines, made, columns.MISSING, 0, len(lines))
            assert _bits(got) == _bits(expected)
            got_blocks = line_blocks(
                lines, weights, columns.LABEL_INDEX, boilerstrip.Label.ARTICLE, typical,
                cfg.near_min_words, len(boilerstrip.Label), columns.MISSING,
            )  # fmt: skip
            assert _bits(got_blocks) == _bits(expected_blocks)


def test_a_class_changed_between_calls_is_read_as_changed() -> None:
    """A line class whose attribute becomes a property between two calls is read
    through the property on the second: nothing is remembered across calls, and within
    one the type's version says when it changed."""
    needs_c(linerows._C_LINE_COLUMNS, "the C line columns")
    line_columns = linerows._C_LINE_COLUMNS
    assert line_columns is not None
    blocks = _pages()[0]
    made = marks.page_marks(blocks)

    class Line(_Line):
        pass

    lines = [Line(b) for b in blocks]
    first = line_columns(lines, made, columns.MISSING, 0, len(lines))
    assert _bits(first) == _bits(linerows._line_columns_in_python(blocks, made, None))
    Line.text = property(lambda self: "X")  # type: ignore[assignment]
    second = line_columns(lines, made, columns.MISSING, 0, len(lines))
    assert list(second[6]) == [0.0] * len(lines)  # no line ends with a colon now
    assert list(second[5]) == [0.0] * len(lines)  # every line starts with a letter
