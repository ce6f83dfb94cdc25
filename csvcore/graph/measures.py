"""Central players: every node measure of a map, and one composite influence score.

Every score is computed on the fixed roster (:mod:`csvcore.graph.build`): an
organization without a tie in the period scores 0 (PageRank: the floor that
every untied organization shares) and still counts in ``n``, so a score moves
between periods only because ties moved. :data:`MEASURE_INFO` gives, per
column, a label, a plain-language explanation and the convention.

Fast paths, each tested equal (to 1e-9) to the plain networkx call:

- betweenness: rustworkx's exact Brandes betweenness (Rust, parallel) when
  the optional ``rustworkx`` package is installed, else networkx's
  ``betweenness_centrality``; same definition and normalisation, so the same
  numbers, for about 1/30 of the CPU on 4,000 organizations. rustworkx is called
  directly rather than through the nx-rustworkx backend, whose dispatcher
  caches the converted graph on ``G`` and warns when ``G`` is reused.
- harmonic closeness: breadth-first search from every source at once on
  bitsets (one bit per source, NumPy), instead of one Python BFS per node.
- eigenvector: SciPy's symmetric eigensolver per connected component.
- PageRank: networkx's (already SciPy-based).

All measures are exact; nothing is sampled.

Why the influence score looks the way it does: the four measures it averages
answer different questions (degree: activity; betweenness: brokerage;
closeness: reach; PageRank: status, weighted by strength and defined on
directed and disconnected maps). Their scales and skews differ wildly, so
each is turned into a percentile, the share of the other organizations
that score strictly lower, before averaging; a percentile depends only on
the order of organizations, not on a measure's units, and with ``n`` fixed
by the roster the same value means the same thing in every period. An
organization without a tie outranks nobody and scores 0. Eigenvector
centrality is left out: it repeats PageRank's idea and depends on how
components are scaled.

>>> import networkx as nx
>>> G = nx.Graph([("a", "b", {"strength": 1.0}), ("b", "c", {"strength": 1.0})])
>>> node_measures(G)[["degree", "betweenness", "closeness", "influence", "rank"]]
    degree  betweenness  closeness  influence  rank
id                                                 
a        1          0.0       0.75        0.0     2
b        2          1.0       1.00        1.0     1
c        1          0.0       0.75        0.0     2
"""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pandas as pd
from scipy.sparse import csgraph
from scipy.sparse.linalg import eigsh

try:  # optional accelerator for betweenness
    import rustworkx as rx
except ImportError:  # pragma: no cover - depends on the environment
    rx = None

from ..contract.dataset import Dataset
from ..contract.mapkey import MapKey, period_labels
from .build import EVERYTHING, build_graph
from .communities import communities

__all__ = [
    "MEASURE_INFO",
    "INFLUENCE_MEASURES",
    "betweenness_backend",
    "degrees",
    "betweenness",
    "harmonic_closeness",
    "eigenvector",
    "pagerank",
    "influence",
    "node_measures",
    "measures_table",
]

