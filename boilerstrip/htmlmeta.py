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
from .meta import credit_line_wire, parse_date, person_names

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
# Where a forum or Q&A page names its poster: the thread's first post, the question.
_POSTING_TYPES: Final = frozenset("DiscussionForumPosting SocialMediaPosting Question".split())
_ORGANISATION_TYPES: Final = frozenset(
    "Organization NewsMediaOrganization Corporation LocalBusiness EducationalOrganization "
    "GovernmentOrganization NGO OnlineBusiness Brand WebSite".split()
)
# Meta tags naming the author, best first; a tag may be given once a name (citation_author).
_AUTHOR_METAS: Final = (
    "author", "article:author", "parsely-author", "sailthru.author", "cxenseparse:author",
    "dc.creator", "dcterms.creator", "citation_author", "byl",
)  # fmt: skip
# Publisher fields that name a news agency as the story's source.
_SOURCE_KEYS: Final = ("sourceOrganization", "provider", "copyrightHolder", "publisher", "creator")
_LANG: Final = re.compile(r"^([a-zA-Z]{2,3})(?:[-_].*)?$")


@dataclass(slots=True)
class HtmlMeta:
    """What the markup says about the article; None where it says nothing."""

    title: str | None = None  # the publisher's (JSON-LD headline, og:title)
    page_title: str | None = None  # the <title>, without the site's name
    date: str | None = None
    date_modified: str | None = None
    # What dates the page rather than a story (a WebPage's datePublished, else the
    # last update): the date of an article or a thread that gives no other, as
    # service and product pages give it too.
    page_date: str | None = None
    authors: list[str] = field(default_factory=list)
    # Organisations the markup gives as authors (a company signing its blog): no
    # person, so used only where neither the markup nor the text names one.
    organisations: list[str] = field(default_factory=list)
    site_name: str | None = None
    wire_service: str | None = None  # an agency named as author, publisher or source
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


def extract(markup: Markup, config: Config | None = None, page_title: str | None = None) -> HtmlMeta:
    """Read the metadata the walk collected (JSON-LD lives in scripts the walk drops),
    with the page's <title> as the walk read it (`page_title`). `config` gives the
    limits on JSON-LD (`max_json_ld_chars`, `max_json_ld_depth`)."""
    limits = config or Config()
    found = HtmlMeta(page_title=page_title)
    metas, every = _meta_tags(markup.metas)
    objects = _json_ld_objects(
        markup.json_ld, limits.max_json_ld_chars, limits.max_json_ld_depth, found.types
    )
    articles = [o for o in objects if _typed(o, _ARTICLE_TYPES)]
    for obj in articles:
        _from_json_ld(obj, found)
    found.og_type = metas.get("og:type")
    found.title = found.title or metas.get("og:title") or metas.get("twitter:title")
    found.wire_service = _source_agency(articles)
    if found.site_name and credit_line_wire(found.site_name) and metas.get("og:site_name"):
        found.site_name = None  # an agency published the story; the site is the page's own
    found.site_name = found.site_name or metas.get("og:site_name") or metas.get("application-name")
    found.section = found.section or metas.get("article:section")
    found.date = found.date or _posting_date(objects) or _meta_date(metas)
    if found.date is None:
        found.date = next((d for d in map(parse_date, markup.time_stamps) if d), None)
    if found.date_modified is None:
        found.date_modified = next((d for d in map(parse_date, _modified_metas(metas)) if d), None)
    found.page_date = _page_date(objects) or found.date_modified
    _authors(found, objects, articles, metas, every)
    # Only a web address: the page's markup may name anything (javascript:, data:).
    found.canonical_url = web_url(markup.canonical) or web_url(metas.get("og:url"))
    found.language = _language(markup.root_langs, metas)
    return found


def _meta_date(metas: dict[str, str]) -> str | None:
    """The publication date of the meta tags: the first of the usual names, else the
    earliest of the tags whose own name says they date the publication (`published`,
    `w-published-date`, `citation_publication_date`); a republished page may add a
    later one beside its first."""
    found = next((d for d in (parse_date(metas[k]) for k in _DATE_METAS if k in metas) if d), None)
    if found:
        return found
    loose = [d for k, v in metas.items() if _PUBLISHED_KEY.search(k) and (d := parse_date(v))]
    return min(loose) if loose else None


# A meta name that says it dates the publication; not `article:publisher`.
_PUBLISHED_KEY: Final = re.compile(
    r"(?:^|[^a-z])(?:published|publication|publish|pub)(?:[-_.: ]?(?:date|time))?$"
)


