"""Views of a map: the undirected view (both arcs of a pair merged into one edge).

>>> D = nx.DiGraph()
>>> D.add_edge("a", "b", strength=2.0, type="funding", ties=1)
>>> D.add_edge("b", "a", strength=1.0, type="advice", ties=1)
>>> U = undirected(D)
>>> U.edges["a", "b"]["strength"], U.edges["a", "b"]["type"], U.edges["a", "b"]["ties"]
(3.0, 'advice; funding', 2)
"""

from __future__ import annotations

import networkx as nx

from .build import type_union

__all__ = ["undirected"]


def undirected(G: nx.Graph) -> nx.Graph:
    """Return ``G`` without direction: both arcs of a pair merge into one edge.

    Strengths of the two arcs are added (the matrix ``A + A.T``), types are
    joined and tie counts added. An undirected ``G`` is returned as is.

    >>> D = nx.DiGraph()
    >>> D.add_edge("a", "b", strength=2.0, type="funding", ties=1)
    >>> D.add_edge("b", "a", strength=1.0, type="advice", ties=1)
    >>> undirected(D).edges["a", "b"]["strength"], undirected(D).edges["a", "b"]["type"]
    (3.0, 'advice; funding')
    """
    if not G.is_directed():
        return G
    U = nx.Graph()
    U.add_nodes_from(G.nodes(data=True))
    for u, v, d in G.edges(data=True):
        old = U.get_edge_data(u, v, {"strength": 0.0, "ties": 0, "type": ""})
        U.add_edge(u, v, strength=old["strength"] + d.get("strength", 1.0),
                   ties=old["ties"] + d.get("ties", 1),
                   type=type_union([old["type"], d.get("type", "")]))
    for _, _, d in U.edges(data=True):
        d["distance"] = 1.0 / d["strength"]
    return U
