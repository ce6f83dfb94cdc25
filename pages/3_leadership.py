"""Step 3, leadership strategy: strengths and gaps, boundaries, brokers, partners, dialogue.

Computed on the map the selection names (the challenge and the filters chosen on
step 2, the period, our organization), one section at a time (a segmented
control), so at most one streamlit-agraph map is drawn per run.
"""

import pandas as pd
import streamlit as st

from csvcore.contract.schema import BOUNDARIES
from csvcore.graph import focus
from csvcore.leadership.assessment import PRACTICE_MEANINGS
from csvcore.leadership.boundaries import competitors, default_boundaries
from csvcore.leadership.brokerage import ROLES, WHY_NO_ROLES
from csvcore.leadership.convening import community_labels
from ui import cache, filters, graphview, session, words
from ui.figures import leadership as figures
from ui.text import md_escape, plain

SECTIONS = ["Strengths & gaps", "Boundaries", "Brokers", "Partners & what-if", "Dialogue",
            "Executive brief"]
NO_TOOLBAR = {"displayModeBar": False}
VERDICTS = {"strength": ("Strengths", ":material/thumb_up:"),
            "weakness": ("Weaknesses", ":material/report:"), "neutral": ("In between", "")}


def settings(ds) -> tuple[tuple, tuple]:
    """Draw the boundary and competitor choices; return them as hashable tuples."""
    defaults, extras = default_boundaries(ds.organizations.columns), ds.extra_attributes
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
            kinds[column] = st.selectbox(
                f"Kind of boundary for ‘{plain(column)}’", BOUNDARIES, key=f"ls_kind_{i}_{column}",
                index=BOUNDARIES.index(defaults.get(column, "horizontal")))
        rivals = st.multiselect(
            "Competitors followed", list(ds.organizations["id"]), key="ls_rivals",
            default=competitors(ds), format_func=lambda i: plain(names.get(i, i)),
            help="By default the organizations whose role column says competitor.")
        st.caption("Sector is a stakeholder boundary and geography a geographic one "
                   "(Ernst & Chrobot-Mason's five boundaries: vertical, horizontal, "
                   "stakeholder, demographic, geographic).")
    return tuple(kinds.items()), tuple(rivals)


def show_strengths(s) -> None:
    for col, (label, value, meaning) in zip(st.columns(4), words.strength_metrics(s)):
        col.metric(label, value, help=meaning)
    st.markdown("#### Strengths and weaknesses")
    st.caption("From our position on the map (compared with the other organizations that "
               "have a tie in this period) and from our self-assessment. Under each finding, "
               "the numbers it comes from.")
    for column, verdict in zip(st.columns(2), ("strength", "weakness")):
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
    st.plotly_chart(figures.gap_heatmap(s.gaps), key="ls_gap_chart", config=NO_TOOLBAR)
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


def show_boundaries(s) -> None:
    st.markdown("#### Which boundaries our ties cross")
    st.caption(words.NOTES["ei"])
    for attribute, rows in s.crossing.groupby("attribute", sort=False):
        st.plotly_chart(figures.ei_chart(rows), key=f"ls_ei_{attribute}", config=NO_TOOLBAR)
    st.markdown(f"##### In {md_escape(s.period or 'all ties')}")
    now = s.crossing[s.crossing["period"] == s.period]
    shown = now.assign(who=now["who"].str.capitalize(), crossing=100 * now["crossing"])
    st.dataframe(shown[["attribute", "boundary", "who", "name", "external", "internal",
                        "crossing", "ei", "expected_ei"]], hide_index=True, width="stretch",
                 key="ls_crossing", column_config=words.columns("crossing"))


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
        st.plotly_chart(figures.brokerage_bars(roles, list(ROLES)), key="ls_roles_chart",
                        config=NO_TOOLBAR)  # us first, then by influence
        st.dataframe(roles, hide_index=True, width="stretch", key="ls_roles",
                     column_config=words.columns("roles"))
    st.markdown("##### Structural holes (Burt)")
    st.caption(words.NOTES["holes"])
    holes = s.holes.rename(index=names).rename_axis("organization").reset_index()
    st.dataframe(holes, hide_index=True, width="stretch", key="ls_holes",
                 column_config=words.columns("holes"))


def show_partners(sel, s) -> None:
    st.markdown("#### Partners to approach")
    st.caption(words.NOTES["partners"])
    for r in s.partners.head(5).itertuples():
        st.markdown(f"**{md_escape(r.name)}** ({md_escape(r.sector)}): {md_escape(r.reasons)}.")
    st.dataframe(s.partners[["name", "sector", "distance", "via", "players_reached",
                             "new_reach", "influence", "change", "community", "reasons"]],
                 hide_index=True, width="stretch", key="ls_partners",
                 column_config=words.columns("partners"))
    show_whatif(sel, s)


