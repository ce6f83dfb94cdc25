"""Survey answers (checks and bounds) and how a round's answers become ties (no database)."""

from __future__ import annotations

import pandas as pd
import pytest

from csvcore.contract.dataset import Dataset
from csvcore.io.export.workbook import frame_csv
from csvcore.workspaces.agreement import (
    CONFIRMED,
    EITHER,
    FIRST,
    MEAN,
    SECOND,
    UNCONFIRMED,
    Reported,
    agree,
    merge_round,
)
from csvcore.workspaces.answers import (
    BOTH,
    GIVE,
    RECEIVE,
    SURVEY_LIMITS,
    Answer,
    AnswerRejected,
    check_answers,
)

LISTED = {"a": "Acme", "b": "Basin Authority", "c": "City Water"}
TYPES = ("funding", "advice")
ROSTER = {"a": ("Acme", "Business"), "b": ("Basin Authority", "Government"),
          "c": ("City Water", "Business")}


def check(given, respondent="a"):
    return check_answers(given, listed=LISTED, types=TYPES, respondent=respondent)


# --- answers ---------------------------------------------------------------------


def test_a_valid_answer_is_kept_and_its_text_cleaned():
    given = [Answer("b", "funding", 4, GIVE, note="  joint\x07 project\n\nsince 2019 "),
             Answer("", "advice", 2, BOTH, name=" River\u00a0 Trust ", sector="non-profit",
                    note="=HYPERLINK(\"http://x\")<script>")]
    first, second = check(given)
    assert first == Answer("b", "funding", 4, GIVE, note="joint project since 2019")
    assert (second.organization, second.name, second.sector) == ("", "River Trust", "NGO")
    assert second.note == '=HYPERLINK("http://x")<script>'  # kept as text: inert where shown
    assert b"'=HYPERLINK" in frame_csv(pd.DataFrame({"note": [second.note]}))


def test_an_organization_written_as_not_listed_but_listed_becomes_the_listed_one():
    (by_name,), (by_id,) = check([Answer("", "advice", 3, BOTH, name="city  water")]), \
        check([Answer("", "advice", 3, BOTH, name="C")])
    assert (by_name.organization, by_name.name) == ("c", "")
    assert by_id.organization == "c"


def test_text_is_cut_to_its_limits():
    (tie,) = check([Answer("", "advice", 3, BOTH, name="N" * 10_000, sector="S" * 999,
                           note="x" * 100_000)])
    assert len(tie.name) == SURVEY_LIMITS["name_chars"]
    assert len(tie.sector) == SURVEY_LIMITS["sector_chars"]
    assert len(tie.note) == SURVEY_LIMITS["note_chars"]


@pytest.mark.parametrize("answer, says", [
    (Answer("b", "friendship", 3, BOTH), "Tie 1: choose the kind of tie among: funding, advice"),
    (Answer("b", "funding", 0, BOTH), "Tie 1: choose a strength from 1 (weak) to 5"),
    (Answer("b", "funding", 6, BOTH), "strength"),
    (Answer("b", "funding", 2.5, BOTH), "strength"),
    (Answer("b", "funding", True, BOTH), "strength"),
    (Answer("b", "funding", "3", BOTH), "strength"),
    (Answer("b", "funding", 3, "sideways"), "choose a direction: we give, we receive, both"),
    (Answer("a", "funding", 3, BOTH), "that is your own organization"),
    (Answer("", "funding", 3, BOTH, name="acme"), "that is your own organization"),
    (Answer("z", "funding", 3, BOTH), "not on the list"),
    (Answer("", "funding", 3, BOTH, name=" \x00 "), "give the name of one that is not listed"),
    (Answer(None, "funding", 3, BOTH), "choose an organization"),
    ({"organization": "b"}, "this is not an answer"),
])
def test_an_answer_that_cannot_be_stored_is_refused_naming_the_tie(answer, says):
    with pytest.raises(AnswerRejected, match="^Tie 1: ") as refused:
        check([answer])
    assert says in str(refused.value)


