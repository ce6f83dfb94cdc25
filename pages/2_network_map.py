"""Step 2, the network map: central players, influence over time, how we are connected."""

import pandas as pd
import streamlit as st

from csvcore.contract.mapkey import MapKey
from csvcore.graph import focus as mapview
from csvcore.graph import measures
from csvcore.graph.views import undirected
from csvcore.io import export
from csvcore.network_map import ego, trends, whole
from pages import charts, graphview
from pages.common import cached, md_escape, plain
from pages.computed import all_measures, ego_view, graph, moves, positions, summary

VIEWS = ["Central players", "Over time", "Our position", "Map", "Whole network", "Export"]
COLOR_BY = {"Sector": "sector", "Community": "community", "Geography": "geography"}

sel = st.session_state.selection
ds = sel.dataset
names = ds.names()


# --- page ------------------------------------------------------------------

st.title("2 · Network map")
challenge_text = md_escape(sel.challenge) if sel.challenge else "every challenge"
st.markdown(f"Who works on **{challenge_text}**, who the central players are, who is "
            f"gaining or losing influence, and how **{md_escape(names.get(sel.focal, '—'))}** "
            "is connected. Change the challenge, period or organization in the sidebar.")
if not ds.periods:
    st.caption("The data has no periods: every tie counts in one map, so nothing can be "
               "compared over time.")


def filter_controls() -> MapKey:
    """Draw the filters; return the map key of the challenge with them."""
    org = ds.organizations
    types = sorted(t for t in ds.relationships["type"].unique() if t)
    with st.expander("Filters", icon=":material/filter_alt:"):
        left, middle, right = st.columns(3)
        sectors = left.multiselect("Sectors", sorted(org["sector"].unique()), key="f_sector",
                                   placeholder="All sectors")
        geos = middle.multiselect("Geographies", sorted(org["geography"].unique()),
                                  key="f_geo", placeholder="All geographies")
        kinds = right.multiselect("Tie types", types, key="f_type", placeholder="All types")
        top = float(ds.relationships["strength"].max() or 1)
        min_strength = st.slider("Minimum strength of a tie (merged ties add up)", 0.0,
                                 top, 0.0, step=max(top / 20, 0.1), key="f_strength")
    return MapKey(sel.challenge, sectors=sectors, geographies=geos, types=kinds,
                  min_strength=min_strength)


key = filter_controls()
with st.spinner("Computing every measure for every period (once per data and filter)…"):
    table = all_measures(ds, key)
period = sel.period or (ds.periods[-1] if ds.periods else table["period"].iloc[-1])
now = table[table["period"] == period].set_index("id")
if not len(now):
    st.warning("No organization is left on the map with these filters. Clear a filter.")
    st.stop()

view = st.segmented_control("View", VIEWS, default=VIEWS[0], key="net_view",
                            label_visibility="collapsed") or VIEWS[0]
MEASURE_LABELS = {c: info[0] for c, info in measures.MEASURE_INFO.items() if c in now}


def column_config(columns) -> dict:
    """Return st.dataframe column settings with each measure's plain explanation."""
    config = {}
    for c in columns:
        if c in measures.MEASURE_INFO:
            label, plain_text, convention = measures.MEASURE_INFO[c]
            config[c] = st.column_config.NumberColumn(label, help=f"{plain_text} ({convention})",
                                                      format="%.3f" if now[c].dtype == float
                                                      else "%d")
    return config


