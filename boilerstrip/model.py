"""The one data type that flows through the pipeline (`Block`) and what comes out (`Result`)."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from itertools import groupby
from typing import Any, Final, NamedTuple


class Label(str, enum.Enum):
    """What a block is. Every block ends with exactly one label."""

    ARTICLE = "article"
    TITLE = "title"
    BYLINE = "byline"
    DATELINE = "dateline"
    METADATA = "metadata"
    COPYRIGHT = "copyright"
    COMMENT = "comment"
    AD = "ad"
    NAVIGATION = "navigation"
    LOGIN = "login"
    PROMPT = "prompt"
    SOCIAL = "social"
    RELATED = "related"
    FOOTER = "footer"
    OTHER = "other"


_NO_CUES: Final[frozenset[str]] = frozenset()
# Every label, in order: iterating the enum itself runs interpreted code in `enum`.
LABELS: Final[tuple[Label, ...]] = tuple(Label)


# init=False and a hand-written __init__ in the classes made for every block: mypyc
# compiles these, while a dataclass-generated __init__ stays interpreted (setup.py).
@dataclass(slots=True, init=False)
class Features:
    """Cheap numbers about a block's text, computed once by `features.compute`."""

    chars: int
    words: int  # word count; CJK text counts about two characters a word
    stop_density: float
    ends_sentence: bool
    repeats: int  # how many blocks on the page have the same text
    # Words of the boilerplate vocabulary in the block (patterns.CUE_WORDS) plus
    # pseudo-cues; None when unknown (scripts without spaces), so every rule is tried.
    cues: frozenset[str] | None
    group: int  # index of the run of lines without a blank line between them

    def __init__(
        self,
        chars: int = 0,
        words: int = 0,
        stop_density: float = 0.0,
        ends_sentence: bool = False,
        repeats: int = 1,
        cues: frozenset[str] | None = _NO_CUES,
        group: int = 0,
    ) -> None:
        self.chars = chars
        self.words = words
        self.stop_density = stop_density
        self.ends_sentence = ends_sentence
        self.repeats = repeats
        self.cues = cues
        self.group = group


CELL_TAGS: Final = ("td", "th")  # table cells: their row is kept (`Dom.row`), they may repeat


class Dom(NamedTuple):
    """Where an HTML block sits in the page (None for text dumps). A named tuple:
    immutable, and cheap to make for every block of every page."""

    tag: str  # the innermost block-level element
    depth: int
    link_density: float  # share of the text inside links
    containers: frozenset[str]  # semantic containers and ARIA roles around it (nav, article...)
    hint: str  # nearest class/id hint: content, nav, footer, comment, related, social, ad, prompt
    hint_token: str  # the class/id word that gave the hint
    heading: int  # 1-6 for h1-h6, else 0
    hint_owner: int = 0  # which element gave the hint (blocks of one comment share it)
    row: int = 0  # for a table cell, which row of the page's tables it is in
    # The <article> elements (or role=article) it is in, outermost first, by number.
    articles: tuple[int, ...] = ()


@dataclass(slots=True, init=False)
class Block:
    """A piece of the page: a line of a text dump, or a block element of HTML.

    `label` starts as None and is set by the first detector that claims the block;
    `reasons` keeps every verdict ("detector: why") so users can see why it was kept
    or dropped.
    """

    text: str
    index: int  # position among the page's blocks
    line: int  # 1-based line (text) or element order (HTML) in the source
    features: Features
    label: Label | None
    score: float
    reasons: list[str]
    tag: str  # HTML element name, "" in text mode
    dom: Dom | None  # HTML context, None in text mode

    def __init__(
        self,
        text: str,
        index: int,
        line: int,
        features: Features | None = None,
        label: Label | None = None,
        score: float = 0.0,
        reasons: list[str] | None = None,
        tag: str = "",
        dom: Dom | None = None,
    ) -> None:
        self.text = text
        self.index = index
        self.line = line
        self.features = Features() if features is None else features
        self.label = label
        self.score = score
        self.reasons = [] if reasons is None else reasons
        self.tag = tag
        self.dom = dom

    def __reduce__(self) -> tuple[type[Block], tuple[Any, ...]]:
        """Pickle by constructor (the mypyc-compiled class has no field-wise restore)."""
        fields = (self.features, self.label, self.score, self.reasons, self.tag, self.dom)
        return Block, (self.text, self.index, self.line, *fields)

    def to_dict(self) -> dict[str, Any]:
        """The block as JSON-ready fields (`clean --blocks` adds `kept`)."""
        return {
            "index": self.index,
            "line": self.line,
            "text": self.text,
            "label": self.label.value if self.label else None,
            "score": round(self.score, 3),
            "reasons": list(self.reasons),
        }


class ContentClass(enum.Enum):
    """The hand-set content class of a block (jusText's, by length and stop-word
    density), which the learned scorer reads as a feature: carried on the content
    detector's Verdicts, so that no one reads it back out of the reason's words."""

    GOOD = "good"  # long prose
    GOOD_UNFINISHED = "good_unfinished"  # long prose that stops mid-sentence
    NEAR = "near"  # medium prose
    SHORT = "short"  # a short or unfinished line
    BAD = "bad"  # little prose

    # Members are singletons compared by identity: hashed by it too, in C, where
    # Enum's own __hash__ (hashing the name) is Python called for every lookup.
    __hash__ = object.__hash__


