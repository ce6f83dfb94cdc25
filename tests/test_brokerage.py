"""Gould-Fernandez brokerage roles and Burt's structural holes.

Every count asserted here is checked twice: by :func:`brute_force`, a second,
independent implementation (a loop over every ordered triple, the definition
read literally), and by hand where the comments show the work. No published
table is asserted: Hanneman & Riddle (2005, ch. 9) discuss brokerage on the
Knoke information network with the same three groups as ``sector`` here
(GOV = 1, 3, 5, 9; VOL = 2, 6, 8, 10; PVT = 4, 7), but their table could not
be consulted, so the Knoke numbers below are ours, verified by brute force
and, for two organizations, by hand.
"""

from __future__ import annotations

import itertools
import random

import networkx as nx
import pandas as pd
import pytest

from csvcore.leadership.brokerage import (
    ROLES,
    WHY_NO_ROLES,
    brokerage_roles,
    structural_holes_table,
)
from csvcore.network_map.ego import structural_holes
from tests.shared import shared


def brute_force(G: nx.DiGraph, groups: dict) -> pd.DataFrame:
    """The definition, literally: every ordered triple a -> b -> c with no arc a -> c."""
    counts = {n: dict.fromkeys(ROLES, 0) for n in G}
    for a, b, c in itertools.permutations(G, 3):
        if G.has_edge(a, b) and G.has_edge(b, c) and not G.has_edge(a, c):
            ga, gb, gc = groups.get(a), groups.get(b), groups.get(c)
            role = ("coordinator" if ga == gb == gc else "itinerant" if ga == gc
                    else "representative" if ga == gb else "gatekeeper" if gb == gc
                    else "liaison")
            counts[b][role] += 1
    table = pd.DataFrame.from_dict(counts, orient="index")[list(ROLES)]
    table["total"] = table.sum(axis=1)
    return table


def hand_example() -> tuple[nx.DiGraph, dict]:
    """Broker m (group X) sits on one open two-path of each role.

    In: a1 (X), b1 (Y), c1 (Z); out: a2 (X), b2 (Y).
      a1 -> m -> a2  X X X  coordinator
      a1 -> m -> b2  X X Y  representative
      b1 -> m -> a2  Y X X  gatekeeper
      b1 -> m -> b2  Y X Y  itinerant
      c1 -> m -> b2  Z X Y  liaison
      c1 -> m -> a2  closed by the arc c1 -> a2: not counted
    The arc a2 -> a1 does not close a1 -> m -> a2 (only a -> c closes), and
    makes a1 broker a2 -> a1 -> m (X X X) and a2 broker m -> a2 -> a1 (X X X)
    and c1 -> a2 -> a1 (Z X X, gatekeeper).
    """
    arcs = [("a1", "m"), ("b1", "m"), ("c1", "m"), ("m", "a2"), ("m", "b2"), ("c1", "a2"),
            ("a2", "a1")]
    groups = {"m": "X", "a1": "X", "a2": "X", "b1": "Y", "b2": "Y", "c1": "Z"}
    return nx.DiGraph(arcs), groups


def test_each_role_once_on_the_hand_worked_example():
    G, groups = hand_example()
    table = brokerage_roles(G, groups)
    assert table.loc["m"].to_dict() == {**dict.fromkeys(ROLES, 1), "total": 5}
    assert table.loc["a1"].to_dict() == {**dict.fromkeys(ROLES, 0), "coordinator": 1,
                                         "total": 1}
    assert table.loc["a2"].to_dict() == {**dict.fromkeys(ROLES, 0), "coordinator": 1,
                                         "gatekeeper": 1, "total": 2}
    assert table.loc[["b1", "b2", "c1"], "total"].tolist() == [0, 0, 0]
    pd.testing.assert_frame_equal(table, brute_force(G, groups))


def test_reciprocal_ties_count_each_direction_and_self_loops_are_ignored():
    G = nx.DiGraph([("a", "b"), ("b", "a"), ("b", "c"), ("c", "b"), ("b", "b")])
    table = brokerage_roles(G, {"a": "X", "b": "Y", "c": "X"})
    assert table.loc["b", "itinerant"] == 2  # a -> b -> c and c -> b -> a
    assert table["total"].sum() == 2


