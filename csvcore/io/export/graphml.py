"""A map for yEd, Cytoscape, igraph and networkx: GraphML of the period in view.

GraphML has no time, so the file is the map of one period (the one in view;
the latest by default) with the story as attributes:

- **graph**: ``period`` (the period drawn), ``periods`` (every period, "; "-joined,
  in time order), ``map`` (the challenge and filters in words); the edge default
  is directed on directed maps.
- **nodes**: every organization on the roster, with ``label`` and ``name``,
  ``sector``, ``geography``, ``focal``, the extra columns, the dashboard's
  ``x``, ``y``, ``color`` and ``size``; every node measure of the period under its
  column name (``degree`` ... ``influence``, ``rank``, ``community``); ``periods``
  (those in which it has a tie); and ``influence <period>`` and ``rank <period>``
  for every period, so the rise and fall travel with the file.
- **edges**: the merged ties of the period: ``weight`` (strength), ``type``
  (types joined with "; "), ``ties`` (records merged) and ``periods`` (every
  period in which the two organizations are tied).

>>> import io, networkx as nx, pandas as pd
>>> from csvcore.contract.dataset import Dataset
>>> ds = Dataset.from_frames(relationships=pd.DataFrame(
...     {"source": ["a", "b"], "target": ["b", "c"], "period": ["1", "2"]}))
>>> G = nx.read_graphml(io.BytesIO(to_graphml(map_story(ds, period="1"))))
>>> G.graph["period"], list(G.edges(data="periods")), G.nodes["c"]["influence 2"]
('1', [('a', 'b', '1')], 0.375)
"""

from __future__ import annotations

import io

import networkx as nx
import numpy as np

from ...graph.build import TYPE_SEP
from .story import MapStory, map_story

__all__ = ["GRAPHML_MIME", "map_story", "to_graphml"]

GRAPHML_MIME = "application/graphml+xml"
_STORY = ("influence", "rank")


def to_graphml(story: MapStory) -> bytes:
    """Return the map of the period in view as GraphML bytes (UTF-8)."""
    G = nx.DiGraph() if story.directed else nx.Graph()
    G.graph.update(period=story.period, periods=TYPE_SEP.join(story.periods),
                   map=story.key.describe())
    now = story.measures_of(story.period)
    by_period = {p: story.measures_of(p) for p in story.periods} if story.dated else {}
    for node in story.nodes.to_dict("records"):
        org = node["id"]
        data = {k: _plain(v) for k, v in node.items() if k != "id" and _plain(v) is not None}
        data["label"] = node["name"]
        data.update((c, _plain(now.at[org, c])) for c in story.measure_columns)
        data["periods"] = TYPE_SEP.join(story.active(org))
        for period, table in by_period.items():
            data.update((f"{c} {period}", _plain(table.at[org, c])) for c in _STORY)
        G.add_node(org, **data)
    spans = story.edges.groupby(["source", "target"])["period"].agg(TYPE_SEP.join)
    shown = story.edges[story.edges["period"] == story.period]
    G.add_edges_from((row.source, row.target,
                      {"weight": float(row.strength), "type": row.type, "ties": int(row.ties),
                       "periods": spans[(row.source, row.target)]})
                     for row in shown.itertuples(index=False))
    buffer = io.BytesIO()
    nx.write_graphml(G, buffer)
    return buffer.getvalue()


def _plain(value):
    """Return a bool, int, float or str for GraphML (None for a missing value)."""
    if isinstance(value, np.generic):
        value = value.item()
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    return value if isinstance(value, (bool, int, float, str)) else str(value)
