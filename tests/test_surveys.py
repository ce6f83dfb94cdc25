"""Survey rounds in the workspace store, on SQLite and on PostgreSQL (fixture ``database_url``)."""

from __future__ import annotations

import re
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
import sqlalchemy as sa

from csvcore.io.importer import load_files
from csvcore.workspaces import surveys as surveys_module
from csvcore.workspaces.access import token_digest
from csvcore.workspaces.agreement import CONFIRMED, FIRST, UNCONFIRMED
from csvcore.workspaces.answers import BOTH, GIVE, RECEIVE, SURVEY_LIMITS, Answer, AnswerRejected
from csvcore.workspaces.store import (
    LINK_NOT_VALID,
    InvalidLink,
    NotSaved,
    Store,
    StoreError,
    ViewOnly,
)
from csvcore.workspaces.surveys import (
    ANSWERED,
    NOT_OPENED,
    OPENED,
    STARTED,
    NoSuchRound,
    Surveys,
    TooMany,
)

ORGS = [["id", "name", "sector"], ["a", "Acme", "Business"], ["b", "Basin Authority", "Government"],
        ["c", "City Water", "Business"], ["d", "Delta NGO", "NGO"]]
SURVEY_TABLES = ("survey_rounds", "survey_organizations", "survey_respondents", "survey_answers")


@pytest.fixture
def map_workbook(xlsx):
    def make(extra_orgs=()):
        return xlsx({
            "organizations": [*ORGS, *extra_orgs],
            "relationships": [["source", "target", "period", "type"],
                              ["a", "b", "2021", "funding"], ["b", "c", "2022", "advice"],
                              ["c", "d", "2022", "advice"]],
            "challenges": [["challenge"], ["Water"], ["Food"]],
        })
    return make


@pytest.fixture
def base(map_workbook):
    dataset, report = load_files([("map.xlsx", map_workbook())])
    assert report.ok, report.as_text()
    return dataset


@pytest.fixture
def store(database_url):
    made = Store(database_url)
    yield made
    made.engine.dispose()


@pytest.fixture
def surveys(store):
    return Surveys(store)


@pytest.fixture
def workspace(store, base):
    return store.create_workspace("Water", base)


@pytest.fixture
def opened(surveys, workspace):
    return surveys.open_round(workspace.workspace_id, workspace.edit_token, period="2023",
                              challenge="Water", respondents=["a", "b", "c"])


def link(opened, organization) -> tuple[str, str]:
    """The (link id, token) of a respondent's personal link."""
    invitation = next(i for i in opened.invitations if i.organization == organization)
    return invitation.respondent_id, invitation.token


def team(workspace, opened=None):
    args = (workspace.workspace_id, workspace.edit_token)
    return (*args, opened.round.id) if opened else args


def all_text(store) -> str:
    with store.engine.connect() as conn:
        return " ".join(str(row) for table in SURVEY_TABLES
                        for row in conn.execute(sa.text(f"SELECT * FROM {table}")).all())


# --- schema -----------------------------------------------------------------------


def test_a_database_made_before_surveys_gains_their_tables_and_keeps_its_workspaces(
        database_url, base):
    from csvcore.workspaces.store import MIGRATIONS, make_engine, migrate

    old = Store.__new__(Store)  # the store as it was, on the schema before surveys
    old.engine = make_engine(database_url)
    assert migrate(old.engine, MIGRATIONS[:1]) == 1
    created = old.create_workspace("Before", base)
    assert "survey_rounds" not in sa.inspect(old.engine).get_table_names()
    upgraded = Store(database_url)
    assert set(SURVEY_TABLES) <= set(sa.inspect(upgraded.engine).get_table_names())
    assert upgraded.open(created.workspace_id, created.view_token).latest.number == 1
    opened = Surveys(upgraded).open_round(created.workspace_id, created.edit_token,
                                          period="2023", challenge="Water", respondents=["a"])
    assert opened.round.respondents == 1
    for made in (old, upgraded):
        made.engine.dispose()


