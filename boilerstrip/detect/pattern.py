"""Pattern detectors: each looks at one block at a time (its words, cues and markup)
and claims only blocks no detector has claimed yet; the first claim on a block wins.

Why apart from the context detectors: these read a block alone, by the rules of
`boilerstrip.patterns` and the DOM hints, and run first (`Config.detectors`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import groupby
from typing import Final

from .. import patterns
from ..budget import checked
from ..model import CELL_TAGS, Block, Label, Verdict
from ..patterns.comments import may_be_votes
from ..patterns.furniture import is_menu_word, may_be_breadcrumb, may_be_navigation, may_be_related
from ..patterns.prompts import may_be_ad, may_be_prompt
from ..patterns.story import may_be_byline, may_be_metadata
from .page import Claim, Page, verdicts


def _unlabelled(page: Page, gates: list[int], max_words: int, gate: int) -> Iterable[Block]:
    """Candidate blocks no detector has claimed yet, up to a length, and through one of
    the cue gates in `gate` (`cue_gates`). The pattern detectors go over them, checking
    the page's deadline as they go: a page of many long blocks may take seconds in one
    of them."""
    given = page.candidates
    candidates: list[Block] = given if isinstance(given, list) else list(given)  # read by index
    found: list[Block] = []
    # By position in the list of ints: a compiled loop that reads a candidate only
    # once its gates let it through.
    for i in range(len(gates)):
        if gates[i] & gate:
            b = candidates[i]
            if b.label is None and b.features.words <= max_words:
                found.append(b)
    return checked(found, page.deadline, _WHERE)


def _unlabelled_gated(page: Page, gates: list[int], max_words: int, gate: int) -> Iterable[tuple[Block, int]]:
    """`_unlabelled`, each block with its gates: for a detector of several rules."""
    given = page.candidates
    candidates: list[Block] = given if isinstance(given, list) else list(given)  # read by index
    found: list[tuple[Block, int]] = []
    for i in range(len(gates)):
        g = gates[i]
        if g & gate:
            b = candidates[i]
            if b.label is None and b.features.words <= max_words:
                found.append((b, g))
    return checked(found, page.deadline, _WHERE)


_WHERE: Final = "while matching the blocks against patterns"


# The cue sets the pattern detectors gate on, one bit each (`_GATES`): a block passes a
# gate when one of its cues is in the set, or its cues are unknown. `cue_gates` finds
# every gate a block passes once a page, instead of a set intersection a block, a rule
# and a detector; the gate of a rule passed, `Rule.matches` answers as `Rule.applies`.
_COPYRIGHT: Final = 1
_WEAK_COMMENT: Final = 1 << 1
_COMMENT_MARKER: Final = 1 << 2
_COMMENT_AUTHOR: Final = 1 << 3
_VOTES: Final = 1 << 4
_LOGIN: Final = 1 << 5
_LOGIN_ANYWHERE: Final = 1 << 6
_PROMPT: Final = 1 << 7
_COOKIE: Final = 1 << 8
_SOCIAL: Final = 1 << 9
_AD: Final = 1 << 10
_AD_ANYWHERE: Final = 1 << 11
_RELATED: Final = 1 << 12
_RELATED_INLINE: Final = 1 << 13
_FOOTER: Final = 1 << 14
_NAVIGATION: Final = 1 << 15
_SEP: Final = 1 << 16
_METADATA: Final = 1 << 17
_BYLINE: Final = 1 << 18
_CANDIDATE: Final = 1 << 19  # every candidate, whatever its cues
_GATES: Final[tuple[tuple[int, frozenset[str]], ...]] = (
    (_COPYRIGHT, patterns.COPYRIGHT_RULE.cues),
    (_WEAK_COMMENT, patterns.WEAK_COMMENT_RULE.cues),
    (_COMMENT_MARKER, patterns.COMMENT_MARKER_RULE.cues),
    (_COMMENT_AUTHOR, patterns.COMMENT_AUTHOR_RULE.cues),
    (_VOTES, patterns.VOTES_RULE.cues),
    (_LOGIN, patterns.LOGIN_RULE.cues),
    (_LOGIN_ANYWHERE, patterns.LOGIN_ANYWHERE_RULE.cues),
    (_PROMPT, patterns.PROMPT_RULE.cues),
    (_COOKIE, patterns.COOKIE_RULE.cues),
    (_SOCIAL, patterns.SOCIAL_RULE_CUES),
    (_AD, patterns.AD_RULE.cues),
    (_AD_ANYWHERE, patterns.AD_ANYWHERE_RULE.cues),
    (_RELATED, patterns.RELATED_RULE.cues),
    (_RELATED_INLINE, patterns.RELATED_INLINE_RULE.cues),
    (_FOOTER, patterns.FOOTER_RULE_CUES),
    (_NAVIGATION, patterns.NAVIGATION_RULE.cues),
    (_SEP, frozenset({"#sep"})),
    (_METADATA, patterns.METADATA_RULE.cues),
    (_BYLINE, patterns.BYLINE_RULE.cues),
)
_ALL_GATES: Final = (_CANDIDATE << 1) - 1
# The gates each cue opens.
_CUE_GATES: Final[dict[str, int]] = {
    cue: sum(bit for bit, cues in _GATES if cue in cues) for _, cues in _GATES for cue in cues
}


def cue_gates(candidates: Sequence[Block]) -> list[int]:
    """The gates each candidate passes (bits of `_GATES`, and `_CANDIDATE`), in their
    order: all of them for a block whose cues are unknown."""
    out: list[int] = []
    for b in candidates:
        cues = b.features.cues
        if cues is None:
            out.append(_ALL_GATES)
            continue
        g = _CANDIDATE
        for cue in cues:
            g |= _CUE_GATES.get(cue, 0)
        out.append(g)
    return out


# --- block detectors -------------------------------------------------------------------
# Each is `claim_X(page, gates)`, what the run calls, and `detect_X(page)`, the same
# as Verdicts for a caller of its own (`page.verdicts`).


def claim_copyright(page: Page, gates: list[int]) -> list[Claim]:
    """Copyright lines (©, "Copyright 2024 ..."): the wire's and the site's."""
    out: list[Claim] = []
    for b in _unlabelled(page, gates, page.config.legal_block_words, _COPYRIGHT):
        if patterns.COPYRIGHT_RULE.matches(b.text):
            out.append((b.index, Label.COPYRIGHT, "copyright sign or word", page.config.weight_barrier, None))
    return out


def detect_copyright(page: Page) -> list[Verdict]:
    """`claim_copyright` as Verdicts, for a caller of its own."""
    return verdicts(claim_copyright(page, cue_gates(page.candidates)))


_HINT_LABELS: Final = {
    "nav": Label.NAVIGATION,
    "footer": Label.FOOTER,
    "comment": Label.COMMENT,
    "related": Label.RELATED,
    "social": Label.SOCIAL,
    "ad": Label.AD,
    "prompt": Label.PROMPT,
}
_CONTAINER_LABELS: Final = (("nav", Label.NAVIGATION), ("footer", Label.FOOTER), ("aside", Label.RELATED))


def claim_dom(page: Page, gates: list[int]) -> list[Claim]:
    """HTML structure: blocks in nav/footer/aside containers, under class or id words
    that name boilerplate (menu, comments, related, share, ad, newsletter), or made
    mostly of links. Long prose keeps its chance unless it sits in comments."""
    cfg = page.config
    out: list[Claim] = []
    if not page.blocks or page.blocks[0].dom is None:
        return out  # a text dump has no DOM
    for b in checked(page.blocks, page.deadline, "while reading the blocks' markup"):
        dom = b.dom
        if dom is None or b.label is not None:
            continue
        words = b.features.words
        short = words < cfg.dom_short_words or dom.link_density > cfg.dom_link_density
        label = _HINT_LABELS.get(dom.hint)
        if label is Label.COMMENT:
            out.append((b.index, label, f"inside a '{dom.hint_token}' element", cfg.weight_barrier, None))
        elif label is not None and short:
            out.append((b.index, label, f"inside a '{dom.hint_token}' element", 0.0, None))
        elif dom.hint != "content" and short and _in_any(dom.containers, ("nav", "footer", "aside")):
            name, label = next((n, lb) for n, lb in _CONTAINER_LABELS if n in dom.containers)
            out.append((b.index, label, f"inside <{name}>", 0.0, None))
        elif (
            dom.link_density > cfg.dom_link_density
            and words < cfg.good_min_words * 2
            and dom.hint != "content"
            and not _in_any(dom.containers, ("article", "main"))
        ):
            # Concatenated: mypyc makes an f-string with a format spec str.format calls.
            reason = "mostly links (" + format(dom.link_density, ".0%") + ")"
            out.append((b.index, Label.NAVIGATION, reason, 0.0, None))
    return out


def detect_dom(page: Page) -> list[Verdict]:
    """`claim_dom` as Verdicts, for a caller of its own."""
    return verdicts(claim_dom(page, []))


def _in_any(containers: frozenset[str], names: tuple[str, ...]) -> bool:
    """`not containers.isdisjoint(names)` by set lookups: mypyc compiles them to C
    calls, where `isdisjoint` is a method looked up by name on every block."""
    return any(name in containers for name in names)  # a loop in C: mypyc inlines any()


def claim_tables(page: Page, gates: list[int]) -> list[Claim]:
    """Data tables inside the article body (results, figures, schedules): their
    cells are short, numeric and repeat, so every text rule would call them menus.
    A run of cells under the element named as the article body (or in an <article>),
    with few links, is the article's."""
    cfg = page.config
    out: list[Claim] = []
    candidates = [(b, owner) for b in page.blocks if b.tag in CELL_TAGS and (owner := _table_owner(b))]
    if not candidates:
        return out  # a text dump's blocks are no cells
    # A run: cells next to each other under the same owner.
    runs = groupby(enumerate(candidates), key=lambda ic: (ic[1][0].index - ic[0], ic[1][1]))
    for _, run in runs:
        cells = [b for _, (b, _) in run]
        if len(cells) < cfg.table_min_cells:
            continue
        linked = sum(b.dom.link_density * len(b.text) for b in cells if b.dom)
        if linked <= cfg.table_max_link_share * sum(len(b.text) for b in cells):
            for b in cells:
                reason = f"cell of a data table in the article body ({len(cells)} cells)"
                out.append((b.index, Label.ARTICLE, reason, cfg.weight_table_cell, None))
    return out


