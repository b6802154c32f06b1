"""Phrase patterns for the pattern detectors and the metadata stage, English first with
common equivalents, in one module for each thing they describe: comments (`comments`),
prompts and ads (`prompts`), the page's furniture (`furniture`), the story's own
metadata lines (`story`), dates (`dates`) and news agencies (`agencies`).

Why here: the detectors stay short and readable, and the vocabulary of boilerplate
(menus, prompts, comment widgets) is in one place to extend for more languages.

Speed: each pattern is wrapped in a `Rule` with its *cues*, the words (lower case) at
least one of which every text it matches contains. A block's cues are computed once
(`features.cues`), so a rule is tried only on the few blocks that could match it.
Pseudo-cues stand for what is not a word: "#num" (a digit), "#sym" (no word at all),
"©" (a copyright sign), "#sep" (a breadcrumb separator in a short block). Long blocks
are always candidates, so rules for long text (legal lines, captions) need no cue.
`tests/test_patterns.py` checks that no cue set hides a match.
"""

from __future__ import annotations

from .agencies import AGENCIES, Agency
from .comments import (
    COMMENT_AUTHOR,
    COMMENT_AUTHOR_BARE,
    COMMENT_AUTHOR_DATED,
    COMMENT_AUTHOR_GLUED,
    COMMENT_AUTHOR_NAME,
    COMMENT_AUTHOR_RULE,
    COMMENT_MARKER,
    COMMENT_MARKER_RULE,
    COMMENT_STAMP,
    FORUM_STATS,
    VOTES,
    VOTES_RULE,
    WEAK_COMMENT_MARKER,
    WEAK_COMMENT_RULE,
)
from .cues import ALL_RULES, CUE_WORDS
from .dates import DATE_BODY, MONTHS, TIME_BODY, WEEKDAYS
from .furniture import (
    BREADCRUMB,
    FOOTER_RULE_CUES,
    FOOTER_SPLIT,
    FOOTER_START,
    FOOTER_WORDS,
    LIST_ITEM,
    NAVIGATION,
    NAVIGATION_RULE,
    RELATED,
    RELATED_INLINE,
    RELATED_INLINE_RULE,
    RELATED_RULE,
    SHOP_CONTROL,
    SOCIAL_RULE_CUES,
    SOCIAL_WORDS,
    footer_row,
)
from .prompts import (
    AD,
    AD_ANYWHERE,
    AD_ANYWHERE_RULE,
    AD_RULE,
    COOKIE,
    COOKIE_RULE,
    LOGIN,
    LOGIN_ANYWHERE,
    LOGIN_ANYWHERE_RULE,
    LOGIN_RULE,
    PROMPT,
    PROMPT_RULE,
)
from .rules import Rule, folded
from .story import (
    BYLINE,
    BYLINE_RULE,
    BYLINE_WORDS,
    CAPTION,
    COLLAPSED,
    COPYRIGHT,
    COPYRIGHT_RULE,
    DATELINE,
    METADATA,
    METADATA_RULE,
    is_caption,
)

__all__ = [
    "AD", "AD_ANYWHERE", "AD_ANYWHERE_RULE", "AD_RULE", "AGENCIES", "ALL_RULES", "Agency", "BREADCRUMB",
    "BYLINE", "BYLINE_RULE", "BYLINE_WORDS", "CAPTION", "COLLAPSED", "COMMENT_AUTHOR", "COMMENT_AUTHOR_RULE",
    "COMMENT_AUTHOR_BARE", "COMMENT_AUTHOR_DATED", "COMMENT_AUTHOR_GLUED", "COMMENT_AUTHOR_NAME", "COMMENT_MARKER", "COMMENT_MARKER_RULE", "COMMENT_STAMP", "COOKIE", "COOKIE_RULE", "COPYRIGHT", "COPYRIGHT_RULE",
    "CUE_WORDS", "DATELINE", "DATE_BODY", "FOOTER_RULE_CUES", "FOOTER_SPLIT", "FOOTER_START", "FOOTER_WORDS", "FORUM_STATS",
    "LIST_ITEM", "LOGIN", "LOGIN_ANYWHERE", "LOGIN_ANYWHERE_RULE", "LOGIN_RULE", "METADATA", "METADATA_RULE",
    "MONTHS", "NAVIGATION", "NAVIGATION_RULE", "PROMPT", "PROMPT_RULE", "RELATED", "RELATED_INLINE",
    "RELATED_INLINE_RULE", "RELATED_RULE", "Rule", "SHOP_CONTROL", "SOCIAL_RULE_CUES", "SOCIAL_WORDS", "TIME_BODY", "VOTES",
    "VOTES_RULE", "WEAK_COMMENT_MARKER", "WEAK_COMMENT_RULE", "WEEKDAYS", "folded", "footer_row", "is_caption",
]  # fmt: skip
