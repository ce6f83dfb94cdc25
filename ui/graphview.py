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
a cache (keyed on the frames' content) from server-side positions with physics
off, and the clicked organization is kept in session state (:mod:`ui.state`).
Colours, sizes and the "(us)" label come from :func:`ui.figures.style.graph_style`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection

import pandas as pd
import streamlit as st
from streamlit_agraph import Config, Edge, Node, agraph

from ui import state
from ui.figures.style import graph_style
from ui.text import short

__all__ = ["draw", "elements", "LABEL_CHARS"]

LABEL_CHARS = 28


def _content(frame: pd.DataFrame) -> str:
    """The sha256 of every cell of a frame (Streamlit would hash a sample of a large one)."""
    rows = pd.util.hash_pandas_object(frame, index=True).to_numpy().tobytes()
    return hashlib.sha256(rows + repr(list(frame.columns)).encode()).hexdigest()


@st.cache_data(max_entries=32, show_spinner=False, hash_funcs={pd.DataFrame: _content})
def elements(nodes: pd.DataFrame, edges: pd.DataFrame, directed: bool, height: int):
    """Return (agraph nodes, agraph edges, config, opaque id -> organization id).

    ``nodes``: id, label, color, size, x, y, highlight; ``edges``: source,
    target, color, width (:func:`ui.figures.style.graph_style`).
    """
    ids = {org: f"n{i}" for i, org in enumerate(nodes["id"])}
    graph_nodes = []
    for row in nodes.itertuples(index=False):
        node = Node(id=ids[row.id], label=short(row.label, LABEL_CHARS), color=row.color,
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


def draw(nodes: pd.DataFrame, edges: pd.DataFrame, *, state_key: str, us=None,
         color_by: str = "sector", outlined: Collection = (), new_ties: Collection = (),
         directed: bool = False, height: int = 560) -> str | None:
    """Draw organizations and ties; return the organization clicked (kept across reruns).

    ``nodes`` and ``edges`` as :func:`csvcore.graph.focus.frames` returns them;
    ``us``, ``color_by``, ``outlined`` and ``new_ties`` as in
    :func:`ui.figures.style.graph_style`. ``state_key`` (registered in
    :mod:`ui.state`) keeps (organization, raw click): a click counts once.
    """
    drawn, lines = graph_style(nodes, edges, us, color_by=color_by, outlined=outlined,
                               new_ties=new_ties)
    graph_nodes, graph_edges, config, back = elements(drawn, lines, directed, height)
    clicked = agraph(nodes=graph_nodes, edges=graph_edges, config=config)
    chosen, seen = state.get(state_key) or (None, None)
    if clicked is not None and clicked != seen:
        chosen = back.get(clicked, chosen)
        state.set(state_key, (chosen, clicked))
    return chosen
