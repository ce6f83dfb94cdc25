"""Importer: repairs of organizations and ties, periods, and hostile cell content."""

from __future__ import annotations

import datetime as dt

import pytest

from csvcore.contract.schema import LIMITS
from csvcore.io.importer import load_files
from csvcore.io.readers.periods import order_periods, period_label

ORGS = ["id", "name", "sector"]


def load(xlsx, **sheets):
    """Load a workbook built from sheet rows; return (dataset, report)."""
    return load_files([("upload.xlsx", xlsx(sheets))])


def finding(report, text):
    """Return the one finding whose message contains ``text``."""
    found = [f for f in report.findings if text in f.message]
    assert len(found) == 1, report.as_text()
    return found[0]


def pairs(dataset):
    rel = dataset.relationships
    return list(zip(rel.source, rel.target))


# --- organizations -----------------------------------------------------------------------

def test_duplicate_org_ids_keep_the_first_row(xlsx):
    dataset, report = load(xlsx, organizations=[ORGS, ["a", "First", "NGO"],
                                                ["b", "B", ""], ["a", "Second", "Gov"]],
                           ties=[["source", "target"], ["a", "b"]])
    assert dataset.organizations.set_index("id").loc["a", "name"] == "First"
    dup = finding(report, "Duplicate organization ids")
    assert (dup.sheet, dup.rows, dup.column, dup.value) == ("organizations", (4,), "id", "a")


def test_ids_differing_by_case_and_unicode_spaces_are_merged_with_a_warning(xlsx):
    dataset, report = load(
        xlsx, organizations=[ORGS, ["Catch\u202fcapelin\u202f ", "", ""], ["NASA", "", ""],
                             ["nasa", "dup", ""]],
        ties=[["source", "target"], ["Catch capelin", "Nasa"], [" CATCH\u00a0 capelin", "NASA "]])
    assert sorted(dataset.organizations["id"]) == ["Catch capelin", "NASA"]
    assert pairs(dataset) == [("Catch capelin", "NASA")]
    merged = finding(report, "Organization ids that differ only by case or spacing")
    assert merged.rows == (4,) and merged.value == "'nasa' → 'NASA'"
    endpoint = [f for f in report.warnings if "differ from an organization id" in f.message]
    assert {f.column for f in endpoint} == {"source", "target"}
    assert "\\u202f" not in endpoint[0].value and "\\u00a0" in endpoint[0].value


def test_whole_numbers_written_with_decimals_match_integer_ids(csv_bytes):
    orgs = csv_bytes([["id", "name"], ["1", "One"], ["2", "Two"]])
    ties = csv_bytes([["source", "target"], ["1.0", "2.0"], ["2", "1"]])
    dataset, report = load_files([("orgs.csv", orgs), ("ties.csv", ties)])
    assert sorted(dataset.organizations["id"]) == ["1", "2"]
    assert pairs(dataset) == [("1", "2")]  # the second row is the same undirected tie
    variants = [f for f in report.warnings if "(or a trailing '.0')" in f.message]
    assert [(f.column, f.rows, f.value) for f in variants] == [
        ("source", (2,), "'1.0' → '1'"), ("target", (2,), "'2.0' → '2'")]


def test_endpoints_given_by_name_are_resolved_to_ids(xlsx):
    dataset, report = load(xlsx, nodes=[["ID", "Label"], [1, "UNEP FI"], [2, "Ceres"]],
                           edges=[["Source", "Target"], ["unep fi", "Ceres"], [1, 2]])
    assert pairs(dataset) == [("1", "2")]
    by_name = [f for f in report.warnings if "given by the organization's name" in f.message]
    assert [(f.column, f.rows, f.value) for f in by_name] == [
        ("Source", (2,), "'unep fi' → '1'"), ("Target", (2,), "'Ceres' → '2'")]


def test_unknown_endpoints_are_added_as_organizations_with_a_warning(xlsx):
    dataset, report = load(xlsx, organizations=[ORGS, ["a", "A", ""]],
                           ties=[["source", "target"], ["a", "zed"], ["zed", "why"]])
    assert set(dataset.organizations["id"]) == {"a", "zed", "why"}
    added = [f for f in report.warnings if "were added as organizations" in f.message]
    assert [(f.column, f.rows, f.value) for f in added] == [("source", (3,), "zed"),
                                                            ("target", (2, 3), "zed, why")]


def test_without_an_organizations_table_endpoints_are_added_silently(csv_bytes):
    dataset, report = load_files([("t.csv", csv_bytes([["from", "to"], ["a", "b"]]))])
    assert report.findings == [] and set(dataset.organizations["id"]) == {"a", "b"}


