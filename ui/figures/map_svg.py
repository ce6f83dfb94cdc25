"""The static map preview of the home page: an SVG image (no script), drawn at once."""

from __future__ import annotations

import html

import pandas as pd

from .style import LINE_COLOR, US_COLOR, color_map

__all__ = ["map_svg"]


def map_svg(nodes: pd.DataFrame, edges: pd.DataFrame, color_by: str, us=None,
            width: int = 900, height: int = 420) -> str:
    """Return a static SVG of a map, with a legend of the colours on the right.

    ``nodes``: id, x, y, influence and the ``color_by`` column; ``edges``:
    source, target. Our organization (``us``) is drawn in :data:`US_COLOR`.
    Text is escaped: the SVG is shown as an image, never as markup.
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
                         f'stroke="{LINE_COLOR}" stroke-width="0.6"/>')
    for n in nodes.itertuples(index=False):
        is_us = n.id == us
        parts.append(f'<circle cx="{px_[n.id]:.1f}" cy="{py_[n.id]:.1f}" '
                     f'r="{(9 if is_us else 2.5 + 7 * float(n.influence)):.1f}" '
                     f'fill="{US_COLOR if is_us else colors[str(getattr(n, color_by))]}" '
                     'stroke="white" stroke-width="0.8"/>')
    if us is not None:
        colors = {**colors, "us": US_COLOR}
    for i, (group, color) in enumerate(colors.items()):
        y = pad + 12 + 20 * i
        parts.append(f'<circle cx="{width - legend_width + 10}" cy="{y - 4}" r="6" '
                     f'fill="{color}"/><text x="{width - legend_width + 22}" y="{y}" '
                     f'fill="{US_COLOR}">{html.escape(group[:24])}</text>')
    parts.append("</svg>")
    return "".join(parts)
