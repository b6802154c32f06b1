"""The reducer: from a page's labelled blocks to its Result.

Its stages, in the order they run (`assembly.assemble` runs them):

- `cards`: on a listing, a shop or a forum thread, the cards, grids and posts are
  weighed again as the content they are;
- `region`: the blocks' weights and their maximum-sum runs, the article region;
- `article`: what the region keeps as the article, and what goes;
- `comments`: the comment section grouped into comments;
- `controls`: a shop's sort, filter and card buttons, and an HTML page's footer,
  dropped from the content, after the keep model;
- `repeats`: then a paragraph said twice, and a run of blocks said again in the same
  order, kept once;
- `metadata`: the text's metadata merged with the markup's;
- `assembly`: the one place the Result is built, the keep model's last word included.
"""

from __future__ import annotations

from .article import select_article
from .assembly import assemble, headline_rows, keep_features
from .comments import _Quotes, extract_comments
from .region import best_region, block_weights, content_regions

__all__ = [
    "_Quotes",  # timed by tests/test_growth.py
    "assemble",
    "best_region",
    "block_weights",
    "content_regions",
    "extract_comments",
    "headline_rows",
    "keep_features",
    "select_article",
]
