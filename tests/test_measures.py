"""Node measures (csvcore.graph.measures): hand-computed values, published values, fast paths."""

import importlib.util
import itertools
import math
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from csvcore.contract.dataset import Dataset
from csvcore.graph import measures
from csvcore.graph.measures import (
    MEASURE_INFO,
    betweenness,
    degrees,
    eigenvector,
    harmonic_closeness,
    influence,
    measures_table,
    node_measures,
    pagerank,
)
from tests.shared import shared

ROOT = Path(__file__).resolve().parents[1]

_spec = importlib.util.spec_from_file_location("bench_baseline", ROOT / "bench" / "baseline.py")
baseline = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(baseline)


def weighted(G, seed=0):
    rng = np.random.default_rng(seed)
    for u, v in G.edges():
        G[u][v]["strength"] = float(rng.integers(1, 6))
    return G


def graph(edges, nodes=(), directed=False):
    G = nx.DiGraph() if directed else nx.Graph()
    G.add_nodes_from(nodes)
    G.add_edges_from(edges, strength=1.0)
    return G


# --- hand-computed values on small graphs ---------------------------------

def test_path_of_four():
    m = node_measures(graph([("a", "b"), ("b", "c"), ("c", "d")]))
    assert m["degree"].tolist() == [1, 2, 2, 1]
    # b lies on a-c and a-d: 2 of (n-1)(n-2)/2 = 3 pairs
    assert m["betweenness"].tolist() == pytest.approx([0, 2 / 3, 2 / 3, 0])
    # a: (1 + 1/2 + 1/3) / 3 ; b: (1 + 1 + 1/2) / 3
    assert m["closeness"].tolist() == pytest.approx([11 / 18, 5 / 6, 5 / 6, 11 / 18])
    # P4's leading eigenvector is proportional to sin(k pi / 5), k = 1..4
    expected = np.sin(np.arange(1, 5) * np.pi / 5)
    assert m["eigenvector"].to_numpy() == pytest.approx(expected / np.linalg.norm(expected))
    assert m["influence"].tolist() == pytest.approx([0, 2 / 3, 2 / 3, 0])
    assert m["rank"].tolist() == [3, 1, 1, 3]


def test_star():
    m = node_measures(nx.relabel_nodes(weighted(nx.star_graph(4)), str))
    assert m["degree"].tolist() == [4, 1, 1, 1, 1]
    assert m["betweenness"].tolist() == [1, 0, 0, 0, 0]
    assert m["closeness"].tolist() == pytest.approx([1, 0.625, 0.625, 0.625, 0.625])
    assert m.loc["0", "rank"] == 1 and m.loc["0", "influence"] == 1


