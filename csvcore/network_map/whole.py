"""The whole network per period: size, cohesion, centralization, change.

Formulas (n = roster size, the same in every period; m = edges, arcs on a
directed map):

- density: m / (n(n-1)/2) undirected, m / (n(n-1)) directed (networkx
  ``density``; UCINET and ORA agree on binary data).
- reciprocity (directed maps): mutual dyads / connected dyads, as UCINET and
  ORA report it. networkx's ``reciprocity`` is the share of *arcs* that are
  reciprocated, 2M / (2M + A), which is larger whenever some dyads are
  one-way.
- mean degree: mean of the ``degree`` column over the roster, 2m / n (in +
  out arcs on a directed map).
- Freeman degree centralization: sum(max - d_i) / ((n-1)(n-2)) on undirected
  maps; on directed maps for in- and out-degree separately, sum(max - d_i) /
  (n-1)^2. 1 for a star, 0 when all degrees are equal.
- Freeman betweenness centralization: sum(max - b_i) / (n-1) on normalised
  betweenness b (the star reaches n-1), for both graph types.
- components: (weakly) connected components among the organizations with a
  tie; untied organizations are counted apart (``organizations`` vs
  ``roster``).
- change from the previous period: ties gained and lost, Hamming distance
  (gained + lost) and Jaccard similarity |E1 & E2| / |E1 | E2| of the tie sets
  (pairs; arcs on a directed map), and the Spearman rank correlation of
  influence over the roster. Every roster pair is observed, so the RSiena
  rule "only pairs observed in both periods" changes nothing here.

References: Freeman (1979), "Centrality in social networks: conceptual
clarification", Social Networks 1:215-239; Wasserman & Faust (1994), *Social
Network Analysis*, ch. 4-5; Hanneman & Riddle (2005), *Introduction to Social
Network Methods*, ch. 8 and 10.

>>> import networkx as nx
>>> D = nx.DiGraph([("a", "b"), ("b", "a"), ("b", "c"), ("c", "a")])
>>> round(reciprocity(D), 3), round(nx.reciprocity(D), 3)
(0.333, 0.5)
"""

from __future__ import annotations

import networkx as nx
import pandas as pd

from ..contract.dataset import Dataset
from ..contract.mapkey import MapKey, period_labels
from ..graph.build import EVERYTHING, build_graph
from ..graph.communities import modularity
from ..graph.measures import measures_table

__all__ = [
    "SUMMARY_INFO",
    "reciprocity",
    "degree_centralization",
    "betweenness_centralization",
    "tie_change",
    "summary_table",
]

#: column -> (label, plain explanation, formula)
SUMMARY_INFO: dict[str, tuple[str, str, str]] = {
    "period": ("Period", "The period.", ""),
    "roster": ("Roster", "Organizations on the map in any period.",
               "n, fixed across periods."),
    "organizations": ("Active organizations", "Organizations with at least one tie.", ""),
    "ties": ("Ties", "Relationships (ties to the same partner merged).",
             "Edges; arcs on a directed map."),
    "density": ("Density", "Share of all possible ties that exist.",
                "m / (n(n-1)/2) undirected; m / (n(n-1)) directed."),
    "reciprocity": ("Reciprocity", "Share of connected pairs whose tie runs both ways.",
                    "Mutual dyads / connected dyads (UCINET, ORA); directed maps only."),
    "components": ("Components", "Separate groups of tied organizations.",
                   "Weakly connected components among the active organizations."),
    "largest_component": ("Largest component", "Organizations in the largest group.", ""),
    "mean_degree": ("Mean degree", "Average number of ties per organization on the roster.",
                    "2m / n."),
    "degree_centralization": (
        "Degree centralization", "How much ties concentrate on one organization (1 = a star).",
        "Freeman: sum(max - d) / ((n-1)(n-2)); undirected maps."),
    "in_degree_centralization": (
        "In-degree centralization", "How much incoming ties concentrate on one organization.",
        "Freeman: sum(max - d_in) / (n-1)^2; directed maps."),
    "out_degree_centralization": (
        "Out-degree centralization", "How much outgoing ties concentrate on one organization.",
        "Freeman: sum(max - d_out) / (n-1)^2; directed maps."),
    "betweenness_centralization": (
        "Betweenness centralization", "How much brokerage concentrates on one organization.",
        "Freeman: sum(max - b) / (n-1) on normalised betweenness."),
    "communities": ("Communities", "Factions found by Louvain among the active organizations.",
                    "networkx louvain_communities, seed 0."),
    "modularity": ("Modularity", "How clearly the map splits into those factions.",
                   "Newman's modularity, strength-weighted, direction ignored."),
    "ties_gained": ("Ties gained", "Ties present now but not in the previous period.", ""),
    "ties_lost": ("Ties lost", "Ties present in the previous period but not now.", ""),
    "hamming": ("Hamming distance", "Ties that changed since the previous period.",
                "gained + lost."),
    "jaccard": ("Jaccard similarity", "Share of ties kept from the previous period "
                "among all ties of the two periods.", "|E1 & E2| / |E1 | E2|."),
    "rank_correlation": ("Rank correlation", "How much the influence ranking held since "
                         "the previous period (1 = same order).",
                         "Spearman correlation of influence over the roster."),
}


