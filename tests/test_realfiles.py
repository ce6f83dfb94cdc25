"""The importer on real files other people and tools produced (../shared/realfiles).

Every file must load without raising and give either ties or errors with
messages; for most files the outcome itself is checked.
"""

from __future__ import annotations

import pandas as pd
import pytest

from csvcore.io.importer import load_paths
from tests.shared import shared

REAL = shared("realfiles")

FILES = sorted(p for p in REAL.rglob("*") if p.is_file() and p.name != "SOURCES.md")


def load(*names: str):
    return load_paths([REAL / name for name in names])


def warned(report, text: str) -> list:
    return [f for f in report.warnings if text in f.message]


def tie_set(dataset, *columns: str) -> set[tuple]:
    return set(map(tuple, dataset.relationships[list(columns)].values.tolist()))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_real_file_loads_without_raising(path):
    dataset, report = load_paths([path])
    if dataset is None:
        assert report.errors and all(e.message and e.fix for e in report.errors)
    else:
        assert report.ok and len(dataset.relationships) > 0
    assert all("Traceback" not in f.as_text() for f in report.findings)


def test_gephi_node_and_edge_tables_together():
    dataset, report = load("gephi/ccsi-netzero_nodes_1031.csv", "gephi/ccsi-netzero_edges_1031.csv")
    assert report.ok, report.as_text()
    assert len(dataset.organizations) == 40
    assert dataset.names()["1"] == "Ceres"
    assert dataset.organizations.set_index("id").loc["2", "sector"] == "Governing Body"
    rel = dataset.relationships
    assert (rel["period"] != "").all() and rel["directed"].all()
    assert dataset.periods[0] == "1993" and dataset.periods[-1] == "2022"
    assert list(dataset.periods) == sorted(dataset.periods, key=int)
    assert set(rel[(rel.source == "2") & (rel.target == "18")]["period"]) == {
        "2019", "2020", "2021", "2022"}  # from the Timestamp list '[2019, 2020, 2021, 2022]'


@pytest.mark.parametrize("name", ["gephi/ccsi-netzero_nodes_1031.csv",
                                  "kumu/sardoc_kumu_elements.csv"])
def test_node_tables_alone_say_that_ties_are_missing(name):
    dataset, report = load(name)
    assert dataset is None
    assert "Organizations were found, but no table of ties" in report.errors[0].message


def test_gephi_gexf_with_french_attributes_and_years():
    dataset, report = load("gephi/globalhealth_Network_gephi0.10.gexf")
    assert report.ok
    assert (len(dataset.organizations), len(dataset.relationships)) == (1027, 2038)
    assert dataset.periods[0] == "1970" and dataset.relationships["directed"].all()
    assert "Degré Entrant Pondéré" in dataset.extra_attributes


def test_delta_science_tracker_counts_common_projects_as_strength():
    dataset, report = load("interorg/DeltaScienceTracker_org_collaborations_2023-2-27.xlsx")
    assert len(dataset.relationships) == 518
    assert dataset.relationships["strength"].max() == 26
    assert warned(report, "Columns not used: 'Links to Common Projects'")


def test_aam_partnerships_edge_list_merges_duplicates_and_case_variants():
    dataset, report = load("interorg/aam-ecosystem_partnerships.csv")
    assert len(dataset.relationships) == 122  # 127 rows, 5 duplicate or reciprocal
    assert warned(report, "were read as the source and target")
    assert warned(report, "Duplicate ties")[0].rows == (44, 54, 102, 110, 118)
    variants = warned(report, "only by case or spacing")[0]
    assert "'Nasa' → 'NASA'" in variants.value
    ids = set(dataset.organizations["id"])
    assert "NASA" in ids and "Nasa" not in ids and {"Skyportz", "Skyports"} <= ids


def test_wits_two_mode_table_is_explained():
    dataset, report = load("interorg/WitsPHR_partners_institution-x-project.csv")
    assert dataset is None
    assert "Institution, City, Country, CHAMNHA" in report.errors[0].message
    assert "marked 0/1" in report.errors[0].fix


def test_kumu_json_export():
    dataset, report = load("kumu/CICC_Cerema_kumu_export.json")
    assert (len(dataset.organizations), len(dataset.relationships)) == (53, 341)
    assert set(dataset.relationships["directed"]) == {True, False}  # mutual is undirected
    assert warned(report, "were cut")  # HTML descriptions longer than the cell limit
    mrvc, _ = load("kumu/mrvc_kumu-ira-analysis-calcs.json")
    assert (len(mrvc.organizations), len(mrvc.relationships)) == (150, 202)
    assert "element type" in mrvc.extra_attributes


def test_sestool_arctic_swapped_sheet_names_are_detected_by_headers():
    dataset, report = load("kumu/SESTool_Artic_DA_Edges_and_Nodes_12.2024.xlsx")
    assert report.ok
    ids = set(dataset.organizations["id"])
    assert "Catch capelin" in ids and not any("\u202f" in i or i != i.strip() for i in ids)
    assert warned(report, "differ from an organization id only by case or spacing")
    reporters = set(dataset.relationships["reported_by"])
    assert "Greenland Node Data; Iceland Node Data; Faroes Node Data" in reporters
    assert warned(report, "not positive numbers")[0].value.startswith("Weak positive")


