"""Importer: which table is which, header rows, and the source layouts (Kumu, Gephi, ...)."""

from __future__ import annotations

import pytest

from csvcore.io.importer import load_files
from csvcore.io.readers.layouts import classify
from csvcore.io.readers.tables import RawTable

TIES = [["source", "target"], ["a", "b"], ["b", "c"]]


def pairs(dataset):
    return sorted(zip(dataset.relationships.source, dataset.relationships.target))


def test_headers_match_regardless_of_case_spacing_and_synonyms(csv_bytes):
    rows = [["  FROM ", "To", "Tie-Strength", "YEAR", "Relationship Type", "Is Directed"],
            ["a", "b", "2", "2020", "funding", "yes"]]
    dataset, report = load_files([("anything.csv", csv_bytes(rows))])
    assert report.ok and report.findings == []
    tie = dataset.relationships.iloc[0]
    assert (tie.strength, tie.period, tie.type, tie.directed) == (2.0, "2020", "funding", True)


@pytest.mark.parametrize("sheet, headers, role", [
    ("orgs", ["Name", "Region"], "organizations"),
    ("Stakeholders", ["Name", "Type"], "organizations"),
    ("Elements", ["Label", "Type", "Description"], "organizations"),
    ("links", ["from", "to"], "relationships"),
    ("Sheet1", ["Vertex 1", "Vertex 2"], "relationships"),
    ("Greenland Node Data", ["From", "To", "Direction"], "relationships"),  # headers win
    ("Greenland Edge Labels", ["Label", "Description"], "organizations"),
    ("Sheet2", ["Connection From", "Connection To", "Number of Common Projects"],
     "relationships"),
    ("challenges", ["Name", "Description"], "challenges"),
    ("Sheet3", ["Societal challenge", "Business impact"], "challenges"),
    ("Sheet4", ["Scenario", "Likelihood"], "scenarios"),
    ("Sheet5", ["Practice", "Boundary", "Now", "Goal"], "assessment"),
    ("Sheet6", ["Id", "Sector"], "organizations"),
    ("Register", ["Name", "Influence", "Impact"], "organizations"),
    ("Sheet8", ["Name", "Weight"], "organizations"),
    ("Sheet7", ["Year", "Milestones"], None),
])
def test_classify_by_headers_then_names(sheet, headers, role):
    assert classify(RawTable("f.xlsx", sheet, headers, [["x"] * len(headers)])) == role


def test_classify_by_file_name_for_csv():
    table = RawTable("my_nodes.csv", "", ["Name"], [["x"]])
    assert classify(table) == "organizations"


def test_loosely_named_tie_columns_are_read_and_announced(csv_bytes):
    rows = [["Connection From", "Connection To", "Number of Common Projects", "Links to projects"],
            ["DWR", "USFWS", "11", "http://a   http://b"]]
    dataset, report = load_files([("tracker.csv", csv_bytes(rows))])
    assert dataset.relationships.iloc[0][["source", "target", "strength"]].tolist() == [
        "DWR", "USFWS", 11.0]
    assert [f.message for f in report.warnings] == [
        "Columns read by a word in their header: 'Connection From' as source, 'Connection To' "
        "as target, 'Number of Common Projects' as strength.",
        "Columns not used: 'Links to projects'."]