def central_players() -> None:
    st.subheader(f"Central players, {md_escape(period)}")
    shown = [c for c in MEASURE_LABELS if c not in ("community",)]
    ranked = now.sort_values("rank").reset_index()
    pick = st.selectbox("Rank by", list(MEASURE_LABELS), index=list(MEASURE_LABELS)
                        .index("influence"), format_func=MEASURE_LABELS.get, key="rank_by")
    top = ranked.sort_values(pick, ascending=False).head(15)
    st.plotly_chart(charts.ranked_bar(top, pick, MEASURE_LABELS[pick], sel.focal),
                    key="central_bar")
    st.caption(md_escape(measures.MEASURE_INFO[pick][1]))
    st.dataframe(ranked[["name", "sector", "geography"] + shown], hide_index=True,
                 column_config={"name": "Organization", **column_config(shown)},
                 width="stretch", height=420)
    st.caption("Influence is the average, over degree, betweenness, closeness and PageRank, "
               "of the share of other organizations each one outranks (0 to 1). Every period "
               f"is scored on the same roster of {len(now)} organizations: one absent in a "
               "period scores 0 there, so scores compare across periods.")


def over_time() -> None:
    st.subheader("Who is gaining or losing influence")
    if len(ds.periods) < 2:
        st.info("Influence over time needs at least two periods in the data.")
        return
    start, end = st.select_slider("Compare", options=list(ds.periods),
                                  value=(ds.periods[0], ds.periods[-1]), key="compare")
    if start == end:
        st.info("Choose two different periods to compare.")
        return
    left, right = st.columns(2)
    pick = left.selectbox("Measure", list(MEASURE_LABELS), format_func=MEASURE_LABELS.get,
                          index=list(MEASURE_LABELS).index("influence"), key="trend_measure")
    threshold = right.slider("Change that counts as rising or fading", 0.02, 0.5,
                             trends.THRESHOLD, step=0.02, key="trend_threshold",
                             help="In the measure's own units (influence runs from 0 to 1).")
    moved = moves(ds, key, start, end, pick, threshold)
    counts = moved["label"].value_counts()
    cols = st.columns(len(trends.LABELS))
    for col, (label, meaning) in zip(cols, trends.LABELS.items()):
        col.metric(label, int(counts.get(label, 0)), help=meaning)
    followed = pd.concat([moved.head(5), moved.tail(5),
                          moved[moved["id"] == sel.focal]]).drop_duplicates("id")
    history = table[table["id"].isin(followed["id"])]
    st.plotly_chart(charts.trend_lines(history, pick, MEASURE_LABELS[pick]), key="trend_lines")
    leaders = table[(table["period"] == end) & (table["rank"] <= 10)]["id"]
    st.plotly_chart(charts.bump_chart(table[table["id"].isin(leaders)]), key="bump")
    st.dataframe(
        moved[["name", "sector", "label", "score_start", "score_end", "change", "rank_start",
               "rank_end", "rank_change", "slope"]],
        hide_index=True, width="stretch", height=360,
        column_config={"name": "Organization", "score_start": f"{start}",
                       "score_end": f"{end}", "rank_change": st.column_config.NumberColumn(
                           "Rank change", help="Positive = moved up the ranking."),
                       "slope": st.column_config.NumberColumn(
                           "Slope per period", help="Least-squares trend over every period "
                           "from the first to the last compared.", format="%.3f")})
    st.caption(f"Rising or Fading: the {MEASURE_LABELS[pick].lower()} changed by at least "
               f"{threshold:.2f} between the two periods or along the trend line.")
    mover = st.selectbox("Explain a move", moved["id"], format_func=lambda i: plain(names[i]),
                         key="mover")
    changes = trends.tie_changes(ds, mover, start, end, key)
    gained = int((changes["change"] == "gained").sum()) if len(changes) else 0
    st.markdown(f"**{md_escape(names[mover])}**: {gained} tie(s) gained, "
                f"{len(changes) - gained} lost between {md_escape(start)} and {md_escape(end)}.")
    st.dataframe(changes, hide_index=True, width="stretch")


