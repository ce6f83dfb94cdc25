"""Factions: Louvain communities and their modularity.

Communities are found on the undirected view of the map (direction ignored,
the strengths of both arcs added; see :func:`csvcore.graph.views.undirected`)
with networkx's ``louvain_communities`` and a fixed seed, so the same map
always gives the same communities. Organizations without a tie belong to no
community (id ``-1``). Community ids are ordered by size, largest first (ties
by the roster position of their first member): ``0`` is the largest.
Ids are per map; community 0 of one period need not be community 0 of the
next.

References: Blondel, Guillaume, Lambiotte & Lefebvre (2008), "Fast unfolding
of communities in large networks", J. Stat. Mech. P10008; Newman (2006),
"Modularity and community structure in networks", PNAS 103:8577.

>>> import networkx as nx
>>> G = nx.Graph([("a", "b"), ("b", "c"), ("c", "a")])
>>> G.add_node("d")
>>> communities(G)
{'a': 0, 'b': 0, 'c': 0, 'd': -1}
>>> modularity(G, communities(G))
0.0
"""

from __future__ import annotations

from collections.abc import Mapping

import networkx as nx

from .build import SEED
from .views import undirected

__all__ = ["communities", "modularity"]


def communities(G: nx.Graph, *, seed: int = SEED,
                weight: str | None = "strength") -> dict:
    """Return node -> community id (0 = largest; -1 = no tie).

    Parameters
    ----------
    G : networkx.Graph or DiGraph
    seed : int
        Louvain's random seed.
    weight : str or None
        Edge attribute used as weight (``None``: every edge counts 1).
    """
    U = undirected(G)
    tied = nx.Graph()  # a plain copy without the untied: Louvain reads it faster than a view
    tied.add_nodes_from(n for n, d in U.degree() if d)
    tied.add_edges_from(U.edges(data=True))
    found = nx.community.louvain_communities(tied, weight=weight, seed=seed) if len(tied) else []
    position = {n: i for i, n in enumerate(G)}
    found.sort(key=lambda c: (-len(c), min(position[n] for n in c)))
    membership = dict.fromkeys(G, -1)
    membership.update((n, i) for i, members in enumerate(found) for n in members)
    return membership


def modularity(G: nx.Graph, membership: Mapping, *, weight: str | None = "strength") -> float:
    """Return Newman's modularity of a partition on the undirected view of ``G``.

    NaN when the map has no tie. Organizations without a tie add nothing to
    modularity, so leaving them out (id ``-1``) does not change the value.
    """
    U = undirected(G)
    if U.number_of_edges() == 0:
        return float("nan")
    groups: dict = {}
    for node in U:  # each untied organization is a group of its own, adding 0
        key = membership[node] if membership[node] != -1 else ("untied", node)
        groups.setdefault(key, set()).add(node)
    return float(nx.community.modularity(U, groups.values(), weight=weight))