# --- opening a round ---------------------------------------------------------------


def test_opening_a_round_gives_each_respondent_a_link_whose_token_is_stored_hashed(
        store, surveys, workspace, opened):
    assert [(i.organization, i.name) for i in opened.invitations] == [
        ("a", "Acme"), ("b", "Basin Authority"), ("c", "City Water")]
    tokens = [i.token for i in opened.invitations]
    assert len(set(tokens)) == 3 and all(len(t) == 43 for t in tokens)
    stored = all_text(store)
    assert not any(t in stored for t in tokens)
    assert all(token_digest(t) in stored for t in tokens)
    (made,) = surveys.rounds(*team(workspace))
    assert (made.period, made.challenge, made.types, made.respondents, made.answered,
            made.is_open) == ("2023", "Water", ("advice", "funding"), 3, 0, True)


def test_respondents_come_from_the_map_by_id_or_name_or_are_added_by_name(surveys, workspace):
    opened = surveys.open_round(*team(workspace), period="2023", challenge="Water",
                                respondents=["a", " basin  AUTHORITY", "River Trust", "A", ""],
                                sectors={"river trust": "non-profit"},
                                types=["joint projects", " data\tsharing ", "joint projects"])
    assert [(i.organization, i.name) for i in opened.invitations] == [
        ("a", "Acme"), ("b", "Basin Authority"), ("River Trust", "River Trust")]
    assert opened.round.types == ("joint projects", "data sharing")
    questions = surveys.questionnaire(*link(opened, "a"))
    assert ("River Trust", "River Trust", "NGO") in questions.organizations
    assert [o[0] for o in questions.organizations] == ["b", "c", "d", "River Trust"]


@pytest.mark.parametrize("label, says", [
    ("", "Give the round a label"),
    ("2022", "already has a period '2022'"),
    ("2020", "would come before the map's last period (2022)"),
    ("2023-06-30", "The map's periods are years"),
    ("Wave 1", "'Wave 1' would come before"),  # numbers order it: 1 < 2022
])
def test_the_round_label_is_a_new_period_after_the_last(surveys, workspace, label, says):
    with pytest.raises(StoreError, match=re.escape(says)):
        surveys.open_round(*team(workspace), period=label, challenge="Water",
                           respondents=["a"])
    assert surveys.rounds(*team(workspace)) == ()


def test_a_round_label_is_used_once_per_workspace_until_its_round_is_discarded(
        surveys, workspace, opened):
    again = dict(period="2023.0", challenge="Food", respondents=["a"])  # reads as 2023
    with pytest.raises(StoreError, match="already has a survey round '2023'"):
        surveys.open_round(*team(workspace), **again)
    surveys.discard_round(*team(workspace, opened))
    assert surveys.open_round(*team(workspace), **again).round.period == "2023"
    with pytest.raises(InvalidLink):
        surveys.questionnaire(*link(opened, "a"))


def test_a_round_asks_about_one_challenge_of_the_map_and_some_respondents(surveys, workspace):
    for wrong, says in ((dict(challenge="Energy"), "one of the map's challenges"),
                        (dict(respondents=[]), "at least one respondent"),
                        (dict(respondents=["  "]), "at least one respondent"),
                        (dict(types=[]), "one to 12 kinds of tie"),
                        (dict(types=[f"t{i}" for i in range(13)]), "one to 12"),
                        (dict(respondents=[f"org {i}" for i in range(301)]), "at most 300")):
        with pytest.raises(StoreError, match=says):
            surveys.open_round(*team(workspace), **{"period": "2023", "challenge": "Water",
                                                    "respondents": ["a"], **wrong})