class Verdict(NamedTuple):
    """A detector's claim about one block: its label, why, an optional score (a weight
    for the reducer) and, from the content detector, the block's content class.
    Immutable, and cheap to make by the thousand."""

    # The block's index, named as `Block.index` (it shadows tuple.index, which no one
    # calls on a Verdict).
    index: int  # type: ignore[assignment]
    label: Label
    reason: str
    score: float = 0.0
    content_class: ContentClass | None = None


# tuple.__new__ looked up once: called through a name, not as a method of `tuple`.
new_tuple: Final = tuple.__new__


def verdict(
    index: int, label: Label, reason: str, score: float = 0.0, content_class: ContentClass | None = None
) -> Verdict:
    """A Verdict, made without the named tuple's interpreted `__new__`: the built-in
    detectors make hundreds a page, and the compiled build would call back into Python."""
    return new_tuple(Verdict, (index, label, reason, score, content_class))


@dataclass(slots=True)
class Comment:
    """One reader comment, kept apart from the article."""

    text: str
    quote: str | None = None
    votes: str | None = None
    author: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The comment as a JSON-ready dict."""
        return {"quote": self.quote, "text": self.text, "votes": self.votes, "author": self.author}


@dataclass(slots=True)
class Result:
    """The cleaned page: article text, metadata, comments and every labelled block.

    `text` is the article, its blocks' texts in page order, paragraphs separated by a
    blank line (a table row's cells by " | "). The metadata are None (or empty) where
    the page gives none: `title`, `date` and `date_modified` (YYYY-MM-DD), `dateline`
    (the place before the first paragraph), `section`, `authors` (person names),
    `site_name`, `wire_service` (the agency whose copy this is) and `copyright` (its
    copyright line), `site_copyright` (the site's own), `language` (an ISO 639-1
    code). `comments` holds the reader comments when asked for; `blocks` every block
    with its label and reasons; `url` the address given, else the page's canonical
    one; `source_type` "html" or "text"; `page_type` the kind of page.
    """

    text: str = ""
    title: str | None = None
    date: str | None = None  # publication date, YYYY-MM-DD
    date_modified: str | None = None  # last update, where the page gives one
    dateline: str | None = None
    section: str | None = None
    authors: list[str] = field(default_factory=list)
    site_name: str | None = None
    wire_service: str | None = None
    copyright: str | None = None
    site_copyright: str | None = None
    language: str | None = None
    comments: list[Comment] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    url: str | None = None
    source_type: str = "text"
    # What kind of page: article, forum, product, collection, listing, documentation
    # or service (`pagetype`); it decides how the reducer reads the page.
    page_type: str = "article"

    def to_dict(self, *, with_blocks: bool = False) -> dict[str, Any]:
        """A JSON-ready dict; blocks only on request because they dwarf the rest."""
        out: dict[str, Any] = {
            "url": self.url,
            "title": self.title,
            "date": self.date,
            "date_modified": self.date_modified,
            "dateline": self.dateline,
            "section": self.section,
            "authors": list(self.authors),
            "site_name": self.site_name,
            "wire_service": self.wire_service,
            "copyright": self.copyright,
            "site_copyright": self.site_copyright,
            "language": self.language,
            "source_type": self.source_type,
            "page_type": self.page_type,
            "text": self.text,
            "comments": [c.to_dict() for c in self.comments],
        }
        if with_blocks:
            out["blocks"] = [b.to_dict() for b in self.blocks]
        return out

    def to_markdown(self) -> str:
        """Title as a heading, a metadata line, the article, then comments if any."""
        parts: list[str] = []
        if self.title:
            parts.append(f"# {self.title}")
        meta = [
            x
            for x in (
                self.date,
                self.dateline,
                ", ".join(self.authors) if self.authors else None,
                self.wire_service,
            )
            if x
        ]
        if meta:
            parts.append("*" + " · ".join(meta) + "*")
        article = [b for b in self.blocks if b.label is Label.ARTICLE]
        for is_cell, run in groupby(article, key=lambda b: b.dom is not None and b.dom.row > 0):
            if is_cell:
                parts.append(_markdown_table(list(run)))
                continue
            previous = ""
            for b in run:
                rendered = _markdown_block(b)
                if b.tag == "li" and previous == "li":
                    parts[-1] += "\n" + rendered  # a list stays one list
                else:
                    parts.append(rendered)
                previous = b.tag
        if self.copyright:
            parts.append(f"*{self.copyright}*")
        if self.comments:
            parts.append("## Comments")
            for c in self.comments:
                quote = f"> {c.quote}\n\n" if c.quote else ""
                votes = f"\n\n*{c.votes}*" if c.votes else ""
                parts.append(f"{quote}{c.text}{votes}")
        return "\n\n".join(parts) + "\n"


def _markdown_block(block: Block) -> str:
    """Render one article block, keeping HTML structure where the block has it."""
    tag = block.tag
    if len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
        return "#" * min(int(tag[1]) + 1, 6) + " " + block.text
    if tag == "li":
        return "- " + block.text
    if tag == "blockquote":
        return "> " + block.text
    if tag == "pre":
        return "```\n" + block.text + "\n```"
    return block.text


def _markdown_table(cells: list[Block]) -> str:
    """Table cells, row by row, as a Markdown table; the first row is its header."""
    rows = [
        [c.text.replace("|", "\\|") for c in row]
        for _, row in groupby(cells, key=lambda c: c.dom and c.dom.row)
    ]
    width = max(len(r) for r in rows)
    lines = ["| " + " | ".join(r + [""] * (width - len(r))) + " |" for r in rows]
    lines.insert(1, "|" + " --- |" * width)
    return "\n".join(lines)
