"""Graph building, layout and export of the network map (csvcore.graph.build)."""

import doctest
import io
import math

import networkx as nx
import pandas as pd
import pytest

from csvcore.contract.dataset import Dataset
from csvcore.contract.mapkey import MapKey
from csvcore.graph import build, communities, measures
from csvcore.graph import layout as network_layout
from csvcore.graph.build import build_graph, is_directed, select_ties
from csvcore.graph.layout import layout
from csvcore.graph.views import undirected
from csvcore.io.export.graphs import to_gexf_bytes, to_graphml_bytes
from csvcore.network_map import ego, trends, whole


def make(ties, orgs=None, **kw):
    """Dataset from a list of tie dicts (and optional organization dicts)."""
    return Dataset.from_frames(relationships=pd.DataFrame(ties),
                               organizations=pd.DataFrame(orgs) if orgs else None, **kw)


@pytest.mark.parametrize("module", [build, communities, measures, whole, trends, ego])
def test_doctests(module):
    assert doctest.testmod(module).failed == 0


def test_parallel_ties_merge_into_one_edge():
    ds = make([{"source": "a", "target": "b", "type": "funding", "strength": 2},
               {"source": "b", "target": "a", "type": "advice", "strength": 1},
               {"source": "a", "target": "b", "type": "advice", "strength": 0.5}])
    G = build_graph(ds)
    assert not G.is_directed() and G.number_of_edges() == 1
    assert G["a"]["b"] == {"strength": 3.5, "distance": 1 / 3.5, "type": "advice; funding",
                           "ties": 3, "unconfirmed": False}


def test_mixed_directions_make_a_digraph_with_reciprocal_arcs():
    ds = make([{"source": "a", "target": "b", "directed": True, "strength": 2},
               {"source": "b", "target": "c", "directed": False, "strength": 3}])
    G = build_graph(ds)
    assert G.is_directed()
    assert sorted(G.edges) == [("a", "b"), ("b", "c"), ("c", "b")]
    assert G["c"]["b"]["strength"] == G["b"]["c"]["strength"] == 3.0


def test_direction_is_decided_over_all_periods():
    ds = make([{"source": "a", "target": "b", "period": "1"},
               {"source": "b", "target": "c", "period": "2", "directed": True}])
    assert is_directed(ds)
    assert build_graph(ds, period="1").is_directed()
    assert sorted(build_graph(ds, period="1").edges) == [("a", "b"), ("b", "a")]
    # ...but a type filter that leaves only undirected ties gives an undirected map
    ds = ds.replace(relationships=ds.relationships.assign(type=["x", "y"]))
    assert not build_graph(ds, MapKey(types=["x"]), "1").is_directed()


def test_periods_challenges_and_pooling():
    ds = make([{"source": "a", "target": "b", "period": "", "strength": 1},
               {"source": "a", "target": "b", "period": "2020", "strength": 2},
               {"source": "b", "target": "c", "period": "2021", "challenge": "water"},
               {"source": "c", "target": "d", "period": "2021", "challenge": "skills"}])
    assert ds.periods == ("2020", "2021")
    assert build_graph(ds, period="2020")["a"]["b"]["strength"] == 3.0  # "" = every period
    assert build_graph(ds, period="2021")["a"]["b"]["strength"] == 1.0
    assert sorted(build_graph(ds, MapKey("water"), "2021").edges) == [("a", "b"), ("b", "c")]
    pooled = build_graph(ds)  # every period and challenge
    assert pooled.number_of_edges() == 3 and pooled["a"]["b"]["ties"] == 2


def test_roster_attributes_and_isolates():
    ds = make([{"source": "a", "target": "b"}, {"source": "a", "target": "a"}],
              [{"id": "a", "name": "Alpha", "sector": "NGO", "geography": "North",
                "focal": True, "size": "large"},
               {"id": "b", "sector": "Business"}, {"id": "z", "sector": "NGO"}])
    G = build_graph(ds)
    assert list(G) == ["a", "b", "z"]  # roster order, z untied but present
    assert G.number_of_edges() == 1  # the self-tie is dropped
    assert G.nodes["a"] == {"name": "Alpha", "sector": "NGO", "geography": "North",
                            "focal": True, "size": "large"}
    assert G.nodes["b"]["name"] == "b" and G.nodes["b"]["geography"] == "Unspecified"
    assert list(build_graph(ds, isolates=False)) == ["a", "b"]


