"""Whom to bring into dialogue: the smallest convening group, and the practices each step calls for.

The group is a minimum edge cover (Norman & Rabin 1959), found with a maximum
matching; the steps follow Ernst & Chrobot-Mason (2011) and Asif & Palus (2014).
"""

from __future__ import annotations

from collections.abc import Mapping

import networkx as nx
import pandas as pd

from ..contract.schema import PRACTICE_PAIRS
from ..contract.words import counted
from ..graph.views import undirected
from ..network_map.ego import paths_to
from .boundaries import MISSING

__all__ = [
    "community_labels",
    "convening_group",
    "dialogue_plan",
]

def community_labels(now: pd.DataFrame) -> dict:
    """Return community id -> "community N (around X)", X its most influential member.

    >>> now = pd.DataFrame({"name": ["A", "B"], "community": [0, 0], "influence": [0.2, 0.9]})
    >>> community_labels(now)
    {0: 'community 0 (around B)'}
    """
    tied = now[now["community"] >= 0].sort_values("influence", ascending=False)
    lead = tied.drop_duplicates("community").set_index("community")["name"]
    return {int(c): f"community {int(c)} (around {n})" for c, n in lead.sort_index().items()}


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
            (f"{counted(len(untied), 'pair')} of members not tied yet, e.g. {weave}" if untied
             else "Every member is tied to every other already: look further out")]
    rows = []
    for step, (goal, practices) in enumerate(PRACTICE_PAIRS.items(), start=1):
        levels = gaps[gaps["practice"].isin(practices)]
        rows.append({"step": step, "goal": goal, "practices": ", ".join(practices),
                     "what": _STEPS[goal], "with_whom": whom[step - 1],
                     "current": levels["current"].mean(), "target": levels["target"].mean(),
                     "gap": levels["gap"].mean()})
    return pd.DataFrame(rows)
