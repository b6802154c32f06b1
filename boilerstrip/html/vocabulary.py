"""The words both walks read the page by: tag kinds, roles, containers, class/id hints,
and the elements whose body is raw text.

Why one module: the walk runs in C over lxml's tree (`_walk.c`) and in Python as lxml's
parser target (`events.py`), and the two must give the same blocks on every page. Each
used to keep its own copy of these tables, agreeing by hand; now the Python walk reads
them here and the C walk is handed them once, at start-up (`tree.py`), and builds its
lookup tables from what it is handed. White space needs no table: both read it as
Python's `str.split` does (the C walk asks CPython's own `Py_UNICODE_ISSPACE`).
"""

from __future__ import annotations

import re
from typing import Final

# Removed with their content before the walk: never visible article text.
DROP_TAGS: Final = frozenset((
    "script", "style", "noscript", "template", "svg", "iframe", "canvas", "object", "embed",
    "select", "option", "textarea", "button", "input", "head", "math", "map", "audio", "video",
    # libxml2 reads a <noframes> as raw text (as HTML5 does): its markup would be a block
    # of tags; `repair.reveal` reads it as markup on a page that shows nothing else.
    "noframes",
))  # fmt: skip
# Elements whose body libxml2 2.14 reads as text up to their end tag, as HTML5 does
# (a plaintext's: to the end of the page). The scans of the raw page before libxml2
# reads it (`lean`; `_walk.lean` and `_walk.most_attributes`) skip their bodies unread.
RAW_TEXT_TAGS: Final = (
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext",
)  # fmt: skip
# SVG and MathML: their <title> names a drawing, not the page (a browser's document
# title is the first <title> of HTML's own).
FOREIGN_TAGS: Final = frozenset(("svg", "math"))
# Elements that start a block of their own.
BLOCK_TAGS: Final = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li dt dd blockquote pre td th tr figcaption caption article section "
    "header footer nav aside main ul ol dl table address summary details hr title form fieldset "
    "legend center body".split()
)
# A navigation element holding one of these is a mislabelled wrapper, walked as any.
PROSE_TAGS: Final = frozenset(("p", "h1", "article", "main"))
# The semantic containers a block records around it (`Dom.containers`), in the order of
# the C walk's bits.
CONTAINER_TAGS: Final = (
    "nav", "header", "footer", "aside", "form", "article", "main", "figure", "figcaption",
    "li", "table", "blockquote", "pre", "ul", "ol", "dl",
)  # fmt: skip
CONTAINER_SET: Final = frozenset(CONTAINER_TAGS)
# What the walk reads for `htmlmeta` (the page's <title>, meta tags, JSON-LD, <time>,
# canonical link).
OBSERVED_TAGS: Final = frozenset({"title", "script", "meta", "time", "link"})
# The first <time> stamps the walk keeps: a date is in the first few, or none.
MAX_TIME_STAMPS: Final = 3

# Roles that name a container, as its element would.
ROLE_CONTAINERS: Final = {
    "banner": "header",
    "complementary": "aside",
    "main": "main",
    "article": "article",
    "search": "form",
    "dialog": "aside",
    "alert": "aside",
}
# Boilerplate roles are hints, like class names: authors misuse them too, and a hint on
# an element holding much of the page's text is set aside (`hints.settle_hints`). Each
# gives its hint and the word it is known by.
ROLE_HINTS: Final = {
    role: (hint, f"role={role}")
    for role, hint in {"navigation": "nav", "menu": "nav", "menubar": "nav", "contentinfo": "footer"}.items()
}
NAV_ROLES: Final = frozenset(role for role, (hint, _) in ROLE_HINTS.items() if hint == "nav")
# Roles of an element that holds the page's content while it is hidden: a tab panel not
# chosen yet, an accordion's folded section (the ARIA patterns). A browser shows them at
# a click, without a new page, and on documentation, service and product pages they hold
# what the page is about (code in one language a tab, the answers of an FAQ), so the walk
# reads them as shown, outside the chrome (`CHROME_CONTAINERS`: a mega menu's panels).
# Measured on WCXB (2026-12-07): held-out domains 0.8654 -> 0.8683 (9 pages up, 3 down),
# tuning ones 0.8854 -> 0.8860; no Scrapinghub or multilingual page changed. Other
# hidden elements (menus, dialogs, templates) stay dropped.
SHOWN_ROLES: Final = frozenset({"tabpanel", "region"})
# A disclosure: a button that says whether it is expanded (`aria-expanded`) and names
# what it shows (`aria-controls`): an FAQ's answer, a product's details. The elements it
# names are read as shown too, unless their role is a menu's, a dialog's or the like
# (`NEVER_SHOWN_ROLES`), and unless the button is in the page's chrome
# (`CHROME_CONTAINERS`: a menu's toggle, a government banner's "Here's how you know").
# WCXB (2026-12-07): held-out domains 0.8683 -> 0.8709 (13 pages of 4 domains up, 1
# down), tuning ones 0.8860 -> 0.8862, by fold models 0.8660 -> 0.8663.
NEVER_SHOWN_ROLES: Final = frozenset(
    {"menu", "menubar", "dialog", "alertdialog", "listbox", "tooltip", "navigation", "search"}
)
CHROME_CONTAINERS: Final = frozenset({"nav", "header", "footer"})
# The most ids the disclosure buttons of a page name that the walk keeps (an FAQ names
# tens): a button naming a million would cost a million strings.
MAX_DISCLOSED: Final = 1024