def test_filters():
    orgs = [{"id": "a", "sector": "NGO", "geography": "N"},
            {"id": "b", "sector": "NGO", "geography": "S"},
            {"id": "c", "sector": "Gov", "geography": "N"}]
    ds = make([{"source": "a", "target": "b", "type": "advice", "strength": 1},
               {"source": "a", "target": "b", "type": "funding", "strength": 2},
               {"source": "a", "target": "c", "type": "advice", "strength": 4}], orgs)
    assert list(build_graph(ds, MapKey(sectors=["NGO"]))) == ["a", "b"]
    assert sorted(build_graph(ds, MapKey(geographies=["N"])).edges) == [("a", "c")]
    assert build_graph(ds, MapKey(types=["advice"]))["a"]["b"]["strength"] == 1.0
    # min_strength applies to the merged edge: a-b (1 + 2) stays, a-c (4) stays
    assert build_graph(ds, MapKey(min_strength=3)).number_of_edges() == 2
    assert sorted(build_graph(ds, MapKey(min_strength=3.5)).edges) == [("a", "c")]
    assert len(select_ties(ds, MapKey(sectors=["Gov"]))) == 0


def test_undirected_view_adds_both_arcs():
    D = nx.DiGraph()
    D.add_node("z", name="Zed")
    D.add_edge("a", "b", strength=2.0, type="funding", ties=1)
    D.add_edge("b", "a", strength=1.0, type="advice; funding", ties=2)
    U = undirected(D)
    assert not U.is_directed() and list(U) == ["z", "a", "b"] and U.nodes["z"]["name"] == "Zed"
    assert U["a"]["b"] == {"strength": 3.0, "distance": 1 / 3, "type": "advice; funding",
                           "ties": 3}
    G = nx.path_graph(3)
    assert undirected(G) is G


def _chain_dataset(n, periods=2):
    return make([{"source": f"o{i}", "target": f"o{(i + 1) % n}", "period": str(p)}
                 for p in range(periods) for i in range(n) if (i + p) % 5])


@pytest.mark.parametrize("large", [network_layout.LARGE_MAP, 5])  # spring / community layout
def test_layout_is_deterministic_scaled_and_complete(large):
    ds = _chain_dataset(30)
    pos = layout(ds, large=large)
    assert pos == layout(ds, large=large)
    assert set(pos) == set(ds.organizations["id"])
    values = [abs(v) for xy in pos.values() for v in xy]
    assert max(values) == pytest.approx(1000, abs=0.01)
    assert len(set(pos.values())) == len(pos)  # no two organizations on one spot


def test_layout_without_ties():
    ds = Dataset.from_frames(organizations=pd.DataFrame({"id": ["a", "b"]}))
    assert set(layout(ds)) == {"a", "b"}
    assert layout(Dataset.from_frames()) == {}


def test_graphml_and_gexf_round_trip():
    ds = make([{"source": "a", "target": "b", "type": "advice", "strength": 2}],
              [{"id": "a", "name": "Alpha", "focal": True, "size": "large"}, {"id": "b"}])
    G = build_graph(ds)
    G.nodes["a"]["score"], G.nodes["b"]["score"] = 1, 2.5  # mixed int/float -> float
    G.nodes["a"]["tags"] = ["x", "y"]  # list -> joined text
    G.nodes["b"]["missing"] = float("nan")  # left out
    H = nx.read_graphml(io.BytesIO(to_graphml_bytes(G)))
    assert H.nodes["a"]["name"] == "Alpha" and H.nodes["a"]["focal"] is True
    assert H.nodes["a"]["tags"] == "x; y" and H.nodes["a"]["score"] == 1.0
    assert "missing" not in H.nodes["b"]
    assert H["a"]["b"]["strength"] == 2.0 and H["a"]["b"]["type"] == "advice"
    gexf = to_gexf_bytes(G, positions={"a": (10.0, -5.0)})
    K = nx.read_gexf(io.BytesIO(gexf))
    assert K.nodes["a"]["label"] == "Alpha" and K.nodes["a"]["score"] == 1.0
    assert K.nodes["a"]["viz"]["position"]["x"] == 10.0
    assert math.isclose(K["a"]["b"]["distance"], 0.5)
