"""Metadata from an HTML page's markup: JSON-LD, OpenGraph and meta tags, <time>, the
canonical link and the language.

Why our own code rather than trafilatura's or htmldate's helpers: those parse the tree
again and try many heuristics, costing several milliseconds a page, several times what
boilerstrip spends on the whole page; publisher markup (JSON-LD, OpenGraph) is where
the reliable values are, and the walk (`html.py`) collects it as it passes: the meta
tags, JSON-LD scripts, <time> stamps, the canonical link and the root's language.
Dates found in the text (bylines, date lines) still come from `meta.py`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any, Final
from urllib.parse import urlsplit

from .config import Config
from .meta import parse_date

_ARTICLE_TYPES: Final = frozenset(
    "NewsArticle Article ReportageNewsArticle AnalysisNewsArticle OpinionNewsArticle BlogPosting "
    "Report ScholarlyArticle TechArticle LiveBlogPosting BackgroundNewsArticle".split()
)
_DATE_METAS: Final = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "dc.date.issued",
    "dc.date",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
    "article.published",
    "published_time",
    "cxenseparse:recs:publishtime",
)
_LANG: Final = re.compile(r"^([a-zA-Z]{2,3})(?:[-_].*)?$")


@dataclass(slots=True)
class HtmlMeta:
    """What the markup says about the article; None where it says nothing."""

    title: str | None = None  # the publisher's (JSON-LD headline, og:title)
    page_title: str | None = None  # the <title>, without the site's name
    date: str | None = None
    authors: list[str] = field(default_factory=list)
    site_name: str | None = None
    section: str | None = None
    canonical_url: str | None = None
    language: str | None = None
    # Every JSON-LD @type on the page (Product, QAPage, BreadcrumbList...) and the
    # og:type: what the publisher says the page is (read by `pagetype`).
    types: list[str] = field(default_factory=list)
    og_type: str | None = None


@dataclass(slots=True)
class Markup:
    """The markup the walk collects for `extract`, in document order."""

    metas: list[tuple[str | None, str | None]] = field(default_factory=list)  # (name, content)
    json_ld: list[str] = field(default_factory=list)  # texts of application/ld+json scripts
    time_stamps: list[str] = field(default_factory=list)  # datetime of the first three <time>
    canonical: str | None = None  # href of the first <link rel="canonical">
    canonical_seen: bool = False
    root_langs: tuple[str | None, ...] = ()  # the root element's lang and xml:lang


def extract(markup: Markup, config: Config | None = None) -> HtmlMeta:
    """Read the metadata the walk collected (JSON-LD lives in scripts the walk drops).
    `config` gives the limits on JSON-LD (`max_json_ld_chars`, `max_json_ld_depth`)."""
    limits = config or Config()
    found = HtmlMeta()
    metas = _meta_tags(markup.metas)
    for obj in _json_ld_articles(
        markup.json_ld, limits.max_json_ld_chars, limits.max_json_ld_depth, found.types
    ):
        _from_json_ld(obj, found)
    found.og_type = metas.get("og:type")
    found.title = found.title or metas.get("og:title") or metas.get("twitter:title")
    found.site_name = found.site_name or metas.get("og:site_name") or metas.get("application-name")
    found.section = found.section or metas.get("article:section")
    if found.date is None:
        found.date = next((d for d in (parse_date(metas[k]) for k in _DATE_METAS if k in metas) if d), None)
    if found.date is None:
        found.date = next((d for d in map(parse_date, markup.time_stamps) if d), None)
    if not found.authors:
        author = metas.get("author") or metas.get("article:author") or metas.get("dc.creator")
        if author and not author.startswith("http"):
            found.authors = [a.strip() for a in re.split(r",|\band\b", author) if a.strip()]
    # Only a web address: the page's markup may name anything (javascript:, data:).
    found.canonical_url = web_url(markup.canonical) or web_url(metas.get("og:url"))
    found.language = _language(markup.root_langs, metas)
    return found


def _meta_tags(pairs: list[tuple[str | None, str | None]]) -> dict[str, str]:
    """First content of each meta name/property/itemprop, names lower-cased."""
    out: dict[str, str] = {}
    for key, content in pairs:
        if key and content and content.strip():
            out.setdefault(key.strip().lower(), " ".join(content.split()))
    return out


def web_url(value: str | None) -> str | None:
    """`value` without surrounding white space if it is an absolute http(s) URL, else
    None (a javascript: or data: URL, a relative path, no URL at all)."""
    url = value.strip() if value else ""
    try:
        parts = urlsplit(url)
    except ValueError:  # a malformed IPv6 host
        return None
    return url if parts.scheme.lower() in _WEB_SCHEMES and parts.netloc else None


_WEB_SCHEMES: Final = ("http", "https")


def _json_ld_articles(
    scripts: list[str], max_chars: int, max_depth: int, types_seen: list[str]
) -> list[dict[str, Any]]:
    """Article-like JSON-LD objects, @graph and lists flattened; every @type met is
    added to `types_seen` (once, in order). A script over the
    limits (longer than `max_chars`, nested deeper than `max_depth`) is skipped, as
    one that is not JSON is: the JSON parser recurses once a level."""
    objects: list[dict[str, Any]] = []
    for raw in scripts:
        if len(raw) > max_chars or _nested_deeper(raw, max_depth):
            continue
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                if "@graph" in item:
                    stack.append(item["@graph"])
                types = item.get("@type")
                types = types if isinstance(types, list) else [types]
                for t in types:
                    if isinstance(t, str) and t not in types_seen:
                        types_seen.append(t)
                if any(t in _ARTICLE_TYPES for t in types if isinstance(t, str)):
                    objects.append(item)
    return objects


def _nested_deeper(raw: str, limit: int) -> bool:
    """Whether JSON text nests arrays and objects more than `limit` deep. Most scripts
    hold fewer brackets than that in all; otherwise the brackets outside strings, all
    made square (the parser recurses on either), are counted off a level at a time:
    each pass removes the innermost pairs. All at C speed."""
    if raw.count("{") + raw.count("[") <= limit:
        return False
    brackets = _NOT_BRACKET.sub("", _JSON_STRING.sub("", raw)).replace("{", "[").replace("}", "]")
    if "[" * (limit + 1) in brackets:
        return True
    for _ in range(limit):
        if not brackets:
            return False
        brackets = brackets.replace("[]", "")
    return bool(brackets)


_JSON_STRING: Final = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)
_NOT_BRACKET: Final = re.compile(r"[^\[\]{}]+")


def _from_json_ld(obj: dict[str, Any], found: HtmlMeta) -> None:
    headline = obj.get("headline") or obj.get("name")
    if isinstance(headline, str) and not found.title:
        found.title = " ".join(headline.split())
    for key in ("datePublished", "dateCreated", "dateModified"):
        value = obj.get(key)
        if isinstance(value, str) and found.date is None:
            found.date = parse_date(value)
    if not found.authors:
        found.authors = _names(obj.get("author"))
    publisher = obj.get("publisher")
    if isinstance(publisher, dict) and isinstance(publisher.get("name"), str) and not found.site_name:
        found.site_name = publisher["name"]
    section = obj.get("articleSection")
    if isinstance(section, list):
        section = section[0] if section else None
    if isinstance(section, str) and not found.section:
        found.section = section


def _names(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, str) and name.strip() and not name.startswith("http"):
            names.append(" ".join(name.split()))
    return list(dict.fromkeys(names))


def _language(root_langs: tuple[str | None, ...], metas: dict[str, str]) -> str | None:
    for value in (*root_langs, metas.get("og:locale"), metas.get("content-language"), metas.get("language")):
        m = _LANG.match(value.strip()) if value else None
        if m:
            return m.group(1).lower()
    return None