#: column -> (label, plain explanation, convention and how it compares with UCINET/ORA/networkx)
MEASURE_INFO: dict[str, tuple[str, str, str]] = {
    "degree": (
        "Degree",
        "How many direct ties this organization has.",
        "Count of edges (ties to the same partner merged); on directed maps in + out arcs, "
        "as networkx's G.degree. Not normalised: divide by n-1 for UCINET's nDegree (which "
        "UCINET shows as a percentage); ORA's total degree divides in + out by 2(n-1).",
    ),
    "in_degree": (
        "In-degree",
        "How many organizations have a tie towards this one (ties received).",
        "Directed maps only. Count, as Freeman/UCINET in-degree.",
    ),
    "out_degree": (
        "Out-degree",
        "How many organizations this one has a tie towards (ties sent).",
        "Directed maps only. Count, as Freeman/UCINET out-degree.",
    ),
    "strength": (
        "Strength",
        "The total strength of this organization's ties.",
        "Weighted degree: sum of merged tie strengths (networkx degree(weight=...)); "
        "in + out on directed maps. UCINET's degree on valued data is the same sum.",
    ),
    "in_strength": (
        "In-strength",
        "The total strength of the ties this organization receives.",
        "Directed maps only. Sum of the strengths of incoming arcs.",
    ),
    "out_strength": (
        "Out-strength",
        "The total strength of the ties this organization sends.",
        "Directed maps only. Sum of the strengths of outgoing arcs.",
    ),
    "betweenness": (
        "Betweenness",
        "How many shortest paths between other organizations run through this one: "
        "its power to broker, or to block.",
        "Freeman betweenness on hop counts (tie strength ignored: strength is not a "
        "distance), each pair counted once, normalised by (n-1)(n-2)/2 on undirected and "
        "(n-1)(n-2) on directed maps: networkx normalized=True, UCINET's nBetweenness / 100. "
        "statnet's sna counts both orders of a pair (twice as large raw).",
    ),
    "closeness": (
        "Closeness (harmonic)",
        "How easily this organization is reached from all the others: 1 means a direct "
        "tie with everyone, 0 no tie at all.",
        "Harmonic closeness: sum of 1/distance over the others, divided by n-1; an "
        "unreachable organization adds 0, so it is defined on disconnected maps "
        "(networkx harmonic_centrality / (n-1); igraph's normalised harmonic centrality). "
        "Hop counts; on directed maps distances run towards the organization (networkx). "
        "UCINET's and ORA's classic closeness differ on disconnected maps.",
    ),
    "eigenvector": (
        "Eigenvector",
        "How well connected this organization's partners are: ties to well-connected "
        "organizations count more.",
        "Leading eigenvector of the strength-weighted adjacency, direction ignored (A + A^T), "
        "computed per connected component; each component's unit vector is scaled by "
        "sqrt(component size / tied organizations), so the whole vector has unit length "
        "(networkx's convention; equal to networkx on a connected map, where networkx's "
        "numpy variant fails on disconnected ones). Compare within a component; igraph and "
        "ORA rescale so the top score is 1.",
    ),
    "pagerank": (
        "PageRank",
        "The share of attention this organization would get if attention flowed along "
        "ties, stronger ties carrying more.",
        "networkx pagerank, damping 0.85, weighted by strength, sums to 1 over the roster; "
        "follows the arcs on directed maps. Untied organizations share the same floor.",
    ),
    "influence": (
        "Influence",
        "The share of the other organizations this one outranks, averaged over degree, "
        "betweenness, closeness and PageRank: 1 = top on all four, 0 = no tie.",
        "This project's composite: mean of four percentiles, each (organizations with a "
        "strictly lower score) / (n-1) with n the roster, so it is comparable across "
        "periods. Scores equal to 12 decimals tie. Not a UCINET/ORA measure.",
    ),
    "rank": (
        "Rank",
        "Position by influence in the period (1 = most influential).",
        "Ties share the best rank.",
    ),
    "community": (
        "Community",
        "The faction (Louvain community) this organization belongs to in the period; "
        "-1 = no tie.",
        "networkx louvain_communities, seed 0, strength-weighted, direction ignored; "
        "ids ordered by size, per period.",
    ),
}

#: The measures averaged into ``influence``.
INFLUENCE_MEASURES = ("degree", "betweenness", "closeness", "pagerank")

_GATHER_WORDS = 1 << 22  # 64-bit words gathered per BFS step (32 MB)


def betweenness_backend() -> str:
    """Return ``"rustworkx"`` when it computes betweenness (installed), else ``"networkx"``."""
    return "networkx" if rx is None else "rustworkx"


def degrees(G: nx.Graph) -> pd.DataFrame:
    """Return degree and strength per node (and in/out on a directed map).

    >>> G = nx.DiGraph([("a", "b", {"strength": 2.0}), ("c", "b", {"strength": 1.0})])
    >>> degrees(G).loc["b"].tolist()
    [2.0, 2.0, 0.0, 3.0, 3.0, 0.0]
    """
    views = {"degree": G.degree, "strength": G.degree}
    if G.is_directed():
        views.update(in_degree=G.in_degree, out_degree=G.out_degree,
                     in_strength=G.in_degree, out_strength=G.out_degree)
    order = [c for c in MEASURE_INFO if c in views]
    return pd.DataFrame(
        {c: dict(views[c](weight="strength" if "strength" in c else None)) for c in order},
        index=pd.Index(list(G), name="id"), columns=order,
    ).astype({c: float for c in order if "strength" in c})


