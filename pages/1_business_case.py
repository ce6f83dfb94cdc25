"""Step 1, the business case: which societal challenges matter, under which futures.

Edits to challenges and scenarios replace the session's dataset (other tables
untouched) and can be downloaded as a workbook in the same contract.
"""

import pandas as pd
import streamlit as st

from csvcore import business_case as bc
from csvcore.contract.schema import SHARED_VALUE_LEVELS
from csvcore.io.export.workbook import XLSX_MIME, export_xlsx
from ui import cache, data, session, state, words
from ui.figures import business_case as figures
from ui.sidebar import request_challenge
from ui.text import md_escape

NETWORK_PAGE = "pages/2_network_map.py"
NO_TOOLBAR = {"displayModeBar": False}  # it would cover the chart titles
NO_CHALLENGES = (
    "This data has no **challenges** yet, so there is nothing to rank. Add a 'challenges' sheet "
    "(challenge, description, business_impact, societal_impact on a 1–10 scale, "
    "shared_value_level: products and markets, value chain or local cluster) with one score "
    "column per scenario, and a 'scenarios' sheet (scenario, probability, description). Or "
    "type them into the tables under 'Edit' below. The network pages work without them.")
HOW = ("- **Priority**: a challenge's expected score, the sum over scenarios of probability × "
       "score (probabilities normalised to sum to 1).\n"
       "- **Spread**: the probability-weighted standard deviation of its scores; **range**: "
       "its lowest and highest score.\n"
       "- **Top {k}**: the top third of the {n} ranked challenges, rounded up; equal scores "
       "share the better rank.\n"
       "- **Robust**: top in every scenario. **Bet**: top in only one. **Mixed**: top in more "
       "than one but not all. **Lower**: top in none.")


def show_answer(ds, case: bc.BusinessCase) -> None:
    """The two-sentence answer, then what the numbers leave out."""
    first, second = bc.summary(case)
    st.markdown(f"#### {md_escape(first)}")
    st.markdown(md_escape(second))
    missing = bc.missing_impacts(ds)
    notes = list(case.notes) + ([f"Not on the matrix, business or societal impact missing: "
                                 f"{', '.join(missing)}. Fill them in under 'Edit' below."]
                                if missing else [])
    for note in notes:
        st.caption(f":material/info: {md_escape(note)}")


def on_matrix_select() -> None:
    points = state.get("bc_matrix").selection.points
    names = [p["customdata"][0] for p in points if p.get("customdata")]
    if names:
        request_challenge(names[0])


def on_ranking_select(names: list[str]) -> None:
    rows = state.get("bc_ranking").selection.rows
    if rows:
        request_challenge(names[rows[0]])


def show_charts(ds, case: bc.BusinessCase, active: str | None) -> None:
    """The materiality matrix beside the rank of each challenge under each scenario."""
    points = bc.matrix_points(ds.challenges, case.ranking)
    left, right = st.columns(2)
    if points.empty:
        left.info("No challenge has both a business and a societal impact yet.")
    else:
        left.plotly_chart(figures.matrix_chart(points, active), key="bc_matrix",
                          on_select=on_matrix_select, selection_mode="points", config=NO_TOOLBAR)
        left.caption("Bubble size: priority. Colour: Porter & Kramer's level of shared value.")
    if not case.ranks.empty:
        right.plotly_chart(figures.rank_heatmap(case.ranks, case.scores, case.weights, case.k,
                                                order=case.ranking["challenge"]),
                           key="bc_heatmap", config=NO_TOOLBAR)


def show_ranking(case: bc.BusinessCase) -> None:
    table = case.ranking
    shown = pd.DataFrame({
        "Rank": table["rank"], "Challenge": table["challenge"], "Priority": table["priority"],
        "Spread": [("" if pd.isna(sd) else f"±{sd:.1f}, {lo:g}–{hi:g}")
                   for sd, lo, hi in zip(table["spread"], table["low"], table["high"])],
        "Class": table["label"], "Why": table["reason"]})
    names = list(table["challenge"])
    st.dataframe(shown, hide_index=True, key="bc_ranking", selection_mode="single-row",
                 on_select=lambda: on_ranking_select(names),
                 column_config=words.columns("ranking"))
    st.caption("Select a row to make that challenge active on every page.")
    with st.expander("How priorities are computed"):
        st.markdown(HOW.format(k=case.k, n=len(case.ranks)))