def reciprocity(G: nx.Graph) -> float:
    """Return mutual dyads / connected dyads (UCINET/ORA); NaN when undirected or empty."""
    if not G.is_directed() or G.number_of_edges() == 0:
        return float("nan")
    mutual = sum(1 for u, v in G.edges() if G.has_edge(v, u)) / 2
    return mutual / (G.number_of_edges() - mutual)


def degree_centralization(G: nx.Graph, direction: str | None = None) -> float:
    """Return Freeman's degree centralization (``direction`` "in"/"out" on directed maps).

    >>> degree_centralization(nx.star_graph(4)), degree_centralization(nx.cycle_graph(4))
    (1.0, 0.0)
    """
    n = len(G)
    if G.is_directed():
        degree = {"in": G.in_degree, "out": G.out_degree}[direction]
        denominator = (n - 1) ** 2
    else:
        degree, denominator = G.degree, (n - 1) * (n - 2)
    if n < 2 or denominator <= 0:
        return float("nan")
    values = [d for _, d in degree()]
    return (len(values) * max(values) - sum(values)) / denominator


def betweenness_centralization(scores) -> float:
    """Return Freeman's betweenness centralization from normalised betweenness scores.

    >>> betweenness_centralization([1.0, 0.0, 0.0, 0.0])
    1.0
    """
    values = list(scores)
    if len(values) < 3:
        return float("nan")
    return (len(values) * max(values) - sum(values)) / (len(values) - 1)


def tie_change(before: nx.Graph, after: nx.Graph) -> dict[str, float]:
    """Return ties gained, lost, Hamming distance and Jaccard similarity between two maps.

    >>> tie_change(nx.path_graph(3), nx.Graph([(1, 0), (2, 3)]))
    {'ties_gained': 1, 'ties_lost': 1, 'hamming': 2, 'jaccard': 0.3333333333333333}
    """
    old, new = _tie_set(before), _tie_set(after)
    union = len(old | new)
    return {"ties_gained": len(new - old), "ties_lost": len(old - new),
            "hamming": len(old ^ new),
            "jaccard": len(old & new) / union if union else float("nan")}


def _tie_set(G: nx.Graph) -> set:
    return set(G.edges()) if G.is_directed() else {frozenset(e) for e in G.edges()}


def summary_table(ds: Dataset, key: MapKey = EVERYTHING, *,
                  measures: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return the network-level figures of every period, one row per period.

    Parameters
    ----------
    ds : Dataset
    key : MapKey
        The challenge and the filters.
    measures : DataFrame, optional
        The output of ``measures_table(ds, key)`` when the caller has it
        already (its betweenness, communities and influence are reused rather
        than computed again).

    Returns
    -------
    pandas.DataFrame
        The columns of :data:`SUMMARY_INFO` that apply (in/out degree
        centralization on directed maps, degree centralization otherwise);
        the change columns are empty for the first period.
    """
    if measures is None:
        measures = measures_table(ds, key)
    rows, before, influence_before = [], None, None
    for period in period_labels(ds):
        G = build_graph(ds, key, period)
        m = measures[measures["period"] == period].set_index("id")
        n, ties = len(G), G.number_of_edges()
        tied = G.subgraph(v for v, d in G.degree() if d)
        components = nx.weakly_connected_components if G.is_directed() else \
            nx.connected_components
        parts = [len(c) for c in components(tied)]
        row = {"period": period, "roster": n, "organizations": len(tied), "ties": ties,
               "density": nx.density(G), "reciprocity": reciprocity(G),
               "components": len(parts), "largest_component": max(parts, default=0),
               "mean_degree": 2 * ties / n if n else float("nan")}
        if G.is_directed():
            row["in_degree_centralization"] = degree_centralization(G, "in")
            row["out_degree_centralization"] = degree_centralization(G, "out")
        else:
            row["degree_centralization"] = degree_centralization(G)
        row["betweenness_centralization"] = betweenness_centralization(m["betweenness"])
        row["communities"] = int(m["community"].max() + 1) if n else 0
        row["modularity"] = modularity(G, m["community"])
        if before is not None:
            row.update(tie_change(before, G))
            row["rank_correlation"] = m["influence"].rank().corr(influence_before.rank())
        rows.append(row)
        before, influence_before = G, m["influence"]
    return pd.DataFrame(rows, columns=[c for c in SUMMARY_INFO
                                       if any(c in r for r in rows)])
