"""What plain networkx says: the reference for csvcore's fast measures.

Each function is the straightforward networkx call (no backend, no SciPy
shortcut, no caching) for one column of :func:`csvcore.graph.measures.node_measures`.
The tests check the fast paths against these; ``bench/run.py`` times them.
"""

from __future__ import annotations

import math

import networkx as nx
import pandas as pd

from csvcore.contract.mapkey import MapKey, period_labels
from csvcore.graph.build import build_graph
from csvcore.graph.communities import communities
from csvcore.graph.measures import degrees, influence
from csvcore.graph.views import undirected


def betweenness(G: nx.Graph) -> pd.Series:
    scores = nx.betweenness_centrality(G, normalized=True, backend="networkx")
    return pd.Series(scores, dtype=float).reindex(list(G))


def harmonic_closeness(G: nx.Graph) -> pd.Series:
    scores = pd.Series(nx.harmonic_centrality(G), dtype=float).reindex(list(G))
    return scores / (len(G) - 1) if len(G) > 1 else scores * 0


def eigenvector(G: nx.Graph, weight: str | None = "strength") -> pd.Series:
    """networkx's eigenvector centrality per component, scaled by sqrt(size / tied)."""
    U = undirected(G)
    parts = [c for c in nx.connected_components(U) if len(c) > 1]
    tied = sum(len(c) for c in parts)
    scores = pd.Series(0.0, index=list(G))
    for part in parts:
        sub = U.subgraph(part)
        if len(part) > 2:
            vector = nx.eigenvector_centrality_numpy(sub, weight=weight)
        else:  # numpy variant refuses 2 nodes; power iteration is exact at once
            vector = nx.eigenvector_centrality(sub, weight=weight)
        for node, value in vector.items():
            scores[node] = value * math.sqrt(len(part) / tied)
    return scores


def pagerank(G: nx.Graph) -> pd.Series:
    scores = nx.pagerank(G, alpha=0.85, weight="strength", tol=1e-10, max_iter=1000)
    return pd.Series(scores, dtype=float).reindex(list(G))


def node_measures(G: nx.Graph) -> pd.DataFrame:
    frame = degrees(G)
    frame["betweenness"] = betweenness(G)
    frame["closeness"] = harmonic_closeness(G)
    frame["eigenvector"] = eigenvector(G)
    frame["pagerank"] = pagerank(G)
    frame["influence"] = influence(frame)
    frame["rank"] = frame["influence"].rank(ascending=False, method="min").astype(int)
    return frame


def measures_table(ds, challenge=None, periods=None) -> pd.DataFrame:
    """The measures of ``csvcore.graph.measures.measures_table`` (without labels), the plain way."""
    frames = []
    for p in periods or period_labels(ds):
        G = build_graph(ds, MapKey(challenge), p)
        frame = node_measures(G)
        frame["community"] = pd.Series(communities(G))
        frames.append(frame.reset_index().assign(period=p))
    return pd.concat(frames, ignore_index=True)
