"""Step 3: where we stand, our strengths and weaknesses as a collaborator.

Everything here is computed from one map (a challenge in one period) and the
self-assessment, for *our* organization (the focal one, "ego"):

- :func:`findings`: strengths and weaknesses, each with the numbers it comes
  from. The rules:

  ========================  ====================================================
  reach, brokerage,         compared with the other *active* organizations (a tie
  redundancy                in the period): 2-step reach, betweenness, Burt's
                            constraint (lower is better). Strength when we beat
                            at least two thirds of them, weakness when we beat
                            fewer than one third, else neutral.
  crossing a boundary       strength when our E-I index is at least the whole
                            network's (and some tie crosses), else weakness.
  one intermediary          the largest share of the organizations at distance 2
                            reachable only through one partner: weakness from
                            50 %, neutral from 25 %, else strength.
  single points of failure  organizations every route to some others passes
                            through (articulation points on our routes):
                            weakness when one cuts us off from more than 10 % of
                            those we reach, neutral when smaller, strength when
                            there is none.
  rising players            weakness when a rising player is more than two steps
                            away, strength when all are within two.
  self-assessment           strengths: current >= 4 and no gap (top 3);
                            weaknesses: gap >= 2 (the 3 largest).
  ========================  ====================================================

Conventions: reach, distances and intermediaries ignore direction and
strength (any tie is a channel for an introduction; :mod:`csvcore.network_map.ego`);
"rising" is step 2's label (:func:`csvcore.network_map.trends.trends` up to the period);
communities are step 2's Louvain communities of the period.

References: Burt, R. S. (1992), *Structural Holes*, Harvard UP; Krackhardt, D. &
Stern, R. N. (1988), Social Psychology Quarterly 51(2):123-140.

>>> G = nx.Graph([("us", "a"), ("a", "b"), ("a", "c"), ("us", "d"), ("d", "c")])
>>> intermediaries(G, "us")[["partner", "two_step", "only_via"]].to_dict("records")
[{'partner': 'a', 'two_step': 2, 'only_via': 1}, {'partner': 'd', 'two_step': 1, 'only_via': 0}]
>>> chokepoints(G, "us").to_dict()
{'a': 1}
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd

from ..contract.words import counted
from ..graph.views import undirected
from ..network_map.ego import EgoReport, reach, structural_holes

__all__ = [
    "FINDING_COLUMNS",
    "two_step_reach",
    "intermediaries",
    "chokepoints",
    "findings",
]

#: Columns of :func:`findings`.
FINDING_COLUMNS = ["verdict", "topic", "finding", "evidence"]
_TOP_THIRD, _BOTTOM_THIRD = 2 / 3, 1 / 3



def two_step_reach(G: nx.Graph) -> pd.Series:
    """Return, per organization, how many others it reaches within two steps (direction ignored).

    Equal to ``csvcore.network_map.ego.reach(G, n)["within_steps"]`` for every ``n``.

    >>> two_step_reach(nx.path_graph(4)).tolist()
    [2, 3, 3, 2]
    """
    nodes = list(G)
    A = nx.to_scipy_sparse_array(undirected(G), nodes, weight=None, format="csr")
    R = (A + A @ A).tocoo()
    off = R.row != R.col
    return pd.Series(np.bincount(R.row[off], minlength=len(nodes)), index=nodes)


def intermediaries(G: nx.Graph, ego) -> pd.DataFrame:
    """Return, per partner, the organizations two steps away we reach through it.

    Returns
    -------
    pandas.DataFrame
        partner, name, ``two_step`` (organizations at distance 2 tied to this
        partner), ``only_via`` (those tied to no other partner of ours) and
        ``share_only`` (``only_via`` over all organizations at distance 2);
        largest ``only_via`` first.
    """
    U = undirected(G)
    partners = list(U[ego])
    via = {p: set(U[p]) - set(partners) - {ego} for p in partners}
    routes = pd.Series([v for reached in via.values() for v in reached],
                       dtype=object).value_counts()
    two_steps = len(routes)
    name = nx.get_node_attributes(G, "name")
    table = pd.DataFrame({
        "partner": partners, "name": [name.get(p, p) for p in partners],
        "two_step": [len(via[p]) for p in partners],
        "only_via": [int(sum(routes[v] == 1 for v in via[p])) for p in partners],
    })
    table["share_only"] = table["only_via"] / two_steps if two_steps else 0.0
    return table.sort_values(["only_via", "two_step"], ascending=False, kind="stable",
                             ignore_index=True)


def chokepoints(G: nx.Graph, ego) -> pd.Series:
    """Return the organizations every route from us to some others passes through.

    For each such organization (an articulation point between us and the
    rest, found with the dominator tree of the undirected map rooted at
    ``ego``), the number of organizations we would no longer reach without
    it; largest first.
    """
    U = undirected(G)
    component = U.subgraph(nx.node_connected_component(U, ego))
    idom = nx.immediate_dominators(component.to_directed(), ego)
    depth = nx.single_source_shortest_path_length(component, ego)
    below = dict.fromkeys(component, 0)
    for v in sorted(component, key=depth.get, reverse=True):
        if v != ego:
            below[idom[v]] += below[v] + 1
    cut = pd.Series({v: n for v, n in below.items() if v != ego and n}, dtype=int)
    return cut.sort_values(ascending=False, kind="stable")


def _outranked(values: pd.Series, ego, lower_is_better: bool = False) -> float:
    """Return the share of the other organizations in ``values`` that ``ego`` beats."""
    others = values.drop(ego)
    beaten = others > values[ego] if lower_is_better else others < values[ego]
    return float(beaten.mean()) if len(others) else float("nan")


def _verdict(share: float) -> str:
    if share >= _TOP_THIRD:
        return "strength"
    return "weakness" if share < _BOTTOM_THIRD else "neutral"


def findings(G: nx.Graph, ego, now: pd.DataFrame, position: EgoReport,
             crossing: pd.DataFrame, roles: pd.DataFrame | None,
             gaps: pd.DataFrame) -> pd.DataFrame:
    """Return our strengths and weaknesses, each with the numbers it comes from.

    Parameters
    ----------
    G : the map of the period
    ego : our organization
    now : DataFrame
        ``measures_table`` rows of the period, indexed by id.
    position : EgoReport
        :func:`csvcore.network_map.ego.ego_report` of the period.
    crossing : DataFrame
        :func:`csvcore.leadership.boundaries.boundary_table` rows of the period.
    roles : DataFrame or None
        :func:`csvcore.leadership.brokerage.brokerage_roles` (None on undirected maps).
    gaps : DataFrame
        :func:`assessment_gaps`.

    Returns
    -------
    pandas.DataFrame
        :data:`FINDING_COLUMNS`: ``verdict`` (strength, weakness or neutral),
        ``topic``, ``finding`` (a plain sentence) and ``evidence`` (the numbers).
    """
    active = [n for n, d in G.degree() if d or n == ego]
    items = [_reach_finding(G, ego, active), _broker_finding(now, ego, active, roles),
             _constraint_finding(G, ego, active)]
    items += _boundary_findings(crossing)
    items += [_intermediary_finding(G, ego), _chokepoint_finding(G, ego),
              _rising_finding(position)]
    items += _assessment_findings(gaps)
    return pd.DataFrame([i for i in items if i], columns=FINDING_COLUMNS)


def _item(verdict, topic, finding, evidence) -> dict:
    return dict(zip(FINDING_COLUMNS, (verdict, topic, finding, evidence)))


def _reach_finding(G, ego, active) -> dict:
    counts = two_step_reach(G).loc[active]
    share = _outranked(counts, ego)
    return _item(_verdict(share), "Reach",
                 f"We reach {counts[ego]} organizations directly or through one partner; "
                 f"{share:.0%} of the other active organizations reach fewer.",
                 f"2-step reach {counts[ego]} of {len(G) - 1}; compared with "
                 f"{len(active) - 1} active organizations")


def _broker_finding(now, ego, active, roles) -> dict:
    b = now.loc[active, "betweenness"]
    share = _outranked(b, ego)
    evidence = f"betweenness {b[ego]:.3f}, higher than {share:.0%} of active organizations"
    finding = (f"We sit on the shortest route between other organizations more often than "
               f"{share:.0%} of the others do.")
    if roles is not None:
        r = roles.loc[ego]
        evidence += (f"; {r['total']} open two-paths brokered, {r['total'] - r['coordinator']} "
                     "of them across sectors")
    return _item(_verdict(share), "Brokerage", finding, evidence)


def _constraint_finding(G, ego, active) -> dict:
    constraint = pd.Series(nx.constraint(G, weight="strength")).loc[active].dropna()
    if ego not in constraint:
        return {}
    share = _outranked(constraint, ego, lower_is_better=True)
    holes = structural_holes(G, ego)
    return _item(_verdict(share), "Redundancy",
                 f"Our partners are less tied to each other (so bring more different contacts) "
                 f"than those of {share:.0%} of the other organizations.",
                 f"Burt's constraint {holes['constraint']:.2f} (lower is freer), effective size "
                 f"{holes['effective_size']:.1f} of {holes['partners']} partners")


def _boundary_findings(crossing: pd.DataFrame) -> list[dict]:
    items = []
    for attribute, rows in crossing.groupby("attribute", sort=False):
        us, net = rows[rows["who"] == "us"], rows[rows["who"] == "network"]
        if us.empty or pd.isna(us["ei"].iloc[0]):
            continue
        u, w = us.iloc[0], net.iloc[0]
        crosses = u["external"] > 0 and u["ei"] >= w["ei"]
        items.append(_item(
            "strength" if crosses else "weakness", f"Crossing the {attribute} boundary",
            f"{u['crossing']:.0%} of our ties cross the {attribute} boundary "
            f"({u['boundary']} boundary); {w['crossing']:.0%} of all ties in the network do.",
            f"our E-I index {u['ei']:+.2f} ({counted(u['external'], 'tie')} across, "
            f"{u['internal']} inside); network {w['ei']:+.2f}; random mixing would give "
            f"{u['expected_ei']:+.2f}"))
    return items


def _intermediary_finding(G, ego) -> dict:
    table = intermediaries(G, ego)
    if table.empty or table["two_step"].sum() == 0:
        return {}
    top = table.iloc[0]
    share = float(top["share_only"])
    steps = reach(G, ego)
    verdict = "weakness" if share >= 0.5 else "neutral" if share >= 0.25 else "strength"
    return _item(verdict, "Dependence on one intermediary",
                 f"{share:.0%} of the organizations two steps away are reachable only through "
                 f"{top['name']}.",
                 f"{top['only_via']} of the {steps['within_steps'] - steps['direct']} "
                 f"organizations at distance 2 are tied to {top['name']} and to no other "
                 "partner of ours")


def _chokepoint_finding(G, ego) -> dict:
    if not G.degree(ego):
        return {}
    cut = chokepoints(G, ego)
    name = nx.get_node_attributes(G, "name")
    if cut.empty:
        return _item("strength", "Single points of failure",
                     "No single organization stands between us and any part of the network.",
                     "no articulation point on our routes")
    reached = len(nx.node_connected_component(undirected(G), ego)) - 1
    share = cut.iloc[0] / reached
    listed = "; ".join(f"{name.get(v, v)} ({n})" for v, n in cut.head(3).items())
    return _item("weakness" if share > 0.1 else "neutral", "Single points of failure",
                 f"If {name.get(cut.index[0], cut.index[0])} left, we would lose every route to "
                 f"{counted(cut.iloc[0], 'organization')} ({share:.0%} of those we reach).",
                 f"organizations reachable only through: {listed} (of {reached} we reach)")


def _rising_finding(position: EgoReport) -> dict:
    rising = position.players[position.players["why"].str.contains("rising")]
    if rising.empty:
        return {}
    far = rising[~rising["reachable"]].sort_values("rank", kind="stable")
    if far.empty:
        return _item("strength", "Links to rising players",
                     f"All {len(rising)} rising players are within two steps.",
                     "every rising player within two steps")
    names = "; ".join(f"{n} ({_distance(d)})" for n, d in zip(far["name"], far["distance"]))
    more = f" and {len(far) - 5} more" if len(far) > 5 else ""
    names = "; ".join(names.split("; ")[:5]) + more
    return _item("weakness", "Links to rising players",
                 f"{len(far)} of {len(rising)} rising players are more than two steps away.",
                 f"most influential beyond two steps: {names}")


def _distance(d) -> str:
    return "not connected" if pd.isna(d) else f"{int(d)} steps"


def _assessment_findings(gaps: pd.DataFrame) -> list[dict]:
    strong = gaps[(gaps["current"] >= 4) & (gaps["gap"] <= 0)].nlargest(3, "current")
    wide = gaps[gaps["gap"] >= 2].sort_values(["gap", "current"], ascending=[False, True])
    items = [_item("strength", "Self-assessment",
                   f"Strong at {r['practice']} across {r['boundary']} boundaries.",
                   f"current {r['current']:g} of 5, target {r['target']:g}")
             for _, r in strong.iterrows()]
    items += [_item("weakness", "Self-assessment",
                    f"Large gap at {r['practice']} across {r['boundary']} boundaries.",
                    f"current {r['current']:g} of 5, target {r['target']:g} (gap {r['gap']:g})")
              for _, r in wide.head(3).iterrows()]
    return items