def detect_tables(page: Page) -> list[Verdict]:
    """`claim_tables` as Verdicts, for a caller of its own."""
    return verdicts(claim_tables(page, []))


def _table_owner(b: Block) -> int:
    """The article-body element a table cell sits in (-1 for an <article> that names
    no body element); 0 for any other block."""
    dom = b.dom
    if dom is None or dom.tag not in CELL_TAGS or "table" not in dom.containers:
        return 0
    if dom.hint == "content":
        return dom.hint_owner
    return -1 if not dom.hint and "article" in dom.containers else 0


def claim_comments(page: Page, gates: list[int]) -> list[Claim]:
    """Comment widgets: counts ("3 Comments"), "Login to comment", vote lines."""
    barrier = page.config.weight_barrier
    out: list[Claim] = []
    gate = _WEAK_COMMENT | _COMMENT_MARKER | _COMMENT_AUTHOR | _VOTES
    for b, g in _unlabelled_gated(page, gates, page.config.short_block_words, gate):
        text = b.text
        if g & _WEAK_COMMENT and patterns.WEAK_COMMENT_RULE.matches(text):
            out.append((b.index, Label.COMMENT, "comments link or button", page.config.weight_bad, None))
        elif g & _COMMENT_MARKER and patterns.COMMENT_MARKER_RULE.matches(text):
            out.append((b.index, Label.COMMENT, "comment section marker", barrier, None))
        elif g & _COMMENT_AUTHOR and (
            patterns.COMMENT_AUTHOR_RULE.matches(text) or stamped_author(b, page.blocks)
        ):
            out.append((b.index, Label.COMMENT, "comment author line", barrier, None))
        elif g & _VOTES and may_be_votes(text) and patterns.VOTES_RULE.matches(text):
            out.append((b.index, Label.COMMENT, "comment vote or action line", 0.0, None))
    return out


