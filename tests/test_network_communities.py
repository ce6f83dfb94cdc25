"""Louvain communities and modularity (csvcore.graph.communities)."""

import math

import networkx as nx
import pytest

from csvcore.graph.communities import communities, modularity


def two_triangles():
    G = nx.Graph([("a", "b"), ("b", "c"), ("c", "a"), ("d", "e"), ("e", "f"), ("f", "d"),
                  ("c", "d")])
    nx.set_edge_attributes(G, 1.0, "strength")
    return G


def test_two_triangles_and_their_modularity():
    G = two_triangles()
    membership = communities(G)
    assert membership == {"a": 0, "b": 0, "c": 0, "d": 1, "e": 1, "f": 1}
    # Newman: sum over communities of L_c/m - (d_c/2m)^2 = 2 (3/7 - (7/14)^2) = 5/14
    assert modularity(G, membership) == pytest.approx(5 / 14)
    assert modularity(G, membership) == pytest.approx(
        nx.community.modularity(G, [set("abc"), set("def")]))


def test_ids_ordered_by_size_and_isolates_apart():
    G = nx.complete_graph(["x", "y", "z"])  # smaller group first in the roster
    G.add_node("lonely")
    G.add_edges_from(nx.complete_graph(["p", "q", "r", "s"]).edges)
    membership = communities(G, weight=None)
    assert membership["p"] == 0 and membership["x"] == 1 and membership["lonely"] == -1
    assert math.isnan(modularity(nx.empty_graph(3), dict.fromkeys(range(3), -1)))  # no tie


def test_same_result_every_run():
    G = nx.gnm_random_graph(300, 700, seed=3)
    nx.set_edge_attributes(G, 1.0, "strength")
    first = communities(G)
    assert first == communities(G) == communities(G.copy())
    assert max(first.values()) >= 2


def test_direction_is_ignored():
    D = nx.DiGraph(two_triangles())  # both arcs of every tie
    D.remove_edge("b", "a")
    assert communities(D) == communities(two_triangles())
