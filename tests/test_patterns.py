"""The cue gates in `patterns` must never hide a match: wherever a rule's pattern
matches a real line, the line's cues meet the rule's cues (see `patterns` docstring)."""

from __future__ import annotations

import gzip

import pytest

import boilerstrip
from boilerstrip.lang import WORD_RE, split_words
from boilerstrip.patterns import ALL_RULES, CAPTION, Rule, comments, furniture, is_caption, prompts, story

from .conftest import FIXTURES

HAND_MADE = [
    "3 Comments", "[ 167 comments ]", "Comments (12)", "Leave a Reply", "Login to comment",
    "joetoronto says:", "1 ( +1 / -0 )", "Rating: 36 Votes", "Reply", "Newsletter Signup Register / Login",
    "Forgot password?", "Facebook Connect", "Use your Facebook account to login or register with us.",
    "Take our user survey and make your voice heard.", "Sign up for our newsletter",
    "This website uses cookies to improve your experience.", "Advertisement", "Story continues below advertisement",
    "NordVPN x Japan Today Premium Accounts Giveaway", "Related Articles", "READ MORE: Plague outbreak",
    "You may also like", "Don't miss", "Lesen Sie auch", "Home", "Skip to main content", "»", "12",
    "Page 2 of 5", "date 2024-06-04", "Nov 19, 2019", "5 min read", "Updated 2 hours ago", "Tags: politics",
    "Photo: Reuters", "(Getty Images)", "By Isaac Butler", "Chris Davies - Nov 19, 2019, 10:31 pm CST",
    "© 2024 The Associated Press", "Copyright 2019 Reuters", "(c) 2019 Example Ltd",
]  # fmt: skip


def _lines() -> list[str]:
    lines = list(HAND_MADE)
    for path in sorted((FIXTURES / "text").glob("*.txt")) + [FIXTURES / "seed" / "japantoday-ap-protest.txt"]:
        lines.extend(line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    return lines


LINES = _lines()
RULES = {
    name: rule
    for module in (comments, prompts, furniture, story)
    for name, rule in vars(module).items()
    if isinstance(rule, Rule)
}


def test_every_rule_gives_its_cues_to_the_blocks() -> None:
    """`CUE_WORDS` (the words a block's cues are drawn from) is built from `ALL_RULES`:
    a rule missing there would see its cues never set, and never fire."""
    assert set(ALL_RULES) == set(RULES.values())


@pytest.mark.parametrize("name", sorted(RULES))
def test_cues_never_hide_a_match(name: str) -> None:
    rule = RULES[name]
    page = boilerstrip.Cleaner().prepare("\n".join(LINES))
    hidden = []
    for block in page.blocks:
        find = rule.pattern.search if rule.anywhere else rule.pattern.match
        cues = block.features.cues
        if find(block.text) and cues is not None and cues.isdisjoint(rule.cues):
            hidden.append(block.text)
    assert not hidden, f"{name} matches but its cues do not: {hidden[:5]}"


def test_rules_are_exercised() -> None:
    """Every rule matches some real or hand-made line, so the check above means something."""
    page = boilerstrip.Cleaner().prepare("\n".join(LINES))
    for name, rule in RULES.items():
        assert any(rule.applies(b.text, b.features.cues) for b in page.blocks), name


def _fixture_lines() -> list[str]:
    """Every line of the text fixtures and every block of the HTML fixtures (many
    languages and scripts), plus hand-made lines with underscores and odd punctuation."""
    lines = LINES + ["snake_case_name and «quoted» words", "don't—stop… (AP) U.S. 3½ x²", "_", "—", "a_b-c"]
    for path in sorted((FIXTURES / "html").glob("*.html.gz")):
        lines += [b.text for b in boilerstrip.Cleaner().prepare(gzip.decompress(path.read_bytes())).blocks]
    return lines


def test_split_words_finds_what_the_word_regex_finds() -> None:
    """`split_words` is a faster route to WORD_RE's words: it must never differ."""
    lines = _fixture_lines()
    assert len(lines) > 5000
    for line in lines:
        lower = line.lower()
        assert split_words(lower) == WORD_RE.findall(lower), line


def test_caption_gate_never_hides_a_caption() -> None:
    """`is_caption` checks for a credit word before searching: the same answers as the
    search alone, on every real line and on captions of each kind."""
    captions = ["A man walks by. (AP Photo/Jane Doe)", "Flooded streets (Image: GETTY)",
                "The port at dawn. Jane Doe / AFP", "Photo credit: Some Agency", "Crowds gather (Reuters)"]  # fmt: skip
    for line in captions + _fixture_lines():
        assert is_caption(line) == (CAPTION.search(line, len(line) - 120) is not None), line
    assert all(is_caption(c) for c in captions)
