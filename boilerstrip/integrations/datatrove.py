"""datatrove: a pipeline step that cleans each Document's HTML (or text dump).

    from datatrove.pipeline.readers import WarcReader
    from datatrove.pipeline.writers import JsonlWriter
    from boilerstrip.integrations.datatrove import BoilerstripExtractor
    pipeline = [WarcReader("crawl/"), BoilerstripExtractor(), JsonlWriter("out/")]

The step keeps datatrove's contract: it reads documents and yields documents, counting
in its stats every document's fate (`total`, `forwarded`, `dropped_empty`,
`dropped_error` and each error's kind) and the labels of the blocks it dropped, so the
pipeline's summary says why pages left. The article replaces `doc.text`; the metadata
(title, date, wire service, ...) goes into `doc.metadata`.
"""

from __future__ import annotations

from datatrove.data import DocumentsPipeline
from datatrove.pipeline.base import PipelineStep
from datatrove.utils.typeshelper import StatHints

from ..api import Cleaner
from ..batch.options import error_kind
from ..batch.rows import clean_fields
from ..config import Config
from . import COLUMNS

_METADATA = [c for c in COLUMNS if c not in ("status", "reason", "text")]


class BoilerstripExtractor(PipelineStep):  # type: ignore[misc]
    """Replace each document's page by its article; drop (and count) pages with none."""

    name = "🧹 boilerstrip"
    type = "🛢 - EXTRAC"

    def __init__(
        self,
        config: Config | None = None,
        *,
        include_comments: bool = False,
        timeout: float | None = 5.0,
        keep_empty: bool = False,
    ) -> None:
        super().__init__()
        self.config, self.include_comments = config, include_comments
        self.timeout, self.keep_empty = timeout, keep_empty

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        """Clean each document and yield those with an article (datatrove's step protocol)."""
        cleaner = Cleaner(self.config)
        for doc in data:
            self.stat_update(StatHints.total)
            with self.track_time():
                url = doc.metadata.get("url")
                fields = clean_fields(
                    cleaner, doc.text, url, comments=self.include_comments, timeout=self.timeout
                )
            for label, count in fields.get("_labels", {}).items():
                self.stat_update(f"blocks_{label}", value=count)
            status = fields["status"]
            if status == "error":
                self.stat_update("dropped_error", f"error: {error_kind(fields['reason'])}")
                continue
            if status == "empty" and not self.keep_empty:
                self.stat_update("dropped_empty")
                continue
            doc.text = fields["text"]
            doc.metadata.update({k: fields[k] for k in _METADATA if fields[k] not in (None, [])})
            if self.include_comments and fields["comments"]:
                doc.metadata["comments"] = fields["comments"]
            self.stat_update(StatHints.forwarded)
            self.update_doc_stats(doc)
            yield doc