def test_a_workspace_has_at_most_a_few_open_rounds(surveys, workspace, monkeypatch):
    monkeypatch.setitem(SURVEY_LIMITS, "open_rounds", 2)
    made = [surveys.open_round(*team(workspace), period=str(2023 + i), challenge="Water",
                               respondents=["a"]) for i in range(2)]
    with pytest.raises(StoreError, match="2 open survey rounds"):
        surveys.open_round(*team(workspace), period="2030", challenge="Water", respondents=["a"])
    surveys.close_round(*team(workspace), made[0].round.id)
    assert surveys.open_round(*team(workspace), period="2030", challenge="Water",
                              respondents=["a"]).round.period == "2030"


def test_only_the_edit_link_runs_a_round(surveys, workspace, opened):
    ws, round_id = workspace.workspace_id, opened.round.id
    respondent_id = link(opened, "a")[0]
    calls = {
        "open": lambda t: surveys.open_round(ws, t, period="2024", challenge="Water",
                                             respondents=["a"]),
        "rounds": lambda t: surveys.rounds(ws, t),
        "progress": lambda t: surveys.progress(ws, t, round_id),
        "remind": lambda t: surveys.remind(ws, t, round_id, respondent_id),
        "revoke": lambda t: surveys.revoke(ws, t, round_id, respondent_id),
        "answers": lambda t: surveys.answers_table(ws, t, round_id),
        "preview": lambda t: surveys.preview_merge(ws, t, round_id),
        "merge": lambda t: surveys.merge(ws, t, round_id),
        "close": lambda t: surveys.close_round(ws, t, round_id),
        "discard": lambda t: surveys.discard_round(ws, t, round_id),
    }
    respondent_token = link(opened, "a")[1]
    for name, call in calls.items():
        with pytest.raises(ViewOnly):
            call(workspace.view_token)
        for token in ("wrong", None, respondent_token, token_digest(workspace.edit_token)):
            with pytest.raises(InvalidLink):
                call(token)
    assert surveys.rounds(*team(workspace))[0].is_open
    assert surveys.questionnaire(*link(opened, "a")).name == "Acme"


def test_a_round_of_another_workspace_is_not_there(surveys, store, base, workspace, opened):
    other = store.create_workspace("Other", base)
    for call in (lambda: surveys.progress(other.workspace_id, other.edit_token, opened.round.id),
                 lambda: surveys.close_round(other.workspace_id, other.edit_token,
                                             opened.round.id),
                 lambda: surveys.remind(other.workspace_id, other.edit_token, opened.round.id,
                                        link(opened, "a")[0]),
                 lambda: surveys.remind(*team(workspace, opened), "x" * 5000)):
        with pytest.raises(NoSuchRound):
            call()
    assert surveys.rounds(other.workspace_id, other.edit_token) == ()


# --- respondent links ----------------------------------------------------------------


def test_a_link_that_is_not_valid_looks_the_same_whatever_is_wrong(surveys, store, workspace,
                                                                   opened):
    a_id, a_token = link(opened, "a")
    b_id, b_token = link(opened, "b")
    c_id, c_token = link(opened, "c")
    replaced = surveys.remind(*team(workspace, opened), b_id)  # b's old token: replaced
    surveys.revoke(*team(workspace, opened), c_id)
    attempts = [(a_id, "wrong"), (a_id, None), (a_id, ""), (a_id, 12345), (a_id, ["list"]),
                (a_id, b_token), (a_id, replaced.token), (a_id, token_digest(a_token)),
                (b_id, b_token), (c_id, c_token), ("no-such-link", a_token), ("", ""),
                (a_id + "x" * 5000, a_token), (None, a_token), (opened.round.id, a_token),
                (workspace.workspace_id, workspace.edit_token), (a_id, workspace.edit_token)]
    answer = [Answer("d", "advice", 3, BOTH)]
    for link_id, token in attempts:
        for call in (lambda: surveys.questionnaire(link_id, token),
                     lambda: surveys.check(link_id, token),
                     lambda: surveys.save_draft(link_id, token, answer),
                     lambda: surveys.submit(link_id, token, answer)):
            with pytest.raises(InvalidLink) as caught:
                call()
            assert str(caught.value) == LINK_NOT_VALID
    with store.engine.connect() as conn:  # nothing was written
        assert conn.scalar(sa.text("SELECT count(*) FROM survey_answers")) == 0
    assert [p.ties for p in surveys.progress(*team(workspace, opened))] == [0, 0, 0]
    surveys.check(b_id, replaced.token)  # the new link works


