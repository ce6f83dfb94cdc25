"""At-a-glance figures for the home page: counts, sectors, ties per period.

>>> import pandas as pd
>>> from csvcore.contract.dataset import Dataset
>>> ds = Dataset.from_frames(
...     organizations=pd.DataFrame({"id": ["a", "b", "c"], "sector": ["NGO", "NGO", "Business"]}),
...     relationships=pd.DataFrame({"source": ["a", "a"], "target": ["b", "c"],
...                                 "period": ["2020", "2021"]}))
>>> headline(ds)["organizations"], headline(ds)["tie rows"]
(3, 2)
>>> by_sector(ds).to_dict("records")[0]
{'sector': 'NGO', 'organizations': 2}
"""

from __future__ import annotations

import pandas as pd

from .dataset import Dataset

__all__ = ["headline", "by_sector", "by_period"]


def headline(ds: Dataset) -> dict[str, int]:
    """Return the counts shown at the top of the home page.

    ``tie rows`` counts the relationships table's rows: a tie that holds in
    seven periods is seven rows.
    """
    return {
        "organizations": len(ds.organizations),
        "tie rows": len(ds.relationships),
        "periods": len(ds.periods),
        "challenges": len(ds.challenge_names),
        "sectors": ds.organizations["sector"].nunique(),
        "geographies": ds.organizations["geography"].nunique(),
    }


def by_sector(ds: Dataset) -> pd.DataFrame:
    """Return organizations per sector, largest first (columns sector, organizations)."""
    counts = ds.organizations["sector"].value_counts()
    return counts.rename_axis("sector").reset_index(name="organizations")


def by_period(ds: Dataset, challenge: str | None = None) -> pd.DataFrame:
    """Return, per period in time order, the ties and active organizations.

    Ties with no period count in every period. A dataset without periods gives
    one row labelled 'all'.
    """
    rows = []
    for period in ds.periods or (None,):
        ties = ds.ties(challenge=challenge, period=period)
        active = pd.unique(ties[["source", "target"]].to_numpy().ravel())
        rows.append({"period": period or "all", "ties": len(ties), "organizations": len(active)})
    return pd.DataFrame(rows, columns=["period", "ties", "organizations"])
