"""What a header means, beyond the contract's synonyms: time spans and loose tie headers.

Besides the canonical columns, a ties table may carry a time span: a start and
an end column (``year_established``/``year_obsolete``, ``start``/``end``) or a
Gephi ``Interval`` column. They are named here with a leading underscore.
Tie endpoints and strengths are also recognised by a leading or trailing word
('Connection From', 'Sending_elements', 'Number of Common Projects').

>>> loose_column("Connection From"), exact_column("relationships", "Interval")
('source', '_interval')
>>> exact_column("relationships", "year_obsolete"), exact_column("organizations", "Label")
('_end', 'name')
>>> loose_column("Links to Common Projects") is None
True
"""

from __future__ import annotations

from ...contract.schema import SYNONYMS, normalize_header

__all__ = ["exact_column", "loose_column", "is_known", "START", "END", "INTERVAL"]

START, END, INTERVAL = "_start", "_end", "_interval"

_SPANS = {
    START: ("start", "start_year", "year_start", "start_date", "from_year", "year_from",
            "date_from", "valid_from", "since", "begin", "established", "year_established"),
    END: ("end", "end_year", "year_end", "end_date", "to_year", "year_to", "date_to",
          "valid_to", "until", "obsolete", "year_obsolete", "year_ended"),
    INTERVAL: ("interval", "intervals", "spell", "spells"),
}
_EXTRA = {"relationships": {h: col for col, hs in _SPANS.items() for h in hs}}

_LOOSE = {
    "source": {"from", "source", "sender", "sending", "origin", "src", "ego"},
    "target": {"to", "target", "receiver", "receiving", "destination", "dst", "alter",
               "recipient"},
    "strength": {"weight", "strength", "count", "number", "frequency", "intensity"},
}
_TIME_WORDS = {"year", "date", "time", "period"}
_KNOWN = {h for table in SYNONYMS.values() for h in table} | set(_EXTRA["relationships"])


def exact_column(table: str, header) -> str | None:
    """Return the column a header names through the synonyms, or None."""
    norm = normalize_header(header)
    return _EXTRA.get(table, {}).get(norm) or SYNONYMS[table].get(norm)


def loose_column(header) -> str | None:
    """Return source/target/strength when a ties header starts or ends with such a word."""
    words = normalize_header(header).split("_")
    if _TIME_WORDS & set(words):
        return None
    return next((column for column, loose in _LOOSE.items()
                 if words[0] in loose or words[-1] in loose), None)


def is_known(header) -> bool:
    """True when a cell reads like a header of any table (used to find the header row)."""
    return normalize_header(header) in _KNOWN
