"""Every rule and every cue word, for `features.cues` to compute a block's cues once."""

from __future__ import annotations

from typing import Final

from .comments import COMMENT_AUTHOR_RULE, COMMENT_MARKER_RULE, VOTES_RULE, WEAK_COMMENT_RULE
from .furniture import FOOTER_RULE_CUES, NAVIGATION_RULE, RELATED_INLINE_RULE, RELATED_RULE, SOCIAL_RULE_CUES
from .prompts import AD_ANYWHERE_RULE, AD_RULE, COOKIE_RULE, LOGIN_ANYWHERE_RULE, LOGIN_RULE, PROMPT_RULE
from .rules import Rule
from .story import BYLINE_RULE, COPYRIGHT_RULE, METADATA_RULE

ALL_RULES: Final[tuple[Rule, ...]] = (
    COPYRIGHT_RULE, COMMENT_MARKER_RULE, WEAK_COMMENT_RULE, COMMENT_AUTHOR_RULE, VOTES_RULE,
    LOGIN_RULE, LOGIN_ANYWHERE_RULE, PROMPT_RULE, COOKIE_RULE, AD_RULE, AD_ANYWHERE_RULE,
    RELATED_RULE, RELATED_INLINE_RULE, NAVIGATION_RULE, METADATA_RULE, BYLINE_RULE,
)  # fmt: skip
CUE_WORDS: Final[frozenset[str]] = frozenset().union(
    *(r.cues for r in ALL_RULES), SOCIAL_RULE_CUES, FOOTER_RULE_CUES
)
