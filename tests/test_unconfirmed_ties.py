"""Unconfirmed ties (confidence 0.5 or less) on the map: marked on edges, hidden on request."""

import pandas as pd

from csvcore.contract.dataset import Dataset
from csvcore.contract.mapkey import MapKey
from csvcore.contract.schema import CONFIRMED, UNCONFIRMED
from csvcore.graph import focus
from csvcore.graph.build import build_graph, select_ties
from csvcore.graph.measures import measures_table
from csvcore.network_map.trends import tie_confidence


def survey_map() -> Dataset:
    """2023 (a survey round): a-b confirmed, a-c unconfirmed, c-d one of each type, b-d 0.3;
    2022 (a spreadsheet): a-b, b-c with no confidence recorded."""
    return Dataset.from_frames(
        organizations=pd.DataFrame({"id": list("abcd")}),
        relationships=pd.DataFrame({
            "source": ["a", "a", "c", "c", "b", "a", "b"],
            "target": ["b", "c", "d", "d", "d", "b", "c"],
            "type": ["advice", "advice", "advice", "funding", "advice", "advice", "advice"],
            "period": ["2023"] * 5 + ["2022"] * 2,
            "confidence": [CONFIRMED, UNCONFIRMED, UNCONFIRMED, CONFIRMED, 0.3, None, None]}),
        periods=("2022", "2023"))


def edge_flags(G):
    return {tuple(sorted((u, v))): d["unconfirmed"] for u, v, d in G.edges(data=True)}


def test_an_edge_is_unconfirmed_only_when_every_tie_it_merges_is():
    G = build_graph(survey_map(), MapKey(), "2023")
    assert edge_flags(G) == {("a", "b"): False, ("a", "c"): True, ("c", "d"): False,
                             ("b", "d"): True}
    assert G["c"]["d"]["ties"] == 2
    assert edge_flags(build_graph(survey_map(), MapKey(), "2022")) == {("a", "b"): False,
                                                                       ("b", "c"): False}


def test_a_map_of_confirmed_ties_only_leaves_out_unconfirmed_ones_and_keeps_the_roster():
    key = MapKey(confirmed_only=True)
    G = build_graph(survey_map(), key, "2023")
    assert edge_flags(G) == {("a", "b"): False, ("c", "d"): False}
    assert G["c"]["d"]["type"] == "funding" and set(G) == set("abcd")
    assert len(select_ties(survey_map(), key, "2022")) == 2  # not recorded: kept
    table = measures_table(survey_map(), key)
    assert table.loc[(table["period"] == "2023") & (table["id"] == "b"), "degree"].item() == 1


def test_the_key_of_confirmed_ties_only_is_a_filter_and_false_is_no_filter():
    assert MapKey("Water", confirmed_only=False) == MapKey("Water")
    assert MapKey("Water", confirmed_only=True).filters == {"confirmed_only": True}
    assert MapKey("Water", confirmed_only=True).describe() == "Water; confirmed ties only"
    assert MapKey("Water", confirmed_only=True).unfiltered() == MapKey("Water")


def test_the_drawn_edges_say_which_ties_are_unconfirmed():
    G = build_graph(survey_map(), MapKey(), "2023")
    now = measures_table(survey_map(), MapKey()).query("period == '2023'").set_index("id")
    _nodes, edges = focus.frames(G, now, {}, list(G))
    flags = {tuple(sorted(p)): f for *p, f in edges[["source", "target", "unconfirmed"]]
             .itertuples(index=False)}
    assert flags == edge_flags(G)


def test_ties_per_period_are_counted_by_confidence_whatever_the_key_hides():
    expected = [{"period": "2022", "confirmed": 0, "unconfirmed": 0, "not recorded": 2},
                {"period": "2023", "confirmed": 2, "unconfirmed": 3, "not recorded": 0}]
    assert tie_confidence(survey_map()).to_dict("records") == expected
    assert tie_confidence(survey_map(), MapKey(confirmed_only=True)).to_dict("records") == \
        expected
    assert tie_confidence(survey_map(), MapKey(types=["funding"]))["confirmed"].tolist() == [0, 1]