def test_organizations_without_id_use_the_name_and_blank_rows_are_skipped(xlsx):
    dataset, report = load(xlsx, organizations=[["name", "Sector", "Budget"],
                                                ["Acme", "company", "10"],
                                                [None, "Gov", "3"]],
                           ties=[["source", "target"], ["Acme", "Other"]])
    orgs = dataset.organizations.set_index("id")
    assert orgs.loc["Acme", "sector"] == "Business" and orgs.loc["Acme", "Budget"] == "10"
    assert "Budget" in dataset.extra_attributes
    assert finding(report, "without an id or a name").rows == (3,)


@pytest.mark.parametrize("word, sector", [
    ("Gov", "Government"), ("government agency", "Government"), ("NGO", "NGO"),
    ("Non-profit", "NGO"), ("University", "Academic"), ("Foundation", "Funder"),
    ("Donor", "Funder"), ("Company", "Business"), ("Private sector", "Business"),
    ("Corporate", "Business"), ("media", "Media"), ("Cooperative", "Cooperative"),
    ("", "Unspecified"),
])
def test_sectors_map_common_variants_and_keep_other_words(xlsx, word, sector):
    dataset, _ = load(xlsx, organizations=[ORGS, ["a", "A", word]],
                      ties=[["source", "target"], ["a", "b"]])
    assert dataset.organizations.set_index("id").loc["a", "sector"] == sector


def test_only_the_first_focal_organization_is_kept(xlsx):
    dataset, report = load(xlsx, organizations=[["id", "us"], ["a", "yes"], ["b", "x"],
                                                ["c", "no"]],
                           ties=[["source", "target"], ["a", "b"]])
    assert dataset.focal_id == "a" and dataset.organizations["focal"].sum() == 1
    assert finding(report, "More than one organization").rows == (3,)


# --- ties -------------------------------------------------------------------------------------

def test_empty_endpoints_and_self_ties_are_skipped_naming_rows(csv_bytes):
    rows = [["source", "target"], ["a", "b"], ["", "b"], ["c", " "], ["a", "A "], ["d", "d"]]
    dataset, report = load_files([("t.csv", csv_bytes(rows))])
    assert pairs(dataset) == [("a", "b")]
    assert finding(report, "empty source or target").rows == (3, 4)
    assert finding(report, "Self-ties").rows == (5, 6)


@pytest.mark.parametrize("value", ["-2", "0", "strong", "n/a", "inf"])
def test_bad_strengths_become_one_with_a_warning(csv_bytes, value):
    rows = [["source", "target", "weight"], ["a", "b", "3"], ["b", "c", value]]
    dataset, report = load_files([("t.csv", csv_bytes(rows))])
    assert list(dataset.relationships["strength"]) == [3.0, 1.0]
    bad = finding(report, "not positive numbers")
    assert (bad.rows, bad.column, bad.value) == ((3,), "weight", value)


def test_blank_strength_is_one_without_a_warning(csv_bytes):
    dataset, report = load_files([("t.csv", csv_bytes([["source", "target", "strength"],
                                                      ["a", "b", ""]]))])
    assert report.findings == [] and dataset.relationships["strength"].tolist() == [1.0]


@pytest.mark.parametrize("value, directed", [
    ("yes", True), ("no", False), ("TRUE", True), ("false", False), ("1", True), ("0", False),
    ("Directed", True), ("Undirected", False), ("directed", True), ("mutual", False),
])
def test_direction_words(csv_bytes, value, directed):
    rows = [["source", "target", "directed"], ["a", "b", value]]
    dataset, report = load_files([("t.csv", csv_bytes(rows))])
    assert report.ok and dataset.relationships["directed"].tolist() == [directed]


def test_unknown_direction_is_undirected_with_a_warning(csv_bytes):
    dataset, report = load_files([("t.csv", csv_bytes([["source", "target", "direction"],
                                                      ["a", "b", "sideways"]]))])
    assert not dataset.relationships["directed"].any()
    assert finding(report, "Direction values not understood").value == "sideways"


def test_duplicate_ties_merge_keeping_max_strength_and_all_reporters(csv_bytes):
    rows = [["source", "target", "strength", "reported_by", "directed"],
            ["a", "b", "1", "Ann", "no"], ["b", "a", "4", "Bob", "no"],
            ["a", "b", "2", "Ann; Cy", "no"], ["a", "b", "1", "Dee", "yes"],
            ["b", "a", "1", "Eve", "yes"]]
    dataset, report = load_files([("t.csv", csv_bytes(rows))])
    rel = dataset.relationships
    assert len(rel) == 3
    undirected = rel[~rel.directed].iloc[0]
    assert (undirected.source, undirected.target, undirected.strength) == ("a", "b", 4.0)
    assert undirected.reported_by == "Ann; Bob; Cy"
    assert finding(report, "Duplicate ties").rows == (3, 4)


