"""Step 3, leadership strategy: strengths and gaps, boundaries, brokers, partners, dialogue.

Reads the sidebar's selection, asks csvcore.leadership.strategy (and boundaries, brokerage,
brief) for the answers, draws them. One section at a time (a segmented
control), so at most one streamlit-agraph map is drawn per run.
"""

import logging

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import streamlit as st

from csvcore import business_case as bc
from csvcore.contract.mapkey import MapKey
from csvcore.contract.schema import BOUNDARIES, PRACTICES
from csvcore.graph import focus as mapview
from csvcore.graph.build import build_graph
from csvcore.leadership.assessment import PRACTICE_MEANINGS
from csvcore.leadership.boundaries import competitors, default_boundaries
from csvcore.leadership.brief import executive_brief, to_html
from csvcore.leadership.brokerage import ROLES, WHY_NO_ROLES
from csvcore.leadership.convening import community_labels
from csvcore.leadership.partners import neighbourhood, whatif, with_ties
from csvcore.leadership.strategy import leadership_strategy
from csvcore.network_map.ego import paths_to
from pages import charts
from pages.common import cached, md_escape, plain
from pages.computed import all_measures, graph
from pages.graphview import draw

LOG = logging.getLogger(__name__)
SECTIONS = ["Strengths & gaps", "Boundaries", "Brokers", "Partners & what-if", "Dialogue",
            "Executive brief"]
NO_TOOLBAR = {"displayModeBar": False}
VERDICTS = {"strength": ("Strengths", ":material/thumb_up:"),
            "weakness": ("Weaknesses", ":material/report:"), "neutral": ("In between", "")}
COMPETITOR_COLORS = ["#D9822B", "#8E5DB8", "#1B998B", "#D1495B", "#C9A227", "#5D6D7E"]
NEW_TIE_COLOR, TIE_COLOR = "#E4572E", "#C9D3D8"
LINE_DASH = {"us": "solid", "network": "dot", "competitor": "dash"}
WHATIF_HEADLINE = {"within_steps": "{:.0f}", "betweenness": "{:.3f}", "constraint": "{:.2f}",
                   "rank": "{:.0f}"}


# --- cached computations (keyed on the dataset's fingerprint) ------------------------

@cached
def strategy(ds, challenge, period, ego, boundaries: tuple, rivals: tuple):
    return leadership_strategy(ds, MapKey(challenge), period, ego=ego,
                               measures=all_measures(ds, MapKey(challenge)),
                               boundaries=dict(boundaries), rivals=list(rivals))


@cached
def whatif_table(ds, challenge, period, ego, new_ties: tuple, strength: float):
    """The what-if table, and the positions of everyone within two steps with the new ties."""
    G = graph(ds, MapKey(challenge), period)  # the map the other pages already built
    after = with_ties(G, ego, new_ties, strength)
    return whatif(G, ego, new_ties, strength), local_positions(after, neighbourhood(after, ego))


@cached
def routes(ds, challenge, period, ego, targets: tuple) -> dict:
    """Positions of us, the targets and the organizations on a shortest route to each."""
    U = build_graph(ds, MapKey(challenge), period, directed=False)
    ids = dict.fromkeys(i for ids in paths_to(U, ego, targets)["path_ids"] for i in ids)
    return local_positions(U, list(ids))


def local_positions(G, ids: list) -> dict:
    """Id -> position for a part of the map laid out on its own (``ids`` order kept)."""
    pos = mapview.local_layout(G.subgraph(ids), scale=120 * len(ids) ** 0.5)
    return {i: pos[i] for i in ids}


@cached
def brief(ds, challenge, period, ego, boundaries: tuple, rivals: tuple):
    s = strategy(ds, challenge, period, ego, boundaries, rivals)
    content = executive_brief(ds, challenge, s, bc.analyse(ds.challenges, ds.scenarios))
    return content, to_html(content)


# --- settings ------------------------------------------------------------------------

