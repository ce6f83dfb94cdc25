"""Our organization: its ego network, its paths to the central players, its reach.

Conventions:

- Distances, shortest paths and reach ignore direction and strength: any
  tie, whichever way it points, is a channel through which we can ask for an
  introduction. Among the shortest paths to a player, the one shown is the
  one whose weakest tie is strongest (ties broken by breadth-first order).
- Burt's effective size and constraint use networkx's *whole network* model
  (METHOD.md): alters' ties to each other count wherever they are in the map,
  and tie strengths weigh the proportions. With equal strengths on an
  undirected map, effective size equals Borgatti's n - 2t/n. Burt, R. S.
  (1992), *Structural Holes*, Harvard UP; Borgatti (1997), "Structural
  holes: unpacking Burt's redundancy measures", Connections 20(1):35-38.

>>> import networkx as nx
>>> G = nx.Graph([("us", "a"), ("a", "b"), ("b", "c")])
>>> paths_to(G, "us", ["c"])[["target", "distance", "paths", "path"]].to_dict("records")
[{'target': 'c', 'distance': 3, 'paths': 1, 'path': 'us → a → b → c'}]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import networkx as nx
import pandas as pd

from ..contract.dataset import Dataset
from ..contract.mapkey import MapKey, periods_until, resolve_period
from ..graph.build import EVERYTHING, build_graph
from ..graph.measures import measures_table
from ..graph.views import undirected
from .trends import trends

__all__ = [
    "ARROW",
    "ego_network",
    "paths_to",
    "reach",
    "structural_holes",
    "touched",
    "EgoReport",
    "ego_report",
]

#: Joins the names along a path.
ARROW = " → "


def ego_network(G: nx.Graph, ego) -> nx.Graph:
    """Return ``ego``, its partners (ties either way) and the ties among them.

    >>> sorted(ego_network(nx.path_graph(4), 1).edges)
    [(0, 1), (1, 2)]
    """
    return nx.ego_graph(G, ego, radius=1, undirected=True)


def _bfs(G: nx.Graph, ego) -> tuple[dict, dict, dict]:
    """Return distance, number of shortest paths and best predecessor from ``ego``.

    The best predecessor keeps, among shortest paths, the one whose weakest
    tie is strongest.
    """
    U = undirected(G)
    distance, count, predecessor = {ego: 0}, {ego: 1}, {ego: None}
    weakest = {ego: float("inf")}
    level = [ego]
    while level:
        following = []
        for u in level:
            for v, data in U[u].items():
                if v not in distance:
                    distance[v], count[v], weakest[v] = distance[u] + 1, 0, -1.0
                    following.append(v)
                if distance[v] == distance[u] + 1:
                    count[v] += count[u]
                    bottleneck = min(weakest[u], data.get("strength", 1.0))
                    if bottleneck > weakest[v]:
                        weakest[v], predecessor[v] = bottleneck, u
        level = following
    return distance, count, predecessor


def paths_to(G: nx.Graph, ego, targets: Iterable) -> pd.DataFrame:
    """Return distance, number of shortest paths and one named path from ``ego`` to each target.

    Returns
    -------
    pandas.DataFrame
        target, name, distance (``<NA>`` when unreachable), paths (number of
        shortest paths), path (names joined by ``→``), intermediaries (names
        joined by ``; ``), path_ids (tuple of ids, ego first).
    """
    distance, count, predecessor = _bfs(G, ego)
    name = nx.get_node_attributes(G, "name")
    rows = []
    for t in targets:
        ids: tuple = ()
        if t in distance:
            node, chain = t, []
            while node is not None:
                chain.append(node)
                node = predecessor[node]
            ids = tuple(reversed(chain))
        names = [str(name.get(i, i)) for i in ids]
        rows.append({"target": t, "name": name.get(t, t), "distance": distance.get(t),
                     "paths": count.get(t, 0), "path": ARROW.join(names),
                     "intermediaries": "; ".join(names[1:-1]), "path_ids": ids})
    table = pd.DataFrame(rows, columns=["target", "name", "distance", "paths", "path",
                                        "intermediaries", "path_ids"])
    return table.astype({"distance": "Int64", "paths": "int64"})


def reach(G: nx.Graph, ego, steps: int = 2) -> dict[str, float]:
    """Return how many organizations ``ego`` reaches within 1 and ``steps`` steps, and their share.

    The share divides by the other organizations on the roster (n - 1).

    >>> reach(nx.path_graph(5), 0)
    {'direct': 1, 'within_steps': 2, 'share': 0.5}
    """
    distance = _bfs(G, ego)[0]
    within = sum(1 for d in distance.values() if 0 < d <= steps)
    others = len(G) - 1
    return {"direct": sum(1 for d in distance.values() if d == 1), "within_steps": within,
            "share": within / others if others else float("nan")}


def structural_holes(G: nx.Graph, ego, weight: str | None = "strength") -> dict[str, float]:
    """Return Burt's effective size, efficiency and constraint of ``ego`` (whole-network model).

    >>> structural_holes(nx.star_graph(3), 0, weight=None)
    {'partners': 3, 'effective_size': 3.0, 'efficiency': 1.0, 'constraint': 0.3333333333333333}
    """
    partners = len(set(nx.all_neighbors(G, ego)))
    size = nx.effective_size(G, [ego], weight=weight)[ego]
    return {"partners": partners, "effective_size": size,
            "efficiency": size / partners if partners else float("nan"),
            "constraint": nx.constraint(G, [ego], weight=weight)[ego]}


def touched(G: nx.Graph, ego, groups: Mapping) -> pd.DataFrame:
    """Return, per group (sector, community, ...), our partners in it and its active organizations.

    Groups of active organizations we have no partner in show with 0;
    ``-1`` (no community) is left out.

    >>> G = nx.Graph([("us", "a"), ("b", "c")])
    >>> touched(G, "us", {"us": "NGO", "a": "NGO", "b": "Gov", "c": "Gov"})
      group  partners  organizations
    0   Gov         0              2
    1   NGO         1              2
    """
    partners = set(nx.all_neighbors(G, ego))
    rows: dict = {}
    for node, degree in G.degree():
        group = groups.get(node)
        if degree and group is not None and group != -1:
            row = rows.setdefault(group, {"group": group, "partners": 0, "organizations": 0})
            row["organizations"] += 1
            row["partners"] += node in partners
    table = pd.DataFrame(list(rows.values()), columns=["group", "partners", "organizations"])
    return table.sort_values(["partners", "organizations", "group"],
                             ascending=[True, False, True], ignore_index=True)


@dataclass(frozen=True)
class EgoReport:
    """How our organization is connected in one period of a map."""

    ego: str
    period: str
    network: nx.Graph  # ego network: us, our partners, the ties among them
    partners: pd.DataFrame  # id, name, sector, geography, community, strength, type
    holes: dict  # partners, effective_size, efficiency, constraint
    reach: dict  # direct, within_steps, share
    sectors: pd.DataFrame  # touched() by sector
    communities: pd.DataFrame  # touched() by community
    players: pd.DataFrame  # central and rising players: why, rank, paths_to columns, reachable
    out_of_reach: pd.DataFrame  # players not reachable within `steps`


def ego_report(ds: Dataset, key: MapKey = EVERYTHING, period: str | None = None, *,
               ego: str | None = None, measures: pd.DataFrame | None = None, top: int = 10,
               steps: int = 2) -> EgoReport:
    """Return how ``ego`` (default: the focal organization) is connected in a period.

    Parameters
    ----------
    ds : Dataset
    key : MapKey
        The challenge and the filters.
    period : str, optional
        Default: the latest period (:func:`csvcore.contract.mapkey.resolve_period`).
    ego : str, optional
        Organization id; default ``ds.focal_id``.
    measures : DataFrame, optional
        ``measures_table(ds, key)`` (all periods) if the caller has it;
        computed otherwise.
    top : int
        Central players = the ``top`` tied organizations by influence in the period.
    steps : int
        Reach horizon; players farther than this are out of reach.

    Rising players are those labelled Rising by :func:`csvcore.network_map.trends.trends`
    over all periods up to ``period``.
    """
    ego = ego if ego is not None else ds.focal_id
    if ego is None:
        raise ValueError("No organization is marked as ours (focal); pass ego=.")
    period = resolve_period(ds, period)
    if measures is None:
        measures = measures_table(ds, key)
    G = build_graph(ds, key, period)
    if ego not in G:
        raise ValueError(f"{ego!r} is not on this map (check the filters).")
    now = measures[measures["period"] == period].set_index("id")
    community = now["community"].to_dict()

    U = undirected(G)
    partner_ids = list(U[ego])
    partners = now.loc[partner_ids, ["name", "sector", "geography", "community"]].assign(
        strength=[U[ego][p]["strength"] for p in partner_ids],
        type=[U[ego][p]["type"] for p in partner_ids],
    ).rename_axis("id").reset_index().sort_values("strength", ascending=False,
                                                  ignore_index=True)

    others = now[(now.index != ego) & (now["degree"] > 0)]
    central = others.sort_values(["rank", "name"]).index[:top]
    history = measures[measures["period"].isin(periods_until(ds, period))]
    rising = trends(history).query("label == 'Rising' and id != @ego")["id"]
    why = {i: "central" for i in central}
    why.update({i: "central, rising" if i in why else "rising" for i in rising})
    players = paths_to(U, ego, why).assign(
        why=lambda t: t["target"].map(why),
        rank=lambda t: t["target"].map(now["rank"]),
        reachable=lambda t: t["distance"].le(steps).fillna(False).astype(bool),
    )
    return EgoReport(
        ego=ego, period=period, network=ego_network(G, ego), partners=partners,
        holes=structural_holes(G, ego), reach=reach(U, ego, steps),
        sectors=touched(G, ego, nx.get_node_attributes(G, "sector")),
        communities=touched(G, ego, community),
        players=players, out_of_reach=players[~players["reachable"]].reset_index(drop=True),
    )
