"""Step 3, leadership strategy: where we stand, whom to approach, whom to convene.

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
- :func:`partner_candidates`: organizations to approach, with their reasons.
- :func:`whatif`: how our numbers would move with proposed new ties.
- :func:`convening_group`: the smallest group that touches every sector and
  community, and :func:`dialogue_plan`: the boundary-spanning practices each
  step of the dialogue calls for (Ernst & Chrobot-Mason 2011; Asif & Palus
  2014).

Conventions: reach, distances and intermediaries ignore direction and
strength (any tie is a channel for an introduction; :mod:`csvcore.ego`);
"rising" is step 2's label (:func:`csvcore.trends.trends` up to the period);
communities are step 2's Louvain communities of the period.

References: Burt, R. S. (1992), *Structural Holes*, Harvard UP; Gould, R. V. &
Fernandez, R. M. (1989), Sociological Methodology 19:89-126; Krackhardt, D. &
Stern, R. N. (1988), Social Psychology Quarterly 51(2):123-140; Ernst, C. &
Chrobot-Mason, D. (2011), *Boundary Spanning Leadership*, McGraw-Hill;
Norman, R. Z. & Rabin, M. O. (1959), "An algorithm for a minimum cover of a
graph", Proc. AMS 10:315-319.

>>> G = nx.Graph([("us", "a"), ("a", "b"), ("a", "c"), ("us", "d"), ("d", "c")])
>>> intermediaries(G, "us")[["partner", "two_step", "only_via"]].to_dict("records")
[{'partner': 'a', 'two_step': 2, 'only_via': 1}, {'partner': 'd', 'two_step': 1, 'only_via': 0}]
>>> chokepoints(G, "us").to_dict()
{'a': 1}
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

import networkx as nx
import numpy as np
import pandas as pd

from .boundaries import MISSING, boundary_table, competitors, default_boundaries
from .brokerage import brokerage_roles, structural_holes_table
from .dataset import Dataset
from .ego import EgoReport, ego_report, paths_to, reach, structural_holes
from .measures import measures_table, node_measures
from .network import build_graph, period_labels, undirected
from .schema import BOUNDARIES, PRACTICE_PAIRS, PRACTICES
from .trends import trends

__all__ = [
    "FINDING_COLUMNS",
    "WHATIF_MEASURES",
    "PRACTICE_MEANINGS",
    "assessment_gaps",
    "two_step_reach",
    "neighbourhood",
    "intermediaries",
    "chokepoints",
    "community_labels",
    "findings",
    "partner_candidates",
    "with_ties",
    "whatif",
    "convening_group",
    "dialogue_plan",
    "Strategy",
    "leadership_strategy",
]

#: Columns of :func:`findings`.
FINDING_COLUMNS = ["verdict", "topic", "finding", "evidence"]
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
#: practice -> what it does, in plain words (Ernst & Chrobot-Mason 2011).
PRACTICE_MEANINGS = {
    "buffering": "defining boundaries to create safety: each group's identity and "
                 "resources are protected",
    "reflecting": "understanding boundaries to foster respect: each group sees the others' "
                  "view",
    "connecting": "suspending boundaries to build trust: people meet on neutral ground",
    "mobilizing": "reframing boundaries to develop community: a purpose and identity the "
                  "groups share",
    "weaving": "interlacing boundaries to advance interdependence: groups keep their "
               "identity and work as one",
    "transforming": "cross-cutting boundaries to enable reinvention: new directions no "
                    "group could find alone",
}
_TOP_THIRD, _BOTTOM_THIRD = 2 / 3, 1 / 3


# --- self-assessment -------------------------------------------------------

def assessment_gaps(assessment: pd.DataFrame) -> pd.DataFrame:
    """Return practice, boundary, current, target and gap = target - current.

    Rows without both levels are left out; the six practices and five
    boundaries come first, in the method's order.

    >>> a = pd.DataFrame({"practice": ["weaving", "buffering"], "boundary": ["geographic"] * 2,
    ...                   "current": [1.0, 3.0], "target": [4.0, 3.0]})
    >>> assessment_gaps(a)[["practice", "gap"]].to_dict("records")
    [{'practice': 'buffering', 'gap': 0.0}, {'practice': 'weaving', 'gap': 3.0}]
    """
    rows = assessment.dropna(subset=["current", "target"])
    rows = rows.assign(gap=rows["target"] - rows["current"],
                       _p=rows["practice"].map(_order(PRACTICES)),
                       _b=rows["boundary"].map(_order(BOUNDARIES)))
    rows = rows.sort_values(["_p", "practice", "_b", "boundary"], kind="stable")
    return rows[["practice", "boundary", "current", "target", "gap"]].reset_index(drop=True)


def _order(known: tuple[str, ...]):
    return lambda value: known.index(value) if value in known else len(known)


# --- position ----------------------------------------------------------------

def two_step_reach(G: nx.Graph) -> pd.Series:
    """Return, per organization, how many others it reaches within two steps (direction ignored).

    Equal to ``csvcore.ego.reach(G, n)["within_steps"]`` for every ``n``.

    >>> two_step_reach(nx.path_graph(4)).tolist()
    [2, 3, 3, 2]
    """
    nodes = list(G)
    A = nx.to_scipy_sparse_array(undirected(G), nodes, weight=None, format="csr")
    R = (A + A @ A).tocoo()
    off = R.row != R.col
    return pd.Series(np.bincount(R.row[off], minlength=len(nodes)), index=nodes)


def neighbourhood(G: nx.Graph, ego, new_ties: Iterable = (), steps: int = 2) -> list:
    """Return the organizations within ``steps`` of ``ego`` (direction ignored), ego first,
    once ties to ``new_ties`` are added.

    >>> neighbourhood(nx.path_graph(5), 0, new_ties=[3])
    [0, 1, 3, 2, 4]
    """
    U = nx.Graph(undirected(G))
    U.add_edges_from((ego, n) for n in new_ties)
    return list(nx.single_source_shortest_path_length(U, ego, cutoff=steps))


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


def community_labels(now: pd.DataFrame) -> dict:
    """Return community id -> "community N (around X)", X its most influential member.

    >>> now = pd.DataFrame({"name": ["A", "B"], "community": [0, 0], "influence": [0.2, 0.9]})
    >>> community_labels(now)
    {0: 'community 0 (around B)'}
    """
    tied = now[now["community"] >= 0].sort_values("influence", ascending=False)
    lead = tied.drop_duplicates("community").set_index("community")["name"]
    return {int(c): f"community {int(c)} (around {n})" for c, n in lead.sort_index().items()}


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
        :func:`csvcore.ego.ego_report` of the period.
    crossing : DataFrame
        :func:`csvcore.boundaries.boundary_table` rows of the period.
    roles : DataFrame or None
        :func:`csvcore.brokerage.brokerage_roles` (None on undirected maps).
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
            f"our E-I index {u['ei']:+.2f} ({_count(u['external'], 'tie')} across, "
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
                 f"{_count(cut.iloc[0], 'organization')} ({share:.0%} of those we reach).",
                 f"organizations reachable only through: {listed} (of {reached} we reach)")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


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


# --- partners and what-if -------------------------------------------------------

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
    convention of :mod:`csvcore.network`), of type ``proposed``; an
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


# --- dialogue --------------------------------------------------------------------

def convening_group(G: nx.Graph, ego, community: Mapping, influence: Mapping) -> pd.DataFrame:
    """Return the smallest set of organizations that touches every sector and community.

    An organization *touches* its own sector and its own community; the
    group must touch every known sector and every community of the active
    organizations (those with a tie), and starts with us, the convener.

    Exact, not approximate: each organization covers at most two elements
    (one sector, one community), so this set cover is a minimum edge cover
    of the graph whose vertices are the sectors and communities still
    uncovered and whose edges are the organizations covering two of them.
    Its size is (uncovered elements) - (maximum matching) (Norman & Rabin
    1959), and a maximum matching plus one organization per unmatched
    element attains it. Among the minimum groups, the matching maximises the
    summed influence, and each element is covered by its most influential
    organization.

    Returns
    -------
    pandas.DataFrame
        id, name, sector, community, influence, covers (the sectors and
        communities this member adds, in plain words), role (``convener`` for
        us, else ``member``); us first, then by influence.

    Examples
    --------
    >>> G = nx.Graph([("us", "a"), ("a", "b"), ("b", "c")])
    >>> nx.set_node_attributes(G, {"us": "Biz", "a": "NGO", "b": "Gov", "c": "NGO"}, "sector")
    >>> group = convening_group(G, "us", {"us": 0, "a": 0, "b": 1, "c": 1},
    ...                         {"a": 0.5, "b": 0.9, "c": 0.1})
    >>> group[["id", "covers"]].to_dict("records")
    [{'id': 'us', 'covers': 'Biz; community 0'}, {'id': 'b', 'covers': 'Gov; community 1'},
     {'id': 'a', 'covers': 'NGO'}]
    """
    sector = nx.get_node_attributes(G, "sector")

    def touches(n) -> frozenset:
        own = {("sector", sector.get(n))} if str(sector.get(n, "")) not in MISSING else set()
        if community.get(n, -1) != -1:
            own.add(("community", community[n]))
        return frozenset(own)

    active = [n for n, d in G.degree() if d and n != ego]
    todo = set().union(*map(touches, active)) - touches(ego) if active else set()
    best: dict[frozenset, object] = {}
    for n in sorted(active, key=lambda n: -influence.get(n, 0.0)):
        best.setdefault(touches(n) & todo, n)
    pairs = nx.Graph()
    pairs.add_nodes_from(todo)
    pairs.add_edges_from((*key, {"weight": 1.0 + influence.get(n, 0.0)})
                         for key, n in best.items() if len(key) == 2)
    matching = nx.max_weight_matching(pairs, maxcardinality=True)
    chosen = [best[frozenset(edge)] for edge in matching]
    unmatched = todo - {e for edge in matching for e in edge}
    chosen += [next(n for key, n in best.items() if element in key) for element in unmatched]
    chosen = sorted(set(chosen), key=lambda n: -influence.get(n, 0.0))
    covered = set(touches(ego))
    rows = []
    for n in [ego, *chosen]:
        adds = sorted(touches(n) - covered if n != ego else touches(n),
                      key=lambda e: (e[0] != "sector", str(e[1])))
        covered |= touches(n)
        rows.append({"id": n, "name": G.nodes[n].get("name", n), "sector": sector.get(n, ""),
                     "community": community.get(n, -1), "influence": influence.get(n, 0.0),
                     "covers": "; ".join(str(v) if k == "sector" else f"community {v}"
                                         for k, v in adds),
                     "role": "convener" if n == ego else "member"})
    return pd.DataFrame(rows, columns=["id", "name", "sector", "community", "influence",
                                       "covers", "role"])


_STEPS = {
    "managing boundaries": (
        "Meet each member on its own ground first: say why we convene, what we bring and "
        "what stays off the table (buffering), and listen to what each group needs and "
        "fears (reflecting)."),
    "forging common ground": (
        "Bring the whole group together around the shared challenge: find the goal and "
        "the language the groups share (connecting), then a joint agenda with a role for "
        "each group (mobilizing)."),
    "discovering new frontiers": (
        "Pair members who are not tied yet on joint work (weaving), and look for a way of "
        "working on the challenge that no group could reach alone (transforming)."),
}


def dialogue_plan(G: nx.Graph, ego, group: pd.DataFrame, gaps: pd.DataFrame) -> pd.DataFrame:
    """Return the three steps of the dialogue, the practices each calls for and our readiness.

    Steps follow CCL's three pairs of boundary-spanning practices: managing
    boundaries (buffering, reflecting), forging common ground (connecting,
    mobilizing), discovering new frontiers (weaving, transforming). Readiness
    is our mean self-assessed level for the pair's two practices over every
    boundary (NaN without an assessment).

    Returns
    -------
    pandas.DataFrame
        step (1-3), goal, practices, what (plain guidance), with_whom,
        current, target, gap.
    """
    U = undirected(G)
    members = [n for n in group["id"] if n != ego]
    name = nx.get_node_attributes(G, "name")
    routes = paths_to(U, ego, members)
    steps = routes["distance"].astype(float)
    known = [name[t] for t in routes.loc[steps == 1, "target"]]
    introduced = [f"{name[t]} (via {name[ids[1]]})" for t, ids in
                  routes.loc[steps > 1, ["target", "path_ids"]].itertuples(index=False)]
    strangers = [name[t] for t in routes.loc[steps.isna(), "target"]]
    first = ". ".join(filter(None, [
        "Our partners: " + ", ".join(known) if known else "",
        "Through an introduction: " + ", ".join(introduced) if introduced else "",
        "No route from us yet: " + ", ".join(strangers) if strangers else ""]))
    untied = [(u, v) for i, u in enumerate(members) for v in members[i + 1:]
              if not U.has_edge(u, v)]
    weave = "; ".join(f"{name[u]} with {name[v]}" for u, v in untied[:3])
    whom = [first or "Nobody yet: the group has no other member", "The whole group, together",
            (f"{_count(len(untied), 'pair')} of members not tied yet, e.g. {weave}" if untied
             else "Every member is tied to every other already: look further out")]
    rows = []
    for step, (goal, practices) in enumerate(PRACTICE_PAIRS.items(), start=1):
        levels = gaps[gaps["practice"].isin(practices)]
        rows.append({"step": step, "goal": goal, "practices": ", ".join(practices),
                     "what": _STEPS[goal], "with_whom": whom[step - 1],
                     "current": levels["current"].mean(), "target": levels["target"].mean(),
                     "gap": levels["gap"].mean()})
    return pd.DataFrame(rows)


# --- everything for the page ------------------------------------------------------

@dataclass(frozen=True)
class Strategy:
    """Step 3 for one challenge, period and organization."""

    ego: str
    period: str
    graph: nx.Graph  # the map of the period
    position: EgoReport  # step 2's ego report
    now: pd.DataFrame  # node measures of the period, indexed by id
    trend: pd.DataFrame  # step 2's trends up to the period
    players: list  # the top organizations by influence (not us)
    crossing: pd.DataFrame  # boundary_table, every period
    roles: pd.DataFrame | None  # brokerage roles of us and the players (directed maps)
    holes: pd.DataFrame  # structural holes of us and the players
    findings: pd.DataFrame
    gaps: pd.DataFrame
    partners: pd.DataFrame
    group: pd.DataFrame
    plan: pd.DataFrame


def leadership_strategy(ds: Dataset, challenge: str | None = None, period: str | None = None,
                        *, ego: str | None = None, measures: pd.DataFrame | None = None,
                        boundaries: Mapping[str, str] | None = None,
                        rivals: Collection[str] | None = None, top: int = 5) -> Strategy:
    """Return everything step 3 shows for a challenge, period and organization.

    Parameters
    ----------
    ds, challenge : the dataset and challenge (``None``: every challenge)
    period : str, optional
        Default: the latest period.
    ego : str, optional
        Default: the focal organization.
    measures : DataFrame, optional
        ``measures_table(ds, challenge)`` for every period, if the caller has it.
    boundaries : mapping, optional
        Column -> boundary type; default :func:`csvcore.boundaries.default_boundaries`.
    rivals : collection, optional
        Competitors followed on the boundaries; default those whose role says so.
    top : int
        How many top players to compare with.
    """
    ego = ego if ego is not None else ds.focal_id
    periods = period_labels(ds)
    period = periods[-1] if period is None else period
    if measures is None:
        measures = measures_table(ds, challenge)
    position = ego_report(ds, challenge, period, ego=ego, measures=measures)
    G = build_graph(ds, challenge, period)
    now = measures[measures["period"] == period].set_index("id")
    trend = trends(measures[measures["period"].isin(periods[:periods.index(period) + 1])])
    players = list(now.drop(index=ego).sort_values(["rank", "name"]).index[:top])
    boundaries = default_boundaries(ds.organizations.columns) if boundaries is None \
        else boundaries
    rivals = competitors(ds) if rivals is None else rivals
    crossing = boundary_table(ds, challenge, boundaries, ego=ego, rivals=rivals)
    roles = (brokerage_roles(G, nx.get_node_attributes(G, "sector")).loc[[ego, *players]]
             if G.is_directed() else None)
    gaps = assessment_gaps(ds.assessment)
    group = convening_group(G, ego, now["community"].to_dict(), now["influence"].to_dict())
    return Strategy(
        ego=ego, period=period, graph=G, position=position, now=now, trend=trend,
        players=players, crossing=crossing, roles=roles,
        holes=structural_holes_table(G, [ego, *players]),
        findings=findings(G, ego, now, position, crossing[crossing["period"] == period],
                          roles, gaps),
        gaps=gaps, group=group,
        partners=partner_candidates(G, ego, now, trend, players=position.players["target"]),
        plan=dialogue_plan(G, ego, group, gaps))
