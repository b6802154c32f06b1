"""Dask: clean a bag of pages or a dataframe column, on one machine or a cluster.

    import dask.bag as db
    from boilerstrip.integrations.dask import clean_bag, clean_dataframe
    rows = clean_bag(db.from_sequence(pages, npartitions=64)).compute()
    cleaned = clean_dataframe(ddf, column="html", url_column="url")

Why partitions: each partition builds one Cleaner (cheap, stateless between pages) and
cleans its pages in a loop, so nothing per page crosses the network but the page and
its row. No time limit here: Dask runs tasks in threads, where SIGALRM cannot reach.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..api import Cleaner
from ..batch.rows import clean_fields
from ..config import Config
from . import COLUMNS, row

if TYPE_CHECKING:
    import dask.bag
    import dask.dataframe
    import pandas


def clean_bag(
    bag: dask.bag.Bag, *, config: Config | None = None, include_comments: bool = False
) -> dask.bag.Bag:
    """A bag of rows (dicts of `integrations.COLUMNS`), one per page, in order. An item
    is a page (str or bytes) or a dict with "page" and optionally "url"."""
    cleaned: dask.bag.Bag = bag.map_partitions(_clean_items, config, include_comments)  # type: ignore[no-untyped-call]
    return cleaned


def _clean_items(items: Iterable[Any], config: Config | None, comments: bool) -> list[dict[str, Any]]:
    cleaner = Cleaner(config)
    out = []
    for item in items:
        page, url = (item.get("page"), item.get("url")) if isinstance(item, dict) else (item, None)
        out.append(row(clean_fields(cleaner, page, url, comments=comments), comments))
    return out


def clean_dataframe(
    df: dask.dataframe.DataFrame,
    column: str = "html",
    *,
    url_column: str | None = None,
    config: Config | None = None,
) -> dask.dataframe.DataFrame:
    """The dataframe with boilerstrip's columns added (a "boilerstrip_" prefix where a
    name is taken), partition by partition."""
    import pandas as pd

    names = _column_names(list(df.columns))
    meta = df._meta.assign(**{names[c]: pd.Series(dtype="object") for c in COLUMNS})
    cleaned: dask.dataframe.DataFrame = df.map_partitions(  # type: ignore[no-untyped-call]
        _clean_frame, column, url_column, config, names, meta=meta
    )
    return cleaned


def _column_names(taken: list[str]) -> dict[str, str]:
    return {c: f"boilerstrip_{c}" if c in taken else c for c in COLUMNS}


def _clean_frame(
    part: pandas.DataFrame, column: str, url_column: str | None, config: Config | None, names: dict[str, str]
) -> pandas.DataFrame:
    import pandas as pd

    cleaner = Cleaner(config)
    urls = part[url_column] if url_column else [None] * len(part)
    rows = [row(clean_fields(cleaner, p, u), False) for p, u in zip(part[column], urls, strict=True)]
    # object columns: a missing date stays None (a string dtype would make it NaN)
    return part.assign(
        **{names[c]: pd.Series([r[c] for r in rows], index=part.index, dtype="object") for c in COLUMNS}
    )
