"""One map in every period, gathered once for the files that carry it to other tools.

A :class:`MapStory` holds what GEXF, GraphML and the Kumu workbook write about
a map (a :class:`~csvcore.contract.mapkey.MapKey`): the roster with the
dashboard's colours, sizes and positions, every node measure of every
period, and the merged ties of every period. Conventions are the dashboard's:
the fixed roster (an organization without a tie in a period scores 0 there),
ties merged per pair and period (strength summed, types joined), one layout
for every period.

>>> import pandas as pd
>>> from csvcore.contract.dataset import Dataset
>>> ds = Dataset.from_frames(relationships=pd.DataFrame(
...     {"source": ["a", "a", "b"], "target": ["b", "b", "c"], "period": ["1", "2", "2"],
...      "strength": [1, 2, 1]}))
>>> story = map_story(ds)
>>> story.periods, story.period, story.edges[["period", "source", "target", "strength"]].values.tolist()
(('1', '2'), '2', [['1', 'a', 'b', 1.0], ['2', 'a', 'b', 2.0], ['2', 'b', 'c', 1.0]])
>>> story.active("c")
('2',)
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from ...contract.dataset import Dataset
from ...contract.mapkey import MapKey, period_labels, resolve_period
from ...graph import style
from ...graph.build import EVERYTHING, build_graph, is_directed, roster
from ...graph.layout import layout
from ...graph.measures import measures_table

__all__ = ["MapStory", "map_story", "LABEL_COLUMNS"]

#: Columns of the measures table that describe an organization rather than measure it.
LABEL_COLUMNS = ("period", "id", "name", "sector", "geography", "focal")


@dataclass(frozen=True)
class MapStory:
    """A map (challenge and filters) in every period, ready to be written to a file."""

    key: MapKey
    periods: tuple[str, ...]  # in time order; ("",) for data without periods
    period: str  # the period in view: node sizes, GraphML's map, Kumu's fields
    directed: bool
    nodes: pd.DataFrame  # the roster: id, name, sector, geography, focal, extras, x, y, color, size
    attributes: tuple[str, ...]  # the organizations' extra columns
    measures: pd.DataFrame  # measures_table: one row per period and organization
    edges: pd.DataFrame  # one row per period and merged tie: period, source, target, strength, type, ties

    @property
    def dated(self) -> bool:
        """True when the data has periods (else one map holds every tie)."""
        return self.periods != ("",)

    @property
    def measure_columns(self) -> list[str]:
        """The measures of the table (degree ... community), in the table's order."""
        return [c for c in self.measures.columns if c not in LABEL_COLUMNS]

    @cached_property
    def _active(self) -> dict[str, tuple[str, ...]]:
        ends = pd.concat([self.edges[["period", "source"]].rename(columns={"source": "id"}),
                          self.edges[["period", "target"]].rename(columns={"target": "id"})])
        order = {p: i for i, p in enumerate(self.periods)}
        return {org: tuple(sorted(set(group["period"]), key=order.get))
                for org, group in ends.groupby("id", sort=False)}

    def active(self, org: str) -> tuple[str, ...]:
        """Return the periods in which ``org`` has at least one tie on this map."""
        return self._active.get(org, ())

    def measures_of(self, period: str) -> pd.DataFrame:
        """Return the measures of one period, indexed by organization id."""
        return self.measures[self.measures["period"] == period].set_index("id")


def map_story(ds: Dataset, key: MapKey = EVERYTHING, period: str | None = None, *,
              us: str | None = None, measures: pd.DataFrame | None = None,
              positions: dict | None = None) -> MapStory:
    """Return the map of ``key`` in every period.

    Parameters
    ----------
    ds : Dataset
    key : MapKey
        The challenge and the filters.
    period : str, optional
        The period in view (default: the latest, as :func:`resolve_period` decides).
    us : str, optional
        Our organization, drawn in the dashboard's colour for us (default: the focal one).
    measures, positions : optional
        ``measures_table(ds, key)`` and ``layout(ds, key.challenge)`` when the caller
        has them already (the dashboard caches both).
    """
    periods = period_labels(ds)
    if measures is None:
        measures = measures_table(ds, key)
    if positions is None:
        positions = layout(ds, key.challenge)
    directed = is_directed(ds, key)
    parts = [_edges(ds, key, p, directed) for p in periods]
    edges = pd.concat([e for e in parts if len(e)] or parts[:1], ignore_index=True)
    in_view = resolve_period(ds, period)
    nodes = roster(ds, key).reset_index(drop=True)
    influence = measures[measures["period"] == in_view].set_index("id")["influence"]
    colors = style.color_map(nodes["sector"])
    us = ds.focal_id if us is None else us
    xy = [positions.get(i, (0.0, 0.0)) for i in nodes["id"]]
    nodes = nodes.assign(
        name=nodes["id"].map(ds.names()),
        x=[float(x) for x, _ in xy], y=[float(y) for _, y in xy],
        color=[style.US_COLOR if i == us else colors[s] for s, i in zip(nodes["sector"],
                                                                       nodes["id"])],
        size=nodes["id"].map(influence).fillna(0.0).map(style.node_size))
    return MapStory(key=key, periods=periods, period=in_view, directed=directed, nodes=nodes,
                    attributes=tuple(ds.extra_attributes), measures=measures, edges=edges)


def _edges(ds: Dataset, key: MapKey, period: str, directed: bool) -> pd.DataFrame:
    G = build_graph(ds, key, period, directed=directed)
    return pd.DataFrame(
        [(period, u, v, d["strength"], d["type"], d["ties"]) for u, v, d in G.edges(data=True)],
        columns=["period", "source", "target", "strength", "type", "ties"])