def stamped_author(b: Block, blocks: Sequence[Block]) -> bool:
    """Whether `b` is a comment's author line with no colon ("Tammy says") with its
    timestamp on one of the next two lines ("July 14, 2015 at 3:53 pm"). Why: a text dump
    of a blog keeps its readers' comments as lines like the story's, and the themes
    that print the name without a colon left them to the model, which read them as
    the story's own (WCXB dumps: 180 such lines on five sites, none in a gold text).
    Alone, "Officer says" is a headline's: the timestamp is what tells a comment."""
    if not patterns.COMMENT_AUTHOR_BARE.match(b.text):
        return False
    after = blocks[b.index + 1 : b.index + 3]
    return any(patterns.COMMENT_STAMP.match(n.text) for n in after)


def detect_comments(page: Page) -> list[Verdict]:
    """`claim_comments` as Verdicts, for a caller of its own."""
    return verdicts(claim_comments(page, cue_gates(page.candidates)))


def claim_login(page: Page, gates: list[int]) -> list[Claim]:
    """Login and registration prompts and links."""
    cfg = page.config
    short = cfg.short_block_words
    out: list[Claim] = []
    for b, g in _unlabelled_gated(page, gates, cfg.legal_block_words, _LOGIN | _LOGIN_ANYWHERE):
        text = b.text
        if b.features.words <= short and g & _LOGIN and patterns.LOGIN_RULE.matches(text):
            out.append((b.index, Label.LOGIN, "login or registration link", 0.0, None))
        elif g & _LOGIN_ANYWHERE and patterns.LOGIN_ANYWHERE_RULE.matches(text):
            out.append((b.index, Label.LOGIN, "asks to log in or register", 0.0, None))
    return out


