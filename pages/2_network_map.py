"""Step 2, the network map: central players, influence over time, how we are connected."""

import pandas as pd
import streamlit as st

from csvcore.graph import focus
from csvcore.graph.measures import MEASURE_INFO
from csvcore.graph.views import undirected
from csvcore.io import export
from csvcore.network_map import ego, trends, whole
from ui import cache, filters, graphview, session, state, words
from ui.figures import network_map as figures
from ui.text import md_escape, plain

VIEWS = ["Central players", "Over time", "Our position", "Map", "Whole network", "Export"]
COLOR_BY = {"Sector": "sector", "Community": "community", "Geography": "geography"}
SUMMARY_SHOWN = ("ties", "density", "mean_degree", "components", "modularity", "jaccard")
EXPORTS = [("Measures (CSV)", "csv", "-measures.csv", "text/csv"),
           ("Measures (XLSX)", "xlsx", "-measures.xlsx", export.XLSX_MIME),
           ("Map (GEXF)", "gexf", ".gexf", "application/xml"),
           ("Map (GraphML)", "graphml", ".graphml", "application/xml")]


def labels(now: pd.DataFrame) -> dict[str, str]:
    """Measure column -> its label, for the measures the table has."""
    return {c: info[0] for c, info in MEASURE_INFO.items() if c in now}


def central_players(sel, now: pd.DataFrame) -> None:
    st.subheader(f"Central players, {md_escape(sel.period)}")
    names = labels(now)
    shown = [c for c in names if c != "community"]
    ranked = now.sort_values("rank").reset_index()
    pick = st.selectbox("Rank by", list(names), index=list(names).index("influence"),
                        format_func=names.get, key="net_rank_by")
    top = ranked.sort_values(pick, ascending=False).head(15)
    st.plotly_chart(figures.ranked_bar(top, pick, names[pick], sel.focal), key="net_central_bar")
    st.caption(md_escape(MEASURE_INFO[pick][1]))
    st.dataframe(ranked[["name", "sector", "geography"] + shown], hide_index=True,
                 column_config=words.measure_columns(ranked[shown]), width="stretch",
                 height=420)
    st.caption(words.NOTES["influence"].format(n=len(now)))


def over_time(sel, table: pd.DataFrame) -> None:
    st.subheader("Who is gaining or losing influence")
    periods = list(sel.dataset.periods)
    if len(periods) < 2:
        st.info("Influence over time needs at least two periods in the data.")
        return
    start, end = st.select_slider("Compare", options=periods, value=(periods[0], periods[-1]),
                                  key="net_compare")
    if start == end:
        st.info("Choose two different periods to compare.")
        return
    names = labels(table)
    left, right = st.columns(2)
    pick = left.selectbox("Measure", list(names), format_func=names.get, key="net_trend_measure",
                          index=list(names).index("influence"))
    threshold = right.slider("Change that counts as rising or fading", 0.02, 0.5,
                             trends.THRESHOLD, step=0.02, key="net_trend_threshold",
                             help="In the measure's own units (influence runs from 0 to 1).")
    moved = cache.moves(sel, start, end, pick, threshold)
    show_moves(sel, table, moved, (start, end), pick)
    st.caption(f"Rising or Fading: the {names[pick].lower()} changed by at least "
               f"{threshold:.2f} between the two periods or along the trend line.")
    explain_move(sel, moved, start, end)


def show_moves(sel, table: pd.DataFrame, moved: pd.DataFrame, compared: tuple, pick: str) -> None:
    """How many rose and faded, the biggest movers' lines, the top ten's ranks, the table."""
    counts = moved["label"].value_counts()
    for col, (name, meaning) in zip(st.columns(len(trends.LABELS)), trends.LABELS.items()):
        col.metric(name, int(counts.get(name, 0)), help=meaning)
    followed = pd.concat([moved.head(5), moved.tail(5), moved[moved["id"] == sel.focal]])
    history = table[table["id"].isin(followed["id"])]
    st.plotly_chart(figures.trend_lines(history, pick, labels(table)[pick]),
                    key="net_trend_lines")
    leaders = table[(table["period"] == compared[1]) & (table["rank"] <= 10)]["id"]
    st.plotly_chart(figures.bump_chart(table[table["id"].isin(leaders)]), key="net_bump")
    st.dataframe(moved[["name", "sector", "label", "score_start", "score_end", "change",
                        "rank_start", "rank_end", "rank_change", "slope"]], hide_index=True,
                 width="stretch", height=360, column_config=words.columns(
                     "moves", labels=dict(zip(("score_start", "score_end"), compared))))