def settings(ds) -> tuple[tuple, tuple]:
    """Draw the boundary and competitor choices; return them as hashable tuples."""
    defaults = default_boundaries(ds.organizations.columns)
    extras = ds.extra_attributes
    names = ds.names()
    with st.expander("Boundaries and competitors followed", icon=":material/tune:"):
        picked = st.multiselect(
            "More boundaries (your own columns)", extras, key="ls_extra_columns",
            default=[c for c in extras if c in defaults], format_func=plain,
            help="Any column of the organizations table can mark a boundary: a tie crosses "
                 "it when its two organizations differ in that column.")
        kinds = {"sector": defaults.get("sector", "stakeholder"),
                 "geography": defaults.get("geography", "geographic")}
        for i, column in enumerate(picked):
            default = defaults.get(column, "horizontal")
            kinds[column] = st.selectbox(
                f"Kind of boundary for ‘{plain(column)}’", BOUNDARIES,
                index=BOUNDARIES.index(default), key=f"ls_kind_{i}_{column}")
        rivals = st.multiselect(
            "Competitors followed", list(ds.organizations["id"]), key="ls_rivals",
            default=competitors(ds), format_func=lambda i: plain(names.get(i, i)),
            help="By default the organizations whose role column says competitor.")
        st.caption("Sector is a stakeholder boundary and geography a geographic one "
                   "(Ernst & Chrobot-Mason's five boundaries: vertical, horizontal, "
                   "stakeholder, demographic, geographic).")
    return tuple(kinds.items()), tuple(rivals)


# --- sections ------------------------------------------------------------------------

def show_strengths(s) -> None:
    reach, holes = s.position.reach, s.position.holes
    cols = st.columns(4)
    cols[0].metric("Influence rank", f"{int(s.now.at[s.ego, 'rank'])} of {len(s.now)}",
                   help="Position by influence in the period (1 = most influential).")
    cols[1].metric("Partners", reach["direct"], help="Organizations with a direct tie to us.")
    cols[2].metric("Within 2 steps", reach["within_steps"],
                   help="Organizations we reach directly or through one partner.")
    cols[3].metric("Constraint", "—" if pd.isna(holes["constraint"]) else
                   f"{holes['constraint']:.2f}",
                   help="Burt: how much our partners are tied to each other (lower is freer).")
    st.markdown("#### Strengths and weaknesses")
    st.caption("From our position on the map (compared with the other organizations that "
               "have a tie in this period) and from our self-assessment. Under each finding, "
               "the numbers it comes from.")
    left, right = st.columns(2)
    for column, verdict in zip((left, right), ("strength", "weakness")):
        with column:
            show_findings(s.findings[s.findings["verdict"] == verdict], verdict)
    neutral = s.findings[s.findings["verdict"] == "neutral"]
    if len(neutral):
        with st.expander(f"In between: {len(neutral)} more finding(s), neither a strength "
                         "nor a weakness"):
            show_findings(neutral, "neutral")
    if s.gaps.empty:
        st.info("No self-assessment yet: add an 'assessment' sheet (practice, boundary, "
                "current, target on a 1–5 scale) to compare our practices with our goals.")
        return
    st.plotly_chart(gap_heatmap(s.gaps), key="ls_gap_chart", config=NO_TOOLBAR)
    st.caption("Gap = target − current on the 1–5 self-assessment. Practices: "
               + "; ".join(f"**{p}**, {m}" for p, m in PRACTICE_MEANINGS.items()) + ".")


def show_findings(rows: pd.DataFrame, verdict: str) -> None:
    title, icon = VERDICTS[verdict]
    if verdict != "neutral":
        st.markdown(f"##### {icon} {title}")
    if rows.empty:
        st.caption("None found.")
    for r in rows.itertuples():
        st.markdown(f"**{md_escape(r.topic)}**: {md_escape(r.finding)}")
        st.caption(md_escape(r.evidence))