def detect_login(page: Page) -> list[Verdict]:
    """`claim_login` as Verdicts, for a caller of its own."""
    return verdicts(claim_login(page, cue_gates(page.candidates)))


def claim_prompt(page: Page, gates: list[int]) -> list[Claim]:
    """Newsletter, survey, cookie, paywall and app prompts."""
    cfg = page.config
    short = cfg.short_block_words * 2
    out: list[Claim] = []
    for b, g in _unlabelled_gated(page, gates, cfg.legal_block_words * 2, _PROMPT | _COOKIE):
        text = b.text
        if (
            b.features.words <= short
            and g & _PROMPT
            and may_be_prompt(text)
            and patterns.PROMPT_RULE.matches(text)
        ):
            out.append((b.index, Label.PROMPT, "newsletter/survey/cookie/paywall prompt", 0.0, None))
        elif g & _COOKIE and patterns.COOKIE_RULE.matches(text):
            out.append((b.index, Label.PROMPT, "cookie or consent notice", 0.0, None))
    return out


def detect_prompt(page: Page) -> list[Verdict]:
    """`claim_prompt` as Verdicts, for a caller of its own."""
    return verdicts(claim_prompt(page, cue_gates(page.candidates)))


def claim_social(page: Page, gates: list[int]) -> list[Claim]:
    """Share bars and follow-us links: every word is a network or a share verb."""
    out: list[Claim] = []
    for b in _unlabelled(page, gates, page.config.short_block_words, _SOCIAL):
        words = b.text.lower().replace("|", " ").split()
        if words and all(w.strip(":,.") in patterns.SOCIAL_WORDS for w in words):
            out.append((b.index, Label.SOCIAL, "share or follow links", 0.0, None))
    return out


