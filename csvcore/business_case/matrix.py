"""The materiality matrix: each challenge placed by business and societal impact."""

from __future__ import annotations

import pandas as pd

from ..contract.dataset import Dataset
from ..contract.schema import SHARED_VALUE_LEVELS

__all__ = ["shared_value_level", "matrix_points", "missing_impacts"]


def shared_value_level(text: str) -> str:
    """Return Porter & Kramer's level named by ``text``, else the text ('unspecified' if blank).

    >>> shared_value_level(" Value chain "), shared_value_level(""), shared_value_level("Other")
    ('value chain', 'unspecified', 'Other')
    """
    folded = " ".join(str(text).lower().split())
    if folded in SHARED_VALUE_LEVELS:
        return folded
    return str(text).strip() or "unspecified"


def matrix_points(challenges: pd.DataFrame, ranking: pd.DataFrame) -> pd.DataFrame:
    """Return the challenges with both impacts: impacts, level, priority, description.

    ``size`` is the priority, or the smallest priority (1 if none) where unranked,
    so every point can be drawn.
    """
    known = challenges.dropna(subset=["business_impact", "societal_impact"])
    points = known[["challenge", "description", "business_impact", "societal_impact"]].assign(
        level=known["shared_value_level"].map(shared_value_level))
    points = points.merge(ranking[["challenge", "priority"]], on="challenge", how="left")
    floor = ranking["priority"].min()
    points["size"] = points["priority"].fillna(1.0 if pd.isna(floor) else floor)
    return points.reset_index(drop=True)


def missing_impacts(ds: Dataset) -> list[str]:
    """Return the challenges (in the table or named on ties) lacking an impact score.

    >>> ds = Dataset.from_frames(
    ...     organizations=pd.DataFrame({"id": ["a", "b"]}),
    ...     relationships=pd.DataFrame({"source": ["a"], "target": ["b"], "challenge": ["Jobs"]}),
    ...     challenges=pd.DataFrame({"challenge": ["Water", "Food"], "business_impact": [3, None],
    ...                              "societal_impact": [4, 5]}))
    >>> missing_impacts(ds)
    ['Food', 'Jobs']
    """
    ch = ds.challenges
    complete = set(ch.dropna(subset=["business_impact", "societal_impact"])["challenge"])
    return [c for c in ds.challenge_names if c not in complete]