def gap_heatmap(gaps: pd.DataFrame) -> go.Figure:
    """Practice x boundary: colour = gap, text = current → target."""
    gaps = charts.escaped(gaps)
    wide = gaps.pivot_table(index="practice", columns="boundary", values="gap")
    order = [p for p in PRACTICES if p in wide.index] + [p for p in wide.index
                                                         if p not in PRACTICES]
    columns = [b for b in BOUNDARIES if b in wide.columns] + [b for b in wide.columns
                                                              if b not in BOUNDARIES]
    wide = wide.loc[order, columns]
    label = gaps.assign(text=gaps["current"].map("{:g}".format) + "→"
                        + gaps["target"].map("{:g}".format)).pivot_table(
        index="practice", columns="boundary", values="text", aggfunc="first")
    label = label.reindex(index=order, columns=columns)
    fig = go.Figure(go.Heatmap(
        z=wide.to_numpy(), x=columns, y=order,
        text=label.fillna("").to_numpy(), texttemplate="%{text}", colorscale="OrRd",
        zmin=0, zmax=max(4.0, float(wide.max().max())), xgap=2, ygap=2,
        colorbar=dict(title="gap", thickness=10),
        hovertemplate="%{y} across %{x} boundaries: gap %{z}<extra></extra>"))
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(side="top")
    fig.update_layout(title=dict(text="Self-assessment: current → target (colour: gap)",
                                 y=0.98, yanchor="top"))
    fig = charts.styled(fig, height=140 + 40 * len(order))
    fig.update_layout(margin=dict(t=90))
    return fig


def show_boundaries(s) -> None:
    st.markdown("#### Which boundaries our ties cross")
    st.caption("E-I index (Krackhardt & Stern): (ties across − ties inside) / all ties; −1 "
               "means every tie stays inside its group, +1 that every tie crosses. Ties are "
               "counted once per pair, direction and strength ignored; organizations with no "
               "value in the column are left out.")
    now = s.crossing[s.crossing["period"] == s.period]
    for attribute, rows in s.crossing.groupby("attribute", sort=False):
        st.plotly_chart(ei_chart(rows), key=f"ls_ei_{attribute}", config=NO_TOOLBAR)
    st.markdown(f"##### In {md_escape(s.period or 'all ties')}")
    shown = now.assign(who=now["who"].str.capitalize(), crossing=100 * now["crossing"])
    st.dataframe(shown[["attribute", "boundary", "who", "name", "external", "internal",
                        "crossing", "ei", "expected_ei"]], hide_index=True, width="stretch",
                 key="ls_crossing", column_config={
        "attribute": "Column", "boundary": "Boundary", "who": "Who", "name": "Organization",
        "external": st.column_config.NumberColumn("Across", help="Ties that cross."),
        "internal": st.column_config.NumberColumn("Inside", help="Ties that stay inside."),
        "crossing": st.column_config.NumberColumn("Share across", format="%.0f%%"),
        "ei": st.column_config.NumberColumn("E-I", format="%+.2f"),
        "expected_ei": st.column_config.NumberColumn(
            "E-I if random", format="%+.2f",
            help="The E-I index ties would have if partners were picked at random: with many "
                 "groups, most possible partners are outsiders."),
    })


def ei_chart(rows: pd.DataFrame) -> go.Figure:
    """E-I index per period for us (thick), the network (dotted) and competitors (dashed)."""
    rows = charts.escaped(rows)
    fig = go.Figure()
    spare = iter(COMPETITOR_COLORS * 10)
    for (who, name), line in rows.groupby(["who", "name"], sort=False):
        prefix = {"us": "Us: ", "competitor": "Competitor: "}.get(who)
        color = {"us": charts.US_COLOR, "network": "#7A868E"}.get(who) or next(spare)
        fig.add_trace(go.Scatter(
            x=line["period"], y=line["ei"], mode="lines+markers",
            name=prefix + name if prefix else "Whole network",
            line=dict(dash=LINE_DASH[who], width=4 if who == "us" else 2, color=color),
            hovertemplate="%{x}: E-I %{y:+.2f}<extra>%{fullData.name}</extra>"))
    first = rows.iloc[0]
    fig.update_yaxes(range=[-1.05, 1.05], zeroline=True, title="E-I index")
    fig.update_xaxes(type="category")
    fig.update_layout(title=f"{first['attribute']}: a {first['boundary']} boundary",
                      legend=dict(orientation="h", y=-0.2))
    return charts.styled(fig, height=360)


