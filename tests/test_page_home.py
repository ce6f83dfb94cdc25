"""The home page driven as a user drives it (Streamlit AppTest)."""

import pytest
from streamlit.testing.v1 import AppTest

EDGES = b"from,to,year,weight\nAcme,River Trust,2021,2\nAcme,City Water,2021,1\n" \
        b"River Trust,City Water,2022,3\n"


@pytest.fixture
def at():
    app = AppTest.from_file("../app.py", default_timeout=60)
    app.run()
    assert not app.exception, app.exception
    return app


def metrics(app) -> dict[str, str]:
    return {m.label: m.value for m in app.metric}


def upload(app, *files):
    app.file_uploader(key="home_uploader").set_value(list(files)).run()
    assert not app.exception, app.exception


def test_opens_on_the_sample_with_an_overview(at):
    shown = metrics(at)
    assert 80 <= int(shown["Organizations"].replace(",", "")) <= 150
    assert int(shown["Periods"]) >= 6
    assert not at.error
    assert at.sidebar.selectbox(key="sb_focal").value == at.session_state.app_dataset.focal_id


def test_a_good_upload_replaces_the_sample(at):
    upload(at, ("ties.csv", EDGES, "text/csv"))
    assert metrics(at)["Organizations"] == "3"
    assert metrics(at)["Tie rows"] == "3"
    assert at.sidebar.selectbox(key="sb_period").options == ["2021", "2022"]
    assert at.sidebar.selectbox(key="sb_period").value == "2022"
    assert not at.error


def test_a_bad_upload_keeps_the_data_and_says_what_to_fix(at):
    upload(at, ("ties.csv", EDGES, "text/csv"))
    upload(at, ("broken.xlsx", b"", "application/octet-stream"))
    assert metrics(at)["Organizations"] == "3"  # the good upload is still there
    assert any("could not be used" in e.value for e in at.error)
    report = at.session_state.app_report
    assert report.errors and report.errors[0].file == "broken.xlsx"


def test_the_sample_comes_back_on_request(at):
    upload(at, ("ties.csv", EDGES, "text/csv"))
    at.button(key="home_use_sample").click().run()
    assert int(metrics(at)["Organizations"].replace(",", "")) >= 80


def test_every_page_opens_without_error(at):
    for page in ("pages/1_business_case.py", "pages/2_network_map.py", "pages/3_leadership.py"):
        at.switch_page(page).run()
        assert not at.exception, (page, at.exception)
