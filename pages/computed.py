"""Cached computations shared by the pages.

Each wraps one csvcore call in :data:`pages.common.cached`, whose key is the
dataset's full-content sha256 plus the other arguments, so the same numbers
are never computed twice for the same data, and one user's data can never
answer another's request. ``filters`` is a hashable tuple of (name, value)
pairs, as :func:`csvcore.network.build_graph` takes them.
"""

import pandas as pd

from csvcore import ego, measures, network, trends, whole
from pages.common import cached


@cached
def all_measures(ds, challenge, filters: tuple = ()) -> pd.DataFrame:
    """Every node measure for every period (csvcore.measures.measures_table)."""
    return measures.measures_table(ds, challenge, **dict(filters))


@cached
def period_measures(ds, challenge, period, filters: tuple = ()) -> pd.DataFrame:
    """Every node measure for one period."""
    return measures.measures_table(ds, challenge, period, **dict(filters))


@cached
def summary(ds, challenge, filters: tuple = ()) -> pd.DataFrame:
    """Network-level figures per period (csvcore.whole.summary_table)."""
    return whole.summary_table(ds, challenge, measures=all_measures(ds, challenge, filters),
                               **dict(filters))


@cached
def positions(ds, challenge) -> dict:
    """Fixed map positions, the same in every period (csvcore.network.layout)."""
    return network.layout(ds, challenge)


@cached
def graph(ds, challenge, period, filters: tuple = ()):
    """The map of one challenge and period (csvcore.network.build_graph)."""
    return network.build_graph(ds, challenge, period, **dict(filters))


@cached
def ego_view(ds, challenge, period, focal, filters: tuple = ()):
    """How ``focal`` is connected (csvcore.ego.ego_report)."""
    return ego.ego_report(ds, challenge, period, ego=focal, **dict(filters),
                          measures=all_measures(ds, challenge, filters))


@cached
def moves(ds, challenge, filters: tuple, start, end, measure,
          threshold: float = trends.THRESHOLD) -> pd.DataFrame:
    """Change, slope and label per organization between two periods (csvcore.trends)."""
    return trends.trends(all_measures(ds, challenge, filters), start, end, measure=measure,
                         threshold=threshold)
