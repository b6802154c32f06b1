"""Hugging Face `datasets`: clean a column of pages with `Dataset.map`.

    from boilerstrip.integrations.hf import clean_dataset
    cleaned = clean_dataset(dataset, column="html", url_column="url", num_proc=8)
    kept = cleaned.filter(lambda row: row["status"] == "ok")

Why a picklable callable rather than a lambda: `map(num_proc=N)` ships the function to
worker processes, and each builds its Cleaner once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..api import Cleaner
from ..batch.rows import clean_fields
from ..config import Config
from . import COLUMNS, row

if TYPE_CHECKING:
    from datasets import Dataset


class PageCleaner:
    """A batched map function: adds the columns of `integrations.COLUMNS` to a batch,
    one row per input row (a bad page gets status "error" and its reason)."""

    def __init__(
        self,
        column: str = "html",
        *,
        url_column: str | None = None,
        config: Config | None = None,
        include_comments: bool = False,
        timeout: float | None = None,
    ) -> None:
        self.column, self.url_column = column, url_column
        self.cleaner = Cleaner(config)
        self.include_comments, self.timeout = include_comments, timeout

    def __call__(self, batch: dict[str, list[Any]]) -> dict[str, list[Any]]:
        pages = batch[self.column]
        urls = batch[self.url_column] if self.url_column else [None] * len(pages)
        rows = [self.clean_one(page, url) for page, url in zip(pages, urls, strict=True)]
        return {name: [r[name] for r in rows] for name in (rows[0] if rows else {})}

    def clean_one(self, page: Any, url: Any) -> dict[str, Any]:
        """The adapter columns of one page (status "error" and a reason where it fails)."""
        fields = clean_fields(self.cleaner, page, url, comments=self.include_comments, timeout=self.timeout)
        return row(fields, self.include_comments)


def clean_dataset(
    dataset: Dataset,
    column: str = "html",
    *,
    url_column: str | None = None,
    config: Config | None = None,
    include_comments: bool = False,
    num_proc: int | None = None,
    batch_size: int = 64,
) -> Dataset:
    """The dataset with boilerstrip's columns added (same rows, same order). Pages may
    be HTML or text dumps, str or bytes; `num_proc` cleans on that many processes."""
    fn = PageCleaner(column, url_column=url_column, config=config, include_comments=include_comments)
    features = dataset.features.copy()
    features.update(_features(include_comments))
    return dataset.map(
        fn, batched=True, batch_size=batch_size, num_proc=num_proc, features=features, desc="boilerstrip"
    )


def _features(include_comments: bool) -> dict[str, Any]:
    """Column types given up front: a batch whose dates are all None must not fix the
    column's type as null for the rest."""
    from datasets import List, Value

    string = Value("string")
    types: dict[str, Any] = {name: string for name in COLUMNS}
    types["authors"] = List(string)
    if include_comments:
        types["comments"] = List({"quote": string, "text": string, "votes": string, "author": string})
    return types