def test_closing_a_round_or_reaching_its_closing_time_expires_its_links(surveys, workspace,
                                                                        monkeypatch):
    now = surveys_module._now()
    timed = surveys.open_round(*team(workspace), period="2023", challenge="Water",
                               respondents=["a"], closes_at=now + timedelta(days=14))
    closed = surveys.open_round(*team(workspace), period="2024", challenge="Food",
                                respondents=["a"])
    surveys.check(*link(timed, "a"))
    surveys.close_round(*team(workspace, closed))
    with pytest.raises(InvalidLink):
        surveys.questionnaire(*link(closed, "a"))
    with pytest.raises(StoreError, match="closed"):
        surveys.remind(*team(workspace, closed), link(closed, "a")[0])
    monkeypatch.setattr(surveys_module, "_now", lambda: now + timedelta(days=14, seconds=1))
    with pytest.raises(InvalidLink):
        surveys.submit(*link(timed, "a"), [])
    assert not surveys.rounds(*team(workspace))[1].is_open
    with pytest.raises(StoreError, match="in the future"):
        surveys.open_round(*team(workspace), period="2025", challenge="Water",
                           respondents=["a"], closes_at=now)


def test_a_reminder_makes_a_new_link_and_keeps_the_answers(surveys, workspace, opened):
    a_id, old = link(opened, "a")
    surveys.save_draft(a_id, old, [Answer("b", "funding", 3, GIVE)])
    fresh = surveys.remind(*team(workspace, opened), a_id)
    assert (fresh.respondent_id, fresh.organization, fresh.name) == (a_id, "a", "Acme")
    assert fresh.token != old
    with pytest.raises(InvalidLink):
        surveys.check(a_id, old)
    assert surveys.questionnaire(a_id, fresh.token).draft == (Answer("b", "funding", 3, GIVE),)


def test_a_revoked_link_stops_working_until_a_new_one_is_made(surveys, workspace, opened):
    a_id, token = link(opened, "a")
    surveys.revoke(*team(workspace, opened), a_id)
    with pytest.raises(InvalidLink):
        surveys.check(a_id, token)
    assert surveys.progress(*team(workspace, opened))[0].revoked
    fresh = surveys.remind(*team(workspace, opened), a_id)
    surveys.check(a_id, fresh.token)
    assert not surveys.progress(*team(workspace, opened))[0].revoked


# --- answers and progress --------------------------------------------------------------


def test_a_respondent_link_reads_and_writes_only_its_own_answers(surveys, store, workspace,
                                                                 opened):
    a, b = link(opened, "a"), link(opened, "b")
    surveys.submit(*b, [Answer("c", "advice", 5, BOTH, note="b's secret note"),
                        Answer("", "advice", 2, GIVE, name="B's Hidden Partner")])
    surveys.save_draft(*a, [Answer("b", "funding", 3, GIVE, note="a's own note")])
    questions = surveys.questionnaire(*a)
    shown = repr(questions)
    assert "secret" not in shown and "Hidden" not in shown
    assert questions.draft == (Answer("b", "funding", 3, GIVE, note="a's own note"),)
    assert questions.submitted == () and questions.submitted_at is None
    assert (questions.organization, questions.name, questions.challenge, questions.period) == (
        "a", "Acme", "Water", "2023")
    assert "a" not in [o[0] for o in questions.organizations]
    assert "B's Hidden Partner" not in [o[1] for o in questions.organizations]
    surveys.submit(*a, [])  # a's answers change, b's do not
    assert [len(surveys.questionnaire(*b).submitted), len(surveys.questionnaire(*a).submitted)] \
        == [2, 0]
    assert "b's secret note" in all_text(store)


