"""The headline and the section name above it."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable, Sequence
from typing import Final
from urllib.parse import urlsplit

from ..lang import split_words
from ..model import Block, Label
from ..native import c_function
from .dates import DATE_OPENING, has_digits, parse_date


def find_title(
    blocks: Sequence[Block], start: int, window: int, hint: str | None = None, url: str | None = None
) -> Block | None:
    """The headline: the block repeating the markup's headline near the article start;
    else, on a page without markup, the line the address's words name; else the
    nearest headline-like block above the start (not a link such as "Back to Gallery")."""
    if hint:
        wanted = _folded(hint)
        near = [b for b in blocks[max(0, start - window) : start + window] if b.label is not Label.COMMENT]
        for b in near:
            if _folded(b.text) == wanted:
                return b
        # A <title> is often the headline shortened or with the site's name around it.
        for b in near:
            if _names_the_hint(b, wanted):
                return b
    elif url and (named := _named_by_address(blocks[: start + window], url)):
        return named
    above = reversed(blocks[max(0, start - window) : start])
    return next((b for b in above if _headline_like(b, _TITLE_LABELS, _TITLE_MIN_WORDS)), None)


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


def _names_the_hint(b: Block, wanted: str) -> bool:
    """Whether `b` says the markup's headline `wanted` (folded) as `find_title` reads a
    block near the article's start: word for word, or as an <h1> holding it or held
    by it (a <title> with the site's name around the headline)."""
    text = _folded(b.text)
    if text == wanted:
        return True
    return b.dom is not None and b.dom.heading == 1 and (wanted in text or text in wanted)


def headline_further_up(
    blocks: Sequence[Block], start: int, window: int, hint: str | None, title: Block | None
) -> Block | None:
    """The <h1> that says the markup's headline `hint`, above the `window` blocks that
    `find_title` reads before the article's `start`, the nearest first, where
    `find_title`'s `title` does not say it (None: `title` stands). Why: a story's photo,
    its caption, a byline, a date and a share bar can stand between the headline and
    the article's first paragraph, and `find_title` then took the caption for the
    headline and the page's title fell back to the <title> with the site's name
    (WCXB held-out titles 78.3% against 76.2%). Only an <h1> that is the headline, or
    it less a part set off by a separator at its start or end ("Sleeping Bags" of
    "Sleeping Bags | REI Co-op"; `_is_the_hint`): further up, a site's logo or a
    section's name is an <h1> too. Never a reader's comment."""
    if not hint:
        return None
    wanted = _folded(hint)
    if title is not None and _names_the_hint(title, wanted):
        return None
    further = reversed(blocks[: max(0, start - window)])
    return next((b for b in further if b.label not in _NOT_FURTHER and _is_the_hint(b, wanted)), None)


def _is_the_hint(b: Block, wanted: str) -> bool:
    """Whether `b` is an <h1> that says `wanted` (folded), or it less a part set off by
    a separator at its start or end: not a word or two of it, nor more than it (a
    logo's <h1> that runs the headline into the site's name)."""
    if b.dom is None or b.dom.heading != 1:
        return False
    text = _folded(b.text)
    if not text:
        return False
    if text == wanted:
        return True
    if wanted.startswith(text):
        return _SET_OFF.match(wanted[len(text) :]) is not None
    if wanted.endswith(text):
        return _SET_OFF.match(wanted[: -len(text)][::-1]) is not None
    return False


# Blocks `headline_further_up` leaves: the readers' comments.
_NOT_FURTHER: Final = (Label.COMMENT,)
# What sets a site's name off from the headline in a <title>: a separator after a space
# (read from the headline outwards: reversed before the headline).
_SET_OFF: Final = re.compile(r"\s*[|\-–—:·•»«/]\s")


_TITLE_LABELS: Final = (Label.OTHER, Label.ARTICLE, Label.TITLE)
# A headline's words: a web page's has three at least; a text dump's (a product's name)
# two; neither more than forty.
_TITLE_MIN_WORDS: Final = 3
_DUMP_TITLE_MIN_WORDS: Final = 2
_TITLE_MAX_WORDS: Final = 40


def _headline_like(b: Block, labels: tuple[Label, ...], min_words: int) -> bool:
    """A line that may be a headline: one of `labels`, of `min_words` to
    `_TITLE_MAX_WORDS` words, not a sentence (but a question or an exclamation), a date
    line or a link's label."""
    f = b.features
    if b.label not in labels or not min_words <= f.words <= _TITLE_MAX_WORDS:
        return False
    if f.ends_sentence and not b.text.endswith(("?", "!", "”", '"')):
        return False
    if has_digits(b) and parse_date(b.text[:DATE_OPENING]):
        return False  # "23. März 2017, aktualisiert 15:43 Uhr": a date line, not the headline
    return not _LINK_LABEL.match(b.text)  # "Back to Gallery", "View all photos": a link


_DUMP_TITLE_LABELS: Final = (Label.OTHER, Label.TITLE, Label.NAVIGATION)


def find_dump_title(blocks: Sequence[Block], start: int, window: int) -> Block | None:
    """A text dump's headline once its content is known (`start`, its first line): the
    nearest headline-like line of two words or more (a product's name) among the
    `window` lines above it, a menu's too (the menus repeat the page's own name), and
    one with a letter (not a price: "$45.00" is two words)."""
    above = reversed(blocks[max(0, start - window) : start])
    headline_like = (b for b in above if _headline_like(b, _DUMP_TITLE_LABELS, _DUMP_TITLE_MIN_WORDS))
    return next((b for b in headline_like if has_letter(b.text)), None)


def has_letter(text: str) -> bool:
    """Whether a line has a letter: a price ("$45.00") or a date alone names nothing."""
    return any(ch.isalpha() for ch in text)


_LINK_LABEL: Final = re.compile(
    r"(?:back to|return to|go to|go back|view (?:all|more|the|full)|see (?:all|more)|more (?:photos|videos)|"
    r"next|previous|prev|click|tap|swipe|photo \d+|image \d+|\d+ of \d+|\d+ photos)\b",
    re.I,
)
# Address words that name no headline.
_ADDRESS_NOISE: Final = frozenset(
    "html htm php aspx asp index www com amp the a an of and to in for on".split()
)
# A headline shares most of the address's words, of which there are a few.
_ADDRESS_SHARE: Final = 0.6
_ADDRESS_MIN_WORDS: Final = 3


def _named_by_address(blocks: Sequence[Block], url: str) -> Block | None:
    """The headline-like line that holds most of the words of the address's last path
    segment ("/blogs/fitness/how-to-use-gym-equipment" names "How To Use Gym Equipment
    (With Confidence!)"): a text dump keeps no <title>, and its headline is one line of many."""
    slug = address_words(url)
    if len(slug) < _ADDRESS_MIN_WORDS:
        return None
    best, best_share = None, _ADDRESS_SHARE
    for b in blocks:
        if (
            b.label is Label.COMMENT
            or not _DUMP_TITLE_MIN_WORDS <= b.features.words <= _TITLE_MAX_WORDS
            or b.text.endswith(".")
        ):
            continue
        if not _may_share(slug, b.text.casefold(), best_share):
            continue  # a cheap bound first: most lines hold few of the address's words
        share = len(slug & title_words(b.text)) / len(slug)
        if share > best_share:
            best, best_share = b, share
    return best


def _may_share(words: frozenset[str], folded: str, share: float) -> bool:
    """Whether more than `share` of `words` may be among the `title_words` of a line
    (`folded`, case folded): each of those is a piece of the folded line, so the words
    not in it as substrings are not among them, and the line's words are not split to
    know it. Stops at the first miss too many: most lines of a page hold too few of
    the address's words to name it (tests/test_meta_prefilters.py checks the bound)."""
    n = len(words)
    missing = 0
    for w in words:
        if w not in folded:
            missing += 1
            if (n - missing) / n <= share:
                return False
    return True


def address_words(url: str | None) -> frozenset[str]:
    """The words of an address's last path segment that may name its headline
    ("/blogs/fitness/how-to-use-gym-equipment": how, use, gym, equipment), folded."""
    if not url:
        return frozenset()
    path = url.split("?", 1)[0].split("#", 1)[0].rstrip("/")
    segment = path.rsplit("/", 1)[-1]
    return frozenset(w for w in title_words(segment) if not w.isdigit() and w not in _ADDRESS_NOISE)


def title_words(text: str) -> frozenset[str]:
    """A line's words as a headline's are compared: letters and digits, case folded.
    Split by `lang.split_words` (the same words as its regex, found in C where built):
    the headline model reads the words of every candidate line of a text dump."""
    return folded_words(case_fold(text))


def folded_words(folded: str) -> frozenset[str]:
    """`title_words` of a text already case folded (`case_fold`): in C where `_text`
    was built (`_text.word_set`, without the list of the words), else the frozenset
    of `lang.split_words`."""
    if _C_WORD_SET is not None:
        return _C_WORD_SET(folded)
    return frozenset(split_words(folded))


def case_fold(text: str) -> str:
    """`text.casefold()`, by `str.lower` where the text is ASCII: the two agree on every
    ASCII character (tests/test_title_words.py checks all 128), and `lower` reads an
    ASCII text a word at a time where `casefold` looks up every character's folding."""
    return text.lower() if text.isascii() else text.casefold()


def words_table(text: str) -> object:
    """The `title_words` of a long text (the content's opening), as `shared_words`
    reads them: in C where `_text` was built, a table of them made as the text is read
    (`_text.text_table`: no str a word, no set of them; the opening's set of words was
    half of the headline model's rows), read by `_text.count_shared`; else their
    frozenset."""
    folded = case_fold(text)
    if _C_TEXT_TABLE is None or _C_COUNT_SHARED is None or len(folded) > _TABLE_MAX_CHARS:
        return folded_words(folded)
    return _C_TEXT_TABLE(folded)


def shared_words(table: object, folded: str) -> int:
    """How many of the words of `folded` (a line's text, `case_fold`ed) are among those
    `table` (`words_table`'s) holds: `len(title_words(line) & title_words(text))`."""
    if isinstance(table, frozenset):
        return len(folded_words(folded) & table)
    assert _C_COUNT_SHARED is not None  # a table is made only where count_shared was built
    return _C_COUNT_SHARED(table, folded)


_C_COUNT_SHARED: Final[Callable[[object, str], int] | None] = c_function("_text", "count_shared")
_C_TEXT_TABLE: Final[Callable[[str], object] | None] = c_function("_text", "text_table")
_C_WORD_SET: Final[Callable[[str], frozenset[str]] | None] = c_function("_text", "word_set")
# The longest text `_text.text_table` takes (its table counts characters in 32 bits).
_TABLE_MAX_CHARS: Final = 1 << 30


def find_section(blocks: Sequence[Block], title: Block | None) -> Block | None:
    """The section name: a one- to three-word block just above the title."""
    if title is None:
        return None
    for b in reversed(blocks[max(0, title.index - _SECTION_ABOVE) : title.index]):
        if b.label in (Label.METADATA, Label.BYLINE, Label.COMMENT, Label.DATELINE):
            continue
        if (
            1 <= b.features.words <= _SECTION_MAX_WORDS
            and not has_digits(b)
            and b.label in (Label.OTHER, Label.NAVIGATION)
        ):
            return b
        break
    return None


# The section's name stands among the few lines above the headline, in a few words.
_SECTION_ABOVE: Final = 3
_SECTION_MAX_WORDS: Final = 3


# A title's parts: apart by a bar, a dash or a dot with spaces on both sides (a hyphen in
# a word, or "Q&A: ...", does not part a title).
_TITLE_SEPARATOR: Final = re.compile(r"\s+(?:[|\-–—•·»]|::)\s+")
# An entity reference left in a title: JSON-LD strings are not HTML, yet publishers'
# tools write "Plans &#8211; Prices" into them, and some pages escape a title twice.
_ENTITY: Final = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# A site's name in a title is a short part: "Story | Site", "Site - Story".
_SITE_PART_MAX_WORDS: Final = 6
_SITE_NAME_MIN_CHARS: Final = 4
# The generic labels a country's registry puts under its code (bbc.co.uk, abc.net.au,
# asahi.com.br): the site's name is the label before them. Any other label before a
# country code is the name itself (ndr.de, orf.at).
_SECOND_LEVEL: Final = frozenset({"co", "com", "net", "org", "ac", "gov", "edu", "ne", "or", "go", "gv"})


def markup_title(title: str | None, names: frozenset[str]) -> str | None:
    """The publisher's title as a reader sees it: entity references decoded, and the
    parts at either end that name the site (`names`, from `site_names`) cut off, so
    "How to choose a mover | Tarkett" is "How to choose a mover". A title that is all
    site stays as it is."""
    if not title:
        return title
    if "&" in title and _ENTITY.search(title):
        title = " ".join(html.unescape(title).split())  # "&nbsp;" is a space too
    parts = _TITLE_SEPARATOR.split(title)
    if len(parts) < 2 or not names:
        return title
    seps = _TITLE_SEPARATOR.findall(title)
    while len(parts) > 1 and _names_site(parts[-1], names):
        parts.pop()
        seps.pop()
    while len(parts) > 1 and _names_site(parts[0], names):
        parts.pop(0)
        seps.pop(0)
    return parts[0] + "".join(s + p for s, p in zip(seps, parts[1:], strict=True))


def site_names(site_name: str | None, url: str | None) -> frozenset[str]:
    """The site's names as `fold` gives them: the one its markup gives, and its
    address's name ("tarkett" of www.tarkett.com, "bbc" of www.bbc.co.uk)."""
    names = {fold(site_name)} if site_name else set()
    try:
        host = urlsplit(url).hostname if url else None
    except ValueError:  # "http://[oops": an address urlsplit cannot read names no site
        host = None
    labels = host.split(".") if host else []
    second_level = len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL
    name = labels[-3] if second_level else labels[-2] if len(labels) >= 2 else ""
    if name != "www":
        names.add(fold(name))
    return frozenset(n for n in names if n)


def site_title(text: str, names: frozenset[str]) -> bool:
    """Whether a heading only names the site (a logo's <h1>)."""
    return fold(text) in names


def _names_site(part: str, names: frozenset[str]) -> bool:
    """Whether a title's part names the site: a short part equal to one of its names,
    or holding one of four letters or more ("Tarkett UK"), or held in one ("BBC")."""
    if len(part.split()) > _SITE_PART_MAX_WORDS:
        return False
    folded = fold(part)
    if len(folded) < 2:
        return False
    return any(
        n == folded
        or (len(n) >= _SITE_NAME_MIN_CHARS and n in folded)
        or (len(folded) >= _SITE_NAME_MIN_CHARS and folded in n)
        for n in names
    )


def fold(text: str) -> str:
    """A name as compared: case and accents folded, only letters and digits."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text.casefold() if c.isalnum())


# A breadcrumb trail's steps: "Home > Blog > Story", "You are here: Home / Blog / Story".
# A step's space starts where a run of spaces does (the look-behind): tried at every
# space of a long run, the pattern took time quadratic in the run's length.
_CRUMB: Final = re.compile(r"(?<!\s)\s+(?:>|›|»|/|\|)\s+|^\s*(?:\|)\s*")
# The steps as text dumps also glue them: "Home>Blog>Story", "Business News›US›Story" (a
# chevron between letters), "Utne/ Mind And Body/ Story" (a slash spaced on one side),
# "Home · Farm · Story" (a middle dot). "<table>: ..." or "x>0" part nothing.
_LOOSE_CRUMB: Final = re.compile(
    r"(?<!\s)\s+(?:>|›|»|/|\||·)\s+|^\s*(?:\|)\s*"
    r"|(?<=[^\W\d_])(?:>|›|»)\s*(?=[^\W\d_])|(?<=[^\W\d_])/\s+|(?<!\s)\s+(?:/|>|›|»)(?=[^\W\d_])"
)
_CHEVRON: Final = re.compile(r"[>›»]")
# Every part `_CRUMB` or `_LOOSE_CRUMB` finds holds one of these: a line without them is
# one step, found without the patterns (their look-behinds tried at every character cost
# more than the rest of the headline's reading; tests/test_meta_prefilters.py checks).
_CRUMB_MARKS: Final = (">", "›", "»", "/", "|", "·")
_CRUMB_MIN_STEPS: Final = 2
# A trail of one step before the page's name: its root, of a few words ("Home »",
# "Blog ›", "Paper Trails >"), parted by a chevron, which no headline uses as a bar or
# a dash parts a title ("Black / White: a review", "Story | Site" stay as they are).
_CRUMB_ROOT_MAX_WORDS: Final = 3


def last_crumb(line: str, *, loose: bool = False) -> str:
    """A text dump's headline line without the breadcrumb trail it ends: a dump often
    gives the trail and the page's own name on one line ("Main > Blog > Top 10 Trends"),
    and its last step is the headline. A line of fewer steps is as it is.

    `loose` (the title the pipeline shows): steps glued as dumps glue them
    (`_LOOSE_CRUMB`), and a trail of one short root before a chevron ("Journal » How to
    oil a board", `_CRUMB_ROOT_MAX_WORDS`). WCXB dumps' titles right 62.3% -> 62.4%,
    held-out 50.5% -> 51.3%, with the headline model as it is. Its training targets stay
    the strict trail's (tools/train_title.py): retrained on the loose ones it was no
    better out of fold (57.7% -> 57.6%, three splittings into 5 folds by domain) and took
    other lines for the headline on hand-made dumps and on multilingual ones (tune 28 ->
    26 of 52)."""
    if not any(mark in line for mark in _CRUMB_MARKS):
        return line  # no step's mark: the patterns part nothing, the line has one step
    crumb = _LOOSE_CRUMB if loose else _CRUMB
    steps = [s for s in crumb.split(line) if s.strip()]
    seps = crumb.findall(line)
    if len(steps) < 2 or len(steps[-1].split()) < 2:
        return line
    if len(seps) < _CRUMB_MIN_STEPS and not (
        loose
        and len(seps) == 1
        and _CHEVRON.search(seps[0])
        and len(steps[0].split()) <= _CRUMB_ROOT_MAX_WORDS
    ):
        return line
    return steps[-1].strip()
