"""The date grammar of the phrase patterns: month and weekday names, the forms a date
line writes a date and a time in."""

from __future__ import annotations

from typing import Final

MONTHS: Final = (
    r"jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?|"
    r"aug(?:ust|\.)?|sep(?:t(?:ember)?|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?"
)
WEEKDAYS: Final = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday)?\.?,?"
DATE_BODY: Final = (
    rf"(?:{WEEKDAYS}\s+)?(?:"
    rf"\d{{4}}-\d{{1,2}}-\d{{1,2}}(?:[T ]\d{{1,2}}:\d{{2}}\S*)?"
    rf"|\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{2,4}}"
    rf"|\d{{4}}/\d{{1,2}}/\d{{1,2}}"
    rf"|(?:{MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{MONTHS}),?\s+\d{{4}}"
    rf"|\d{{4}}年\d{{1,2}}月\d{{1,2}}日"
    rf"|\d{{4}}년\s*\d{{1,2}}월\s*\d{{1,2}}일"
    r")"
)
TIME_BODY: Final = r"(?:\s*(?:(?:at|,|-|–|\|)\s*)?\d{1,2}[:.h]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?"
