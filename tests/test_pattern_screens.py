"""The screens the pattern detectors try before a pattern (`may_be_metadata` and its
kin, `patterns.story`, `furniture`, `prompts`, `comments`) must pass every text the
pattern matches: they only skip texts it cannot. Checked on texts the patterns
themselves generate (at a block's start, as the detectors match them), then with
letters swapped for those case-blind matching reads as the same letter where
`str.lower` does not (dotted and dotless i, long s, the Kelvin sign, the old forms of
Cyrillic letters), and on the constants the screens copy from the patterns."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from boilerstrip.patterns import comments, furniture, prompts, rules, story

SCREENS: list[tuple[str, re.Pattern[str], Callable[[str], bool]]] = [
    ("metadata", story.METADATA, story.may_be_metadata),
    ("byline", story.BYLINE, story.may_be_byline),
    ("navigation", furniture.NAVIGATION, furniture.may_be_navigation),
    ("prompt", prompts.PROMPT, prompts.may_be_prompt),
    ("ad", prompts.AD, prompts.may_be_ad),
    ("votes", comments.VOTES, comments.may_be_votes),
    ("related", furniture.RELATED, furniture.may_be_related),
]

# What a case-blind pattern reads as the same letter (beyond the other case).
VARIANTS = {
    "i": "İıI",
    "s": "ſS",
    "k": "KK",
    "в": "ᲀВ",
    "д": "ᲁД",
    "о": "ᲂО",
    "с": "ᲃС",
    "т": "ᲄᲅТ",
    "ъ": "ᲆЪ",
}


def _at_start(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """`pattern` anchored where the detectors match it: at the text's start."""
    return re.compile(r"\A(?:" + pattern.pattern + ")", pattern.flags)


@st.composite
def _variant(draw: st.DrawFn, text: str) -> str:
    """`text` with some letters swapped for a letter the pattern reads the same."""
    out = []
    for ch in text:
        choices = VARIANTS.get(ch.lower(), "")
        if choices and draw(st.booleans()):
            ch = draw(st.sampled_from(choices))
        elif draw(st.integers(0, 3)) == 0:
            ch = ch.swapcase() if len(ch.swapcase()) == 1 else ch
        out.append(ch)
    return "".join(out)


@pytest.mark.parametrize(("name", "pattern", "screen"), SCREENS, ids=[s[0] for s in SCREENS])
def test_screens_pass_what_the_pattern_generates(
    name: str, pattern: re.Pattern[str], screen: Callable[[str], bool]
) -> None:
    strategy = st.from_regex(_at_start(pattern)).flatmap(lambda t: st.one_of(st.just(t), _variant(t)))

    @settings(max_examples=1000, deadline=None, suppress_health_check=list(HealthCheck))
    @given(strategy)
    def check(text: str) -> None:
        if pattern.match(text):
            assert screen(text), (name, text)

    check()


