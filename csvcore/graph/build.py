"""One graph per map and period: the roster, the merged ties, the direction.

Conventions (stated once, used by every measure):

- **Roster.** Every organization of the dataset (after the sector and
  geography filters of the :class:`~csvcore.contract.mapkey.MapKey`) is a node
  in every period, tied or not, so scores and their normalisation are
  comparable across periods (METHOD.md, "Over time").
- **Merged ties.** All ties between the same pair (several types, reporters,
  or a tie listed for "every period" and again for one period) become one
  edge: ``strength`` is the *sum* of their strengths, ``type`` joins the
  distinct types with ``"; "``, ``ties`` counts the merged records and
  ``distance = 1 / strength`` is ready for weighted path measures (strength is
  not a distance); ``unconfirmed`` is True when every merged record has a
  confidence of 0.5 or less (:data:`~csvcore.contract.schema.UNCONFIRMED`: in a
  survey round, named by one side only). Self-ties are dropped.
- **Direction.** A map is directed when any tie selected for the challenge
  is directed, in *any* period, so every period of one map has the same graph
  type. In a directed map an undirected tie becomes two reciprocal arcs, each
  with the tie's full strength.
- **Period.** ``period=None`` pools every period (a tie in three periods
  counts three times); ``ds.ties`` already applies a tie whose period is
  ``""`` to every period.

>>> import pandas as pd
>>> from csvcore.contract.dataset import Dataset
>>> ds = Dataset.from_frames(
...     organizations=pd.DataFrame({"id": ["a", "b", "c"]}),
...     relationships=pd.DataFrame({"source": ["a", "b", "a"], "target": ["b", "a", "c"],
...                                 "type": ["funding", "advice", "advice"],
...                                 "strength": [2, 1, 1]}))
>>> G = build_graph(ds)
>>> G["a"]["b"]["strength"], G["a"]["b"]["type"], G["a"]["b"]["ties"], G.is_directed()
(3.0, 'advice; funding', 2, False)
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd

from ..contract.dataset import Dataset
from ..contract.mapkey import MapKey
from ..contract.schema import UNCONFIRMED

__all__ = [
    "TYPE_SEP",
    "SEED",
    "roster",
    "select_ties",
    "is_directed",
    "build_graph",
    "type_union",
]

#: Separator of the tie types merged into one edge.
TYPE_SEP = "; "
#: Seed of the layout and of the Louvain runs, fixed for reproducibility.
SEED = 0
#: The key of the whole dataset: every challenge, no filter.
EVERYTHING = MapKey()

_TIE_COLUMNS = ["source", "target", "type", "strength", "directed", "confidence"]


def roster(ds: Dataset, key: MapKey = EVERYTHING) -> pd.DataFrame:
    """Return the organizations on the map (all of them, or those of the key's sectors/geographies)."""
    orgs = ds.organizations.drop_duplicates("id")
    if key.sectors is not None:
        orgs = orgs[orgs["sector"].isin(key.sectors)]
    if key.geographies is not None:
        orgs = orgs[orgs["geography"].isin(key.geographies)]
    return orgs


def select_ties(ds: Dataset, key: MapKey = EVERYTHING, period: str | None = None
                ) -> pd.DataFrame:
    """Return the tie records of a map: source, target, type, strength, directed, confidence.

    Self-ties, ties of other types, ties to organizations outside the roster
    and, for ``key.confirmed_only``, unconfirmed ties are left out (the minimum
    strength applies to merged edges, in :func:`build_graph`).
    """
    ties = ds.ties(key.challenge, period)
    keep = ties["source"] != ties["target"]
    if key.types is not None:
        keep &= ties["type"].isin(key.types)
    if key.confirmed_only:
        keep &= ~(ties["confidence"] <= UNCONFIRMED)
    if key.sectors is not None or key.geographies is not None:
        ids = roster(ds, key)["id"]
        keep &= ties["source"].isin(ids) & ties["target"].isin(ids)
    return ties.loc[keep, _TIE_COLUMNS]


def is_directed(ds: Dataset, key: MapKey = EVERYTHING) -> bool:
    """Return True when any selected tie of the map, in any period, is directed."""
    return bool(select_ties(ds, key, None)["directed"].any())


def build_graph(ds: Dataset, key: MapKey = EVERYTHING, period: str | None = None, *,
                isolates: bool = True, directed: bool | None = None) -> nx.Graph:
    """Return the map of a key and period as an ``nx.Graph`` or ``nx.DiGraph``.

    Parameters
    ----------
    ds : Dataset
    key : MapKey
        The challenge (``None``: every challenge) and the filters.
    period : str or None
        One period; ``None`` pools every period.
    isolates : bool
        Keep roster organizations without a tie (the default: the fixed roster).
    directed : bool, optional
        Force the graph type; by default :func:`is_directed` decides.

    Returns
    -------
    networkx.Graph or networkx.DiGraph
        Nodes in roster order with ``name``, ``sector``, ``geography``,
        ``focal`` and the extra attributes; edges with ``strength``,
        ``distance``, ``type``, ``ties`` and ``unconfirmed`` (see the module notes).

    Examples
    --------
    >>> import pandas as pd
    >>> from csvcore.contract.dataset import Dataset
    >>> ds = Dataset.from_frames(
    ...     organizations=pd.DataFrame({"id": ["a", "b", "c"]}),
    ...     relationships=pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"],
    ...                                 "directed": [True, False]}))
    >>> sorted(build_graph(ds).edges)
    [('a', 'b'), ('b', 'c'), ('c', 'b')]
    """
    if directed is None:
        directed = is_directed(ds, key)
    edges = _merge(select_ties(ds, key, period), directed)
    if key.min_strength is not None:
        edges = edges[edges["strength"] >= key.min_strength]
    G = nx.DiGraph() if directed else nx.Graph()
    orgs = roster(ds, key)
    names = ds.names()
    attributes = orgs.drop(columns="id").to_dict("records")
    G.add_nodes_from((i, {**a, "name": names[i]}) for i, a in zip(orgs["id"], attributes))
    G.add_edges_from(_edge_tuples(edges))
    if not isolates:
        G.remove_nodes_from([n for n, d in G.degree() if d == 0])
    return G


def type_union(texts) -> str:
    """Join the distinct types found in ``"; "``-joined texts, sorted.

    >>> type_union(["funding; advice", "advice", ""])
    'advice; funding'
    """
    return TYPE_SEP.join(sorted({k for t in texts for k in t.split(TYPE_SEP) if k}))


def _merge(records: pd.DataFrame, directed: bool) -> pd.DataFrame:
    """Merge tie records into one row per edge: strength summed, types joined, unconfirmed
    only when every record is."""
    src = records["source"].to_numpy(dtype=object)
    dst = records["target"].to_numpy(dtype=object)
    both = ~records["directed"].to_numpy(dtype=bool)
    cols = {"type": records["type"].to_numpy(dtype=object),
            "strength": records["strength"].to_numpy(dtype=float),
            "ties": np.ones(len(records), dtype=int),
            "unconfirmed": (records["confidence"] <= UNCONFIRMED).to_numpy(dtype=bool)}
    if directed:  # an undirected tie is two reciprocal arcs
        src, dst = np.concatenate([src, dst[both]]), np.concatenate([dst, src[both]])
        cols = {k: np.concatenate([v, v[both]]) for k, v in cols.items()}
    else:  # one canonical orientation per pair
        swap = src > dst
        src, dst = np.where(swap, dst, src), np.where(swap, src, dst)
    flat = pd.DataFrame({"source": src, "target": dst, **cols})
    out = flat.groupby(["source", "target"], sort=True).agg(
        strength=("strength", "sum"), ties=("ties", "sum"), unconfirmed=("unconfirmed", "all"))
    kinds: dict[tuple, list] = {}
    for u, v, t in zip(flat["source"], flat["target"], flat["type"]):
        kinds.setdefault((u, v), []).append(t)
    out["type"] = [type_union(kinds[pair]) for pair in out.index]
    return out.reset_index()


def _edge_tuples(edges: pd.DataFrame):
    for u, v, w, k, t, unsure in zip(edges["source"], edges["target"], edges["strength"],
                                     edges["ties"], edges["type"], edges["unconfirmed"]):
        yield u, v, {"strength": float(w), "distance": 1.0 / w, "type": t, "ties": int(k),
                     "unconfirmed": bool(unsure)}


