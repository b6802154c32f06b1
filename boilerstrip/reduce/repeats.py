"""Repeats: on a page whose content may quote itself, a paragraph said twice is kept once.

Why: a forum reply that quotes an earlier post holds that post's paragraphs again,
word for word, and a product page often shows its description twice (a tab, then the
same text in an accordion for small screens). The reducer keeps each text once in
the regions it chooses (`article._keep_region`), but the keep model, which has the
last word and judges each block on its own, brings the second copy back, and the text
says it twice. Only on the page types of `Config.repeat_types`: elsewhere the copy the
model brings back is usually the page's own text each time (a meal plan's lines, an
interview's recurring question), and a news story is never cut by this.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..config import Config
from ..model import Block, Label
from .region import relabel


def drop_repeats(article: Sequence[Block], page_type: str, cfg: Config) -> list[Block]:
    """The article less every block of `cfg.repeat_min_words` words or more whose text,
    case and spacing aside, is that of an earlier block of it: each is relabelled OTHER
    with the reason. On other page types than `cfg.repeat_types`, the article as is."""
    if page_type not in cfg.repeat_types:
        return list(article)
    seen: set[str] = set()
    kept: list[Block] = []
    for b in article:
        words = b.text.lower().split()
        key = " ".join(words)
        if len(words) >= cfg.repeat_min_words and key in seen:
            relabel(b, Label.OTHER, "reducer: repeats an earlier paragraph of the content word for word")
            continue
        seen.add(key)
        kept.append(b)
    return kept
