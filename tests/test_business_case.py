"""Step 1 scoring, ranking, network counts, edits and the XLSX export, on hand-computed cases."""

import io
import math
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from csvcore import business_case as bc
from csvcore.contract.dataset import Dataset
from csvcore.contract.schema import TABLES
from csvcore.io.export.workbook import export_xlsx
from csvcore.io.importer import load_files, load_paths

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample.xlsx"

# Six challenges under three scenarios (p = 0.5, 0.3, 0.2); k = ceil(6/3) = 2.
#            Base  Boom  Bust   ranks    expected               top 2 in
#   Water     9     8     9     1 3 1    4.5+2.4+1.8 = 8.7      Base, Bust -> mixed
#   Food      8     9     8     2 2 2    4.0+2.7+1.6 = 8.3      all        -> robust
#   Plastic   4    10     3     4 1 5    2.0+3.0+0.6 = 5.6      Boom       -> bet
#   Jobs      5     2     7     3 6 4    2.5+0.6+1.4 = 4.5      none       -> lower
#   Health    4     3   7.5     4 5 3    2.0+0.9+1.5 = 4.4      none       -> lower
#   Tech      3     7     2     6 4 6    1.5+2.1+0.4 = 4.0      none       -> lower
CHALLENGES = pd.DataFrame({
    "challenge": ["Water", "Food", "Jobs", "Tech", "Plastic", "Health"],
    "business_impact": [9, 8, 5, 3, 4, 6],
    "societal_impact": [9, 7, 6, 4, 5, 8],
    "shared_value_level": ["value chain", "Products and markets", "local cluster", "", "", ""],
    "Base": [9.0, 8.0, 5.0, 3.0, 4.0, 4.0],
    "Boom": [8.0, 9.0, 2.0, 7.0, 10.0, 3.0],
    "Bust": [9.0, 8.0, 7.0, 2.0, 3.0, 7.5],
})
SCENARIOS = pd.DataFrame({"scenario": ["Base", "Boom", "Bust"],
                          "probability": [0.5, 0.3, 0.2], "description": ["", "", ""]})


def dataset(**tables) -> Dataset:
    tables.setdefault("organizations", pd.DataFrame({"id": ["a", "b", "c", "d"],
                                                     "name": ["Acme", "Beta", "Coop", "Dam"]}))
    tables.setdefault("relationships", pd.DataFrame({"source": ["a"], "target": ["b"]}))
    return Dataset.from_frames(name="test", **tables)


@pytest.fixture
def case():
    ds = dataset(challenges=CHALLENGES, scenarios=SCENARIOS)
    return bc.analyse(ds.challenges, ds.scenarios)


# --- weights ------------------------------------------------------------------


def test_probabilities_that_sum_to_one_are_kept_without_a_note():
    weights, notes = bc.scenario_weights(SCENARIOS)
    assert weights.to_dict() == pytest.approx({"Base": 0.5, "Boom": 0.3, "Bust": 0.2})
    assert notes == []


def test_probabilities_are_normalised_and_the_page_says_so():
    weights, notes = bc.scenario_weights(
        pd.DataFrame({"scenario": ["A", "B", "C"], "probability": [2.0, 1.0, 1.0]}))
    assert weights.to_dict() == {"A": 0.5, "B": 0.25, "C": 0.25}
    assert notes == ["The probabilities sum to 4.00, not 1: each is divided by 4.00."]


def test_missing_or_negative_probabilities_count_as_zero():
    weights, notes = bc.scenario_weights(
        pd.DataFrame({"scenario": ["A", "B", "C"], "probability": [0.6, None, -1.0]}))
    assert weights.to_dict() == {"A": 1.0, "B": 0.0, "C": 0.0}
    assert "'B', 'C'" in notes[0] and "counted as 0" in notes[0]
    assert "sum to 0.60" in notes[1]


