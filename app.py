"""Shared Value Navigator: the entry point (`streamlit run app.py`).

Sets up the page, asks for sign-in when it is configured, opens the workspace
a link names (?ws=...&token=...), loads the sample on a session's first run,
draws the sidebar shared by every page, then runs the page the user chose.
"""

import streamlit as st

from pages.common import ensure_data, sidebar
from pages.workspace_link import open_link, require_sign_in, show_invalid_link, workspace_caption

st.set_page_config(page_title="Shared Value Navigator", page_icon="🌊", layout="wide")
require_sign_in()

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

link_valid = open_link()
page = st.navigation(PAGES, position="sidebar" if link_valid else "hidden")
if not link_valid:
    show_invalid_link()
    st.stop()
ensure_data()
st.session_state.selection = sidebar()
workspace_caption()
page.run()