def show_network(sel) -> None:
    ds, table = sel.dataset, cache.network_summary(sel)
    if table.empty:
        return
    unmarked = int((ds.relationships["challenge"] == "").sum())
    latest = ds.periods[-1] if ds.periods else "all periods"
    st.subheader("Who works on each challenge")
    st.caption(f"Ties marked with the challenge, in {md_escape(latest)} (the latest period). "
               f"{unmarked:,} of {len(ds.relationships):,} ties carry no "
               "challenge: they count for every challenge on the network map, not here. Top "
               "players: the network map's influence score (degree, betweenness, closeness and "
               "PageRank percentiles) on the marked ties.")
    spans = md_escape(f"From {ds.periods[0]} to {ds.periods[-1]}.") if ds.periods else None
    st.dataframe(table, hide_index=True, column_config=words.columns(
        "coverage", help={"ties_per_period": spans}))
    st.caption("Open the network map for a challenge:")
    with st.container(horizontal=True):
        for i, name in enumerate(table["challenge"]):
            if st.button(f"{md_escape(name)} →", key=f"bc_map_{i}",
                         type="primary" if name == sel.challenge else "secondary"):
                request_challenge(name)
                st.switch_page(NETWORK_PAGE)


def keep_edits(ds, challenges: pd.DataFrame, scenarios: pd.DataFrame) -> None:
    """Replace the session's dataset with the edited one, or say what to fix."""
    try:
        edited = bc.apply_edits(ds, challenges, scenarios)
    except bc.EditError as problem:
        for line in problem.problems:
            st.warning(md_escape(line), icon=":material/edit:")
        return
    data.use(edited)
    state.set("bc_edit_version", state.get("bc_edit_version") + 1)
    st.rerun()


def has_edits(key: str) -> bool:
    edits = state.get(key) or {}
    return any(edits.get(k) for k in ("edited_rows", "added_rows", "deleted_rows"))


def show_editors(ds) -> None:
    st.subheader("Edit scenarios and scores")
    st.caption("Changes apply at once to every page for this session. Download the workbook "
               "to keep them: uploading it on Home brings this page back as it is now.")
    version = state.get("bc_edit_version")
    keys = f"bc_scenarios_{version}", f"bc_challenges_{version}"
    scenarios = st.data_editor(ds.scenarios, key=keys[0], num_rows="dynamic", hide_index=True,
                               column_config=words.columns("scenarios"))
    challenges = bc.editable_challenges(ds)
    levels = sorted(set(SHARED_VALUE_LEVELS) | set(challenges["shared_value_level"]) - {""})
    edited = st.data_editor(challenges, key=keys[1], num_rows="dynamic", hide_index=True,
                            column_config=words.columns("challenges", options={
                                "shared_value_level": levels}))
    st.caption("One score column per scenario (1–10: how much the challenge matters in that "
               "future). Add a scenario above to get its column.")
    if any(has_edits(k) for k in keys):
        keep_edits(ds, edited, scenarios)


sel = session.selection()
ds = sel.dataset
st.title("1 · Business case")
case = cache.business_case(sel)
if ds.challenges.empty:
    st.info(NO_CHALLENGES, icon=":material/lightbulb:")
    data.template_button("bc_template")
else:
    show_answer(ds, case)
    show_charts(ds, case, sel.challenge)
    show_ranking(case)
show_network(sel)
if data.can_edit():  # a view-only workspace link shows no editors
    show_editors(ds)
st.download_button("Download the workbook (XLSX)", data=lambda: export_xlsx(ds),
                   file_name="shared-value-navigator.xlsx", mime=XLSX_MIME, key="bc_download",
                   on_click="ignore", icon=":material/download:",
                   help="Every table: organizations, relationships, challenges with their "
                        "scenario scores, scenarios and assessment.")
