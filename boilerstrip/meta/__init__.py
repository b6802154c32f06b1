"""The metadata stage: title, date, dateline, section, authors, wire service and
copyright, read from the blocks once the article is chosen, one module a field.

Why separate from the reducer: each field is a small search around the article region,
testable alone on hand-made blocks. The modules, lowest first: `dates` reads a date
from a text or an address; `wire` the agency a credit names; `people` the names in a
byline; `titles` the headline and section; `published` which dates are the page's;
`authors` which lines name its authors; `datelines` the place that opens the story;
`credits` the agency whose copy the story is and the copyright notices.
"""

from __future__ import annotations

from .authors import find_authors
from .credits import copyright_notice, credit_wire, split_copyright
from .datelines import find_dateline
from .dates import dates_in, has_digits, parse_date, settle_dates, shows_date, url_date
from .people import agency_byline, person_names
from .published import find_dates
from .titles import find_dump_title, find_section, find_title, headline_further_up, last_crumb
from .wire import credit_line_wire, lead_wire, tail_wire, wire_service

__all__ = [
    "agency_byline", "copyright_notice", "credit_line_wire", "credit_wire", "dates_in", "find_authors",
    "find_dateline", "find_dates", "find_dump_title", "find_section", "find_title", "has_digits", "headline_further_up", "last_crumb",
    "lead_wire", "parse_date", "person_names", "settle_dates", "shows_date", "split_copyright",
    "tail_wire", "url_date", "wire_service",
]  # fmt: skip
