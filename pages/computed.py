"""Cached computations shared by the pages.

Each wraps one csvcore call in :data:`pages.common.cached`, whose key is the
dataset's full-content sha256 plus the other arguments, so the same numbers
are never computed twice for the same data, and one user's data can never
answer another's request. ``key`` is the :class:`csvcore.contract.mapkey.MapKey`
of the map (challenge and filters).
"""

import pandas as pd

from csvcore.contract.mapkey import MapKey
from csvcore.graph import build, layout, measures
from csvcore.network_map import ego, trends, whole
from pages.common import cached


@cached
def all_measures(ds, key: MapKey) -> pd.DataFrame:
    """Every node measure for every period (csvcore.graph.measures.measures_table)."""
    return measures.measures_table(ds, key)


@cached
def period_measures(ds, key: MapKey, period) -> pd.DataFrame:
    """Every node measure for one period."""
    return measures.measures_table(ds, key, period)


@cached
def summary(ds, key: MapKey) -> pd.DataFrame:
    """Network-level figures per period (csvcore.network_map.whole.summary_table)."""
    return whole.summary_table(ds, key, measures=all_measures(ds, key))


@cached
def positions(ds, challenge) -> dict:
    """Fixed map positions, the same in every period (csvcore.graph.layout.layout)."""
    return layout.layout(ds, challenge)


@cached
def graph(ds, key: MapKey, period):
    """The map of one key and period (csvcore.graph.build.build_graph)."""
    return build.build_graph(ds, key, period)


@cached
def ego_view(ds, key: MapKey, period, focal):
    """How ``focal`` is connected (csvcore.network_map.ego.ego_report)."""
    return ego.ego_report(ds, key, period, ego=focal, measures=all_measures(ds, key))


@cached
def moves(ds, key: MapKey, start, end, measure,
          threshold: float = trends.THRESHOLD) -> pd.DataFrame:
    """Change, slope and label per organization between two periods (csvcore.network_map.trends)."""
    return trends.trends(all_measures(ds, key), start, end, measure=measure,
                         threshold=threshold)
