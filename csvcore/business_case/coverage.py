"""Who works on each challenge: the ties marked with it, per period, and its top players.

Counts use the ties explicitly marked with the challenge. Ties with no
challenge count for every challenge on the network map, so they would not
tell challenges apart and are counted separately. A tie with no period counts
in every period. Top players: the network map's influence score on the
marked ties of the latest period.
"""

from __future__ import annotations

import pandas as pd

from ..contract.dataset import Dataset
from ..contract.mapkey import MapKey
from ..graph.build import build_graph
from ..graph.measures import node_measures

__all__ = ["challenge_activity", "top_players", "network_summary"]


def challenge_activity(ds: Dataset) -> pd.DataFrame:
    """Return per challenge and period the ties marked with it and the organizations on them.

    A tie with no period counts in every period; a dataset without periods
    gives one row per challenge with period ''.

    >>> ds = Dataset.from_frames(organizations=pd.DataFrame({"id": ["a", "b", "c"]}),
    ...     relationships=pd.DataFrame({"source": ["a", "a", "b"], "target": ["b", "c", "c"],
    ...         "period": ["1", "2", ""], "challenge": ["W", "W", ""]}))
    >>> challenge_activity(ds)
      challenge period  ties  organizations
    0         W      1     1              2
    1         W      2     1              2
    """
    rows = []
    for challenge in ds.challenge_names:
        for period in ds.periods or ("",):
            ties = _marked(ds, challenge, period or None)
            orgs = pd.unique(ties[["source", "target"]].to_numpy().ravel())
            rows.append({"challenge": challenge, "period": period, "ties": len(ties),
                         "organizations": len(orgs)})
    return pd.DataFrame(rows, columns=["challenge", "period", "ties", "organizations"])


def top_players(ds: Dataset, challenge: str, period: str | None, n: int = 3) -> pd.DataFrame:
    """Return the ``n`` most influential organizations on the ties marked with ``challenge``.

    Influence is :func:`csvcore.graph.measures.influence` (the network map's score: the
    mean percentile of degree, betweenness, closeness and PageRank) on the map
    of the marked ties alone; organizations without such a tie are left out.
    Equal scores are ordered by name.

    >>> ds = Dataset.from_frames(organizations=pd.DataFrame({"id": ["a", "b", "c", "d"]}),
    ...     relationships=pd.DataFrame({"source": ["a", "a", "a", "b"],
    ...                                 "target": ["b", "c", "d", "c"],
    ...                                 "challenge": ["W", "W", "W", ""]}))
    >>> top_players(ds, "W", None)["id"].tolist()
    ['a', 'b', 'c']
    """
    marked = ds.replace(relationships=_marked(ds, challenge, period))
    scores = node_measures(build_graph(marked, MapKey(challenge), period))
    scores = scores[scores["degree"] > 0].assign(name=lambda f: f.index.map(ds.names()))
    top = scores.rename_axis("id").reset_index()[["id", "name", "influence"]]
    return top.sort_values(["influence", "name"], ascending=[False, True]).head(n).reset_index(
        drop=True)


def network_summary(ds: Dataset) -> pd.DataFrame:
    """Return per challenge: organizations and ties in the latest period, ties per period,
    the change since the first period and the top three players (names, comma-separated).
    """
    activity = challenge_activity(ds)
    latest = ds.periods[-1] if ds.periods else ""
    rows = []
    for challenge, per_period in activity.groupby("challenge", sort=False):
        ties = per_period["ties"].tolist()
        now = per_period.iloc[-1]
        players = top_players(ds, challenge, latest or None)["name"]
        rows.append({"challenge": challenge, "organizations": now["organizations"],
                     "ties": now["ties"], "ties_per_period": ties,
                     "change": ties[-1] - ties[0], "top_players": ", ".join(players)})
    return pd.DataFrame(rows, columns=["challenge", "organizations", "ties", "ties_per_period",
                                       "change", "top_players"])


def _marked(ds: Dataset, challenge: str, period: str | None) -> pd.DataFrame:
    ties = ds.ties(challenge=challenge, period=period)
    return ties[ties["challenge"] == challenge]
