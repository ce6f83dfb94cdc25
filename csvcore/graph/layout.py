"""Where each organization sits on the map: one seeded layout for every period.

Positions are computed once per dataset and challenge, over the ties of all
periods, so organizations stay in place when the period or a filter changes.
"""

from __future__ import annotations

import math

import networkx as nx
import numpy as np

from ..contract.dataset import Dataset
from ..contract.mapkey import MapKey
from .build import SEED, build_graph
from .communities import communities

__all__ = ["LARGE_MAP", "layout"]

#: Node count above which :func:`layout` uses the cheaper community layout.
LARGE_MAP = 2000


def layout(ds: Dataset, challenge: str | None = None, *, seed: int = SEED,
           scale: float = 1000.0, large: int = LARGE_MAP) -> dict[str, tuple[float, float]]:
    """Return fixed map positions in ``[-scale, scale]``, the same for every period.

    The layout is computed once over the union of the ties of *all* periods
    (direction and strength ignored) so that organizations stay in place when
    the period changes. Up to ``large`` tied organizations: networkx's seeded
    ``spring_layout``. Above: a cheaper two-level layout (Louvain communities
    placed by a spring layout of the community graph, each community laid out
    inside a disc whose area is proportional to its size). Organizations with
    no tie in any period line up in a band below the map. Deterministic for a
    given dataset, challenge and seed.

    >>> import pandas as pd
    >>> from csvcore.contract.dataset import Dataset
    >>> ds = Dataset.from_frames(relationships=pd.DataFrame(
    ...     {"source": ["a", "b"], "target": ["b", "c"]}))
    >>> pos = layout(ds)
    >>> pos == layout(ds), max(abs(v) for xy in pos.values() for v in xy) <= 1000
    (True, True)
    """
    G = build_graph(ds, MapKey(challenge), None, directed=False)
    tied = G.subgraph([n for n, d in G.degree() if d])
    if len(tied) > large:  # the largest component as communities; the rest in the band
        tied = G.subgraph(max(nx.connected_components(tied), key=len))
    pos: dict = {}
    if len(tied):
        raw = (nx.spring_layout(tied, weight=None, seed=seed) if len(tied) <= large
               else _community_layout(tied, seed))
        pos = dict(zip(tied, nx.rescale_layout(np.array([raw[n] for n in tied]), scale=1)))
    order = {n: i for i, n in enumerate(G)}
    rest = [n for c in nx.connected_components(G.subgraph(n for n in G if n not in pos))
            for n in sorted(c, key=order.get)]  # partners side by side
    if rest:  # a band of rows under the map
        columns = math.ceil(math.sqrt(4 * len(rest)))
        step = 2 / columns
        top = min((y for _, y in pos.values()), default=0.0) - 0.1
        pos.update((n, (-1 + step * (i % columns + 0.5), top - step * (i // columns)))
                   for i, n in enumerate(rest))
    if not pos:
        return {}
    xy = nx.rescale_layout(np.array([pos[n] for n in G], dtype=float), scale=scale)
    return {n: (round(float(x), 2), round(float(y), 2)) for n, (x, y) in zip(G, xy)}


def _community_layout(G: nx.Graph, seed: int) -> dict:
    """Lay out communities as discs placed by a spring layout of the community graph."""
    membership = communities(G, seed=seed, weight=None)
    groups: dict[int, list] = {}
    for node, c in membership.items():
        groups.setdefault(c, []).append(node)
    Q = nx.Graph()
    Q.add_nodes_from(groups)
    Q.add_edges_from((membership[u], membership[v]) for u, v in G.edges()
                     if membership[u] != membership[v])
    centres = nx.spring_layout(Q, weight=None, seed=seed, method="energy")
    centres = dict(zip(Q, nx.rescale_layout(np.array([centres[c] for c in Q]), scale=1)))
    pos = {}
    for c, members in groups.items():  # discs covering about 30% of the square
        local = nx.spring_layout(G.subgraph(members), weight=None, seed=seed)
        radius = 0.62 * math.sqrt(len(members) / len(G))
        pos.update((n, centres[c] + radius * np.asarray(local[n])) for n in members)
    return pos
