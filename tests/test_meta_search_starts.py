"""The metadata readers' cheap tests give the slow pattern's own answer on
every text: they only skip texts, or the start of a text, where it cannot match.
Checked on texts drawn from the agencies' names and initials in every form their
patterns take, the characters a credit's context is made of (white space of every
kind, the marks and years that may stand before initials) and letters glued to them."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from boilerstrip.meta import dates, published, wire
from boilerstrip.patterns.agencies import WIRES
from boilerstrip.patterns.dates import DATE_RE
from boilerstrip.patterns.rules import folded

AGENCY_PIECES = [
    "Associated Press", "Australian Associated Press", "AAP", "AP", "AP Writer", "AP Auto Writer", "PA",
    "PA Media Reporter", "Reuters", "REUTERS", "Thomson Reuters", "AFP", "Agence France-Presse", "dpa",
    "dpa-AFX", "DPA", "EFE", "Kyodo News", "Bloomberg", "Bloomberg L.P.", "Bloomberg LP", "CP",
    "Canadian Press", "AA", "Anadolu", "Anadolu Ajansı", "ТАСС", "ČTK", "CTK", "sda", "SDA", "ats", "TT",
    "Agência Brasil", "Lusa", "LUSA", "Belga", "APA", "ANI", "WAM", "MENA", "Antara",
    " ", "  ", "\u00a0", "\u2003", "\t", "\n", "\x1c", "2024", "1", ",", "/", "|", "(", ")", "—", "–", "-",
    "©", ".", ";", ":", "x", "é", "_", "Jane Roe", "By ", "İ", "ſ",
]  # fmt: skip
agency_texts = st.lists(st.sampled_from(AGENCY_PIECES), max_size=10).map("".join)


@settings(max_examples=5000, deadline=None)
@given(agency_texts)
def test_credit_match_is_the_patterns_search(text: str) -> None:
    found, expected = wire.credit_match(text), wire._CREDIT_RE.search(text)
    assert (found and (found.span(), found.lastgroup)) == (expected and (expected.span(), expected.lastgroup))


def test_agency_names_split_into_whole_branches() -> None:
    # A wrong split (at a bar inside brackets) leaves a branch that does not compile,
    # or one that reads other texts than the whole source does.
    for agency in WIRES:
        for rx in (agency.names, agency.short):
            branches = wire._alternatives(rx) if rx else []
            assert "|".join(branches) == rx
            for branch in branches:
                re.compile(branch)
            assert [b for b in branches if "|" in b] == [b for b in branches if "(" in b and "|" in b]


DATE_PIECES = [
    "May", "Sept.", "September", "mars", "января", "Jan", "x", "Cup", "of ", "de ", "st", "th", "er", "年", "月", "日",
    "년", "월", "일", "T", " ", "  ", "\u00a0", "\u2003", "\n", ",", ".", "-", "/", ":", "5", "12", "2019", "1999",
    "20241", "٣", "²", "_", "é", "İ", "ſ", "K",
]  # fmt: skip


@settings(max_examples=5000, deadline=None)
@given(
    st.lists(st.sampled_from(DATE_PIECES), max_size=12).map("".join), st.integers(0, 60), st.integers(0, 60)
)
def test_next_date_is_the_patterns_search(text: str, at: int, stop: int) -> None:
    found, expected = dates._next_date(text, at, stop), DATE_RE.search(text, at, stop)
    assert (found and (found.span(), found.groupdict())) == (
        expected and (expected.span(), expected.groupdict())
    )


CONTEXT_PIECES = [
    "Updated", "UPDATED", "modıfied", "Modified", "revised", "Edited", "aktualisiert", "GEÄNDERT", "mis à jour",
    "Mis À Jour", "actualizado", "Actualizada", "atualizado", "aggiornato", "обновлено", "ОБНОВЛЕНО", "ᲂбноᲀлено",
    "bijgewerkt", "更新", "수정", "Answered", "commented", "replied", "Joined", "since", "ſince", "SİNCE",
    "expires", "ends", "until", "valid", "through", "from", "before", "due", "deadline", "event", "starts",
    "founded", "established", "registered", "born", "last post", "Last Reply by Jo", "Mon", "Tuesday", "published",
    "Poſted", "on", "am", "the", " ", ": ", "-", "|", "12", "K", "é",
]  # fmt: skip


@settings(max_examples=5000, deadline=None)
@given(st.lists(st.sampled_from(CONTEXT_PIECES), max_size=6).map("".join))
def test_date_context_stems_give_the_patterns_answer(text: str) -> None:
    low = folded(text)
    for stems, pattern in (
        (published._MODIFIED_STEMS, published._MODIFIED_WORDS),
        (published._PUBLISHED_STEMS, published._PUBLISHED_WORDS),
        (published._OTHER_DATE_STEMS, published._OTHER_DATE_WORDS),
    ):
        assert published._holds_any(low, stems) or pattern.search(text) is None
