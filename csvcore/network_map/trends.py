"""Gaining and losing influence: change, slope and a label per organization.

Works on the tidy output of :func:`csvcore.graph.measures.measures_table`, whose
scores all sit on one fixed roster, so an organization absent from a period
scores 0 there and every period has the same ``n``.

Between a ``start`` and an ``end`` period (by default the first and the last):

- ``change`` = score at end - score at start; ``rank_change`` = rank at start -
  rank at end (positive = moved up);
- ``slope`` = least-squares slope of the score on the period index 0, 1, ...
  over every period from start to end; ``fitted_change`` = slope x (periods - 1);
- ``label``, the first rule that holds:

  ========  ==============================================================
  Absent    no tie in any period of the window
  Exited    had ties in the window, none in the end period
  New       no tie in the start period, ties in the end period
  Rising    change or fitted change >= +threshold, and neither <= -threshold
  Fading    change or fitted change <= -threshold, and neither >= +threshold
  Stable    otherwise (including a rise and a fall that disagree)
  ========  ==============================================================

The default threshold, 0.10 of influence, means "now outranks a tenth more
(or less) of the roster, averaged over the four influence measures".

>>> import pandas as pd
>>> m = pd.DataFrame({"period": ["1", "1", "2", "2"], "id": ["a", "b", "a", "b"],
...                   "degree": [1, 0, 1, 1], "influence": [0.2, 0.0, 0.5, 0.4]})
>>> trends(m)[["id", "change", "label"]].to_dict("records")
[{'id': 'b', 'change': 0.4, 'label': 'New'}, {'id': 'a', 'change': 0.3, 'label': 'Rising'}]
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from ..contract.dataset import Dataset
from ..contract.mapkey import MapKey, period_labels
from ..contract.schema import UNCONFIRMED
from ..graph.build import EVERYTHING, select_ties

__all__ = ["LABELS", "THRESHOLD", "CONFIDENCE_LABELS", "trends", "tie_changes",
           "tie_confidence"]

#: label -> plain explanation, in the order the rules are applied.
LABELS = {
    "Absent": "No tie in any period compared.",
    "Exited": "Had ties, but none in the latest period compared.",
    "New": "No tie in the first period compared, ties in the latest.",
    "Rising": "Influence grew by at least the threshold (end minus start, or the trend line).",
    "Fading": "Influence fell by at least the threshold (end minus start, or the trend line).",
    "Stable": "Influence moved less than the threshold, or the two signals disagree.",
}
#: Default change in influence that makes an organization Rising or Fading.
THRESHOLD = 0.10
#: Tie records by confidence: column -> plain explanation (see :func:`tie_confidence`).
CONFIDENCE_LABELS = {
    "confirmed": "Confidence above 0.5: in a survey round, named by both organizations.",
    "unconfirmed": "Confidence 0.5 or less: in a survey round, named by one side only.",
    "not recorded": "No confidence given (ties from a spreadsheet without one).",
}

_ORG_COLUMNS = ["name", "sector", "geography", "focal"]


def trends(measures: pd.DataFrame, start: str | None = None, end: str | None = None, *,
           measure: str = "influence", threshold: float = THRESHOLD) -> pd.DataFrame:
    """Return, per organization, its move between two periods and its label.

    Parameters
    ----------
    measures : DataFrame
        ``measures_table`` output with every period (in time order).
    start, end : str, optional
        The periods compared; default first and last.
    measure : str
        Column to follow; ``influence`` by default.
    threshold : float
        Change that counts as Rising or Fading.

    Returns
    -------
    pandas.DataFrame
        id, name, sector, geography, focal (where present), ``score_start``,
        ``score_end``, ``change``, ``rank_start``, ``rank_end``, ``rank_change``,
        ``slope``, ``fitted_change``, ``periods_active``, ``label``; sorted by
        change, largest rise first.
    """
    periods = list(pd.unique(measures["period"]))
    first = 0 if start is None else periods.index(start)
    last = len(periods) - 1 if end is None else periods.index(end)
    if last < first:
        raise ValueError(f"start period {start!r} comes after end period {end!r}")
    window = periods[first:last + 1]
    wide = measures.pivot(index="id", columns="period", values=measure)[window]
    active = measures.pivot(index="id", columns="period", values="degree")[window] > 0
    ranks = wide.rank(ascending=False, method="min").astype(int)
    scores = wide.to_numpy(dtype=float)
    out = pd.DataFrame({
        "score_start": wide[window[0]], "score_end": wide[window[-1]],
        "rank_start": ranks[window[0]], "rank_end": ranks[window[-1]],
    })
    out["change"] = out["score_end"] - out["score_start"]
    out["rank_change"] = out["rank_start"] - out["rank_end"]
    x = np.arange(len(window)) - (len(window) - 1) / 2
    slope = scores @ x / (x @ x) if len(window) > 1 else np.zeros(len(out))
    out["slope"] = slope
    out["fitted_change"] = slope * (len(window) - 1)
    out["periods_active"] = active.sum(axis=1)
    out["label"] = _labels(out, active[window[0]], active[window[-1]], threshold)
    info = measures.drop_duplicates("id").set_index("id")
    info = info[[c for c in _ORG_COLUMNS if c in info]]
    columns = ["score_start", "score_end", "change", "rank_start", "rank_end", "rank_change",
               "slope", "fitted_change", "periods_active", "label"]
    table = info.join(out[columns], how="right").reset_index()
    return table.sort_values(["change", "id"], ascending=[False, True], ignore_index=True)


def _labels(t: pd.DataFrame, at_start: pd.Series, at_end: pd.Series,
            threshold: float) -> np.ndarray:
    change, fitted = t["change"].round(12), t["fitted_change"].round(12)  # 0.3 - 0.2 is 0.1
    up = (change >= threshold) | (fitted >= threshold)
    down = (change <= -threshold) | (fitted <= -threshold)
    rules = [
        (t["periods_active"] == 0, "Absent"),
        (~at_end, "Exited"),
        (~at_start, "New"),
        (up & ~down, "Rising"),
        (down & ~up, "Fading"),
    ]
    return np.select([r.to_numpy(dtype=bool) for r, _ in rules], [label for _, label in rules],
                     default="Stable")


def tie_changes(ds: Dataset, org: str, start: str, end: str, key: MapKey = EVERYTHING
                ) -> pd.DataFrame:
    """Return the ties of ``org`` gained and lost between two periods.

    A tie is a (partner, type, direction) with direction ``out`` (org ->
    partner), ``in`` (partner -> org) or ``both`` (an undirected tie);
    strengths of repeated records are added. Types that change for the same
    partner show as one tie lost and one gained.

    Parameters
    ----------
    ds, org, start, end
        The dataset, the organization's id, the two periods.
    key : MapKey
        The challenge and the filters (the minimum strength applies to merged
        edges, so not to the tie records listed here).

    Returns
    -------
    pandas.DataFrame
        partner, partner_name, partner_sector, type, direction, strength (in
        the period where the tie exists), change (``gained`` or ``lost``);
        gained first, strongest first.

    Examples
    --------
    >>> import pandas as pd
    >>> from csvcore.contract.dataset import Dataset
    >>> ds = Dataset.from_frames(relationships=pd.DataFrame(
    ...     {"source": ["a", "a"], "target": ["b", "c"], "period": ["1", "2"]}))
    >>> tie_changes(ds, "a", "1", "2")[["partner", "change"]].to_dict("records")
    [{'partner': 'c', 'change': 'gained'}, {'partner': 'b', 'change': 'lost'}]
    """
    before, after = (_ties_of(ds, org, p, key) for p in (start, end))
    key = ["partner", "type", "direction"]
    merged = before.merge(after, on=key, how="outer", suffixes=("_before", "_after"))
    merged["change"] = np.select(
        [merged["strength_before"].isna(), merged["strength_after"].isna()],
        ["gained", "lost"], default="")
    merged["strength"] = merged["strength_after"].fillna(merged["strength_before"])
    sector = ds.organizations.drop_duplicates("id").set_index("id")["sector"]
    merged = merged[merged["change"] != ""].assign(
        partner_name=lambda t: t["partner"].map(ds.names()),
        partner_sector=lambda t: t["partner"].map(sector))
    columns = ["partner", "partner_name", "partner_sector", "type", "direction", "strength",
               "change"]
    return merged.sort_values(["change", "strength", "partner"], ascending=[True, False, True],
                              ignore_index=True)[columns]


def _ties_of(ds: Dataset, org: str, period: str, key: MapKey) -> pd.DataFrame:
    t = select_ties(ds, key, period)
    t = t[(t["source"] == org) | (t["target"] == org)]
    outgoing = t["source"] == org
    direction = np.where(~t["directed"], "both", np.where(outgoing, "out", "in"))
    own = pd.DataFrame({"partner": np.where(outgoing, t["target"], t["source"]),
                        "type": t["type"].to_numpy(), "direction": direction,
                        "strength": t["strength"].to_numpy()})
    return own.groupby(["partner", "type", "direction"], as_index=False)["strength"].sum()


def tie_confidence(ds: Dataset, key: MapKey = EVERYTHING) -> pd.DataFrame:
    """Return, per period, the map's tie records by confidence (:data:`CONFIDENCE_LABELS`).

    Counts the records the key selects (a tie for every period counts in each),
    unconfirmed ones included even when the key hides them.

    >>> ds = Dataset.from_frames(relationships=pd.DataFrame(
    ...     {"source": ["a", "a", "b"], "target": ["b", "c", "c"], "period": ["1", "2", "2"],
    ...      "confidence": [None, 1.0, 0.5]}))
    >>> tie_confidence(ds).to_dict("records")
    [{'period': '1', 'confirmed': 0, 'unconfirmed': 0, 'not recorded': 1}, \
{'period': '2', 'confirmed': 1, 'unconfirmed': 1, 'not recorded': 0}]
    """
    every = replace(key, confirmed_only=None)
    rows = []
    for period in period_labels(ds):
        confidence = select_ties(ds, every, period or None)["confidence"]
        rows.append({"period": period, "confirmed": int((confidence > UNCONFIRMED).sum()),
                     "unconfirmed": int((confidence <= UNCONFIRMED).sum()),
                     "not recorded": int(confidence.isna().sum())})
    return pd.DataFrame(rows, columns=["period", *CONFIDENCE_LABELS])
