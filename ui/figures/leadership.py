"""Figures of step 3: self-assessment gaps, boundary crossing over time, brokerage roles."""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from csvcore.contract.schema import BOUNDARIES, PRACTICES

from .style import NETWORK_COLOR, US_COLOR, escaped, period_axis, styled

__all__ = ["COMPETITOR_COLORS", "gap_heatmap", "ei_chart", "brokerage_bars"]

COMPETITOR_COLORS = ["#D9822B", "#8E5DB8", "#1B998B", "#D1495B", "#C9A227", "#5D6D7E"]
LINE_DASH = {"us": "solid", "network": "dot", "competitor": "dash"}
WHO_PREFIX = {"us": "Us: ", "competitor": "Competitor: "}


def gap_heatmap(gaps: pd.DataFrame) -> go.Figure:
    """Practice x boundary: colour = gap, text = current → target.

    ``gaps``: practice, boundary, current, target, gap
    (:func:`csvcore.leadership.assessment.assessment_gaps`); practices and
    boundaries in the method's order, the user's own after them.
    """
    gaps = escaped(gaps)
    wide = gaps.pivot_table(index="practice", columns="boundary", values="gap")
    order = _known_first(wide.index, PRACTICES)
    columns = _known_first(wide.columns, BOUNDARIES)
    wide = wide.loc[order, columns]
    text = gaps.assign(text=gaps["current"].map("{:g}".format) + "→"
                       + gaps["target"].map("{:g}".format)).pivot_table(
        index="practice", columns="boundary", values="text", aggfunc="first")
    text = text.reindex(index=order, columns=columns)
    fig = go.Figure(go.Heatmap(
        z=wide.to_numpy(), x=columns, y=order,
        text=text.fillna("").to_numpy(), texttemplate="%{text}", colorscale="OrRd",
        zmin=0, zmax=max(4.0, float(wide.max().max())), xgap=2, ygap=2,
        colorbar=dict(title="gap", thickness=10),
        hovertemplate="%{y} across %{x} boundaries: gap %{z}<extra></extra>"))
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(side="top")
    fig.update_layout(title=dict(text="Self-assessment: current → target (colour: gap)",
                                 y=0.98, yanchor="top"))
    return styled(fig, height=140 + 40 * len(order), top=90)


def _known_first(values, known) -> list:
    return [v for v in known if v in values] + [v for v in values if v not in known]


def ei_chart(rows: pd.DataFrame) -> go.Figure:
    """E-I index per period for us (thick), the network (dotted) and competitors (dashed).

    ``rows``: the rows of one attribute of
    :func:`csvcore.leadership.boundaries.boundary_table` (attribute, boundary,
    period, who, name, ei).
    """
    rows = escaped(rows)
    fig = go.Figure()
    spare = iter(COMPETITOR_COLORS * 10)
    for (who, name), line in rows.groupby(["who", "name"], sort=False):
        prefix = WHO_PREFIX.get(who)
        color = {"us": US_COLOR, "network": NETWORK_COLOR}.get(who) or next(spare)
        fig.add_trace(go.Scatter(
            x=line["period"], y=line["ei"], mode="lines+markers",
            name=prefix + name if prefix else "Whole network",
            line=dict(dash=LINE_DASH[who], width=4 if who == "us" else 2, color=color),
            hovertemplate="%{x}: E-I %{y:+.2f}<extra>%{fullData.name}</extra>"))
    first = rows.iloc[0]
    fig.update_yaxes(range=[-1.05, 1.05], zeroline=True, title="E-I index")
    fig.update_layout(title=f"{first['attribute']}: a {first['boundary']} boundary",
                      legend=dict(orientation="h", y=-0.2))
    return styled(period_axis(fig), height=360)


def brokerage_bars(roles: pd.DataFrame, order: list[str]) -> go.Figure:
    """Open two-paths brokered per organization, stacked by role, in the order of the rows.

    ``roles``: organization and one column per role in ``order``
    (:data:`csvcore.leadership.brokerage.ROLES`).
    """
    long = escaped(roles).melt(id_vars="organization", value_vars=order, var_name="role",
                               value_name="paths")
    fig = px.bar(long, x="paths", y="organization", color="role", orientation="h",
                 title="Open two-paths brokered, by role",
                 labels={"paths": "open two-paths", "organization": ""},
                 category_orders={"role": order})
    fig.update_layout(legend=dict(orientation="h", y=-0.25))
    fig.update_yaxes(autorange="reversed")  # the first row on top
    return styled(fig, height=360)
