"""The story's own metadata lines: date lines, credits, captions, bylines, datelines and
copyright notices."""

from __future__ import annotations

import re
from typing import Final

from .agencies import AFTER_NAME, ALONE, IN_SERVICE, picture_credits
from .dates import DATE_BODY, MONTHS, TIME_BODY, YEAR
from .rules import IGNORECASE, Rule, by_first, caseless, cues, starts_with_any

# How a picture's credit writes the agencies, by the credit's form (see `agencies`).
_SERVICES: Final = picture_credits(IN_SERVICE)
_AFTER_NAME: Final = picture_credits(AFTER_NAME)
_ALONE: Final = picture_credits(ALONE)


def _either(credits: tuple[str, ...]) -> str:
    """A pattern's source for any of `credits`."""
    return "|".join(re.escape(credit) for credit in credits)


COPYRIGHT: Final = re.compile(r"©|\(c\)\s*\d{4}|\bcopyright\b|&copy;", IGNORECASE)

# Branches of METADATA a screen also reads the start of (`_METADATA_NEXT`): a list of
# tags or topics, a credit's label, an agency's name alone.
_LISTED: Final = r"tags?\s*:.*|topics?\s*:.*|filed under\s*:?.*|categor(?:y|ies)\s*:.*"
_CREDIT_LABEL: Final = (
    r"(?:photo|image|picture|video|credit|source|file photo|photograph|illustration"
    r"|bild|foto|quelle|imagen|fuente|crédito|immagine|fonte|фото|источник)s?\s*(?::|by|credit|courtesy)"
)
_AGENCY_ALONE: Final = rf"\(?(?:{_either(_ALONE)}|ap photo)(?: via getty images)?\)?$"

METADATA: Final = re.compile(
    rf"(?:(?:published|updated|posted|last updated|modified|date|created|on|asked|answered|edited|commented)\s*(?::\s*)?)?{DATE_BODY}{TIME_BODY}(?:\s*[+-]\d\d:?\d\d)?\s*$"
    r"|(?:published|updated|posted|last updated|modified)\s*(?::\s*)?.{0,50}$"
    r"|\d+\s*(?:min(?:ute)?s?|mins)\.?\s*read$|(?:reading time|lesezeit|temps de lecture).{0,20}$"
    rf"|{_LISTED}|{_CREDIT_LABEL}\s*.{{0,80}}$|{_AGENCY_ALONE}"
    r"|(?:about |posted )?(?:\d+|an?|one)\s*(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?) ago\b.{0,30}$"
    # The same "N minutes ago" in Spanish, Portuguese, French, German, Italian and Russian.
    r"|(?:hace|há) (?:\d+|una?|uma?) (?:segundos?|minutos?|horas?|d[ií]as?|semanas?|mes(?:es)?|meses|a[ñn]os?)\b.{0,30}$"
    r"|il y a (?:\d+|une?) (?:secondes?|minutes?|heures?|jours?|semaines?|mois|ans?)\b.{0,30}$"
    r"|vor (?:\d+|einer|einem) (?:sekunden?|minuten?|stunden?|tag(?:en)?|wochen?|monat(?:en)?|jahr(?:en)?)\b.{0,30}$"
    r"|(?:\d+|una?) (?:secondi|minuti|ore|ora|giorni|giorno|settimane|mesi|mese|anni|anno) fa\b.{0,30}$"
    r"|\d+ (?:секунд\w*|минут\w*|час\w*|дн\w*|дней|недел\w*|месяц\w*|год\w*|лет) назад.{0,30}$",
    IGNORECASE,
)
# Photo captions end with the picture's credit: "(AP Photo/Jane Doe)", "(Image: GETTY)",
# "Jane Doe / AFP", "Photo: Reuters".
CAPTION: Final = re.compile(
    rf"(?:\((?:(?:{_either(_SERVICES)})\s+)?(?i:photos?|images?|pictures?|credit|file photo|photo credit)\b[^)]{{0,80}}\)"
    r"|\b(?i:photo|image|picture|credit|photo credit)s?\s*:\s*[^.:]{2,60}"
    rf"|\b[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){{0,3}}\s*/\s*(?:{_either(_AFTER_NAME)})"
    r"(?: via Getty Images| File)?"
    rf"|\((?:[^()]{{1,40}}\s)?(?:{_either(_ALONE)})\b[^()]{{0,40}}\))"
    r"(?:\s+(?i:less|more|hide caption|show caption|expand|close|enlarge))?\s*$"
)
# Every branch of CAPTION holds one of these: checking for them first is much cheaper
# than the search (the regex tries four branches at every position). The branch of an
# agency's photo service holds a word too.
_CAPTION_WORDS: Final = ("photo", "image", "picture", "credit")
_CAPTION_AGENCIES: Final = tuple(dict.fromkeys(_AFTER_NAME + _ALONE))