def test_no_positive_probability_means_equal_weights():
    weights, notes = bc.scenario_weights(
        pd.DataFrame({"scenario": ["A", "B"], "probability": [0.0, 0.0]}))
    assert weights.to_dict() == {"A": 0.5, "B": 0.5}
    assert notes == ["No scenario has a positive probability: all weigh the same."]


# --- expected value, spread, ranks ----------------------------------------------


def test_expected_score_and_weighted_spread_by_hand():
    scores = pd.DataFrame({"A": [2.0, 8.0], "B": [4.0, 4.0], "C": [6.0, 4.0]}, index=["x", "y"])
    stats = bc.priorities(scores, pd.Series({"A": 1 / 3, "B": 1 / 3, "C": 1 / 3}))
    # x: mean 4, variance (4 + 0 + 4) / 3
    assert stats.loc["x", "priority"] == pytest.approx(4.0)
    assert stats.loc["x", "spread"] == pytest.approx(math.sqrt(8 / 3))
    assert (stats.loc["x", "low"], stats.loc["x", "high"]) == (2.0, 6.0)
    stats = bc.priorities(scores, pd.Series({"A": 0.25, "B": 0.75, "C": 0.0}))
    # y: 0.25*8 + 0.75*4 = 5; variance 0.25*9 + 0.75*1 = 3 (C weighs 0 but bounds the range)
    assert stats.loc["y", "priority"] == pytest.approx(5.0)
    assert stats.loc["y", "spread"] == pytest.approx(math.sqrt(3))
    assert (stats.loc["y", "low"], stats.loc["y", "high"]) == (4.0, 8.0)


def test_a_challenge_missing_a_score_gets_no_priority():
    scores = pd.DataFrame({"A": [2.0, None], "B": [4.0, 5.0]}, index=["x", "y"])
    stats = bc.priorities(scores, pd.Series({"A": 0.5, "B": 0.5}))
    assert stats.loc["x", "priority"] == 3.0
    assert stats.loc["y"].isna().all()
    assert list(bc.scenario_ranks(scores).index) == ["x"]


def test_equal_scores_share_the_better_rank():
    ranks = bc.scenario_ranks(pd.DataFrame({"A": [5.0, 9.0, 5.0, 1.0]}, index=list("wxyz")))
    assert ranks["A"].tolist() == [2, 1, 2, 4]


@pytest.mark.parametrize(("n", "k"), [(1, 1), (2, 1), (3, 1), (4, 2), (6, 2), (7, 3), (12, 4)])
def test_top_k_is_the_top_third_rounded_up(n, k):
    assert bc.top_k(n) == k


# --- robust and bet -----------------------------------------------------------------


def test_ranking_by_expected_score(case):
    table = case.ranking.set_index("challenge")
    # Water 0.5*9 + 0.3*8 + 0.2*9 = 8.7; Food 0.5*8 + 0.3*9 + 0.2*8 = 8.3
    assert table.loc["Water", "priority"] == pytest.approx(8.7)
    assert table.loc["Food", "priority"] == pytest.approx(8.3)
    # Water: variance 0.5*0.09 + 0.3*0.49 + 0.2*0.09 = 0.21
    assert table.loc["Water", "spread"] == pytest.approx(math.sqrt(0.21))
    assert list(case.ranking["challenge"][:2]) == ["Water", "Food"]
    assert case.ranking["rank"].tolist() == [1, 2, 3, 4, 5, 6]


def test_robust_bet_mixed_and_lower_by_hand(case):
    assert case.k == 2
    assert case.ranks.loc["Health"].tolist() == [4, 5, 3]
    table = case.ranking.set_index("challenge")
    assert table["kind"].to_dict() == {"Water": "mixed", "Food": "robust", "Plastic": "bet",
                                      "Health": "lower", "Jobs": "lower", "Tech": "lower"}
    assert table.loc["Food", "reason"] == "Top 2 in all 3 scenarios"
    assert table.loc["Plastic", "reason"] == "Only top 2 under 'Boom' (p=0.30)"
    assert table.loc["Water", "reason"] == "Top 2 under 'Base', 'Bust' (p=0.70)"
    assert table.loc["Health", "reason"] == "Never top 2; best rank 3, under 'Bust'"
    assert table.loc["Food", "label"] == "Robust"