def _posting_date(objects: list[dict[str, Any]]) -> str | None:
    """When a forum post or question was posted, from its JSON-LD (a thread's page
    has no article object)."""
    postings = [p for o in objects for p in _with_main_entity(o) if _typed(p, _POSTING_TYPES)]
    return _first_date(postings, ("datePublished", "dateCreated"))


def _page_date(objects: list[dict[str, Any]]) -> str | None:
    """When the JSON-LD web page object says the page was published: what a page with
    no article object, such as a guide or a service page, gives."""
    return _first_date([o for o in objects if _typed(o, _WEB_PAGE_TYPES)], ("datePublished",))


_WEB_PAGE_TYPES: Final = frozenset("WebPage ItemPage FAQPage AboutPage MedicalWebPage".split())


def _first_date(objects: list[dict[str, Any]], keys: tuple[str, ...]) -> str | None:
    for obj in objects:
        for key in keys:
            value = obj.get(key)
            if isinstance(value, str) and (date := parse_date(value)):
                return date
    return None


def _modified_metas(metas: dict[str, str]) -> list[str]:
    keys = ("article:modified_time", "og:updated_time", "datemodified", "dcterms.modified", "last-modified")
    return [metas[k] for k in keys if k in metas]


def _authors(
    found: HtmlMeta,
    objects: list[dict[str, Any]],
    articles: list[dict[str, Any]],
    metas: dict[str, str],
    every: dict[str, list[str]],
) -> None:
    """The people the markup names as authors, best source first: the article's JSON-LD,
    a forum post's or question's, then the meta tags. An agency among them goes to
    `wire_service`; an organisation is set apart (`HtmlMeta.organisations`)."""
    by_id = {o["@id"]: o for o in objects if isinstance(o.get("@id"), str) and len(o) > 2}
    postings = [p for o in objects for p in _with_main_entity(o) if _typed(p, _POSTING_TYPES)]
    sources = [_names(o.get("author"), by_id, found.organisations) for o in (*articles, *postings)]
    sources += [_meta_names(k, every.get(k, []), metas) for k in _AUTHOR_KEYS]
    for source in sources:
        names, agency = person_names(source)
        found.wire_service = found.wire_service or agency
        if names:
            found.authors = names
            return


def _meta_names(key: str, values: list[str], metas: dict[str, str]) -> list[str]:
    """Author names from one meta tag: every value of a repeated tag, a citation's
    "Doe, Jane" turned round, no profile link; twitter:data1 only where its label says
    it names the author (as SEO plugins write it)."""
    if key == "twitter:data1":
        return values[:1] if metas.get("twitter:label1", "").casefold() in _AUTHOR_LABELS else []
    names = [v for v in values if not v.startswith(("http:", "https:", "/"))]
    if key.startswith("citation_"):
        names = [" ".join(reversed(n.split(",", 1))).strip() if n.count(",") == 1 else n for n in names]
    return names


_AUTHOR_LABELS: Final = ("written by", "author", "by")


def _meta_tags(pairs: list[tuple[str | None, str | None]]) -> tuple[dict[str, str], dict[str, list[str]]]:
    """First content of each meta name/property/itemprop, names lower-cased; and every
    content of the tags that may name authors (a tag may come once a name)."""
    out: dict[str, str] = {}
    every: dict[str, list[str]] = {}
    for key, content in pairs:
        if key and content and content.strip():
            name = key.strip().lower()
            value = content if name in _URL_METAS else " ".join(content.split())
            out.setdefault(name, value)
            if name in _AUTHOR_KEYS:
                every.setdefault(name, []).append(value)
    return out, every


_AUTHOR_KEYS: Final = (*_AUTHOR_METAS, "twitter:data1")
# Read as they are: a line end inside an address is dropped (`web_url`), not a space.
_URL_METAS: Final = ("og:url",)


def web_url(value: str | None) -> str | None:
    """`value` as an absolute http(s) URL with a host, else None (a javascript: or data:
    URL, a relative path, a host with a space or a control character in it, a port that
    is no number). Read as a browser reads an address: control characters and spaces
    around it dropped, tabs and line ends inside dropped, the scheme in lower case, and
    any control character or space left after the host percent-encoded. Why: `urlsplit`
    strips leading control characters itself, so " \x01http://a/" passed its scheme
    test and came out as the page's url, control character and all."""
    url = _URL_TAB_OR_NEWLINE.sub("", _URL_EDGES.sub("", value or ""))
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is no number
    except ValueError:  # that, or a malformed IPv6 host
        return None
    scheme = parts.scheme.lower()
    if scheme not in _WEB_SCHEMES or url[: len(scheme)].lower() != scheme:
        return None
    if not parts.hostname or _URL_CONTROL.search(parts.netloc):
        return None
    return _URL_CONTROL.sub(_percent_encoded, scheme + url[len(scheme) :])


