"""The story's own metadata lines: date lines, credits, captions, bylines, datelines and
copyright notices."""

from __future__ import annotations

import re
from typing import Final

from .agencies import AFTER_NAME, ALONE, IN_SERVICE, picture_credits
from .dates import DATE_BODY, TIME_BODY
from .rules import IGNORECASE, Rule, cues

# How a picture's credit writes the agencies, by the credit's form (see `agencies`).
_SERVICES: Final = picture_credits(IN_SERVICE)
_AFTER_NAME: Final = picture_credits(AFTER_NAME)
_ALONE: Final = picture_credits(ALONE)


def _either(credits: tuple[str, ...]) -> str:
    """A pattern's source for any of `credits`."""
    return "|".join(re.escape(credit) for credit in credits)


COPYRIGHT: Final = re.compile(r"©|\(c\)\s*\d{4}|\bcopyright\b|&copy;", IGNORECASE)

METADATA: Final = re.compile(
    rf"(?:(?:published|updated|posted|last updated|modified|date|created|on)\s*(?::\s*)?)?{DATE_BODY}{TIME_BODY}\s*$"
    r"|(?:published|updated|posted|last updated|modified)\s*(?::\s*)?.{0,50}$"
    r"|\d+\s*(?:min(?:ute)?s?|mins)\.?\s*read$|(?:reading time|lesezeit|temps de lecture).{0,20}$"
    r"|tags?\s*:.*|topics?\s*:.*|filed under\s*:?.*|categor(?:y|ies)\s*:.*"
    r"|(?:photo|image|picture|video|credit|source|file photo|photograph|illustration"
    r"|bild|foto|quelle|imagen|fuente|crédito|immagine|fonte|фото|источник)s?\s*(?::|by|credit|courtesy)\s*.{0,80}$"
    rf"|\(?(?:{_either(_ALONE)}|ap photo)(?: via getty images)?\)?$"
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
    characters)."""
    end = text[-_CAPTION_TAIL:]
    lower = end.lower()
    if not any(w in lower for w in _CAPTION_WORDS) and not any(a in end for a in _CAPTION_AGENCIES):
        return False
    return CAPTION.search(text, len(text) - _CAPTION_TAIL) is not None


_CAPTION_TAIL: Final = 120


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