def test_the_summary_names_the_robust_priority_and_the_bet(case):
    first, second = bc.summary(case)
    assert first == ("Food is the robust priority: top 2 in all 3 scenarios, expected score "
                     "8.3 (spread ±0.5).")
    assert second == "Plastic is a bet on one future: only top 2 under 'Boom' (p=0.30)."


def test_the_summary_when_nothing_is_robust():
    challenges = pd.DataFrame({"challenge": ["x", "y", "z"], "A": [9.0, 1.0, 2.0],
                               "B": [1.0, 9.0, 2.0]})
    case = bc.analyse(challenges, pd.DataFrame({"scenario": ["A", "B"],
                                                "probability": [0.6, 0.4]}))
    first, second = bc.summary(case)
    assert first.startswith("No challenge stays in the top 1 under every scenario; x has the "
                            "highest expected score, 5.8")
    assert second == ("Bets on one future: x, only top 1 under 'A' (p=0.60); "
                      "y, only top 1 under 'B' (p=0.40).")


def test_the_summary_with_one_scenario_asks_for_more():
    case = bc.analyse(CHALLENGES[["challenge", "Base"]], SCENARIOS.iloc[:1])
    assert bc.summary(case) == [
        "Water and Food are the robust priorities: top 2 in the one scenario.",
        "With one scenario there is nothing to compare: add scenarios to see what holds in "
        "every future."]


def test_changing_a_probability_moves_the_ranking():
    ds = dataset(challenges=CHALLENGES, scenarios=SCENARIOS)
    boom = ds.scenarios.assign(probability=[0.05, 0.9, 0.05])
    ranking = bc.analyse(ds.challenges, boom).ranking
    # Plastic 0.2 + 9.0 + 0.15 = 9.35 overtakes Food 0.4 + 8.1 + 0.4 = 8.9
    assert ranking["challenge"].tolist()[:2] == ["Plastic", "Food"]


def test_unscored_scenarios_and_unranked_challenges_are_explained():
    challenges = CHALLENGES.assign(Later=float("nan"), Orphan=1.0)
    challenges.loc[5, "Bust"] = None
    scenarios = pd.concat([SCENARIOS, pd.DataFrame({"scenario": ["Later"],
                                                    "probability": [0.0]})])
    case = bc.analyse(challenges, scenarios)
    assert list(case.weights.index) == ["Base", "Boom", "Bust"]
    assert case.notes == ("No scores yet under 'Later': left out.",
                          "Scores under 'Orphan' have no row in scenarios: left out.")
    last = case.ranking.iloc[-1]
    assert (last["challenge"], last["kind"], last["reason"]) == (
        "Health", "unranked", "No score under 'Bust'")
    assert pd.isna(last["rank"])
    assert bc.top_k(5) == case.k == 2


def test_no_scenarios_means_nothing_is_ranked_but_nothing_breaks():
    case = bc.analyse(CHALLENGES[["challenge", "business_impact", "societal_impact"]],
                      SCENARIOS.iloc[:0])
    assert set(case.ranking["kind"]) == {"unranked"}
    assert case.ranks.empty
    assert "No challenge can be ranked yet" in bc.summary(case)[0]


# --- matrix ---------------------------------------------------------------------------


def test_challenges_missing_an_impact_are_listed_and_left_off_the_matrix(case):
    challenges = CHALLENGES.copy()
    challenges.loc[3, "business_impact"] = None
    ds = dataset(challenges=challenges, scenarios=SCENARIOS)
    points = bc.matrix_points(ds.challenges, case.ranking)
    assert "Tech" not in set(points["challenge"]) and len(points) == 5
    assert bc.missing_impacts(ds) == ["Tech"]
    assert points.set_index("challenge").loc["Food", "level"] == "products and markets"
    assert points.set_index("challenge").loc["Health", "level"] == "unspecified"
    assert (points["size"] == points["priority"]).all()