def test_a_missing_group_is_a_group_of_its_own():
    G = nx.DiGraph([("a", "b"), ("b", "c")])
    assert brokerage_roles(G, {"a": "X", "c": "X"}).loc["b", "itinerant"] == 1


def test_undirected_maps_have_no_roles():
    with pytest.raises(nx.NetworkXNotImplemented):
        brokerage_roles(nx.path_graph(3), {})
    assert "direction" in WHY_NO_ROLES


@pytest.fixture(scope="module")
def knoke():
    folder = shared("validation", "knoke_bureaucracies")
    nodes = pd.read_csv(folder / "nodes.csv")
    groups = dict(zip(nodes["id"], nodes["sector"]))

    def relation(name: str) -> nx.DiGraph:
        arcs = pd.read_csv(folder / f"edges_{name}.csv")
        G = nx.DiGraph()
        G.add_nodes_from(nodes["id"])
        G.add_edges_from(zip(arcs["source"], arcs["target"]))
        return G

    return relation, groups


def test_knoke_information_network(knoke):
    """Knoke & Kuklinski (1982), information exchange, 49 arcs, sector (GOV/VOL/PVT) as group.

    By hand, COUN (GOV) receives from COMM, INDU, MAYR, UWAY, WEST and sends to
    COMM, MAYR, NEWS, WELF. Its open two-paths: INDU -> COUN -> WELF and
    WEST -> COUN -> WELF (no INDU -> WELF, no WEST -> WELF), both from outside
    GOV into GOV: gatekeeper 2; every other pair is closed (e.g. MAYR -> WELF,
    INDU -> NEWS, UWAY -> COMM exist). WRO (VOL) receives only from EDUC (GOV);
    EDUC -> WRO -> NEWS is closed by EDUC -> NEWS, EDUC -> WRO -> WELF is open
    (GOV, VOL, GOV): itinerant 1.
    """
    relation, groups = knoke
    G = relation("information")
    assert G.number_of_edges() == 49
    table = brokerage_roles(G, groups)
    pd.testing.assert_frame_equal(table, brute_force(G, groups))
    expected = pd.DataFrame(
        [[0, 0, 0, 2, 0], [1, 5, 3, 5, 7], [0, 5, 1, 1, 2], [0, 1, 1, 0, 0], [5, 3, 7, 7, 5],
         [0, 1, 0, 0, 0], [0, 1, 0, 4, 1], [0, 0, 0, 0, 0], [0, 1, 0, 1, 0], [0, 1, 0, 0, 0]],
        index=["COUN", "COMM", "EDUC", "INDU", "MAYR", "WRO", "NEWS", "UWAY", "WELF", "WEST"],
        columns=list(ROLES))
    expected["total"] = expected.sum(axis=1)
    pd.testing.assert_frame_equal(table, expected)
    assert table["total"].sum() == 71  # MAYR (27) and COMM (21) broker most


def test_knoke_money_network_matches_brute_force(knoke):
    relation, groups = knoke
    G = relation("money")
    assert G.number_of_edges() == 22
    pd.testing.assert_frame_equal(brokerage_roles(G, groups), brute_force(G, groups))


@pytest.mark.parametrize("seed", range(5))
def test_random_maps_match_brute_force(seed):
    G = nx.gnp_random_graph(25, 0.15, seed=seed, directed=True)
    rng = random.Random(seed)
    groups = {n: rng.choice(["X", "Y", "Z", None]) for n in G}
    pd.testing.assert_frame_equal(brokerage_roles(G, groups), brute_force(G, groups))


def test_structural_holes_table_is_the_ego_measure_row_by_row():
    G = nx.les_miserables_graph()
    nx.set_edge_attributes(G, {e: float(w) for e, w in
                               nx.get_edge_attributes(G, "weight").items()}, "strength")
    nodes = ["Valjean", "Myriel", "Javert"]
    table = structural_holes_table(G, nodes)
    for n in nodes:
        assert table.loc[n].to_dict() == pytest.approx(structural_holes(G, n))
    # star centre: three partners with no tie among them, no redundancy
    assert structural_holes_table(nx.star_graph(3), [0], weight=None).loc[0].tolist() == \
        pytest.approx([3, 3, 1, 1 / 3])