def detect_social(page: Page) -> list[Verdict]:
    """`claim_social` as Verdicts, for a caller of its own."""
    return verdicts(claim_social(page, cue_gates(page.candidates)))


def claim_ad(page: Page, gates: list[int]) -> list[Claim]:
    """Ad slots, sponsored labels, giveaways and calls to buy or join."""
    out: list[Claim] = []
    for b, g in _unlabelled_gated(page, gates, page.config.short_block_words * 2, _AD | _AD_ANYWHERE):
        text = b.text
        if (g & _AD and may_be_ad(text) and patterns.AD_RULE.matches(text)) or (
            g & _AD_ANYWHERE and patterns.AD_ANYWHERE_RULE.matches(text)
        ):
            out.append((b.index, Label.AD, "advertisement or promotion", 0.0, None))
    return out


def detect_ad(page: Page) -> list[Verdict]:
    """`claim_ad` as Verdicts, for a caller of its own."""
    return verdicts(claim_ad(page, cue_gates(page.candidates)))


def claim_related(page: Page, gates: list[int]) -> list[Claim]:
    """Headings of related/recommended/trending lists, and inline "Read more:" links."""
    short = page.config.short_block_words
    out: list[Claim] = []
    for b, g in _unlabelled_gated(page, gates, short * 2, _RELATED | _RELATED_INLINE):
        text = b.text
        if (
            b.features.words <= short
            and g & _RELATED
            and may_be_related(text)
            and patterns.RELATED_RULE.matches(text)
        ):
            out.append((b.index, Label.RELATED, "related-links heading", 0.0, None))
        elif (
            not b.features.ends_sentence
            and g & _RELATED_INLINE
            and patterns.RELATED_INLINE_RULE.matches(text)
        ):
            out.append((b.index, Label.RELATED, "inline link to another story", 0.0, None))
    return out


def detect_related(page: Page) -> list[Verdict]:
    """`claim_related` as Verdicts, for a caller of its own."""
    return verdicts(claim_related(page, cue_gates(page.candidates)))


def claim_footer(page: Page, gates: list[int]) -> list[Claim]:
    """Footer link rows and legal lines (privacy, terms, contact, about...)."""
    out: list[Claim] = []
    for b in _unlabelled(page, gates, page.config.short_block_words * 2, _FOOTER):
        if patterns.footer_row(b.text):
            out.append((b.index, Label.FOOTER, "footer or legal links", 0.0, None))
    return out


def detect_footer(page: Page) -> list[Verdict]:
    """`claim_footer` as Verdicts, for a caller of its own."""
    return verdicts(claim_footer(page, cue_gates(page.candidates)))


def claim_navigation(page: Page, gates: list[int]) -> list[Claim]:
    """Menu words, breadcrumbs and lone symbols."""
    out: list[Claim] = []
    for b, g in _unlabelled_gated(page, gates, page.config.short_block_words, _NAVIGATION | _SEP):
        if (
            g & _NAVIGATION
            and may_be_navigation(b.text)
            and (is_menu_word(b.text) or patterns.NAVIGATION_RULE.matches(b.text))
        ):
            out.append((b.index, Label.NAVIGATION, "menu or paging word", 0.0, None))
        elif g & _SEP and may_be_breadcrumb(b.text) and patterns.BREADCRUMB.match(b.text):
            out.append((b.index, Label.NAVIGATION, "breadcrumb trail", 0.0, None))
    return out


def detect_navigation(page: Page) -> list[Verdict]:
    """`claim_navigation` as Verdicts, for a caller of its own."""
    return verdicts(claim_navigation(page, cue_gates(page.candidates)))