# Lines the detectors meet, and the matches the screens must not miss among them.
LINES = [
    ("metadata", "November 19, 2019 at 11:46 am"),
    ("metadata", "18 Nov 2019, 11:09am"),
    ("metadata", "2nd of   ſeptember, 2019"),
    ("metadata", "3RD OF JANUARY 2020"),
    ("metadata", "05.11.19"),
    ("metadata", "2013年04月09日"),
    ("metadata", "Published 1 day ago"),
    ("metadata", "5 min read"),
    ("metadata", "3 ДНЯ НАЗАД"),
    ("metadata", "ФОТО: ТАСС"),
    ("metadata", "(AP)"),
    ("metadata", "hace 3 horas"),
    ("metadata", "UPDATED: Nov. 5"),
    ("metadata", "ſource: Reuters"),
    ("metadata", "PUBLİSHED: today"),
    ("byline", "By Jane Doe"),
    ("byline", "Jane Doe - Nov 19, 2019"),
    ("byline", "ſarah Doe | Nov 19, 2019"),
    ("byline", "Text: Jane Doe"),
    ("navigation", "Home"),
    ("navigation", "» "),
    ("navigation", "[Skip to main content]"),
    ("navigation", "Page 2 of 7"),
    ("navigation", "12"),
    ("navigation", "[ 3 of 7 ]"),
    ("navigation", "« »"),
    ("navigation", "ГЛАᲀНАЯ"),
    ("navigation", "LİVE TV"),
    ("navigation", "ſections »"),
    ("prompt", "Sign up for our newsletter"),
    ("prompt", "Delivered to your inbox"),
    ("prompt", "ſubscribe now"),
    ("ad", "ADVERTISEMENT"),
    ("ad", "« Click here to win"),
    ("ad", "Enter our GIVEAWAY today"),
    ("votes", "Reply"),
    ("votes", "12 LiKes"),
    ("votes", "Report abuſe"),
    ("votes", "-3 (+1/-4)"),
    ("related", "Related Stories"),
    ("related", "« MORE FROM CNN »"),
    ("related", "Black Friday Deals"),
    ("related", "Here's what's trending:"),
    ("related", "総合ランキング"),
    ("related", "ЧИТАЙТЕ ТАКЖЕ"),
    ("related", "[ Editor’s Picks ]"),
    ("metadata", "Video: Jane Doe"),
    ("metadata", "PHOTOGRAPH BY Jane Doe"),
    ("metadata", "(AP Photo)"),
    ("metadata", "REUTERS"),
    ("metadata", "Tags: Politics"),
    ("metadata", "On Monday, Nov. 18, 2019"),
    ("metadata", "Sep. 5, 2019"),
    ("metadata", "One hour ago"),
    ("metadata", "una ora fa"),
]


@pytest.mark.parametrize(("name", "text"), LINES)
def test_screens_pass_known_matches(name: str, text: str) -> None:
    _, pattern, screen = next(s for s in SCREENS if s[0] == name)
    assert pattern.match(text), text
    assert screen(text), text


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("metadata", "Meal 2"),
        ("metadata", "Dare to Play 3"),
        ("metadata", "2019 Spacenews, Inc."),
        ("metadata", "14. Plan meals"),
        ("metadata", "24 Discounts Seniors Are Entitled To"),
        ("navigation", "84.1K"),
        ("navigation", "$164.99"),
        ("navigation", "All Newspapers"),
        ("navigation", "Video Center"),
        ("prompt", "Maple Leafs continue to spiral under slow starts"),
        ("byline", "15 Helpful Tips"),
        ("ad", "Get Breaking News"),
        ("votes", "1%"),
        ("metadata", "Video"),
        ("metadata", "Video Center"),
        ("metadata", "Apple Pro Display XDR December 2019"),
        ("metadata", "Markets Video"),
        ("metadata", "June 9 -- Coral Sky Amphitheatre"),
        ("metadata", "Topics"),
        ("metadata", "The vote was 5 days ago"),
        ("related", "Maple Leafs continue to spiral"),
        ("related", "Apple Pro Display XDR"),
    ],
)
def test_screens_skip_common_lines(name: str, text: str) -> None:
    _, pattern, screen = next(s for s in SCREENS if s[0] == name)
    assert not pattern.match(text)
    assert not screen(text)


def _every_char() -> str:
    return "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)


def test_spaces_are_what_backslash_s_matches() -> None:
    everything = _every_char()
    assert set(rules.SPACES) == set(re.findall(r"\s", everything))
    assert set(rules.SPACES) == {c for c in everything if c.isspace()}


def test_lead_and_trail_are_line_sources_classes() -> None:
    everything = _every_char()
    lead = re.compile(r"[\[(«<\s【「『〔［（]")
    trail = re.compile(r"[\s:.!?»›>|•\-–—\])】」』〕］）：。]")
    assert set(rules.LEAD) == set(lead.findall(everything))
    assert set(rules.TRAIL) == set(trail.findall(everything))
    # ... and they are the classes `line_source` writes.
    source = rules.line_source("x")
    assert lead.pattern[1:-1] in source and trail.pattern[1:-1] in source


TABLES = [story._METADATA_STARTS, story._BYLINE_STARTS, prompts._AD_STARTS, furniture._RELATED_STARTS]