def show_whatif(sel, s) -> None:
    st.markdown("#### What if we tied up with…")
    names, ours = s.now["name"], set(s.position.partners["id"]) | {s.ego}
    others = s.now[(s.now["degree"] > 0) & ~s.now.index.isin(ours)].sort_values("name")
    options = list(s.partners["id"]) + [n for n in others.index if n not in set(s.partners["id"])]
    left, right = st.columns([3, 1])
    proposed = left.multiselect("Proposed new ties", options, key="ls_new_ties",
                                format_func=lambda i: plain(names.get(i, i)),
                                placeholder="Choose organizations")
    typical = float(s.position.partners["strength"].median()) if len(ours) > 1 else 1.0
    strength = right.number_input("Tie strength", min_value=0.1, value=typical, step=0.5,
                                  key="ls_new_strength", help="Strength of each new tie; by "
                                  "default the median strength of our ties.")
    table, near = cache.whatif_table(sel, tuple(proposed), float(strength))
    for col, (label, value, delta, meaning, color) in zip(
            st.columns(len(words.WHATIF_HEADLINE)), words.whatif_metrics(table, bool(proposed))):
        col.metric(label, value, delta=delta, help=meaning, delta_color=color)
    st.dataframe(table[["label", "before", "after", "change", "meaning"]], hide_index=True,
                 width="stretch", key="ls_whatif", column_config=words.columns("whatif"))
    if proposed:
        better = table[table["improved"]]["label"].tolist()
        st.caption("Better with the new ties: " + (", ".join(better) if better else "nothing")
                   + ". Constraint and rank: lower is better.")
    draw_map(s, near, outlined=proposed, new_ties=proposed, state_key="ls_whatif_map")
    st.caption("Everyone within two steps of us once the proposed ties exist. We are in dark "
               "grey, the proposed partners outlined, the proposed ties orange. Colour: sector; "
               "size: influence.")


def draw_map(s, places: dict, *, state_key: str, outlined=(), new_ties=()) -> None:
    """Draw the organizations of ``places`` (id -> position) around us."""
    nodes, edges = focus.frames(s.graph, s.now, places, list(places))
    graphview.draw(nodes, edges, state_key=state_key, us=s.ego, outlined=outlined,
                   new_ties=new_ties, height=520)


def show_dialogue(sel, s) -> None:
    st.markdown("#### A convening group for dialogue")
    st.caption(words.NOTES["convening"])
    group = s.group.assign(community=s.group["community"].map(community_labels(s.now)))
    st.dataframe(group.drop(columns=["id", "role"]), hide_index=True, width="stretch",
                 key="ls_group", column_config=words.columns("group"))
    st.markdown("#### The dialogue, step by step")
    for r in s.plan.itertuples():
        level = (f"Our level: {r.current:.1f} of 5, target {r.target:.1f}."
                 if pd.notna(r.current) else "Not self-assessed yet.")
        st.markdown(f"**{r.step}. {md_escape(r.goal.capitalize())}** "
                    f"({md_escape(r.practices)}) · {md_escape(level)}")
        st.markdown(md_escape(r.what))
        st.caption("With whom: " + md_escape(r.with_whom))
    members = tuple(s.group["id"])
    draw_map(s, cache.routes(sel, members), outlined=members, state_key="ls_group_map")
    st.caption("The convening group (outlined) and our shortest routes to each member: the "
               "organizations in between can introduce us. Colour: sector; size: influence.")


def show_brief(sel, boundaries, rivals) -> None:
    content, html = cache.brief(sel, boundaries, rivals)
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


sel = session.selection()
st.title("3 · Leadership strategy")
if sel.focal is None:
    st.info("Mark our organization ('focal' in the organizations table) or choose it in the "
            "sidebar.")
    st.stop()
st.caption(f"**{md_escape(sel.dataset.names().get(sel.focal, sel.focal))}** on "
           f"**{md_escape(sel.challenge or 'all challenges')}**, "
           f"{md_escape(sel.period or 'all ties')}. What would it take for us to be a more "
           "effective player and leader in this network?")
filters.caption(sel)
boundaries, rivals = settings(sel.dataset)
s = cache.strategy(sel, boundaries, rivals)
if not s.position.partners.shape[0]:
    st.info("We have no tie on this map in this period: choose another period or challenge "
            "in the sidebar, or add our ties to the relationships table.")
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
    show_brief(sel, boundaries, rivals)
else:
    show_strengths(s)
