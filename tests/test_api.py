"""The public API: inputs, errors, configuration, determinism, user detectors."""

from __future__ import annotations

import ast
import dataclasses
import gzip
import pickle
from collections.abc import Iterator

import pytest

import boilerstrip
from boilerstrip import Cleaner, Config, ConfigError, InputError, Label, Verdict, result

from .conftest import FIXTURES, ROOT


def test_rejects_wrong_type() -> None:
    with pytest.raises(InputError, match="str or bytes"):
        boilerstrip.clean(12345)  # type: ignore[arg-type]


def test_rejects_oversized_page() -> None:
    with pytest.raises(InputError, match="max_input_chars"):
        boilerstrip.clean("x" * 101, config=Config(max_input_chars=100))


def test_empty_page_gives_empty_result() -> None:
    result = boilerstrip.clean("")
    assert result.text == "" and result.title is None


def test_unknown_detector_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="no_such_detector"):
        Cleaner(Config(detectors=("content", "no_such_detector")))


def test_disabling_a_detector_changes_labels(seed_text: str) -> None:
    on = Cleaner().clean(seed_text)
    off = Cleaner(Config(disabled=frozenset({"login"}))).clean(seed_text)
    assert any(b.label is Label.LOGIN for b in on.blocks)
    assert not any(b.label is Label.LOGIN for b in off.blocks)


def test_user_detector_runs_and_gives_reason(seed_text: str) -> None:
    def giveaway(page: boilerstrip.Page) -> list[Verdict]:
        return [Verdict(b.index, Label.AD, "mentions NordVPN") for b in page.blocks if "NordVPN" in b.text]

    user_first = Config(detectors=("giveaway", *Config().detectors))
    result = Cleaner(user_first, detectors={"giveaway": giveaway}).clean(seed_text)
    hits = [b for b in result.blocks if "giveaway: mentions NordVPN" in b.reasons]
    assert len(hits) == 2


def test_user_detector_may_be_unhashable(seed_text: str) -> None:
    """The run finds a built-in detector's claims by its function's identity: a user's
    callable that cannot be hashed (a class with __eq__ and no __hash__) runs as any."""

    class Giveaway:
        def __eq__(self, other: object) -> bool:
            return True

        def __call__(self, page: boilerstrip.Page) -> list[Verdict]:
            return [
                Verdict(b.index, Label.AD, "mentions NordVPN") for b in page.blocks if "NordVPN" in b.text
            ]

    user_first = Config(detectors=("giveaway", *Config().detectors))
    result = Cleaner(user_first, detectors={"giveaway": Giveaway()}).clean(seed_text)
    assert len([b for b in result.blocks if "giveaway: mentions NordVPN" in b.reasons]) == 2


def test_same_input_same_output_whatever_ran_before(seed_text: str) -> None:
    cleaner = Cleaner()
    first = cleaner.clean(seed_text).to_dict(with_blocks=True)
    cleaner.clean("Some other page\n\nwith other words and Home Login lines")
    assert cleaner.clean(seed_text).to_dict(with_blocks=True) == first
    assert boilerstrip.clean(seed_text).to_dict(with_blocks=True) == first


def test_cleaner_pickles(seed_text: str) -> None:
    cleaner = pickle.loads(pickle.dumps(Cleaner(Config(title_window=5))))
    assert cleaner.config.title_window == 5
    assert cleaner.clean(seed_text).title is not None


def test_clean_many_is_lazy_and_ordered(seed_text: str) -> None:
    """Pages are taken from the iterable only as results are asked for (a crawl too big
    for memory streams through), one page a result, and results come in the pages'
    order: three real pages, each giving what it gives cleaned alone."""
    pages: list[str | bytes] = [
        seed_text,
        gzip.decompress((FIXTURES / "html" / "sh-232a43fb15ab.html.gz").read_bytes()),
        gzip.decompress((FIXTURES / "html" / "ml-goose3-bbc_chinese.html.gz").read_bytes()),
    ]
    alone = [boilerstrip.clean(page).to_dict() for page in pages]
    assert len({record["text"] for record in alone}) == 3 and all(r["text"] for r in alone)
    taken: list[int] = []

    def given() -> Iterator[str | bytes]:
        for i, page in enumerate(pages):
            taken.append(i)
            yield page

    results = Cleaner().clean_many(given())
    assert taken == []
    for i, expected in enumerate(alone):
        assert next(results).to_dict() == expected
        assert taken == list(range(i + 1))
    assert next(results, None) is None


def test_config_is_frozen() -> None:
    with pytest.raises(AttributeError):
        Config().good_min_words = 3  # type: ignore[misc]
    assert Config().replace(good_min_words=3).good_min_words == 3