def is_caption(text: str) -> bool:
    """A photo caption ending in its credit (CAPTION within the last `_CAPTION_TAIL`
    characters). A text that does not end as a caption may (`_may_end_caption`) is
    told apart first, by its last characters. The branches without a word hold a
    slash or a bracket: an ASCII text with neither and none of the words (which
    `str.lower` finds exactly in ASCII) is told apart before the thirteen tests of
    the agencies' names."""
    end = text[-_CAPTION_TAIL:]
    if not _may_end_caption(end):
        return False
    lower = end.lower()
    if not any(w in lower for w in _CAPTION_WORDS):
        if "/" not in end and ")" not in end and end.isascii():
            return False
        if not any(a in end for a in _CAPTION_AGENCIES):
            return False
    return CAPTION.search(text, len(text) - _CAPTION_TAIL) is not None


_CAPTION_TAIL: Final = 120


def _may_end_caption(end: str) -> bool:
    """False only where CAPTION cannot match in `end`, the text's last characters,
    where it is searched. Its match runs to the text's end, but for spaces and
    maybe a word (`_CAPTION_AFTER`: "more", "hide caption"...), so a text ending
    with none of those words ends as one of CAPTION's branches does: a bracket
    (`_may_end_bracketed`), an agency's name, maybe and " File" (a name's credit,
    its names written as they are: no (?i) there), or words after a colon (any
    character but a dot or a colon, a bracket too), that a caption's word and maybe
    an "s" and spaces come before (a label's, "Photo: Jane Doe"). A headline with a
    colon, a count in brackets, a sentence: none of these."""
    last = end.rstrip()  # what `\s` matches is what `str.isspace` says (`rules.SPACES`)
    if not last:
        return False
    final = last[-1]
    if final == ")":
        if _may_end_bracketed(last):
            return True
    elif final in _CAPTION_LAST:  # how the words after a credit and the agencies' names end
        low = caseless(last[-_CAPTION_AFTER_CHARS:])
        if low is None or low.endswith(_CAPTION_AFTER):
            return True  # a word after the credit, or maybe one (letters `str.lower` may not make)
        if last.endswith(_CAPTION_NAMES):
            return True
    colon = last.rfind(":")
    if colon < 0 or last.find(".", colon) >= 0:
        return False
    label = caseless(last[:colon].rstrip()[-_CAPTION_LABEL_CHARS:])
    return label is None or label.endswith(_CAPTION_LABELS)


def _may_end_bracketed(last: str) -> bool:
    """For `_may_end_caption`, `last` ending with ")": CAPTION's two branches in
    brackets hold no ")" but the last, so the text after the one before it holds
    their "(" and a caption's word (their first, "(Photo: ...", "(AP Photo/...") or,
    after its last "(" (that branch holds no other), an agency's name, written as it
    is ("(Jane Doe/Reuters)")."""
    close = len(last) - 1
    inside = last[last.rfind(")", 0, close) + 1 : close]
    opening = inside.rfind("(")
    if opening < 0:
        return False
    low = caseless(inside)
    if low is None or any(w in low for w in _CAPTION_WORDS):
        return True
    # The agency's bracket holds no other: its name is after the last "(".
    agency = inside[opening:]
    return any(a in agency for a in _CAPTION_AGENCIES)


# The words CAPTION takes after the credit, lowercased; the ends of its branch of a
# name's credit; the words a label's colon may come after (its last, maybe with an s).
_CAPTION_AFTER: Final = ("less", "more", "hide caption", "show caption", "expand", "close", "enlarge")
_CAPTION_AFTER_CHARS: Final = max(len(w) for w in _CAPTION_AFTER)
_CAPTION_NAMES: Final = (*_AFTER_NAME, " File")
# The last letters of those words, and what a case-blind pattern reads as one (the
# long s), and of the names (tests/test_pattern_screens.py checks them).
_CAPTION_LAST: Final = frozenset("sSeEnNdD\u017f" + "".join(name[-1] for name in _CAPTION_NAMES))
_CAPTION_LABELS: Final = tuple(w + s for w in _CAPTION_WORDS for s in ("", "s"))
_CAPTION_LABEL_CHARS: Final = max(len(w) for w in _CAPTION_LABELS)


