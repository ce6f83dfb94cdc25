"""The network-map page driven as a user drives it (Streamlit AppTest), on the sample."""

import networkx as nx
import pytest
from streamlit.testing.v1 import AppTest

from csvcore.contract.mapkey import MapKey
from csvcore.graph.build import build_graph

VIEWS = ["Central players", "Over time", "Our position", "Map", "Whole network", "Export"]


@pytest.fixture(scope="module")
def at():
    app = AppTest.from_file("../app.py", default_timeout=120)
    app.run()
    app.switch_page("pages/2_network_map.py").run()
    assert not app.exception, app.exception
    return app


def show(app, view):
    app.session_state["net_view"] = view
    app.run()
    assert not app.exception, (view, app.exception)


@pytest.mark.parametrize("view", VIEWS)
def test_every_view_renders(at, view):
    show(at, view)
    assert at.title[0].value == "2 · Network map"


def test_central_players_ranks_by_influence_in_the_chosen_period(at):
    show(at, "Central players")
    ds = at.session_state.app_dataset
    assert at.subheader[0].value == f"Central players, {ds.periods[-1]}"
    ranked = at.dataframe[0].value
    scores = ranked["influence"].tolist()
    assert scores == sorted(scores, reverse=True)
    assert len(ranked) == len(ds.organizations)  # the fixed roster

    at.sidebar.selectbox(key="sb_period").select(ds.periods[0]).run()
    assert at.subheader[0].value == f"Central players, {ds.periods[0]}"
    at.sidebar.selectbox(key="sb_period").select(ds.periods[-1]).run()


def test_our_position_counts_our_partners(at):
    show(at, "Our position")
    ds = at.session_state.app_dataset
    challenge = at.session_state.sb_challenge
    G = build_graph(ds, MapKey(challenge), ds.periods[-1])
    partners = set(nx.all_neighbors(G, ds.focal_id))
    shown = {m.label: m.value for m in at.metric}
    assert shown["Partners"] == str(len(partners))


def test_a_sector_filter_shrinks_the_roster(at):
    show(at, "Central players")
    at.multiselect(key="net_sectors").select("NGO").run()
    ranked = at.dataframe[0].value
    assert set(ranked["sector"]) == {"NGO"}
    at.multiselect(key="net_sectors").unselect("NGO").run()
    assert len(at.dataframe[0].value) == len(at.session_state.app_dataset.organizations)


def test_over_time_labels_every_organization(at):
    show(at, "Over time")
    labels = {m.label: int(m.value) for m in at.metric}
    assert sum(labels.values()) == len(at.session_state.app_dataset.organizations)
    assert labels["Rising"] > 0 and labels["Fading"] > 0
