"""Our organization's position (csvcore.network_map.ego)."""

import networkx as nx
import pandas as pd
import pytest

from csvcore.contract.dataset import Dataset
from csvcore.network_map.ego import (
    ego_network,
    ego_report,
    paths_to,
    reach,
    structural_holes,
    touched,
)


@pytest.mark.parametrize("G, ego, expected", [
    # star: 4 unconnected partners, each 1/4 of our ties: constraint 4 x (1/4)^2
    (nx.star_graph(4), 0, {"partners": 4, "effective_size": 4, "efficiency": 1,
                           "constraint": 0.25}),
    # triangle: n - 2t/n = 2 - 2/2 = 1; each partner (1/2 + 1/2 x 1/2)^2 = 9/16, twice
    (nx.complete_graph(3), 0, {"partners": 2, "effective_size": 1, "efficiency": 0.5,
                               "constraint": 9 / 8}),
    # triangle a, b, c with pendant d on c: 3 - 2/3; (1/3 + 1/6)^2 x 2 + (1/3)^2
    (nx.Graph([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")]), "c",
     {"partners": 3, "effective_size": 7 / 3, "efficiency": 7 / 9,
      "constraint": 0.25 + 0.25 + 1 / 9}),
])
def test_burt_hand_computed(G, ego, expected):
    assert structural_holes(G, ego, weight=None) == pytest.approx(expected)


def test_burt_weighted_star():
    G = nx.Graph()
    G.add_weighted_edges_from([(0, 1, 1.0), (0, 2, 1.0), (0, 3, 2.0)], weight="strength")
    holes = structural_holes(G, 0)
    assert holes["constraint"] == pytest.approx((1 / 4) ** 2 * 2 + (1 / 2) ** 2)
    assert holes["effective_size"] == pytest.approx(3)


def diamond():
    G = nx.Graph()
    G.add_nodes_from([("us", {"name": "Us"}), ("a", {"name": "Alpha"}),
                      ("b", {"name": "Beta"}), ("t", {"name": "Target"}),
                      ("far", {"name": "Far"})])
    G.add_edge("us", "a", strength=1.0)
    G.add_edge("a", "t", strength=5.0)
    G.add_edge("us", "b", strength=3.0)
    G.add_edge("b", "t", strength=3.0)
    return G


def test_paths_count_and_strongest_chain():
    table = paths_to(diamond(), "us", ["t", "far", "a"]).set_index("target")
    assert table.loc["t", ["distance", "paths"]].tolist() == [2, 2]
    # of the two shortest paths the one whose weakest tie is strongest: via Beta (3 > 1)
    assert table.loc["t", "path"] == "Us → Beta → Target"
    assert table.loc["t", "intermediaries"] == "Beta"
    assert table.loc["t", "path_ids"] == ("us", "b", "t")
    assert pd.isna(table.loc["far", "distance"]) and table.loc["far", "paths"] == 0
    assert table.loc["far", "path"] == "" and table.loc["a", "intermediaries"] == ""


def test_paths_and_reach_ignore_direction():
    D = nx.DiGraph([("a", "us"), ("t", "a")])
    assert paths_to(D, "us", ["t"])["distance"].tolist() == [2]
    assert reach(D, "us") == {"direct": 1, "within_steps": 2, "share": 1.0}
    assert sorted(ego_network(D, "us").edges) == [("a", "us")]


def test_touched_groups():
    G = diamond()
    table = touched(G, "us", {"us": "NGO", "a": "NGO", "b": "Gov", "t": "Gov", "far": "Media"})
    # far has no tie: not an active organization
    assert table.to_dict("records") == [
        {"group": "Gov", "partners": 1, "organizations": 2},
        {"group": "NGO", "partners": 1, "organizations": 2}]


def report_dataset(focal=True):
    sectors = {"us": "NGO", "a": "NGO", "b": "Government", "h": "Government",
               "c": "Business", "d": "Business", "e": "Business", "x": "Community",
               "y": "Community", "z": "Community", "r": "Funder", "q": "Community",
               "s": "Community"}
    base = [("us", "a"), ("us", "b"), ("a", "b"), ("b", "h"), ("h", "c"), ("h", "d"),
            ("h", "e"), ("x", "y"), ("y", "z")]
    ties = [(u, v, "1") for u, v in base + [("r", "q")]]
    ties += [(u, v, "2") for u, v in base + [("r", o) for o in "xyzqs"]]
    return Dataset.from_frames(
        organizations=pd.DataFrame({"id": list(sectors), "sector": list(sectors.values()),
                                    "focal": [focal and i == "us" for i in sectors]}),
        relationships=pd.DataFrame(ties, columns=["source", "target", "period"]))


def test_ego_report():
    r = ego_report(report_dataset(), top=2)
    assert (r.ego, r.period) == ("us", "2")
    assert {frozenset(e) for e in r.network.edges} == {
        frozenset(e) for e in [("a", "b"), ("us", "a"), ("us", "b")]}
    assert set(r.partners["id"]) == {"a", "b"}
    # whole-network constraint: b also ties to h, so p(b, a) = 1/3
    assert r.holes["constraint"] == pytest.approx((1 / 2 + 1 / 6) ** 2 + (1 / 2 + 1 / 4) ** 2)
    assert r.holes["effective_size"] == pytest.approx(1)
    assert r.reach == {"direct": 2, "within_steps": 3, "share": pytest.approx(3 / 12)}
    assert r.sectors.to_dict("records")[0] == {"group": "Community", "partners": 0,
                                               "organizations": 5}
    assert r.communities["partners"].sum() == 2
    players = r.players.set_index("target")
    assert players["why"].to_dict() == {"r": "central, rising", "h": "central",
                                        "x": "rising", "z": "rising"}  # x, z gained r's ties
    assert players.loc["r", "rank"] == 1 and players.loc["h", "rank"] == 2
    assert players.loc["h", "distance"] == 2 and players.loc["h", "reachable"]
    assert players.loc["h", "path"] == "us → b → h"
    assert r.out_of_reach["target"].tolist() == ["r", "x", "z"]  # the other side of the map


def test_ego_report_needs_our_organization():
    with pytest.raises(ValueError, match="focal"):
        ego_report(report_dataset(focal=False))
    report = ego_report(report_dataset(focal=False), period="1", ego="h")
    assert report.reach["direct"] == 4


def test_untied_organizations_are_not_central_players():
    ds = Dataset.from_frames(organizations=pd.DataFrame({"id": ["us", "b"],
                                                         "focal": [True, False]}))
    report = ego_report(ds)
    assert report.players.empty and report.reach == {"direct": 0, "within_steps": 0,
                                                     "share": 0.0}