def test_a_draft_is_kept_as_they_go_and_a_submission_can_be_changed_until_the_close(
        surveys, workspace, opened):
    a = link(opened, "a")
    first = [Answer("b", "funding", 4, GIVE)]
    surveys.save_draft(*a, first)
    assert surveys.questionnaire(*a).draft == tuple(first)
    sent_at = surveys.submit(*a, [*first, Answer("c", "advice", 2, BOTH)])
    seen = surveys.questionnaire(*a)
    assert len(seen.submitted) == 2 and seen.draft == seen.submitted
    assert seen.submitted_at == sent_at
    surveys.save_draft(*a, first)  # a later draft does not change what was sent
    assert len(surveys.questionnaire(*a).submitted) == 2
    with pytest.raises(AnswerRejected, match="Tie 1: choose a strength"):
        surveys.submit(*a, [Answer("b", "funding", 9, GIVE)])
    assert len(surveys.questionnaire(*a).submitted) == 2  # a refused answer changes nothing


def test_progress_says_who_answered_who_started_and_who_has_not_opened_the_link(
        surveys, workspace, opened):
    a, b, _c = (link(opened, o) for o in "abc")
    surveys.questionnaire(*a)
    surveys.save_draft(*a, [Answer("b", "funding", 3, GIVE)])
    surveys.submit(*b, [Answer("a", "funding", 3, RECEIVE), Answer("d", "advice", 3, BOTH)])
    progress = {p.organization: p for p in surveys.progress(*team(workspace, opened))}
    assert {o: (p.status, p.ties) for o, p in progress.items()} == {
        "a": (STARTED, 1), "b": (ANSWERED, 2), "c": (NOT_OPENED, 0)}
    assert progress["a"].opened_at is not None and progress["c"].opened_at is None
    surveys.questionnaire(*link(opened, "c"))
    assert surveys.progress(*team(workspace, opened))[2].status == OPENED
    assert surveys.rounds(*team(workspace))[0].answered == 1


def test_sending_and_saving_are_limited_per_link_and_hour(surveys, workspace, opened,
                                                          monkeypatch):
    monkeypatch.setitem(SURVEY_LIMITS, "submissions_per_hour", 2)
    monkeypatch.setitem(SURVEY_LIMITS, "drafts_per_hour", 3)
    a, b = link(opened, "a"), link(opened, "b")
    for strength in (1, 2):
        surveys.submit(*a, [Answer("b", "funding", strength, GIVE)])
    with pytest.raises(TooMany, match="sent 2 times within the hour.*Nothing was lost"):
        surveys.submit(*a, [Answer("b", "funding", 5, GIVE)])
    assert surveys.questionnaire(*a).submitted[0].strength == 2
    surveys.submit(*b, [])  # another link has its own count
    for _ in range(3):
        surveys.save_draft(*a, [])
    with pytest.raises(TooMany, match="saved 3 times"):
        surveys.save_draft(*a, [])
    later = surveys_module._now() + timedelta(hours=1, seconds=1)
    monkeypatch.setattr(surveys_module, "_now", lambda: later)
    surveys.submit(*a, [Answer("b", "funding", 5, GIVE)])  # a new hour
    assert surveys.questionnaire(*a).submitted[0].strength == 5


# --- close, merge, next round ------------------------------------------------------------


def answer_round(surveys, opened):
    """a and b name each other (contradicting), b adds River Trust; c does not answer."""
    surveys.submit(*link(opened, "a"), [Answer("b", "funding", 4, GIVE, note="grant"),
                                        Answer("c", "advice", 2, BOTH)])
    surveys.submit(*link(opened, "b"), [Answer("a", "funding", 2, RECEIVE),
                                        Answer("", "advice", 3, BOTH, name="River Trust",
                                               sector="charity")])
    surveys.save_draft(*link(opened, "c"), [Answer("d", "advice", 5, BOTH)])  # not sent


