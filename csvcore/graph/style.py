"""How the dashboard draws a map: one colour per sector, ours in dark grey, size from influence.

The dashboard's pages and the files made for other tools (GEXF's ``viz``,
the brief's charts) take their colours and sizes from here, so a map looks the
same in Gephi as on screen.

>>> colors = color_map(["NGO", "Fishers", "Business"])
>>> colors["NGO"], colors["Business"], colors["Fishers"]
('#2E9E6A', '#D9822B', '#88CCEE')
>>> node_size(0.5), line_width(2.0, strongest=4.0), rgb("#2E9E6A")
(22.5, 3.0, (46, 158, 106))
"""

from __future__ import annotations

__all__ = ["SECTOR_COLORS", "FALLBACK_COLORS", "US_COLOR", "TIE_COLOR", "color_map",
           "node_size", "line_width", "rgb"]

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
#: Colours of categories that are not known sectors, in order (Plotly's "Safe" palette).
FALLBACK_COLORS = ("#88CCEE", "#CC6677", "#DDCC77", "#117733", "#332288", "#AA4499",
                   "#44AA99", "#999933", "#882255", "#661100", "#888888")
#: Our organization, wherever it is drawn.
US_COLOR = "#1F2A30"
#: Ties on the map.
TIE_COLOR = "#9AA8AE"


def color_map(values) -> dict[str, str]:
    """Return a stable colour per category: known sectors keep theirs, others take the palette
    in sorted order (cycling when there are more categories than colours)."""
    mapping, spare = {}, 0
    for value in sorted({str(v) for v in values}):
        if value in SECTOR_COLORS:
            mapping[value] = SECTOR_COLORS[value]
        else:
            mapping[value] = FALLBACK_COLORS[spare % len(FALLBACK_COLORS)]
            spare += 1
    return mapping


def node_size(influence: float) -> float:
    """Return an organization's drawn size (10 with no influence, 35 at the top)."""
    return 10 + 25 * float(influence)


def line_width(strength: float, strongest: float) -> float:
    """Return a tie's drawn width (1 to 5, the strongest tie of the map widest)."""
    return 1 + 4 * float(strength) / float(strongest or 1)


def rgb(color: str) -> tuple[int, int, int]:
    """Return ``"#RRGGBB"`` as three integers 0-255."""
    value = color.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)