def test_marine_sabres_duplicate_header_block_and_negative_weights():
    dataset, report = load("kumu/marineSABRES_CLD_multination_construction.xlsx")
    assert [f.sheet for f in warned(report, "Columns not used: 'From', 'To', 'weight'")] == [
        "iceland", "greenland", "faroe"]
    assert warned(report, "not positive numbers")[0].value == "-1"
    assert len(dataset.relationships) == 166


def test_nodexl_empty_template_is_no_ties():
    dataset, report = load("nodexl/NodeXLGraph1_EMPTY_template.xlsx")
    assert dataset is None
    assert [(e.message, e.sheet) for e in report.errors] == [
        ("No ties: the table of ties has no rows.", "Edges")]


def test_knoke_pajek_and_ucinet_files_match_the_published_edge_lists():
    paj, _ = load("pajek/KnokeBureaucracies_KnokBur.paj")
    dl, report = load("ucinet/KnokeBureaucracies_Knok.dl")
    assert report.findings == []
    assert tie_set(paj, "source", "target", "type") == tie_set(dl, "source", "target", "type")
    knoke = shared("validation", "knoke_bureaucracies")
    for relation, csv in (("KNOKI", "edges_information.csv"), ("KNOKM", "edges_money.csv")):
        published = set(map(tuple, pd.read_csv(knoke / csv).values.tolist()))
        assert {(s, t) for s, t, r in tie_set(dl, "source", "target", "type")
                if r == relation} == published
    assert "WRO" in set(dl.organizations["id"])  # 'WRO ' with its trailing space


def test_pajek_signed_matrix():
    dataset, report = load("pajek/Stranke94_SloveneParties.net")
    assert len(dataset.relationships) == 45 and not dataset.relationships["directed"].any()
    assert "-215" in warned(report, "not positive numbers")[0].value


def test_polinode_formula_ids_use_saved_results():
    dataset, report = load("polinode/SouthSudan-peace-talks_nodes_edges.xlsx")
    assert report.ok
    assert set(dataset.organizations["id"]) == {str(i) for i in range(1, 17)}
    assert dataset.names()["2"] == "Dr. Workneh Gebeyehu"
    assert len(dataset.relationships) == 29 and set(dataset.relationships["strength"]) == {10.0}
    chemicals, _ = load("polinode/safer-chemicals_network_nodes-edges.xlsx")
    assert len(chemicals.organizations) == 31 and len(chemicals.relationships) == 35
    assert chemicals.names()["0"] == "GreenScreen"


@pytest.mark.parametrize("name, sheet, headers", [
    ("stakeholder/AlphaBank_Stakeholder_Register.xlsx", "Stakeholder Register",
     "Stakeholder Group, Role, Interest"),
    ("stakeholder/dv-nro_stakeholders.xlsx", "Hoja1", "Importancia (1-5)"),
    ("temporal/globalhealth_Data5_reporting_by_period.xlsx", "Reporting-reported v2",
     "GAVI, GAVI, GAVI"),
])
def test_registers_and_tables_without_ties_are_explained(name, sheet, headers):
    dataset, report = load(name)
    assert dataset is None
    assert f"sheet '{sheet}' (headers: {headers}" in report.errors[0].message


def test_madeira_interview_summary_reads_sending_and_receiving_columns():
    dataset, report = load("stakeholder/SESTool_Madeira_interview_summary.xlsx")
    assert len(dataset.relationships) == 11
    assert {"Pollution", "Sanitation", "Habitats"} <= set(dataset.organizations["id"])
    assert warned(report, "were added as organizations")


def test_ccsi_master_workbook_resolves_names_and_spans_years():
    dataset, report = load("temporal/ccsi-netzero_Master_Data_NetworkGraph.xlsx")
    assert len(dataset.organizations) == 40
    assert set(dataset.relationships["source"]) <= {str(i) for i in range(1, 41)}
    assert warned(report, "given by the organization's name")
    assert dataset.periods[-1] == "2023" and list(dataset.periods) == sorted(dataset.periods)
    assert not warned(report, "General Information")  # documentation sheets are quiet


def test_civic_feedbacks_adjacency_matrix():
    dataset, report = load("temporal/civic-feedbacks_2013_sharing_anon_matrix.csv")
    assert (len(dataset.organizations), len(dataset.relationships)) == (18, 53)
    assert dataset.relationships["directed"].all()
    assert "Troy Jackson" in set(dataset.organizations["id"])
    assert warned(report, "adjacency matrix of 18 organizations")


def test_ucinet_edgelist_skips_self_loops():
    dataset, report = load("ucinet/Freeman_EIES_Messages_edgelist1.dl")
    assert (len(dataset.organizations), len(dataset.relationships)) == (32, 440)
    assert len(warned(report, "Self-ties")[0].rows) == 20
