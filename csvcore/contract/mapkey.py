"""The map key: which map of a dataset a computation is about.

A map is the ties of one challenge, optionally filtered to some sectors,
geographies and tie types, to ties of a minimum strength, and to confirmed
ties (hiding those of confidence 0.5 or less, :data:`~.schema.UNCONFIRMED`). The period is
not part of the key: one key names the map in every period, so the measures
of all periods of a map share one key. :class:`MapKey` is a frozen, hashable
value; every core function that builds a map takes one, and every cache of
the dashboard keys on it (with the dataset's fingerprint).

>>> key = MapKey("Water", sectors=["NGO", "Business", "NGO"], min_strength=0)
>>> key
MapKey(challenge='Water', sectors=('Business', 'NGO'), geographies=None, types=None, \
min_strength=None, confirmed_only=None)
>>> key.filters
{'sectors': ('Business', 'NGO')}
>>> key.describe()
'Water; sectors: Business, NGO'
>>> MapKey().describe()
'every challenge, no filter'
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields

__all__ = ["MapKey", "period_labels", "latest_period", "resolve_period", "periods_until"]

_FILTERS = ("sectors", "geographies", "types", "min_strength", "confirmed_only")


def _choice(values: Iterable[str] | None) -> tuple[str, ...] | None:
    """Return a filter as a sorted tuple of distinct values, or None (no filter)."""
    if values is None:
        return None
    chosen = tuple(sorted({str(v) for v in ([values] if isinstance(values, str) else values)}))
    return chosen or None


@dataclass(frozen=True)
class MapKey:
    """A challenge (``None``: every challenge) and the filters on its ties.

    ``None`` for a filter means "no filter"; an empty choice, a minimum
    strength of 0 and ``confirmed_only=False`` mean the same and are stored as
    ``None``, so two keys that select the same map are equal.
    """

    challenge: str | None = None
    sectors: tuple[str, ...] | None = None
    geographies: tuple[str, ...] | None = None
    types: tuple[str, ...] | None = None
    min_strength: float | None = None
    confirmed_only: bool | None = None

    def __post_init__(self) -> None:
        for name in ("sectors", "geographies", "types"):
            object.__setattr__(self, name, _choice(getattr(self, name)))
        strength = self.min_strength
        object.__setattr__(self, "min_strength",
                           float(strength) if strength not in (None, 0, 0.0) else None)
        object.__setattr__(self, "confirmed_only", True if self.confirmed_only else None)

    @property
    def filters(self) -> dict:
        """Return the filters that are set, by name (``sectors``, ``geographies``, ...)."""
        return {name: getattr(self, name) for name in _FILTERS
                if getattr(self, name) is not None}

    @property
    def filtered(self) -> bool:
        """True when any filter is set."""
        return bool(self.filters)

    def unfiltered(self) -> "MapKey":
        """Return the key of the same challenge without filters."""
        return MapKey(self.challenge)

    def describe(self) -> str:
        """Return the key in words, e.g. ``"Water; sectors: NGO; ties of strength >= 2"``."""
        parts = [self.challenge if self.challenge is not None else "every challenge"]
        for name in ("sectors", "geographies", "types"):
            chosen = getattr(self, name)
            if chosen:
                parts.append(f"{name.replace('types', 'tie types')}: {', '.join(chosen)}")
        if self.min_strength is not None:
            parts.append(f"ties of strength >= {self.min_strength:g}")
        if self.confirmed_only:
            parts.append("confirmed ties only")
        if len(parts) == 1:
            parts[0] += ", no filter"
        return "; ".join(parts)

    def as_dict(self) -> dict:
        """Return every field by name (for logs and exports)."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


def period_labels(ds) -> tuple[str, ...]:
    """Return the periods in time order, or ``("",)`` for an undated map.

    >>> from types import SimpleNamespace
    >>> period_labels(SimpleNamespace(periods=())), period_labels(SimpleNamespace(periods=("1",)))
    (('',), ('1',))
    """
    return ds.periods or ("",)


def latest_period(ds) -> str:
    """Return the dataset's latest period (``""`` for an undated map)."""
    return period_labels(ds)[-1]


def resolve_period(ds, period: str | None) -> str:
    """Return ``period`` when the dataset has it, else the latest period.

    The one place where "which period when none is chosen" is decided; the
    result is always one of :func:`period_labels`.

    >>> from types import SimpleNamespace
    >>> ds = SimpleNamespace(periods=("2020", "2021"))
    >>> resolve_period(ds, "2020"), resolve_period(ds, None), resolve_period(ds, "1999")
    ('2020', '2021', '2021')
    >>> resolve_period(SimpleNamespace(periods=()), None)
    ''
    """
    return period if period in period_labels(ds) else latest_period(ds)


def periods_until(ds, period: str) -> tuple[str, ...]:
    """Return the periods from the first up to and including ``period``.

    >>> from types import SimpleNamespace
    >>> periods_until(SimpleNamespace(periods=("1", "2", "3")), "2")
    ('1', '2')
    """
    labels = period_labels(ds)
    return labels[:labels.index(period) + 1]