def show_brokers(s) -> None:
    names = s.now["name"]
    st.markdown("#### Brokers: us and the top players")
    if s.roles is None:
        st.info(WHY_NO_ROLES, icon=":material/info:")
    else:
        st.caption("Gould & Fernandez's brokerage roles, sector as the group: each counts the "
                   "open two-paths a → b → c an organization b sits on (a has no direct tie "
                   "to c). " + " ".join(f"**{r.capitalize()}**: {m}" for r, m in ROLES.items()))
        roles = s.roles.rename(index=names).rename_axis("organization").reset_index()
        long = charts.escaped(roles).melt(id_vars="organization", value_vars=list(ROLES),
                                          var_name="role", value_name="paths")
        fig = px.bar(long, x="paths", y="organization", color="role", orientation="h",
                     title="Open two-paths brokered, by role",
                     labels={"paths": "open two-paths", "organization": ""},
                     category_orders={"role": list(ROLES)})
        fig.update_layout(legend=dict(orientation="h", y=-0.25))
        fig.update_yaxes(autorange="reversed")  # us first, then by influence
        st.plotly_chart(charts.styled(fig, height=360), key="ls_roles_chart",
                        config=NO_TOOLBAR)
        st.dataframe(roles, hide_index=True, width="stretch", key="ls_roles",
                     column_config={"organization": "Organization",
                                    **{r: r.capitalize() for r in [*ROLES, "total"]}})
    st.markdown("##### Structural holes (Burt)")
    st.caption("Effective size: partners who bring contacts the others do not. Efficiency: "
               "effective size per partner (1 = no redundancy). Constraint: how much the "
               "partners are tied to each other; lower means more independent sources. "
               "networkx's whole-network model, strength-weighted.")
    holes = s.holes.rename(index=names).rename_axis("organization").reset_index()
    st.dataframe(holes, hide_index=True, width="stretch", key="ls_holes", column_config={
        "organization": "Organization",
        "partners": st.column_config.NumberColumn("Partners", format="%d"),
        "effective_size": st.column_config.NumberColumn("Effective size", format="%.1f"),
        "efficiency": st.column_config.NumberColumn("Efficiency", format="%.2f"),
        "constraint": st.column_config.NumberColumn("Constraint", format="%.3f"),
    })


