"""GEXF 1.3 for Gephi (csvcore.io.export.gexf): schema-valid, dynamic, read back by networkx."""

import doctest
import functools
import io
import itertools
import subprocess
import xml.etree.ElementTree as ET

import networkx as nx
import pandas as pd
import pytest

from csvcore.contract.dataset import Dataset
from csvcore.contract.mapkey import MapKey
from csvcore.graph import style
from csvcore.graph.layout import layout
from csvcore.graph.measures import measures_table
from csvcore.io.export import gexf
from csvcore.io.export.gexf import map_story, period_times, to_gexf
from csvcore.io.importer import load_paths
from tests.shared import ROOT, shared
from tests.tools import program

NS = {"g": "http://gexf.net/1.3"}


def small() -> Dataset:
    """Four organizations, two periods, one tie for every period; d never has a tie."""
    orgs = pd.DataFrame({"id": ["a", "b", "c", "d"], "name": ["Acme", "Bee", "Cee", "Dee"],
                         "sector": ["Business", "NGO", "Government", "NGO"],
                         "focal": [True, False, False, False],
                         "note": ['x "<&>" \x01 done', "", "🌊", ""]})
    ties = pd.DataFrame({
        "source": ["a", "b", "b", "a"], "target": ["b", "a", "c", "b"],
        "period": ["2020", "2020", "2021", ""], "type": ["funding", "advice", "collab", "contract"],
        "strength": [2, 1, 4, 1]})
    return Dataset.from_frames(organizations=orgs, relationships=ties)


def validate(data: bytes, tmp_path) -> subprocess.CompletedProcess:
    schema = shared("schemas", "gexf-1.3", "gexf.xsd")
    path = tmp_path / "map.gexf"
    path.write_bytes(data)
    return subprocess.run([program("xmllint", "libxml2-utils"), "--noout", "--schema",
                           str(schema), str(path)], capture_output=True, text=True,
                          check=False)


def tags(element, name: str) -> list:
    """Return every element ``name`` (in the GEXF namespace) below ``element``."""
    return list(element.iter("{%s}%s" % (NS["g"], name)))


def overlapping(spells) -> bool:
    """True when two of the (start, end) elements, in file order, overlap or go back in time."""
    bounds = [(int(s.get("start")), int(s.get("end"))) for s in spells]
    return any(start <= end for (_, end), (start, _) in itertools.pairwise(bounds))


@functools.cache
def sample() -> Dataset:
    return load_paths([ROOT / "data" / "sample.xlsx"])[0]


def test_doctests():
    assert doctest.testmod(gexf).failed == 0


@pytest.mark.parametrize("case", ["sample, one challenge, filtered", "sample, all challenges",
                                  "small, hostile text", "directed", "no periods",
                                  "text periods", "date periods"])
def test_every_kind_of_map_validates_against_the_gexf_13_schema(case, tmp_path):
    ds = small()
    key = MapKey()
    if case.startswith("sample"):
        ds = sample()
        if "filtered" in case:
            key = MapKey("Water stewardship", sectors=["NGO", "Business", "Government"],
                         min_strength=2)
    elif case == "directed":
        ds = ds.replace(relationships=ds.relationships.assign(directed=[True, False, True, True]))
    elif case == "no periods":
        ds = ds.replace(relationships=ds.relationships.assign(period=""), periods=())
    elif case == "text periods":
        ds = ds.replace(relationships=ds.relationships.assign(period=["Wave A", "Wave A",
                                                                      "Wave B", ""]),
                        periods=("Wave A", "Wave B"))
    elif case == "date periods":
        ds = ds.replace(relationships=ds.relationships.assign(
            period=["2020-06-30", "2020-06-30", "2021-01-15", ""]),
            periods=("2020-06-30", "2021-01-15"))
    result = validate(to_gexf(map_story(ds, key)), tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]


def test_an_invalid_file_fails_the_schema_check(tmp_path):
    """The check can fail: the tie type in the edge's 'type' (what networkx's writer does)."""
    text = to_gexf(map_story(small())).decode().replace(' source="a"', ' type="funding" source="a"')
    result = validate(text.encode(), tmp_path)
    assert result.returncode != 0 and "type" in result.stderr


