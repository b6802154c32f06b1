"""boilerstrip as a step of ML data pipelines, each behind its own extra:

- `boilerstrip.integrations.hf`: Hugging Face `datasets` (`pip install ".[hf]"` in a clone),
- `boilerstrip.integrations.dask`: Dask bags and dataframes, on one machine or a cluster
  (`[dask]`),
- `boilerstrip.integrations.datatrove`: a datatrove pipeline step (`[datatrove]`).

Why: corpora are built in these frameworks, and there a page must never vanish or come
out empty without a reason. Every adapter gives each row the fields of a
`boilerstrip batch` line (`status` "ok", "empty" or "error" with a `reason`, the text
and the metadata), from the same function (`batch.rows.clean_fields`).
"""

from __future__ import annotations

from typing import Any

from ..batch.rows import RESULT_FIELDS

#: The columns each adapter adds, in order (`comments` too when asked for): a batch
#: line's status and reason, then the result's fields.
COLUMNS = ("status", "reason", *RESULT_FIELDS)


def row(fields: dict[str, Any], comments: bool) -> dict[str, Any]:
    """The adapter columns of one page's `clean_fields`, every column present (None
    where an error left it empty), so rows of a batch line up."""
    out = {name: fields.get(name) for name in COLUMNS}
    if comments:
        out["comments"] = fields.get("comments") or []
    return out
