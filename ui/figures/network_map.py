"""Figures of step 2: top players, influence over time, rank over time, the whole network."""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from .style import LINE_COLOR, color_map, escaped, period_axis, styled, us_label

__all__ = ["WEBGL_FROM", "ranked_bar", "trend_lines", "bump_chart", "summary_lines",
           "network_overview"]

#: Maps with at least this many organizations are drawn with WebGL.
WEBGL_FROM = 1000


def ranked_bar(frame: pd.DataFrame, measure: str, title: str, us=None) -> go.Figure:
    """Top organizations by one measure (columns id, name, sector, <measure>); ours says (us)."""
    data = escaped(frame.assign(who=us_label(frame["name"], frame["id"], us)))
    fig = px.bar(data, x=measure, y="who", orientation="h", color="sector",
                 color_discrete_map=color_map(data["sector"]), title=f"Top by {title.lower()}",
                 labels={measure: title, "who": ""}, hover_data={"who": False, "name": True})
    fig.update_layout(yaxis=dict(categoryorder="total ascending"))
    return styled(fig, height=max(320, 26 * len(data) + 80))


def trend_lines(frame: pd.DataFrame, measure: str, title: str) -> go.Figure:
    """One line per organization over the periods (columns period, name, <measure>)."""
    fig = px.line(escaped(frame), x="period", y=measure, color="name", markers=True,
                  title=f"{title} over time", labels={measure: title, "name": ""})
    return styled(period_axis(fig), height=420)


def bump_chart(frame: pd.DataFrame) -> go.Figure:
    """Rank over the periods, 1 on top (columns period, name, rank)."""
    fig = px.line(escaped(frame), x="period", y="rank", color="name", markers=True,
                  title="Rank by influence (1 = most influential)", labels={"name": ""})
    fig.update_yaxes(autorange="reversed", title="rank", dtick=5)
    return styled(period_axis(fig), height=460)


def summary_lines(frame: pd.DataFrame, columns: dict[str, str]) -> go.Figure:
    """Network-level figures per period, one small panel each ({column: label})."""
    long = frame.melt(id_vars="period", value_vars=list(columns), var_name="figure")
    long["figure"] = long["figure"].map(columns)
    fig = px.line(long, x="period", y="value", facet_col="figure", facet_col_wrap=3,
                  markers=True, title="The whole network per period")
    fig.update_yaxes(matches=None, title="")
    fig.for_each_annotation(lambda a: a.update(text=a.text.split("=")[-1]))
    return styled(period_axis(fig), height=480)


def network_overview(nodes: pd.DataFrame, edges: pd.DataFrame, color_by: str) -> go.Figure:
    """The whole map from server-side positions; WebGL from :data:`WEBGL_FROM` organizations.

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
                          line=dict(width=0.5, color=LINE_COLOR), showlegend=False))
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
