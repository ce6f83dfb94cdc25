"""Kumu JSON exports (``elements`` and ``connections``).

Elements become organizations, named by their label (their Kumu id when
labels repeat), with 'Element Type' as sector and the other attributes kept;
connections become ties, with 'Connection Type' as type and Kumu's direction
('directed', 'undirected', 'mutual'; mutual counts as undirected). Values that
are lists are joined with ', '.

>>> doc = {"elements": [{"_id": "e1", "attributes": {"label": "A", "tags": ["x", "y"]}},
...                     {"_id": "e2", "attributes": {"label": "B"}}],
...        "connections": [{"from": "e1", "to": "e2", "direction": "mutual"}]}
>>> orgs, ties = kumu_tables("k.json", doc, Report())
>>> orgs.headers, orgs.rows[0], ties.rows
(['label', 'tags', 'id'], ['A', 'x, y', 'A'], [['A', 'B', 'mutual']])
"""

from __future__ import annotations

import json

from ...contract.report import Report, UploadRejected
from .format import Format, Probe
from .matrix import labels_as_ids
from .refused import SAVE_AS
from .tables import RawTable, table_from_records

__all__ = ["kumu_tables", "is_kumu", "FORMAT"]


def is_kumu(doc) -> bool:
    """True for a Kumu project export."""
    return isinstance(doc, dict) and isinstance(doc.get("elements"), list)


def kumu_tables(file: str, doc: dict, report: Report) -> list[RawTable]:
    """Return an organizations table and a ties table from a Kumu JSON export."""
    elements = [e for e in doc.get("elements") or [] if isinstance(e, dict)]
    attrs = [_flat(e.get("attributes")) for e in elements]
    kumu_ids = [str(e.get("_id", "")) for e in elements]
    ids = dict(zip(kumu_ids, labels_as_ids([a.get("label", "") for a in attrs], kumu_ids)))
    orgs = [{**a, "id": ids[k]} for k, a in zip(kumu_ids, attrs)]
    ties = [{"source": ids.get(c.get("from"), c.get("from")),
             "target": ids.get(c.get("to"), c.get("to")),
             "direction": c.get("direction", "directed"), **_flat(c.get("attributes"))}
            for c in doc.get("connections") or [] if isinstance(c, dict)]
    return [table_from_records(file, orgs, report, "organizations", sheet="elements"),
            table_from_records(file, ties, report, "relationships", sheet="connections")]


def _flat(attributes) -> dict:
    """Return attributes as single values: lists joined, nested objects left out."""
    out = {}
    for key, value in (attributes or {}).items():
        if not str(key).strip():
            continue  # Kumu allows attributes named only with spaces
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value if not isinstance(v, (dict, list)))
        if isinstance(value, (str, int, float, bool)):
            out[key] = value
    return out


def _read(probe: Probe, report: Report) -> list[RawTable]:
    try:
        doc = json.loads(probe.text)
    except ValueError:
        raise UploadRejected("This JSON file is damaged (it cannot be parsed).", file=probe.name,
                             fix=SAVE_AS) from None
    if not is_kumu(doc):
        raise UploadRejected("This file is a JSON file that is not a Kumu export (it has no "
                             "'elements'), not a table of organizations and ties.",
                             file=probe.name, fix=SAVE_AS)
    return kumu_tables(probe.name, doc, report)


FORMAT = Format("kumu", "Kumu JSON data", "text", sniff=lambda probe: probe.head.startswith("{"),
                suffixes=(".json",), read=_read)
