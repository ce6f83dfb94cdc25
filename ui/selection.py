"""The selection: which data, which map, which period, which organization is ours.

One frozen value per run, built by :mod:`ui.sidebar` from the session's state and
read by every page (:func:`ui.session.selection`). Every cached computation keys
on it (:mod:`ui.cache`): on the dataset's full-content sha256 and the parts of
the selection it depends on, never on more (the measures of every period do not
depend on the period) and never on less (a :class:`Scope` refuses to hand a
computation a part it was not keyed on).

No Streamlit here, so that a selection can be built and tested anywhere (and,
later, read from or written to an address).

>>> import pandas as pd
>>> from csvcore.contract.dataset import Dataset
>>> ds = Dataset.from_frames(relationships=pd.DataFrame(
...     {"source": ["a", "b"], "target": ["b", "c"], "period": ["2020", "2021"]}))
>>> sel = Selection(ds, MapKey("Water", sectors=["NGO"]), "2021", "a")
>>> sel.challenge, sel.describe()
('Water', 'Water; sectors: NGO; 2021')
>>> sel.scope("key").period
Traceback (most recent call last):
...
AttributeError: this computation is keyed on ('dataset', 'key'): add 'period' to its @cached(...)
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass

from csvcore.contract.dataset import Dataset
from csvcore.contract.mapkey import MapKey, resolve_period

__all__ = ["Selection", "Scope", "PARTS", "valid_filters", "FILTER_NAMES"]

#: The parts of a selection a computation can be keyed on (the dataset always is).
PARTS = ("key", "challenge", "period", "focal")
#: The filters of a map key, as chosen on step 2 (see :class:`csvcore.contract.mapkey.MapKey`).
FILTER_NAMES = ("sectors", "geographies", "types", "min_strength")


@dataclass(frozen=True, eq=False)
class Selection:
    """The data in use, the map (challenge and filters), the period, our organization.

    ``period`` is always one of the dataset's periods (``""`` for an undated
    map): :func:`csvcore.contract.mapkey.resolve_period` decides the default.
    Two selections are equal when their data has the same content and every
    other part is equal.
    """

    dataset: Dataset
    key: MapKey
    period: str
    focal: str | None

    @classmethod
    def of(cls, ds: Dataset, challenge: str | None = None, period: str | None = None,
           focal: str | None = None, filters: Mapping | None = None) -> "Selection":
        """Return the selection of these choices, the period resolved and the filters kept
        only where the dataset has their values."""
        key = MapKey(challenge, **valid_filters(ds, filters or {}))
        return cls(ds, key, resolve_period(ds, period), focal)

    @property
    def challenge(self) -> str | None:
        """The challenge of the map (``None``: every challenge)."""
        return self.key.challenge

    def token(self, parts=PARTS) -> tuple:
        """Return the dataset's sha256 and the named parts, as plain hashable values."""
        return (self.dataset.fingerprint, *(_plain(getattr(self, p)) for p in parts))

    def scope(self, *parts: str) -> "Scope":
        """Return the view of this selection that a computation keyed on ``parts`` may read."""
        return Scope(self, parts)

    def replace(self, **changes) -> "Selection":
        """Return a copy with some parts changed (``period`` is resolved again)."""
        changed = dataclasses.replace(self, **changes)
        return dataclasses.replace(changed, period=resolve_period(changed.dataset,
                                                                  changed.period))

    def describe(self) -> str:
        """Return the map and period in words: ``"Water; sectors: NGO; 2021"``."""
        return "; ".join(filter(None, [self.key.describe().removesuffix(", no filter"),
                                       self.period]))

    def __eq__(self, other) -> bool:
        return isinstance(other, Selection) and self.token() == other.token()

    def __hash__(self) -> int:
        return hash(self.token())


class Scope:
    """The parts of a selection one cached computation is keyed on, and only those.

    Reading a part the computation was not keyed on raises AttributeError,
    so a cache can never answer for a selection it did not see. ``key``
    includes ``challenge``.
    """

    __slots__ = ("_selection", "parts")

    def __init__(self, selection: "Selection | Scope", parts) -> None:
        unknown = set(parts) - set(PARTS)
        if unknown:
            raise ValueError(f"not parts of a selection: {sorted(unknown)}; choose from {PARTS}")
        if isinstance(selection, Scope):
            selection._check(parts)
            selection = selection._selection
        self._selection = selection
        self.parts = ("dataset", *parts)

    def _check(self, parts) -> None:
        for part in parts:
            self._readable(part)

    def _readable(self, name: str) -> None:
        if name not in self.parts and not (name == "challenge" and "key" in self.parts):
            raise AttributeError(f"this computation is keyed on {self.parts}: add {name!r} "
                                 "to its @cached(...)")

    def __getattr__(self, name: str):
        if name not in ("dataset", *PARTS):
            raise AttributeError(f"a Scope has only the parts of a selection, not {name!r}")
        self._readable(name)
        return getattr(self._selection, name)

    @property
    def token(self) -> tuple:
        """The cache key: the dataset's sha256 and the parts keyed on."""
        return self._selection.token(self.parts[1:])


def valid_filters(ds: Dataset, filters: Mapping) -> dict:
    """Return the filters whose values the dataset has (values it lacks are dropped).

    A filter kept from another upload never empties the map silently.

    >>> import pandas as pd
    >>> ds = Dataset.from_frames(organizations=pd.DataFrame({"id": ["a"], "sector": ["NGO"]}),
    ...                          relationships=pd.DataFrame({"source": ["a"], "target": ["b"]}))
    >>> valid_filters(ds, {"sectors": ("NGO", "Media"), "min_strength": 5})
    {'sectors': ('NGO',)}
    """
    org, rel = ds.organizations, ds.relationships
    known = {"sectors": set(org["sector"]), "geographies": set(org["geography"]),
             "types": set(rel["type"]) - {""}}
    kept = {}
    for name, values in filters.items():
        if name == "min_strength":
            top = float(rel["strength"].max()) if len(rel) else 0.0
            if values and float(values) <= top:
                kept[name] = float(values)
        elif name in known and values:
            chosen = tuple(v for v in values if v in known[name])
            if chosen:
                kept[name] = chosen
    return kept


def _plain(value):
    """Return a part as plain hashable values (a map key as the tuple of its fields)."""
    return dataclasses.astuple(value) if isinstance(value, MapKey) else value