def test_ties_differing_in_period_type_or_challenge_are_not_duplicates(csv_bytes):
    rows = [["source", "target", "year", "type", "challenge"], ["a", "b", "2020", "x", ""],
            ["a", "b", "2021", "x", ""], ["a", "b", "2020", "y", ""],
            ["a", "b", "2020", "x", "water"]]
    dataset, report = load_files([("t.csv", csv_bytes(rows))])
    assert len(dataset.relationships) == 4 and report.findings == []


def test_confidence_and_type_defaults(csv_bytes):
    rows = [["source", "target", "confidence", "type"], ["a", "b", "high", ""],
            ["b", "c", "0,8", "funding"]]
    dataset, report = load_files([("t.csv", csv_bytes(rows, delimiter=";"))])
    rel = dataset.relationships
    assert rel["type"].tolist() == ["tie", "funding"]
    assert rel["confidence"].isna().tolist() == [True, False] and rel["confidence"][1] == 0.8
    assert finding(report, "Confidence values").value == "high"


# --- periods -----------------------------------------------------------------------------------

def test_mixed_period_formats_are_normalised_and_dates_cut_to_years(xlsx):
    dataset, report = load(xlsx, ties=[
        ["source", "target", "year"], ["a", "b", 2019], ["a", "c", "2019"], ["a", "d", 2019.0],
        ["a", "e", dt.datetime(2019, 6, 30)], ["a", "f", "2019-06-30"], ["a", "g", "2020.0"],
        ["a", "h", 2018]])
    assert dataset.periods == ("2018", "2019", "2020")
    assert dataset.relationships["period"].tolist() == ["2019"] * 5 + ["2020", "2018"]
    cut = finding(report, "cut to their year")
    assert (cut.rows, cut.column) == ((5, 6), "year")


def test_full_dates_alone_are_kept_and_sorted_chronologically(xlsx):
    dataset, report = load(xlsx, ties=[
        ["source", "target", "date"], ["a", "b", "2020-01-31"], ["a", "c", dt.date(2019, 12, 1)],
        ["a", "d", "2019/06/30 00:00"]])
    assert dataset.periods == ("2019-06-30", "2019-12-01", "2020-01-31")
    assert report.findings == []


def test_period_lists_expand_to_one_tie_per_year(csv_bytes):
    rows = [["Source", "Target", "Type", "Timestamp"],
            ["1", "2", "Directed", '"[2006, 2007, 2008]"'], ["2", "3", "Directed", "<[2007.0]>"]]
    dataset, _ = load_files([("edges.csv", csv_bytes(rows))])
    rel = dataset.relationships
    assert rel[["source", "period"]].values.tolist() == [
        ["1", "2006"], ["1", "2007"], ["1", "2008"], ["2", "2007"]]
    assert rel["directed"].all() and set(rel["type"]) == {"tie"}


def test_gephi_intervals_cover_the_periods_seen_from_start_to_end(csv_bytes):
    rows = [["source", "target", "interval"], ["a", "b", '"<[2001, 2005]>"'],
            ["b", "c", '"<[2003, 2003]; [2007, inf]>"'], ["c", "d", '"<[2009, 2009]>"']]
    dataset, _ = load_files([("t.csv", csv_bytes(rows))])
    by_tie = dataset.relationships.groupby("source")["period"].agg(list).to_dict()
    assert by_tie == {"a": ["2001", "2003", "2005"], "b": ["2003", "2007", "2009"],
                      "c": ["2009"]}


def test_start_and_end_columns_are_intervals(csv_bytes):
    rows = [["source_name", "target_name", "year_established", "year_obsolete"],
            ["a", "b", "2006", "2023"], ["b", "c", "2012", ""], ["c", "d", "", "2010"]]
    dataset, _ = load_files([("t.csv", csv_bytes(rows))])
    by_tie = dataset.relationships.groupby("source")["period"].agg(list).to_dict()
    assert by_tie == {"a": ["2006", "2010", "2012", "2023"], "b": ["2012", "2023"],
                      "c": ["2006", "2010"]}
    assert dataset.periods == ("2006", "2010", "2012", "2023")