# Class and id names that say what a container holds. Article containers must be named
# in full ("article-body"; "story-card" is a teaser); boilerplate words count as any
# part of a name ("main-nav", "related_posts") but one after a state word
# (`STATE_WORDS`: "has-comments"). The nearest hinted ancestor decides.
CONTENT_HINT: Final = "content"
CONTENT_NAMES: Final = frozenset(
    "article articlebody article-body article-content article-text articletext article-main "
    "article-detail articledetail article-entry article-copy article-body-text articlecontent "
    "story-body storybody story-content story-text storytext entry-content entry-body "
    "post-content post-body postbody post-entry post-text postcontent single-post-content "
    "content-body body-text text-content richtext rich-text news-body news-content news-text "
    "news-article detail-content detail-body main-text maintext article-page-body "
    "td-post-content field-body field-item body-copy bodytext text-body article-wrapper".split()
)
BOILERPLATE_WORDS: Final[dict[str, str]] = {}
for _hint, _words in {
    "nav": "nav navbar navigation menu menubar mainmenu topnav subnav breadcrumb breadcrumbs "
    "masthead skip skiplink pagination pager tabs toolbar",
    "footer": "footer foot colophon copyright legal",
    "comment": "comment comments commentlist disqus respond discussion replies",
    "related": "related recommended recommendations morestories readmore trending popular "
    "mostpopular mostread outbrain taboola teaser teasers sidebar aside rail widget widgets",
    "social": "share shares sharing social sharebar sharethis addthis",
    "ad": "ad ads advert adverts advertisement advertising sponsor sponsored promo promotion "
    "promoted dfp adslot commercial",
    "prompt": "newsletter subscribe subscription signup cookie cookies consent gdpr paywall modal "
    "popup overlay login register",
}.items():
    for _word in _words.split():
        BOILERPLATE_WORDS[_word] = _hint
# Words that name what an element holds only where no word of BOILERPLATE_WORDS is in
# its names: a shop's customer reviews ("product-reviews", "yotpo-review"), where a
# "reviews-filter-menu" stays a menu and a "reviews-widget" a sidebar's box. The hint
# they give is no hint to the blocks' own (`hints.settle_hints` passes it by); it says
# that the blocks are inside a review (`Dom.review`), which a shop's page keeps
# apart from its content (`reduce.controls.drop_reviews`).
REVIEW_HINT: Final = "review"
REVIEW_WORDS: Final[dict[str, str]] = {"review": REVIEW_HINT, "reviews": REVIEW_HINT}
# An embedded post ("social-media-embed", "embed-twitter") is quoted content, not a
# share bar: its other class words do not make it boilerplate.
EMBED_WORDS: Final = frozenset({"embed", "embedded"})
# Words that make the rest of a name say what the element has or lacks, not what it is:
# a story's <article class="post has-comments">, a <body class="no-sidebar">, a
# "with-footer-cta" layout. A boilerplate word after one of them in a name is no hint.
STATE_WORDS: Final = frozenset({"has", "no", "with", "without"})


def class_hint(names: str) -> tuple[str, str]:
    """(hint, name) for a class/id string: content names first, then boilerplate words,
    then a review's words (`REVIEW_WORDS`)."""
    low = names.lower().replace("_", "-")
    split = low.split()
    for name in split:
        if name in CONTENT_NAMES or ("--" in name and name.replace("--", "-") in CONTENT_NAMES):
            return CONTENT_HINT, name
    if "embed" in low and not EMBED_WORDS.isdisjoint(low.replace("-", " ").split()):
        return "", ""
    return _word_hint(split, BOILERPLATE_WORDS) or _word_hint(split, REVIEW_WORDS) or ("", "")


def _word_hint(split: list[str], words: dict[str, str]) -> tuple[str, str] | None:
    """(hint, name) of the first part of a name in `words`, a name read up to a state
    word ("has-comments"); None if none is."""
    for name in split:
        for part in name.split("-"):
            if part in STATE_WORDS:
                break  # the rest of the name says what the element holds
            hint = words.get(part)
            if hint:
                return hint, name
    return None


def name_words(name: str) -> frozenset[str]:
    """The words of a class or id name, as `class_hint` reads them ("product_tabs-panel":
    product, tabs, panel): the reducer asks which words a hint's name (`Dom.hint_token`)
    holds besides the one that gave the hint."""
    return frozenset(name.lower().replace("_", "-").split("-"))


# An inline style that hides its element.
HIDDEN_STYLE: Final = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
