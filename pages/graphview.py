"""Force-directed graphs drawn with streamlit-agraph, safely and without jumping.

streamlit-agraph 0.0.45 puts each node's ``title`` into the page with
``innerHTML`` and ``window.open``s it on double-click, inside an iframe with
same-origin access to the app. So no spreadsheet text ever goes into a title
or an id here: nodes get opaque ids (``n0``, ``n1``…) and an empty title
(empty titles are neither rendered nor opened); names appear only as labels,
which vis-network paints on a canvas. Details live in a Streamlit panel keyed
by the clicked organization.

The component has no ``key`` and rebuilds (losing the click) whenever its
nodes, edges or config change, so the elements are built deterministically in
a cache from server-side positions with physics off, and the clicked
organization is kept in session state.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st
from streamlit_agraph import Config, Edge, Node, agraph

from pages.common import plain

LABEL_CHARS = 28


@st.cache_data(max_entries=32, show_spinner=False)
def _elements(nodes: pd.DataFrame, edges: pd.DataFrame, directed: bool, height: int):
    """Return (agraph nodes, agraph edges, config, opaque id -> organization id)."""
    ids = {org: f"n{i}" for i, org in enumerate(nodes["id"])}
    graph_nodes = []
    for row in nodes.itertuples(index=False):
        node = Node(id=ids[row.id], label=_label(row.label), color=row.color,
                    size=float(row.size), x=float(row.x), y=float(row.y),
                    borderWidth=3 if getattr(row, "highlight", False) else 1,
                    font={"size": 14, "strokeWidth": 3, "strokeColor": "#ffffff"})
        node.title = ""  # never innerHTML, never window.open
        graph_nodes.append(node)
    graph_edges = [
        Edge(source=ids[e.source], target=ids[e.target], color=e.color, width=float(e.width))
        for e in edges.itertuples(index=False) if e.source in ids and e.target in ids
    ]
    config = Config(height=height, directed=directed, physics=False,
                    interaction={"hover": False, "navigationButtons": True})
    config.width = "100%"  # Config would append "px"
    return graph_nodes, graph_edges, config, {v: k for k, v in ids.items()}


def draw(nodes: pd.DataFrame, edges: pd.DataFrame, *, state_key: str, directed: bool = False,
         height: int = 560) -> str | None:
    """Draw a graph and return the organization clicked (kept across reruns).

    ``nodes``: id, label, color, size, x, y (and optional highlight);
    ``edges``: source, target, color, width. The selection lives in
    ``st.session_state[state_key]``.
    """
    graph_nodes, graph_edges, config, back = _elements(nodes, edges, directed, height)
    clicked = agraph(nodes=graph_nodes, edges=graph_edges, config=config)
    seen_key = state_key + "__last_click"
    if clicked is not None and clicked != st.session_state.get(seen_key):
        st.session_state[seen_key] = clicked
        if clicked in back:
            st.session_state[state_key] = back[clicked]
    return st.session_state.get(state_key)


def _label(text) -> str:
    text = plain(text)
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"