def test_to_dict_and_markdown(seed_text: str) -> None:
    result = boilerstrip.clean(seed_text, include_comments=True, url="https://japantoday.com/x")
    d = result.to_dict()
    assert d["url"] == "https://japantoday.com/x" and d["language"] == "en"
    assert len(d["comments"]) == 3 and "blocks" not in d
    md = result.to_markdown()
    assert md.startswith("# Wives of mobilized Russian soldiers")
    assert "## Comments" in md and "> Russian authorities" in md


def test_html_is_detected_and_cleaned() -> None:
    para = "The council voted on Tuesday to extend the program for another two years, officials said."
    html = f"<html><head><title>Council votes</title></head><body><nav><a>Home</a></nav><p>{para}</p><p>{para} Again.</p></body></html>"
    result = boilerstrip.clean(html.encode("cp1252"))
    assert result.source_type == "html"
    assert para in result.text and "Home" not in result.text


def test_html_title_markdown_and_lists() -> None:
    para = "The council approved the budget plan on Tuesday after a long debate over spending on schools."
    html = (
        "<html><head><title>Budget plan | Daily</title></head><body><nav><a href='/'>Home</a></nav>"
        f"<article class='article-body'><h1>Budget plan passes</h1><p>{para}</p><h2>What changes</h2>"
        "<ul><li>More money for school repairs over the next three years.</li>"
        "<li>A new fund for road maintenance in the outer districts.</li></ul>"
        f"<p>{para} Opponents said the forecasts may not hold.</p></article></body></html>"
    )
    result = boilerstrip.clean(html)
    assert result.title == "Budget plan passes"  # the h1 the <title> shortens
    md = result.to_markdown()
    assert md.startswith("# Budget plan passes\n")
    assert "### What changes" in md
    assert "- More money for school repairs over the next three years.\n- A new fund" in md


def test_a_text_dump_opening_with_a_stray_tag_is_text() -> None:
    """Crawled dumps sometimes begin with a tag left as text (noscript content); only a
    page with markup structure (a document tag, closing tags) is read as HTML."""
    para = "The council voted on Tuesday to extend the program for another two years, officials said."
    dump = f'<link href="https://example.org/icons.css" rel="stylesheet">\nHome\nNews\n\n{para}\n\n{para}\n'
    assert boilerstrip.clean(dump).source_type == "text"
    fragment = f"<p>{para}</p>"
    assert boilerstrip.clean(fragment).source_type == "html"
    assert boilerstrip.clean(f"<!doctype html><title>x</title>{para}").source_type == "html"


def test_blocks_compare_by_identity_and_results_by_what_they_say(seed_text: str) -> None:
    """Two blocks of a page are two places in it, even with the same text and fields;
    two cleanings of one page are equal Results, their blocks compared by value."""
    first, again = boilerstrip.clean(seed_text), boilerstrip.clean(seed_text)
    assert first == again
    head = first.blocks[0]
    copy = boilerstrip.Block(head.text, head.index, head.line)
    assert copy != boilerstrip.Block(head.text, head.index, head.line)
    assert copy.values() == boilerstrip.Block(head.text, head.index, head.line).values()
    assert len({id(b) for b in first.blocks}) == len(set(first.blocks)) == len(first.blocks)
    again.blocks[-1].reasons.append("changed")
    assert first != again


def test_results_differ_where_any_one_field_does(seed_text: str) -> None:
    """Result equality reads every field the dataclass has (`_values` is derived from
    them): a result with any one field changed is another result."""
    first = boilerstrip.clean(seed_text)
    lists = {"authors": ["Someone Else"], "comments": [result.Comment("a comment")], "blocks": []}
    for field in dataclasses.fields(result.Result):
        other = boilerstrip.clean(seed_text)
        assert other == first
        value = getattr(other, field.name)
        setattr(other, field.name, lists[field.name] if isinstance(value, list) else f"not {value}")
        assert other != first, field.name


def _members(view: str) -> set[str]:
    """The names the protocol `view` of render.py declares, attributes and properties,
    read from the source (a compiled protocol keeps no annotations)."""
    module = ast.parse((ROOT / "boilerstrip" / "render.py").read_text(encoding="utf-8"))
    body = next(node for node in module.body if isinstance(node, ast.ClassDef) and node.name == view).body
    names = {
        node.target.id
        for node in body
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)
    }
    return names | {node.name for node in body if isinstance(node, ast.FunctionDef)}


def test_render_views_name_every_field_of_result_and_comment() -> None:
    """`render` reads a Result and a Comment through protocols (it imports nothing of
    `result`: the two would import each other), which list the fields again: a field
    added to one and not to the other fails here."""
    assert _members("ResultView") == {f.name for f in dataclasses.fields(result.Result)}
    assert _members("CommentView") == {f.name for f in dataclasses.fields(result.Comment)}