def test_triangle_with_pendant():
    m = node_measures(graph([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")]))
    assert m["degree"].tolist() == [2, 2, 3, 1]
    assert m["betweenness"].tolist() == pytest.approx([0, 0, 2 / 3, 0])
    assert m["closeness"].tolist() == pytest.approx([5 / 6, 5 / 6, 1, 2 / 3])


def test_two_components_and_an_isolate():
    G = graph([("a", "b"), ("c", "d"), ("d", "e")], nodes=["a", "b", "c", "d", "e", "z"])
    m = node_measures(G)
    n = 6  # the isolate counts in n
    assert m["betweenness"]["d"] == pytest.approx(1 / ((n - 1) * (n - 2) / 2))
    assert m["closeness"].tolist() == pytest.approx([1 / 5, 1 / 5, 1.5 / 5, 2 / 5, 1.5 / 5, 0])
    # each component's unit vector scaled by sqrt(size / tied): tied = 5
    dyad, path = math.sqrt(1 / 2) * math.sqrt(2 / 5), math.sqrt(3 / 5)
    assert m["eigenvector"].tolist() == pytest.approx(
        [dyad, dyad, path / 2, path / math.sqrt(2), path / 2, 0])
    assert np.linalg.norm(m["eigenvector"]) == pytest.approx(1)
    assert m.loc["z"].drop(["pagerank", "rank"]).eq(0).all()  # untied: 0 but PageRank
    assert m.loc["z", "pagerank"] == m["pagerank"].min()


def test_directed_cycle_with_mutual_pair():
    # a -> b -> c -> a, and b -> a
    m = node_measures(graph([("a", "b"), ("b", "c"), ("c", "a"), ("b", "a")], directed=True))
    assert m[["in_degree", "out_degree", "degree"]].to_numpy().tolist() == [
        [2, 1, 3], [1, 2, 3], [1, 1, 2]]
    # ordered pairs: a->c runs through b, c->b runs through a; normalised by (n-1)(n-2) = 2
    assert m["betweenness"].tolist() == pytest.approx([0.5, 0.5, 0])
    # incoming distances: to b from a (1) and from c (2, via a)
    assert m["closeness"].tolist() == pytest.approx([1, 0.75, 0.75])


def test_strength_and_degrees_directed():
    G = nx.DiGraph()
    G.add_edge("a", "b", strength=2.0)
    G.add_edge("b", "a", strength=0.5)
    G.add_edge("c", "b", strength=1.0)
    d = degrees(G)
    assert list(d.columns) == ["degree", "in_degree", "out_degree", "strength", "in_strength",
                               "out_strength"]
    assert d.loc["b"].tolist() == [3, 2, 1, 3.5, 3.0, 0.5]
    assert list(degrees(nx.path_graph(2)).columns) == ["degree", "strength"]


def test_pagerank_matches_the_linear_system():
    # Second computation: p = (1 - alpha)/n (I - alpha W^T D^-1)^-1 1 (no dangling nodes)
    G = weighted(nx.relabel_nodes(nx.karate_club_graph(), str), seed=2)
    A = nx.to_numpy_array(G, weight="strength")
    n, alpha = len(A), 0.85
    transition = A / A.sum(axis=1, keepdims=True)
    expected = np.linalg.solve(np.eye(n) - alpha * transition.T, np.full(n, (1 - alpha) / n))
    # networkx stops when the L1 change is below n * 1e-10
    assert pagerank(G).to_numpy() == pytest.approx(expected, abs=1e-8)


def test_influence_is_the_mean_share_outranked():
    scores = pd.DataFrame({"degree": [0, 1, 1, 3], "betweenness": [0, 0, 0.5, 0.2],
                           "closeness": [0, 0.5, 0.6, 0.7], "pagerank": [0.1, 0.2, 0.3, 0.4]})
    # d: degree 1, betweenness 2/3, closeness 1, pagerank 1 -> mean 11/12
    assert influence(scores).tolist() == pytest.approx([0, (1 / 3 + 0 + 1 / 3 + 1 / 3) / 4,
                                                        (1 / 3 + 1 + 2 / 3 + 2 / 3) / 4,
                                                        11 / 12])
    assert influence(scores.iloc[:1]).tolist() == [0.0]


# --- published and independently derived values -----------------------------

def _matrix_betweenness(A: np.ndarray) -> np.ndarray:
    """Raw betweenness from matrix powers: a second, independent computation.

    The number of walks of length d(s, t) from s to t equals the number of
    shortest paths; v is on them when d(s, v) + d(v, t) = d(s, t).
    """
    n = len(A)
    dist = np.full((n, n), np.inf)
    count = np.zeros((n, n))
    np.fill_diagonal(dist, 0)
    np.fill_diagonal(count, 1)
    power = np.eye(n)
    for k in range(1, n):
        power = power @ A
        new = (power > 0) & np.isinf(dist)
        dist[new], count[new] = k, power[new]
    b = np.zeros(n)
    for s, t in itertools.permutations(range(n), 2):
        if np.isfinite(dist[s, t]):
            for v in range(n):
                if v not in (s, t) and dist[s, v] + dist[v, t] == dist[s, t]:
                    b[v] += count[s, v] * count[v, t] / count[s, t]
    return b


def _florentine(with_pucci: bool) -> Dataset:
    folder = shared("validation", "padgett_florentine")
    orgs = pd.read_csv(folder / "nodes.csv") if with_pucci else None
    return Dataset.from_frames(organizations=orgs,
                               relationships=pd.read_csv(folder / "edges_marriage.csv"))


def test_florentine_marriage_betweenness_published():
    """Padgett & Ansell (1993) marriage network, 15 families (no Pucci).

    Normalised betweenness as published in networkx's own test suite
    (networkx 3.6.1, algorithms/centrality/tests/test_betweenness_centrality.py,
    test_florentine_families_graph), e.g. Medici 0.522 = 47.5 / 91.
    """
    published = {"Acciaiuoli": 0.000, "Albizzi": 0.212, "Barbadori": 0.093,
                 "Bischeri": 0.104, "Castellani": 0.055, "Ginori": 0.000, "Guadagni": 0.255,
                 "Lamberteschi": 0.000, "Medici": 0.522, "Pazzi": 0.000, "Peruzzi": 0.022,
                 "Ridolfi": 0.114, "Salviati": 0.143, "Strozzi": 0.103, "Tornabuoni": 0.092}
    m = measures_table(_florentine(with_pucci=False)).set_index("id")
    assert len(m) == 15
    for family, value in published.items():
        assert m.loc[family, "betweenness"] == pytest.approx(value, abs=1e-3)
    assert m.loc["Medici", "degree"] == 6 and m.loc["Medici", "rank"] == 1


def test_florentine_with_pucci_changes_n():
    """With the isolate Pucci on the roster, n = 16: Medici 47.5 / 105."""
    ds = _florentine(with_pucci=True)
    m = measures_table(ds).set_index("id")
    assert len(m) == 16 and m.loc["Pucci", "degree"] == 0
    assert m.loc["Medici", "betweenness"] == pytest.approx(47.5 / 105)
    A = nx.to_numpy_array(nx.Graph(ds.relationships[["source", "target"]].to_numpy().tolist()))
    assert 47.5 in _matrix_betweenness(A) / 2  # independent check of the raw value


def test_knoke_information_network_directed():
    """Knoke & Kuklinski (1982) information exchange (KNOKI), 10 organizations, 49 arcs.

    In- and out-degree and betweenness are checked against a second computation
    with numpy on the adjacency matrix (row sums, column sums, matrix powers).
    Hanneman & Riddle (2005, ch. 10) analyse the same network with UCINET.
    """
    folder = shared("validation", "knoke_bureaucracies")
    orgs = pd.read_csv(folder / "nodes.csv")
    arcs = pd.read_csv(folder / "edges_information.csv")
    m = measures_table(Dataset.from_frames(organizations=orgs,
                                           relationships=arcs.assign(directed=True)))
    ids = list(orgs["id"])
    A = np.zeros((10, 10))
    for s, t in arcs.itertuples(index=False):
        A[ids.index(s), ids.index(t)] = 1
    assert m["out_degree"].tolist() == A.sum(axis=1).tolist()
    assert m["in_degree"].tolist() == A.sum(axis=0).tolist()
    assert m.set_index("id").loc[["NEWS", "MAYR", "COMM"], "in_degree"].tolist() == [9, 8, 8]
    expected = _matrix_betweenness(A) / (9 * 8)
    assert m["betweenness"].to_numpy() == pytest.approx(expected, abs=1e-12)
    assert m.set_index("id")["betweenness"].idxmax() == "MAYR"


# --- fast paths equal plain networkx ----------------------------------------

RANDOM_GRAPHS = {
    "small undirected, disconnected": lambda: nx.gnp_random_graph(40, 0.04, seed=1),
    "medium undirected": lambda: nx.gnm_random_graph(300, 700, seed=2),
    "small directed": lambda: nx.gnp_random_graph(40, 0.06, seed=3, directed=True),
    "medium directed, disconnected": lambda: nx.gnm_random_graph(300, 500, seed=4,
                                                                 directed=True),
    "hubs": lambda: nx.barabasi_albert_graph(250, 2, seed=5),
}


@pytest.fixture(params=list(RANDOM_GRAPHS), scope="module")
def random_graph(request):
    G = weighted(RANDOM_GRAPHS[request.param](), seed=7)
    G.add_node("isolate")
    return G


def test_betweenness_equals_networkx(random_graph, monkeypatch):
    expected = baseline.betweenness(random_graph)
    assert betweenness(random_graph).to_numpy() == pytest.approx(expected, abs=1e-9)
    monkeypatch.setattr(measures, "rx", None)  # the fallback
    assert measures.betweenness_backend() == "networkx"
    assert betweenness(random_graph).to_numpy() == pytest.approx(expected, abs=1e-9)


def test_rustworkx_is_used_when_installed():
    pytest.importorskip("rustworkx")
    assert measures.betweenness_backend() == "rustworkx"


def test_harmonic_closeness_equals_networkx(random_graph, monkeypatch):
    expected = baseline.harmonic_closeness(random_graph).to_numpy()
    assert harmonic_closeness(random_graph).to_numpy() == pytest.approx(expected, abs=1e-9)
    monkeypatch.setattr(measures, "_GATHER_WORDS", 1)  # one 64-source block at a time
    assert harmonic_closeness(random_graph).to_numpy() == pytest.approx(expected, abs=1e-9)


def test_eigenvector_equals_networkx_per_component(random_graph):
    expected = baseline.eigenvector(random_graph).to_numpy()
    assert eigenvector(random_graph).to_numpy() == pytest.approx(expected, abs=1e-9)


def test_eigenvector_equals_networkx_on_a_connected_map():
    G = weighted(nx.connected_watts_strogatz_graph(120, 4, 0.2, seed=1))
    expected = nx.eigenvector_centrality_numpy(G, weight="strength")
    assert eigenvector(G).to_numpy() == pytest.approx(list(expected.values()), abs=1e-9)


def test_pagerank_equals_networkx(random_graph):
    assert pagerank(random_graph).to_numpy() == pytest.approx(
        baseline.pagerank(random_graph).to_numpy(), abs=1e-12)


def test_degenerate_maps():
    for G in (nx.Graph(), nx.empty_graph(1), nx.empty_graph(3), nx.path_graph(2)):
        m = node_measures(G)
        assert len(m) == len(G) and not m.drop(columns="pagerank").isna().any().any()


# --- the tidy table ---------------------------------------------------------

def test_measures_table_keeps_one_roster():
    ds = Dataset.from_frames(
        organizations=pd.DataFrame({"id": ["a", "b", "c", "x"], "sector": ["NGO"] * 4}),
        relationships=pd.DataFrame({
            "source": ["a", "b", "a", "b", "x"], "target": ["b", "c", "b", "c", "a"],
            "period": ["1", "1", "2", "2", "1"]}))
    m = measures_table(ds)
    assert list(m.columns[:6]) == ["period", "id", "name", "sector", "geography", "focal"]
    assert len(m) == 8 and m.groupby("period").size().tolist() == [4, 4]
    second = m[m["period"] == "2"].set_index("id")
    assert second.loc["x", ["degree", "betweenness", "closeness", "eigenvector",
                            "influence"]].eq(0).all()
    assert second.loc["x", "community"] == -1
    # b brokers a-c; n = 4 with x counted, so 1 / ((n-1)(n-2)/2) = 1/3, not 1
    assert second.loc["b", "betweenness"] == pytest.approx(1 / 3)
    only = measures_table(ds, period="2")
    assert only.drop(columns="period").equals(
        m[m["period"] == "2"].drop(columns="period").reset_index(drop=True))


def test_every_column_is_explained():
    ds = Dataset.from_frames(relationships=pd.DataFrame(
        {"source": ["a", "b"], "target": ["b", "c"], "directed": [True, False]}))
    columns = set(measures_table(ds).columns) - {"period", "id", "name", "sector", "geography",
                                                 "focal"}
    assert columns == set(MEASURE_INFO)
    for label, explanation, convention in MEASURE_INFO.values():
        assert label and explanation.endswith(".") and convention
