"""The bundled sample tells its story, and the templates follow the contract.

The sample is read with pandas and networkx directly (not through the
importer), so these tests check the files as a user receives them. Degrees are
counted on the undirected simple graph of the ties that hold in a year: period
equal to the year or empty, and (for a challenge map) challenge equal to the
challenge or empty.
"""

from __future__ import annotations

import importlib.util
import io
import zipfile
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

from csvcore.contract.schema import (
    BOUNDARIES,
    COLUMNS,
    PRACTICES,
    REQUIRED,
    SECTORS,
    TABLES,
    canonical_header,
)
from csvcore.io.importer import load_paths

DATA = Path(__file__).resolve().parents[1] / "data"
YEARS = range(2019, 2026)
WATER = "Water stewardship"
FOCAL, COMPETITOR = "aquanourish", "bluespring"
WUF, STARTUP = "in-godavari-wuf", "ke-farmsense"  # rising
MISSION, FUNDER = "in-watershed-mission", "gl-northbridge"  # fading
BRIDGES = ("in-iwas", "in-vasundhara")


def _make_sample():
    spec = importlib.util.spec_from_file_location("make_sample", DATA / "make_sample.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_workbook(path: Path) -> dict[str, pd.DataFrame]:
    return pd.read_excel(path, sheet_name=None)


@pytest.fixture(scope="module")
def sample() -> dict[str, pd.DataFrame]:
    return read_workbook(DATA / "sample.xlsx")


@pytest.fixture(scope="module")
def rel(sample) -> pd.DataFrame:
    return sample["relationships"]


def graph(rel: pd.DataFrame, year: int, challenge: str | None = WATER) -> nx.Graph:
    holds = rel["period"].isna() | (rel["period"] == year)
    if challenge is not None:
        holds &= rel["challenge"].isna() | (rel["challenge"] == challenge)
    return nx.from_pandas_edgelist(rel[holds], "source", "target")


def degree(rel, year, node, challenge=WATER) -> int:
    g = graph(rel, year, challenge)
    return g.degree(node) if node in g else 0


def higher(rel, year, node, challenge=WATER) -> int:
    """Return how many organizations have more partners than ``node`` in ``year``."""
    degrees = dict(graph(rel, year, challenge).degree())
    return sum(d > degrees.get(node, 0) for d in degrees.values())


# --- shape and contract ---------------------------------------------------------


def test_the_sample_has_the_five_tables_with_contract_headers(sample):
    assert list(sample) == list(TABLES)  # no README or other extra sheet
    for table, frame in sample.items():
        assert tuple(frame.columns[: len(COLUMNS[table])]) == COLUMNS[table], table


def test_organizations_span_sectors_and_geographies(sample):
    orgs = sample["organizations"]
    assert 80 <= len(orgs) <= 150
    assert orgs["id"].is_unique
    assert set(SECTORS) <= set(orgs["sector"])
    regions = set(orgs["geography"]) - {"Global"}
    assert len(regions) >= 3
    assert "Brazil – São Paulo" in regions  # non-ASCII on purpose
    business = orgs[orgs["sector"] == "Business"]
    assert {"competitor", "supplier", "customer", "peer"} <= set(business["role"])
    assert set(orgs["scale"]) == {"local", "regional", "national", "global"}
    extras = orgs.columns[len(COLUMNS["organizations"]):]
    assert list(extras) == ["role", "scale"]
    assert all(canonical_header("organizations", c) is None for c in extras)  # stay attributes


def test_exactly_one_focal_organization(sample):
    orgs = sample["organizations"]
    assert set(orgs["focal"]) == {"yes", "no"}
    assert orgs.loc[orgs["focal"] == "yes", "id"].tolist() == [FOCAL]


def test_ties_are_well_formed(sample, rel):
    orgs = sample["organizations"]
    assert set(rel["source"]) | set(rel["target"]) == set(orgs["id"])  # no orphan, no isolate
    assert (rel["source"] != rel["target"]).all()
    assert set(rel["type"]) == {"collaboration", "funding", "information", "advocacy",
                                "contract", "conflict"}
    assert (rel["type"] == "conflict").mean() < 0.05
    assert rel["strength"].between(1, 5).all()
    assert (rel.loc[rel["type"].isin(["funding", "contract"]), "directed"] == "yes").all()
    assert (rel.loc[rel["type"].isin(["collaboration", "information"]), "directed"] == "no").all()
    assert rel["confidence"].dropna().between(0, 1).all()
    assert 2 <= rel["reported_by"].nunique() <= 3
    key = ["source", "target", "period", "type", "challenge"]
    assert not rel.fillna({"period": 0, "challenge": ""}).duplicated(key).any()
    challenges = rel["challenge"].value_counts()
    assert challenges.index[0] == WATER
    assert set(challenges.index) <= set(sample["challenges"]["challenge"])
    assert 0 < rel["challenge"].isna().sum() < 0.05 * len(rel)  # a few serve every challenge


def test_periods_static_ties_entries_and_exits(rel):
    dated = rel.dropna(subset=["period"])
    assert sorted(dated["period"].unique()) == list(YEARS)
    assert rel["period"].isna().sum() >= 3  # standing ties, every period
    years = pd.concat([dated[["source", "period"]].set_axis(["id", "period"], axis=1),
                       dated[["target", "period"]].set_axis(["id", "period"], axis=1)])
    span = years.groupby("id")["period"].agg(["min", "max"])
    static = set(rel.loc[rel["period"].isna(), ["source", "target"]].to_numpy().ravel())
    span = span[~span.index.isin(static)]
    assert (span["min"] > 2019).sum() >= 3  # new organizations
    assert (span["max"] < 2025).sum() >= 3  # organizations that exit


@pytest.mark.parametrize("year", YEARS)
def test_density_is_modest(rel, year):
    for challenge in (WATER, None):
        g = graph(rel, year, challenge)
        assert 4 <= 2 * g.number_of_edges() / g.number_of_nodes() <= 8


def test_the_importer_loads_the_sample_cleanly():
    dataset, report = load_paths([DATA / "sample.xlsx"])
    assert dataset is not None
    assert not report.errors, [f.as_text() for f in report.errors]
    assert not report.warnings, [f.as_text() for f in report.warnings]
    assert dataset.focal_id == FOCAL
    assert dataset.periods == tuple(str(y) for y in YEARS)
    assert dataset.relationships["directed"].sum() == (dataset.relationships["type"]
                                                       .isin(["funding", "contract", "advocacy"])
                                                       .sum())


# --- the story ------------------------------------------------------------------


def test_we_start_peripheral_and_grow(sample, rel):
    degrees = pd.Series(dict(graph(rel, 2019).degree()))
    assert degrees.rank(pct=True)[FOCAL] <= 1 / 3  # among the lowest third in 2019
    assert degree(rel, 2025, FOCAL) > degree(rel, 2019, FOCAL)
    partners = set(graph(rel, 2019, None).neighbors(FOCAL))
    orgs = sample["organizations"].set_index("id")
    assert 2 <= len(partners) <= 3
    assert set(orgs.loc[sorted(partners), "sector"]) == {"Business"}
    assert orgs.loc[sorted(partners | {FOCAL}), "geography"].nunique() == 1


def test_the_competitor_builds_a_coalition_and_becomes_a_hub(sample, rel):
    assert degree(rel, 2025, COMPETITOR) > degree(rel, 2019, COMPETITOR)
    for challenge in (WATER, None):
        assert higher(rel, 2025, COMPETITOR, challenge) < 5  # top 5
    orgs = sample["organizations"].set_index("id")
    partners = set(graph(rel, 2025).neighbors(COMPETITOR)) - set(
        graph(rel, 2019).neighbors(COMPETITOR))
    sectors = orgs.loc[sorted(partners), "sector"].value_counts()
    assert sectors.get("NGO", 0) >= 2 and sectors.get("Multilateral", 0) >= 1
    assert sectors.get("Business", 0) >= 3


def test_rising_players_gain_ties_from_2021(rel):
    assert degree(rel, 2019, WUF) <= 2
    assert degree(rel, 2021, WUF) < degree(rel, 2023, WUF) < degree(rel, 2025, WUF)
    assert higher(rel, 2025, WUF) < 5
    assert degree(rel, 2020, STARTUP) == 0  # founded in 2021
    assert degree(rel, 2021, STARTUP) < degree(rel, 2025, STARTUP)
    assert higher(rel, 2025, STARTUP) < 5


def test_fading_players_lose_ties(rel):
    assert degree(rel, 2021, MISSION) >= 10
    assert degree(rel, 2022, MISSION) < degree(rel, 2021, MISSION)
    assert degree(rel, 2025, MISSION) <= 1
    assert degree(rel, 2022, FUNDER) > 0
    assert all(degree(rel, year, FUNDER, None) == 0 for year in (2023, 2024, 2025))


def test_rising_players_are_beyond_our_reach_but_a_bridge_fixes_it(rel):
    g = graph(rel, 2025)
    reach = nx.single_source_shortest_path_length(g, FOCAL, cutoff=2)
    assert WUF not in reach and STARTUP not in reach
    for bridge in BRIDGES:
        h = g.copy()
        h.add_edge(FOCAL, bridge)
        reach = nx.single_source_shortest_path_length(h, FOCAL, cutoff=2)
        assert WUF in reach and STARTUP in reach, bridge


# --- business case and assessment -------------------------------------------------


def test_scenarios_and_challenges(sample):
    scenarios, challenges = sample["scenarios"], sample["challenges"]
    assert 3 <= len(scenarios) <= 4
    assert scenarios["probability"].sum() == pytest.approx(1)
    assert 6 <= len(challenges) <= 8
    names = list(scenarios["scenario"])
    assert list(challenges.columns[len(COLUMNS["challenges"]):]) == names
    scores = challenges.set_index("challenge")[names]
    for col in ["business_impact", "societal_impact"]:
        assert challenges[col].between(1, 10).all()
    assert scores.stack().between(1, 10).all()
    high = scores >= 7
    assert high.loc[WATER].all()  # robust
    assert high.loc["Nutrition"].sum() == 1  # a bet on one future
    assert set(challenges["shared_value_level"]) == {"products and markets", "value chain",
                                                     "local cluster"}


def test_assessment_covers_every_practice_and_boundary(sample):
    a = sample["assessment"]
    assert len(a) == 30
    assert set(zip(a["practice"], a["boundary"])) == {(p, b) for p in PRACTICES
                                                      for b in BOUNDARIES}
    assert a[["current", "target"]].stack().between(1, 5).all()
    level = a.set_index(["practice", "boundary"])
    assert level.loc[("connecting", "stakeholder"), "current"] >= 4  # a strength
    gap = level["target"] - level["current"]
    assert gap.loc[("weaving", "geographic")] >= 3  # gaps
    assert gap.loc[("transforming", "geographic")] >= 3


# --- regeneration and templates -----------------------------------------------------


def test_regenerating_reproduces_the_files(tmp_path):
    make_sample = _make_sample()
    make_sample.main(tmp_path / "a")
    make_sample.main(tmp_path / "b")
    for name in ("sample.xlsx", "template.xlsx", "template_csv.zip"):
        first = (tmp_path / "a" / name).read_bytes()
        assert first == (tmp_path / "b" / name).read_bytes(), name  # no clock, no churn
    for name in ("sample.xlsx", "template.xlsx"):
        committed, fresh = read_workbook(DATA / name), read_workbook(tmp_path / "a" / name)
        assert list(committed) == list(fresh)
        for sheet in committed:
            pd.testing.assert_frame_equal(committed[sheet], fresh[sheet])
    assert _csvs(DATA / "template_csv.zip") == _csvs(tmp_path / "a" / "template_csv.zip")


def _csvs(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name).decode("utf-8-sig") for name in zf.namelist()}


def test_template_zip_holds_one_csv_per_table_with_contract_headers():
    csvs = _csvs(DATA / "template_csv.zip")
    assert sorted(csvs) == sorted(f"{t}.csv" for t in TABLES)
    workbook = read_workbook(DATA / "template.xlsx")
    for table in TABLES:
        frame = pd.read_csv(io.StringIO(csvs[f"{table}.csv"]))
        assert tuple(frame.columns[: len(COLUMNS[table])]) == COLUMNS[table], table
        assert 2 <= len(frame) <= 3
        pd.testing.assert_frame_equal(frame, workbook[table], check_dtype=False)


def test_template_workbook_explains_every_column():
    workbook = read_workbook(DATA / "template.xlsx")
    assert list(workbook) == [*TABLES, "how_to"]
    how_to = workbook["how_to"]
    assert list(how_to.columns) == ["table", "column", "required", "meaning", "example"]
    assert how_to["meaning"].notna().all()
    for table in TABLES:
        rows = how_to[how_to["table"] == table].set_index("column")
        assert set(COLUMNS[table]) <= set(rows.index), table
        required = set(rows.index[rows["required"] == "yes"])
        assert required & set(COLUMNS[table]) == set(REQUIRED[table]), table
