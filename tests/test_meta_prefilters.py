"""The metadata stage's cheap tests that run before slow patterns (`authors._may_credit`,
`wire.credit_match`, `wire._photo_credit`, `people._has_byline_mark`,
`authors._has_credit_stem`, `published._may_say_published`, `wire._may_credit_part`,
`titles.last_crumb`'s marks, `titles._may_share`, `authors._beside_date`'s name test)
must give the pattern's own answer on every text: they only skip texts the pattern
cannot match. Checked on texts drawn from the characters that make case-blind matching
differ from `str.lower` (dotted and dotless i, long s, the Kelvin sign, the Cyrillic
letters the pattern matches to others), the patterns' words and the agencies' names.
And the date reader's fields by the branch that matched (`dates._iso`) read as the
whole groupdict did."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from boilerstrip.meta import authors, dates, people, published, titles, wire
from boilerstrip.patterns.dates import DATE_RE, MONTH_NUMBER

from .test_prefilters import texts

# The patterns the cheap tests stand for (each was the code's own until a cheap test
# replaced it): a stem of each credit key, what sets a byline's name apart from its agency.
CREDIT_STEMS = re.compile("by|starter|poster|aut|contributor")
AGENCY_BYLINE_MARKS = re.compile(r"[|,(\-–—]")


@settings(max_examples=3000, deadline=None)
@given(texts)
def test_credit_tests_give_the_patterns_answer(text: str) -> None:
    head = text[: authors._CREDIT_HEAD]
    assert authors._may_credit(head) == (authors._CREDIT_KEYS.search(head) is not None)
    found, expected = wire.credit_match(text), wire._CREDIT_RE.search(text)
    assert (found and found.span()) == (expected and expected.span())


@settings(max_examples=3000, deadline=None)
@given(texts)
def test_credit_stems_by_substrings_give_the_patterns_answer(text: str) -> None:
    low = text.lower()
    assert authors._has_credit_stem(low) == (CREDIT_STEMS.search(low) is not None)


MARK_PIECES = ["Jane Roe", " ", "|", ",", "(", ")", "-", "–", "—", "‐", "‑", "/", "AFP", "¦", "，", "（"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(MARK_PIECES), max_size=10).map("".join))
def test_byline_mark_test_gives_the_patterns_answer(text: str) -> None:
    assert people._has_byline_mark(text) == (AGENCY_BYLINE_MARKS.search(text) is not None)


PHOTO_PIECES = [
    "photo", "PHOTO", "Photo", "ımage", "İmage", "image", "Getty", "EPA", "epa", "Epa", "xEPAx", "ShutterſtocK",
    "shutterstock", "picture", "pıcture", "FOTO", "Bild", "bıld", "AFP", " ", "/", "(", ")", "Jane Roe", "é", "K",
]  # fmt: skip


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(PHOTO_PIECES), max_size=8).map("".join))
def test_photo_credit_test_gives_the_patterns_answer(text: str) -> None:
    assert wire._photo_credit(text) == (wire._PHOTO_CREDIT.search(text) is not None)


PUBLISHED_PIECES = [
    "Published", "PUBLİSHED", "publıshed", "Poſted", "posted", "publicado", "Publié", "publiziert",
    "Veröffentlicht", "VERÖFFENTLICHT", "pubblicata", "Опубликовано", "ᲂпубликоᲀано", "gepubliceerd", "Asked",
    "aſked", "发布", "發佈", "公開", "입력", "on", "am", "le", "the", " ", ": ", "-", "12", "2024", "May", "K", "é",
]  # fmt: skip


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(PUBLISHED_PIECES), max_size=8).map("".join))
def test_published_stems_give_the_patterns_answer(text: str) -> None:
    found = any(published._PUBLISHED_WORDS.search(text[:end]) for end in range(len(text) + 1))
    assert found <= published._may_say_published(text)  # a text it skips says no "published"


CONTRIBUTED_PIECES = [
    "This", "THİS", "thıs", "thiſ", "The following", "THE FOLLOWİNG", " ", "story", "report", "Jane Roe",
    "contributed to this report", "CONTRİBUTED to this story", "contrıbuted to thiſ article", "AP", ".",
]  # fmt: skip


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(CONTRIBUTED_PIECES), max_size=8).map("".join))
def test_credit_part_test_gives_the_patterns_answer(text: str) -> None:
    if wire._CONTRIBUTED_RE.search(text):
        assert wire._may_credit_part(text)


CRUMB_PIECES = [
    "Home", "Blog", "Story told", " > ", " › ", " » ", " / ", " | ", " · ", ">", "›", "»", "/", "|", "·", " ", "<", "-", "x1",
]  # fmt: skip


def _crumb_by_patterns(line: str, loose: bool) -> str:
    """`titles.last_crumb` as it was before its marks' test: the patterns alone."""
    crumb = titles._LOOSE_CRUMB if loose else titles._CRUMB
    steps = [s for s in crumb.split(line) if s.strip()]
    seps = crumb.findall(line)
    if len(steps) < 2 or len(steps[-1].split()) < 2:
        return line
    if len(seps) < titles._CRUMB_MIN_STEPS and not (
        loose
        and len(seps) == 1
        and titles._CHEVRON.search(seps[0])
        and len(steps[0].split()) <= titles._CRUMB_ROOT_MAX_WORDS
    ):
        return line
    return steps[-1].strip()


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(CRUMB_PIECES), max_size=10).map("".join), st.booleans())
def test_last_crumb_gives_the_patterns_answer(line: str, loose: bool) -> None:
    assert titles.last_crumb(line, loose=loose) == _crumb_by_patterns(line, loose)


