"""GEXF (Gephi) and GraphML files, read with networkx.

Nodes keep their file ids, with the label as name and the other simple
attributes as organization attributes; edges keep ``weight`` (strength), any
``year``/``period`` attribute and dynamic ``start``/``end``/spells. Documents
that declare a DOCTYPE or entities are refused (no XML entity expansion).
"""

from __future__ import annotations

import io

import networkx as nx

from ...contract.report import Report, UploadRejected
from .format import Format
from .headers import INTERVAL
from .tables import RawTable, table_from_records

__all__ = ["graph_tables", "GEXF", "GRAPHML"]

_READERS = {"gexf": nx.read_gexf, "graphml": nx.read_graphml}
_TOOLS = {"gexf": "In Gephi, use File > Export > Graph file... and choose GEXF, or export "
                  "the Data Laboratory tables as CSV.",
          "graphml": "Export the graph again as GraphML, or as CSV node and edge tables."}


def graph_tables(file: str, data: bytes, kind: str, report: Report) -> list[RawTable]:
    """Return an organizations table and a ties table read from a GEXF or GraphML file."""
    if b"<!DOCTYPE" in data[:4096].upper() or b"<!ENTITY" in data.upper():
        raise UploadRejected(f"This {kind.upper()} file declares a DOCTYPE or entities, which "
                             "are not accepted for safety.", file=file, fix=_TOOLS[kind])
    try:
        graph = _READERS[kind](io.BytesIO(data))
    except Exception:
        raise UploadRejected(f"This {kind.upper()} file could not be read: it is damaged or "
                             "uses features the reader does not know.", file=file,
                             fix=_TOOLS[kind]) from None
    nodes = [{**_simple(attrs, "label"), "id": node, "name": attrs.get("label") or ""}
             for node, attrs in graph.nodes(data=True)]
    edges = [{"source": u, "target": v, "directed": graph.is_directed(), **_edge(attrs)}
             for u, v, attrs in graph.edges(data=True)]
    return [table_from_records(file, nodes, report, "organizations", sheet="nodes"),
            table_from_records(file, edges, report, "relationships", sheet="edges")]


def _edge(attrs: dict) -> dict:
    out = _simple(attrs, "id", "spells")
    if attrs.get("spells"):
        out[INTERVAL] = "; ".join(f"[{start}, {end}]" for start, end in attrs["spells"])
    return out


def _simple(attrs: dict, *skip: str) -> dict:
    """Return the attributes that are single values (not layout dicts or lists)."""
    return {k: v for k, v in attrs.items()
            if k not in skip and isinstance(v, (str, int, float, bool))}


def _root(tag: str):
    return lambda probe: probe.head.startswith("<") and tag in probe.head.lower()


def _reader(kind: str):
    return lambda probe, report: graph_tables(probe.name, probe.data, kind, report)


GEXF = Format("gexf", "GEXF data", "text", sniff=_root("<gexf"), suffixes=(".gexf",),
              read=_reader("gexf"))
GRAPHML = Format("graphml", "GraphML data", "text", sniff=_root("<graphml"),
                 suffixes=(".graphml", ".xml"), read=_reader("graphml"))
