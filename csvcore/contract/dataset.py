"""The dataset every page works on: clean tables in the spreadsheet contract.

The importer builds a :class:`Dataset`; everything downstream reads it.
Tables use the canonical columns of :mod:`csvcore.contract.schema` with fixed types:

- ``organizations``: id, name, sector, geography (str), focal (bool), plus the
  user's extra columns (kept as attributes).
- ``relationships``: source, target (organization ids), period (str, ``""`` =
  every period), type (str), strength (float > 0), directed (bool), challenge
  (str, ``""`` = every challenge), reported_by (str), confidence (float or NaN).
- ``challenges``: challenge, description, shared_value_level (str),
  business_impact, societal_impact (float or NaN), plus one float column per
  scenario, named exactly as in ``scenarios``.
- ``scenarios``: scenario (str), probability (float), description (str).
- ``assessment``: practice, boundary (str), current, target (float, 1 to 5).

``periods`` lists the period labels in time order.

>>> ds = Dataset.from_frames(
...     organizations=pd.DataFrame({"id": ["a", "b"], "focal": [True, False]}),
...     relationships=pd.DataFrame({"source": ["a"], "target": ["b"], "period": ["2020"]}),
... )
>>> ds.focal_id, ds.periods, len(ds.ties(period="2020"))
('a', ('2020',), 1)
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cached_property

import pandas as pd

from .schema import COLUMNS

__all__ = ["Dataset", "conform", "empty_table"]

_DEFAULTS = {
    "organizations": {"name": "", "sector": "Unspecified", "geography": "Unspecified",
                      "focal": False},
    "relationships": {"period": "", "type": "tie", "strength": 1.0, "directed": False,
                      "challenge": "", "reported_by": "", "confidence": float("nan")},
    "challenges": {"description": "", "business_impact": float("nan"),
                   "societal_impact": float("nan"), "shared_value_level": ""},
    "scenarios": {"description": ""},
    "assessment": {},
}
_NUMERIC = {
    "relationships": ("strength", "confidence"),
    "challenges": ("business_impact", "societal_impact"),
    "scenarios": ("probability",),
    "assessment": ("current", "target"),
}
_BOOL = {"organizations": ("focal",), "relationships": ("directed",)}


def empty_table(table: str) -> pd.DataFrame:
    """Return an empty frame with the canonical columns of ``table``."""
    return pd.DataFrame({c: pd.Series(dtype=_dtype(table, c)) for c in COLUMNS[table]})



@dataclass(frozen=True)
class Dataset:
    """Clean tables plus the period order; immutable, content-fingerprinted."""

    organizations: pd.DataFrame
    relationships: pd.DataFrame
    challenges: pd.DataFrame = field(default_factory=lambda: empty_table("challenges"))
    scenarios: pd.DataFrame = field(default_factory=lambda: empty_table("scenarios"))
    assessment: pd.DataFrame = field(default_factory=lambda: empty_table("assessment"))
    periods: tuple[str, ...] = ()
    name: str = ""  # what the user loaded, for display

    @classmethod
    def from_frames(cls, name: str = "", periods=None, **tables: pd.DataFrame) -> "Dataset":
        """Return a Dataset from loosely typed frames: fills defaults, fixes types.

        Organizations that ties mention but the table lacks are added. Periods
        are taken in order of first appearance unless given.
        """
        clean = {t: conform(t, tables.get(t)) for t in COLUMNS}
        orgs, rel = clean["organizations"], clean["relationships"]
        known = set(orgs["id"])
        missing = [i for i in pd.unique(rel[["source", "target"]].to_numpy().ravel())
                   if i not in known]
        if missing:
            added = pd.DataFrame({"id": missing})
            clean["organizations"] = conform("organizations",
                                             pd.concat([orgs, added], ignore_index=True))
        if periods is None:
            periods = tuple(p for p in pd.unique(rel["period"]) if p != "")
        return cls(**clean, periods=tuple(periods), name=name)

    # --- derived facts -------------------------------------------------

    @cached_property
    def fingerprint(self) -> str:
        """Return a sha256 over every table's full content (for cache keys).

        Computed once per Dataset: the tables are never changed in place.
        """
        return _fingerprint(self)

    @property
    def focal_id(self) -> str | None:
        """Return the id of *our* organization, or None when none is marked."""
        ids = self.organizations.loc[self.organizations["focal"], "id"]
        return ids.iloc[0] if len(ids) else None

    @property
    def challenge_names(self) -> list[str]:
        """Return the challenges named in the challenges table or on any tie."""
        names = list(self.challenges["challenge"])
        names += [c for c in pd.unique(self.relationships["challenge"]) if c and c not in names]
        return names

    @property
    def scenario_names(self) -> list[str]:
        return list(self.scenarios["scenario"])

    @property
    def extra_attributes(self) -> list[str]:
        """Return the organizations' columns beyond the contract (possible boundaries)."""
        return [c for c in self.organizations.columns if c not in COLUMNS["organizations"]]

    def names(self) -> dict[str, str]:
        """Return id -> display name (the id where no name is given)."""
        o = self.organizations
        return dict(zip(o["id"], o["name"].where(o["name"] != "", o["id"])))

    def ties(self, challenge: str | None = None, period: str | None = None) -> pd.DataFrame:
        """Return the ties that apply to a challenge and period.

        A tie with no challenge applies to every challenge; a tie with no
        period applies to every period. ``None`` means no filter.
        """
        rel = self.relationships
        keep = pd.Series(True, index=rel.index)
        if challenge is not None:
            keep &= rel["challenge"].isin(["", challenge])
        if period is not None:
            keep &= rel["period"].isin(["", period])
        return rel[keep]

    def replace(self, **changes) -> "Dataset":
        """Return a copy with some tables (or fields) replaced and re-conformed."""
        current = {t: getattr(self, t) for t in COLUMNS}
        current.update(changes)
        periods = changes.pop("periods", self.periods)
        name = changes.pop("name", self.name)
        return Dataset.from_frames(name=name, periods=periods,
                                   **{t: current[t] for t in COLUMNS})