WORD_PIECES = [
    "how",
    "to",
    "Use",
    "GYM",
    "gym",
    "İstanbul",
    "ıstanbul",
    "Straße",
    "strasse",
    "ﬁt",
    "fit",
    "2024",
    " ",
    "-",
]
words_of = st.lists(st.sampled_from(WORD_PIECES), max_size=8).map("".join)


@settings(max_examples=3000, deadline=None)
@given(words_of, words_of, st.sampled_from([0.0, 0.5, 0.6, 0.75, 1.0]))
def test_share_bound_holds_the_shared_words(address: str, line: str, share: float) -> None:
    slug = titles.title_words(address)
    if slug and len(slug & titles.title_words(line)) / len(slug) > share:
        assert titles._may_share(slug, line.casefold(), share)


NAME_PIECES = [
    "Jane",
    "Doe",
    "van",
    "A.",
    "JD",
    " ",
    "  ",
    "(jd)",
    "May 5, 2024",
    "12",
    "jane",
    "Updated",
    ",",
]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(NAME_PIECES), max_size=8).map("".join))
def test_a_name_opens_every_line_a_name_is_read_from(text: str) -> None:
    m = authors._POST_HEAD.match(text)
    names = [m.group("name")] if m else []
    if any(authors._name_alone(name) for name in [*names, text.strip()]):
        assert people.NAME_LINE.match(text.lstrip()) is not None


def _iso_by_groupdict(m: re.Match[str]) -> str | None:
    """`dates._iso` as it was before it read the branch's groups: the whole groupdict."""
    g = {k: v for k, v in m.groupdict().items() if v}
    month_name = g.get("mn3") or g.get("mn4") or g.get("mn7")
    if month_name and month_name.lower() not in MONTH_NUMBER:
        return None
    y = int(next(v for k, v in g.items() if k[0] == "y"))
    d = int(next(v for k, v in g.items() if k[0] == "d"))
    mo = MONTH_NUMBER[month_name.lower()] if month_name else int(next(v for k, v in g.items() if k[0] == "m"))
    if mo > 12 and "m6" in g:
        mo, d = d, mo
    if 1 <= mo <= 12 and 1 <= d <= 31 and 1900 <= y <= 2100:
        return f"{y:04d}-{mo:02d}-{d:02d}"
    return None


DATE_PIECES = [
    "2024", "1899", "2101", "12", "5", "31", "19", "0", "13", "-", "/", ".", " ", ", ", "T10", "年", "月", "日", "년",
    "월", "일", "May", "MAİ", "janvier", "Sept", "foo", "of ", "de ", "th", "st", "er", "Jane", "DoeMarch", "٢٠٢٤",
]  # fmt: skip


@settings(max_examples=5000, deadline=None)
@given(st.lists(st.sampled_from(DATE_PIECES), max_size=10).map("".join))
def test_a_dates_fields_read_by_its_branch_as_by_its_groupdict(text: str) -> None:
    for m in DATE_RE.finditer(text):
        assert dates._iso(m) == _iso_by_groupdict(m)
