"""Step 1 page driven as a user drives it (Streamlit AppTest), on the bundled sample."""

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from csvcore.io.export.workbook import export_xlsx
from csvcore.io.importer import load_files

PAGE = "pages/1_business_case.py"
TIES = (b"from,to,year,challenge\nAcme,River Trust,2021,Clean rivers\n"
        b"Acme,City Water,2022,Clean rivers\nRiver Trust,City Water,2022,\n")


@pytest.fixture
def at():
    """The app on the business case page, after a first run through app.py."""
    app = AppTest.from_file("../app.py", default_timeout=60)
    app.run()
    app.switch_page(PAGE).run()
    assert not app.exception, app.exception
    assert app.sidebar.selectbox(key="sb_challenge")  # the run went through app.py
    return app


def ranking(app) -> list[str]:
    return app.dataframe(key="bc_ranking").value["Challenge"].tolist()


def edit(app, editor: int, **state) -> None:
    """Apply an edit state (edited_rows, added_rows, deleted_rows) to the nth editor."""
    key = app.data_editor[editor].key
    app.session_state[key] = {"edited_rows": {}, "added_rows": [], "deleted_rows": [], **state}
    app.run()
    assert not app.exception, app.exception


def test_the_page_opens_with_the_answer_first(at):
    assert at.title[0].value == "1 · Business case"
    assert at.markdown[0].value.startswith("#### Water stewardship is the robust priority")
    assert "Nutrition is a bet on one future" in at.markdown[1].value
    assert ranking(at)[0] == "Water stewardship" and len(ranking(at)) == 7
    assert not at.error and not at.warning
    assert [e.key.split("_")[1] for e in at.data_editor] == ["scenarios", "challenges"]
    assert at.download_button(key="bc_download").label == "Download the workbook (XLSX)"


def test_a_probability_edit_moves_the_ranking_and_keeps_the_rest(at):
    before = at.session_state.app_dataset
    assert ranking(at)[-1] == "Nutrition"
    edit(at, 0, edited_rows={1: {"probability": 0.9}})  # Regulated nutrition 0.25 -> 0.9
    after = at.session_state.app_dataset
    assert after.scenarios["probability"].tolist() == [0.45, 0.9, 0.2, 0.1]
    assert ranking(at)[:2] == ["Water stewardship", "Nutrition"]
    assert any("sum to 1\\.65" in c.value for c in at.caption)  # normalised, and said so
    pd.testing.assert_frame_equal(after.relationships, before.relationships)
    pd.testing.assert_frame_equal(after.organizations, before.organizations)
    assert after.periods == before.periods


def test_a_new_challenge_survives_the_download_and_upload(at):
    row = {"challenge": "=Ocean plastic", "business_impact": 10, "societal_impact": 10,
           "shared_value_level": "local cluster", "Water stress 2035": 10,
           "Regulated nutrition": 10, "Fragmented markets": 10, "Tech leap": 10}
    edit(at, 1, added_rows=[row])
    assert ranking(at)[0] == "=Ocean plastic"
    assert at.markdown[0].value.startswith(
        "#### =Ocean plastic and Water stewardship are the robust priorities")
    ds = at.session_state.app_dataset
    loaded, report = load_files([("edited.xlsx", export_xlsx(ds))])
    assert report.ok, report.as_text()
    pd.testing.assert_frame_equal(loaded.challenges, ds.challenges)
    pd.testing.assert_frame_equal(loaded.scenarios, ds.scenarios)


def test_a_bad_edit_says_what_to_fix_and_changes_nothing(at):
    before = at.session_state.app_dataset.fingerprint
    edit(at, 1, added_rows=[{"description": "no name yet"}])
    assert any("Give the challenge in row 8 a name" in w.value for w in at.warning)
    assert at.session_state.app_dataset.fingerprint == before
    assert not at.error


def test_a_challenge_without_impacts_is_listed_and_left_off_the_matrix(at):
    edit(at, 1, edited_rows={2: {"business_impact": None}})  # Rural livelihoods
    assert any("Not on the matrix" in c.value and "Rural livelihoods" in c.value
               for c in at.caption)
    assert "Rural livelihoods" in ranking(at)  # still ranked: its scenario scores are there


def test_one_click_opens_the_network_map_on_that_challenge(at):
    names = at.session_state.app_dataset.challenge_names
    at.button(key=f"bc_map_{names.index('Nutrition')}").click().run()
    assert not at.exception, at.exception
    assert at.title[0].value.startswith("2 · Network map")
    assert at.sidebar.selectbox(key="sb_challenge").value == "Nutrition"


def test_a_network_without_challenges_says_what_to_add(at):
    at.switch_page("pages/home.py").run()
    at.file_uploader(key="home_uploader").set_value([("ties.csv", TIES, "text/csv")]).run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    assert any("no **challenges** yet" in i.value for i in at.info)
    assert at.download_button(key="bc_template").label == "Template (XLSX)"
    # the challenge named on ties is counted and offered for scoring
    assert at.dataframe[0].value["challenge"].tolist() == ["Clean rivers"]
    assert at.data_editor[1].value["challenge"].tolist() == ["Clean rivers"]
    assert not at.error
