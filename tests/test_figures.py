"""Every figure builder, without Streamlit: its traces, axes, the "(us)" styling and escaped text."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest

from ui.figures import business_case, leadership, network_map, style
from ui.figures.map_svg import map_svg

ROOT = Path(__file__).resolve().parents[1]
EVIL = "<b onmouseover=alert(1)>Acme</b>"
SAFE = "&lt;b onmouseover=alert(1)&gt;Acme&lt;/b&gt;"


def all_text(fig: go.Figure) -> str:
    """Every string of a figure (traces, layout, annotations) as one text."""
    return fig.to_json()


# --- the style --------------------------------------------------------------------------

def test_colours_are_stable_and_known_sectors_keep_theirs():
    assert style.color_map(["NGO", "Weird", "Business"]) == style.color_map(
        ["Business", "NGO", "Weird"])
    mapping = style.color_map(["NGO", "Weird", "Other"])
    assert mapping["NGO"] == style.SECTOR_COLORS["NGO"]
    assert mapping["Weird"] != mapping["Other"]
    assert mapping["Other"] not in style.SECTOR_COLORS.values()


def test_text_is_escaped_and_labels_are_one_line():
    frame = style.escaped(pd.DataFrame({"name": [EVIL], "n": [1]}))
    assert frame.loc[0, "name"] == SAFE and frame.loc[0, "n"] == 1
    assert style.label("a\nb\x00c") == "a b c"
    assert style.label("Water stewardship in river basins", 12) == \
        "Water<br>stewardship<br>in river<br>basins"


def test_styled_sets_height_margins_and_one_font():
    fig = style.styled(go.Figure(), height=222, top=77)
    assert fig.layout.height == 222 and fig.layout.margin.t == 77
    assert fig.layout.margin.l == style.MARGIN["l"] and fig.layout.font.size == style.FONT_SIZE
    assert style.period_axis(go.Figure()).layout.xaxis.type == "category"


def nodes() -> pd.DataFrame:
    return pd.DataFrame({"id": ["us", "a", "b"], "name": ["Acme", EVIL, "Beta"],
                         "sector": ["Business", "NGO", "NGO"], "community": [0, 0, 1],
                         "influence": [0.5, 1.0, 0.0], "x": [0.0, 1.0, 2.0], "y": [0.0, 1.0, 0.0]})


def edges() -> pd.DataFrame:
    return pd.DataFrame({"source": ["us", "a"], "target": ["a", "b"], "strength": [2.0, 1.0],
                         "type": ["", ""]})


def test_graph_style_draws_us_dark_labelled_and_outlined():
    drawn, lines = style.graph_style(nodes(), edges(), "us", outlined=["b"], new_ties=["b"])
    us = drawn.set_index("id").loc["us"]
    assert us["label"] == "Acme (us)" and us["color"] == style.US_COLOR and us["highlight"]
    assert drawn.set_index("id").loc["a", "color"] == style.SECTOR_COLORS["NGO"]
    assert drawn["highlight"].tolist() == [True, False, True]
    assert drawn["size"].tolist() == [22.5, 35.0, 10.0]  # 10 + 25 x influence
    assert lines["width"].tolist() == [5.0, 3.0, 5.0]  # by strength; the proposed tie thick
    assert lines.iloc[-1][["source", "target", "color"]].tolist() == ["us", "b",
                                                                      style.NEW_TIE_COLOR]


def test_graph_style_colours_by_any_column_and_survives_ties_of_strength_zero():
    zero = edges().assign(strength=0.0)
    drawn, lines = style.graph_style(nodes(), zero, None, color_by="community")
    assert drawn["label"].tolist() == ["Acme", EVIL, "Beta"]  # no "(us)": agraph paints text
    assert drawn["color"].nunique() == 2 and lines["width"].tolist() == [1.0, 1.0]


# --- step 1 ------------------------------------------------------------------------------

def points() -> pd.DataFrame:
    return pd.DataFrame({
        "challenge": ["Water", EVIL, "Skills"], "description": ["Rivers", "<i>x</i>", ""],
        "business_impact": [9.0, 9.0, 5.0], "societal_impact": [9.0, 9.0, 4.0],
        "level": ["value chain", "value chain", "local cluster"],
        "priority": [8.9, 5.0, float("nan")], "size": [8.9, 5.0, 1.0]})


def test_matrix_chart_places_challenges_side_by_side_and_rings_the_active_one():
    fig = business_case.matrix_chart(points(), active="Water")
    bubbles = [t for t in fig.data if t.name != "active challenge"]
    assert sorted(t.name for t in bubbles) == ["local cluster", "value chain"]
    chain = next(t for t in bubbles if t.name == "value chain")
    assert list(chain.x) == [8.775, 9.225]  # same impacts: spread 0.45 apart
    assert [c[0] for c in chain.customdata] == ["Water", EVIL]  # raw names for the click
    assert SAFE in [c[1] for c in chain.customdata] and EVIL not in chain.text
    # right of the chart: labels point inwards; the second may too, the first's label is away
    assert list(chain.textposition) == ["middle left", "middle left"]
    ring = fig.data[-1]
    assert ring.name == "active challenge" and list(ring.x) == [8.775]
    assert fig.layout.xaxis.title.text == "Societal impact →"
    assert "not ranked" in all_text(fig)  # Skills has no priority


def test_matrix_chart_without_an_active_challenge_has_no_ring():
    fig = business_case.matrix_chart(points())
    assert all(t.name != "active challenge" for t in fig.data)


def test_rank_heatmap_labels_each_cell_rank_and_score_in_the_given_order():
    ranks = pd.DataFrame({"Dry": [1, 2], "Wet": [2, 1]}, index=["Water", EVIL])
    scores = pd.DataFrame({"Wet": [4.0, 8.0], "Dry": [9.0, 3.5]}, index=["Water", EVIL])
    fig = business_case.rank_heatmap(ranks, scores, {"Dry": 0.25, "Wet": 0.75}, 1,
                                     order=[EVIL, "Water", "not ranked"])
    heat = fig.data[0]
    assert list(heat.y) == [SAFE, "Water"]
    assert heat.z.tolist() == [[2, 1], [1, 2]]
    assert heat.text.tolist() == [["#2 · 3.5", "#1 · 8"], ["#1 · 9", "#2 · 4"]]
    assert list(heat.x) == ["Dry<br>p=0.25", "Wet<br>p=0.75"]
    assert fig.layout.yaxis.autorange == "reversed" and fig.layout.height == 150 + 88
    assert "top 1 = the top third" in fig.layout.title.text


# --- step 2 ------------------------------------------------------------------------------

def test_ranked_bar_says_us_and_escapes_names():
    frame = nodes().assign(influence=[0.5, 1.0, 0.2])
    fig = network_map.ranked_bar(frame, "influence", "Influence", us="us")
    labels = [y for t in fig.data for y in t.y]
    assert "Acme (us)" in labels and SAFE in labels and EVIL not in labels
    assert {t.name for t in fig.data} == {"Business", "NGO"}
    assert fig.layout.title.text == "Top by influence"
    assert fig.layout.yaxis.categoryorder == "total ascending"


def history() -> pd.DataFrame:
    return pd.DataFrame({"period": ["2020", "2021", "2020", "2021"],
                         "name": ["Acme", "Acme", EVIL, EVIL], "influence": [0.1, 0.3, 0.5, 0.4],
                         "rank": [2, 1, 1, 2]})


def test_trend_lines_draw_one_line_per_organization_on_period_categories():
    fig = network_map.trend_lines(history(), "influence", "Influence")
    assert sorted(t.name for t in fig.data) == sorted(["Acme", SAFE])
    assert fig.layout.xaxis.type == "category" and fig.layout.title.text == "Influence over time"
    assert list(fig.data[0].y) == [0.1, 0.3]


def test_bump_chart_puts_rank_one_on_top():
    fig = network_map.bump_chart(history())
    assert fig.layout.yaxis.autorange == "reversed" and fig.layout.yaxis.dtick == 5
    assert EVIL not in all_text(fig)


def test_summary_lines_draw_one_panel_per_figure_named_by_its_label():
    frame = pd.DataFrame({"period": ["2020", "2021"], "ties": [10, 12], "density": [0.1, 0.2]})
    fig = network_map.summary_lines(frame, {"ties": "Ties", "density": "Density"})
    assert len(fig.data) == 2
    assert sorted(a.text for a in fig.layout.annotations) == ["Density", "Ties"]
    assert fig.layout.yaxis.matches is None and fig.layout.xaxis.type == "category"


@pytest.mark.parametrize("size, trace", [(3, go.Scatter), (network_map.WEBGL_FROM, go.Scattergl)])
def test_network_overview_is_svg_for_small_maps_and_webgl_for_large(size, trace):
    many = pd.DataFrame({"id": [f"o{i}" for i in range(size)], "name": EVIL,
                         "x": range(size), "y": 0.0, "influence": 0.5,
                         "sector": ["NGO", "Business"] * (size // 2) + ["NGO"] * (size % 2)})
    ties = pd.DataFrame({"source": ["o0", "o1", "gone"], "target": ["o1", "o2", "o0"]})
    fig = network_map.network_overview(many, ties, "sector")
    assert all(type(t) is trace for t in fig.data)
    lines = fig.data[0]
    assert list(lines.x[:6]) == [0, 1, None, 1, 2, None]  # the tie to 'gone' is left out
    assert {t.name for t in fig.data[1:]} == {"Business", "NGO"}
    assert EVIL not in all_text(fig)
    assert fig.layout.yaxis.scaleanchor == "x" and fig.layout.xaxis.visible is False


# --- step 3 ------------------------------------------------------------------------------

def test_gap_heatmap_orders_practices_and_boundaries_and_labels_current_to_target():
    gaps = pd.DataFrame({"practice": ["weaving", "buffering", "my own"],
                         "boundary": ["vertical", "vertical", "horizontal"],
                         "current": [2.0, 4.0, 1.0], "target": [4.0, 4.5, 3.0],
                         "gap": [2.0, 0.5, 2.0]})
    heat = leadership.gap_heatmap(gaps).data[0]
    assert list(heat.y) == ["buffering", "weaving", "my own"]  # the method's order first
    assert list(heat.x) == ["vertical", "horizontal"]
    assert heat.text.tolist()[0] == ["4→4.5", ""]
    assert heat.zmin == 0 and heat.zmax == 4.0


def crossing() -> pd.DataFrame:
    rows = []
    for period in ("2020", "2021"):
        rows += [{"period": period, "attribute": "sector", "boundary": "stakeholder",
                  "who": who, "name": name, "ei": ei}
                 for who, name, ei in (("network", "the whole network", 0.5), ("us", "Acme", -1.0),
                                       ("competitor", EVIL, 0.0))]
    return pd.DataFrame(rows)


def test_ei_chart_draws_us_thick_the_network_dotted_competitors_dashed():
    fig = leadership.ei_chart(crossing())
    lines = {t.name: t.line for t in fig.data}
    assert lines["Us: Acme"].width == 4 and lines["Us: Acme"].color == style.US_COLOR
    assert lines["Whole network"].dash == "dot"
    assert lines[f"Competitor: {SAFE}"].dash == "dash"
    assert tuple(fig.layout.yaxis.range) == (-1.05, 1.05)
    assert fig.layout.title.text == "sector: a stakeholder boundary"


def test_brokerage_bars_stack_the_roles_in_order_first_row_on_top():
    roles = pd.DataFrame({"organization": ["Acme", EVIL], "coordinator": [1, 2],
                          "liaison": [3, 0]})
    fig = leadership.brokerage_bars(roles, ["coordinator", "liaison"])
    assert [t.name for t in fig.data] == ["coordinator", "liaison"]
    assert list(fig.data[1].x) == [3, 0] and SAFE in fig.data[0].y
    assert fig.layout.yaxis.autorange == "reversed"


# --- the home page's SVG ----------------------------------------------------------------

def test_map_svg_draws_us_dark_and_its_legend_escaped():
    svg = map_svg(nodes().assign(sector=["Business", EVIL, "NGO"]), edges(), "sector", us="us")
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert svg.count("<line") == 2 and svg.count('r="9.0"') == 1
    assert f'fill="{style.US_COLOR}"' in svg and ">us</text>" in svg
    assert "<b " not in svg and "&lt;b onmouseover" in svg


def test_the_figures_import_no_streamlit():
    code = ("import sys, ui.figures.style, ui.figures.business_case, ui.figures.network_map, "
            "ui.figures.leadership, ui.figures.map_svg, ui.text, ui.selection; "
            "print('streamlit' in sys.modules)")
    shown = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                           text=True, check=True)
    assert shown.stdout.strip() == "False"