def _screen_letters() -> set[str]:
    """Every letter of the words the screens look for in a lowercased text."""
    words: list[str] = [*furniture._NAVIGATION_WORDS, *prompts._PROMPT_WORDS]
    words += [" ago", " fa", " наза", "read", "giveaway", "search", "page ", *furniture._RELATED_INSIDE]
    words += [*furniture.FOOTER_LINES, *story._CAPTION_AFTER, *story._CAPTION_LABELS, *story._CAPTION_WORDS]
    for table in TABLES:
        for found in table.values():
            words += found
    return {ch for w in words for ch in w if ch.lower() != ch.upper()}


def _read_as(letter: str, everything: str) -> set[str]:
    """Every character a case-blind pattern reads as `letter`."""
    return set(re.findall(re.escape(letter), everything, re.IGNORECASE))


def test_str_lower_makes_the_screens_letters_but_those_of_read_as() -> None:
    """Every character a case-blind pattern reads as one of the screens' letters is
    that letter lowercased, or one of `rules.READ_AS` (which `caseless` gives up on)."""
    everything = _every_char()
    for letter in sorted(_screen_letters()):
        assert letter.lower() == letter  # the screens' words are lowercase
        for ch in _read_as(letter, everything):
            assert ch.lower() == letter or ch in rules.READ_AS.get(letter, ""), (letter, ch)
    for ch in rules._UNSURE:
        assert rules.caseless("a" + ch) is None
    assert rules.caseless("ABC é") == "abc é"


def test_by_first_has_every_first_letter_a_pattern_reads_as_its_prefixes() -> None:
    """A text a prefix's pattern matches starts with a key of its table: every
    character a case-blind pattern reads as the prefix's first letter is one."""
    everything = _every_char()
    for table in TABLES:
        for found in table.values():
            for prefix in found:
                if not prefix:
                    continue
                for ch in _read_as(prefix[0], everything):
                    assert ch in table, (prefix, ch)
                    assert table[ch] == ("",) or prefix in table[ch], (prefix, ch)


def test_name_initials_are_what_a_to_z_matches_case_blind() -> None:
    everything = _every_char()
    assert set(re.findall("[A-Z]", everything, re.IGNORECASE)) == story._NAME_INITIALS


def test_votes_ends_are_what_its_letters_match_case_blind() -> None:
    everything = _every_char()
    assert set(re.findall("[rsfpudl]", everything, re.IGNORECASE)) | {"-"} == comments._VOTES_FIRST
    assert set(re.findall("[ytegkds]", everything, re.IGNORECASE)) | {")"} == comments._VOTES_LAST


def test_ago_branches_start_with_what_the_metadata_screen_reads_them_after() -> None:
    """METADATA's "N minutes ago" branches in English and Italian start with a number
    or "a", "an", "about", "posted", "one", "una": every character a case-blind
    pattern reads as one of those first letters is in `_AGO_FIRST`."""
    everything = _every_char()
    assert set(re.findall("[apou]", everything, re.IGNORECASE)) == story._AGO_FIRST


def test_metadata_follow_ups_are_where_their_words_start() -> None:
    """Every word `_METADATA_NEXT` holds a follow-up for is a prefix of the screen's
    table, and each follow-up matches at the start of the lines its branch does."""
    prefixes = {p for found in story._METADATA_STARTS.values() for p in found}
    assert set(story._METADATA_NEXT) <= prefixes
    for text, prefix in [
        ("Sep. 5, 2019", "sep"),
        ("MAY 5 2020 at 10:30 am", "may"),
        ("Filed under Politics", "filed under"),
        ("Fotos courtesy of X", "foto"),
        ("(Getty Images)", "("),
        ("Getty Images via Getty Images", "getty images"),
    ]:
        assert story.METADATA.match(text), text
        assert story._METADATA_NEXT[prefix].match(text), text


def _caption_by_every_test(text: str) -> bool:
    """`story.is_caption` as it was, each agency's name tested on every text."""
    end = text[-story._CAPTION_TAIL :]
    lower = end.lower()
    if not any(w in lower for w in story._CAPTION_WORDS) and not any(
        a in end for a in story._CAPTION_AGENCIES
    ):
        return False
    return story.CAPTION.search(text, len(text) - story._CAPTION_TAIL) is not None


