"""Metadata from pages of the shapes seen failing on real pages (issue 15)."""

from __future__ import annotations

import json

import pytest

import boilerstrip

_STORY = "<p>" + "The council met on Tuesday and voted on the plan for the new bridge. " * 6 + "</p>"


def _page(head: str) -> str:
    return f"<html><head><title>Bridge vote</title>{head}</head><body><article><h1>Bridge vote</h1>{_STORY}</article></body></html>"


@pytest.mark.parametrize(
    "head",
    [
        '<script type="application/ld+json">'
        + json.dumps(
            {"@type": "NewsArticle", "headline": "Bridge vote", "datePublished": "2025-07-20T15:27:00+01:00"}
        )
        + "</script>",
        '<meta property="article:published_time" content="2025-07-20T15:27:00Z">',
    ],
    ids=["json-ld", "meta"],
)
def test_an_iso_date_with_its_time_is_read(head: str) -> None:
    """The usual form in JSON-LD and article:published_time; it was not read at all
    (the date pattern wanted a word boundary after the day, and "T" is a letter)."""
    assert boilerstrip.clean(_page(head)).date == "2025-07-20"
