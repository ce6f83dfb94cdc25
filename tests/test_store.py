"""The workspace store on SQLite and on the real PostgreSQL server (fixture ``database_url``)."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import sqlalchemy as sa

from csvcore.contract.schema import LIMITS
from csvcore.io.importer import load_files
from csvcore.workspaces import store as store_module
from csvcore.workspaces.access import EDIT, VIEW, token_digest
from csvcore.workspaces.store import (
    LINK_NOT_VALID,
    MIGRATIONS,
    InvalidLink,
    NotSaved,
    Store,
    StoreError,
    ViewOnly,
    database_url,
    make_engine,
    migrate,
)

TIES = [("a", "b", "2021"), ("b", "c", "2021"), ("c", "d", "2022")]
SAVERS, SAVES_EACH = 20, 10
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def network(team_workbook):
    """``network(ties)``: a dataset read by the importer from a workbook with every table."""
    def make(ties=TIES, name="team.xlsx"):
        dataset, report = load_files([(name, team_workbook(ties))])
        assert report.ok, report.as_text()
        return dataset
    return make


@pytest.fixture
def store(database_url):
    made = Store(database_url)
    yield made
    made.engine.dispose()


@pytest.fixture
def workspace(store, network):
    """A workspace with one version; returns its Created (id, name, tokens)."""
    return store.create_workspace("  Water\tstewardship  ", network())


def rows(store, table: str) -> list:
    with store.engine.connect() as conn:
        return conn.execute(sa.text(f"SELECT * FROM {table}")).all()


# --- schema migrations ---------------------------------------------------------


def test_migrating_an_empty_database_creates_the_schema_and_can_be_repeated(database_url):
    engine = make_engine(database_url)
    try:
        assert migrate(engine) == len(MIGRATIONS)
        assert {"schema_version", "workspaces", "versions"} <= set(sa.inspect(engine)
                                                                   .get_table_names())
        assert migrate(engine) == len(MIGRATIONS)  # idempotent
        with engine.connect() as conn:
            applied = conn.execute(sa.text("SELECT version FROM schema_version")).scalars().all()
        assert applied == list(range(1, len(MIGRATIONS) + 1))
    finally:
        engine.dispose()


def test_a_new_migration_runs_once_and_keeps_the_data(store, workspace):
    def add_column(conn):
        conn.execute(sa.text("ALTER TABLE workspaces ADD COLUMN colour VARCHAR(20)"))

    upgraded = (*MIGRATIONS, add_column)
    assert migrate(store.engine, upgraded) == len(upgraded)
    assert migrate(store.engine, upgraded) == len(upgraded)  # not applied twice
    assert "colour" in {c["name"] for c in sa.inspect(store.engine).get_columns("workspaces")}
    assert store.open(workspace.workspace_id, workspace.view_token).latest.number == 1


# --- workspaces, versions, tokens ----------------------------------------------


def test_a_new_workspace_opens_with_either_token(store, workspace, network):
    edit = store.open(workspace.workspace_id, workspace.edit_token)
    view = store.open(workspace.workspace_id, workspace.view_token)
    assert (edit.role, view.role) == (EDIT, VIEW)
    assert edit.workspace.name == workspace.name == "Water stewardship"
    assert [v.number for v in view.versions] == [1]
    first = view.latest
    assert (first.organizations, first.ties, first.periods) == (4, 3, 2)
    assert first.data_name == "team.xlsx" and first.saved_at.tzinfo is not None
    assert first.fingerprint == network().fingerprint


def test_tokens_are_stored_only_as_digests(store, workspace):
    (row,) = rows(store, "workspaces")
    stored = " ".join(map(str, row))
    assert workspace.edit_token not in stored and workspace.view_token not in stored
    assert {row.edit_digest, row.view_digest} == {token_digest(workspace.edit_token),
                                                   token_digest(workspace.view_token)}


def test_a_wrong_token_a_missing_one_and_an_unknown_workspace_look_the_same(store, workspace,
                                                                            network):
    ws, dataset = workspace.workspace_id, network()
    attempts = [(ws, "wrong"), (ws, None), (ws, ""), ("no-such-id", workspace.edit_token),
                ("", ""), (ws + "x" * 5000, workspace.edit_token),
                (ws, token_digest(workspace.edit_token))]
    for workspace_id, token in attempts:
        for call in (lambda: store.open(workspace_id, token),
                     lambda: store.role(workspace_id, token),
                     lambda: store.load_version(workspace_id, token),
                     lambda: store.save_version(workspace_id, token, dataset),
                     lambda: store.compare_versions(workspace_id, token, 1, 1),
                     lambda: store.rotate_tokens(workspace_id, token)):
            with pytest.raises(InvalidLink) as caught:
                call()
            assert str(caught.value) == LINK_NOT_VALID
    assert len(rows(store, "versions")) == 1


def test_a_token_or_id_that_is_not_a_string_is_an_invalid_link(store, workspace):
    ws, edit = workspace.workspace_id, workspace.edit_token
    for bad in (123, b"bytes", ["a", "list"], {"token": 1}, 1.5):
        with pytest.raises(InvalidLink):
            store.open(ws, bad)
        with pytest.raises(InvalidLink):
            store.role(bad, edit)
        with pytest.raises(InvalidLink):
            store.rotate_tokens(ws, bad)


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_the_sqlite_file_is_readable_by_its_owner_only(store, workspace, database_url):
    path = Path(database_url.removeprefix("sqlite:///"))
    for made in [path, *path.parent.glob(path.name + "-*")]:  # the -wal and -shm files too
        assert stat.S_IMODE(made.stat().st_mode) == 0o600, made


def test_every_save_is_a_new_version_and_old_ones_reopen_unchanged(store, workspace, network):
    ws, edit = workspace.workspace_id, workspace.edit_token
    first, grown = network(), network([*TIES, ("d", "e", "2023")], name="team-2023.xlsx")
    assert store.save_version(ws, edit, grown, note="2023 survey").number == 2
    assert store.save_version(ws, edit, grown).number == 3
    versions = store.open(ws, workspace.view_token).versions
    assert [(v.number, v.ties, v.periods, v.note) for v in versions] == [
        (1, 3, 2, ""), (2, 4, 3, "2023 survey"), (3, 4, 3, "")]
    assert store.load_version(ws, edit, 1).fingerprint == first.fingerprint
    latest = store.load_version(ws, workspace.view_token)
    assert latest.fingerprint == grown.fingerprint and latest.name == "team-2023.xlsx"
    with pytest.raises(StoreError, match="no version 9"):
        store.load_version(ws, edit, 9)


def test_a_bare_edge_list_reopens_as_it_was_uploaded(store):
    """Uploads without organizations, challenges or scenarios are the common case."""
    edges = b"from,to,year,weight\nAcme,River Trust,Wave 2,2\nRiver Trust,=1+1,Wave 10,1\n"
    dataset, report = load_files([("ties.csv", edges)])
    assert report.ok
    created = store.create_workspace("Edges", dataset)
    reopened = store.load_version(created.workspace_id, created.view_token)
    assert reopened.fingerprint == dataset.fingerprint and reopened.name == "ties.csv"
    assert reopened.periods == ("Wave 2", "Wave 10")


def test_a_view_token_cannot_save_or_rotate(store, workspace, network):
    ws, view = workspace.workspace_id, workspace.view_token
    with pytest.raises(ViewOnly):
        store.save_version(ws, view, network(TIES[:2]))
    with pytest.raises(ViewOnly):
        store.rotate_tokens(ws, view, (VIEW,))
    assert len(rows(store, "versions")) == 1
    assert store.role(ws, view) == VIEW


def test_rotating_tokens_revokes_the_old_links(store, workspace):
    ws = workspace.workspace_id
    fresh = store.rotate_tokens(ws, workspace.edit_token, (VIEW,))
    assert store.role(ws, workspace.edit_token) == EDIT  # the edit link still works
    assert store.role(ws, fresh[VIEW]) == VIEW
    with pytest.raises(InvalidLink):
        store.open(ws, workspace.view_token)
    both = store.rotate_tokens(ws, workspace.edit_token)
    for old in (workspace.edit_token, fresh[VIEW]):
        with pytest.raises(InvalidLink):
            store.role(ws, old)
    assert (store.role(ws, both[EDIT]), store.role(ws, both[VIEW])) == (EDIT, VIEW)


def test_comparing_versions_says_what_changed(store, workspace, network):
    ws = workspace.workspace_id
    later = [("b", "a", "2021"), ("c", "d", "2022"), ("d", "e", "2023")]  # b-a is a-b
    store.save_version(ws, workspace.edit_token, network(later))
    result = store.compare_versions(ws, workspace.view_token, 1, 2)
    assert (result.old.ties, result.new.ties, result.new.periods) == (3, 3, 3)
    changes = result.changes
    assert list(changes.orgs_added["id"]) == ["e"]
    assert changes.orgs_removed.empty
    assert changes.ties_added[["source", "target", "period"]].values.tolist() == [
        ["d", "e", "2023"]]
    assert changes.ties_removed[["source", "target"]].values.tolist() == [["b", "c"]]
    with pytest.raises(StoreError, match="two saved versions"):
        store.compare_versions(ws, workspace.view_token, 1, 5)


# --- safety ----------------------------------------------------------------------


def test_two_people_saving_at_once_both_land(store, workspace, network):
    ws, edit = workspace.workspace_id, workspace.edit_token
    datasets = [network([*TIES, ("x", f"y{i}", "2024")]) for i in range(2)]
    start = threading.Barrier(2)

    def save(dataset):
        start.wait(timeout=30)
        return store.save_version(ws, edit, dataset).number

    with ThreadPoolExecutor(2) as pool:
        numbers = list(pool.map(save, datasets))
    assert sorted(numbers) == [2, 3]
    saved = {v.fingerprint for v in store.open(ws, edit).versions}
    assert {d.fingerprint for d in datasets} <= saved


def test_twenty_savers_times_ten_saves_all_land_with_contiguous_numbers(store, workspace,
                                                                        network, monkeypatch):
    """200 saves at once to one workspace: each waits its turn in the database, none refused."""
    ws, edit, dataset = workspace.workspace_id, workspace.edit_token, network()
    workbook = store_module._checked_workbook(dataset)
    monkeypatch.setattr(store_module, "_checked_workbook", lambda _: workbook)  # race the DB
    start = threading.Barrier(SAVERS)

    def saver(who: int) -> list[int]:
        start.wait(timeout=60)
        return [store.save_version(ws, edit, dataset, note=f"{who}.{i}").number
                for i in range(SAVES_EACH)]

    with ThreadPoolExecutor(SAVERS) as pool:
        numbers = [n for mine in pool.map(saver, range(SAVERS)) for n in mine]
    assert len(numbers) == SAVERS * SAVES_EACH
    assert sorted(numbers) == list(range(2, SAVERS * SAVES_EACH + 2))  # 1 is the creation
    saved = store.open(ws, edit).versions
    assert [v.number for v in saved] == list(range(1, SAVERS * SAVES_EACH + 2))
    assert {v.note for v in saved[1:]} == {f"{w}.{i}" for w in range(SAVERS)
                                           for i in range(SAVES_EACH)}


_SAVE_FOREVER = """
import sys
from csvcore.io.importer import load_files
from csvcore.workspaces.store import Store
url, ws, token, path = sys.argv[1:]
store = Store(url)
dataset, _ = load_files([(path.rsplit("/", 1)[-1], open(path, "rb").read())])
while True:
    print(store.save_version(ws, token, dataset).number, flush=True)