def test_a_closed_round_merges_into_a_new_version_once(surveys, store, workspace, opened):
    answer_round(surveys, opened)
    with pytest.raises(StoreError, match="Close the round"):
        surveys.merge(*team(workspace, opened))
    surveys.close_round(*team(workspace, opened))
    preview = surveys.preview_merge(*team(workspace, opened))
    assert preview.base_version == 1 and preview.respondents == 2
    (contradiction,) = preview.merged.contradictions
    assert (contradiction.field, contradiction.first_says, contradiction.second_says) == (
        "strength", "4", "2")
    assert preview.merged.ties["notes"].tolist() == ["Acme: grant", "", ""]
    version = surveys.merge(*team(workspace, opened), {contradiction.key: FIRST})
    assert (version.number, version.note) == (2, "Survey round 2023")
    ds = store.load_version(workspace.workspace_id, workspace.view_token)
    assert ds.periods == ("2021", "2022", "2023")
    new = ds.relationships[ds.relationships["period"] == "2023"]
    assert new[["source", "target", "type", "strength", "directed", "challenge", "reported_by",
                "confidence"]].values.tolist() == [
        ["a", "b", "funding", 4.0, True, "Water", "Acme; Basin Authority", CONFIRMED],
        ["a", "c", "advice", 2.0, False, "Water", "Acme", UNCONFIRMED],
        ["b", "River Trust", "advice", 3.0, False, "Water", "Basin Authority", UNCONFIRMED]]
    orgs = ds.organizations.set_index("id")
    assert orgs.loc["River Trust", "sector"] == "NGO" and len(orgs) == 5
    assert surveys.rounds(*team(workspace))[0].merged_version == 2
    with pytest.raises(NotSaved, match="already version 2"):
        surveys.merge(*team(workspace, opened))
    with pytest.raises(StoreError, match="it stays"):
        surveys.discard_round(*team(workspace, opened))
    assert [v.number for v in store.open(workspace.workspace_id,
                                         workspace.edit_token).versions] == [1, 2]


def test_a_round_nobody_answered_is_not_merged(surveys, store, workspace, opened):
    surveys.save_draft(*link(opened, "a"), [Answer("b", "funding", 4, GIVE)])
    surveys.close_round(*team(workspace, opened))
    with pytest.raises(NotSaved, match="Nobody has sent answers"):
        surveys.merge(*team(workspace, opened))
    assert len(store.open(workspace.workspace_id, workspace.edit_token).versions) == 1


def test_two_people_merging_at_once_make_one_version(surveys, store, workspace, opened):
    answer_round(surveys, opened)
    surveys.close_round(*team(workspace, opened))
    start = threading.Barrier(2)

    def merge(_):
        start.wait(timeout=60)
        try:
            return surveys.merge(*team(workspace, opened)).number
        except NotSaved as refused:
            return str(refused)

    with ThreadPoolExecutor(2) as pool:
        outcomes = list(pool.map(merge, range(2)))
    assert 2 in outcomes and len([o for o in outcomes if isinstance(o, str)]) == 1
    assert [v.number for v in store.open(workspace.workspace_id,
                                         workspace.edit_token).versions] == [1, 2]


