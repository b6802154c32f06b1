"""One page as the fields of a batch line: the row that batch lines and the pipeline
adapters (`boilerstrip.integrations`) share, so a page has the same status, reason and
fields wherever it is cleaned.
"""

from __future__ import annotations

import signal
import threading
from collections import Counter
from typing import Any, Final

from ..api import Cleaner
from ..errors import BoilerstripError
from .limits import raise_timeout, timed_clean

# What CPython says of a C call that failed without setting an exception.
_NO_FRAME: Final = "error return without exception set"

RESULT_FIELDS = (
    "text", "title", "date", "date_modified", "dateline", "section", "authors", "site_name", "wire_service",
    "copyright", "site_copyright", "language", "page_type",
)  # fmt: skip


def clean_fields(
    cleaner: Cleaner,
    page: Any,
    url: object,
    *,
    comments: bool = False,
    timeout: float | None = None,
) -> dict[str, Any]:
    """One page as output fields: `status` ("ok", "empty" or "error" with a `reason`),
    the result's text and metadata, `comments` when asked, and the block label counts
    under "_labels". Never raises for a bad page: batch lines and the pipeline
    adapters (`boilerstrip.integrations`) all account for every row this way.
    A `timeout` (seconds) applies in the main thread only, where SIGALRM is delivered.
    A URL that is no string (a dataframe's missing value: NaN, pd.NA) is no URL."""
    url = url if isinstance(url, str) and url else None
    timeout = timeout if threading.current_thread() is threading.main_thread() else None
    previous = signal.signal(signal.SIGALRM, raise_timeout) if timeout else None
    try:
        try:
            if timeout:
                signal.setitimer(signal.ITIMER_REAL, timeout)
            result = timed_clean(cleaner, page, url, comments, timeout)
        finally:
            if timeout:
                signal.setitimer(signal.ITIMER_REAL, 0)
    except TimeoutError:
        # Caught around the alarm's whole span: it may go off on any line from the
        # timer's start to its stop, not only inside clean().
        return {"status": "error", "reason": f"took over --timeout {timeout:g}s"}
    except BoilerstripError as exc:
        return {"status": "error", "reason": str(exc)}
    except MemoryError:
        return {"status": "error", "reason": "out of memory (in batch: over --max-memory)"}
    except SystemError as exc:
        if str(exc) != _NO_FRAME:
            return {"status": "error", "reason": f"SystemError: {exc}"}
        # Python 3.11 cannot allocate a call's frame (its data stack is mapped apart from
        # the heap) and returns no MemoryError: seen under an address-space cap.
        return {
            "status": "error",
            "reason": f"SystemError: {exc} (likely out of memory; in batch: over --max-memory)",
        }
    except Exception as exc:  # noqa: BLE001 - a page that breaks the parser must not stop the batch
        return {"status": "error", "reason": f"{type(exc).__name__}: {exc}"}
    finally:
        if timeout:
            signal.signal(signal.SIGALRM, previous)
    d = result.to_dict()
    fields: dict[str, Any] = {"url": result.url, "status": "ok" if result.text else "empty"}
    fields.update({k: d[k] for k in RESULT_FIELDS})
    if comments:
        fields["comments"] = d["comments"]
    fields["_labels"] = Counter(b.label.value for b in result.blocks if b.label is not None)
    return fields
