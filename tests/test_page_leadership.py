"""The leadership-strategy page driven as a user drives it (Streamlit AppTest)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from csvcore.contract.mapkey import MapKey
from csvcore.leadership.brokerage import WHY_NO_ROLES
from csvcore.leadership.strategy import leadership_strategy

PAGE = "pages/3_leadership.py"
SECTIONS = ["Strengths & gaps", "Boundaries", "Brokers", "Partners & what-if", "Dialogue",
            "Executive brief"]
UNDIRECTED = (b"source,target,year,challenge\nAcme,River Trust,2021,Clean rivers\n"
              b"Acme,City Water,2022,Clean rivers\nRiver Trust,City Water,2022,\n"
              b"City Water,Dam Board,2022,\n")


def open_page(timeout: int = 120) -> AppTest:
    app = AppTest.from_file("../app.py", default_timeout=timeout)
    app.run()
    app.switch_page(PAGE).run()
    assert not app.exception, app.exception
    return app


@pytest.fixture(scope="module")
def at():
    return open_page()


def frame(app: AppTest, column: str):
    """The first dataframe on the page with this column (plain dataframes carry no key)."""
    return next(d.value for d in app.dataframe if column in d.value.columns)


def show(app: AppTest, section: str) -> None:
    app.segmented_control(key="ls_section").set_value(section).run()
    assert not app.exception, (section, app.exception)
    assert not app.error, (section, [e.value for e in app.error])


@pytest.mark.parametrize("section", SECTIONS)
def test_every_section_renders(at, section):
    show(at, section)
    assert at.title[0].value == "3 · Leadership strategy"


def test_the_page_opens_on_strengths_and_gaps(at):
    show(at, "Strengths & gaps")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Partners"] == "6" and metrics["Within 2 steps"] == "24"
    shown = "\n".join(m.value for m in at.markdown)
    assert "##### :material/report: Weaknesses" in shown
    assert "**Links to rising players**: 20 of 26 rising players are more" in shown
    assert "**Reach**: We reach 24 organizations" in shown  # in between, in an expander
    assert any(e.label.startswith("In between: 4 more finding") for e in at.expander)
    assert at.session_state.sb_challenge == "Water stewardship"


def test_a_proposed_tie_moves_the_whatif_numbers(at):
    show(at, "Partners & what-if")
    candidates = frame(at, "reasons")
    assert len(candidates) == 10 and "Institute for Water and Agrarian Studies, Pune" in set(
        candidates["name"])
    before = frame(at, "meaning").set_index("label")
    assert (before["change"] == 0).all()
    at.multiselect(key="ls_new_ties").set_value(["in-iwas"]).run()
    assert not at.exception
    after = frame(at, "meaning").set_index("label")
    assert after.loc["Partners", "after"] == before.loc["Partners", "before"] + 1
    assert after.loc["Reach within 2 steps", "change"] == 5
    metrics = {m.label: m for m in at.metric}
    assert metrics["Reach within 2 steps"].value == "29"
    assert metrics["Reach within 2 steps"].delta == "+5"
    at.multiselect(key="ls_new_ties").set_value([]).run()


def test_boundaries_follow_the_chosen_columns_and_competitors(at):
    show(at, "Boundaries")
    crossing = frame(at, "expected_ei")
    assert set(crossing["attribute"]) == {"sector", "geography", "scale"}
    assert set(crossing.loc[crossing["who"] == "Competitor", "name"]) >= {"BlueSpring Beverages"}
    at.multiselect(key="ls_extra_columns").set_value(["role"]).run()
    at.selectbox(key="ls_kind_0_role").set_value("horizontal").run()
    crossing = frame(at, "expected_ei")
    assert set(crossing["attribute"]) == {"sector", "geography", "role"}
    assert set(crossing.loc[crossing["attribute"] == "role", "boundary"]) == {"horizontal"}
    at.multiselect(key="ls_rivals").set_value([]).run()
    assert "Competitor" not in set(frame(at, "expected_ei")["who"])
    at.multiselect(key="ls_extra_columns").set_value(["scale"]).run()
    at.multiselect(key="ls_rivals").set_value(["bluespring"]).run()


def test_brokers_shows_roles_for_us_and_the_top_players(at):
    show(at, "Brokers")
    roles = frame(at, "liaison")
    assert roles["organization"].iloc[0] == "AquaNourish Foods" and len(roles) == 6
    assert list(roles.columns[1:]) == ["coordinator", "itinerant", "representative",
                                       "gatekeeper", "liaison", "total"]


def test_dialogue_and_brief(at):
    show(at, "Dialogue")
    group = frame(at, "covers")
    assert len(group) == 8 and group["name"].iloc[0] == "AquaNourish Foods"
    show(at, "Executive brief")
    button = at.download_button(key="ls_brief_dl")
    assert button.label.startswith("Download the brief")
    assert at.markdown[0].value == "### Executive brief\\: Water stewardship"  # md-escaped
    assert any(m.value.startswith("**Approach ") for m in at.markdown)


def test_an_undirected_map_says_why_roles_do_not_apply():
    app = open_page()
    app.switch_page("pages/home.py").run()
    app.file_uploader(key="home_uploader").set_value([("ties.csv", UNDIRECTED, "text/csv")]).run()
    app.switch_page(PAGE).run()
    assert not app.exception, app.exception
    show(app, "Brokers")
    assert any(i.value == WHY_NO_ROLES for i in app.info)
    assert frame(app, "constraint")["organization"].iloc[0] == "Acme"
    show(app, "Strengths & gaps")
    assert any("No self-assessment yet" in i.value for i in app.info)
    for section in SECTIONS[1:]:
        show(app, section)


def test_an_organization_without_ties_gets_a_page():
    app = open_page()
    app.sidebar.selectbox(key="sb_period").select("2019").run()
    app.sidebar.selectbox(key="sb_focal").select("ke-farmsense").run()  # founded 2021
    assert not app.exception, app.exception
    assert any("no tie on this map" in i.value for i in app.info)
    for section in SECTIONS:
        show(app, section)


def test_step_3_computes_on_the_map_filtered_on_step_2_and_says_so():
    app = open_page()
    before = {m.label: m.value for m in app.metric}
    app.switch_page("pages/2_network_map.py").run()
    app.multiselect(key="net_sectors").set_value(["Business", "NGO"]).run()
    assert not app.exception, app.exception
    app.switch_page(PAGE).run()
    assert not app.exception, app.exception
    ds, challenge = app.session_state.app_dataset, app.session_state.sb_challenge
    key = MapKey(challenge, sectors=["Business", "NGO"])
    expected = leadership_strategy(ds, key, ds.periods[-1], ego=ds.focal_id)
    shown = {m.label: m.value for m in app.metric}
    assert shown["Partners"] == str(expected.position.reach["direct"])
    assert shown["Within 2 steps"] == str(expected.position.reach["within_steps"])
    assert shown != before  # the filter changed the numbers
    assert any(key.describe() in c.value.replace("\\", "") for c in app.caption)
    app.sidebar.button(key="sb_clear_filters").click().run()  # the sidebar clears them
    assert {m.label: m.value for m in app.metric} == before
    assert not any("sectors:" in c.value for c in app.caption)