"""


def test_a_saving_process_killed_hard_loses_nothing_saved(store, workspace, team_workbook,
                                                          database_url, tmp_path):
    """kill -9 during a stream of saves: every save reported done is there, the numbers run
    on without a gap, every version reopens, and the next save takes the next number."""
    path = tmp_path / "team.xlsx"
    path.write_bytes(team_workbook())
    ws, edit = workspace.workspace_id, workspace.edit_token
    saver = subprocess.Popen([sys.executable, "-c", _SAVE_FOREVER, database_url, ws, edit,
                              str(path)], stdout=subprocess.PIPE, text=True, cwd=ROOT,
                             env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        reported = [int(saver.stdout.readline()) for _ in range(3)]
    finally:
        os.kill(saver.pid, signal.SIGKILL)
        saver.wait(timeout=30)
    assert saver.returncode == -signal.SIGKILL
    after = Store(database_url)
    try:
        numbers = [v.number for v in after.open(ws, edit).versions]
        assert numbers == list(range(1, len(numbers) + 1))
        assert set(reported) <= set(numbers) and reported == [2, 3, 4]
        fingerprints = {after.load_version(ws, edit, n).fingerprint for n in numbers}
        assert len(fingerprints) == 1
        assert after.save_version(ws, edit, after.load_version(ws, edit)).number == \
            numbers[-1] + 1
    finally:
        after.engine.dispose()


@pytest.mark.parametrize("operation", ["create", "save"])
def test_a_save_that_fails_halfway_leaves_the_previous_versions(store, workspace, network,
                                                                 operation):
    def fail_after_insert(conn, cursor, statement, *args):
        if statement.startswith("INSERT INTO versions"):
            raise RuntimeError("the disk is full")

    sa.event.listen(store.engine, "after_cursor_execute", fail_after_insert)
    with pytest.raises(RuntimeError):
        if operation == "create":
            store.create_workspace("Second", network())
        else:
            store.save_version(workspace.workspace_id, workspace.edit_token, network(TIES[:2]))
    sa.event.remove(store.engine, "after_cursor_execute", fail_after_insert)
    assert len(rows(store, "workspaces")) == 1
    assert [v.number for v in store.open(workspace.workspace_id, workspace.edit_token)
            .versions] == [1]
    assert store.load_version(workspace.workspace_id, workspace.edit_token).fingerprint == \
        network().fingerprint


def test_only_a_dataset_that_reads_back_within_the_limits_is_saved(store, workspace, network,
                                                                   monkeypatch):
    ws, edit, dataset = workspace.workspace_id, workspace.edit_token, network()
    corrupt, report = load_files([("broken.xlsx", b"PK\x03\x04 not a workbook")])
    assert corrupt is None and not report.ok
    reordered = dataset.replace(periods=("2022", "2021"))  # not what the file would say
    for dataset in (corrupt, "a,b\n", reordered):
        with pytest.raises(NotSaved):
            store.save_version(ws, edit, dataset)
    with pytest.raises(NotSaved, match="a name"):
        store.create_workspace(" \n ", dataset)
    monkeypatch.setitem(LIMITS, "upload_mb", 0.001)
    with pytest.raises(NotSaved, match="MB"):
        store.save_version(ws, edit, dataset)
    assert len(rows(store, "versions")) == 1 and len(rows(store, "workspaces")) == 1


def test_a_damaged_stored_version_is_an_error_not_a_crash(store, workspace):
    with store.engine.begin() as conn:
        conn.execute(sa.text("UPDATE versions SET workbook = :junk"), {"junk": b"junk"})
    with pytest.raises(StoreError, match="could not be read"):
        store.load_version(workspace.workspace_id, workspace.view_token)


# --- configuration ---------------------------------------------------------------


def test_the_database_url_comes_from_the_environment_then_the_secrets_then_a_file(
        monkeypatch):
    monkeypatch.delenv(store_module.ENV_URL, raising=False)
    assert database_url() == f"sqlite:///{store_module.DEFAULT_PATH}"
    assert database_url("postgresql://db/svn") == "postgresql://db/svn"
    monkeypatch.setenv(store_module.ENV_URL, "sqlite:////tmp/x.db")
    assert database_url("postgresql://db/svn") == "sqlite:////tmp/x.db"


def test_postgresql_urls_use_psycopg_3():
    engine = make_engine("postgres://user@db.example/svn")
    assert engine.dialect.driver == "psycopg"
    engine.dispose()
