"""Every threshold in one frozen place, so a run is fully described by its Config."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

DEFAULT_DETECTORS: tuple[str, ...] = (
    "tables",
    "metadata",
    "copyright",
    "dom",
    "comments",
    "login",
    "ad",
    "prompt",
    "social",
    "related",
    "footer",
    "navigation",
    "byline",
    "dateline",
    "content",
    "repetition",
    "comment_section",
    "related_section",
    "list_runs",
    "other_articles",
)


@dataclass(frozen=True, slots=True)
class Config:
    """Thresholds and switches. Make variants with `config.replace(...)`."""

    # Which detectors run, in order; users disable one by leaving it out.
    detectors: tuple[str, ...] = DEFAULT_DETECTORS
    disabled: frozenset[str] = field(default_factory=frozenset)

    # Input limits: bigger input is refused with an error, never truncated silently.
    max_input_chars: int = 20_000_000

    # Pattern detectors only look at blocks up to this many words (menus, prompts).
    short_block_words: int = 12
    # Footer and copyright lines can be a sentence or two of legalese.
    legal_block_words: int = 60

    # HTML: a block under a boilerplate container or class is boilerplate when it is
    # shorter than this many words or has more than this share of its text in links.
    dom_short_words: int = 25
    dom_link_density: float = 0.5

    # HTML: a run of at least this many table cells under the article-body element,
    # with at most this share of its text in links, is a data table of the article.
    table_min_cells: int = 6
    table_max_link_share: float = 0.2
    # Each of its cells pulls the article region this much (a table is content).
    weight_table_cell: float = 0.2

    # The learned block scorers' weights, for text dumps and for HTML (files in
    # boilerstrip/data, or paths); "" uses the hand-set content classes below instead.
    # The scorer corrects the hand-set classes: it relabels a block when its probability
    # is within `scorer_confidence` of 0 or 1, and adds `scorer_weight` times its
    # evidence to the block's weight. For text dumps the hand-set classes alone still
    # score better, so no text scorer ships.
    scorer_text: str = ""
    scorer_html: str = "scorer-html.json"
    scorer_confidence: float = 0.4
    scorer_weight: float = 5.0

    # Content classes, in the spirit of jusText: lengths in words, densities 0..1.
    good_min_words: int = 18
    good_min_stop_density: float = 0.22
    near_min_words: int = 8
    near_min_stop_density: float = 0.15
    short_max_words: int = 6
    # Share of the page's typical prose density a block needs (lowers thresholds for
    # languages whose stop lists cover less of running text).
    density_page_share: float = 0.6

    # Reducer weights for picking the main run of blocks (maximum-sum segment).
    weight_good_per_word: float = 0.1
    weight_good_cap: float = 8.0
    weight_near: float = 1.2
    # A long block that stops mid-sentence (a teaser cut short) counts this share.
    unfinished_share: float = 0.75
    weight_short: float = -1.5
    weight_bad: float = -1.0
    weight_barrier: float = -12.0
    # The earliest run with at least this share of the best run's weight is the article.
    region_min_share: float = 0.5
    # A short block inside the article region is kept when it looks like prose or
    # a subheading and has article blocks on both sides within this distance.
    max_gap_blocks: int = 3

    # Metadata search windows, in blocks around the article start.
    title_window: int = 8
    header_window: int = 40

    # Limits: linear time
    # HTML: libxml2 builds a tree's attributes in time quadratic in their number on one
    # element; a page with a tag of more attributes than this is walked as lxml parses
    # it (as events: linear, the same blocks) instead of over the tree.
    html_max_attributes: int = 256
    # HTML: the <article> elements a block is numbered inside, outermost first, up to
    # this many (each nested one makes a tuple one longer: quadratic without a bound).
    html_max_nested_articles: int = 64

    def replace(self, **changes: Any) -> Config:
        """A copy with some fields changed (the Config itself never changes)."""
        return replace(self, **changes)

    def active_detectors(self) -> tuple[str, ...]:
        return tuple(d for d in self.detectors if d not in self.disabled)