def explain_move(sel, moved: pd.DataFrame, start: str, end: str) -> None:
    """The ties one organization gained and lost between the two periods."""
    names = sel.dataset.names()
    mover = st.selectbox("Explain a move", moved["id"], format_func=lambda i: plain(names[i]),
                         key="net_mover")
    changes = trends.tie_changes(sel.dataset, mover, start, end, sel.key)
    gained = int((changes["change"] == "gained").sum()) if len(changes) else 0
    st.markdown(f"**{md_escape(names[mover])}**: {gained} tie(s) gained, "
                f"{len(changes) - gained} lost between {md_escape(start)} and {md_escape(end)}.")
    st.dataframe(changes, hide_index=True, width="stretch")


def our_position(sel, now: pd.DataFrame) -> None:
    if sel.focal is None:
        st.info("Mark our organization with focal = yes, or pick it in the sidebar.")
        return
    names = sel.dataset.names()
    st.subheader(f"How {md_escape(names[sel.focal])} is connected, {md_escape(sel.period)}")
    try:
        report = cache.ego_view(sel)
    except ValueError as problem:  # we have no tie on this map: the message says so
        st.info(md_escape(problem))
        return
    for col, (label, value, meaning) in zip(st.columns(4), words.ego_metrics(report)):
        col.metric(label, value, help=meaning)
    G = cache.graph(sel)
    nodes, edges = focus.frames(G, now, focus.local_layout(report.network), list(report.network))
    graphview.draw(nodes, edges, state_key="net_ego_click", us=sel.focal,
                   directed=G.is_directed())
    st.markdown("**Paths to the central and rising players**")
    st.dataframe(report.players, hide_index=True, width="stretch")
    if len(report.out_of_reach):
        st.warning(f"{len(report.out_of_reach)} central or rising player(s) are out of our "
                   "2-step reach: " + ", ".join(md_escape(n) for n in report.out_of_reach["name"]))
    left, right = st.columns(2)
    left.markdown("**Sectors we touch**")
    left.dataframe(report.sectors, hide_index=True, width="stretch")
    right.markdown("**Communities we touch**")
    right.dataframe(report.communities, hide_index=True, width="stretch")


def the_map(sel, now: pd.DataFrame, table: pd.DataFrame) -> None:
    st.subheader(f"The map, {md_escape(sel.period)}")
    G, pos = cache.graph(sel), cache.positions(sel)
    left, middle, right = st.columns(3)
    color_by = COLOR_BY[left.selectbox("Colour by", list(COLOR_BY), key="net_map_color")]
    communities = sorted(int(c) for c in now["community"].unique() if c >= 0)
    community = middle.selectbox("Community", [None] + communities, key="net_map_community",
                                 format_func=lambda c: "All" if c is None else f"Community {c}")
    top = right.slider("Most influential to draw", 10, focus.DRAW_LIMIT,
                       min(60, focus.DRAW_LIMIT), step=10, key="net_map_top")
    chosen = focus.focus(G, now, top=top, community=community, always=[sel.focal])
    nodes, edges = focus.frames(G, now, pos, chosen.ids)
    if chosen.left_out:
        st.caption(md_escape(chosen.left_out) + " The overview below shows everyone.")
    clicked = graphview.draw(nodes, edges, state_key="net_map_click", us=sel.focal,
                             color_by=color_by, directed=G.is_directed())
    st.caption("Click an organization to open its profile. Node size = influence; "
               "line width = tie strength; our organization is drawn in dark grey. "
               "Positions stay fixed across periods.")
    if clicked in now.index:
        profile(sel, clicked, now, table)
    if st.toggle("Show the whole network (every organization; WebGL from 1,000)",
                 key="net_map_overview"):
        everyone = focus.frames(G, now, pos, list(G))
        st.plotly_chart(figures.network_overview(*everyone, color_by), key="net_overview")