# --- network ----------------------------------------------------------------------------


@pytest.fixture
def network():
    # period "" = every period; challenge "" = every challenge (not counted here)
    rel = pd.DataFrame([
        ("a", "b", "2020", "Water", 2.0),
        ("a", "c", "2021", "Water", 1.0),
        ("b", "c", "2021", "Water", 3.0),
        ("c", "d", "", "Water", 1.0),
        ("a", "d", "2021", "Food", 1.0),
        ("b", "d", "2020", "", 5.0),
    ], columns=["source", "target", "period", "challenge", "strength"])
    return dataset(relationships=rel, periods=None,
                   challenges=pd.DataFrame({"challenge": ["Water", "Food", "Jobs"]}))


def test_ties_and_organizations_per_challenge_and_period(network):
    activity = bc.challenge_activity(network).set_index(["challenge", "period"])
    assert activity.loc[("Water", "2020")].tolist() == [2, 4]  # a-b, c-d: a, b, c, d
    assert activity.loc[("Water", "2021")].tolist() == [3, 4]  # a-c, b-c, c-d: a, b, c, d
    assert activity.loc[("Food", "2020")].tolist() == [0, 0]
    assert activity.loc[("Food", "2021")].tolist() == [1, 2]
    assert activity.loc[("Jobs", "2021")].tolist() == [0, 0]


def test_top_players_by_influence_on_the_marked_ties_of_a_period(network):
    top = bc.top_players(network, "Water", "2021")
    # 2021 Water ties: a-c 1, b-c 3, c-d 1, a star around c, which outranks all three on
    # every measure; b's stronger tie lifts its PageRank; a and d tie (name order).
    assert top["name"].tolist() == ["Coop", "Beta", "Acme"]
    assert top["influence"].iloc[0] == 1.0
    # Food has no marked tie in 2020: the unmarked b-d tie makes nobody a Food player
    assert bc.top_players(network, "Food", "2020").empty


def test_network_summary_uses_the_latest_period(network):
    summary = bc.network_summary(network).set_index("challenge")
    assert summary.loc["Water", "ties_per_period"] == [2, 3]
    assert summary.loc["Water", "change"] == 1
    assert summary.loc["Water", "top_players"] == "Coop, Beta, Acme"
    assert summary.loc["Jobs", "top_players"] == ""


# --- edits -------------------------------------------------------------------------------


def test_edits_replace_challenges_and_scenarios_and_keep_everything_else(network):
    ds = network.replace(challenges=CHALLENGES, scenarios=SCENARIOS)
    challenges = ds.challenges.copy()
    challenges.loc[0, "Boom"] = 1.0
    challenges.loc[len(challenges)] = {"challenge": "Skills", "business_impact": 2}
    scenarios = ds.scenarios.copy()
    scenarios.loc[1, "scenario"] = "Boom times"  # rename: the column follows
    scenarios = scenarios.drop(index=2)  # delete: the column goes
    scenarios.loc[7] = {"scenario": "Drought", "probability": 0.2, "description": "dry"}
    edited = bc.apply_edits(ds, challenges, scenarios)
    assert edited.scenario_names == ["Base", "Boom times", "Drought"]
    assert list(edited.challenges.columns[-3:]) == ["Base", "Boom times", "Drought"]
    assert "Bust" not in edited.challenges.columns
    assert edited.challenges.loc[0, "Boom times"] == 1.0
    assert edited.challenges["Drought"].isna().all()
    assert edited.challenges["challenge"].iloc[-1] == "Skills"
    pd.testing.assert_frame_equal(edited.relationships, ds.relationships)
    pd.testing.assert_frame_equal(edited.organizations, ds.organizations)
    assert edited.periods == ds.periods


