"""Step 1, the business case: which societal challenges matter, under which futures.

Reads the session's dataset, asks csvcore.business_case for the answer, draws it.
Edits to challenges and scenarios replace the session's dataset (other tables
untouched) and can be downloaded as a workbook in the same contract.
"""

import html
import logging
import textwrap

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import streamlit as st

from csvcore import business_case as bc
from csvcore.contract.schema import SHARED_VALUE_LEVELS
from csvcore.io.export.workbook import XLSX_MIME, export_xlsx
from pages import charts
from pages.common import cached, can_edit, md_escape, plain, request_challenge, template_button

NETWORK_PAGE = "pages/2_network_map.py"
LEVEL_COLORS = {"products and markets": "#3E6FB0", "value chain": "#D9822B",
                "local cluster": "#2E9E6A", "unspecified": "#B0B7BD"}
NO_TOOLBAR = {"displayModeBar": False}  # it would cover the chart titles
LOG = logging.getLogger(__name__)


@cached
def business_case(ds) -> bc.BusinessCase:
    return bc.analyse(ds.challenges, ds.scenarios)


@cached
def network_summary(ds) -> pd.DataFrame:
    return bc.network_summary(ds)


# --- charts -------------------------------------------------------------------


def _safe(text, width: int = 0) -> str:
    """Return spreadsheet text for a Plotly label: tags escaped, optionally wrapped."""
    text = html.escape(plain(text))
    return "<br>".join(textwrap.wrap(text, width, break_long_words=False)) if width else text


def matrix_chart(points: pd.DataFrame, active: str | None) -> go.Figure:
    """Materiality matrix: societal (x) against business impact (y), bubble = priority.

    Challenges with the same impacts are drawn side by side; hover gives the values.
    """
    shown = points.assign(
        x=points["societal_impact"] + _side_by_side(points),
        name=points["challenge"].map(_safe),
        label=points["challenge"].map(lambda t: _safe(t, 14)),
        about=points["description"].map(lambda t: _safe(t, 60)),
        priority_text=points["priority"].map(lambda p: "not ranked" if pd.isna(p) else f"{p:.1f}"),
        level_text=points["level"].map(_safe))
    colors = {lv: LEVEL_COLORS.get(lv, "#5D6D7E") for lv in shown["level_text"]}
    fig = px.scatter(shown, x="x", y="business_impact", size="size", size_max=44,
                     color="level_text", color_discrete_map=colors, text="label",
                     custom_data=["challenge", "name", "about", "priority_text",
                                  "societal_impact"],
                     category_orders={"level_text": [*SHARED_VALUE_LEVELS, "unspecified"]})
    positions = dict(zip(shown["challenge"], _label_positions(shown)))
    fig.update_traces(
        cliponaxis=False,
        hovertemplate="<b>%{customdata[1]}</b><br>Business impact %{y} · societal impact "
                      "%{customdata[4]}<br>Priority %{customdata[3]}<br><br>%{customdata[2]}"
                      "<extra></extra>")
    for trace in fig.data:
        trace.textposition = [positions[c[0]] for c in trace.customdata]
    chosen = shown[shown["challenge"] == active]
    if len(chosen):
        fig.add_trace(go.Scatter(x=chosen["x"], y=chosen["business_impact"],
                                 mode="markers", name="active challenge", hoverinfo="skip",
                                 marker=dict(size=58, color="rgba(0,0,0,0)",
                                             line=dict(color="#1F2A30", width=2))))
    fig.update_xaxes(title="Societal impact →", range=_padded(shown["x"], 2.0))
    fig.update_yaxes(title="Business impact →", range=_padded(shown["business_impact"], 1.0))
    fig.update_layout(legend=dict(orientation="h", y=-0.2), clickmode="event+select",
                      title="Materiality: click a bubble to focus on it")
    return charts.styled(fig, height=480)


