"""The network map: one graph per challenge and period, its layout and its export.

Conventions (stated once, used by every measure):

- **Roster.** Every organization of the dataset (after the sector and
  geography filters) is a node in every period, tied or not, so scores and
  their normalisation are comparable across periods (METHOD.md, "Over time").
- **Merged ties.** All ties between the same pair (several types, reporters,
  or a tie listed for "every period" and again for one period) become one
  edge: ``strength`` is the *sum* of their strengths, ``type`` joins the
  distinct types with ``"; "``, ``ties`` counts the merged records and
  ``distance = 1 / strength`` is ready for weighted path measures (strength is
  not a distance). Self-ties are dropped.
- **Direction.** A map is directed when any tie selected for the challenge
  is directed, in *any* period, so every period of one map has the same graph
  type. In a directed map an undirected tie becomes two reciprocal arcs, each
  with the tie's full strength.
- **Period.** ``period=None`` pools every period (a tie in three periods
  counts three times); ``ds.ties`` already applies a tie whose period is
  ``""`` to every period.

>>> import pandas as pd
>>> from csvcore.dataset import Dataset
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

import io
import math
from collections.abc import Collection

import networkx as nx
import numpy as np
import pandas as pd

from .dataset import Dataset

__all__ = [
    "TYPE_SEP",
    "LARGE_MAP",
    "SEED",
    "period_labels",
    "roster",
    "select_ties",
    "is_directed",
    "build_graph",
    "undirected",
    "layout",
    "to_gexf_bytes",
    "to_graphml_bytes",
]

#: Separator of the tie types merged into one edge.
TYPE_SEP = "; "
#: Node count above which :func:`layout` uses the cheaper community layout.
LARGE_MAP = 2000
#: Seed of the layout and of the Louvain runs, fixed for reproducibility.
SEED = 0

_TIE_COLUMNS = ["source", "target", "type", "strength", "directed"]


def period_labels(ds: Dataset) -> tuple[str, ...]:
    """Return the periods in time order, or ``("",)`` for an undated map."""
    return ds.periods or ("",)


def roster(ds: Dataset, sectors: Collection[str] | None = None,
           geographies: Collection[str] | None = None) -> pd.DataFrame:
    """Return the organizations on the map (all of them, or those of some sectors/geographies)."""
    orgs = ds.organizations.drop_duplicates("id")
    if sectors is not None:
        orgs = orgs[orgs["sector"].isin(list(sectors))]
    if geographies is not None:
        orgs = orgs[orgs["geography"].isin(list(geographies))]
    return orgs


def select_ties(ds: Dataset, challenge: str | None = None, period: str | None = None, *,
                sectors: Collection[str] | None = None,
                geographies: Collection[str] | None = None,
                types: Collection[str] | None = None) -> pd.DataFrame:
    """Return the tie records of a map: source, target, type, strength, directed.

    Self-ties, ties of other types and ties to organizations outside the
    roster are left out. ``None`` means no filter.
    """
    ties = ds.ties(challenge, period)
    keep = ties["source"] != ties["target"]
    if types is not None:
        keep &= ties["type"].isin(list(types))
    if sectors is not None or geographies is not None:
        ids = roster(ds, sectors, geographies)["id"]
        keep &= ties["source"].isin(ids) & ties["target"].isin(ids)
    return ties.loc[keep, _TIE_COLUMNS]


def is_directed(ds: Dataset, challenge: str | None = None, **filters) -> bool:
    """Return True when any selected tie of the challenge, in any period, is directed."""
    return bool(select_ties(ds, challenge, None, **filters)["directed"].any())


def build_graph(ds: Dataset, challenge: str | None = None, period: str | None = None, *,
                sectors: Collection[str] | None = None,
                geographies: Collection[str] | None = None,
                types: Collection[str] | None = None,
                min_strength: float | None = None,
                isolates: bool = True,
                directed: bool | None = None) -> nx.Graph:
    """Return the map of a challenge and period as an ``nx.Graph`` or ``nx.DiGraph``.

    Parameters
    ----------
    ds : Dataset
    challenge, period : str or None
        ``None`` takes every challenge / pools every period.
    sectors, geographies : collection of str, optional
        Keep only these organizations (and the ties among them).
    types : collection of str, optional
        Keep only ties of these types.
    min_strength : float, optional
        Drop edges whose merged strength is below this.
    isolates : bool
        Keep roster organizations without a tie (the default: the fixed roster).
    directed : bool, optional
        Force the graph type; by default :func:`is_directed` decides.

    Returns
    -------
    networkx.Graph or networkx.DiGraph
        Nodes in roster order with ``name``, ``sector``, ``geography``,
        ``focal`` and the extra attributes; edges with ``strength``,
        ``distance``, ``type`` and ``ties`` (see the module notes).

    Examples
    --------
    >>> import pandas as pd
    >>> from csvcore.dataset import Dataset
    >>> ds = Dataset.from_frames(
    ...     organizations=pd.DataFrame({"id": ["a", "b", "c"]}),
    ...     relationships=pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"],
    ...                                 "directed": [True, False]}))
    >>> sorted(build_graph(ds).edges)
    [('a', 'b'), ('b', 'c'), ('c', 'b')]
    """
    filters = {"sectors": sectors, "geographies": geographies, "types": types}
    if directed is None:
        directed = is_directed(ds, challenge, **filters)
    edges = _merge(select_ties(ds, challenge, period, **filters), directed)
    if min_strength is not None:
        edges = edges[edges["strength"] >= min_strength]
    G = nx.DiGraph() if directed else nx.Graph()
    orgs = roster(ds, sectors, geographies)
    names = ds.names()
    attributes = orgs.drop(columns="id").to_dict("records")
    G.add_nodes_from((i, {**a, "name": names[i]}) for i, a in zip(orgs["id"], attributes))
    G.add_edges_from(_edge_tuples(edges))
    if not isolates:
        G.remove_nodes_from([n for n, d in G.degree() if d == 0])
    return G


def undirected(G: nx.Graph) -> nx.Graph:
    """Return ``G`` without direction: both arcs of a pair merge into one edge.

    Strengths of the two arcs are added (the matrix ``A + A.T``), types are
    joined and tie counts added. An undirected ``G`` is returned as is.

    >>> D = nx.DiGraph()
    >>> D.add_edge("a", "b", strength=2.0, type="funding", ties=1)
    >>> D.add_edge("b", "a", strength=1.0, type="advice", ties=1)
    >>> undirected(D).edges["a", "b"]["strength"], undirected(D).edges["a", "b"]["type"]
    (3.0, 'advice; funding')
    """
    if not G.is_directed():
        return G
    U = nx.Graph()
    U.add_nodes_from(G.nodes(data=True))
    for u, v, d in G.edges(data=True):
        old = U.get_edge_data(u, v, {"strength": 0.0, "ties": 0, "type": ""})
        U.add_edge(u, v, strength=old["strength"] + d.get("strength", 1.0),
                   ties=old["ties"] + d.get("ties", 1),
                   type=_type_union([old["type"], d.get("type", "")]))
    for _, _, d in U.edges(data=True):
        d["distance"] = 1.0 / d["strength"]
    return U


def _type_union(texts) -> str:
    """Join the distinct types found in ``"; "``-joined texts, sorted."""
    return TYPE_SEP.join(sorted({k for t in texts for k in t.split(TYPE_SEP) if k}))


def _merge(records: pd.DataFrame, directed: bool) -> pd.DataFrame:
    """Merge tie records into one row per edge: strength summed, types joined."""
    src = records["source"].to_numpy(dtype=object)
    dst = records["target"].to_numpy(dtype=object)
    both = ~records["directed"].to_numpy(dtype=bool)
    cols = {"type": records["type"].to_numpy(dtype=object),
            "strength": records["strength"].to_numpy(dtype=float),
            "ties": np.ones(len(records), dtype=int)}
    if directed:  # an undirected tie is two reciprocal arcs
        src, dst = np.concatenate([src, dst[both]]), np.concatenate([dst, src[both]])
        cols = {k: np.concatenate([v, v[both]]) for k, v in cols.items()}
    else:  # one canonical orientation per pair
        swap = src > dst
        src, dst = np.where(swap, dst, src), np.where(swap, src, dst)
    flat = pd.DataFrame({"source": src, "target": dst, **cols})
    out = flat.groupby(["source", "target"], sort=True).agg(
        strength=("strength", "sum"), ties=("ties", "sum"))
    kinds: dict[tuple, list] = {}
    for u, v, t in zip(flat["source"], flat["target"], flat["type"]):
        kinds.setdefault((u, v), []).append(t)
    out["type"] = [_type_union(kinds[pair]) for pair in out.index]
    return out.reset_index()


def _edge_tuples(edges: pd.DataFrame):
    for u, v, w, k, t in zip(edges["source"], edges["target"], edges["strength"],
                             edges["ties"], edges["type"]):
        yield u, v, {"strength": float(w), "distance": 1.0 / w, "type": t, "ties": int(k)}


# --- layout --------------------------------------------------------------

def layout(ds: Dataset, challenge: str | None = None, *, seed: int = SEED,
           scale: float = 1000.0, large: int = LARGE_MAP) -> dict[str, tuple[float, float]]:
    """Return fixed map positions in ``[-scale, scale]``, the same for every period.

    The layout is computed once over the union of the ties of *all* periods
    (direction and strength ignored) so that organizations stay in place when
    the period changes. Up to ``large`` tied organizations: networkx's seeded
    ``spring_layout``. Above: a cheaper two-level layout (Louvain communities
    placed by a spring layout of the community graph, each community laid out
    inside a disc whose area is proportional to its size). Organizations with
    no tie in any period line up in a band below the map. Deterministic for a
    given dataset, challenge and seed.

    >>> import pandas as pd
    >>> from csvcore.dataset import Dataset
    >>> ds = Dataset.from_frames(relationships=pd.DataFrame(
    ...     {"source": ["a", "b"], "target": ["b", "c"]}))
    >>> pos = layout(ds)
    >>> pos == layout(ds), max(abs(v) for xy in pos.values() for v in xy) <= 1000
    (True, True)
    """
    G = build_graph(ds, challenge, None, directed=False)
    tied = G.subgraph([n for n, d in G.degree() if d])
    if len(tied) > large:  # the largest component as communities; the rest in the band
        tied = G.subgraph(max(nx.connected_components(tied), key=len))
    pos: dict = {}
    if len(tied):
        raw = (nx.spring_layout(tied, weight=None, seed=seed) if len(tied) <= large
               else _community_layout(tied, seed))
        pos = dict(zip(tied, nx.rescale_layout(np.array([raw[n] for n in tied]), scale=1)))
    order = {n: i for i, n in enumerate(G)}
    rest = [n for c in nx.connected_components(G.subgraph(n for n in G if n not in pos))
            for n in sorted(c, key=order.get)]  # partners side by side
    if rest:  # a band of rows under the map
        columns = math.ceil(math.sqrt(4 * len(rest)))
        step = 2 / columns
        top = min((y for _, y in pos.values()), default=0.0) - 0.1
        pos.update((n, (-1 + step * (i % columns + 0.5), top - step * (i // columns)))
                   for i, n in enumerate(rest))
    if not pos:
        return {}
    xy = nx.rescale_layout(np.array([pos[n] for n in G], dtype=float), scale=scale)
    return {n: (round(float(x), 2), round(float(y), 2)) for n, (x, y) in zip(G, xy)}


def _community_layout(G: nx.Graph, seed: int) -> dict:
    """Lay out communities as discs placed by a spring layout of the community graph."""
    from .communities import communities  # local: communities builds on this module

    membership = communities(G, seed=seed, weight=None)
    groups: dict[int, list] = {}
    for node, c in membership.items():
        groups.setdefault(c, []).append(node)
    Q = nx.Graph()
    Q.add_nodes_from(groups)
    Q.add_edges_from((membership[u], membership[v]) for u, v in G.edges()
                     if membership[u] != membership[v])
    centres = nx.spring_layout(Q, weight=None, seed=seed, method="energy")
    centres = dict(zip(Q, nx.rescale_layout(np.array([centres[c] for c in Q]), scale=1)))
    pos = {}
    for c, members in groups.items():  # discs covering about 30% of the square
        local = nx.spring_layout(G.subgraph(members), weight=None, seed=seed)
        radius = 0.62 * math.sqrt(len(members) / len(G))
        pos.update((n, centres[c] + radius * np.asarray(local[n])) for n in members)
    return pos


# --- export --------------------------------------------------------------

def to_gexf_bytes(G: nx.Graph, positions: dict | None = None) -> bytes:
    """Return ``G`` as GEXF 1.2 (Gephi); node labels are the names, optional positions.

    >>> G = nx.Graph([("a", "b", {"strength": 1.0, "type": "advice"})])
    >>> b"advice" in to_gexf_bytes(G)
    True
    """
    H = _exportable(G)
    for n, data in H.nodes(data=True):
        data["label"] = str(data.get("name") or n)
        if positions and n in positions:
            x, y = positions[n]
            data["viz"] = {"position": {"x": float(x), "y": float(y), "z": 0.0}}
    buf = io.BytesIO()
    nx.write_gexf(H, buf)
    return buf.getvalue()


def to_graphml_bytes(G: nx.Graph) -> bytes:
    """Return ``G`` as GraphML (yEd, Cytoscape, igraph, Gephi).

    >>> G = nx.Graph([("a", "b", {"strength": 1.0, "type": ["advice", "funding"]})])
    >>> b"advice; funding" in to_graphml_bytes(G)
    True
    """
    buf = io.BytesIO()
    nx.write_graphml(_exportable(G), buf)
    return buf.getvalue()


def _exportable(G: nx.Graph) -> nx.Graph:
    """Return a copy whose attribute values GEXF and GraphML accept, one type per key.

    Lists and sets are joined with ``"; "``; NumPy scalars become Python
    values; missing values are left out; a key whose values mix numbers is
    written as float, one that mixes numbers and text as text.
    """
    H = G.__class__()
    H.add_nodes_from((str(n), dict(d)) for n, d in G.nodes(data=True))
    H.add_edges_from((str(u), str(v), dict(d)) for u, v, d in G.edges(data=True))
    for view in (H.nodes, H.edges):
        records = [view[k] for k in view]
        for d in records:
            for key, value in list(d.items()):
                value = _scalar(value)
                if value is None:
                    del d[key]
                else:
                    d[key] = value
        for key in set().union(*records):
            kinds = {type(d[key]) for d in records if key in d}
            if len(kinds) > 1:
                cast = float if kinds <= {int, float} else str
                for d in records:
                    if key in d:
                        d[key] = cast(d[key])
    return H


def _scalar(value):
    """Return ``value`` as a bool, int, float or str (None when missing)."""
    if isinstance(value, (set, frozenset)):
        value = sorted(value, key=str)
    if isinstance(value, (list, tuple)):
        return TYPE_SEP.join(map(str, value))
    if isinstance(value, np.generic):
        value = value.item()
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return value if isinstance(value, (bool, int, float, str)) else str(value)
