"""Step 3's computations: position, intermediaries, partners, what-if, convening group, plan."""

from __future__ import annotations

import itertools
import math
import random
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

from csvcore.contract.dataset import Dataset
from csvcore.contract.mapkey import MapKey
from csvcore.contract.schema import PRACTICE_PAIRS
from csvcore.graph.build import build_graph
from csvcore.graph.measures import measures_table
from csvcore.graph.views import undirected
from csvcore.io.importer import load_paths
from csvcore.leadership.assessment import assessment_gaps
from csvcore.leadership.convening import convening_group
from csvcore.leadership.partners import WHATIF_MEASURES, whatif, with_ties
from csvcore.leadership.position import (
    FINDING_COLUMNS,
    chokepoints,
    intermediaries,
    two_step_reach,
)
from csvcore.leadership.strategy import leadership_strategy
from csvcore.network_map.ego import reach

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample.xlsx"
WATER, US = "Water stewardship", "aquanourish"


@pytest.fixture(scope="module")
def sample():
    ds, _ = load_paths([SAMPLE])
    return ds, measures_table(ds, MapKey(WATER))


@pytest.fixture(scope="module")
def strategy(sample):
    ds, measures = sample
    return leadership_strategy(ds, MapKey(WATER), measures=measures)


# --- self-assessment and position --------------------------------------------------

def test_assessment_gaps_in_the_method_order():
    a = pd.DataFrame({"practice": ["own practice", "weaving", "buffering", "buffering"],
                      "boundary": ["vertical", "geographic", "geographic", "vertical"],
                      "current": [2.0, 1.0, 3.0, None], "target": [3.0, 4.0, 3.0, 4.0]})
    gaps = assessment_gaps(a)
    assert gaps[["practice", "boundary", "gap"]].values.tolist() == [
        ["buffering", "geographic", 0.0], ["weaving", "geographic", 3.0],
        ["own practice", "vertical", 1.0]]  # the row without a current level is left out


def test_two_step_reach_equals_the_ego_reach_of_every_organization(sample):
    G = build_graph(sample[0], MapKey(WATER), "2025")
    U = undirected(G)
    counts = two_step_reach(G)
    assert counts.to_dict() == {n: reach(U, n)["within_steps"] for n in G}


def test_intermediaries_by_hand():
    # us - a, us - d; a reaches b and c, d reaches c: b only through a, c through both
    G = nx.Graph([("us", "a"), ("a", "b"), ("a", "c"), ("us", "d"), ("d", "c")])
    table = intermediaries(G, "us").set_index("partner")
    assert table.loc["a", ["two_step", "only_via", "share_only"]].tolist() == [2, 1, 0.5]
    assert table.loc["d", ["two_step", "only_via", "share_only"]].tolist() == [1, 0, 0.0]


def brute_force_cut(G: nx.Graph, ego) -> dict:
    """Organizations we can no longer reach when each other organization is removed."""
    U = undirected(G)
    reached = nx.node_connected_component(U, ego)
    lost = {}
    for v in reached - {ego}:
        after = nx.node_connected_component(U.subgraph(reached - {v}), ego)
        if len(reached) - 1 - len(after):
            lost[v] = len(reached) - 1 - len(after)
    return lost


@pytest.mark.parametrize("seed", range(6))
def test_chokepoints_equal_removing_each_organization(seed):
    G = nx.gnp_random_graph(30, 0.08, seed=seed)
    ego = max(G, key=G.degree)
    assert chokepoints(G, ego).to_dict() == brute_force_cut(G, ego)


def test_chokepoints_on_the_sample(sample):
    G = build_graph(sample[0], MapKey(WATER), "2025")
    cut = chokepoints(G, US)
    assert cut.to_dict() == brute_force_cut(G, US)
    assert "in-wrd" in cut.index  # the water department is our only route to someone


def test_constraint_of_all_organizations_equals_one_at_a_time(sample):
    """The findings rank our constraint among everyone's with networkx's all-nodes (sparse)
    path; it agrees with the one-node path that csvcore.network_map.ego uses wherever that one is
    defined: on a directed map it gives NaN to an organization that only receives arcs
    (networkx 3.6 tests ``G[v]``, the successors), the sparse path counts its ties."""
    G = build_graph(sample[0], MapKey(WATER), "2025")
    every = nx.constraint(G, weight="strength")
    one = nx.constraint(G, [n for n in G if G.degree(n)], weight="strength")
    defined = [n for n, c in one.items() if not math.isnan(c)]
    receivers = [n for n in one if G.in_degree(n) and not G.out_degree(n)]
    assert len(defined) > 90 and set(one) - set(defined) == set(receivers)
    assert [every[n] for n in defined] == pytest.approx([one[n] for n in defined], abs=1e-12)
    assert not any(math.isnan(every[n]) for n in receivers)


