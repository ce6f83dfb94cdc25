"""The house style of every figure and graph: palette, fonts, axes, how "us" is drawn.

Every builder in :mod:`ui.figures` ends with :func:`styled`, escapes the text it
shows with :func:`escaped` or :func:`label` (Plotly reads a few HTML tags in
text: ``<b>``, ``<a href>``), and draws our organization with :func:`us_label`
and :data:`US_COLOR`. :func:`graph_style` gives the streamlit-agraph view the
same colours, sizes and "(us)" label.

>>> color_map(["NGO", "Business"])
{'Business': '#D9822B', 'NGO': '#2E9E6A'}
>>> label("<b>Water</b> & rivers", width=8)
'&lt;b&gt;Water&lt;/b&gt;<br>&amp;<br>rivers'
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Collection

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from ui.text import plain

__all__ = ["SECTOR_COLORS", "US_COLOR", "US_SUFFIX", "NETWORK_COLOR", "LINE_COLOR",
           "FONT_SIZE", "color_map", "escaped", "label", "styled", "period_axis",
           "us_label", "graph_style"]

SECTOR_COLORS = {
    "Government": "#3E6FB0",
    "NGO": "#2E9E6A",
    "Business": "#D9822B",
    "Academic": "#8E5DB8",
    "Funder": "#C9A227",
    "Community": "#D1495B",
    "Media": "#5D6D7E",
    "Multilateral": "#1B998B",
    "Unspecified": "#B0B7BD",
}
FALLBACK_COLORS = px.colors.qualitative.Safe
#: Our organization, wherever it is drawn.
US_COLOR = "#1F2A30"
US_SUFFIX = " (us)"
#: The whole network, as a line beside organizations.
NETWORK_COLOR = "#7A868E"
#: Ties on maps and overviews.
LINE_COLOR = "#B8C4C8"
GRAPH_TIE_COLOR = "#9AA8AE"
NEW_TIE_COLOR = "#E4572E"
FONT_SIZE = 13
MARGIN = dict(l=10, r=10, t=40, b=10)


def color_map(values) -> dict[str, str]:
    """Return a stable colour per category: known sectors keep theirs, others get spares."""
    mapping, spare = {}, iter(FALLBACK_COLORS * 10)
    for value in sorted({str(v) for v in values}):
        mapping[value] = SECTOR_COLORS.get(value) or next(spare)
    return mapping


def escaped(frame: pd.DataFrame) -> pd.DataFrame:
    """Return ``frame`` with every text column HTML-escaped for Plotly."""
    text = frame.select_dtypes(include="object").columns
    return frame.assign(**{c: frame[c].map(lambda v: html.escape(str(v))) for c in text})


def label(text, width: int = 0) -> str:
    """Return spreadsheet text for a Plotly label: one line, tags escaped, optionally wrapped
    at ``width`` characters."""
    text = html.escape(plain(text))
    return "<br>".join(textwrap.wrap(text, width, break_long_words=False)) if width else text


def styled(fig: go.Figure, height: int = 320, top: int = MARGIN["t"]) -> go.Figure:
    """Apply the house style (compact margins, one font size, no legend title) and a height."""
    fig.update_layout(height=height, margin={**MARGIN, "t": top}, legend_title_text="",
                      font=dict(size=FONT_SIZE))
    return fig


def period_axis(fig: go.Figure) -> go.Figure:
    """Make the x axes periods: categories in the data's order, no axis title."""
    return fig.update_xaxes(type="category", title="")


def us_label(names: pd.Series, ids: pd.Series, us) -> pd.Series:
    """Return the names with "(us)" after our organization's."""
    return names.where(ids != us, names + US_SUFFIX)


def graph_style(nodes: pd.DataFrame, edges: pd.DataFrame, us=None, *, color_by: str = "sector",
                outlined: Collection = (), new_ties: Collection = ()
                ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return the nodes and edges of a force-directed graph with their colour, size and label.

    ``nodes``: id, name, influence, x, y and the ``color_by`` column
    (:func:`csvcore.graph.focus.frames`); ``edges``: source, target, strength.
    Our organization is labelled "(us)", drawn in :data:`US_COLOR` and outlined;
    ``outlined`` organizations are outlined too; ``new_ties`` (proposed partners
    of ours) are drawn as thick coloured ties from us. Size grows with influence,
    line width with strength.
    """
    is_us = nodes["id"] == us
    colors = color_map(nodes[color_by].astype(str))
    drawn = nodes.assign(
        label=us_label(nodes["name"], nodes["id"], us),
        color=nodes[color_by].astype(str).map(colors).where(~is_us, US_COLOR),
        size=10 + 25 * nodes["influence"],
        highlight=is_us | nodes["id"].isin(list(outlined)))
    strongest = float(edges["strength"].max()) if len(edges) else 0.0
    strongest = strongest if strongest > 0 else 1.0
    lines = edges.assign(color=GRAPH_TIE_COLOR, width=1 + 4 * edges["strength"] / strongest)
    proposed = pd.DataFrame({"source": us, "target": list(new_ties), "color": NEW_TIE_COLOR,
                             "width": 5.0})
    lines = pd.concat([lines[["source", "target", "color", "width"]], proposed],
                      ignore_index=True)
    return drawn, lines
