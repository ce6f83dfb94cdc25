"""Home: the three steps, choosing the data, the validation report, an overview."""

import pandas as pd
import streamlit as st

from csvcore.contract import overview
from ui import cache, data, filters, session
from ui.text import md_escape

STEPS = [
    ("pages/1_business_case.py", "**1 · Business case**", ":material/target:",
     "Which societal challenges intersect our business? Which stay important under every "
     "future scenario, and which are bets on one future?"),
    ("pages/2_network_map.py", "**2 · Network map**", ":material/hub:",
     "Who works on the challenge, who the central players are, and who is gaining or losing "
     "influence. How our own organization is connected."),
    ("pages/3_leadership.py", "**3 · Leadership strategy**", ":material/diversity_3:",
     "Our strengths and gaps as a collaborator, the boundaries to span, and whom to bring "
     "into dialogue next."),
]
METRIC_HELP = {"tie rows": "Rows of the relationships table: a tie that holds in seven "
                           "periods is seven rows. Ties per period are in the table below."}
SAMPLE_TEXT = ("The bundled sample follows **AquaNourish Foods**, a consumer-goods company "
               "working on water stewardship, nutrition and rural livelihoods with 100+ "
               "organizations in three regions over seven years.")
UPLOAD_TEXT = ("Upload one workbook (XLSX) or one CSV per table, or the files a tool exported: "
               "Kumu, Gephi, Polinode, a plain edge list. Headers are matched whatever their "
               "case and common synonyms (from/to, label/name, weight).")


def show_steps() -> None:
    """The three steps, two sentences each, with a link to each page."""
    for column, (page, label, icon, text) in zip(st.columns(3), STEPS):
        column.page_link(page, label=label, icon=icon)
        column.caption(text)


def count_bars(frame: pd.DataFrame, label: str) -> dict:
    """Return column settings that draw each count of ``frame`` as a bar (a table draws in a
    fraction of the time a chart library needs to load, so the overview is on screen at once)."""
    config = {label: st.column_config.TextColumn(label.capitalize())}
    for column in frame.columns.drop(label):
        config[column] = st.column_config.ProgressColumn(
            column.capitalize(), format="%d", min_value=0,
            max_value=max(int(frame[column].max()), 1))
    return config


def show_overview(sel) -> None:
    """Counts, organizations per sector, ties per period."""
    ds = sel.dataset
    st.subheader(f"Overview: {md_escape(ds.name)}")
    counts = overview.headline(ds)
    for col, (label, value) in zip(st.columns(len(counts)), counts.items()):
        col.metric(label.capitalize(), f"{value:,}", help=METRIC_HELP.get(label))
    left, right = st.columns(2)
    sectors = overview.by_sector(ds)
    left.markdown("**Organizations per sector**")
    left.dataframe(sectors, hide_index=True, width="stretch",
                   column_config=count_bars(sectors, "sector"))
    periods = overview.by_period(ds, sel.challenge)
    right.markdown("**Ties and active organizations per period**")
    right.dataframe(periods, hide_index=True, width="stretch",
                    column_config=count_bars(periods, "period"))


def show_data_panel() -> None:
    """Sample, upload and template (editors only)."""
    if not data.can_edit():
        st.caption("Opened through a view-only link: this is the workspace's saved data. "
                   "Uploads and edits are for the team's edit link.")
        return
    with st.expander("Your data: the sample, an upload of your own, the template",
                     icon=":material/upload_file:", expanded=bool(data.report().errors)):
        sample_tab, upload_tab, template_tab = st.tabs(["Sample", "Upload", "Template"])
        sample_tab.markdown(SAMPLE_TEXT)
        sample_tab.button("Use the sample", on_click=data.use_sample, key="home_use_sample")
        upload_tab.markdown(UPLOAD_TEXT)
        upload_tab.file_uploader("Spreadsheet files", type=data.UPLOAD_TYPES,
                                 accept_multiple_files=True, help=data.LIMITS_TEXT,
                                 key="home_uploader", on_change=data.load_upload)
        upload_tab.caption(data.LIMITS_TEXT)
        template_tab.markdown("Start from the template: one sheet per table, with example rows "
                              "and a sheet that explains every column.")
        left, right = template_tab.columns(2)
        data.template_button("home_template_xlsx", "xlsx", left)
        data.template_button("home_template_zip", "zip", right)


def show_report(sel) -> None:
    """The validation report of the last load."""
    report, name = data.report(), md_escape(sel.dataset.name)
    if report.errors:
        st.error(f"The upload could not be used: {len(report.errors)} problem(s) to fix. "
                 f"Still showing **{name}**.", icon=":material/error:")
    if report.findings:
        with st.expander(f"Validation report: {len(report.errors)} error(s), "
                         f"{len(report.warnings)} warning(s)", expanded=bool(report.errors)):
            st.dataframe(pd.DataFrame([f.as_dict() for f in report.errors + report.warnings]),
                         hide_index=True, width="stretch")
    elif sel.dataset.name:
        st.success(f"**{name}** read with no problems.", icon=":material/check:")


def show_map_preview(sel) -> None:
    """The map of the selected challenge and period, with a link to step 2."""
    st.markdown(f"**Map preview, {md_escape(sel.period or 'all periods')}**: the organizations "
                "with a tie, coloured by sector, larger when more influential; us in dark grey.")
    if sel.key.filtered:
        filters.caption(sel)
    st.image(cache.map_preview(sel))
    st.page_link("pages/2_network_map.py", label="Open the network map", icon=":material/hub:")


sel = session.selection()
st.title("Shared Value Navigator")
st.markdown("Find where your business and society's challenges meet, see who shapes each "
            "challenge, and decide how to lead across boundaries. Three steps, after the "
            "Center for Creative Leadership's *Exploring Shared Value* method:")
show_steps()
show_overview(sel)
st.divider()
show_data_panel()
show_report(sel)
st.divider()
show_map_preview(sel)