def _side_by_side(points: pd.DataFrame, step: float = 0.45) -> pd.Series:
    """Return x offsets that spread challenges sharing both impacts around their spot."""
    spot = points.groupby(["societal_impact", "business_impact"])
    return (spot.cumcount() - (spot["challenge"].transform("size") - 1) / 2) * step


def _label_positions(points: pd.DataFrame, gap: float = 3.5) -> list[str]:
    """Return where each label goes: beside its bubble, pointing inwards where it can, else above.

    Bubbles in the right quarter of the chart try the left side first. A side is
    free when no bubble on the same row lies within ``gap`` on that side, or
    when that bubble put its own label on its far side.
    """
    inwards = points["x"].min() + 0.75 * (points["x"].max() - points["x"].min())
    place = {}
    for _, row in points.sort_values("x").groupby("business_impact"):
        xs, ids = row["x"].tolist(), list(row.index)
        for j, i in enumerate(ids):
            free = {"middle left": j == 0 or xs[j] - xs[j - 1] >= gap
                    or place[ids[j - 1]] == "middle left",
                    "middle right": j + 1 == len(ids) or xs[j + 1] - xs[j] >= gap}
            order = ("middle left", "middle right")
            if xs[j] <= inwards:
                order = order[::-1]
            place[i] = next((side for side in order if free[side]), "top center")
    return [place[i] for i in points.index]


def _padded(values: pd.Series, pad: float) -> list[float]:
    lo, hi = float(values.min()), float(values.max())
    pad = max(pad, (hi - lo) * 0.15)
    return [lo - pad, hi + pad]


def rank_heatmap(case: bc.BusinessCase) -> go.Figure:
    """Challenge x scenario rank (1 = top), darker = higher, each cell labelled rank · score."""
    order = [c for c in case.ranking["challenge"] if c in case.ranks.index]
    ranks = case.ranks.loc[order]
    scores = case.scores.loc[order, ranks.columns]
    labels = ranks.astype(str).radd("#") + scores.map(lambda s: f" · {s:g}")
    columns = [f"{_safe(s, 12)}<br>p={case.weights[s]:.2f}" for s in ranks.columns]
    fig = go.Figure(go.Heatmap(
        z=ranks.to_numpy(), x=columns, y=[_safe(c) for c in order], text=labels.to_numpy(),
        texttemplate="%{text}", colorscale="Teal", reversescale=True, showscale=False,
        hovertemplate="%{y} under %{x}: rank %{z}<extra></extra>", xgap=2, ygap=2))
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(side="top", tickangle=0)
    fig.update_layout(title=dict(text=f"Rank under each scenario (top {case.k} = the top third)",
                                 y=0.98, yanchor="top"))
    fig = charts.styled(fig, height=150 + 44 * len(order))
    fig.update_layout(margin=dict(t=100))
    return fig


# --- sections -----------------------------------------------------------------


def show_summary(case: bc.BusinessCase) -> None:
    first, second = bc.summary(case)
    st.markdown(f"#### {md_escape(first)}")
    st.markdown(md_escape(second))


def show_notes(ds, case: bc.BusinessCase) -> None:
    missing = bc.missing_impacts(ds)
    notes = list(case.notes)
    if missing:
        notes.append(f"Not on the matrix, business or societal impact missing: "
                     f"{', '.join(missing)}. Fill them in under 'Edit' below.")
    for note in notes:
        st.caption(f":material/info: {md_escape(note)}")


def on_matrix_select() -> None:
    points = st.session_state.bc_matrix.selection.points
    names = [p["customdata"][0] for p in points if p.get("customdata")]
    if names:
        request_challenge(names[0])


def on_ranking_select(names: list[str]) -> None:
    rows = st.session_state.bc_ranking.selection.rows
    if rows:
        request_challenge(names[rows[0]])


