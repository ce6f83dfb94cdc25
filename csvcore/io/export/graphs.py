"""The map of one period as a file for Gephi (GEXF) or yEd, Cytoscape and igraph (GraphML).

Attribute values are made acceptable to both formats first (one type per key,
lists joined with ``"; "``, missing values left out).
"""

from __future__ import annotations

import io
import math

import networkx as nx
import numpy as np

from ...graph.build import TYPE_SEP

__all__ = ["to_gexf_bytes", "to_graphml_bytes"]


def to_gexf_bytes(G: nx.Graph, positions: dict | None = None) -> bytes:
    """Return ``G`` as GEXF 1.2 (Gephi); node labels are the names, optional positions.

    >>> G = nx.Graph([("a", "b", {"strength": 1.0, "type": "advice"})])
    >>> b"advice" in to_gexf_bytes(G)
    True
    """
    H = _exportable(G)
    for n, data in H.nodes(data=True):
        data["label"] = str(data.get("name") or n)
        if positions and n in positions:
            x, y = positions[n]
            data["viz"] = {"position": {"x": float(x), "y": float(y), "z": 0.0}}
    buf = io.BytesIO()
    nx.write_gexf(H, buf)
    return buf.getvalue()


def to_graphml_bytes(G: nx.Graph) -> bytes:
    """Return ``G`` as GraphML (yEd, Cytoscape, igraph, Gephi).

    >>> G = nx.Graph([("a", "b", {"strength": 1.0, "type": ["advice", "funding"]})])
    >>> b"advice; funding" in to_graphml_bytes(G)
    True
    """
    buf = io.BytesIO()
    nx.write_graphml(_exportable(G), buf)
    return buf.getvalue()


def _exportable(G: nx.Graph) -> nx.Graph:
    """Return a copy whose attribute values GEXF and GraphML accept, one type per key.

    Lists and sets are joined with ``"; "``; NumPy scalars become Python
    values; missing values are left out; a key whose values mix numbers is
    written as float, one that mixes numbers and text as text.
    """
    H = G.__class__()
    H.add_nodes_from((str(n), dict(d)) for n, d in G.nodes(data=True))
    H.add_edges_from((str(u), str(v), dict(d)) for u, v, d in G.edges(data=True))
    for view in (H.nodes, H.edges):
        records = [view[k] for k in view]
        for d in records:
            for key, value in list(d.items()):
                value = _scalar(value)
                if value is None:
                    del d[key]
                else:
                    d[key] = value
        for key in set().union(*records):
            kinds = {type(d[key]) for d in records if key in d}
            if len(kinds) > 1:
                cast = float if kinds <= {int, float} else str
                for d in records:
                    if key in d:
                        d[key] = cast(d[key])
    return H


def _scalar(value):
    """Return ``value`` as a bool, int, float or str (None when missing)."""
    if isinstance(value, (set, frozenset)):
        value = sorted(value, key=str)
    if isinstance(value, (list, tuple)):
        return TYPE_SEP.join(map(str, value))
    if isinstance(value, np.generic):
        value = value.item()
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return value if isinstance(value, (bool, int, float, str)) else str(value)
