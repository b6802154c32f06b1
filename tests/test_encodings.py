"""Bytes in many encodings, with a right, a wrong or no <meta charset>, come out as the
text that was written."""

from __future__ import annotations

import codecs
import gzip

import pytest

import boilerstrip
from boilerstrip.decode import is_utf8, is_utf8_in_python

from .conftest import FIXTURES

TEXTS = {
    "fr": (
        "Le conseil municipal a voté mardi la prolongation du programme pour deux années de plus, "
        "selon les élus. Les habitants avaient demandé cette décision lors de trois réunions publiques.",
        "Les représentants de l'opposition ont critiqué le coût élevé du projet, mais la majorité a "
        "défendu une mesure qu'elle juge nécessaire pour l'économie de la région et ses familles.",
    ),
    "de": (
        "Der Stadtrat hat am Dienstag beschlossen, das Programm um zwei weitere Jahre zu verlängern, "
        "wie Vertreter mitteilten. Die Bürger hatten die Verlängerung in drei Anhörungen gefordert.",
        "Kritiker bemängelten die hohen Kosten, doch die Mehrheit verteidigte die Maßnahme als "
        "notwendig für die Wirtschaft der Region und für viele Familien in der Umgebung der Stadt.",
    ),
    "ru": (
        "Городской совет во вторник проголосовал за продление программы ещё на два года, сообщили "
        "чиновники. Жители просили об этом на трёх публичных слушаниях летом этого года.",
        "Представители оппозиции раскритиковали высокую стоимость проекта, однако большинство "
        "депутатов поддержало решение, назвав его необходимым для экономики всего региона.",
    ),
    "ja": (
        "市議会は火曜日、この制度をさらに二年間延長することを決めたと当局者が明らかにした。住民は夏に開かれた三回の公聴会で延長を求めていた。",
        "野党の議員は事業の費用が高すぎると批判したが、多数派は地域の経済と多くの家族のために必要な措置だと主張した。",
    ),
    "zh": (
        "市议会星期二投票决定将这一计划再延长两年，官员表示。居民们曾在夏天举行的三次公开听证会上要求延长该计划。",
        "反对派代表批评该项目的成本过高，但多数议员支持这项决定，认为这对本地区的经济和许多家庭来说是必要的。",
    ),
    "zh-tw": (
        "市議會星期二投票決定將這一計畫再延長兩年，官員表示。居民們曾在夏天舉行的三次公開聽證會上要求延長該計畫。",
        "反對派代表批評該項目的成本過高，但多數議員支持這項決定，認為這對本地區的經濟和許多家庭來說是必要的。",
    ),
}

# (language, Python codec, the label a page would declare)
CASES = [
    ("fr", "utf-8", "utf-8"),
    ("fr", "cp1252", "windows-1252"),
    ("fr", "iso-8859-1", "iso-8859-1"),
    ("de", "iso-8859-15", "iso-8859-15"),
    ("ru", "cp1251", "windows-1251"),
    ("ru", "koi8-r", "koi8-r"),
    ("ru", "iso-8859-5", "iso-8859-5"),
    ("ja", "shift_jis", "shift_jis"),
    ("ja", "euc-jp", "euc-jp"),
    ("zh", "gb18030", "gb18030"),
    ("zh", "gbk", "gbk"),
    ("zh", "gb2312", "gb2312"),
    ("zh-tw", "big5", "big5"),
    ("ru", "utf-16", "utf-16"),
    ("ja", "utf-16-le", "utf-16"),
]


def page(lang: str, charset: str | None) -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    paras = "".join(f"<p>{p}</p>" for p in TEXTS[lang])
    return (
        f"<!DOCTYPE html><html><head>{meta}<title>Council</title></head><body>"
        f"<nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article>{paras}</article>"
        f"<footer>Contact</footer></body></html>"
    )


def check(result: boilerstrip.Result, lang: str) -> None:
    for para in TEXTS[lang]:
        assert para in result.text


@pytest.mark.parametrize(("lang", "codec", "label"), CASES)
def test_declared_charset(lang: str, codec: str, label: str) -> None:
    check(boilerstrip.clean(page(lang, label).encode(codec)), lang)


@pytest.mark.parametrize(("lang", "codec", "label"), CASES)
def test_missing_charset(lang: str, codec: str, label: str) -> None:
    check(boilerstrip.clean(page(lang, None).encode(codec)), lang)


