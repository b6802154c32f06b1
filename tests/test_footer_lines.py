"""`furniture.FOOTER_LINES` is every text FOOTER_WORDS matches whole, lowercased, and
`footer_row` looks its parts up there on the lowered text: it must give what matching
each part against the patterns gives (`_footer_row_matched`)."""

from __future__ import annotations

import re
import sys
from re import _constants as sre_constants  # type: ignore[attr-defined]
from re import _parser as sre_parser  # type: ignore[attr-defined]

import pytest

from boilerstrip.patterns import furniture, rules


def _language(items: list[tuple[object, object]]) -> list[str]:
    """Every text a pattern of literals, groups, branches and optional parts matches."""
    out = [""]
    for op, av in items:
        if op is sre_constants.LITERAL:
            alternatives = [chr(av)]  # type: ignore[arg-type]
        elif op is sre_constants.SUBPATTERN:
            alternatives = _language(av[3])  # type: ignore[index]
        elif op is sre_constants.BRANCH:
            alternatives = [t for branch in av[1] for t in _language(branch)]  # type: ignore[index]
        elif op is sre_constants.MAX_REPEAT and av[:2] == (0, 1):  # type: ignore[index]
            alternatives = ["", *_language(av[2])]  # type: ignore[index]
        else:
            raise AssertionError(f"not a finite pattern: {op}")
        out = [a + b for a in out for b in alternatives]
    return out


def test_footer_lines_are_what_footer_words_match_whole() -> None:
    words = _language(list(sre_parser.parse(furniture.FOOTER_WORDS.pattern)))
    assert set(words) == furniture.FOOTER_LINES
    for w in furniture.FOOTER_LINES:
        assert w == w.lower() and furniture.FOOTER_WORDS.fullmatch(w.upper()), w
        # A footer word holds no separator, and starts and ends with a letter.
        assert furniture.FOOTER_SPLIT.split(w) == [w] and w[0].isalpha() and w[-1].isalpha(), w


def test_lower_makes_and_unmakes_no_separator() -> None:
    """`str.lower` makes no separator of FOOTER_SPLIT nor character a part is stripped
    of (" .:"), of any other character, and keeps each of them as it is."""
    everything = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)
    marks = re.compile(r"[\s|·•/,\-.:]")
    for ch in marks.findall(everything):
        assert ch.lower() == ch
    assert not marks.search(marks.sub("", everything).lower())


@pytest.mark.parametrize(
    "text",
    [
        "Contact Us", "PRIVACY POLICY", "Privacy Policy | Terms of Use | Site Map", "  About  ",
        "privacy  .", "Jobs at WSJ", "Terms of Sale", "About · Careers · Press", "Help / FAQ",
        "Contact - About", "Contact-About", "Shop, Store,", ":: Kontakt ::", "Impressum | Datenschutz",
        "MENTIONS LÉGALES", "POLÍTICA DE PRIVACIDAD", "Do Not Sell My Personal Information",
        "Prİvacy", "prıvacy | terms", "Preſs", "Media KIT", "Media \u212ait", "faqs\tcareers",
        "rss feeds / archives", "Privacy Policy and more", "", " ", "|", "terms & use", "| · Help", ", -Legal",
        "\u3000Store", "Storefront", "Hello", "Shopping", "Code of conduct, ethics", "codes of conduct",
    ],
)  # fmt: skip
def test_footer_row_gives_what_the_patterns_give(text: str) -> None:
    assert furniture.footer_row(text) == furniture._footer_row_matched(text), text
    low = rules.caseless(text)  # what `footer_row` looks its parts up by, where it does
    if low is not None:
        assert furniture._starts_footer(low) == (furniture.FOOTER_START.match(text) is not None), text