def test_findings_say_where_each_comes_from(strategy):
    f = strategy.findings
    assert list(f.columns) == FINDING_COLUMNS
    assert set(f["verdict"]) <= {"strength", "weakness", "neutral"}
    assert f["evidence"].str.len().gt(0).all() and f["finding"].str.len().gt(0).all()
    by_topic = f.drop_duplicates("topic").set_index("topic")
    assert {"Reach", "Brokerage", "Redundancy", "Crossing the sector boundary",
            "Dependence on one intermediary", "Single points of failure",
            "Links to rising players", "Self-assessment"} <= set(by_topic.index)
    assert by_topic.at["Reach", "evidence"].startswith("2-step reach 24 of 109")
    # both rising players of the story are beyond two steps in 2025
    rising = by_topic.at["Links to rising players", "evidence"]
    assert by_topic.at["Links to rising players", "verdict"] == "weakness"
    assert "Godavari Basin Water Users' Federation (3 steps)" in rising
    weakest = f[(f["topic"] == "Self-assessment") & (f["verdict"] == "weakness")]
    assert weakest["finding"].iloc[0] == "Large gap at weaving across geographic boundaries."


# --- partners and what-if ---------------------------------------------------------------

def test_partner_candidates_have_reasons_and_are_not_partners(strategy):
    p = strategy.partners
    ours = set(undirected(strategy.graph)[US])
    assert len(p) == 10 and not set(p["id"]) & ours
    assert p["score"].is_monotonic_decreasing and (p["score"] >= 1).all()
    iwas = p.set_index("id").loc["in-iwas"]  # the story's bridge to both rising players
    assert "brings Godavari Basin Water Users' Federation, FarmSense Labs" in iwas["reasons"]
    assert "a bridge into Academic, a sector where we have no partner" in iwas["reasons"]


def test_whatif_deltas_by_hand():
    # before: us - a, and the path b - c - d; after adding us - b: a - us - b - c - d
    G = nx.Graph([("us", "a"), ("b", "c"), ("c", "d")])
    nx.set_edge_attributes(G, 1.0, "strength")
    t = whatif(G, "us", ["b"]).set_index("measure")
    assert list(t.index) == list(WHATIF_MEASURES)
    assert t.loc["partners", ["before", "after"]].tolist() == [1, 2]
    assert t.loc["within_steps", ["before", "after"]].tolist() == [1, 3]  # a; a, b, c
    # us lies on the shortest routes a-b, a-c, a-d: 3 of the 6 pairs of others
    assert t.loc["betweenness", ["before", "after"]].tolist() == [0.0, 0.5]
    # one partner: constraint 1; two partners not tied to each other: 2 x (1/2)^2
    assert t.loc["constraint", ["before", "after"]].tolist() == pytest.approx([1.0, 0.5])
    assert t.loc["effective_size", ["before", "after"]].tolist() == [1.0, 2.0]
    # influence rank: 2nd (tied) before and after, b now first (see csvcore.graph.measures)
    assert t.loc["rank", ["before", "after"]].tolist() == [2, 2]
    assert t["improved"].tolist() == [True] * 5 + [False]
    assert t.loc["constraint", "change"] == pytest.approx(-0.5)


def test_whatif_without_new_ties_changes_nothing():
    t = whatif(nx.path_graph(4), 1, [])
    assert (t["change"] == 0).all() and not t["improved"].any()


def test_new_ties_are_reciprocal_arcs_on_a_directed_map_and_skip_partners():
    G = nx.DiGraph([("a", "us")])
    H = with_ties(G, "us", ["a", "b", "us"], strength=3.0)
    assert sorted(H.edges) == [("a", "us"), ("b", "us"), ("us", "b")]
    assert H["us"]["b"] == {"strength": 3.0, "distance": 1 / 3, "type": "proposed", "ties": 1}
    assert G.number_of_edges() == 1  # the map itself is untouched