def test_the_same_organization_and_type_twice_is_refused_but_two_types_are_two_ties():
    assert len(check([Answer("b", "funding", 3, BOTH), Answer("b", "advice", 3, BOTH)])) == 2
    with pytest.raises(AnswerRejected, match="Tie 2: Basin Authority is already named as "
                                             "'funding'"):
        check([Answer("b", "funding", 3, BOTH), Answer("", "funding", 1, GIVE,
                                                       name="basin authority")])
    with pytest.raises(AnswerRejected, match="Tie 2: river trust is already named"):
        check([Answer("", "advice", 3, BOTH, name="River Trust"),
               Answer("", "advice", 3, BOTH, name="river trust")])


def test_the_number_of_ties_is_checked_before_any_tie():
    too_many = [object()] * (SURVEY_LIMITS["ties"] + 1)
    with pytest.raises(AnswerRejected, match=f"at most {SURVEY_LIMITS['ties']} ties"):
        check(too_many)
    with pytest.raises(AnswerRejected, match="at most"):
        check(iter([]))  # not a sequence: its size is unknown
    assert check([]) == ()


# --- agreement: ties, confidence, contradictions ----------------------------------


def ties_of(reports, resolutions=None, known=None):
    ties, contradictions, added = agree(reports, ROSTER, known or {}, resolutions)
    return ties, contradictions, added


def arcs(ties):
    return [(s, t, d) for s, t, d in ties[["source", "target", "directed"]].values.tolist()]


@pytest.mark.parametrize("a_says, b_says, expected", [
    (GIVE, RECEIVE, [("a", "b", True)]),  # both say a gives to b
    (RECEIVE, GIVE, [("b", "a", True)]),
    (BOTH, BOTH, [("a", "b", False)]),
])
def test_both_sides_agreeing_give_one_confirmed_tie(a_says, b_says, expected):
    ties, contradictions, _ = ties_of([Reported("a", Answer("b", "funding", 3, a_says)),
                                       Reported("b", Answer("a", "funding", 3, b_says))])
    assert arcs(ties) == expected
    assert ties["confidence"].tolist() == [CONFIRMED] and contradictions == ()
    assert ties["reported_by"].tolist() == ["Acme; Basin Authority"]
    assert ties["strength"].tolist() == [3.0]


@pytest.mark.parametrize("says, expected", [
    (GIVE, [("b", "c", True)]), (RECEIVE, [("c", "b", True)]), (BOTH, [("b", "c", False)])])
def test_a_tie_named_by_one_side_is_unconfirmed_and_runs_as_they_said(says, expected):
    ties, contradictions, _ = ties_of([Reported("b", Answer("c", "advice", 2, says))])
    assert arcs(ties) == expected
    assert ties["confidence"].tolist() == [UNCONFIRMED] and contradictions == ()
    assert ties["reported_by"].tolist() == ["Basin Authority"]


def test_different_types_between_the_same_pair_are_separate_unconfirmed_ties():
    ties, _, _ = ties_of([Reported("a", Answer("b", "funding", 3, BOTH)),
                          Reported("b", Answer("a", "advice", 3, BOTH))])
    assert ties[["type", "confidence"]].values.tolist() == [["funding", UNCONFIRMED],
                                                            ["advice", UNCONFIRMED]]


@pytest.mark.parametrize("a_says, b_says, shown", [
    (GIVE, GIVE, ("a → b", "b → a")),  # each says it gives to the other
    (GIVE, BOTH, ("a → b", "both ways")),
    (RECEIVE, RECEIVE, ("b → a", "a → b")),
])
def test_contradictory_directions_are_listed_and_resolved(a_says, b_says, shown):
    reports = [Reported("a", Answer("b", "funding", 3, a_says)),
               Reported("b", Answer("a", "funding", 3, b_says))]
    ties, (contradiction,), _ = ties_of(reports)
    assert (contradiction.field, contradiction.first, contradiction.second) == ("direction",
                                                                                "a", "b")
    assert (contradiction.first_says, contradiction.second_says) == shown
    assert contradiction.chosen == EITHER and arcs(ties) == [("a", "b", False)]  # every arc
    assert ties["confidence"].tolist() == [CONFIRMED]  # both named the tie
    first = ties_of(reports, {contradiction.key: FIRST})[0]
    second = ties_of(reports, {contradiction.key: SECOND})[0]
    as_said = {"a → b": ("a", "b", True), "b → a": ("b", "a", True),
               "both ways": ("a", "b", False)}
    assert arcs(first) == [as_said[shown[0]]] and arcs(second) == [as_said[shown[1]]]