def show_ranking(case: bc.BusinessCase) -> None:
    table = case.ranking
    shown = pd.DataFrame({
        "Rank": table["rank"],
        "Challenge": table["challenge"],
        "Priority": table["priority"],
        "Spread": [("" if pd.isna(sd) else f"±{sd:.1f}, {lo:g}–{hi:g}")
                   for sd, lo, hi in zip(table["spread"], table["low"], table["high"])],
        "Class": table["label"],
        "Why": table["reason"],
    })
    st.dataframe(shown, hide_index=True, key="bc_ranking", on_select=lambda: on_ranking_select(
        list(table["challenge"])), selection_mode="single-row", column_config={
        "Rank": st.column_config.NumberColumn(format="%d", width="small"),
        "Priority": st.column_config.NumberColumn(
            format="%.1f", help="Expected score across scenarios, probability-weighted."),
        "Spread": st.column_config.TextColumn(
            help="Probability-weighted standard deviation across scenarios, then the lowest "
                 "and highest scenario score."),
        "Class": st.column_config.TextColumn(width="small"),
        "Why": st.column_config.TextColumn(width="large"),
    })
    st.caption("Select a row to make that challenge active on every page.")


def show_network(ds, active: str | None) -> None:
    table = network_summary(ds)
    if table.empty:
        return
    latest = ds.periods[-1] if ds.periods else "all periods"
    unmarked = int((ds.relationships["challenge"] == "").sum())
    st.subheader("Who works on each challenge")
    st.caption(f"Ties marked with the challenge, in {md_escape(latest)} (the latest period). "
               f"{unmarked:,} of {len(ds.relationships):,} ties carry no challenge: they count "
               "for every challenge on the network map, not here. Top players: the network "
               "map's influence score (degree, betweenness, closeness and PageRank "
               "percentiles) on the marked ties.")
    st.dataframe(table, hide_index=True, column_config={
        "challenge": "Challenge",
        "organizations": st.column_config.NumberColumn("Orgs", width="small",
                                                       help="Organizations on marked ties."),
        "ties": st.column_config.NumberColumn("Ties", width="small"),
        "ties_per_period": st.column_config.LineChartColumn(
            "Ties per period", width="small", y_min=0,
            help=md_escape(f"From {ds.periods[0]} to {latest}.") if ds.periods else None),
        "change": st.column_config.NumberColumn("Change", format="%+d", width="small",
                                                help="Ties now minus ties in the first period."),
        "top_players": st.column_config.TextColumn("Top players", width="large"),
    })
    st.caption("Open the network map for a challenge:")
    with st.container(horizontal=True):
        for i, name in enumerate(table["challenge"]):
            if st.button(f"{md_escape(name)} →", key=f"bc_map_{i}",
                         type="primary" if name == active else "secondary"):
                request_challenge(name)
                st.switch_page(NETWORK_PAGE)


def show_no_challenges(ds) -> None:
    st.info(
        "This data has no **challenges** yet, so there is nothing to rank. Add a "
        "'challenges' sheet (challenge, description, business_impact, societal_impact on a "
        "1–10 scale, shared_value_level: products and markets, value chain or local cluster) "
        "with one score column per scenario, and a 'scenarios' sheet (scenario, probability, "
        "description). Or type them into the tables under 'Edit' below. The network pages "
        "work without them.", icon=":material/lightbulb:")
    template_button("bc_template")


def has_edits(key: str) -> bool:
    state = st.session_state.get(key) or {}
    return any(state.get(k) for k in ("edited_rows", "added_rows", "deleted_rows"))


def keep_edits(ds, challenges: pd.DataFrame, scenarios: pd.DataFrame) -> None:
    """Replace the session's dataset with the edited one, or say what to fix."""
    try:
        edited = bc.apply_edits(ds, challenges, scenarios)
    except bc.EditError as problem:
        for line in problem.problems:
            st.warning(md_escape(line), icon=":material/edit:")
        return
    except Exception:  # noqa: BLE001 - the user sees a message, the log the traceback
        LOG.exception("business case edit failed")
        st.error("These edits could not be used. Undo the last change (Ctrl+Z in the table) "
                 "or reload your data on Home.", icon=":material/error:")
        return
    st.session_state.dataset = edited
    st.session_state.bc_edit_version = st.session_state.get("bc_edit_version", 0) + 1
    st.rerun()


