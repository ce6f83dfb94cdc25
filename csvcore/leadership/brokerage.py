"""Brokers: Gould & Fernandez's brokerage roles, and Burt's structural holes.

**Brokerage roles** (directed maps). Organization ``b`` brokers when
something can flow ``a -> b -> c`` and ``a`` has no tie ``a -> c`` of its
own (an *open* two-path; ``a``, ``b``, ``c`` distinct). Each open two-path
through ``b`` counts once, in one role decided by the groups (here: sectors)
of ``a``, ``b`` and ``c``:

==============  =========================  ===========  =================
role            groups                     sna          UCINET
==============  =========================  ===========  =================
coordinator     a, b, c all the same       ``w_I``      Coordinator
itinerant       a = c, b different         ``w_O``      Consultant
representative  a = b, c different         ``b_IO``     Representative
gatekeeper      b = c, a different         ``b_OI``     Gatekeeper
liaison         all three different        ``b_O``      Liaison
==============  =========================  ===========  =================

The rule follows the R package sna's ``brokerage`` (C routine
``brokerage_R``) and UCINET's unweighted count: only the arc ``a -> c``
closes the path, an arc ``c -> a`` does not; every ordered pair ``(a, c)``
counts, so with reciprocated ties ``a -> b -> c`` and ``c -> b -> a`` are
two paths. Counts are raw (UCINET's weighted variant, which divides each
path by the number of brokers between ``a`` and ``c``, and sna's z-scores
are not computed). A missing group value is a group of its own.

On an undirected map the roles do not apply (:data:`WHY_NO_ROLES`);
:func:`structural_holes_table` gives Burt's measures instead, which apply to
both kinds of map.

References: Gould, R. V. & Fernandez, R. M. (1989), "Structures of
mediation: a formal approach to brokerage in transaction networks",
Sociological Methodology 19:89-126. Burt, R. S. (1992), *Structural Holes*,
Harvard UP. Butts, C. T., sna: Tools for Social Network Analysis (R package).

>>> import networkx as nx
>>> D = nx.DiGraph([("a", "b"), ("b", "c")])
>>> brokerage_roles(D, {"a": "NGO", "b": "NGO", "c": "Business"}).loc["b"].to_dict()
{'coordinator': 0, 'itinerant': 0, 'representative': 1, 'gatekeeper': 0, 'liaison': 0, 'total': 1}
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import networkx as nx
import numpy as np
import pandas as pd
from networkx.utils import not_implemented_for

from ..network_map.ego import structural_holes

__all__ = ["ROLES", "WHY_NO_ROLES", "brokerage_roles", "structural_holes_table"]

#: role -> plain explanation (the groups are sectors on the page).
ROLES = {
    "coordinator": "Passes things between two organizations of its own group.",
    "itinerant": "An outsider passing things between two organizations of one other group "
                 "(UCINET: consultant).",
    "representative": "Passes things from its own group out to another group.",
    "gatekeeper": "Lets things from another group into its own group.",
    "liaison": "Links two groups, neither of them its own.",
}

#: Why the roles need directed ties, in plain words.
WHY_NO_ROLES = (
    "Brokerage roles need to know who passes something to whom. On this map ties have no "
    "direction, so a representative (speaking for its own group to outsiders) and a "
    "gatekeeper (letting outsiders in to its group) cannot be told apart. Burt's "
    "structural-hole measures below answer the same question without direction."
)


@not_implemented_for("undirected")
def brokerage_roles(G: nx.DiGraph, groups: Mapping) -> pd.DataFrame:
    """Return the open two-paths each organization brokers, by Gould-Fernandez role.

    Parameters
    ----------
    G : networkx.DiGraph
        Self-loops are ignored.
    groups : mapping
        Organization -> group (sector); organizations not in it share the group None.

    Returns
    -------
    pandas.DataFrame
        Indexed by the nodes of ``G`` in order; columns the five :data:`ROLES`
        and ``total``, integer counts.

    Examples
    --------
    A cycle: ``c -> a`` does not close ``a -> b -> c``, so each node brokers once.

    >>> D = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "a")])
    >>> brokerage_roles(D, dict.fromkeys("abc", "x"))["coordinator"].to_dict()
    {'a': 1, 'b': 1, 'c': 1}
    """
    nodes = list(G)
    codes = pd.factorize(pd.Series([groups.get(n) for n in nodes], dtype=object),
                         use_na_sentinel=False)[0]
    A = nx.to_scipy_sparse_array(G, nodes, weight=None, format="csr")
    A.setdiag(0)
    A.eliminate_zeros()
    At = A.T.tocsr()
    counts = np.zeros((len(nodes), len(ROLES)), dtype=int)
    for b in range(len(nodes)):
        senders, receivers = At[[b]].indices, A[[b]].indices
        if len(senders) and len(receivers):
            counts[b] = _roles_through(A, codes, senders, b, receivers)
    table = pd.DataFrame(counts, index=nodes, columns=list(ROLES))
    table["total"] = table.sum(axis=1)
    return table


def _roles_through(A, codes: np.ndarray, senders: np.ndarray, b: int,
                   receivers: np.ndarray) -> np.ndarray:
    """Return the role counts of the open two-paths sender -> b -> receiver."""
    open_path = A[senders][:, receivers].toarray() == 0
    open_path &= senders[:, None] != receivers[None, :]
    g_a, g_c = codes[senders][:, None], codes[receivers][None, :]
    with_a, with_c = g_a == codes[b], g_c == codes[b]
    roles = (with_a & with_c,  # coordinator
             ~with_a & ~with_c & (g_a == g_c),  # itinerant
             with_a & ~with_c,  # representative
             ~with_a & with_c,  # gatekeeper
             ~with_a & ~with_c & (g_a != g_c))  # liaison
    return np.array([(open_path & role).sum() for role in roles])


def structural_holes_table(G: nx.Graph, nodes: Iterable,
                           weight: str | None = "strength") -> pd.DataFrame:
    """Return Burt's effective size, efficiency and constraint for some organizations.

    One row per organization, as :func:`csvcore.network_map.ego.structural_holes`
    (networkx's whole-network model, strength-weighted).

    >>> structural_holes_table(nx.star_graph(2), [0, 1], weight=None)["constraint"].tolist()
    [0.5, 1.0]
    """
    return pd.DataFrame({n: structural_holes(G, n, weight=weight) for n in nodes}).T