def test_ties_without_a_period_apply_to_every_period(csv_bytes):
    rows = [["source", "target", "wave"], ["a", "b", ""], ["b", "c", "Wave 10"],
            ["c", "d", "Wave 2"]]
    dataset, _ = load_files([("t.csv", csv_bytes(rows))])
    assert dataset.periods == ("Wave 2", "Wave 10")
    assert len(dataset.ties(period="Wave 2")) == 2


@pytest.mark.parametrize("labels, ordered", [
    (["2020", "2019", "2021"], ["2019", "2020", "2021"]),
    (["FY2021", "FY2020", "FY2019"], ["FY2019", "FY2020", "FY2021"]),
    (["1972-1973", "1970-1971"], ["1970-1971", "1972-1973"]),
    (["2019 Q3", "2019 Q1", "2018 H2"], ["2018 H2", "2019 Q1", "2019 Q3"]),
    (["T10", "T2", "T1"], ["T1", "T2", "T10"]),
    (["late", "early"], ["late", "early"]),
])
def test_period_order(labels, ordered):
    assert order_periods(labels) == ordered


def test_period_labels_of_numbers_and_invalid_dates():
    assert period_label(7) == ("7", "text")
    assert period_label("2019-02-30") == ("2019-02-30", "text")
    assert period_label(dt.date(2019, 2, 3)) == ("2019-02-03", "date")


# --- hostile cell content -------------------------------------------------------------------------

def test_formula_text_is_kept_inert(xlsx, csv_bytes):
    formula = '=HYPERLINK("http://x","y")'
    for data, name in ((xlsx({"ties": [["source", "target"], [formula, "+cmd", ]]}), "t.xlsx"),
                       (csv_bytes([["source", "target"], ['"=HYPERLINK(""http://x"",""y"")"',
                                                          "+cmd"]]), "t.csv")):
        dataset, report = load_files([(name, data)])
        assert report.ok
        assert pairs(dataset) == [(formula, "+cmd")]


def test_saved_formula_results_are_read(xlsx):
    dataset, report = load(xlsx, nodes=[["id", "name"], [1, "A"], [("=A2+1", 2), "B"]],
                           edges=[["from", "to"], [("=A2", 1), ("=A3", 2)]])
    assert report.ok and pairs(dataset) == [("1", "2")]


def test_formula_without_saved_result_is_an_empty_endpoint_with_a_hint(xlsx):
    _, report = load(xlsx, edges=[["from", "to"], ["a", ("=B9", None)], ["a", "b"]])
    skipped = finding(report, "empty source or target")
    assert skipped.rows == (2,) and "formulas" in skipped.fix


@pytest.mark.parametrize("name", ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
                                  "@SUM(1+1)", "-2+3", "Robert'); DROP TABLE orgs;--"])
def test_markup_and_injection_text_in_names_is_plain_text(xlsx, name):
    dataset, report = load(xlsx, organizations=[["id", "name"], ["a", name], [name, ""]],
                           ties=[["source", "target"], ["a", name]])
    assert report.ok
    assert dataset.names()["a"] == name and name in set(dataset.organizations["id"])


def test_control_characters_are_stripped_and_newlines_kept(csv_bytes):
    orgs = csv_bytes([["id", "name"], ["a\x07", '"Line one\r\nLine\x00 two\x1b"']])
    ties = csv_bytes([["source", "target"], ["a\x0b", "b"]])
    dataset, _ = load_files([("orgs.csv", orgs), ("ties.csv", ties)])
    assert dataset.names()["a"] == "Line one\nLine two"
    assert pairs(dataset) == [("a", "b")]


def test_long_cells_are_cut_with_a_warning(csv_bytes):
    long = "x" * (LIMITS["cell_chars"] + 50)
    rows = [["source", "target", "type"], ["a", "b", long]]
    dataset, report = load_files([("t.csv", csv_bytes(rows))])
    assert len(dataset.relationships["type"][0]) == LIMITS["cell_chars"]
    cut = finding(report, "were cut")
    assert (cut.rows, cut.column) == ((2,), "type")


@pytest.mark.parametrize("sheet,header", [
    ("challenges", ["challenge", "description", "business_impact"]),
    ("scenarios", ["scenario", "probability"]),
    ("assessment", ["practice", "boundary", "current", "target"]),
    ("organizations", ["id", "name", "sector"]),
])
def test_a_sheet_with_headers_and_no_rows_leaves_the_network_usable(xlsx, sheet, header):
    ds, report = load(xlsx, relationships=[["source", "target"], ["a", "b"]], **{sheet: [header]})
    assert report.ok and ds is not None
    assert len(ds.relationships) == 1
    assert list(ds.organizations["id"]) == ["a", "b"]  # taken from the ties
