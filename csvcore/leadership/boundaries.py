"""Boundaries: how many of our ties, and of the network's, cross a boundary.

A boundary is a categorical attribute of the organizations (sector,
geography, scale, ...) read as one of Ernst & Chrobot-Mason's five kinds of
boundary (vertical, horizontal, stakeholder, demographic, geographic). A tie
*crosses* it when its two organizations have different values.

Krackhardt & Stern's E-I index summarises the ties of an organization, or of
the whole network: ``(E - I) / (E + I)`` with ``E`` the ties that cross
(external) and ``I`` the ties that stay inside (internal); -1 means every tie
stays inside its group, +1 every tie crosses.

Conventions:

- Ties are counted on the undirected view of the map (a pair tied either way,
  or both ways, is one tie) and strength is ignored: E and I count partners.
- An organization whose value is missing (``""`` or ``"Unspecified"``) is
  left out: a tie to it neither crosses nor stays inside.
- ``expected_ei`` is the index the ties would have if partners were chosen at
  random among the organizations with a tie and a known value (random
  mixing): with ``N`` such organizations and ``n_g`` in group ``g``, an
  organization of group ``g`` has a share ``(N - n_g) / (N - 1)`` of possible
  partners outside it; the whole network ``1 - sum n_g (n_g - 1) / (N (N - 1))``.
  With many small groups, a high E-I may only reflect that most possible
  partners are outsiders. UCINET's E-I routine reports a permutation test
  around the same expectation.

Reference: Krackhardt, D. & Stern, R. N. (1988), "Informal networks and
organizational crises: an experimental simulation", Social Psychology
Quarterly 51(2):123-140. Ernst, C. & Chrobot-Mason, D. (2011), *Boundary
Spanning Leadership*, McGraw-Hill.

>>> import networkx as nx
>>> G = nx.Graph([("us", "a"), ("us", "b"), ("a", "b")])
>>> sector = {"us": "NGO", "a": "NGO", "b": "Business"}
>>> crossing_counts(G, sector).loc["us"].to_dict()
{'external': 1, 'internal': 1}
>>> whole_counts(crossing_counts(G, sector)), ei_index(2, 1)
((2, 1), 0.3333333333333333)
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

import networkx as nx
import pandas as pd

from ..contract.dataset import Dataset
from ..contract.mapkey import MapKey, period_labels
from ..contract.schema import BOUNDARIES, normalize_header
from ..graph.build import build_graph

__all__ = [
    "MISSING",
    "DEFAULT_BOUNDARIES",
    "default_boundaries",
    "ei_index",
    "crossing_counts",
    "whole_counts",
    "expected_ei",
    "competitors",
    "boundary_table",
]

#: Attribute values that mean "not known".
MISSING = frozenset({"", "Unspecified"})
#: Column (normalised header) -> the kind of boundary it marks by default.
DEFAULT_BOUNDARIES = {"sector": "stakeholder", "geography": "geographic",
                      "scale": "vertical", "level": "vertical"}


def default_boundaries(columns: Collection[str]) -> dict[str, str]:
    """Return column -> boundary type for the columns that mark a boundary by default.

    ``sector`` is a stakeholder boundary, ``geography`` a geographic one, a
    column named scale or level (any case) a vertical one.

    >>> default_boundaries(["id", "sector", "geography", "Scale", "role"])
    {'sector': 'stakeholder', 'geography': 'geographic', 'Scale': 'vertical'}
    """
    found = {c: DEFAULT_BOUNDARIES.get(normalize_header(c)) for c in columns}
    return {c: kind for c, kind in found.items() if kind in BOUNDARIES}


def ei_index(external: float, internal: float) -> float:
    """Return Krackhardt & Stern's (E - I) / (E + I); NaN without ties.

    >>> ei_index(3, 1), ei_index(0, 2)
    (0.5, -1.0)
    """
    total = external + internal
    return (external - internal) / total if total else float("nan")


def _known(groups: Mapping) -> dict:
    return {n: g for n, g in groups.items() if g is not None and str(g) not in MISSING}


def crossing_counts(G: nx.Graph, groups: Mapping) -> pd.DataFrame:
    """Return, per organization with a known value, its external and internal ties.

    Parameters
    ----------
    G : networkx.Graph or DiGraph
        Direction ignored (see the module notes).
    groups : mapping
        Organization -> attribute value.

    Returns
    -------
    pandas.DataFrame
        Indexed by organization (those of ``G`` with a known value), columns
        ``external`` and ``internal``.
    """
    known = _known(groups)
    counts = {n: [0, 0] for n in G if n in known}
    pairs = {frozenset(e) for e in G.edges()} if G.is_directed() else G.edges()
    for u, v in map(tuple, pairs):
        if u in counts and v in counts:
            side = 0 if known[u] != known[v] else 1
            counts[u][side] += 1
            counts[v][side] += 1
    return pd.DataFrame.from_dict(counts, orient="index", columns=["external", "internal"],
                                  dtype=int)


def whole_counts(counts: pd.DataFrame) -> tuple[int, int]:
    """Return (external, internal) ties of the whole map from :func:`crossing_counts`."""
    total = counts.sum()
    return int(total["external"]) // 2, int(total["internal"]) // 2


def expected_ei(G: nx.Graph, groups: Mapping) -> dict:
    """Return the E-I index under random mixing, per group value and for the whole map (key None).

    >>> G = nx.Graph([("a", "b"), ("c", "d")])
    >>> expected = expected_ei(G, {"a": "x", "b": "x", "c": "y", "d": "y"})
    >>> {g: round(e, 3) for g, e in expected.items()}
    {'x': 0.333, 'y': 0.333, None: 0.333}
    """
    known = _known(groups)
    sizes = pd.Series([known[n] for n, d in G.degree() if d and n in known],
                      dtype=object).value_counts()
    N = int(sizes.sum())
    if N < 2:
        return {None: float("nan")}
    out = {g: 2 * (N - n) / (N - 1) - 1 for g, n in sizes.items()}
    out[None] = 2 * (1 - float((sizes * (sizes - 1)).sum()) / (N * (N - 1))) - 1
    return out


def competitors(ds: Dataset) -> list[str]:
    """Return the organizations whose ``role`` column says competitor (any case).

    >>> from csvcore.contract.dataset import Dataset
    >>> ds = Dataset.from_frames(organizations=pd.DataFrame(
    ...     {"id": ["a", "b"], "role": ["Competitor", "peer"]}))
    >>> competitors(ds)
    ['a']
    """
    orgs = ds.organizations
    role = next((c for c in ds.extra_attributes if normalize_header(c) == "role"), None)
    if role is None:
        return []
    return list(orgs.loc[orgs[role].str.contains("competitor", case=False), "id"])


def boundary_table(ds: Dataset, key: MapKey, boundaries: Mapping[str, str], *,
                   ego: str | None, rivals: Collection[str] = ()) -> pd.DataFrame:
    """Return the E-I index of us, the network and each competitor, per boundary and period.

    Parameters
    ----------
    ds : Dataset
    key : MapKey
        The challenge and the filters (the map step 2 shows).
    boundaries : mapping
        Organization column -> boundary type (see :func:`default_boundaries`).
    ego : str or None
        Our organization.
    rivals : collection of str
        Competitors' ids (see :func:`competitors`).

    Returns
    -------
    pandas.DataFrame
        One row per period, column and organization followed: ``period``,
        ``attribute``, ``boundary``, ``who`` (``us``, ``network`` or
        ``competitor``), ``id`` (empty for the network), ``name``,
        ``external``, ``internal``, ``crossing`` (share of ties that cross),
        ``ei`` and ``expected_ei``.
    """
    names = ds.names()
    followed = [("us", ego)] if ego is not None else []
    followed += [("competitor", r) for r in rivals if r != ego]
    rows = []
    for period in period_labels(ds):
        G = build_graph(ds, key, period, directed=False)
        for column, kind in boundaries.items():
            groups = nx.get_node_attributes(G, column)
            counts, expected = crossing_counts(G, groups), expected_ei(G, groups)
            external, internal = whole_counts(counts)
            base = {"period": period, "attribute": column, "boundary": kind}
            rows.append({**base, "who": "network", "id": "", "name": "the whole network",
                         "external": external, "internal": internal,
                         "expected_ei": expected[None]})
            for who, org in followed:
                e, i = counts.loc[org].tolist() if org in counts.index else (0, 0)
                rows.append({**base, "who": who, "id": org, "name": names.get(org, org),
                             "external": e, "internal": i,
                             "expected_ei": expected.get(groups.get(org), float("nan"))})
    table = pd.DataFrame(rows, columns=["period", "attribute", "boundary", "who", "id", "name",
                                        "external", "internal", "expected_ei"])
    ties = table["external"] + table["internal"]
    table["crossing"] = (table["external"] / ties.where(ties > 0)).astype(float)
    table["ei"] = [ei_index(e, i) for e, i in zip(table["external"], table["internal"])]
    return table[["period", "attribute", "boundary", "who", "id", "name", "external",
                  "internal", "crossing", "ei", "expected_ei"]]