_CAPTION_TEXTS = st.tuples(
    st.text(alphabet=st.sampled_from("Ab .,:-İıK"), max_size=150),
    st.from_regex(story.CAPTION).flatmap(lambda t: st.one_of(st.just(t), _variant(t))),
    st.sampled_from(["", " ", ")", "/", ".", "İ", "\n"]),
).map("".join)


@settings(max_examples=1000, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.one_of(
        _CAPTION_TEXTS, st.text(alphabet=st.sampled_from("APReutrsGetyImagePhotCdıİK /():x"), max_size=140)
    )
)
def test_caption_tells_apart_what_it_did(text: str) -> None:
    """Agencies' names are tested only on a text with a slash, a bracket or a
    character outside ASCII: `is_caption` gives what it gave testing them on all."""
    assert story.is_caption(text) == _caption_by_every_test(text), text


@pytest.mark.parametrize(
    "text",
    [
        "Photo: Damian Dovarganes, AP", "Image Credit: WeWork", "Main image credit: Getty",
        "(Photo Credit : PTI File Photo )", "Bad Romance (Images)", "(Image: © NASA/ESA/K. Retherford/SWRI)",
        "Spain, Tuesday. (Manu Fernandez/AP)", "Fla. (AP Photo/Alan Diaz, File)", "Jane Doe / AFP via Getty Images",
        "Jane Doe/Reuters File", "Won 5-4. (AP Photo/Gene J. Puskar) less", "The crowd. Jane Doe/AFP Hide Caption",
        "Playoff picture: Raiders in pursuit", "AAPL: 266.29 ( -0.81 )", "Ilmu (4)", "See more photos:",
        "He said: it was (not) fine.", "Photos : Jane Doe\n", "PHOTOS: Jane Doe  ", "Credits:\tJane Doe",
        "Photoſ: Jane Doe", "Pİcture: Jane Doe", "(Pıcture courtesy of X)", "Jane Doe/Reuters more",
        "Jane Doe/Reuters leſs", "(Jane Doe) ENLARGE", "x (y (Photo: z)", "(AP)", "(Reuters/Jane Doe)",
        "a: b.", "", " ", ")", ":", "Photo:", "Photo: x.", "Photo: xy", "photo:00)", "Image: Jane (AFP)",
    ],
)  # fmt: skip
def test_caption_ends_tell_apart_only_what_cannot_match(text: str) -> None:
    """`story._may_end_caption` says no only where CAPTION cannot match at the text's
    end, and `is_caption` gives what it gave before it asked (`_caption_by_every_test`)."""
    end = text[-story._CAPTION_TAIL :]
    if story.CAPTION.search(text, len(text) - story._CAPTION_TAIL):
        assert story._may_end_caption(end), text
    assert story.is_caption(text) == _caption_by_every_test(text), text


def test_caption_last_letters_are_what_the_words_after_a_credit_end_with() -> None:
    """`story._CAPTION_LAST` holds every character a case-blind pattern reads as the
    last letter of a word CAPTION takes after the credit, and the names' last letters."""
    everything = _every_char()
    lasts = "".join(sorted({w[-1] for w in story._CAPTION_AFTER}))
    read_as = set(re.findall(f"[{lasts}]", everything, re.IGNORECASE))
    assert read_as | {name[-1] for name in story._CAPTION_NAMES} == story._CAPTION_LAST


@pytest.mark.parametrize("word", sorted(furniture._NAVIGATION_WORDS))
def test_menu_words_are_navigation_lines(word: str) -> None:
    """`furniture.is_menu_word` says yes only where NAVIGATION matches: each of its
    words, in either case, between brackets and punctuation."""
    for text in (word, word.upper(), word.title(), f"[ {word} ]", f"« {word.upper()} »\n", f"({word}):"):
        assert furniture.is_menu_word(text) and furniture.NAVIGATION.match(text), text
    for text in (f"{word} x", f"x {word}", f"{word}s", f"-{word}"):
        if furniture.is_menu_word(text):
            assert furniture.NAVIGATION.match(text), text