@pytest.mark.parametrize(("challenge", "scenario", "probability", "message"), [
    ("", "Base", 0.5, "Give the challenge in row 7 a name"),
    ("Water", "Base", 0.5, "Each challenge needs its own name: 'Water'"),
    ("New", "Boom", 0.5, "Each scenario needs its own name: 'Boom'"),
    ("New", "Business impact", 0.5, "A scenario cannot be called 'Business impact'"),
    ("New", "Later", -0.1, "Probabilities cannot be negative: 'Later'"),
])
def test_bad_edits_are_refused_with_what_to_fix(challenge, scenario, probability, message):
    ds = dataset(challenges=CHALLENGES, scenarios=SCENARIOS)
    challenges = pd.concat([ds.challenges, pd.DataFrame({"challenge": [challenge]})],
                           ignore_index=True)
    scenarios = pd.concat([ds.scenarios, pd.DataFrame({"scenario": [scenario],
                                                       "probability": [probability]})],
                          ignore_index=True)
    with pytest.raises(bc.EditError) as refused:
        bc.apply_edits(ds, challenges, scenarios)
    assert any(p.startswith(message) for p in refused.value.problems), refused.value.problems


def test_challenges_named_only_on_ties_can_be_filled_in(network):
    ds = network.replace(challenges=network.challenges.iloc[:1])
    assert bc.editable_challenges(ds)["challenge"].tolist() == ["Water", "Food"]


# --- export ---------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["=HYPERLINK(\"http://x\",\"y\")", "+1+2", "-3+4", "@SUM(A1)",
                                  "=cmd|' /C calc'!A0"])
def test_the_export_writes_formula_like_text_as_text(text):
    ds = dataset(challenges=pd.DataFrame({"challenge": [text], "description": [text]}),
                 organizations=pd.DataFrame({"id": ["a", "b"], "name": [text, "ok"]}))
    book = openpyxl.load_workbook(io.BytesIO(export_xlsx(ds)))
    for sheet, cell in (("challenges", "A2"), ("challenges", "B2"), ("organizations", "B2")):
        assert book[sheet][cell].value == text
        assert book[sheet][cell].data_type == "s"


def test_the_export_holds_every_table():
    ds = dataset(challenges=CHALLENGES, scenarios=SCENARIOS,
                 assessment=pd.DataFrame({"practice": ["weaving"], "boundary": ["vertical"],
                                          "current": [2], "target": [4]}))
    book = openpyxl.load_workbook(io.BytesIO(export_xlsx(ds)))
    assert book.sheetnames == ["organizations", "relationships", "challenges", "scenarios",
                               "assessment"]
    header = [c.value for c in book["challenges"][1]]
    assert header[-3:] == ["Base", "Boom", "Bust"]
    assert book["assessment"]["D2"].value == 4


def test_the_sample_survives_download_and_upload_unchanged():
    ds, _ = load_paths([SAMPLE])
    back, report = load_files([("workbook.xlsx", export_xlsx(ds))])
    assert report.as_text() == "No problems found."
    for table in TABLES:
        pd.testing.assert_frame_equal(getattr(back, table), getattr(ds, table))
    assert back.periods == ds.periods


def test_edits_with_formula_like_text_survive_download_and_upload():
    ds, _ = load_paths([SAMPLE])
    challenges = ds.challenges.copy()
    challenges.loc[len(challenges)] = {"challenge": "=Ocean plastic", "description": "+1 -2 @x",
                                       "business_impact": 3, "societal_impact": 9}
    scenarios = ds.scenarios.copy()
    scenarios.loc[0, "scenario"] = "-Water stress 2035"
    scenarios.loc[1, "probability"] = 0.5
    edited = bc.apply_edits(ds, challenges, scenarios)
    back, report = load_files([("workbook.xlsx", export_xlsx(edited))])
    assert report.ok, report.as_text()
    pd.testing.assert_frame_equal(back.challenges, edited.challenges)
    pd.testing.assert_frame_equal(back.scenarios, edited.scenarios)
    assert back.challenges.loc[7, "challenge"] == "=Ocean plastic"
    assert back.challenges.loc[0, "-Water stress 2035"] == 10
