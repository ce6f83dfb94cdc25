"""Whole-network figures per period (csvcore.network_map.whole)."""

import math

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from csvcore.contract.dataset import Dataset
from csvcore.graph.measures import betweenness, measures_table
from csvcore.network_map.whole import (
    SUMMARY_INFO,
    betweenness_centralization,
    degree_centralization,
    reciprocity,
    summary_table,
    tie_change,
)
from tests.shared import shared


def test_reciprocity_counts_dyads_not_arcs():
    # a -> b -> c -> a plus b -> a: dyads {a,b} mutual, {b,c} and {a,c} one-way
    D = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "a"), ("b", "a")])
    assert reciprocity(D) == pytest.approx(1 / 3)  # UCINET / ORA: mutual / connected dyads
    assert nx.reciprocity(D) == pytest.approx(2 / 4)  # networkx: reciprocated arcs / arcs
    assert reciprocity(nx.DiGraph([(1, 2), (2, 1)])) == 1 == nx.reciprocity(
        nx.DiGraph([(1, 2), (2, 1)]))
    assert math.isnan(reciprocity(nx.path_graph(3)))


def test_density_of_the_florentine_marriages():
    """Padgett marriage network: 20 ties; 16 families with Pucci, 15 without."""
    folder = shared("validation", "padgett_florentine")
    ties = pd.read_csv(folder / "edges_marriage.csv")
    with_pucci = Dataset.from_frames(organizations=pd.read_csv(folder / "nodes.csv"),
                                     relationships=ties)
    without = Dataset.from_frames(relationships=ties)
    assert summary_table(with_pucci)["density"].item() == pytest.approx(20 / 120)  # 0.1667
    assert summary_table(without)["density"].item() == pytest.approx(20 / 105)  # 0.1905
    row = summary_table(with_pucci).iloc[0]
    assert (row["roster"], row["organizations"], row["components"],
            row["largest_component"]) == (16, 15, 1, 15)
    assert row["mean_degree"] == pytest.approx(40 / 16)
    # Freeman, n = 16: (16 * 6 - 40) / (15 * 14); Medici has degree 6
    assert row["degree_centralization"] == pytest.approx(56 / 210)


def test_knoke_information_centralization():
    """Knoke information network (directed, 10 organizations, 49 arcs).

    Freeman in/out-degree centralization sum(max - d) / (n-1)^2, checked
    against numpy row and column sums of the adjacency matrix; reciprocity
    against a count of mutual pairs in the matrix.
    """
    folder = shared("validation", "knoke_bureaucracies")
    orgs = pd.read_csv(folder / "nodes.csv")
    arcs = pd.read_csv(folder / "edges_information.csv")
    ids = list(orgs["id"])
    A = np.zeros((10, 10))
    for s, t in arcs.itertuples(index=False):
        A[ids.index(s), ids.index(t)] = 1
    out_deg, in_deg = A.sum(axis=1), A.sum(axis=0)
    row = summary_table(Dataset.from_frames(
        organizations=orgs, relationships=arcs.assign(directed=True))).iloc[0]
    assert row["out_degree_centralization"] == pytest.approx(
        (out_deg.max() - out_deg).sum() / 81)  # 31 / 81
    assert row["in_degree_centralization"] == pytest.approx(
        (in_deg.max() - in_deg).sum() / 81)  # 41 / 81
    mutual = np.triu(A * A.T).sum()
    connected = np.triu(((A + A.T) > 0).astype(float)).sum()
    assert row["reciprocity"] == pytest.approx(mutual / connected)  # 17 / 32
    assert row["density"] == pytest.approx(49 / 90)
    assert "degree_centralization" not in row


def test_centralization_formulas():
    star, cycle = nx.star_graph(4), nx.cycle_graph(5)
    assert degree_centralization(star) == 1 and degree_centralization(cycle) == 0
    # directed star pointing in: in-centralization 1; out: (1 - 0) / (n-1)^2
    inward = nx.DiGraph([(i, 0) for i in range(1, 5)])
    assert degree_centralization(inward, "in") == 1
    assert degree_centralization(inward, "out") == pytest.approx(1 / 16)
    assert betweenness_centralization(betweenness(star)) == 1
    # P4: b = c = 2/3, a = d = 0 -> (2/3 + 2/3) / 3
    assert betweenness_centralization(betweenness(nx.path_graph(4))) == pytest.approx(4 / 9)
    assert math.isnan(betweenness_centralization([0.0, 0.0]))


def test_tie_change_and_jaccard():
    before = nx.Graph([("a", "b"), ("b", "c"), ("c", "d")])
    after = nx.Graph([("b", "a"), ("c", "d"), ("d", "e")])
    assert tie_change(before, after) == {"ties_gained": 1, "ties_lost": 1, "hamming": 2,
                                         "jaccard": 0.5}
    flipped = tie_change(nx.DiGraph([("a", "b")]), nx.DiGraph([("b", "a")]))
    assert flipped["jaccard"] == 0 and flipped["hamming"] == 2
    assert math.isnan(tie_change(nx.Graph(), nx.Graph())["jaccard"])


def test_summary_table_over_periods():
    ds = Dataset.from_frames(relationships=pd.DataFrame({
        "source": ["a", "b", "c", "a", "c", "d"],
        "target": ["b", "c", "d", "b", "d", "e"],
        "period": ["1", "1", "1", "2", "2", "2"]}))
    m = measures_table(ds)
    table = summary_table(ds, measures=m)
    assert table.equals(summary_table(ds))
    assert list(table.columns) == [c for c in SUMMARY_INFO if c not in (
        "in_degree_centralization", "out_degree_centralization")]  # undirected map
    first, second = table.iloc[0], table.iloc[1]
    assert (first["roster"], first["organizations"], first["ties"]) == (5, 4, 3)
    assert first["density"] == pytest.approx(3 / 10)
    assert (second["components"], second["largest_component"]) == (2, 3)
    assert (second["ties_gained"], second["ties_lost"], second["jaccard"]) == (1, 1, 0.5)
    assert pd.isna(first["ties_gained"]) and -1 <= second["rank_correlation"] <= 1
    assert second["communities"] == 2
    for label, explanation, _ in SUMMARY_INFO.values():
        assert label and explanation.endswith(".")


def test_maps_without_ties():
    assert summary_table(Dataset.from_frames())["roster"].tolist() == [0]
    row = summary_table(Dataset.from_frames(
        organizations=pd.DataFrame({"id": ["a", "b"]}))).iloc[0]
    assert (row["roster"], row["organizations"], row["ties"], row["components"]) == (2, 0, 0, 0)
    assert math.isnan(row["degree_centralization"]) and math.isnan(row["modularity"])
