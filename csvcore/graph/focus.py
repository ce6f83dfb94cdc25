"""What the map draws: a focused set of organizations, as node and edge tables.

A force-directed view stays legible and fast up to about 150 organizations
(streamlit-agraph's drawing cost grows steeply past that), so larger maps are
drawn focused: the top players, one community, or one organization's
neighbourhood. :func:`focus` picks the organizations and says what it left out;
:func:`frames` turns them into the tables the page draws.

>>> import networkx as nx, pandas as pd
>>> G = nx.Graph([("a", "b", {"strength": 2.0}), ("b", "c", {"strength": 1.0})])
>>> nx.set_node_attributes(G, {"a": "A", "b": "B", "c": "C"}, "name")
>>> m = pd.DataFrame({"influence": [0.2, 1.0, 0.1], "community": [0, 0, 1]},
...                  index=pd.Index(["a", "b", "c"], name="id"))
>>> focus(G, m, top=2).ids, focus(G, m, top=2, always=["c"]).ids
(['b', 'a'], ['c', 'b'])
>>> nodes, edges = frames(G, m, {"a": (0, 0), "b": (1, 0), "c": (2, 0)}, ["b", "a"])
>>> nodes["id"].tolist(), edges[["source", "target", "strength"]].values.tolist()
(['b', 'a'], [['a', 'b', 2.0]])
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import pandas as pd

__all__ = ["DRAW_LIMIT", "Focus", "focus", "frames", "local_layout"]

#: Most organizations drawn in the force-directed view.
DRAW_LIMIT = 150


@dataclass(frozen=True)
class Focus:
    """The organizations to draw, and a sentence on what was left out ('' if nothing)."""

    ids: list
    left_out: str


def focus(G: nx.Graph, measures: pd.DataFrame, *, top: int = DRAW_LIMIT,
          community: int | None = None, always=(), tied_only: bool = True) -> Focus:
    """Return the organizations to draw, most influential first.

    Parameters
    ----------
    G : the map of one period
    measures : frame indexed by id with ``influence`` and ``community``
    top : draw at most this many
    community : keep only this community
    always : organizations drawn whatever the focus (our own), within ``top``
    tied_only : leave out organizations without a tie in the period
    """
    candidates = measures.loc[list(G)]
    if tied_only:
        candidates = candidates[[G.degree(n) > 0 for n in candidates.index]]
    if community is not None:
        candidates = candidates[candidates["community"] == community]
    ranked = list(candidates.sort_values("influence", ascending=False, kind="stable").index)
    pinned = [i for i in always if i in G]
    ids = pinned + [i for i in ranked if i not in pinned][:max(top - len(pinned), 0)]
    hidden = len(G) - len(ids)
    note = ""
    if hidden:
        note = (f"Showing {len(ids)} of {len(G)} organizations"
                f"{' (the most influential)' if len(ranked) > top else ''}; "
                f"{hidden} left out by the focus"
                f"{' or because they have no tie in this period' if tied_only else ''}.")
    return Focus(ids=ids, left_out=note)


def frames(G: nx.Graph, measures: pd.DataFrame, positions: dict, ids: list
           ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (nodes, edges) tables for the organizations ``ids``.

    nodes: id, name, sector, geography, community, influence, x, y (in ``ids``
    order). edges: source, target, strength, type, unconfirmed among those organizations.
    """
    keep = set(ids)
    nodes = pd.DataFrame({
        "id": ids,
        "name": [G.nodes[i].get("name", i) for i in ids],
        "sector": [G.nodes[i].get("sector", "") for i in ids],
        "geography": [G.nodes[i].get("geography", "") for i in ids],
        "community": [int(measures.at[i, "community"]) for i in ids],
        "influence": [float(measures.at[i, "influence"]) for i in ids],
        "x": [positions.get(i, (0.0, 0.0))[0] for i in ids],
        "y": [positions.get(i, (0.0, 0.0))[1] for i in ids],
    })
    rows = [(u, v, d.get("strength", 1.0), d.get("type", ""), d.get("unconfirmed", False))
            for u, v, d in G.edges(data=True) if u in keep and v in keep]
    edges = pd.DataFrame(rows, columns=["source", "target", "strength", "type", "unconfirmed"])
    return nodes, edges


def local_layout(G: nx.Graph, scale: float = 400.0, seed: int = 0) -> dict:
    """Return seeded spring-layout positions for a small graph drawn on its own (an ego network).

    >>> local_layout(nx.path_graph(2)) == local_layout(nx.path_graph(2))
    True
    """
    if len(G) == 0:
        return {}
    pos = nx.spring_layout(G.to_undirected(as_view=True), seed=seed, scale=scale)
    return {n: (round(float(x), 2), round(float(y), 2)) for n, (x, y) in pos.items()}
