"""The Workspaces page and workspace links, driven as users drive them (Streamlit AppTest)."""

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from csvcore.workspaces.access import EDIT, VIEW
from csvcore.workspaces.store import ENV_URL, LINK_NOT_VALID, Store, ViewOnly
from ui.workspace import store_for

ROOT = Path(__file__).resolve().parents[1]
PAGES = re.findall(r'st\.Page\("([^"]+)"', (ROOT / "app.py").read_text())
EDIT_CONTROLS = {"ws_name", "ws_create", "ws_note", "ws_save", "ws_rotate_view", "ws_rotate_all",
                 "ws_close", "home_use_sample"}


@pytest.fixture
def database_url(tmp_path):
    """SQLite only here: the pages do not depend on the backend, which tests/test_store.py
    and the browser journey cover on both."""
    return f"sqlite:///{tmp_path / 'workspaces.db'}"


@pytest.fixture
def store(database_url, monkeypatch):
    """The store the app uses (the app reads $SVN_DATABASE_URL)."""
    monkeypatch.setenv(ENV_URL, database_url)
    yield Store(database_url)
    store_for.clear()


def app(ws: str | None = None, token: str | None = None) -> AppTest:
    """Return the app after its first run, opened with a link when ``ws``/``token`` are given."""
    at = AppTest.from_file("../app.py", default_timeout=60)
    for key, value in (("ws", ws), ("token", token)):
        if value is not None:
            at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def on_page(at: AppTest, page: str) -> AppTest:
    at.switch_page(page).run()
    assert not at.exception, (page, at.exception)
    return at


def upload(at: AppTest, data: bytes, name: str = "team.xlsx") -> None:
    at.file_uploader(key="home_uploader").set_value([(name, data, "application/octet-stream")]).run()
    assert not at.exception and not at.session_state.app_report.errors


def click(at: AppTest, key: str) -> AppTest:
    at.button(key=key).click().run()
    assert not at.exception, at.exception
    return at


def shown_text(at: AppTest) -> str:
    return "\n".join(str(e.value) for kind in (at.title, at.markdown, at.caption, at.error,
                                                at.info, at.code, at.sidebar.markdown)
                     for e in kind)


@pytest.fixture
def saved(store, team_workbook):
    """An editor's session that uploaded the team's workbook and saved it as a workspace."""
    at = app()
    upload(at, team_workbook())
    on_page(at, "pages/workspaces.py")
    at.text_input(key="ws_name").set_value("Water stewardship").run()
    click(at, "ws_create")
    return at


def test_saving_a_workspace_shows_the_view_link_to_its_maker_only(saved, store):
    link = saved.session_state.app_link
    assert (link.role, link.name, link.version) == (EDIT, "Water stewardship", 1)
    edit_url, view_url = (c.value for c in saved.code)
    assert edit_url.endswith(f"?ws={link.workspace_id}&token={link.token}")
    view_token = view_url.rsplit("token=", 1)[1]
    assert store.role(link.workspace_id, view_token) == VIEW
    assert saved.query_params["ws"] == link.workspace_id  # reloading keeps the workspace
    assert "Water stewardship" in saved.sidebar.caption[-1].value

    teammate = on_page(app(link.workspace_id, link.token), "pages/workspaces.py")
    assert [c.value for c in teammate.code] == [edit_url]  # the view link was shown once
    assert "Make a new one" in shown_text(teammate)


def test_an_editor_saves_versions_opens_and_compares_them(saved, store, team_workbook):
    link = saved.session_state.app_link
    first = saved.session_state.app_dataset.fingerprint
    upload(on_page(saved, "pages/home.py"), team_workbook([("a", "b", "2021"),
                                                            ("d", "e", "2023")]))
    on_page(saved, "pages/workspaces.py")
    saved.text_input(key="ws_note").set_value("2023 survey").run()
    click(saved, "ws_save")
    assert saved.success and "version 2" in saved.success[0].value
    assert [v.note for v in store.open(link.workspace_id, link.token).versions] == [
        "", "2023 survey"]

    saved.selectbox(key="ws_open").set_value(1).run()
    click(saved, "ws_open_button")
    assert saved.session_state.app_dataset.fingerprint == first
    assert saved.session_state.app_link.version == 1

    click(saved, "ws_compare")
    counts = {m.label: m.value for m in saved.metric}
    assert counts == {"Organizations, version 2": "4", "Ties, version 2": "2",
                     "Periods, version 2": "2"}
    assert "Organizations added: 1" in shown_text(saved)
    assert "Organizations removed: 1" in shown_text(saved)
    assert "Ties removed: 2" in shown_text(saved)


def test_a_view_link_shows_the_data_and_no_way_to_change_it(saved, store):
    ws = saved.session_state.app_link.workspace_id
    view_token = saved.code[1].value.rsplit("token=", 1)[1]
    viewer = app(ws, view_token)
    assert viewer.session_state.app_dataset.fingerprint == saved.session_state.app_dataset.fingerprint
    assert "view only" in viewer.sidebar.caption[-1].value
    for page in PAGES:
        on_page(viewer, page)
        assert not viewer.file_uploader, page
        assert not viewer.data_editor, page
        assert not EDIT_CONTROLS & {w.key for w in [*viewer.button, *viewer.text_input]}, page
    assert "View only" in shown_text(viewer)
    with pytest.raises(ViewOnly):
        store.save_version(ws, view_token, saved.session_state.app_dataset)
    with pytest.raises(ViewOnly):
        store.rotate_tokens(ws, view_token)


def test_a_wrong_link_shows_one_neutral_message_and_nothing_else(saved):
    link = saved.session_state.app_link
    seen = []
    for ws, token in ((link.workspace_id, "wrong"), (link.workspace_id, None),
                      ("unknown", link.token), (None, link.token)):
        at = app(ws, token)
        text = shown_text(at)
        assert LINK_NOT_VALID in text and "Water" not in text
        assert not at.metric and not at.sidebar.selectbox and not at.button
        seen.append(text)
    assert len(set(seen)) == 1


def test_a_new_view_link_closes_open_viewer_sessions(saved):
    link = saved.session_state.app_link
    viewer = app(link.workspace_id, saved.code[1].value.rsplit("token=", 1)[1])
    click(saved, "ws_rotate_view")
    assert saved.session_state.app_link.token == link.token  # the edit link still works
    new_view = saved.code[1].value
    viewer.run()  # the viewer's next click
    assert LINK_NOT_VALID in shown_text(viewer) and "Water" not in shown_text(viewer)
    assert not app(link.workspace_id, new_view.rsplit("token=", 1)[1]).error


def test_closing_the_workspace_returns_to_the_sample(saved):
    click(saved, "ws_close")
    assert "app_link" not in saved.session_state
    assert "ws" not in saved.query_params
    assert saved.session_state.app_dataset.name == "sample.xlsx"
    on_page(saved, "pages/workspaces.py")
    assert saved.button(key="ws_create")


def test_sign_in_when_configured_admits_only_the_allowed_domains():
    at = AppTest.from_file("../app.py", default_timeout=60)
    at.secrets["auth"] = {"redirect_uri": "https://svn.example.org/oauth2callback",
                          "cookie_secret": "test"}
    at.secrets["workspaces"] = {"allowed_domains": ["example.org"]}
    at.run()
    assert [b.label for b in at.button] == ["Sign in"] and not at.metric
    at.user.update(is_logged_in=True, email="ana@example.org")
    at.run()
    assert not at.exception and at.metric
    at.user["email"] = "eve@example.org.evil.com"
    at.run()
    assert [b.label for b in at.button] == ["Sign out"] and at.error and not at.metric