def claim_metadata(page: Page, gates: list[int]) -> list[Claim]:
    """Date lines, reading times, tags, photo credits and captions. A credit ends a
    caption with a bracket, a slash ("Jane Doe / AFP") or a colon ("Photo: X")."""
    cfg = page.config
    out: list[Claim] = []
    for b in _unlabelled(page, gates, cfg.short_block_words * 2, _METADATA):
        if may_be_metadata(b.text) and patterns.METADATA_RULE.matches(b.text):
            out.append((b.index, Label.METADATA, "date, credit, tag or reading-time line", 0.0, None))
    for b in _unlabelled(page, gates, cfg.legal_block_words * 2, _CANDIDATE):
        text = b.text
        tail = text[-72:]
        if (")" in tail or ":" in tail or "/" in tail) and patterns.is_caption(text):
            out.append((b.index, Label.METADATA, "photo caption ending in its credit", 0.0, None))
        elif text.endswith("more") and patterns.COLLAPSED.search(text, len(text) - 20):
            out.append((b.index, Label.METADATA, 'collapsed caption or teaser ("... more")', 0.0, None))
    return out


def detect_metadata(page: Page) -> list[Verdict]:
    """`claim_metadata` as Verdicts, for a caller of its own."""
    return verdicts(claim_metadata(page, cue_gates(page.candidates)))


def claim_byline(page: Page, gates: list[int]) -> list[Claim]:
    """Author lines: "By Jane Doe", "Jane Doe - Nov 19, 2019", and a lone "By" whose
    names are the next block (markup often sets them apart)."""
    blocks = page.blocks
    out: list[Claim] = []
    for b in _unlabelled(page, gates, page.config.short_block_words, _BYLINE):
        if (
            (not b.features.ends_sentence or b.text.endswith(")"))
            and may_be_byline(b.text)
            and patterns.BYLINE_RULE.matches(b.text)
        ):
            out.append((b.index, Label.BYLINE, "author line", 0.0, None))
        elif _lone_byline_word(b.text) and b.index + 1 < len(blocks):
            names = blocks[b.index + 1]
            if names.label is None and names.features.words <= 5 and not names.features.ends_sentence:
                out.append((b.index, Label.BYLINE, "'by' alone before the author's name", 0.0, None))
                out.append((names.index, Label.BYLINE, "author's name after a lone 'by'", 0.0, None))
    return out


def _lone_byline_word(text: str) -> bool:
    """`text`, colons after it stripped, is a word that opens a byline (BYLINE_WORDS).
    Lowercased only when short enough to be one: `str.lower` never shortens a text."""
    word = text.rstrip(":")
    return len(word) <= _BYLINE_WORD_CHARS and word.lower() in patterns.BYLINE_WORDS


_BYLINE_WORD_CHARS: Final = max(len(w) for w in patterns.BYLINE_WORDS)


def detect_byline(page: Page) -> list[Verdict]:
    """`claim_byline` as Verdicts, for a caller of its own."""
    return verdicts(claim_byline(page, cue_gates(page.candidates)))


def claim_dateline(page: Page, gates: list[int]) -> list[Claim]:
    """A place name in capitals alone on its line, right before a paragraph."""
    given = page.blocks
    blocks: list[Block] = given if isinstance(given, list) else list(given)  # read by index
    paragraph = page.config.good_min_words
    out: list[Claim] = []
    for i in range(len(blocks) - 1):  # by position: `blocks[:-1]` would copy the page's list
        b = blocks[i]
        if b.label is not None or b.features.words > 4:
            continue
        # The next block first: `str.isupper` is a method call by name when compiled.
        nxt = blocks[b.index + 1]
        if (
            nxt.label is None
            and nxt.features.words >= paragraph
            and b.text.isupper()
            and patterns.DATELINE.match(b.text)
        ):
            out.append((b.index, Label.DATELINE, "capitalised place before the first paragraph", 0.0, None))
    return out


def detect_dateline(page: Page) -> list[Verdict]:
    """`claim_dateline` as Verdicts, for a caller of its own."""
    return verdicts(claim_dateline(page, []))