def test_networkx_reads_periods_weights_and_measures():
    ds = small()
    G = nx.read_gexf(io.BytesIO(to_gexf(map_story(ds))))
    assert G.graph["mode"] == "dynamic" and not G.is_directed()
    assert sorted(G.nodes) == ["a", "b", "c", "d"] and G.nodes["a"]["label"] == "Acme"
    # periods: spells of organizations (the periods they have a tie in; every one for d)
    assert G.nodes["a"]["spells"] == [(2020, 2020), (2021, 2021)]
    assert G.nodes["c"]["spells"] == [(2021, 2021)]
    assert G.nodes["d"]["spells"] == [(2020, 2020), (2021, 2021)]
    # ties: a-b in both periods (the tie for every period counts in each), b-c in 2021
    ab, bc = G.edges["a", "b"], G.edges["b", "c"]
    assert ab["spells"] == [(2020, 2020), (2021, 2021)] and bc["spells"] == [(2021, 2021)]
    assert ab["Strength"] == [(4.0, 2020, 2020), (1.0, 2021, 2021)]
    assert ab["weight"] == 5.0 and bc["weight"] == 4.0  # summed over the periods
    assert ab["Tie type"] == [("advice; contract; funding", 2020, 2020), ("contract", 2021, 2021)]
    assert ab["Tie records"] == [(3, 2020, 2020), (1, 2021, 2021)]
    # measures: one value per period, equal to the dashboard's table
    table = measures_table(ds).set_index(["id", "period"])
    assert G.nodes["b"]["Influence"][1] == (1.0, 2021, 2021)  # b brokers a and c
    assert G.nodes["b"]["Rank"] == [(1, 2020, 2020), (1, 2021, 2021)]
    for org in "abcd":
        for label, column in (("Degree", "degree"), ("Betweenness", "betweenness"),
                              ("Closeness (harmonic)", "closeness"), ("PageRank", "pagerank"),
                              ("Influence", "influence"), ("Community", "community")):
            for value, start, _ in G.nodes[org][label]:
                assert value == pytest.approx(table.at[(org, str(start)), column])
    # static attributes, the hostile text intact (control character dropped)
    assert G.nodes["a"]["note"] == 'x "<&>"  done' and G.nodes["c"]["note"] == "🌊"
    assert G.nodes["a"]["Our organization"] is True and G.nodes["b"]["Sector"] == "NGO"


def test_gephi_conventions_weight_direction_and_spells(tmp_path):
    ds = small().replace(relationships=small().relationships.assign(directed=True))
    root = ET.fromstring(to_gexf(map_story(ds)))
    graph = root.find("g:graph", NS)
    assert root.get("version") == "1.3" and graph.get("name") is None
    assert graph.get("defaultedgetype") == "directed"
    assert (graph.get("timeformat"), graph.get("timerepresentation")) == ("integer", "interval")
    assert {e.get("type") for e in tags(graph, "edge")} == {None}
    weight = graph.find("g:attributes[@class='edge']/g:attribute[@id='weight']", NS)
    assert weight is not None and weight.get("type") == "double"
    for element in [*tags(graph, "node"), *tags(graph, "edge")]:
        assert not overlapping([s for s in tags(element, "spell")])
        values = {}
        for v in tags(element, "attvalue"):
            if v.get("start") is not None:
                values.setdefault(v.get("for"), []).append(v)
        assert not any(map(overlapping, values.values()))  # Gephi drops overlapping values
    arcs = {(e.get("source"), e.get("target")): e for e in tags(graph, "edge")}
    assert set(arcs) == {("a", "b"), ("b", "a"), ("b", "c")}
    per_period = [(v.get("value"), v.get("start")) for v in tags(arcs["a", "b"], "attvalue")
                  if v.get("for") == "weight"]
    assert per_period == [("3.0", "2020"), ("1.0", "2021")]  # a's funding and contract arcs


def test_viz_holds_the_dashboards_colours_sizes_and_positions():
    ds = sample()
    key = MapKey("Water stewardship")
    root = ET.fromstring(to_gexf(map_story(ds, key, "2022")))
    now = measures_table(ds, key, "2022").set_index("id")
    positions = layout(ds, "Water stewardship")
    colors = style.color_map(ds.organizations["sector"])
    for node in tags(root, "node"):
        org = node.get("id")
        color = tuple(int(node.find("g:color", NS).get(c)) for c in "rgb")
        expected = style.US_COLOR if org == ds.focal_id else colors[now.at[org, "sector"]]
        assert color == style.rgb(expected)
        size = float(node.find("g:size", NS).get("value"))
        assert size == pytest.approx(style.node_size(now.at[org, "influence"]), abs=0.01)
        position = node.find("g:position", NS)
        assert (float(position.get("x")), float(position.get("y"))) == pytest.approx(
            positions[org], abs=0.01)


def test_periods_become_times_gephi_can_play():
    assert period_times(["2019", "2020", "2023"]) == (
        "integer", {"2019": ("2019", "2019"), "2020": ("2020", "2022"), "2023": ("2023", "2023")})
    assert period_times(["2024-02-28", "2024-03-01"])[1]["2024-02-28"] == ("2024-02-28",
                                                                           "2024-02-29")
    # labels that are not numbers or dates, or not in increasing order: numbered in time order
    assert period_times(["2019-Q4", "2020-Q1"])[1] == {"2019-Q4": ("1", "1"),
                                                       "2020-Q1": ("2", "2")}
    assert period_times(["2021", "2019"])[1] == {"2021": ("1", "1"), "2019": ("2", "2")}


def test_text_periods_are_named_in_the_description_and_on_each_tie():
    ds = small().replace(relationships=small().relationships.assign(
        period=["Wave A", "Wave A", "Wave B", ""]), periods=("Wave A", "Wave B"))
    text = to_gexf(map_story(ds)).decode()
    assert "Times: 1 = Wave A, 2 = Wave B." in text
    assert '<attvalue for="period" value="Wave B" start="2" end="2"/>' in text


def test_data_without_periods_gives_a_static_map():
    ds = small().replace(relationships=small().relationships.assign(period=""), periods=())
    G = nx.read_gexf(io.BytesIO(to_gexf(map_story(ds))))
    assert G.graph["mode"] == "static" and "spells" not in G.nodes["a"]
    assert G.edges["a", "b"]["weight"] == 4.0 and G.edges["a", "b"]["Strength"] == 4.0
    assert G.nodes["b"]["Influence"] == 1.0
