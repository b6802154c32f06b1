"""The one data type that flows through the pipeline (`Block`), its labels and the
detectors' verdicts; what comes out is `result.Result`."""

from __future__ import annotations

import enum
from dataclasses import dataclass
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
    # The innermost element around it that its names call a review (by number, as
    # `hint_owner`; 0 for none), one not holding much of the page
    # (`vocabulary.REVIEW_WORDS`, `hints.settle_hints`): a shop's customer review.
    review: int = 0


@dataclass(slots=True, init=False, eq=False)
class Block:
    """A piece of the page: a line of a text dump, or a block element of HTML.

    `label` starts as None and is set by the first detector that claims the block;
    `reasons` keeps every verdict ("detector: why") so users can see why it was kept
    or dropped. Two blocks are two places in a page, so they compare (and hash) by
    identity; `values()` compares what two walks made of a page.
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

    def values(self) -> tuple[Any, ...]:
        """Every field, in order: two walks of one page agree when their blocks' values
        do (the C walk is held to the Python walk so)."""
        return (
            self.text, self.index, self.line, self.features, self.label,
            self.score, self.reasons, self.tag, self.dom,
        )  # fmt: skip

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


# tuple.__new__ looked up once: called through a name, not as a method of `tuple`. It makes
# named tuples (the Verdicts of `detect.page.verdicts`, DOM records) without their
# interpreted `__new__`, which compiled code would call back into Python for.
new_tuple: Final = tuple.__new__