def test_the_next_round_starts_with_each_respondents_previous_answers(surveys, workspace,
                                                                      opened):
    answer_round(surveys, opened)
    surveys.close_round(*team(workspace, opened))
    surveys.merge(*team(workspace, opened))
    later = surveys.open_round(*team(workspace), period="2024", challenge="Water",
                               respondents=["a", "b", "d"])
    assert later.carried == 2  # a and b sent answers; d was not asked before
    assert {p.organization: (p.status, p.ties)
            for p in surveys.progress(*team(workspace, later))} == {
        "a": (NOT_OPENED, 2), "b": (NOT_OPENED, 2), "d": (NOT_OPENED, 0)}
    b = link(later, "b")
    draft = surveys.questionnaire(*b).draft
    assert draft == (Answer("a", "funding", 2, RECEIVE, carried=True),
                     Answer("River Trust", "advice", 3, BOTH, carried=True))  # now on the map
    assert surveys.questionnaire(*link(later, "d")).draft == ()
    with pytest.raises(StoreError, match="Confirm, change or drop"):
        surveys.submit(*b, draft)
    confirmed = [Answer("a", "funding", 3, RECEIVE)]  # one changed, one dropped
    surveys.submit(*b, confirmed)
    assert surveys.questionnaire(*b).submitted == tuple(confirmed)
    other_challenge = surveys.open_round(*team(workspace), period="2025", challenge="Food",
                                         respondents=["a", "b"])
    assert other_challenge.carried == 0


# --- many at once -------------------------------------------------------------------------

RESPONDENTS = 30


@pytest.fixture
def crowd(surveys, store, xlsx, workspace):
    """A round with 30 respondents (organizations r00..r29 added to the map)."""
    names = [f"r{i:02d}" for i in range(RESPONDENTS)]
    dataset, _ = load_files([("crowd.xlsx", xlsx({
        "organizations": [*ORGS, *([n, f"Respondent {n}", "NGO"] for n in names)],
        "relationships": [["source", "target", "period", "type"], ["a", "b", "2022", "advice"]],
        "challenges": [["challenge"], ["Water"]]}))])
    store.save_version(workspace.workspace_id, workspace.edit_token, dataset)
    return surveys.open_round(*team(workspace), period="2023", challenge="Water",
                              respondents=names, types=["advice", "funding"])


def test_thirty_respondents_sending_at_once_lose_nothing_and_duplicate_nothing(
        surveys, store, workspace, crowd):
    """Each respondent names both ring neighbours (confirmed from both sides), the one five
    places on, and 'a' (unconfirmed); all 30 save a draft and send at the same moment."""
    invitations = crowd.invitations

    def org(n: int) -> str:
        return invitations[n % RESPONDENTS].organization

    start = threading.Barrier(RESPONDENTS)

    def answer(n: int):
        me = invitations[n]
        ties = [Answer(org(n + 1), "advice", 3, BOTH), Answer(org(n - 1), "advice", 3, BOTH),
                Answer(org(n + 5), "funding", 2, GIVE), Answer("a", "advice", 2, GIVE)]
        start.wait(timeout=120)
        surveys.save_draft(me.respondent_id, me.token, ties[:2])
        return surveys.submit(me.respondent_id, me.token, ties)

    with ThreadPoolExecutor(RESPONDENTS) as pool:
        sent = list(pool.map(answer, range(RESPONDENTS)))
    assert len(sent) == RESPONDENTS
    with store.engine.connect() as conn:
        per_stage = dict(conn.execute(sa.text(
            "SELECT stage, count(*) FROM survey_answers GROUP BY stage")).all())
        distinct = conn.scalar(sa.text(
            "SELECT count(*) FROM (SELECT DISTINCT respondent_id, organization, type "
            "FROM survey_answers WHERE stage = 'submitted') AS d"))
    assert per_stage == {"draft": 4 * RESPONDENTS, "submitted": 4 * RESPONDENTS}
    assert distinct == 4 * RESPONDENTS
    progress = surveys.progress(*team(workspace, crowd))
    assert [p.status for p in progress] == [ANSWERED] * RESPONDENTS
    assert sum(p.ties for p in progress) == 4 * RESPONDENTS
    surveys.close_round(*team(workspace, crowd))
    preview = surveys.preview_merge(*team(workspace, crowd))
    confidence = preview.merged.ties["confidence"].value_counts().to_dict()
    assert confidence == {CONFIRMED: RESPONDENTS, UNCONFIRMED: 2 * RESPONDENTS}
    assert preview.merged.contradictions == () and preview.respondents == RESPONDENTS