def conform(table: str, frame: pd.DataFrame | None) -> pd.DataFrame:
    """Return ``frame`` with the canonical columns of ``table`` and their types.

    Missing optional columns get defaults; extra columns are kept as text.
    """
    if frame is None:
        return empty_table(table)
    out = frame.copy().reset_index(drop=True)
    for col in COLUMNS[table]:
        if col not in out.columns:
            out[col] = _DEFAULTS[table].get(col, "")
    for col in out.columns:
        if col in _NUMERIC.get(table, ()):
            out[col] = pd.to_numeric(out[col], errors="coerce").astype(float)
        elif col in _BOOL.get(table, ()):
            out[col] = out[col].map(lambda v: bool(v) if v == v and v is not None else False)
        elif table == "challenges" and col not in COLUMNS[table]:
            out[col] = pd.to_numeric(out[col], errors="coerce").astype(float)  # scenario score
        else:
            out[col] = out[col].map(_text).astype(object)
    if table == "relationships":
        out["strength"] = out["strength"].fillna(1.0)
    if table == "organizations":
        for col in ("sector", "geography"):
            out[col] = out[col].replace("", "Unspecified")
    order = list(COLUMNS[table]) + [c for c in out.columns if c not in COLUMNS[table]]
    return out[order]


def _text(value) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _dtype(table: str, col: str) -> str:
    if col in _NUMERIC.get(table, ()):
        return "float"
    if col in _BOOL.get(table, ()):
        return "bool"
    return "object"


def _fingerprint(ds: Dataset) -> str:
    h = hashlib.sha256()
    for table in COLUMNS:
        frame = getattr(ds, table)
        h.update(repr((table, list(frame.columns), [str(t) for t in frame.dtypes])).encode())
        h.update(pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes())
    h.update(repr(ds.periods).encode())
    return h.hexdigest()