def our_position() -> None:
    if sel.focal is None:
        st.info("Mark our organization with focal = yes, or pick it in the sidebar.")
        return
    st.subheader(f"How {md_escape(names[sel.focal])} is connected, {md_escape(period)}")
    try:
        report = ego_view(ds, key, period, sel.focal)
    except ValueError as problem:
        st.info(str(problem))
        return
    cols = st.columns(4)
    cols[0].metric("Partners", len(report.partners), help="Organizations we have a tie with.")
    cols[1].metric("Reach in 2 steps",
                   f"{report.reach['within_steps']} ({report.reach['share']:.0%})",
                   help="Organizations we reach directly or through one intermediary, "
                        "and their share of the map.")
    cols[2].metric("Effective size", f"{report.holes['effective_size']:.1f}",
                   help="Partners who are not tied to each other: non-redundant contacts "
                        "(Burt).")
    cols[3].metric("Constraint", f"{report.holes['constraint']:.2f}",
                   help="How much our ties depend on partners who are tied to each other: "
                        "high = little room to broker (Burt; 0 to 1).")
    G = graph(ds, key, period)
    ids = list(report.network)
    nodes, edges = mapview.frames(G, now, mapview.local_layout(report.network), ids)
    draw_graph(nodes, edges, G.is_directed(), "ego_click", highlight=sel.focal)
    st.markdown("**Paths to the central and rising players**")
    st.dataframe(report.players, hide_index=True, width="stretch")
    if len(report.out_of_reach):
        st.warning(f"{len(report.out_of_reach)} central or rising player(s) are out of our "
                   "2-step reach: " + ", ".join(md_escape(n) for n in
                                               report.out_of_reach["name"]))
    left, right = st.columns(2)
    left.markdown("**Sectors we touch**")
    left.dataframe(report.sectors, hide_index=True, width="stretch")
    right.markdown("**Communities we touch**")
    right.dataframe(report.communities, hide_index=True, width="stretch")


def draw_graph(nodes: pd.DataFrame, edges: pd.DataFrame, directed: bool, state_key: str,
               color_by: str = "sector", highlight=None):
    """Draw nodes/edges with agraph; return the clicked organization's id."""
    colors = charts.color_map(nodes[color_by].astype(str))
    us = nodes["id"] == highlight
    drawn = nodes.assign(
        label=nodes["name"].where(~us, nodes["name"] + " (us)"),
        color=nodes[color_by].astype(str).map(colors).where(~us, charts.US_COLOR),
        size=10 + 25 * nodes["influence"], highlight=us)
    strongest = edges["strength"].max() if len(edges) else 1
    lines = edges.assign(color="#9AA8AE", width=1 + 4 * edges["strength"] / strongest)
    return graphview.draw(drawn, lines, state_key=state_key, directed=directed)


def the_map() -> None:
    st.subheader(f"The map, {md_escape(period)}")
    G = graph(ds, key, period)
    pos = positions(ds, sel.challenge)
    left, middle, right = st.columns(3)
    color_label = left.selectbox("Colour by", list(COLOR_BY), key="map_color")
    communities = sorted(int(c) for c in now["community"].unique() if c >= 0)
    community = middle.selectbox("Community", [None] + communities, key="map_community",
                                 format_func=lambda c: "All" if c is None else f"Community {c}")
    top = right.slider("Most influential to draw", 10, mapview.DRAW_LIMIT,
                       min(60, mapview.DRAW_LIMIT), step=10, key="map_top")
    chosen = mapview.focus(G, now, top=top, community=community, always=[sel.focal])
    nodes, edges = mapview.frames(G, now, pos, chosen.ids)
    if chosen.left_out:
        st.caption(md_escape(chosen.left_out) + " The overview below shows everyone.")
    clicked = draw_graph(nodes, edges, G.is_directed(), "map_click",
                         color_by=COLOR_BY[color_label], highlight=sel.focal)
    st.caption("Click an organization to open its profile. Node size = influence; "
               "line width = tie strength; our organization is drawn in dark grey. "
               "Positions stay fixed across periods.")
    if clicked in now.index:
        profile(clicked, G)
    if st.toggle("Show the whole network (every organization; WebGL from 1,000)",
                 key="map_overview"):
        everyone = mapview.frames(G, now, pos, list(G))
        st.plotly_chart(charts.network_overview(everyone[0], everyone[1],
                                                COLOR_BY[color_label]), key="overview")