def test_whatif_on_the_sample_brings_both_rising_players_within_two_steps(sample):
    G = build_graph(sample[0], MapKey(WATER), "2025")
    t = whatif(G, US, ["in-iwas"]).set_index("measure")
    assert t.loc["partners", "change"] == 1
    assert t.loc["within_steps", "change"] == 5
    H = undirected(with_ties(G, US, ["in-iwas"]))
    assert {nx.shortest_path_length(H, US, p) for p in ("in-godavari-wuf", "ke-farmsense")} \
        == {2}


# --- convening group and dialogue --------------------------------------------------------

def brute_force_group_size(G, ego, sector, community) -> int:
    """The smallest number of organizations that, with us, touch every sector and community."""
    def touches(n):
        return {("s", sector[n])} | ({("c", community[n])} if community[n] != -1 else set())

    active = [n for n in G if G.degree(n) and n != ego]
    universe = set().union(*(touches(n) for n in active)) - touches(ego)
    for k in range(len(active) + 1):
        for group in itertools.combinations(active, k):
            if universe <= set().union(set(), *(touches(n) for n in group)):
                return k
    raise AssertionError("no cover")


@pytest.mark.parametrize("seed", range(8))
def test_convening_group_is_a_minimum_cover(seed):
    rng = random.Random(seed)
    G = nx.gnp_random_graph(12, 0.2, seed=seed)
    sector = {n: rng.choice("ABCDE") for n in G}
    community = {n: rng.choice([0, 1, 2, 3]) if G.degree(n) else -1 for n in G}
    nx.set_node_attributes(G, sector, "sector")
    influence = {n: rng.random() for n in G}
    ego = 0
    group = convening_group(G, ego, community, influence)
    assert group["id"].iloc[0] == ego and group["role"].iloc[0] == "convener"
    assert len(group) - 1 == brute_force_group_size(G, ego, sector, community)
    members = set(group["id"])
    active = [n for n in G if G.degree(n)]
    assert {sector[n] for n in active} <= {sector[n] for n in members}
    assert {community[n] for n in active} <= {community[n] for n in members}


def test_sample_convening_group_meets_the_lower_bound(strategy):
    """With us in, 7 sectors and 3 communities remain: at least 7 members, and 7 suffice."""
    group, now = strategy.group, strategy.now
    active = now[now["degree"] > 0]
    ours = now.loc[US]
    sectors = set(active["sector"]) - {ours["sector"]}
    communities = set(active["community"]) - {ours["community"], -1}
    assert len(group) - 1 == max(len(sectors), len(communities),
                                 math.ceil((len(sectors) + len(communities)) / 2)) == 7
    assert set(group["sector"]) == set(active["sector"])
    assert set(group["community"]) == set(active["community"]) - {-1}


def test_dialogue_plan_follows_the_three_pairs_of_practices(strategy):
    plan = strategy.plan
    assert plan["goal"].tolist() == list(PRACTICE_PAIRS)
    assert plan["practices"].tolist() == [", ".join(p) for p in PRACTICE_PAIRS.values()]
    # sample self-assessment: buffering and reflecting, current levels over five boundaries
    assert plan.loc[0, "current"] == pytest.approx((4 + 3 + 3 + 3 + 2 + 3 + 3 + 4 + 2 + 2) / 10)
    assert plan.loc[2, "gap"] == plan["gap"].max()  # weaving and transforming lag most
    assert "Through an introduction" in plan.loc[0, "with_whom"]


# --- edge cases -------------------------------------------------------------------------------

def test_an_organization_without_ties_gets_a_strategy(sample):
    ds, measures = sample
    s = leadership_strategy(ds, MapKey(WATER), "2019", ego="ke-farmsense", measures=measures)
    topics = set(s.findings["topic"])
    assert "Reach" in topics and "Single points of failure" not in topics
    assert s.position.reach["direct"] == 0
    assert s.plan.loc[0, "with_whom"].startswith("No route from us yet")


def test_an_undirected_map_without_assessment():
    ties = pd.DataFrame({"source": ["us", "us", "a", "b"], "target": ["a", "b", "c", "c"]})
    orgs = pd.DataFrame({"id": ["us", "a", "b", "c"], "focal": [True, False, False, False],
                         "sector": ["NGO", "Gov", "Gov", "Business"]})
    ds = Dataset.from_frames(organizations=orgs, relationships=ties)
    s = leadership_strategy(ds)
    assert s.roles is None
    assert s.holes.index[0] == "us" and set(s.holes.index) == {"us", "a", "b", "c"}
    assert s.gaps.empty and s.plan["current"].isna().all()
    assert "Self-assessment" not in set(s.findings["topic"])
