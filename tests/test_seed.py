"""The canonical example: a Japan Today text dump carrying an AP story, field by field."""

from __future__ import annotations

import json

import pytest

import boilerstrip
from boilerstrip import Label

from .conftest import FIXTURES

EXPECTED = json.loads((FIXTURES / "seed" / "japantoday-ap-protest.expected.json").read_text(encoding="utf-8"))
FIELDS = ("text", "title", "date", "dateline", "section", "wire_service", "copyright", "site_copyright")


@pytest.mark.parametrize("field", FIELDS)
def test_seed_field(seed_text: str, field: str) -> None:
    result = boilerstrip.clean(seed_text)
    assert getattr(result, field) == EXPECTED[field]


def test_seed_comments(seed_text: str) -> None:
    result = boilerstrip.clean(seed_text, include_comments=True)
    got = [{"quote": c.quote, "text": c.text, "votes": c.votes} for c in result.comments]
    assert got == EXPECTED["comments"]
    assert len(result.comments) == EXPECTED["comment_count"]


def test_seed_comments_off_by_default(seed_text: str) -> None:
    assert boilerstrip.clean(seed_text).comments == []


def test_seed_quoted_comment_not_in_article_twice(seed_text: str) -> None:
    result = boilerstrip.clean(seed_text, include_comments=True)
    quoted = "Russian authorities labeled the group Friday as a “foreign agent,”"
    assert result.text.count(quoted) == 1
    assert "Wives of Russians" not in result.text


def test_seed_same_text_as_bytes(seed_text: str) -> None:
    assert boilerstrip.clean(seed_text.encode("utf-8")).text == EXPECTED["text"]


def test_seed_block_labels(seed_text: str) -> None:
    """The labels of the expected result's line map, where one label is named."""
    result = boilerstrip.clean(seed_text, include_comments=True)
    by_line: dict[int, set[Label]] = {}
    for b in result.blocks:
        by_line.setdefault(b.line, set()).add(b.label)  # type: ignore[arg-type]
    assert by_line[5] == {Label.TITLE}
    assert by_line[8] == {Label.DATELINE}
    assert by_line[28] == {Label.COPYRIGHT}
    assert by_line[30] == {Label.COPYRIGHT}
    assert all(by_line[n] == {Label.ARTICLE} for n in range(10, 27, 2))
    assert all(by_line[n] <= {Label.COMMENT} for n in range(41, 60, 2))
    assert all(by_line[n] & {Label.RELATED, Label.NAVIGATION} for n in range(74, 135, 2))
    assert Label.PROMPT in by_line[1] and Label.METADATA in by_line[1]


def test_every_dropped_block_says_why(seed_text: str) -> None:
    for b in boilerstrip.clean(seed_text).blocks:
        assert b.label is not None and b.reasons, b