def profile(sel, org: str, now: pd.DataFrame, table: pd.DataFrame) -> None:
    """The clicked organization: its scores over time, its ties, its path to us."""
    names, row = sel.dataset.names(), now.loc[org]
    st.markdown(f"### {md_escape(names[org])}")
    st.caption(f"{md_escape(row['sector'])} · {md_escape(row['geography'])} · "
               f"rank {int(row['rank'])} of {len(now)} in {md_escape(sel.period)}")
    left, right = st.columns(2)
    left.plotly_chart(figures.trend_lines(table[table["id"] == org], "influence", "Influence"),
                      key="net_profile_trend")
    U = undirected(cache.graph(sel))
    ties = pd.DataFrame([{"partner": names[p], "type": d.get("type", ""),
                          "strength": d.get("strength", 1.0)} for p, d in U[org].items()])
    right.markdown(f"**Ties in {md_escape(sel.period)}**")
    right.dataframe(ties, hide_index=True, width="stretch")
    if sel.focal and org != sel.focal:
        path = ego.paths_to(U, sel.focal, [org])
        found = len(path) and path["path"].iloc[0]
        st.markdown("**Path from us**: " + (md_escape(found) if found else "none in this period"))


def whole_network(sel) -> None:
    st.subheader("The network as a whole")
    figures_per_period = cache.summary(sel)
    shown = {c: whole.SUMMARY_INFO[c][0] for c in SUMMARY_SHOWN if c in figures_per_period}
    st.plotly_chart(figures.summary_lines(figures_per_period, shown), key="net_summary_lines")
    st.dataframe(figures_per_period, hide_index=True, width="stretch",
                 column_config=words.summary_columns(figures_per_period))


def downloads(sel) -> None:
    st.subheader("Export")
    st.markdown("Every measure for every period, and the map for Gephi (GEXF) or "
                "Cytoscape (GraphML). Each chart downloads as PNG from its toolbar (camera "
                "icon).")
    stem = f"network-{plain(sel.challenge or 'all')}-{plain(sel.period)}".replace(" ", "_")
    for col, (label, kind, suffix, mime) in zip(st.columns(len(EXPORTS)), EXPORTS):
        # the file is built when the button is clicked, not on every view of the page
        build = cache.measures_file if kind in ("csv", "xlsx") else cache.map_file
        col.download_button(label, data=lambda build=build, kind=kind: build(sel, kind),
                            file_name=stem + suffix, mime=mime, key=f"net_dl_{kind}",
                            on_click="ignore")


sel = session.selection()
names = sel.dataset.names()
st.title("2 · Network map")
st.markdown(f"Who works on **{md_escape(sel.challenge or 'every challenge')}**, who the central "
            "players are, who is gaining or losing influence, and how "
            f"**{md_escape(names.get(sel.focal, '—'))}** is connected. Change the challenge, "
            "period or organization in the sidebar.")
if not sel.dataset.periods:
    st.caption("The data has no periods: every tie counts in one map, so nothing can be "
               "compared over time.")
filters.controls(sel)
filters.caption(sel)
with st.spinner("Computing every measure for every period (once per data and filter)…"):
    table = cache.all_measures(sel)
now = table[table["period"] == sel.period].set_index("id")
if not len(now):
    st.warning("No organization is left on the map with these filters. Clear a filter.")
    st.stop()
view = st.segmented_control("View", VIEWS, default=VIEWS[0], key="net_view",
                            label_visibility="collapsed") or VIEWS[0]
if view == "Over time":
    over_time(sel, table)
elif view == "Our position":
    our_position(sel, now)
elif view == "Map":
    the_map(sel, now, table)
elif view == "Whole network":
    whole_network(sel)
elif view == "Export":
    downloads(sel)
else:
    central_players(sel, now)