WRONG = [
    ("ru", "cp1251", "iso-8859-1"),
    ("ru", "koi8-r", "windows-1251"),
    ("ja", "shift_jis", "utf-8"),
    ("ja", "euc-jp", "shift_jis"),
    ("zh", "gb18030", "big5"),
    ("fr", "utf-8", "iso-8859-1"),
    ("de", "cp1252", "utf-8"),
    ("zh-tw", "big5", "gb2312"),
]


@pytest.mark.parametrize(("lang", "codec", "label"), WRONG)
def test_wrong_charset(lang: str, codec: str, label: str) -> None:
    check(boilerstrip.clean(page(lang, label).encode(codec)), lang)


def test_utf8_bom() -> None:
    check(boilerstrip.clean(codecs.BOM_UTF8 + page("de", None).encode("utf-8")), "de")


def test_utf16_bom() -> None:
    data = page("zh", "utf-16").encode("utf-16")  # Python writes the BOM
    assert data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
    check(boilerstrip.clean(data), "zh")


def test_text_dump_bytes_in_cp1251() -> None:
    dump = "Главная\nНовости\n\n" + "\n\n".join(TEXTS["ru"]) + "\n\nКонтакты\n"
    check(boilerstrip.clean(dump.encode("cp1251")), "ru")


def test_compressed_page_is_an_input_error() -> None:
    data = gzip.compress(page("fr", "utf-8").encode("utf-8"))
    with pytest.raises(boilerstrip.InputError, match="gzip"):
        boilerstrip.clean(data)


def test_binary_data_is_an_input_error() -> None:
    with pytest.raises(boilerstrip.InputError, match="binary"):
        boilerstrip.clean(bytes(range(256)) * 3)


def test_utf8_bytes_and_str_give_the_same_page() -> None:
    """UTF-8 bytes go to the parser as they are; a str is encoded first. Both read alike
    (a Russian page, an XML declaration, a NUL byte)."""
    page = gzip.decompress((FIXTURES / "html" / "sh-3c6d3381ef52.html.gz").read_bytes())
    variants = [
        page,
        b'<?xml version="1.0" encoding="utf-8"?>\n' + page,
        page.replace(b"<body", b"\x00<body", 1),
    ]
    for data in variants:
        from_bytes, from_str = boilerstrip.clean(data), boilerstrip.clean(data.decode("utf-8"))
        assert from_bytes.text == from_str.text and from_bytes.title == from_str.title
        assert "Наши герои знают толк" in from_bytes.text


@pytest.mark.parametrize(
    ("lang", "codec", "label"), [("fr", "cp1252", None), ("ru", "cp1251", "windows-1251")]
)
def test_legacy_bytes_that_open_as_utf8(lang: str, codec: str, label: str | None) -> None:
    """Bytes whose first kilobytes are ASCII (a long script, a menu) read as UTF-8 until
    the article: HTML is told from them, and UTF-8 checked over all of them, so the
    article still comes out in its own charset."""
    head_script = "<script>var menu = [" + ", ".join(f"'item {i}'" for i in range(2000)) + "];</script>"
    markup = page(lang, label).replace("<title>", head_script + "<title>", 1)
    data = markup.encode(codec)
    assert len(data) > 16_384 and data[:16_384].isascii()
    check(boilerstrip.clean(data), lang)


@pytest.mark.parametrize("chunk", [4, 5, 7, 16_384])
def test_utf8_check_across_chunk_edges(chunk: int) -> None:
    """`is_utf8_in_python` checks a chunk at a time: on a real Japanese page, whose characters
    are three bytes each, every chunk size that splits them gives the decoder's answer,
    for the page as it is, cut inside its last character, and with a stray byte."""
    page = gzip.decompress((FIXTURES / "html" / "ml-newspaper4k-japanese_article.html.gz").read_bytes())
    page = page[:60_000]
    last = page.rindex("。".encode())
    cases = [page[: last + 3], page[: last + 2], page[:30_001] + b"\xff" + page[30_001 : last + 3]]
    for data in cases:
        try:
            data.decode("utf-8")
            valid = True
        except UnicodeDecodeError:
            valid = False
        assert is_utf8_in_python(data, chunk) is valid
        assert is_utf8(data) is valid  # in C where built
    assert is_utf8_in_python(cases[0], chunk)