def test_full_template_workbook_with_scenario_scores(xlsx, texts):
    data = xlsx({
        "organizations": [["id", "name", "sector", "geography", "focal", "Size"],
                          ["us", "Us Inc", "Business", "Kenya", "yes", "big"],
                          ["gov", "Ministry", "government", "Kenya", "", "huge"]],
        "relationships": [["source", "target", "period", "challenge"], ["us", "gov", 2024, ""],
                          ["gov", "us", 2025, "Water"]],
        "challenges": [["challenge", "business_impact", "societal_impact", "shared_value_level",
                        "Drought (2030)", "Boom", "Owner"],
                       ["Water", "4", 5, "Redefining productivity in the value chain", 0.9,
                        "high", "x"],
                       ["Health", 2, "n/a", "cluster", 0.3, 0.2, "y"],
                       ["Water", 1, 1, "", 0, 0, "dup"]],
        "scenarios": [["scenario", "probability", "description"], ["drought 2030", "30%", ""],
                      ["Boom", 0.5, ""], ["Bust", "often", ""]],
        "assessment": [["practice", "boundary", "current", "target"],
                       ["Mobilising", "Geography", 2, 4], ["Buffering", "vertical", 6, 4],
                       ["Dancing", "vertical", 1, 2], ["mobilizing", "geographic", 1, 1]],
    })
    dataset, report = load_files([("svn.xlsx", data)])
    assert report.ok, report.as_text()
    assert dataset.focal_id == "us" and dataset.extra_attributes == ["Size"]
    assert list(dataset.scenarios["scenario"]) == ["drought 2030", "Boom"]
    assert list(dataset.scenarios["probability"]) == [0.3, 0.5]
    challenges = dataset.challenges.set_index("challenge")
    assert list(challenges.columns[-2:]) == ["drought 2030", "Boom"]
    assert challenges.loc["Water", "drought 2030"] == 0.9
    assert challenges.loc["Water", "Boom"] != challenges.loc["Water", "Boom"]  # 'high': NaN
    assert challenges.loc["Water", "shared_value_level"] == "value chain"
    assert challenges.loc["Health", "shared_value_level"] == "local cluster"
    assert len(challenges) == 2
    assert list(zip(dataset.assessment.practice, dataset.assessment.boundary)) == [
        ("mobilizing", "geographic")]
    assert dataset.assessment.iloc[0].target == 4.0
    text = texts(report)
    for expected in ("'Owner'", "Scenarios without a probability", "unknown practice",
                     "current level is not a number from 1 to 5",
                     "Duplicate challenge rows", "Duplicate practice and boundary rows",
                     "Values that are not numbers"):
        assert expected in text


def test_bad_extra_tables_never_make_the_network_unusable(xlsx, texts):
    data = xlsx({"ties": TIES, "scenarios": [["scenario", "notes"], ["A", "x"]],
                 "assessment": [["practice", "boundary", "current", "target"],
                                ["x", "y", "z", "w"]],
                 "challenges": [["challenge", "level"], ["", "weird"]]})
    dataset, report = load_files([("w.xlsx", data)])
    assert report.ok and len(dataset.relationships) == 2
    assert dataset.scenarios.empty and dataset.assessment.empty and dataset.challenges.empty
    assert "scenarios table was not used: it has no 'probability'" in texts(report)


def test_probabilities_above_one_are_percentages(xlsx, texts):
    data = xlsx({"ties": TIES, "scenarios": [["scenario", "likelihood"], ["A", 30], ["B", 70]]})
    dataset, report = load_files([("w.xlsx", data)])
    assert list(dataset.scenarios["probability"]) == [0.3, 0.7]
    assert "read as percentages" in texts(report)


def test_title_block_blank_rows_b3_start_and_total_row(xlsx, texts):
    data = xlsx({"Partners": [
        ["Partnership map 2024"], [None, "prepared by the team"], [],
        [None, None], [None, "From", "To", "Strength"], [None, "a", "b", 2], [],
        [None, "b", "c", 3], [None, "Total", None, 5]]})
    dataset, report = load_files([("map.xlsx", data)])
    assert pairs(dataset) == [("a", "b"), ("b", "c")]
    title = [f for f in report.warnings if "above the header" in f.message][0]
    assert (title.rows, title.value) == ((1, 2), "Partnership map 2024")
    total = [f for f in report.warnings if "Total rows" in f.message][0]
    assert total.rows == (9,) and total.sheet == "Partners"


