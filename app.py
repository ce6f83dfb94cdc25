"""Shared Value Navigator: the entry point (`streamlit run app.py`).

Registers the pages, then :func:`ui.session.start` sets up the run (sign-in,
the workspace a link names, the data, the sidebar and the selection) and the
page the address names runs. Every file in pages/ is one of PAGES
(tests/test_structure.py checks it).
"""

import streamlit as st

from ui import session

# URL paths differ from the page files' names on purpose: with a pages/ folder,
# Streamlit's AppTest would otherwise match a URL to a file and run that page
# without app.py (and so without the sidebar).
PAGES = [
    st.Page("pages/home.py", title="Home", icon=":material/home:", url_path="start",
            default=True),
    st.Page("pages/1_business_case.py", title="1 · Business case",
            icon=":material/target:", url_path="business-case"),
    st.Page("pages/2_network_map.py", title="2 · Network map",
            icon=":material/hub:", url_path="network-map"),
    st.Page("pages/3_leadership.py", title="3 · Leadership strategy",
            icon=":material/diversity_3:", url_path="leadership-strategy"),
    st.Page("pages/workspaces.py", title="Workspaces", icon=":material/folder_shared:",
            url_path="saved-workspaces"),
]

session.start(PAGES).run()