def _percent_encoded(m: re.Match[str]) -> str:
    """The matched character as a browser writes it in an address (" " is "%20")."""
    return f"%{ord(m.group()):02X}"


_WEB_SCHEMES: Final = ("http", "https")
_URL_EDGES: Final = re.compile(r"^[\x00-\x20]+|[\x00-\x20]+$")  # C0 controls and spaces, as a browser
_URL_TAB_OR_NEWLINE: Final = re.compile(r"[\t\n\r]")
_URL_CONTROL: Final = re.compile(r"[\x00-\x20\x7f]")


def _typed(obj: dict[str, Any], wanted: frozenset[str]) -> bool:
    types = obj.get("@type")
    return any(isinstance(t, str) and t in wanted for t in (types if isinstance(types, list) else [types]))


def _with_main_entity(obj: dict[str, Any]) -> list[dict[str, Any]]:
    """The object and what it says the page is about (a QAPage's Question)."""
    main = obj.get("mainEntity")
    items = main if isinstance(main, list) else [main]
    return [obj, *(m for m in items if isinstance(m, dict))]


def _json_ld_objects(
    scripts: list[str], max_chars: int, max_depth: int, types_seen: list[str]
) -> list[dict[str, Any]]:
    """The JSON-LD objects, @graph and lists flattened; every @type met is added to
    `types_seen` (once, in order). A script over the limits (longer than `max_chars`,
    nested deeper than `max_depth`) is skipped, as one that is not JSON is: the JSON
    parser recurses once a level. Raw control characters inside strings (a line break
    in a description, common in hand-written JSON-LD) are read, as browsers read them."""
    objects: list[dict[str, Any]] = []
    for raw in scripts:
        if len(raw) > max_chars or _nested_deeper(raw, max_depth):
            continue
        try:
            data = json.loads(raw, strict=False)
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
                for t in types if isinstance(types, list) else [types]:
                    if isinstance(t, str) and t not in types_seen:
                        types_seen.append(t)
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
    modified = obj.get("dateModified")
    if isinstance(modified, str) and found.date_modified is None:
        found.date_modified = parse_date(modified)
    publisher = obj.get("publisher")
    if isinstance(publisher, dict) and isinstance(publisher.get("name"), str) and not found.site_name:
        found.site_name = publisher["name"]
    section = obj.get("articleSection")
    if isinstance(section, list):
        section = section[0] if section else None
    if isinstance(section, str) and not found.section:
        found.section = section


def _source_agency(articles: list[dict[str, Any]]) -> str | None:
    """A news agency the article's JSON-LD names as its source or publisher."""
    for obj in articles:
        for key in _SOURCE_KEYS:
            value = obj.get(key)
            for item in value if isinstance(value, list) else [value]:
                name = item.get("name") if isinstance(item, dict) else item
                if isinstance(name, str) and (agency := credit_line_wire(name)):
                    return agency
    return None


def _names(value: Any, by_id: dict[str, dict[str, Any]], organisations: list[str]) -> list[str]:
    """Names of JSON-LD authors: strings, or persons given whole or by @id. An
    organisation goes to `organisations`, unless it is a news agency (`person_names`
    sets that apart as the wire service)."""
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        if isinstance(item, dict) and "name" not in item and isinstance(item.get("@id"), str):
            item = by_id.get(item["@id"], item)
        name = item.get("name") if isinstance(item, dict) else item
        if not isinstance(name, str) or not name.strip() or name.startswith("http"):
            continue
        name = " ".join(name.split())
        if isinstance(item, dict) and _typed(item, _ORGANISATION_TYPES) and not credit_line_wire(name):
            organisations.append(name)
        else:
            names.append(name)
    return list(dict.fromkeys(names))


def _language(root_langs: tuple[str | None, ...], metas: dict[str, str]) -> str | None:
    for value in (*root_langs, metas.get("og:locale"), metas.get("content-language"), metas.get("language")):
        m = _LANG.match(value.strip()) if value else None
        if m:
            return m.group(1).lower()
    return None
