"""Partners to approach, and how our numbers would move with proposed new ties.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

import networkx as nx
import numpy as np
import pandas as pd

from ..graph.measures import node_measures
from ..graph.views import undirected
from ..network_map.ego import paths_to, reach, structural_holes
from .boundaries import MISSING
from .convening import community_labels

__all__ = [
    "WHATIF_MEASURES",
    "neighbourhood",
    "partner_candidates",
    "with_ties",
    "whatif",
]

#: what-if measure -> (label, plain meaning, which way is better)
WHATIF_MEASURES = {
    "partners": ("Partners", "Organizations we have a direct tie with.", "higher"),
    "within_steps": ("Reach within 2 steps",
                     "Organizations we reach directly or through one partner.", "higher"),
    "betweenness": ("Betweenness", "How often we sit on the shortest route between two "
                    "other organizations (0 to 1).", "higher"),
    "effective_size": ("Effective size", "Partners who bring contacts the others do not "
                       "(Burt's non-redundant partners).", "higher"),
    "constraint": ("Constraint", "How much our partners are tied to each other, so that "
                   "we hear the same things twice (Burt; lower is freer).", "lower"),
    "rank": ("Influence rank", "Our position by influence (1 = most influential).",
             "lower"),
}

def neighbourhood(G: nx.Graph, ego, new_ties: Iterable = (), steps: int = 2) -> list:
    """Return the organizations within ``steps`` of ``ego`` (direction ignored), ego first,
    once ties to ``new_ties`` are added.

    >>> neighbourhood(nx.path_graph(5), 0, new_ties=[3])
    [0, 1, 3, 2, 4]
    """
    U = nx.Graph(undirected(G))
    U.add_edges_from((ego, n) for n in new_ties)
    return list(nx.single_source_shortest_path_length(U, ego, cutoff=steps))


def partner_candidates(G: nx.Graph, ego, now: pd.DataFrame, trend: pd.DataFrame,
                       players: Collection = (), top: int = 10) -> pd.DataFrame:
    """Return the organizations worth approaching, ranked, each with its reasons.

    Candidates are active organizations we have no tie with. A candidate
    qualifies with at least one of these reasons: it is *rising* (step 2's
    label); it is in a *sector* or a *community* where we have no partner (a
    bridge); a tie with it would bring some of ``players`` (the central and
    rising players) within two steps of us. Being two steps away (a partner
    can introduce us) adds a reason. Ranked by the number of reasons, then
    by the players (other than the candidate) and the organizations
    (``new_reach``, the candidate included) the tie would bring within two
    steps, then influence.

    Returns
    -------
    pandas.DataFrame
        id, name, sector, community, influence, change (influence change over
        the trend window), distance (``<NA>``: not connected), via (the
        partner who can introduce us), players_reached, new_reach, reasons
        (plain text), score (number of reasons); the ``top`` best.

    Examples
    --------
    >>> G = nx.Graph([("us", "a"), ("a", "b"), ("b", "c")])
    >>> now = pd.DataFrame({"name": ["Us", "A", "B", "C"], "sector": ["X", "X", "Y", "X"],
    ...                     "community": [0, 0, 0, 0], "influence": [0.2, 0.5, 0.9, 0.1]},
    ...                    index=["us", "a", "b", "c"])
    >>> trend = pd.DataFrame({"id": ["b", "c"], "label": ["Stable", "Rising"],
    ...                       "change": [0.0, 0.3]})
    >>> table = partner_candidates(G, "us", now, trend)
    >>> table["id"].tolist(), table.loc[0, "reasons"].split("; ")
    (['b', 'c'],
     ['a bridge into Y, a sector where we have no partner', 'two steps away: A can introduce us'])
    """
    U = undirected(G)
    partners = set(U[ego])
    near = set(neighbourhood(U, ego))
    pool = [n for n, d in U.degree() if d and n != ego and n not in partners]
    paths = paths_to(U, ego, pool).set_index("target")
    known = {"rising": set(trend.loc[trend["label"] == "Rising", "id"]),
             "change": trend.set_index("id")["change"], "labels": community_labels(now),
             "sectors": {now.at[p, "sector"] for p in partners},
             "communities": {now.at[p, "community"] for p in partners},
             "players": set(players) - near}
    rows = []
    for n in pool:
        brings = ({n} | set(U[n])) - near
        reasons = _reasons(n, now, known, (brings - {n}) & known["players"])
        if not reasons:
            continue
        ids = paths.at[n, "path_ids"]
        via = now.at[ids[1], "name"] if len(ids) > 2 else ""
        if len(ids) == 3:
            reasons.append(f"two steps away: {via} can introduce us")
        rows.append({"id": n, "name": now.at[n, "name"], "sector": now.at[n, "sector"],
                     "community": known["labels"].get(now.at[n, "community"], ""),
                     "influence": now.at[n, "influence"],
                     "change": known["change"].get(n, np.nan),
                     "distance": paths.at[n, "distance"], "via": via,
                     "players_reached": len((brings - {n}) & known["players"]),
                     "new_reach": len(brings), "reasons": "; ".join(reasons),
                     "score": len(reasons)})
    table = pd.DataFrame(rows, columns=["id", "name", "sector", "community", "influence",
                                        "change", "distance", "via", "players_reached",
                                        "new_reach", "reasons", "score"])
    table = table.sort_values(["score", "players_reached", "new_reach", "influence", "name"],
                              ascending=[False, False, False, False, True], ignore_index=True)
    return table.head(top).astype({"distance": "Int64"})


def _reasons(n, now: pd.DataFrame, known: dict, players: set) -> list[str]:
    """Return why ``n`` is worth approaching (see :func:`partner_candidates`)."""
    sector, community = now.at[n, "sector"], now.at[n, "community"]
    reasons = []
    if n in known["rising"]:
        reasons.append(f"rising (influence {known['change'][n]:+.2f})")
    if sector not in known["sectors"] and sector not in MISSING:
        reasons.append(f"a bridge into {sector}, a sector where we have no partner")
    if community not in known["communities"] and community >= 0:
        reasons.append(f"a bridge into {known['labels'][community]}, where we have no partner")
    if players:
        names = now.loc[list(players)].sort_values(["rank", "name"])["name"].tolist()
        more = f" and {len(names) - 3} more" if len(names) > 3 else ""
        reasons.append(f"brings {', '.join(names[:3])}{more} within two steps")
    return reasons


def with_ties(G: nx.Graph, ego, partners: Iterable, strength: float = 1.0) -> nx.Graph:
    """Return a copy of ``G`` with a new tie between ``ego`` and each partner.

    A new tie is undirected (two reciprocal arcs on a directed map, the
    convention of :mod:`csvcore.graph.build`), of type ``proposed``; an
    organization tied to us already, either way, is left as it is.

    >>> H = with_ties(nx.DiGraph([("us", "a")]), "us", ["a", "b"], strength=2.0)
    >>> sorted(H.edges), H["b"]["us"]["strength"]
    ([('b', 'us'), ('us', 'a'), ('us', 'b')], 2.0)
    """
    H = G.copy()
    tie = {"strength": float(strength), "distance": 1.0 / strength, "type": "proposed",
           "ties": 1}
    for p in partners:
        if p != ego and not (H.has_edge(ego, p) or H.has_edge(p, ego)):
            H.add_edges_from([(ego, p), (p, ego)] if H.is_directed() else [(ego, p)], **tie)
    return H


def _standing(G: nx.Graph, ego) -> dict:
    scores = node_measures(G).loc[ego]
    holes = structural_holes(G, ego)
    return {"partners": holes["partners"], "within_steps": reach(G, ego)["within_steps"],
            "betweenness": scores["betweenness"], "effective_size": holes["effective_size"],
            "constraint": holes["constraint"], "rank": scores["rank"]}


def whatif(G: nx.Graph, ego, new_ties: Collection, strength: float = 1.0) -> pd.DataFrame:
    """Return our numbers before and after adding proposed ties (see :func:`with_ties`).

    Parameters
    ----------
    G : networkx.Graph or DiGraph
        The map of the period.
    ego : our organization
    new_ties : collection
        Organizations we would tie to.
    strength : float
        Strength of each new tie.

    Returns
    -------
    pandas.DataFrame
        One row per :data:`WHATIF_MEASURES` entry: measure, label, meaning,
        better (``higher`` or ``lower``), before, after, change, improved
        (bool; False when unchanged).

    Examples
    --------
    >>> G = nx.Graph([("us", "a"), ("b", "c"), ("c", "d")])
    >>> t = whatif(G, "us", ["b"]).set_index("measure")
    >>> t.loc[["partners", "within_steps"], ["before", "after", "change"]].to_dict("index")
    {'partners': {'before': 1.0, 'after': 2.0, 'change': 1.0},
     'within_steps': {'before': 1.0, 'after': 3.0, 'change': 2.0}}
    """
    before = _standing(G, ego)
    after = _standing(with_ties(G, ego, new_ties, strength), ego) if new_ties else before
    table = pd.DataFrame([
        {"measure": key, "label": label, "meaning": meaning, "better": better,
         "before": float(before[key]), "after": float(after[key])}
        for key, (label, meaning, better) in WHATIF_MEASURES.items()])
    table["change"] = table["after"] - table["before"]
    sign = np.where(table["better"] == "higher", 1, -1)
    table["improved"] = table["change"].round(12) * sign > 0
    return table
