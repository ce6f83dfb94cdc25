"""Figures of step 1: the materiality matrix and the rank of each challenge under each scenario."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from csvcore.contract.schema import SHARED_VALUE_LEVELS

from .style import label, styled

__all__ = ["LEVEL_COLORS", "matrix_chart", "rank_heatmap"]

LEVEL_COLORS = {"products and markets": "#3E6FB0", "value chain": "#D9822B",
                "local cluster": "#2E9E6A", "unspecified": "#B0B7BD"}
OTHER_LEVEL = "#5D6D7E"


def matrix_chart(points: pd.DataFrame, active: str | None = None) -> go.Figure:
    """Materiality matrix: societal impact (x) against business impact (y), bubble = priority.

    ``points``: challenge, description, societal_impact, business_impact, size,
    priority, level (:func:`csvcore.business_case.matrix_points`). Challenges with
    the same impacts are drawn side by side; the ``active`` one is ringed; hover
    gives the values; ``customdata[0]`` of each point is its challenge.
    """
    shown = points.assign(
        x=points["societal_impact"] + _side_by_side(points),
        name=points["challenge"].map(label),
        text=points["challenge"].map(lambda t: label(t, 14)),
        about=points["description"].map(lambda t: label(t, 60)),
        priority_text=points["priority"].map(lambda p: "not ranked" if pd.isna(p) else f"{p:.1f}"),
        level_text=points["level"].map(label))
    colors = {lv: LEVEL_COLORS.get(lv, OTHER_LEVEL) for lv in shown["level_text"]}
    fig = px.scatter(shown, x="x", y="business_impact", size="size", size_max=44,
                     color="level_text", color_discrete_map=colors, text="text",
                     custom_data=["challenge", "name", "about", "priority_text",
                                  "societal_impact"],
                     category_orders={"level_text": [*SHARED_VALUE_LEVELS, "unspecified"]})
    positions = dict(zip(shown["challenge"], _label_positions(shown)))
    fig.update_traces(
        cliponaxis=False,
        hovertemplate="<b>%{customdata[1]}</b><br>Business impact %{y} · societal impact "
                      "%{customdata[4]}<br>Priority %{customdata[3]}<br><br>%{customdata[2]}"
                      "<extra></extra>")
    for trace in fig.data:
        trace.textposition = [positions[c[0]] for c in trace.customdata]
    chosen = shown[shown["challenge"] == active]
    if len(chosen):
        fig.add_trace(go.Scatter(x=chosen["x"], y=chosen["business_impact"],
                                 mode="markers", name="active challenge", hoverinfo="skip",
                                 marker=dict(size=58, color="rgba(0,0,0,0)",
                                             line=dict(color="#1F2A30", width=2))))
    fig.update_xaxes(title="Societal impact →", range=_padded(shown["x"], 2.0))
    fig.update_yaxes(title="Business impact →", range=_padded(shown["business_impact"], 1.0))
    fig.update_layout(legend=dict(orientation="h", y=-0.2), clickmode="event+select",
                      title="Materiality: click a bubble to focus on it")
    return styled(fig, height=480)


def _side_by_side(points: pd.DataFrame, step: float = 0.45) -> pd.Series:
    """Return x offsets that spread challenges sharing both impacts around their spot."""
    spot = points.groupby(["societal_impact", "business_impact"])
    return (spot.cumcount() - (spot["challenge"].transform("size") - 1) / 2) * step


def _label_positions(points: pd.DataFrame, gap: float = 3.5) -> list[str]:
    """Return where each label goes: beside its bubble, pointing inwards where it can, else above.

    Bubbles in the right quarter of the chart try the left side first. A side is
    free when no bubble on the same row lies within ``gap`` on that side, or
    when that bubble put its own label on its far side.
    """
    inwards = points["x"].min() + 0.75 * (points["x"].max() - points["x"].min())
    place = {}
    for _, row in points.sort_values("x").groupby("business_impact"):
        xs, ids = row["x"].tolist(), list(row.index)
        for j, i in enumerate(ids):
            free = {"middle left": j == 0 or xs[j] - xs[j - 1] >= gap
                    or place[ids[j - 1]] == "middle left",
                    "middle right": j + 1 == len(ids) or xs[j + 1] - xs[j] >= gap}
            order = ("middle left", "middle right")
            if xs[j] <= inwards:
                order = order[::-1]
            place[i] = next((side for side in order if free[side]), "top center")
    return [place[i] for i in points.index]


def _padded(values: pd.Series, pad: float) -> list[float]:
    lo, hi = float(values.min()), float(values.max())
    pad = max(pad, (hi - lo) * 0.15)
    return [lo - pad, hi + pad]


def rank_heatmap(ranks: pd.DataFrame, scores: pd.DataFrame, weights: Mapping[str, float],
                 top: int, order=None) -> go.Figure:
    """Challenge x scenario rank (1 = top), darker = higher, each cell labelled rank · score.

    ``ranks`` and ``scores``: one row per challenge, one column per scenario;
    ``weights``: scenario -> probability; ``top``: how many count as top
    (:attr:`csvcore.business_case.BusinessCase.k`); ``order``: the challenges
    top to bottom (default: as in ``ranks``; challenges not ranked are left out).
    """
    order = [c for c in (ranks.index if order is None else order) if c in ranks.index]
    ranks = ranks.loc[order]
    scores = scores.loc[order, ranks.columns]
    labels = ranks.astype(str).radd("#") + scores.map(lambda s: f" · {s:g}")
    columns = [f"{label(s, 12)}<br>p={weights[s]:.2f}" for s in ranks.columns]
    fig = go.Figure(go.Heatmap(
        z=ranks.to_numpy(), x=columns, y=[label(c) for c in ranks.index],
        text=labels.to_numpy(), texttemplate="%{text}", colorscale="Teal", reversescale=True,
        showscale=False, hovertemplate="%{y} under %{x}: rank %{z}<extra></extra>",
        xgap=2, ygap=2))
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(side="top", tickangle=0)
    fig.update_layout(title=dict(text=f"Rank under each scenario (top {top} = the top third)",
                                 y=0.98, yanchor="top"))
    return styled(fig, height=150 + 44 * len(ranks), top=100)
