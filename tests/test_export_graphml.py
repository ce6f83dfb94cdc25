"""GraphML of the period in view (csvcore.io.export.graphml), read by networkx and igraph."""

import doctest
import io

import igraph
import networkx as nx
import pandas as pd
import pytest

from csvcore.contract.dataset import Dataset
from csvcore.contract.mapkey import MapKey
from csvcore.graph.measures import measures_table
from csvcore.io.export import graphml
from csvcore.io.export.graphml import map_story, to_graphml


def small(directed: bool = False) -> Dataset:
    orgs = pd.DataFrame({"id": ["a", "b", "c", "d"], "name": ["Acme", "Bee & <Co>", "Cee", ""],
                         "sector": ["Business", "NGO", "Government", "NGO"],
                         "focal": [True, False, False, False], "note": ["x", "", "🌊", ""]})
    ties = pd.DataFrame({"source": ["a", "b", "b", "a"], "target": ["b", "a", "c", "b"],
                         "period": ["2020", "2020", "2021", ""],
                         "type": ["funding", "advice", "collab", "contract"],
                         "strength": [2, 1, 4, 1], "directed": directed})
    return Dataset.from_frames(organizations=orgs, relationships=ties)


def test_doctests():
    assert doctest.testmod(graphml).failed == 0


def test_igraph_reads_the_map_with_measures_and_periods(tmp_path):
    ds = small()
    path = tmp_path / "map.graphml"
    path.write_bytes(to_graphml(map_story(ds, period="2021")))
    g = igraph.Graph.Read_GraphML(str(path))
    assert not g.is_directed() and g.vcount() == 4 and g.ecount() == 2
    assert g["period"] == "2021" and g["periods"] == "2020; 2021"
    by_id = {v["id"]: v for v in g.vs}
    assert by_id["b"]["label"] == "Bee & <Co>" and by_id["c"]["note"] == "🌊"
    assert by_id["a"]["focal"] is True or by_id["a"]["focal"] == 1
    table = measures_table(ds).set_index(["id", "period"])
    for org, v in by_id.items():
        for column in ("degree", "betweenness", "closeness", "pagerank", "influence", "rank"):
            assert v[column] == pytest.approx(table.at[(org, "2021"), column])
        for period in ("2020", "2021"):
            assert v[f"influence {period}"] == pytest.approx(table.at[(org, period), "influence"])
    assert by_id["c"]["periods"] == "2021" and by_id["d"]["periods"] == ""
    edges = {frozenset((g.vs[e.source]["id"], g.vs[e.target]["id"])): e for e in g.es}
    ab, bc = edges[frozenset("ab")], edges[frozenset("bc")]
    assert (ab["weight"], ab["type"], ab["ties"], ab["periods"]) == (1.0, "contract", 1,
                                                                     "2020; 2021")
    assert (bc["weight"], bc["type"], bc["periods"]) == (4.0, "collab", "2021")
    # igraph computes on it: b is the only broker in 2021
    assert g.betweenness()[by_id["b"].index] == 1.0


def test_networkx_reads_a_directed_map_of_another_period():
    G = nx.read_graphml(io.BytesIO(to_graphml(map_story(small(directed=True), period="2020"))))
    assert G.is_directed() and sorted(G.edges) == [("a", "b"), ("b", "a")]
    assert G.edges["a", "b"]["weight"] == 3.0 and G.edges["b", "a"]["weight"] == 1.0
    assert G.nodes["d"]["label"] == "d"  # no name: the id, as the dashboard shows it
    assert "in_degree" in G.nodes["a"] and G.nodes["a"]["out_degree"] == 1


def test_a_filtered_map_keeps_its_filters_and_undated_data_has_one_map():
    ds = small()
    G = nx.read_graphml(io.BytesIO(to_graphml(map_story(ds, MapKey(sectors=["NGO",
                                                                             "Business"])))))
    assert sorted(G) == ["a", "b", "d"] and G.graph["map"] == "every challenge; sectors: Business, NGO"
    undated = ds.replace(relationships=ds.relationships.assign(period=""), periods=())
    H = nx.read_graphml(io.BytesIO(to_graphml(map_story(undated))))
    assert H.graph["period"] == "" and H.edges["a", "b"]["weight"] == 4.0
    assert not [k for k in H.nodes["a"] if k.startswith("influence ")]
