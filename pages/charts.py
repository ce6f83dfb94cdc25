"""Plotly charts shared by the pages: one small function per chart, one style.

Every function takes tidy frames from csvcore and returns a Figure; no
Streamlit here. Plotly reads a few HTML tags in text (``<b>``, ``<a href>``),
so every text column of a frame passes through :func:`escaped` first.
"""

from __future__ import annotations

import html

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
#: Maps with at least this many organizations are drawn with WebGL.
WEBGL_FROM = 1000
#: Our organization, wherever it is drawn.
US_COLOR = "#1F2A30"


def escaped(frame: pd.DataFrame) -> pd.DataFrame:
    """Return ``frame`` with every text column HTML-escaped for Plotly."""
    text = frame.select_dtypes(include="object").columns
    return frame.assign(**{c: frame[c].map(lambda v: html.escape(str(v))) for c in text})


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


def ranked_bar(frame: pd.DataFrame, measure: str, label: str, highlight=None) -> go.Figure:
    """Top organizations by one measure (columns id, name, sector, <measure>)."""
    data = escaped(frame.assign(who=frame["name"].where(frame["id"] != highlight,
                                                        frame["name"] + " (us)")))
    fig = px.bar(data, x=measure, y="who", orientation="h", color="sector",
                 color_discrete_map=color_map(data["sector"]), title=f"Top by {label.lower()}",
                 labels={measure: label, "who": ""}, hover_data={"who": False, "name": True})
    fig.update_layout(yaxis=dict(categoryorder="total ascending"))
    return styled(fig, height=max(320, 26 * len(data) + 80))


def trend_lines(frame: pd.DataFrame, measure: str, label: str) -> go.Figure:
    """One line per organization over the periods (columns period, name, <measure>)."""
    frame = escaped(frame)
    fig = px.line(frame, x="period", y=measure, color="name", markers=True,
                  title=f"{label} over time", labels={measure: label, "name": ""})
    fig.update_xaxes(type="category", title="")
    return styled(fig, height=420)


def bump_chart(frame: pd.DataFrame) -> go.Figure:
    """Rank over the periods, 1 on top (columns period, name, rank)."""
    frame = escaped(frame)
    fig = px.line(frame, x="period", y="rank", color="name", markers=True,
                  title="Rank by influence (1 = most influential)", labels={"name": ""})
    fig.update_yaxes(autorange="reversed", title="rank", dtick=5)
    fig.update_xaxes(type="category", title="")
    return styled(fig, height=460)


def summary_lines(frame: pd.DataFrame, columns: dict[str, str]) -> go.Figure:
    """Network-level figures per period, one small panel each ({column: label})."""
    long = frame.melt(id_vars="period", value_vars=list(columns), var_name="figure")
    long["figure"] = long["figure"].map(columns)
    fig = px.line(long, x="period", y="value", facet_col="figure", facet_col_wrap=3,
                  markers=True, title="The whole network per period")
    fig.update_yaxes(matches=None, title="")
    fig.update_xaxes(type="category", title="")
    fig.for_each_annotation(lambda a: a.update(text=a.text.split("=")[-1]))
    return styled(fig, height=480)


def network_overview(nodes: pd.DataFrame, edges: pd.DataFrame, color_by: str) -> go.Figure:
    """The whole map from server-side positions; WebGL above :data:`WEBGL_FROM` organizations.

    WebGL stays responsive at 5,000 organizations; below that plain SVG draws
    sooner (a WebGL context costs a second or more on a machine without a GPU).

    ``nodes``: id, name, x, y, influence and the ``color_by`` column;
    ``edges``: source, target.
    """
    nodes = nodes.assign(name=escaped(nodes[["name"]])["name"],
                         group=escaped(nodes[[color_by]].astype(str))[color_by])
    xy = nodes.set_index("id")[["x", "y"]]
    ends = edges[edges["source"].isin(xy.index) & edges["target"].isin(xy.index)]
    ex = _segments(xy.loc[ends["source"], "x"].to_numpy(), xy.loc[ends["target"], "x"].to_numpy())
    ey = _segments(xy.loc[ends["source"], "y"].to_numpy(), xy.loc[ends["target"], "y"].to_numpy())
    trace = go.Scattergl if len(nodes) >= WEBGL_FROM else go.Scatter
    fig = go.Figure(trace(x=ex, y=ey, mode="lines", hoverinfo="skip",
                                 line=dict(width=0.5, color="#B8C4C8"), showlegend=False))
    colors = color_map(nodes["group"])
    for group, part in nodes.groupby("group", sort=True):
        fig.add_trace(trace(
            x=part["x"], y=part["y"], mode="markers", name=group, text=part["name"],
            hovertemplate="%{text}<extra></extra>",
            marker=dict(size=4 + 14 * part["influence"], color=colors[group],
                        line=dict(width=0.5, color="white"))))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False, scaleanchor="x")
    fig.update_layout(plot_bgcolor="white", legend=dict(itemsizing="constant"))
    return styled(fig, height=560)


def _segments(start, end) -> list:
    """Interleave start, end, None so one trace draws many separate lines."""
    out = [None] * (3 * len(start))
    out[0::3], out[1::3] = list(start), list(end)
    return out


def map_svg(nodes: pd.DataFrame, edges: pd.DataFrame, color_by: str, highlight=None,
            width: int = 900, height: int = 420) -> str:
    """Return a static SVG of a map (no script, shown as an image: draws at once).

    ``nodes``: id, x, y, influence and the ``color_by`` column; ``edges``:
    source, target. ``highlight`` (our organization) is drawn in
    :data:`US_COLOR`. A legend of the colours sits on the right.
    """
    legend_width, pad = 180, 12
    colors = color_map(nodes[color_by].astype(str))
    xy = nodes.set_index("id")[["x", "y"]].astype(float)
    span = (xy.max() - xy.min()).replace(0, 1.0)
    room = pd.Series({"x": width - legend_width - 2 * pad, "y": height - 2 * pad})
    scale = min(room / span)
    margin = (room - span * scale) / 2 + pad  # centre the drawing
    px_ = margin["x"] + (xy["x"] - xy["x"].min()) * scale
    py_ = margin["y"] + (xy["y"].max() - xy["y"]) * scale
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="13">']
    for e in edges.itertuples(index=False):
        if e.source in xy.index and e.target in xy.index:
            parts.append(f'<line x1="{px_[e.source]:.1f}" y1="{py_[e.source]:.1f}" '
                         f'x2="{px_[e.target]:.1f}" y2="{py_[e.target]:.1f}" '
                         'stroke="#B8C4C8" stroke-width="0.6"/>')
    for n in nodes.itertuples(index=False):
        us = n.id == highlight
        parts.append(f'<circle cx="{px_[n.id]:.1f}" cy="{py_[n.id]:.1f}" '
                     f'r="{(9 if us else 2.5 + 7 * float(n.influence)):.1f}" '
                     f'fill="{US_COLOR if us else colors[str(getattr(n, color_by))]}" '
                     'stroke="white" stroke-width="0.8"/>')
    if highlight is not None:
        colors = {**colors, "us": US_COLOR}
    for i, (group, color) in enumerate(colors.items()):
        y = pad + 12 + 20 * i
        parts.append(f'<circle cx="{width - legend_width + 10}" cy="{y - 4}" r="6" '
                     f'fill="{color}"/><text x="{width - legend_width + 22}" y="{y}" '
                     f'fill="#1F2A30">{html.escape(group[:24])}</text>')
    parts.append("</svg>")
    return "".join(parts)
