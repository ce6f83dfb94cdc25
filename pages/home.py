"""Home: the three steps, choosing the data, the validation report, an overview."""

import pandas as pd
import streamlit as st

from csvcore.contract import overview
from csvcore.contract.mapkey import MapKey
from csvcore.contract.schema import LIMITS
from csvcore.graph import focus as mapview
from pages import charts, computed
from pages.common import cached, can_edit, load_upload, md_escape, template_button, use_sample

UPLOAD_TYPES = ["xlsx", "xlsm", "csv", "tsv", "txt", "zip", "gexf", "graphml", "dl", "net",
                "paj"]
LIMITS_TEXT = (
    f"Up to {LIMITS['files']} files of {LIMITS['upload_mb']} MB each, "
    f"{LIMITS['rows']:,} rows and {LIMITS['columns']} columns per table, "
    f"{LIMITS['organizations']:,} organizations."
)

METRIC_HELP = {"tie rows": "Rows of the relationships table: a tie that holds in seven "
                           "periods is seven rows. Ties per period are in the table below."}

sel = st.session_state.selection
ds = sel.dataset


def show_steps() -> None:
    """The three steps, two sentences each, with a link to each page."""
    steps = st.columns(3)
    with steps[0]:
        st.page_link("pages/1_business_case.py", label="**1 · Business case**",
                     icon=":material/target:")
        st.caption("Which societal challenges intersect our business? Which stay important "
                   "under every future scenario, and which are bets on one future?")
    with steps[1]:
        st.page_link("pages/2_network_map.py", label="**2 · Network map**", icon=":material/hub:")
        st.caption("Who works on the challenge, who the central players are, and who is "
                   "gaining or losing influence. How our own organization is connected.")
    with steps[2]:
        st.page_link("pages/3_leadership.py", label="**3 · Leadership strategy**",
                     icon=":material/diversity_3:")
        st.caption("Our strengths and gaps as a collaborator, the boundaries to span, "
                   "and whom to bring into dialogue next.")


def count_bars(frame: pd.DataFrame, label: str) -> dict:
    """Return column settings that draw each count of ``frame`` as a bar.

    A table draws in a fraction of the time a chart library needs to load, so
    the overview is on screen at once.
    """
    config = {label: st.column_config.TextColumn(label.capitalize())}
    for column in frame.columns.drop(label):
        config[column] = st.column_config.ProgressColumn(
            column.capitalize(), format="%d", min_value=0,
            max_value=max(int(frame[column].max()), 1))
    return config


def show_overview() -> None:
    """Counts, organizations per sector, ties per period."""
    st.subheader(f"Overview: {md_escape(ds.name)}")
    counts = overview.headline(ds)
    cols = st.columns(len(counts))
    for col, (label, value) in zip(cols, counts.items()):
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
    if can_edit():
        with st.expander("Your data: the sample, an upload of your own, the template",
                         icon=":material/upload_file:",
                         expanded=bool(st.session_state.report.errors)):
            sample_tab, upload_tab, template_tab = st.tabs(["Sample", "Upload", "Template"])

            with sample_tab:
                st.markdown(
                    "The bundled sample follows **AquaNourish Foods**, a consumer-goods company "
                    "working on water stewardship, nutrition and rural livelihoods with 100+ "
                    "organizations in three regions over seven years."
                )
                st.button("Use the sample", on_click=use_sample, key="use_sample")

            with upload_tab:
                st.markdown(
                    "Upload one workbook (XLSX) or one CSV per table, or the files a tool "
                    "exported: Kumu, Gephi, Polinode, a plain edge list. Headers are matched "
                    "whatever their case and common synonyms (from/to, label/name, weight)."
                )
                st.file_uploader("Spreadsheet files", type=UPLOAD_TYPES,
                                 accept_multiple_files=True, help=LIMITS_TEXT, key="uploader",
                                 on_change=load_upload)
                st.caption(LIMITS_TEXT)

            with template_tab:
                st.markdown("Start from the template: one sheet per table, with example rows and a "
                            "sheet that explains every column.")
                left, right = st.columns(2)
                template_button("dl_template_xlsx", "xlsx", left)
                template_button("dl_template_zip", "zip", right)
    else:
        st.caption("Opened through a view-only link: this is the workspace's saved data. "
                   "Uploads and edits are for the team's edit link.")


def show_report() -> None:
    """The validation report of the last load."""
    report = st.session_state.report
    if report.errors:
        st.error(f"The upload could not be used: {len(report.errors)} problem(s) to fix. "
                 f"Still showing **{md_escape(ds.name)}**.", icon=":material/error:")
    if report.findings:
        with st.expander(f"Validation report: {len(report.errors)} error(s), "
                         f"{len(report.warnings)} warning(s)", expanded=bool(report.errors)):
            st.dataframe(pd.DataFrame([f.as_dict() for f in report.errors + report.warnings]),
                         hide_index=True, width="stretch")
    elif ds.name:
        st.success(f"**{md_escape(ds.name)}** read with no problems.", icon=":material/check:")


@cached
def map_preview(ds, challenge, period, focal) -> str:
    """Return the SVG of the map preview (built once per data and selection)."""
    G = computed.graph(ds, MapKey(challenge), period)
    now = computed.period_measures(ds, MapKey(challenge), period).set_index("id")
    nodes, edges = mapview.frames(G, now, computed.positions(ds, challenge),
                                  [n for n in G if G.degree(n)])
    return charts.map_svg(nodes, edges, "sector", highlight=focal)


def show_map_preview() -> None:
    """The map of the selected challenge and period, with a link to step 2."""
    period = sel.period or (ds.periods[-1] if ds.periods else None)
    st.markdown(f"**Map preview, {md_escape(period or 'all periods')}**: the organizations "
                "with a tie, coloured by sector, larger when more influential; us in dark grey.")
    st.image(map_preview(ds, sel.challenge, period, sel.focal))
    st.page_link("pages/2_network_map.py", label="Open the network map", icon=":material/hub:")


st.title("Shared Value Navigator")
st.markdown(
    "Find where your business and society's challenges meet, see who shapes each "
    "challenge, and decide how to lead across boundaries. Three steps, after the "
    "Center for Creative Leadership's *Exploring Shared Value* method:"
)
show_steps()
show_overview()
st.divider()
show_data_panel()
show_report()
st.divider()
show_map_preview()