COLLAPSED: Final = re.compile(r"(?:\.\.\.|…)\s*(?:more|read more|show more|see more)$", IGNORECASE)
# Words that open a byline: before the names ("By Jane Doe"), or with a colon ("Text: …").
_BY_WORDS: Final = "by von par por di door av af автор".split()
_CREDIT_WORDS: Final = "text texto texte testo tekst текст author autor auteur autore автор".split()
# Either kind alone on a line: the names follow in their own element.
BYLINE_WORDS: Final = frozenset(_BY_WORDS + _CREDIT_WORDS)
BYLINE: Final = re.compile(
    rf"(?:written by|words by|reporting by|{'|'.join(_BY_WORDS)})\s+\S.{{0,80}}$"
    rf"|(?:{'|'.join(_CREDIT_WORDS)})\s*:\s*\S.{{0,80}}$"
    r"|[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3}\s*[-–—|,]\s*" + DATE_BODY + r".*$",
    IGNORECASE,
)
# A dateline's place, in capitals, and maybe its region or country: "MOSCOW",
# "WASHINGTON, D.C.", "SEOUL, South Korea".
DATELINE_PLACE: Final = r"[A-Z][A-Z.'’\- ]{1,30}(?:,\s*[A-Z][A-Za-z.'’ ]{1,30})?"
# A line that is a dateline alone.
DATELINE: Final = re.compile(DATELINE_PLACE + "$")


COPYRIGHT_RULE: Final = Rule(COPYRIGHT, cues("© copyright c copy"), anywhere=True)
METADATA_RULE: Final = Rule(
    METADATA,
    cues(
        "#num published updated posted modified min mins minute minutes read "
        "reading lesezeit temps tags tag topics topic filed category categories photo photos image "
        "images picture pictures video videos credit credits source sources file photograph "
        "illustration illustrations ago "
        "bild bilder foto fotos quelle quellen imagen imagenes fuente fuentes crédito créditos immagine "
        "immagini fonte fonti фото источник hace há il vor fa назад "
        + " ".join(credit.split()[0].lower() for credit in _ALONE)
    ),
)
BYLINE_RULE: Final = Rule(
    BYLINE,
    cues("#num written words reporting " + " ".join(sorted(BYLINE_WORDS))),
)


# --- screens: cheap tests a text must pass before its pattern is tried ---------------
# Each holds for every text its pattern matches (tests/test_pattern_screens.py),
# so a text failing it is told apart without the pattern, which tries each of its
# branches at the text's start (about a dozen thousand instructions a text for METADATA).

# How METADATA's branches may start, lowercased, where they start with a word: a date
# line's label, weekday or month; a branch's own word; an agency, alone or bracketed.
# (The branches of "N minutes ago" in each language hold their word near the end, and
# those starting with a number are tested apart: `may_be_metadata`.)
_METADATA_STARTS: Final = by_first(
    (
        *"published updated posted modified date created on mon tue wed thu fri sat sun".split(),
        *"asked answered edited commented".split(),
        *"jan feb mar apr may jun jul aug sep oct nov dec".split(),
        "last updated", "reading time", "lesezeit", "temps de lecture", "tag", "topic", "filed under",
        "categor", "photo", "image", "picture", "video", "credit", "source", "file photo",
        "illustration", "bild", "foto", "quelle", "imagen", "fuente", "crédito", "immagine", "fonte",
        "фото", "источник", "(", *(credit.lower() for credit in _ALONE), "hace ", "há ", "il y a ",
        "vor ",
    )
)  # fmt: skip
# What must follow some of those words for their branch to match (at the text's start,
# case-blind): a month's name is a date's when a day and a year follow; a label of
# tags, of a credit, an agency's name, as their branches start. A text starting
# "Video", "Apple" or "March of the ..." is told apart by a match of a few characters
# instead of METADATA's dozen branches (a word without a follow-up is let through).
_MONTH_DATE: Final = re.compile(rf"(?:{MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+{YEAR}", IGNORECASE)
_METADATA_NEXT: Final[dict[str, re.Pattern[str]]] = {
    **dict.fromkeys("jan feb mar apr may jun jul aug sep oct nov dec".split(), _MONTH_DATE),
    **dict.fromkeys(("tag", "topic", "filed under", "categor"), re.compile(_LISTED, IGNORECASE)),
    **dict.fromkeys(
        (
            "photo", "image", "picture", "video", "credit", "source", "file photo", "illustration",
            "bild", "foto", "quelle", "imagen", "fuente", "crédito", "immagine", "fonte", "фото", "источник",
        ),
        re.compile(_CREDIT_LABEL, IGNORECASE),
    ),
    **dict.fromkeys(("(", *(credit.lower() for credit in _ALONE)), re.compile(_AGENCY_ALONE, IGNORECASE)),
}  # fmt: skip
# "N minutes ago" and its kin end with their word and at most 30 characters, and maybe
# a line break: `_METADATA_TAIL` characters from the end hold it. They start with a
# number, or "a", "an", "about", "posted", "one" (English) or "una" (Italian): a text
# starting with any other letter has no such branch to look for.
_METADATA_TAIL: Final = 40
_AGO_FIRST: Final = frozenset("aApPoOuU")