def profile(org: str, G) -> None:
    """The clicked organization: its scores over time, its ties, its path to us."""
    row = now.loc[org]
    st.markdown(f"### {md_escape(names[org])}")
    st.caption(f"{md_escape(row['sector'])} · {md_escape(row['geography'])} · "
               f"rank {int(row['rank'])} of {len(now)} in {md_escape(period)}")
    history = table[table["id"] == org]
    left, right = st.columns(2)
    left.plotly_chart(charts.trend_lines(history, "influence", "Influence"), key="profile_trend")
    U = undirected(G)
    ties = pd.DataFrame([{"partner": names[p], "type": d.get("type", ""),
                          "strength": d.get("strength", 1.0)} for p, d in U[org].items()])
    right.markdown(f"**Ties in {md_escape(period)}**")
    right.dataframe(ties, hide_index=True, width="stretch")
    if sel.focal and org != sel.focal:
        path = ego.paths_to(U, sel.focal, [org])
        st.markdown("**Path from us**: " + (md_escape(path["path"].iloc[0])
                                            if len(path) and path["path"].iloc[0]
                                            else "none in this period"))


def whole_network() -> None:
    st.subheader("The network as a whole")
    figures = summary(ds, key)
    shown = {c: whole.SUMMARY_INFO[c][0] for c in ("ties", "density", "mean_degree",
                                                   "components", "modularity", "jaccard")
             if c in figures}
    st.plotly_chart(charts.summary_lines(figures, shown), key="summary_lines")
    st.dataframe(figures, hide_index=True, width="stretch", column_config={
        c: st.column_config.Column(label, help=f"{text} {formula}".strip())
        for c, (label, text, formula) in whole.SUMMARY_INFO.items() if c in figures})


def downloads() -> None:
    st.subheader("Export")
    st.markdown("Every measure for every period, and the map for Gephi (GEXF) or "
                "Cytoscape (GraphML). Each chart downloads as PNG from its toolbar (camera "
                "icon).")
    stem = f"network-{plain(sel.challenge or 'all')}-{plain(period)}".replace(" ", "_")
    files = [("Measures (CSV)", "csv", f"{stem}-measures.csv", "text/csv"),
             ("Measures (XLSX)", "xlsx", f"{stem}-measures.xlsx", export.XLSX_MIME),
             ("Map (GEXF)", "gexf", f"{stem}.gexf", "application/xml"),
             ("Map (GraphML)", "graphml", f"{stem}.graphml", "application/xml")]
    for col, (label, kind, name, mime) in zip(st.columns(len(files)), files):
        # the file is built when the button is clicked, not on every view of the page
        col.download_button(label, data=lambda kind=kind: export_file(kind), file_name=name,
                            mime=mime, key=f"dl_{kind}", on_click="ignore")


def export_file(kind: str) -> bytes:
    """Return one export of the current selection (csv, xlsx, gexf or graphml)."""
    if kind in ("csv", "xlsx"):
        return measures_file(ds, key, kind)
    return map_file(ds, key, period, kind)


@cached
def map_file(ds, key: MapKey, period, kind: str) -> bytes:
    """Return the period's map as GEXF (with the map's positions) or GraphML bytes."""
    G = graph(ds, key, period)
    if kind == "gexf":
        return export.to_gexf_bytes(G, positions(ds, key.challenge))
    return export.to_graphml_bytes(G)


@cached
def measures_file(ds, key: MapKey, kind: str) -> bytes:
    """Return every measure of every period as CSV or XLSX bytes."""
    frame = all_measures(ds, key)
    return export.frame_csv(frame) if kind == "csv" else export.frames_xlsx({"measures": frame})


{"Central players": central_players, "Over time": over_time, "Our position": our_position,
 "Map": the_map, "Whole network": whole_network, "Export": downloads}[view]()