def test_merged_title_cells_and_two_row_headers(xlsx):
    data = xlsx({"Edges": [[None, None, "Visual Properties", None, "Labels"],
                           ["Vertex 1", "Vertex 2", "Color", "Width", "Label"],
                           ["a", "b", "red", 1, "x"]],
                 "Vertices": [[None, "Visual Properties"], ["Vertex", "Color"], ["a", "red"],
                              ["b", "blue"], ["c", "green"]]})
    dataset, _ = load_files([("nodexl.xlsx", data)])
    assert pairs(dataset) == [("a", "b")]
    assert set(dataset.organizations["id"]) == {"a", "b", "c"}


def test_kumu_workbook(xlsx):
    data = xlsx({"Elements": [["Label", "Type", "Description"], ["City Hall", "Government", ""],
                              ["Green NGO", "NGO", "<b>bold</b>"]],
                 "Connections": [["From", "To", "Type", "Direction", "Strength"],
                                 ["City Hall", "Green NGO", "funding", "directed", 3],
                                 ["Green NGO", "City Hall", "advice", "mutual", ""]]})
    dataset, report = load_files([("kumu.xlsx", data)])
    assert report.ok and report.findings == []
    rel = dataset.relationships
    assert list(zip(rel.type, rel.directed, rel.strength)) == [
        ("funding", True, 3.0), ("advice", False, 1.0)]
    orgs = dataset.organizations.set_index("id")
    assert orgs.loc["City Hall", "sector"] == "Government"
    assert orgs.loc["Green NGO", "Description"] == "<b>bold</b>"


def test_gephi_node_and_edge_csv_pair(csv_bytes):
    nodes = csv_bytes([["Id", "Label", "node_type"], ["1", "Ceres", "Investor group"],
                       ["2", "UNEP FI", "Governing body"], ["3", "CDP", "Disclosure"]],
                      newline="\r\n")
    edges = csv_bytes([["Source", "Target", "Type", "Weight", "Timestamp"],
                       ["1", "2", "Directed", "1", '"[2019, 2020]"'],
                       ["2", "3", "Undirected", "2.5", '"[2020]"']], newline="\r\n")
    dataset, report = load_files([("nodes.csv", nodes), ("edges.csv", edges)])
    assert report.ok and report.findings == []
    assert dataset.name == "nodes.csv, edges.csv" and dataset.periods == ("2019", "2020")
    assert dataset.names()["1"] == "Ceres"
    rel = dataset.relationships
    assert list(zip(rel.source, rel.period, rel.directed, rel.type)) == [
        ("1", "2019", True, "tie"), ("1", "2020", True, "tie"), ("2", "2020", False, "tie")]


def test_polinode_sheets_with_formula_ids(xlsx):
    data = xlsx({"nodes": [["id", "name", "Category"], [1, "Kiir", "SPLM"],
                           [("=A2+1", 2), "Machar", "SPLM-IO"]],
                 "edges": [["from", "to", "from_name", "to_name", "weight"],
                           [("=1", 1), ("=2", 2), "Kiir", "Machar", 10]]})
    dataset, _ = load_files([("polinode.xlsx", data)])
    assert pairs(dataset) == [("1", "2")] and dataset.relationships.strength[0] == 10.0
    assert dataset.organizations.set_index("id").loc["2", "sector"] == "SPLM-IO"


def test_several_tie_sheets_are_stacked_with_the_sheet_as_reporter(xlsx, texts):
    data = xlsx({"Greenland": [["From", "To", "weight", "From", "To"], ["a", "b", 1, "x", "y"]],
                 "Iceland": [["From", "To", "weight"], ["a", "b", 3], ["b", "c", 1]]})
    dataset, report = load_files([("cld.xlsx", data)])
    rel = dataset.relationships
    assert pairs(dataset) == [("a", "b"), ("b", "c")]
    assert rel.set_index("target").loc["b", "reported_by"] == "Greenland; Iceland"
    assert rel.set_index("target").loc["b", "strength"] == 3.0
    assert "Columns not used: 'From', 'To'" in texts(report)


