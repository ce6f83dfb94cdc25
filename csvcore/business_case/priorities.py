"""Step 1, the business case: which challenges stand out under which futures.

Definitions (the page states them too):

- **Weights.** Scenario probabilities normalised to sum to 1. A missing or
  negative probability counts as 0; when none is positive, scenarios weigh the
  same. Only scenarios with at least one score in the challenges table count.
- **Priority.** A challenge's expected score over the scenarios, E = Σ pₛ·xₛ.
  A challenge is ranked once it has a score under every counted scenario.
- **Spread.** The probability-weighted standard deviation √(Σ pₛ·(xₛ − E)²),
  and the lowest and highest score.
- **Top k.** The top third of the ranked challenges, rounded up (k = ⌈n/3⌉).
  Within a scenario, rank 1 is the highest score; equal scores share the better rank.
- **Robust**: in the top k under every scenario. **Bet**: in the top k under
  exactly one of several scenarios. **Mixed**: under some. **Lower**: under none.

>>> challenges = pd.DataFrame({"challenge": ["Water", "Jobs", "Health"],
...                            "Calm": [9.0, 5.0, 4.0], "Storm": [8.0, 3.0, 7.0]})
>>> scenarios = pd.DataFrame({"scenario": ["Calm", "Storm"], "probability": [0.75, 0.25]})
>>> case = analyse(challenges, scenarios)
>>> case.ranking[["challenge", "priority", "kind"]].to_dict("records")[0]
{'challenge': 'Water', 'priority': 8.75, 'kind': 'robust'}
>>> summary(case)[0]
'Water is the robust priority: top 1 in both scenarios, expected score 8.8 (spread ±0.4).'
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from ..contract.schema import COLUMNS
from ..contract.words import quoted

__all__ = [
    "KINDS",
    "BusinessCase",
    "scenario_weights",
    "scenario_scores",
    "priorities",
    "scenario_ranks",
    "top_k",
    "classify",
    "analyse",
    "summary",
]

#: Robustness classes, in the order the page lists them, with their labels.
KINDS = {
    "robust": "Robust",
    "bet": "Bet",
    "mixed": "Mixed",
    "lower": "Lower",
    "unranked": "Not ranked",
}
_TOL = 1e-6


@dataclass(frozen=True)
class BusinessCase:
    """Everything the page shows about priorities, computed once per dataset."""

    weights: pd.Series  # counted scenario -> normalised probability
    scores: pd.DataFrame  # challenge x counted scenario (NaN = not scored)
    ranks: pd.DataFrame  # ranked challenge x scenario, 1 = highest score
    k: int  # how many count as "top" in a scenario
    ranking: pd.DataFrame  # one row per challenge, best first
    notes: tuple[str, ...]  # what was assumed or left out, for the user


# --- scenarios and scores -------------------------------------------------


def scenario_weights(scenarios: pd.DataFrame) -> tuple[pd.Series, list[str]]:
    """Return scenario -> probability normalised to sum to 1, and notes on what was done.

    >>> w, notes = scenario_weights(pd.DataFrame({"scenario": ["A", "B"],
    ...                                           "probability": [0.6, 0.6]}))
    >>> w.to_dict(), notes
    ({'A': 0.5, 'B': 0.5}, ['The probabilities sum to 1.20, not 1: each is divided by 1.20.'])
    """
    p = scenarios.set_index("scenario")["probability"].astype(float)
    notes = []
    unusable = list(p.index[~(p >= 0)])
    if unusable:
        notes.append(f"No usable probability for {quoted(unusable)} (missing or negative): "
                     "counted as 0.")
    p = p.where(p >= 0, 0.0)
    total = p.sum()
    if p.empty:
        return p, notes
    if total <= 0:
        notes.append("No scenario has a positive probability: all weigh the same.")
        return pd.Series(1 / len(p), index=p.index), notes
    if abs(total - 1) > _TOL:
        notes.append(f"The probabilities sum to {total:.2f}, not 1: each is divided by "
                     f"{total:.2f}.")
    return p / total, notes


def scenario_scores(challenges: pd.DataFrame,
                    scenarios: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Return challenge x scenario scores for the scenarios with any score, and notes.

    >>> ch = pd.DataFrame({"challenge": ["W"], "A": [3.0], "B": [float("nan")], "X": [1.0]})
    >>> scores, notes = scenario_scores(ch, pd.DataFrame({"scenario": ["A", "B"]}))
    >>> list(scores.columns)
    ['A']
    >>> notes
    ["No scores yet under 'B': left out.",
     "Scores under 'X' have no row in scenarios: left out."]
    """
    listed = list(scenarios["scenario"])
    scored = [s for s in listed if s in challenges.columns and challenges[s].notna().any()]
    notes = []
    unscored = [s for s in listed if s not in scored]
    if unscored:
        notes.append(f"No scores yet under {quoted(unscored)}: left out.")
    orphans = [c for c in challenges.columns if c not in COLUMNS["challenges"] and c not in listed]
    if orphans:
        notes.append(f"Scores under {quoted(orphans)} have no row in scenarios: left out.")
    return challenges.set_index("challenge")[scored].astype(float), notes