def betweenness(G: nx.Graph) -> pd.Series:
    """Return normalised betweenness on hop counts (see ``MEASURE_INFO``).

    >>> betweenness(nx.path_graph(3)).tolist()
    [0.0, 1.0, 0.0]
    """
    nodes = list(G)
    if rx is None:
        return pd.Series(nx.betweenness_centrality(G, normalized=True), dtype=float
                         ).reindex(nodes)
    position = {v: i for i, v in enumerate(nodes)}
    R = rx.PyDiGraph() if G.is_directed() else rx.PyGraph()
    R.add_nodes_from(nodes)
    R.add_edges_from_no_data([(position[u], position[v]) for u, v in G.edges()])
    kernel = (rx.digraph_betweenness_centrality if G.is_directed()
              else rx.graph_betweenness_centrality)
    scores = kernel(R, normalized=True)
    return pd.Series([scores[i] for i in range(len(nodes))], index=nodes, dtype=float)


def harmonic_closeness(G: nx.Graph) -> pd.Series:
    """Return harmonic closeness / (n - 1) on hop counts, towards each node.

    >>> harmonic_closeness(nx.path_graph(3)).tolist()
    [0.75, 1.0, 0.75]
    """
    nodes = list(G)
    scores = np.zeros(len(nodes))
    tied = np.array([G.degree(v) > 0 for v in nodes], dtype=bool)
    if tied.any():
        A = nx.to_scipy_sparse_array(G, [v for v, t in zip(nodes, tied) if t],
                                     weight=None, format="csr")
        scores[tied] = _inverse_distance_sums(A) / (len(nodes) - 1)
    return pd.Series(scores, index=nodes)


