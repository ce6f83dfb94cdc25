"""The Streamlit kit of the dashboard: everything the pages share that knows about Streamlit.

============== ==========================================================================
state          the one owner of ``st.session_state``: the registry of every key
selection      the selection (dataset, map key, period, our organization): one value
session        a run of the app: sign-in, the workspace link, the data, the sidebar
sidebar        the sidebar's choices, turned into the selection
filters        the map filters (drawn on step 2, kept in the selection)
cache          every cached computation, keyed on the dataset's sha256 and the selection
data           the sample, uploads, the template download
workspace      workspaces opened through links, their actions, the sign-in gate
graphview      the streamlit-agraph view (safe ids and titles, fixed positions)
tables         the words of every table the pages show
text           spreadsheet text made safe for Markdown and labels (no Streamlit)
figures        Plotly figure builders: pure functions, one style (no Streamlit)
============== ==========================================================================

This package imports nothing itself, so that :mod:`ui.figures` and :mod:`ui.text`
stay importable without Streamlit. See docs/ARCHITECTURE.md.
"""
