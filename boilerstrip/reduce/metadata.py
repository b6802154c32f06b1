"""The page's metadata settled: what its text says (found by `meta` around the
article) merged with what its markup says (`htmlmeta.HtmlMeta`), dates last.

Why here, after the article is chosen: the text's title, dates and authors are read
around the article, and whether the markup's date is believed depends on the dates
the page shows. Publisher markup (JSON-LD, OpenGraph) wins over what the text
suggests; the language detected from the text wins over a declared one (often a
template's).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from ..htmlmeta import HtmlMeta
from ..meta import settle_dates, shows_date
from ..meta.titles import markup_title, site_names, site_title
from ..model import Block


class PageMeta(NamedTuple):
    """The metadata fields of a Result that the text and the markup may both give."""

    title: str | None
    date: str | None
    date_modified: str | None
    section: str | None
    authors: list[str]
    site_name: str | None
    wire_service: str | None
    url: str | None
    language: str | None


def settle(
    found: PageMeta,
    markup: HtmlMeta | None,
    blocks: Sequence[Block],
    page_type: str,
    page_date_types: tuple[str, ...],
    headline: str | None = None,
) -> PageMeta:
    """The text's metadata (`found`) with the markup's merged in, where the page has
    markup, and its dates settled against the address (`meta.settle_dates`).
    `headline`: the headline found above the article where it is the page's <h1>."""
    merged = (
        found if markup is None else _with_markup(found, markup, blocks, page_type, page_date_types, headline)
    )
    date, modified = settle_dates(merged.url, merged.date, merged.date_modified)
    return merged._replace(date=date, date_modified=modified)


def _with_markup(
    found: PageMeta,
    markup: HtmlMeta,
    blocks: Sequence[Block],
    page_type: str,
    page_date_types: tuple[str, ...],
    headline: str | None,
) -> PageMeta:
    """Publisher markup wins over the text, but for the title, the language, the wire
    service and the address given."""
    date = _publication(found.date, markup, blocks)
    return PageMeta(
        title=_title(found, markup, headline),
        date=date or _page_date(markup, page_type, page_date_types),
        date_modified=markup.date_modified or found.date_modified,
        section=markup.section or found.section,
        authors=markup.authors or found.authors or markup.organisations,
        site_name=markup.site_name or found.site_name,
        wire_service=found.wire_service or markup.wire_service,
        url=found.url or markup.canonical_url,
        language=found.language or markup.language,
    )


def _title(found: PageMeta, markup: HtmlMeta, headline: str | None) -> str | None:
    """The page's <h1> headline above the article, as a reader sees it (unless it only
    names the site: a logo); else the publisher's title (JSON-LD, OpenGraph) or the
    <title>, with the site's name cut off and entity references decoded
    (`meta.titles.markup_title`). The publisher's
    title is often the one written for search engines ("Best Movers 2026 | Top 19
    Companies"), the <h1> the one on the page. On WCXB's tuning pages, 54.3% -> 75.5%
    of titles right (held-out 52.4% -> 78.6%)."""
    names = site_names(markup.site_name, found.url or markup.canonical_url)
    if headline and not site_title(headline, names):
        return " ".join(headline.split())
    return markup_title(markup.title or _headline(found.title, markup.page_title), names)


def _headline(found: str | None, page_title: str | None) -> str | None:
    """The headline found in the page when the <title> agrees with it (shortened or
    lengthened), else the <title>: a heading that shares nothing with it is a guess."""
    if found and page_title:
        a, b = " ".join(found.split()).casefold(), " ".join(page_title.split()).casefold()
        return found if a in b or b in a else page_title
    return page_title or found


def _publication(shown: str | None, markup: HtmlMeta, blocks: Sequence[Block]) -> str | None:
    """The markup's publication date, unless the page's date line shows an earlier one
    (`shown`) and the markup's is nowhere on the page: a story moved to a new site or
    template keeps its first date on show, while the markup dates the move."""
    marked = markup.date
    if marked and shown and shown < marked and not shows_date(blocks, marked):
        return shown
    return marked or shown


def _page_date(markup: HtmlMeta, page_type: str, types: tuple[str, ...]) -> str | None:
    """The markup's date of the page as a whole (`HtmlMeta.page_date`: its web page
    object's, else its last update) for a story or a thread (`types`) that gives no
    other: its first version is no later, and that is all the page says of its age. A
    product or service page has no publication date to give."""
    return markup.page_date if page_type in types else None