def show_editors(ds) -> None:
    st.subheader("Edit scenarios and scores")
    st.caption("Changes apply at once to every page for this session. Download the workbook "
               "to keep them: uploading it on Home brings this page back as it is now.")
    version = st.session_state.get("bc_edit_version", 0)
    keys = f"bc_scenarios_{version}", f"bc_challenges_{version}"
    scenarios = st.data_editor(ds.scenarios, key=keys[0], num_rows="dynamic", hide_index=True,
                               column_config={
        "scenario": st.column_config.TextColumn("Scenario", required=True),
        "probability": st.column_config.NumberColumn(
            "Probability", min_value=0.0, max_value=1.0, step=0.01, format="%.2f",
            help="Normalised to sum to 1 if they do not."),
        "description": st.column_config.TextColumn("Description", width="large"),
    })
    challenges = bc.editable_challenges(ds)
    levels = sorted(set(SHARED_VALUE_LEVELS) | set(challenges["shared_value_level"]) - {""})
    edited = st.data_editor(challenges, key=keys[1], num_rows="dynamic", hide_index=True,
                            column_config={
        "challenge": st.column_config.TextColumn("Challenge", required=True),
        "description": st.column_config.TextColumn("Description"),
        "business_impact": st.column_config.NumberColumn("Business impact", format="%g"),
        "societal_impact": st.column_config.NumberColumn("Societal impact", format="%g"),
        "shared_value_level": st.column_config.SelectboxColumn("Shared-value level",
                                                               options=levels),
    })
    st.caption("One score column per scenario (1–10: how much the challenge matters in that "
               "future). Add a scenario above to get its column.")
    if any(has_edits(k) for k in keys):
        keep_edits(ds, edited, scenarios)


def show_download(ds) -> None:
    st.download_button("Download the workbook (XLSX)", data=lambda: export_xlsx(ds),
                       file_name="shared-value-navigator.xlsx", mime=XLSX_MIME,
                       key="bc_download", on_click="ignore", icon=":material/download:",
                       help="Every table: organizations, relationships, challenges with "
                            "their scenario scores, scenarios and assessment.")


# --- the page -----------------------------------------------------------------

sel = st.session_state.selection
ds = sel.dataset
st.title("1 · Business case")
case = business_case(ds)

if ds.challenges.empty:
    show_no_challenges(ds)
else:
    show_summary(case)
    show_notes(ds, case)
    points = bc.matrix_points(ds.challenges, case.ranking)
    left, right = st.columns(2)
    with left:
        if points.empty:
            st.info("No challenge has both a business and a societal impact yet.")
        else:
            st.plotly_chart(matrix_chart(points, sel.challenge), key="bc_matrix",
                            on_select=on_matrix_select, selection_mode="points",
                            config=NO_TOOLBAR)
            st.caption("Bubble size: priority. Colour: Porter & Kramer's level of shared value.")
    with right:
        if not case.ranks.empty:
            st.plotly_chart(rank_heatmap(case), key="bc_heatmap", config=NO_TOOLBAR)
    show_ranking(case)
    with st.expander("How priorities are computed"):
        st.markdown(
            "- **Priority**: a challenge's expected score, the sum over scenarios of "
            "probability × score (probabilities normalised to sum to 1).\n"
            "- **Spread**: the probability-weighted standard deviation of its scores; "
            "**range**: its lowest and highest score.\n"
            f"- **Top {case.k}**: the top third of the {len(case.ranks)} ranked challenges, "
            "rounded up; equal scores share the better rank.\n"
            "- **Robust**: top in every scenario. **Bet**: top in only one. "
            "**Mixed**: top in more than one but not all. **Lower**: top in none.")

show_network(ds, sel.challenge)
if can_edit():  # a view-only workspace link shows no editors
    show_editors(ds)
show_download(ds)