def show_partners(sel, s) -> None:
    names = s.now["name"]
    st.markdown("#### Partners to approach")
    st.caption("Organizations we have no tie with that are rising, or open a sector or a "
               "community where we have no partner; being two steps away (a partner can "
               "introduce us) is a further reason. Ranked by the number of reasons, then by "
               "how many organizations the tie would bring within two steps.")
    for r in s.partners.head(5).itertuples():
        st.markdown(f"**{md_escape(r.name)}** ({md_escape(r.sector)}): {md_escape(r.reasons)}.")
    st.dataframe(s.partners[["name", "sector", "distance", "via", "players_reached",
                             "new_reach", "influence", "change", "community", "reasons"]],
                 hide_index=True, width="stretch", key="ls_partners", column_config={
        "name": "Organization", "sector": "Sector",
        "distance": st.column_config.NumberColumn("Steps", help="Shortest route from us."),
        "via": "Introduction via",
        "players_reached": st.column_config.NumberColumn(
            "Players brought", help="Central or rising players this one tie would bring within "
                                    "two steps of us."),
        "new_reach": st.column_config.NumberColumn(
            "New within 2 steps", help="Organizations this one tie would bring within two "
                                       "steps of us (the candidate included)."),
        "influence": st.column_config.NumberColumn("Influence", format="%.2f"),
        "change": st.column_config.NumberColumn("Change", format="%+.2f",
                                                help="Influence change since the first period."),
        "community": "Community", "reasons": st.column_config.TextColumn("Why", width="large"),
    })
    st.markdown("#### What if we tied up with…")
    ours = set(s.position.partners["id"]) | {s.ego}
    others = s.now[(s.now["degree"] > 0) & ~s.now.index.isin(ours)].sort_values("name")
    options = list(s.partners["id"]) + [n for n in others.index if n not in set(s.partners["id"])]
    left, right = st.columns([3, 1])
    proposed = left.multiselect("Proposed new ties", options, key="ls_new_ties",
                                format_func=lambda i: plain(names.get(i, i)),
                                placeholder="Choose organizations")
    typical = float(s.position.partners["strength"].median()) if len(ours) > 1 else 1.0
    strength = right.number_input("Tie strength", min_value=0.1, value=typical, step=0.5,
                                  key="ls_new_strength",
                                  help="Strength of each new tie; by default the median "
                                       "strength of our ties.")
    table, near = whatif_table(sel.dataset, sel.challenge, s.period, s.ego, tuple(proposed),
                               float(strength))
    show_whatif_metrics(table.set_index("measure"), bool(proposed))
    st.dataframe(table[["label", "before", "after", "change", "meaning"]], hide_index=True,
                 width="stretch", key="ls_whatif", column_config={
        "label": "Measure",
        "before": st.column_config.NumberColumn("Now", format="%.3g"),
        "after": st.column_config.NumberColumn("With the new ties", format="%.3g"),
        "change": st.column_config.NumberColumn("Change", format="%+.3g"),
        "meaning": st.column_config.TextColumn("What it means", width="large"),
    })
    if proposed:
        better = table[table["improved"]]["label"].tolist()
        st.caption("Better with the new ties: " + (", ".join(better) if better else "nothing")
                   + ". Constraint and rank: lower is better.")
    draw_map(s, near, highlight=set(proposed), new_ties=proposed, state_key="ls_whatif_map")
    st.caption("Everyone within two steps of us once the proposed ties exist. We are in dark "
               "grey, the proposed partners outlined, the proposed ties orange. Colour: sector; "
               "size: influence.")


def show_whatif_metrics(table: pd.DataFrame, proposed: bool) -> None:
    """The headline what-if numbers as metrics, the change as their delta."""
    for col, (key, fmt) in zip(st.columns(len(WHATIF_HEADLINE)), WHATIF_HEADLINE.items()):
        row = table.loc[key]
        col.metric(row["label"], fmt.format(row["after"]), help=row["meaning"],
                   delta=(fmt.replace("{:", "{:+").format(row["change"])
                          if proposed and row["change"] else None),
                   delta_color="normal" if row["better"] == "higher" else "inverse")


def draw_map(s, places: dict, highlight: set, new_ties=(), state_key: str = "ls_map") -> None:
    """Draw the organizations of ``places`` (id -> position): us in dark grey, ``highlight``
    outlined, proposed ties in colour."""
    nodes, edges = mapview.frames(s.graph, s.now, places, list(places))
    us = nodes["id"] == s.ego
    colors = charts.color_map(nodes["sector"])
    drawn = nodes.assign(label=nodes["name"].where(~us, nodes["name"] + " (us)"),
                         color=nodes["sector"].map(colors).where(~us, charts.US_COLOR),
                         size=10 + 25 * nodes["influence"],
                         highlight=us | nodes["id"].isin(highlight))
    proposed = pd.DataFrame({"source": s.ego, "target": list(new_ties),
                             "color": NEW_TIE_COLOR, "width": 5.0})
    lines = pd.concat([edges.assign(color=TIE_COLOR, width=1.5), proposed], ignore_index=True)
    draw(drawn, lines[["source", "target", "color", "width"]], state_key=state_key,
         directed=False, height=520)