def may_be_metadata(text: str) -> bool:
    """False only where METADATA cannot match `text` (at its start): a text that
    starts with none of the branches' words (or with one its branch cannot go on
    from, `_METADATA_NEXT`), nor with a number a date or a "5 min read" may start
    with, and has no "ago" near its end."""
    if not text:
        return True
    first = text[0]
    number = first.isdigit()  # wider than `\d`, and native where `isdecimal` is not
    if number:
        if _may_start_date(text):
            return True
    elif _may_start_metadata(text):
        return True
    elif first not in _AGO_FIRST:
        return False
    # No letter of these words is one `str.lower` may not make (but the "д" of
    # "назад", left out: `rules.READ_AS`).
    tail = text[-_METADATA_TAIL:].lower()
    if " ago" in tail or " fa" in tail or " наза" in tail:
        return True
    return number and (tail.endswith("read") or tail.endswith("read\n"))


_METADATA_HEAD: Final = 20  # the longest prefix, "temps de lecture", and some


def _may_start_metadata(text: str) -> bool:
    """Whether `text` (not empty) may start a branch of METADATA that starts with a
    word (`starts_with_any` of `_METADATA_STARTS`), and go on as that branch does
    where `_METADATA_NEXT` says how."""
    found = _METADATA_STARTS.get(text[0])
    if found is None:
        return False
    low = caseless(text[:_METADATA_HEAD])
    if low is None:
        return True
    for prefix in found:
        if low.startswith(prefix):
            follow = _METADATA_NEXT.get(prefix)
            if follow is None or follow.match(text) is not None:
                return True
    return False


def _may_start_date(text: str) -> bool:
    """Whether the number `text` starts with may start DATE_BODY: four digits and a
    dash, slash, 年 or 년; one or two and a dot, dash or slash before a digit, or an
    ordinal or a space before a month's name (maybe after "of")."""
    n = 1
    while n < len(text) and n < 5 and text[n].isdigit():
        n += 1
    if n == len(text):
        return False
    after = text[n]
    if n == 4:
        return after in "-/年년"
    if n > 2:
        return False
    if after in "./-":
        return n + 1 < len(text) and text[n + 1].isdigit()
    if not after.isspace():
        if after not in _ORDINAL_FIRST:
            return False
        n += 2  # "st", "nd", "rd", "th" (\s+ must follow: its absence is let through)
    rest = text[n:].lstrip()
    if rest[:2].lower() == "of":  # neither letter is one `str.lower` may not make
        rest = rest[2:].lstrip()
    stem = caseless(rest[:3])
    return stem is None or stem in _MONTH_STEMS


_ORDINAL_FIRST: Final = frozenset("sSnNrRtT\u017f")
_MONTH_STEMS: Final = frozenset("jan feb mar apr may jun jul aug sep oct nov dec".split())


# How BYLINE's branches of words start (before the names, or with a colon); its third
# ("Jane Doe - Nov 19, 2019") starts with a letter `[A-Z]` matches, case-blind, and
# holds a space and a separator.
_BYLINE_STARTS: Final = by_first(("written by", "words by", "reporting by", *_BY_WORDS, *_CREDIT_WORDS))
_NAME_INITIALS: Final = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz\u0130\u0131\u017f\u212a"
)


def may_be_byline(text: str) -> bool:
    """False only where BYLINE cannot match `text` (at its start)."""
    if not text or starts_with_any(text, 14, _BYLINE_STARTS):
        return True
    if text[0] not in _NAME_INITIALS or " " not in text:
        return False
    return "-" in text or "," in text or "|" in text or "–" in text or "—" in text
