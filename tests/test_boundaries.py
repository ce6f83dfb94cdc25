"""Krackhardt & Stern's E-I index for us, the network and competitors, per boundary and period."""

from __future__ import annotations

import math
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

from csvcore.contract.dataset import Dataset
from csvcore.contract.mapkey import MapKey
from csvcore.io.importer import load_paths
from csvcore.leadership.boundaries import (
    boundary_table,
    competitors,
    crossing_counts,
    default_boundaries,
    ei_index,
    expected_ei,
    whole_counts,
)

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample.xlsx"


def test_ei_index_range_and_empty():
    assert ei_index(4, 0) == 1.0
    assert ei_index(0, 4) == -1.0
    assert ei_index(2, 2) == 0.0
    assert ei_index(3, 1) == 0.5
    assert math.isnan(ei_index(0, 0))


def hand_map() -> tuple[nx.DiGraph, dict]:
    """us (NGO) <-> a (NGO) both ways, us -> b (Gov), c (Gov) -> us, b -> c, d (unknown) -> us.

    Pairs, direction ignored: us-a inside, us-b across, us-c across, b-c inside,
    us-d left out (d's sector unknown).
    """
    G = nx.DiGraph([("us", "a"), ("a", "us"), ("us", "b"), ("c", "us"), ("b", "c"),
                    ("d", "us")])
    return G, {"us": "NGO", "a": "NGO", "b": "Gov", "c": "Gov", "d": "Unspecified"}


def test_crossing_counts_by_hand():
    G, sector = hand_map()
    counts = crossing_counts(G, sector)
    assert counts.loc["us"].tolist() == [2, 1]  # a reciprocated pair is one tie
    assert counts.loc["b"].tolist() == [1, 1]
    assert "d" not in counts.index
    assert whole_counts(counts) == (2, 2)
    assert ei_index(*counts.loc["us"]) == pytest.approx(1 / 3)


def test_expected_ei_under_random_mixing_by_hand():
    G, sector = hand_map()
    # tied organizations with a known sector: 2 NGO, 2 Gov (N = 4).
    # An NGO's possible partners: 1 NGO, 2 Gov -> 2/3 outside -> E-I 2*2/3 - 1 = 1/3.
    # Whole map: 1 - (2*1 + 2*1)/(4*3) = 2/3 of pairs across -> E-I 1/3.
    expected = expected_ei(G, sector)
    assert expected["NGO"] == pytest.approx(1 / 3)
    assert expected[None] == pytest.approx(1 / 3)


def test_default_boundaries_and_competitors():
    ds = Dataset.from_frames(organizations=pd.DataFrame({
        "id": ["a", "b", "c"], "Role": ["Competitor", "main competitor", "peer"],
        "LEVEL": ["x", "y", "z"], "colour": ["r", "g", "b"]}))
    assert default_boundaries(ds.organizations.columns) == {
        "sector": "stakeholder", "geography": "geographic", "LEVEL": "vertical"}
    assert competitors(ds) == ["a", "b"]
    assert competitors(Dataset.from_frames(organizations=pd.DataFrame({"id": ["a"]}))) == []


def small_dataset() -> Dataset:
    orgs = pd.DataFrame({"id": ["us", "a", "b", "rival", "c"],
                         "sector": ["NGO", "NGO", "Gov", "Business", "Business"],
                         "geography": ["N", "N", "S", "S", "S"]})
    ties = pd.DataFrame({
        "source": ["us", "us", "rival", "us", "rival", "b"],
        "target": ["a", "b", "c", "b", "a", "c"],
        "period": ["1", "1", "1", "2", "2", "2"],
        "challenge": ["W", "W", "W", "W", "W", "Other"]})
    return Dataset.from_frames(organizations=orgs, relationships=ties)


def test_boundary_table_per_period_for_us_the_network_and_a_competitor():
    table = boundary_table(small_dataset(), MapKey("W"), {"sector": "stakeholder"}, ego="us",
                           rivals=["rival"])
    t = table.set_index(["period", "who"])
    # period 1: us-a inside, us-b across, rival-c inside
    assert t.loc[("1", "us"), ["external", "internal", "ei"]].tolist() == [1, 1, 0.0]
    assert t.loc[("1", "competitor"), ["external", "internal", "ei"]].tolist() == [0, 1, -1.0]
    assert t.loc[("1", "network"), ["external", "internal"]].tolist() == [1, 2]
    # period 2: us-b across, rival-a across (b-c is another challenge's tie)
    assert t.loc[("2", "us"), "ei"] == 1.0
    assert t.loc[("2", "competitor"), "crossing"] == 1.0
    assert t.loc[("2", "network"), ["external", "internal", "ei"]].tolist() == [2, 0, 1.0]
    assert set(table["boundary"]) == {"stakeholder"}


def test_an_organization_without_ties_has_no_index():
    table = boundary_table(small_dataset(), MapKey("W"), {"geography": "geographic"}, ego="c",
                           rivals=())
    row = table[(table["period"] == "2") & (table["who"] == "us")].iloc[0]
    assert (row["external"], row["internal"]) == (0, 0)
    assert math.isnan(row["ei"]) and math.isnan(row["crossing"])


def test_sample_competitor_coalition_crosses_sectors():
    """The sample's story: BlueSpring starts with supplier contracts (business to business)
    and from 2021 ties up with NGOs, a multilateral and businesses; we start with supplier
    contracts too and add partners in other sectors."""
    ds, _ = load_paths([SAMPLE])
    table = boundary_table(ds, MapKey("Water stewardship"), default_boundaries(ds.organizations.columns),
                           ego=ds.focal_id, rivals=competitors(ds))
    sector = table[table["attribute"] == "sector"].set_index(["id", "period"])
    assert sector.loc[("bluespring", "2019"), ["external", "ei"]].tolist() == [0, -1.0]
    assert sector.loc[("bluespring", "2025"), ["external", "internal"]].tolist() == [8, 11]
    assert sector.loc[("aquanourish", "2019"), "ei"] == -1.0
    assert sector.loc[("aquanourish", "2025"), "ei"] == 0.0
    assert set(table["attribute"]) == {"sector", "geography", "scale"}
    assert set(table.loc[table["attribute"] == "scale", "boundary"]) == {"vertical"}
    assert set(table.loc[table["who"] == "competitor", "id"]) == {
        "bluespring", "in-swasth-bharat", "ke-kilele", "br-sabor-campo"}