def _inverse_distance_sums(A) -> np.ndarray:
    """Return sum over sources s of 1/d(s, u), for every node u of adjacency ``A``.

    Breadth-first search from all sources at once on bitsets: row u of
    ``seen`` holds one bit per source that has reached u; one step ORs the
    frontier rows of u's in-neighbours. Sources are taken in blocks of
    64-bit words so that the gathered rows stay under ``_GATHER_WORDS``.
    """
    n = A.shape[0]
    step = A.T.tocsr()  # row u lists the nodes with an arc to u
    rows = np.flatnonzero(np.diff(step.indptr))  # nodes with an in-neighbour
    starts = step.indptr[rows]
    totals = np.zeros(n)
    words = (n + 63) // 64
    block = max(1, min(words, _GATHER_WORDS // max(1, step.nnz)))
    for first in range(0, words, block):
        sources = np.arange(first * 64, min(n, (first + block) * 64))
        seen = np.zeros((n, min(words, first + block) - first), dtype=np.uint64)
        seen[sources, sources // 64 - first] = np.left_shift(
            np.uint64(1), (sources % 64).astype(np.uint64))
        frontier, distance = seen.copy(), 0
        while True:
            distance += 1
            new = np.zeros_like(seen)
            new[rows] = np.bitwise_or.reduceat(frontier[step.indices], starts, axis=0)
            new &= ~seen
            reached = np.bitwise_count(new).sum(axis=1)
            if not reached.any():
                break
            totals += reached / distance
            seen |= new
            frontier = new
    return totals


def eigenvector(G: nx.Graph, weight: str | None = "strength") -> pd.Series:
    """Return eigenvector centrality per component, scaled to unit length overall.

    Never fails on a disconnected map: each connected component (direction
    ignored) gets its own leading eigenvector of unit length, multiplied by
    ``sqrt(size / tied)`` where ``tied`` counts organizations with a tie, so
    the vector over the roster has unit length. Untied organizations score 0.

    >>> G = nx.Graph([("a", "b"), ("c", "d"), ("d", "e")])
    >>> eigenvector(G, weight=None).round(3).tolist()
    [0.447, 0.447, 0.387, 0.548, 0.387]
    """
    nodes = list(G)
    scores = np.zeros(len(nodes))
    if G.number_of_edges():
        A = nx.to_scipy_sparse_array(G, nodes, weight=weight, format="csr", dtype=float)
        if G.is_directed():
            A = (A + A.T).tocsr()
        _, labels = csgraph.connected_components(A, directed=False)
        sizes = np.bincount(labels)
        tied = sizes[sizes > 1].sum()
        for members in np.split(np.argsort(labels, kind="stable"), np.cumsum(sizes)[:-1]):
            if len(members) > 1:
                scores[members] = (_perron(A[members][:, members])
                                   * math.sqrt(len(members) / tied))
    return pd.Series(scores, index=nodes)


def _perron(M) -> np.ndarray:
    """Return the positive unit leading eigenvector of a connected symmetric matrix."""
    if M.shape[0] <= 64:
        vector = np.linalg.eigh(M.toarray())[1][:, -1]
    else:
        vector = eigsh(M, k=1, which="LA", v0=np.ones(M.shape[0]))[1][:, 0]
    vector = np.abs(vector)  # Perron: one sign throughout
    return vector / np.linalg.norm(vector)


def pagerank(G: nx.Graph, weight: str | None = "strength") -> pd.Series:
    """Return networkx's PageRank (damping 0.85), solved to 1e-10.

    >>> pagerank(nx.path_graph(3)).round(3).tolist()
    [0.257, 0.486, 0.257]
    """
    scores = nx.pagerank(G, alpha=0.85, weight=weight, tol=1e-10, max_iter=1000)
    return pd.Series(scores, dtype=float).reindex(list(G))


def influence(scores: pd.DataFrame, measures=INFLUENCE_MEASURES) -> pd.Series:
    """Return the mean over ``measures`` of the share of others each row strictly outranks.

    >>> influence(pd.DataFrame({"x": [0, 1, 2], "y": [0, 2, 2]}), measures=["x", "y"]).tolist()
    [0.0, 0.5, 0.75]
    """
    n = len(scores)
    if n < 2:
        return pd.Series(0.0, index=scores.index)
    below = scores[list(measures)].round(12).rank(method="min") - 1
    return (below / (n - 1)).mean(axis=1)


def node_measures(G: nx.Graph) -> pd.DataFrame:
    """Return every node measure of one map, one row per organization on the roster."""
    frame = degrees(G)
    frame["betweenness"] = betweenness(G)
    frame["closeness"] = harmonic_closeness(G)
    frame["eigenvector"] = eigenvector(G)
    frame["pagerank"] = pagerank(G)
    frame["influence"] = influence(frame)
    frame["rank"] = frame["influence"].rank(ascending=False, method="min").astype(int)
    return frame


def measures_table(ds: Dataset, key: MapKey = EVERYTHING, period: str | None = None
                   ) -> pd.DataFrame:
    """Return every node measure for one period, or for every period (``period=None``).

    Parameters
    ----------
    ds : Dataset
    key : MapKey
        The challenge (``None``: every challenge) and the filters.
    period : str, optional
        One period, or ``None`` for all of them, stacked in time order.

    Returns
    -------
    pandas.DataFrame
        Tidy: one row per period and roster organization, with ``period``,
        ``id``, ``name``, ``sector``, ``geography``, ``focal``, the columns of
        :data:`MEASURE_INFO` that apply (in/out ones on directed maps only)
        and ``community``.
    """
    frames = []
    for p in period_labels(ds) if period is None else (period,):
        G = build_graph(ds, key, p)
        labels = pd.DataFrame(
            {attr: dict(G.nodes(data=attr)) for attr in ("name", "sector", "geography", "focal")},
            index=pd.Index(list(G), name="id"))
        frame = pd.concat([labels, node_measures(G)], axis=1)
        frame["community"] = pd.Series(communities(G))
        frames.append(frame.reset_index().assign(period=p))
    table = pd.concat(frames, ignore_index=True)
    return table[["period"] + [c for c in table.columns if c != "period"]]