def priorities(scores: pd.DataFrame, weights: pd.Series) -> pd.DataFrame:
    """Return per challenge the expected score, weighted spread, lowest and highest score.

    Rows with a missing score are all NaN.

    >>> scores = pd.DataFrame({"A": [8.0, 2.0], "B": [4.0, None]}, index=["x", "y"])
    >>> priorities(scores, pd.Series({"A": 0.25, "B": 0.75})).round(3).to_dict("index")["x"]
    {'priority': 5.0, 'spread': 1.732, 'low': 4.0, 'high': 8.0}
    """
    w = weights.reindex(scores.columns)
    expected = scores.mul(w, axis=1).sum(axis=1)
    variance = scores.sub(expected, axis=0).pow(2).mul(w, axis=1).sum(axis=1)
    out = pd.DataFrame({"priority": expected, "spread": variance.pow(0.5),
                        "low": scores.min(axis=1), "high": scores.max(axis=1)})
    complete = scores.notna().all(axis=1) & (scores.shape[1] > 0)
    return out.where(complete)


def scenario_ranks(scores: pd.DataFrame) -> pd.DataFrame:
    """Return each fully scored challenge's rank within each scenario (1 = highest).

    >>> scenario_ranks(pd.DataFrame({"A": [5.0, 7.0, 5.0]}, index=["x", "y", "z"]))["A"].tolist()
    [2, 1, 2]
    """
    return scores.dropna().rank(ascending=False, method="min").astype(int)


def top_k(n: int) -> int:
    """Return how many of ``n`` ranked challenges count as top: a third, rounded up.

    >>> [top_k(n) for n in (0, 1, 3, 4, 9, 10)]
    [1, 1, 1, 2, 3, 4]
    """
    return max(1, math.ceil(n / 3))


def classify(ranks: pd.DataFrame, k: int, weights: pd.Series) -> pd.DataFrame:
    """Return per ranked challenge its kind (robust, bet, mixed, lower) and a one-line reason.

    >>> ranks = pd.DataFrame({"A": [1, 3, 2], "B": [1, 1, 3]}, index=["x", "y", "z"])
    >>> classify(ranks, 1, pd.Series({"A": 0.9, "B": 0.1}))["reason"].tolist()
    ['Top 1 in both scenarios',
     "Only top 1 under 'B' (p=0.10)",
     "Never top 1; best rank 2, under 'A'"]
    """
    rows = {}
    n = ranks.shape[1]
    for challenge, r in ranks.iterrows():
        top = [s for s in ranks.columns if r[s] <= k]
        if len(top) == n:
            kind, reason = "robust", f"Top {k} in {_every(n)}"
        elif len(top) == 1:
            kind, reason = "bet", f"Only top {k} under '{top[0]}' (p={weights[top[0]]:.2f})"
        elif top:
            kind = "mixed"
            reason = f"Top {k} under {quoted(top)} (p={weights[top].sum():.2f})"
        else:
            best = r.idxmin()
            kind, reason = "lower", f"Never top {k}; best rank {r[best]}, under '{best}'"
        rows[challenge] = (kind, reason)
    return pd.DataFrame.from_dict(rows, orient="index", columns=["kind", "reason"])


