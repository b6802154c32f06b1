"""The date grammar, one source for the two ways a date is met: a date line's shape
(`DATE_BODY`, which the pattern detectors, the byline pattern and a forum post's head
match a line against) and a date's value (`DATE_RE`, which `meta.dates` reads a date
with, as ISO 8601), and the date in a web address (`URL_DATE`).

Why two grammars, built from one set of parts (the month table, the day's and month's
number, the year, the ordinal suffixes): a line's pattern must say alone, with nothing
looked up after it, that a line is a date, so its month names are the English ones of
`MONTHS` (any word there would take "Chapter 5, 2024" for a date), and it takes what a
date line shows around a date: a weekday, a two-digit year, a clock time. The reader
takes any word where a month's name stands and looks it up in `MONTH_NUMBER` (every
language of the table) after the match; it names each field, and reads only dates with
a four-digit year (a two-digit one places no date).
"""

from __future__ import annotations

import re
from typing import Final

# The months in order, each as English writes it (the names a date line's pattern knows,
# with the stop after an abbreviation where one is written: "Jan.", but "June", "Sept")
# and as the other languages of the benches write it (read by the date reader only).
_MONTHS: Final = (
    ("january jan jan.", "ene janvier januar enero gennaio janeiro январь января"),
    ("february feb feb.", "février fevrier februar febrero febbraio fevereiro февраль февраля"),
    ("march mar mar.", "mars märz marz marzo março марта март"),
    ("april apr apr.", "abr avril abril aprile апрель апреля"),
    ("may", "mai mayo maggio maio май мая"),
    ("june jun", "juin juni junio giugno junho июнь июня"),
    ("july jul", "juillet juli julio luglio julho июль июля"),
    ("august aug aug.", "ago août aout agosto август августа"),
    ("september sept sep sep.", "septembre septiembre settembre setembro сентябрь сентября"),
    ("october oct oct.", "octobre oktober octubre ottobre outubro октябрь октября"),
    ("november nov nov.", "novembre noviembre novembro ноябрь ноября"),
    ("december dec dec.", "dic décembre decembre dezember diciembre dicembre dezembro декабрь декабря"),
)
# Every month name of the table, without its stop, and the month's number (1 to 12).
MONTH_NUMBER: Final = {
    name.rstrip("."): number
    for number, (english, other) in enumerate(_MONTHS, 1)
    for name in (*english.split(), *other.split())
}
# The English names as a pattern's source (case-blind where it is used), longest first.
MONTHS: Final = "|".join(
    "(?:" + "|".join(re.escape(name) for name in sorted(english.split(), key=len, reverse=True)) + ")"
    for english, _ in _MONTHS
)
# The shortest English name of each month ("Jan", "May", "Sep"): what a name glued to
# the date after it ends at ("Jeffrey ZeldmanNovember 20").
MONTH_STEMS: Final = tuple(min(english.split(), key=len).title() for english, _ in _MONTHS)
WEEKDAYS: Final = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday)?\.?,?"

# The parts: a day's or a month's number, a year, what may follow a day's number.
_NUMBER: Final = r"\d{1,2}"
YEAR: Final = r"\d{4}"
_ORDINAL: Final = "st|nd|rd|th"
# A year a page is dated in: what a date's reader looks around, a copyright notice holds.
PAGE_YEAR: Final = r"(?:19|20)\d\d"
# Where the reader takes a month's name: any word, looked up in `MONTH_NUMBER` after.
_ANY_MONTH: Final = r"[^\W\d_]{3,9}"

DATE_BODY: Final = (
    rf"(?:{WEEKDAYS}\s+)?(?:"
    rf"{YEAR}-{_NUMBER}-{_NUMBER}(?:[T ]\d{{1,2}}:\d{{2}}\S*)?"
    rf"|{_NUMBER}[./-]{_NUMBER}[./-]\d{{2,4}}"
    rf"|{YEAR}/{_NUMBER}/{_NUMBER}"
    rf"|(?:{MONTHS})\s+{_NUMBER}(?:{_ORDINAL})?,?\s+{YEAR}"
    rf"|{_NUMBER}(?:{_ORDINAL})?\s+(?:of\s+)?(?:{MONTHS}),?\s+{YEAR}"
    rf"|{YEAR}年{_NUMBER}月{_NUMBER}日"
    rf"|{YEAR}년\s*{_NUMBER}월\s*{_NUMBER}일"
    r")"
)
# A clock time after a date ("at 6:34 am", ", 14:05 CET"), and the same or nothing.
CLOCK_BODY: Final = r"\s*(?:(?:at|,|-|–|\|)\s*)?\d{1,2}[:.h]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?"
TIME_BODY: Final = rf"(?:{CLOCK_BODY})?"

# Where a text dump glued the words around a month's name to it ("KristenMarch 11, 2024",
# "Mental HealthDECEMBER 22, 2022"): a capital after a small letter, case counting.
_GLUED: Final = r"(?-i:(?<=[a-z])(?=[A-Z]))"

# One pattern, named groups by field order; the leftmost date in a text wins. Month
# names are any word here and looked up after, which keeps the pattern fast. An ISO
# date may run on into its time ("2025-07-20T15:27:00+01:00", as JSON-LD and
# article:published_time give it).
# Numeric dates may follow a name glued to them ("Jane Doe3/4/2025"): no word boundary
# before, only no digit; a month's name may follow one where the case changes
# (`_GLUED`). "2025.12.17" and "2023 Jan 7" (citation_publication_date) are year
# first; "04-ago-2021" is a day and a month name joined by hyphens.
DATE_RE: Final = re.compile(
    rf"(?<!\d)(?P<y1>{YEAR})(?P<s1>[-/.])(?P<m1>{_NUMBER})(?P=s1)(?P<d1>{_NUMBER})(?:\b|(?=T\d))"
    rf"|(?P<y2>{YEAR})\s*[年년]\s*(?P<m2>{_NUMBER})\s*[月월]\s*(?P<d2>{_NUMBER})\s*[日일]"
    rf"|(?:\b|{_GLUED})(?P<mn3>{_ANY_MONTH})\.?\s+(?P<d3>{_NUMBER})(?:{_ORDINAL})?,?\s+(?P<y3>{YEAR})(?!\d)"
    rf"|\b(?P<d4>{_NUMBER})(?:{_ORDINAL}|er|\.)?(?:\s+|-)(?:of\s+|de\s+)?(?P<mn4>{_ANY_MONTH})\.?,?(?:\s+|-)(?:de\s+)?(?P<y4>{YEAR})(?!\d)"
    rf"|(?<!\d)(?P<d5>{_NUMBER})\.(?P<m5>{_NUMBER})\.(?P<y5>{YEAR})\b"
    rf"|(?<!\d)(?P<m6>{_NUMBER})/(?P<d6>{_NUMBER})/(?P<y6>{YEAR})\b"
    rf"|\b(?P<y7>{YEAR})\s+(?P<mn7>{_ANY_MONTH})\.?\s+(?P<d7>{_NUMBER})\b",
    re.I,
)
# A date in a web address's path: /2025/09/04/, /2025/9/4/, /2025/october/03/,
# /2025-12-17-, /20251217/.
URL_DATE: Final = re.compile(
    rf"/({PAGE_YEAR})/({_NUMBER}|[a-z]{{3,9}})/({_NUMBER})(?=/|$|[-_.])"
    rf"|/({PAGE_YEAR})-(\d\d)-(\d\d)(?=/|$|[-_.])"
    rf"|/({PAGE_YEAR})(\d\d)(\d\d)(?=/|$)",
    re.I,
)
