"""The Kumu workbook (csvcore.io.export.kumu): Kumu's import layout, read back to the same data."""

import functools
import io

import openpyxl
import pytest

from csvcore.contract.mapkey import MapKey
from csvcore.io.export.kumu import to_kumu
from csvcore.io.export.story import map_story
from csvcore.io.importer import load_files, load_paths
from tests.shared import ROOT


@functools.cache
def sample():
    return load_paths([ROOT / "data" / "sample.xlsx"])[0]


def sheets(data: bytes) -> dict[str, list[tuple]]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in book.worksheets}


def hostile(xlsx):
    """An upload with what a round trip can trip on: no names, their own description column,
    a column named like Kumu's, formulas as text, emoji, text periods, directed and
    every-period ties, missing confidence, challenges, scenarios and an assessment."""
    return load_files([("team.xlsx", xlsx({
        "organizations": [["id", "name", "sector", "geography", "focal", "description",
                           "label", "budget"],
                          ["a", "Acme", "Business", "Peru", "yes", "=HYPERLINK(1)", "A1", "007"],
                          ["b", "", "NGO", "", "", "Counts 🌊", "", "3.50"],
                          ["c", "Cee | Co", "Fishers", "Chile", "", "", "C", ""]],
        "relationships": [["source", "target", "period", "type", "strength", "directed",
                           "challenge", "reported_by", "confidence"],
                          ["a", "b", "Wave 1", "funding", 2.5, "yes", "Water", "=cmd", 0.5],
                          ["b", "c", "Wave 2", "advice", 1, "no", "", "", None],
                          ["c", "a", "", "", 3, "", "Water", "Team", 1],
                          ["a", "d", "Wave 2", "advice", 1, "", "", "", None]],
        "challenges": [["challenge", "business_impact", "societal_impact", "Drought"],
                       ["Water", 7, 8, 9]],
        "scenarios": [["scenario", "probability"], ["Drought", 1]],
        "assessment": [["practice", "boundary", "current", "target"],
                       ["connecting", "vertical", 2, 4]]}))])


def test_the_workbook_is_in_kumus_import_layout():
    ds = sample()
    book = sheets(to_kumu(ds, map_story(ds, MapKey("Water stewardship"), "2023")))
    assert list(book)[:2] == ["Elements", "Connections"]
    assert all(name.endswith("(ignore)") for name in list(book)[2:])  # Kumu skips them
    elements, connections = book["Elements"], book["Connections"]
    assert elements[0][:7] == ("ID", "Label", "Type", "Description", "Tags", "Geography", "Focal")
    assert connections[0][:5] == ("From", "To", "Type", "Strength", "Tags")
    us = next(row for row in elements if row[0] == ds.focal_id)
    assert us[1] == "AquaNourish Foods" and us[2] == "Business" and us[6] == "yes"
    assert us[4].split("|") == list(ds.periods)  # tied in every period
    header = elements[0]
    influence = us[header.index("Influence (2023)")]
    assert isinstance(influence, float) and 0 < influence <= 1  # numbers stay numbers
    assert isinstance(us[header.index("Rank (2023)")], int)
    assert "Influence (2019)" in header and "Influence (2025)" in header
    ids = {row[0] for row in elements[1:]}
    assert {row[0] for row in connections[1:]} | {row[1] for row in connections[1:]} <= ids
    assert {row[4] for row in connections[1:]} <= set(ds.periods) | {None}
    assert len(connections) - 1 == len(ds.relationships)  # every tie, not merged


def test_kumu_workbook_reads_back_to_the_same_data():
    ds = sample()
    data = to_kumu(ds, map_story(ds, MapKey("Water stewardship", sectors=["NGO"])))
    again, report = load_files([("kumu.xlsx", data)])
    assert again is not None and again.fingerprint == ds.fingerprint
    assert [w.message for w in report.warnings] == [  # the NGOs' map is undirected
        "17 columns computed by Shared Value Navigator were not read (computed again from "
        "the ties): 'Description', 'Tags', 'Degree (2025)', 'Strength (2025)', "
        "'Betweenness (2025)', 'Closeness (harmonic) (2025)' and 11 more."]
    assert "Influence (2025)" not in again.organizations


def test_an_awkward_upload_reads_back_to_the_same_data(xlsx):
    ds, report = hostile(xlsx)
    assert ds is not None, report.as_text()
    data = to_kumu(ds, map_story(ds, MapKey("Water")))
    book = sheets(data)
    header = book["Elements"][0]
    assert "Name" in header and "label (column)" in header  # b has no name; a column 'label'
    row_b = next(r for r in book["Elements"] if r[0] == "b")
    assert row_b[header.index("Label")] == "b" and row_b[header.index("Name")] is None
    assert row_b[header.index("Description")] == "Counts 🌊"  # their own description
    assert book["Elements"][1][header.index("Description")] == "=HYPERLINK(1)"  # as text
    again, _ = load_files([("kumu.xlsx", data)])
    assert again.fingerprint == ds.fingerprint
    assert again.organizations.equals(ds.organizations)
    assert again.relationships.equals(ds.relationships)


def test_without_names_or_periods_it_still_reads_back(xlsx):
    ds, _ = load_files([("ties.csv", b"source,target,weight\nx,y,2\ny,z,1\n")])
    data = to_kumu(ds, map_story(ds))
    header = sheets(data)["Elements"][0]
    assert "Influence (all ties)" in header and "Name" in header
    again, _ = load_files([("kumu.xlsx", data)])
    assert again.fingerprint == ds.fingerprint


def test_the_list_of_computed_columns_only_applies_to_its_own_workbook(xlsx):
    ds = sample()
    kumu = to_kumu(ds, map_story(ds))
    other = xlsx({"organizations": [["id", "Description"], ["zz", "kept"]]})
    merged, _ = load_files([("kumu.xlsx", kumu), ("more.xlsx", other)])
    assert merged.organizations.set_index("id").at["zz", "Description"] == "kept"


@pytest.mark.parametrize("extra_columns", [190])
def test_a_sheet_stays_within_the_column_limit(extra_columns, xlsx):
    head = ["id", "name"] + [f"c{i}" for i in range(extra_columns)]
    ds, _ = load_files([("wide.xlsx", xlsx({
        "organizations": [head, ["a", "A"] + ["v"] * extra_columns],
        "relationships": [["source", "target", "period"], ["a", "b", "1"], ["b", "a", "2"]]}))])
    data = to_kumu(ds, map_story(ds))
    assert len(sheets(data)["Elements"][0]) <= 200
    again, report = load_files([("kumu.xlsx", data)])
    assert again is not None and again.fingerprint == ds.fingerprint, report.as_text()