def test_one_link_sending_twice_at_once_keeps_one_copy(surveys, store, opened):
    a = link(opened, "a")
    ties = [Answer("b", "funding", 4, GIVE), Answer("c", "advice", 2, BOTH)]
    start = threading.Barrier(4)

    def send(_):
        start.wait(timeout=60)
        return surveys.submit(*a, ties)

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(send, range(4)))
    with store.engine.connect() as conn:
        counts = conn.execute(sa.text("SELECT stage, count(*) FROM survey_answers "
                                      "GROUP BY stage ORDER BY stage")).all()
    assert [tuple(c) for c in counts] == [("draft", 2), ("submitted", 2)]


def test_answers_arriving_while_the_round_closes_are_either_merged_or_refused(
        surveys, workspace, crowd):
    """No answer is accepted and then left out of the merge."""
    invitations = crowd.invitations
    start = threading.Barrier(RESPONDENTS + 1)

    def answer(n: int):
        me = invitations[n]
        start.wait(timeout=120)
        try:
            surveys.submit(me.respondent_id, me.token, [Answer("a", "advice", 3, GIVE)])
            return me.organization
        except InvalidLink:
            return None

    def close(_):
        start.wait(timeout=120)
        surveys.close_round(*team(workspace, crowd))

    with ThreadPoolExecutor(RESPONDENTS + 1) as pool:
        closing = pool.submit(close, None)
        accepted = {o for o in pool.map(answer, range(RESPONDENTS)) if o}
        closing.result()
    merged = surveys.preview_merge(*team(workspace, crowd)).merged.ties
    assert set(merged["source"]) == accepted
    assert surveys.rounds(*team(workspace))[0].answered == len(accepted)


def test_an_answer_being_written_holds_its_round_so_the_close_waits_for_it(
        surveys, store, database_url, opened, workspace):
    """While a submission is between reading its round and committing, nothing can close the
    round: so an accepted answer is always in the merge."""
    read_round, release = threading.Event(), threading.Event()

    def hold(conn, cursor, statement, *args):
        if "FROM survey_rounds JOIN survey_respondents" in statement and \
                threading.current_thread().name == "sender":
            read_round.set()
            release.wait(timeout=60)

    sa.event.listen(store.engine, "after_cursor_execute", hold)
    sender = threading.Thread(name="sender", target=surveys.submit, args=(
        *link(opened, "a"), [Answer("b", "funding", 3, GIVE)]))
    sender.start()
    try:
        assert read_round.wait(timeout=60)
        with pytest.raises(sa.exc.OperationalError, match="lock"):
            take_the_round_now(database_url, opened.round.id)
    finally:
        release.set()
        sender.join(timeout=60)
    sa.event.remove(store.engine, "after_cursor_execute", hold)
    surveys.close_round(*team(workspace, opened))
    ties = surveys.preview_merge(*team(workspace, opened)).merged.ties
    assert ties[["source", "target"]].values.tolist() == [["a", "b"]]


def take_the_round_now(database_url: str, round_id: str) -> None:
    """Try to lock a round for closing without waiting (SQLite: the database's write lock)."""
    if database_url.startswith("sqlite"):
        import sqlite3

        conn = sqlite3.connect(sa.make_url(database_url).database, timeout=0,
                               isolation_level=None)
        try:
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as busy:  # "database is locked"
                raise sa.exc.OperationalError("BEGIN IMMEDIATE", {}, busy) from None
            conn.execute("ROLLBACK")
        finally:
            conn.close()
        return
    engine = sa.create_engine(database_url, poolclass=sa.NullPool)
    try:
        with engine.begin() as conn:
            conn.execute(sa.text("SELECT id FROM survey_rounds WHERE id = :id FOR UPDATE NOWAIT"),
                         {"id": round_id})
    finally:
        engine.dispose()