@pytest.mark.parametrize("rows, expected", [
    ([["a", "b"], ["b", "c"], ["c", "a"]], [("a", "b"), ("b", "c"), ("c", "a")]),
    ([["1", "2", "3"], ["2", "3", "1.5"]], [("1", "2"), ("2", "3")]),
    ([["Company", "Partner"], ["Acme", "Beta"], ["Beta", "Gamma"]], [("Acme", "Beta"),
                                                                     ("Beta", "Gamma")]),
])
def test_bare_edge_lists_with_or_without_a_header(csv_bytes, rows, expected):
    dataset, report = load_files([("list.csv", csv_bytes(rows))])
    assert report.ok
    assert pairs(dataset) == expected
    note = report.warnings[0].message
    assert ("No header row" in note) == (rows[0][0] != "Company")


def test_two_columns_that_share_no_value_are_not_an_edge_list(csv_bytes):
    _, report = load_files([("people.csv", csv_bytes([["Person", "Team"], ["Ann", "Red"],
                                                      ["Bob", "Blue"]]))])
    assert "No table of ties" in report.errors[0].message


def test_adjacency_matrix_directed_and_symmetric(csv_bytes):
    directed = [["", "A", "B", "C"], ["A", "0", "1", ""], ["B", "0", "0", "2"],
                ["C", "1", "0", "0"]]
    dataset, report = load_files([("m.csv", csv_bytes(directed))])
    assert pairs(dataset) == [("A", "B"), ("B", "C"), ("C", "A")]
    assert dataset.relationships.directed.all()
    assert "directed (rows send" in report.warnings[0].message
    symmetric = [["", "A", "B"], ["A", "0", "1"], ["B", "1", "0"]]
    dataset, _ = load_files([("m.csv", csv_bytes(symmetric))])
    assert pairs(dataset) == [("A", "B")] and not dataset.relationships.directed.any()


def test_adjacency_matrix_ignores_text_cells_with_a_warning(csv_bytes, texts):
    rows = [["", "A", "B", "C", "D"], ["A", "0", "1", "x", "0"], ["B", "0", "0", "1", "0"],
            ["C", "0", "1", "0", "1"], ["D", "1", "0", "0", "0"]]
    dataset, report = load_files([("m.csv", csv_bytes(rows))])
    assert len(dataset.relationships) == 5
    assert [f.rows for f in report.warnings if "not numbers" in f.message] == [(2,)]


def test_no_table_of_ties_names_what_was_seen_and_what_is_expected(xlsx):
    data = xlsx({"Register": [["Stakeholder Group", "Role"], ["Customer", "Applicant"]],
                 "people": [["Name", "Team"], ["Ann", "Red"]]})
    dataset, report = load_files([("register.xlsx", data)])
    assert dataset is None and len(report.errors) == 1
    assert report.warnings == []  # the error already lists every table and its headers
    error = report.errors[0]
    assert error.file == "register.xlsx"
    assert "Organizations were found, but no table of ties" in error.message
    assert "sheet 'Register' (headers: Stakeholder Group, Role)" in error.message
    assert "'source' and 'target'" in error.fix


def test_two_mode_tables_get_a_hint(csv_bytes):
    rows = [["Institution", "Country", "P1", "P2"], ["A", "X", "1", "0"], ["B", "Y", "1", "1"]]
    _, report = load_files([("partners.csv", csv_bytes(rows))])
    assert "projects or events marked 0/1" in report.errors[0].fix


def test_empty_table_of_ties_is_the_error_no_ties(xlsx):
    data = xlsx({"Edges": [["Vertex 1", "Vertex 2"]] + [[None, None]] * 20,
                 "Vertices": [["Vertex"], ["a"]]})
    dataset, report = load_files([("nodexl.xlsx", data)])
    assert dataset is None
    assert report.errors[0].message.startswith("No ties") and report.errors[0].sheet == "Edges"


def test_documentation_sheets_are_skipped_quietly(xlsx):
    data = xlsx({"how_to": [["table", "column", "meaning"], ["ties", "source", "who"]],
                 "ties": TIES})
    _, report = load_files([("template.xlsx", data)])
    assert report.findings == []