def show_dialogue(sel, s) -> None:
    st.markdown("#### A convening group for dialogue")
    st.caption("The smallest set of organizations that together touch every sector and every "
               "community on the map, with us as the convener. An organization touches its "
               "own sector and community; the minimum is exact (a minimum edge cover, found "
               "with a maximum matching), preferring influential organizations.")
    group = s.group.assign(community=s.group["community"].map(community_labels(s.now)))
    st.dataframe(group.drop(columns=["id", "role"]), hide_index=True, width="stretch",
                 key="ls_group", column_config={
        "name": "Organization", "sector": "Sector", "community": "Community",
        "influence": st.column_config.NumberColumn("Influence", format="%.2f"),
        "covers": st.column_config.TextColumn("Brings in", width="medium")})
    st.markdown("#### The dialogue, step by step")
    for r in s.plan.itertuples():
        level = (f"Our level: {r.current:.1f} of 5, target {r.target:.1f}."
                 if pd.notna(r.current) else "Not self-assessed yet.")
        st.markdown(f"**{r.step}. {md_escape(r.goal.capitalize())}** "
                    f"({md_escape(r.practices)}) · {md_escape(level)}")
        st.markdown(md_escape(r.what))
        st.caption("With whom: " + md_escape(r.with_whom))
    members = tuple(s.group["id"])
    draw_map(s, routes(sel.dataset, sel.challenge, s.period, s.ego, members),
             highlight=set(members), state_key="ls_group_map")
    st.caption("The convening group (outlined) and our shortest routes to each member: the "
               "organizations in between can introduce us. Colour: sector; size: influence.")


def show_brief(sel, s, boundaries, rivals) -> None:
    content, html = brief(sel.dataset, sel.challenge, s.period, s.ego, boundaries, rivals)
    st.download_button("Download the brief (HTML, prints to PDF)", data=html,
                       file_name="executive-brief.html", mime="text/html", key="ls_brief_dl",
                       on_click="ignore", icon=":material/download:", type="primary")
    st.markdown(f"### {md_escape(content.title)}")
    st.caption(md_escape(content.subtitle))
    for number, section in enumerate(content.sections, start=1):
        st.markdown(f"#### {number}. {md_escape(section.title)}")
        st.markdown(f"**{md_escape(section.lead)}**")
        if section.points:
            st.markdown("\n".join(f"- {md_escape(p)}" for p in section.points))
        if section.table is not None and not section.table.empty:
            safe = section.table.map(md_escape).rename(columns=md_escape)
            st.table(safe, hide_index=True)  # wraps long text; cells are Markdown: escaped
        if section.note:
            st.caption(md_escape(section.note))


# --- the page --------------------------------------------------------------------------

def main() -> None:
    sel = st.session_state.selection
    ds = sel.dataset
    st.title("3 · Leadership strategy")
    if sel.focal is None:
        st.info("Mark our organization ('focal' in the organizations table) or choose it in "
                "the sidebar.")
        return
    names = ds.names()
    st.caption(f"**{md_escape(names.get(sel.focal, sel.focal))}** on "
               f"**{md_escape(sel.challenge or 'all challenges')}**, "
               f"{md_escape(sel.period or 'all ties')}. What would it take for us to be a more "
               "effective player and leader in this network?")
    boundaries, rivals = settings(ds)
    s = strategy(ds, sel.challenge, sel.period, sel.focal, boundaries, rivals)
    if not s.position.partners.shape[0]:
        st.info("We have no tie on this map in this period: choose another period or "
                "challenge in the sidebar, or add our ties to the relationships table.")
    section = st.segmented_control("Section", SECTIONS, default=SECTIONS[0], required=True,
                                   key="ls_section", label_visibility="collapsed")
    if section == "Boundaries":
        show_boundaries(s)
    elif section == "Brokers":
        show_brokers(s)
    elif section == "Partners & what-if":
        show_partners(sel, s)
    elif section == "Dialogue":
        show_dialogue(sel, s)
    elif section == "Executive brief":
        show_brief(sel, s, boundaries, rivals)
    else:
        show_strengths(s)


try:
    main()
except Exception:  # noqa: BLE001 - the user sees a message, the log the traceback
    LOG.exception("leadership page failed")
    st.error("Something in this data stops step 3 from being computed. Check the validation "
             "report on Home, or choose another challenge or period in the sidebar.",
             icon=":material/error:")