def analyse(challenges: pd.DataFrame, scenarios: pd.DataFrame) -> BusinessCase:
    """Return weights, scores, ranks and the ranking of every challenge, best first.

    ``ranking`` columns: rank (by priority, NaN when not ranked), challenge,
    priority, spread, low, high, kind, label, reason.
    """
    scores, notes = scenario_scores(challenges, scenarios)
    weights, weight_notes = scenario_weights(
        scenarios[scenarios["scenario"].isin(scores.columns)])
    stats = priorities(scores, weights)
    ranks = scenario_ranks(scores)
    k = top_k(len(ranks))
    kinds = classify(ranks, k, weights)
    table = stats.join(kinds)
    unranked = table["priority"].isna()
    table.loc[unranked, "kind"] = "unranked"
    table.loc[unranked, "reason"] = [_why_unranked(scores.loc[c]) for c in table.index[unranked]]
    table["label"] = table["kind"].map(KINDS)
    table["rank"] = table["priority"].rank(ascending=False, method="min")
    table = (table.rename_axis("challenge").reset_index()
             .sort_values(["priority", "challenge"], ascending=[False, True],
                          na_position="last", kind="stable", ignore_index=True))
    columns = ["rank", "challenge", "priority", "spread", "low", "high", "kind", "label", "reason"]
    return BusinessCase(weights=weights, scores=scores, ranks=ranks, k=k, ranking=table[columns],
                        notes=tuple(notes + weight_notes))


def summary(case: BusinessCase) -> list[str]:
    """Return two plain-text lines that answer 'which challenges matter most'."""
    ranked = case.ranking[case.ranking["kind"] != "unranked"]
    if ranked.empty:
        return ["No challenge can be ranked yet: give each challenge a score under every "
                "scenario, and each scenario a probability.",
                "The matrix still compares business and societal impact where both are given."]
    n, k = len(case.weights), case.k
    robust = ranked[ranked["kind"] == "robust"]
    bets = ranked[ranked["kind"] == "bet"]
    best = ranked.iloc[0]
    if len(robust) == 1:
        r = robust.iloc[0]
        first = (f"{r['challenge']} is the robust priority: top {k} in {_every(n)}, "
                 f"expected score {_score(r)}.")
    elif len(robust):
        first = (f"{_names(robust['challenge'])} are the robust priorities: top {k} in "
                 f"{_every(n)}.")
    else:
        first = (f"No challenge stays in the top {k} under every scenario; {best['challenge']} "
                 f"has the highest expected score, {_score(best)}.")
    if n == 1:
        second = ("With one scenario there is nothing to compare: add scenarios to see what "
                  "holds in every future.")
    elif len(bets) == 1:
        second = f"{bets.iloc[0]['challenge']} is a bet on one future: {_lower(bets.iloc[0])}."
    elif len(bets):
        second = "Bets on one future: " + "; ".join(
            f"{b['challenge']}, {_lower(b)}" for _, b in bets.iterrows()) + "."
    elif len(robust) and best["kind"] != "robust":
        second = f"Highest expected score: {best['challenge']}, {_score(best)}."
    else:
        second = "No challenge depends on a single scenario."
    return [first, second]


def _every(n: int) -> str:
    return {1: "the one scenario", 2: "both scenarios"}.get(n, f"all {n} scenarios")


def _score(row) -> str:
    return f"{row['priority']:.1f} (spread ±{row['spread']:.1f})"


def _lower(row) -> str:
    return row["reason"][0].lower() + row["reason"][1:]


def _names(names) -> str:
    names = list(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _why_unranked(scores: pd.Series) -> str:
    if scores.empty:
        return "No scenario scores yet"
    return f"No score under {quoted(scores.index[scores.isna()])}"