def test_contradictory_strengths_take_the_mean_until_the_team_chooses():
    reports = [Reported("b", Answer("a", "funding", 2, RECEIVE)),
               Reported("a", Answer("b", "funding", 5, GIVE, note="since 2019"))]
    ties, (contradiction,), _ = ties_of(reports)
    assert (contradiction.field, contradiction.first_says, contradiction.second_says) == (
        "strength", "5", "2")  # first is a (sorted ids), whoever answered first
    assert contradiction.options == (MEAN, FIRST, SECOND)
    assert ties["strength"].tolist() == [3.5]
    assert ties["notes"].tolist() == ["Acme: since 2019"]
    for choice, strength in ((FIRST, 5.0), (SECOND, 2.0), (MEAN, 3.5), ("nonsense", 3.5)):
        resolved, (again,), _ = ties_of(reports, {contradiction.key: choice})
        assert resolved["strength"].tolist() == [strength]
        assert again.chosen == (choice if choice != "nonsense" else MEAN)


def test_organizations_respondents_add_are_matched_to_the_map_and_to_each_other():
    known = {"lake fund": "LF-1"}  # the map's id keys and name keys
    reports = [Reported("a", Answer("", "advice", 3, BOTH, name="River Trust", sector="NGO")),
               Reported("b", Answer("", "advice", 4, BOTH, name="river  TRUST")),
               Reported("c", Answer("", "funding", 2, RECEIVE, name="Lake Fund"))]
    ties, contradictions, added = ties_of(reports, known=known)
    assert added.values.tolist() == [["River Trust", "River Trust", "NGO"]]
    assert ties[["source", "target", "confidence"]].values.tolist() == [
        ["a", "River Trust", UNCONFIRMED], ["b", "River Trust", UNCONFIRMED],
        ["LF-1", "c", UNCONFIRMED]]
    assert contradictions == ()


def test_a_merged_round_is_a_new_period_read_through_the_importer(team_workbook):
    from csvcore.io.importer import load_files

    base, _ = load_files([("team.xlsx", team_workbook())])
    reports = [Reported("a", Answer("b", "funding", 4, GIVE)),
               Reported("b", Answer("a", "funding", 4, RECEIVE)),
               Reported("b", Answer("", "advice", 2, BOTH, name="=Lake Fund", sector="donor")),
               Reported("a", Answer("Gone", "advice", 1, BOTH))]  # left the map since
    merged = merge_round(base, reports, period="2023", challenge="Water",
                         roster={**ROSTER, "Gone": ("Gone Ltd", "Media")})
    ds = merged.dataset
    assert merged.report.ok and ds.periods == ("2021", "2022", "2023")
    new = ds.relationships[ds.relationships["period"] == "2023"]
    assert new[["source", "target", "directed", "confidence", "challenge"]].values.tolist() == [
        ["a", "b", True, CONFIRMED, "Water"], ["b", "=Lake Fund", False, UNCONFIRMED, "Water"],
        ["a", "Gone", False, UNCONFIRMED, "Water"]]
    orgs = ds.organizations.set_index("id")
    assert orgs.loc["=Lake Fund", ["name", "sector"]].tolist() == ["=Lake Fund", "Funder"]
    assert orgs.loc["Gone", ["name", "sector"]].tolist() == ["Gone Ltd", "Media"]
    old = ds.relationships[ds.relationships["period"] != "2023"]
    assert len(old) == len(base.relationships)
    assert isinstance(ds, Dataset) and ds.name == "survey round 2023.xlsx"
