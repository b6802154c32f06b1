"""Which of the dates near the top are the page's: its publication and its last update."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from ..budget import Deadline, checked
from ..model import Block, Label
from ..patterns.dates import DATE_RE, WEEKDAYS
from ..patterns.rules import folded
from .dates import DATE_OPENING, READING_DATES, dates_in, has_digits

# A publication date sits on a short line (a dateline, a byline), not inside prose.
_DATE_MAX_WORDS: Final = 24
# What a date line says its date is, in the languages of the benches: the story's
# publication, its last update, or a date that is neither (a comment's, an offer's, a
# thread's last post's: "last post by A Sep 26, 2024"; a weekday may stand between:
# "Joined: Mon Jul 24, 2017").
_PUBLISHED_WORDS: Final = re.compile(
    r"(?:published|posted|publicado|publicada|publié|publiée|publiziert|veröffentlicht|pubblicato|"
    r"pubblicata|опубликовано|gepubliceerd|asked|发布|發佈|公開|입력)\W{0,3}(?:on|am|le|el|em|il|op)?\W{0,3}(?:the\W{1,3})?$",
    re.I,
)
_MODIFIED_WORDS: Final = re.compile(
    r"(?:updated|modified|revised|edited|aktualisiert|geändert|mis à jour|actualizado|actualizada|atualizado|"
    r"aggiornato|обновлено|bijgewerkt|更新|수정)\W{0,3}(?:on|am|le|el|em|il|op)?\W{0,3}$",
    re.I,
)
_OTHER_DATE_WORDS: Final = re.compile(
    r"(?:(?:answered|commented|replied|joined|since|expires?|ends?|until|valid|through|from|before|"
    r"due|deadline|event|starts?|founded|established|registered|born)\W{0,3}(?:on|am|le|el|em|il|op)?\W{0,3}"
    r"|\blast\s+(?:post|reply|activity|comment)\b[^.!?]{0,24}?)"
    rf"(?:{WEEKDAYS}\s*)?$",
    re.I,
)
# Before a date, at most this many characters tell what the date is.
_DATE_CONTEXT: Final = 30
# An update line follows the publication line within this many blocks.
_UPDATE_AFTER: Final = 3
# At most this many words besides the date make a line a date line.
_DATE_LINE_WORDS: Final = 8


def find_dates(
    blocks: Sequence[Block],
    stop: int,
    title: Block | None = None,
    under_title: int = 0,
    deadline: Deadline | None = None,
) -> tuple[str | None, str | None]:
    """(publication date, last update) from the date lines near the top: metadata or
    byline blocks, and short lines that are mostly a date ("Published March 5, 2024",
    "Jane Doe | Updated: Dec 17, 2025"). A date inside a sentence (a caption's "signed
    on August 14, 1935", a prompt's "on 21st June 2026!") is not the page's. The lines
    `under_title` blocks under the headline count whatever their label: a date line
    there is the story's even where the template makes it look like a menu or a footer.
    Its loops over the blocks and their years check `deadline` (`Config.time_limit`)."""
    under = range(title.index + 1, title.index + 1 + under_title) if title is not None else range(0)
    published = modified = first = None
    published_at = 0
    for b in checked(blocks[:stop], deadline, READING_DATES):
        if not _may_date(b, under):
            continue
        if published and (modified or b.index > published_at + _UPDATE_AFTER):
            break
        if b.features.words > _DATE_MAX_WORDS:
            continue  # a date line is short; a story's line must be shorter still (`_is_date_line`)
        for at, iso in dates_in(b.text, deadline):
            before = b.text[max(0, at - _DATE_CONTEXT) : at]
            if b.label is Label.ARTICLE and not _is_date_line(b, at):
                continue  # a story's sentence ("the study, published on 5 March 2021, found")
            low = folded(before)
            if _holds_any(low, _MODIFIED_STEMS) and _MODIFIED_WORDS.search(before):
                modified = modified or iso
                first = first or iso
            elif _holds_any(low, _PUBLISHED_STEMS) and _PUBLISHED_WORDS.search(before) and not published:
                published, published_at = iso, b.index
            elif not (
                _holds_any(low, _OTHER_DATE_STEMS) and _OTHER_DATE_WORDS.search(before)
            ) and _is_date_line(b, at):
                first = first or iso
    date = published or first or _said_published(blocks, deadline) or _signed_date(blocks)
    return date, modified if modified and date and modified >= date else None


def _signed_date(blocks: Sequence[Block]) -> str | None:
    """The date on the line right after a byline anywhere on the page ("Written by Jo
    Doe" / "April 8, 2024"): a template may put the author's box below the story. The
    last resort; comments and other stories' cards are not the page's."""
    for prev, b in zip(blocks, blocks[1:], strict=False):
        if prev.label is not Label.BYLINE or b.label in _NOT_THE_PAGES or not has_digits(b):
            continue
        found = dates_in(b.text)
        if found and found[0][0] < DATE_OPENING and b.features.words <= _DATE_LINE_WORDS:
            return found[0][1]
    return None


def _may_date(b: Block, under: range) -> bool:
    """Whether the block may hold the page's date line: its label allows it, or it sits
    just under the headline (`under`) and is no comment."""
    if not has_digits(b):
        return False  # most lines: the cheapest test first
    return b.label in _DATE_LABELS or (b.index in under and b.label is not Label.COMMENT)


def _said_published(blocks: Sequence[Block], deadline: Deadline | None = None) -> str | None:
    """A date the page says is its publication's ("Posted on April 13, 2023"), on a
    short line anywhere but among comments and links: the last resort. Not a story's
    sentence ("This post was originally published on the 21st of June 2017 and...")."""
    for b in checked(blocks, deadline, READING_DATES):
        if b.label in _NOT_THE_PAGES or b.features.words > _DATE_MAX_WORDS or not has_digits(b):
            continue
        if not _may_say_published(b.text):
            continue  # no word saying so: its dates are not read
        for at, iso in dates_in(b.text, deadline):
            if b.label is Label.ARTICLE and not _is_date_line(b, at):
                continue
            if _PUBLISHED_WORDS.search(b.text[max(0, at - _DATE_CONTEXT) : at]):
                return iso
    return None


def _holds_any(low: str | None, stems: tuple[str, ...]) -> bool:
    """Whether `low` (a text as `patterns.rules.folded` gives it) holds one of `stems`,
    or is None (a letter only the case-blind pattern can read): the cheap test before
    the pattern whose every match holds one of them. The words before each date are
    read with three such patterns, and most hold none of their words: each pattern
    cost some 20,000 instructions to say so, tried at every character of the words
    (tests/test_meta_search_starts.py checks the tests agree with the patterns)."""
    return low is None or any(stem in low for stem in stems)


def _may_say_published(text: str) -> bool:
    """Whether `text` may hold a word `_PUBLISHED_WORDS` finds: a lowercased stem of one
    is in it (`_PUBLISHED_STEMS`), or it holds a letter `str.lower` does not fold as
    the case-blind pattern does (`patterns.rules.folded`). A page without a date line
    reads every short line with a digit for one, and few say "published"
    (tests/test_meta_prefilters.py checks the two agree)."""
    low = folded(text)
    if low is None:
        return True
    return any(stem in low for stem in _PUBLISHED_STEMS)


# A stem of each of `_PUBLISHED_WORDS`'s words, lowercased, of letters that only their
# capitals match case-blind ("публик": the pattern's "о" and "в" match "ᲂ" and "ᲀ" too).
_PUBLISHED_STEMS: Final = (
    "publi",
    "pubbli",
    "posted",
    "veröffentlicht",
    "публик",
    "asked",
    "发布",
    "發佈",
    "公開",
    "입력",
)
# A stem of each of `_MODIFIED_WORDS`'s words and of `_OTHER_DATE_WORDS`'s, lowercased,
# of letters that only their capitals match case-blind ("бн" of "обновлено": the
# pattern's "о" and "в" match "ᲂ" and "ᲀ" too).
_MODIFIED_STEMS: Final = (
    "updated",
    "modified",
    "revised",
    "edited",
    "aktualisiert",
    "geändert",
    "mis à jour",
    "actualizad",
    "atualizado",
    "aggiornato",
    "бн",
    "bijgewerkt",
    "更新",
    "수정",
)
_OTHER_DATE_STEMS: Final = (
    "answered",
    "commented",
    "replied",
    "joined",
    "since",
    "expire",
    "end",
    "until",
    "valid",
    "through",
    "from",
    "before",
    "due",
    "deadline",
    "event",
    "start",
    "founded",
    "established",
    "registered",
    "born",
    "last",
)
_NOT_THE_PAGES: Final = (Label.COMMENT, Label.RELATED, Label.NAVIGATION, Label.AD, Label.PROMPT)


def _is_date_line(b: Block, at: int) -> bool:
    """Whether a date found at `at` is what the line is about: the line is labelled a
    date or byline line, opens with the date, or says little else. A story's line
    (ARTICLE) is one only when short ("August 14, 2010 -- Updated 1502 GMT"), when a
    byline leads to the date ("Discussion in 'Help' started by pelex, May 26, 2025."),
    or when it opens with a time stamp ("2019-02-23, 09:14 PM (This post was last
    modified...)"); prose that opens with a date ("August 14, 1935: the act...") is not."""
    if b.label in (Label.METADATA, Label.BYLINE, Label.DATELINE):
        return True
    words = b.features.words
    if at < DATE_OPENING and (
        b.label is not Label.ARTICLE or words <= _DATE_LINE_WORDS or _stamped(b.text, at)
    ):
        return True
    if _BYLINE_IN_LINE.search(b.text, 0, at):
        return words <= 2 * _DATE_LINE_WORDS
    return words <= _DATE_LINE_WORDS and not b.text.rstrip().endswith(("!", "?"))


def _stamped(text: str, at: int) -> bool:
    """Whether the line opens with the date at `at` and a clock time follows it."""
    m = DATE_RE.match(text, at)
    return m is not None and not text[:at].strip() and _CLOCK_AFTER.match(text, m.end()) is not None


_DATE_LABELS: Final = (Label.METADATA, Label.BYLINE, Label.DATELINE, Label.OTHER, Label.ARTICLE)
_BYLINE_IN_LINE: Final = re.compile(r"\bby\b", re.I)
_CLOCK_AFTER: Final = re.compile(r"[\s,|·-]{0,4}(?:at\s+)?\d{1,2}:\d\d")
