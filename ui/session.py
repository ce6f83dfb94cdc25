"""One run of the app: sign-in, the workspace link, the data, the sidebar, then the page.

``app.py`` calls :func:`start` with its pages and runs the page it returns;
every page begins with ``sel = session.selection()``.
"""

from __future__ import annotations

import streamlit as st

from ui import data, state, workspace
from ui.selection import Selection
from ui.sidebar import sidebar

__all__ = ["start", "selection"]


def start(pages: list) -> st.Page:
    """Set up the run and return the page to run (the one the address names)."""
    st.set_page_config(page_title="Shared Value Navigator", page_icon="🌊", layout="wide")
    workspace.require_sign_in()
    link_valid = workspace.open_link()
    page = st.navigation(pages, position="sidebar" if link_valid else "hidden")
    if not link_valid:
        workspace.show_invalid_link()
        st.stop()
    data.ensure_data()
    state.set("app_selection", sidebar(data.dataset()))
    workspace.workspace_caption()
    return page


def selection() -> Selection:
    """The selection of this run: the data, the map (challenge, filters), period, our org."""
    return state.get("app_selection")
