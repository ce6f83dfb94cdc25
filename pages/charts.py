"""Plotly charts shared by the pages: one small function per chart, one style.

Every function takes tidy frames from csvcore and returns a Figure; no
Streamlit here. Spreadsheet text reaches Plotly only as data (hover text is
escaped by Plotly), never as HTML templates built by string concatenation.
"""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

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


def color_map(values) -> dict[str, str]:
    """Return a stable colour per category: known sectors keep theirs."""
    mapping, spare = {}, iter(FALLBACK_COLORS * 10)
    for value in sorted({str(v) for v in values}):
        mapping[value] = SECTOR_COLORS.get(value) or next(spare)
    return mapping


def styled(fig: go.Figure, height: int = 320) -> go.Figure:
    """Apply the house style: compact margins, no chart junk."""
    fig.update_layout(height=height, margin=dict(l=10, r=10, t=40, b=10),
                      legend_title_text="", font=dict(size=13))
    return fig


def sector_bar(frame: pd.DataFrame) -> go.Figure:
    """Horizontal bar of organizations per sector (columns sector, organizations)."""
    fig = px.bar(frame, x="organizations", y="sector", orientation="h", color="sector",
                 color_discrete_map=color_map(frame["sector"]),
                 title="Organizations per sector")
    fig.update_layout(showlegend=False, yaxis=dict(categoryorder="total ascending", title=""))
    return styled(fig)


def period_bars(frame: pd.DataFrame) -> go.Figure:
    """Ties and active organizations per period (columns period, ties, organizations)."""
    long = frame.melt(id_vars="period", value_vars=["ties", "organizations"],
                      var_name="count of", value_name="n")
    fig = px.bar(long, x="period", y="n", color="count of", barmode="group",
                 title="Ties and active organizations per period",
                 color_discrete_sequence=["#0B7A75", "#9CC9C5"])
    fig.update_xaxes(type="category", title="")
    fig.update_yaxes(title="")
    return styled(fig)
