"""Every cached computation of the dashboard, keyed on the selection.

A computation is a function of a :class:`ui.selection.Selection` (and of a few
hashable arguments) decorated with ``@cached(<parts>)``: its result is kept per
dataset content (the full-content sha256, :attr:`Dataset.fingerprint`, never a
sample of a DataFrame), per value of the parts of the selection it names, and
per argument. It receives a :class:`ui.selection.Scope`, which refuses to read a
part the computation is not keyed on, so a result is never served for another
selection. The cache is shared by all users, which is safe because its key is
the content: one user's data can never answer another's request.

    @cached("key", "period")           # the map of one period
    def graph(sel):
        return build.build_graph(sel.dataset, sel.key, sel.period)

``key`` is the map (challenge and filters), ``challenge`` the challenge alone.
Pages call these with the selection: ``cache.graph(sel)``.
"""

from __future__ import annotations

import functools

import pandas as pd
import streamlit as st

from csvcore import business_case as bc
from csvcore.graph import build, focus, layout, measures
from csvcore.io import export
from csvcore.leadership.brief import executive_brief, to_html
from csvcore.leadership.partners import neighbourhood, whatif, with_ties
from csvcore.leadership.strategy import leadership_strategy
from csvcore.network_map import ego, trends, whole
from ui.figures.map_svg import map_svg
from ui.selection import Scope

__all__ = ["cached", "all_measures", "period_measures", "summary", "positions", "graph",
           "ego_view", "moves", "map_preview", "business_case", "network_summary",
           "measures_file", "map_file", "strategy", "whatif_table", "routes", "brief"]

MAX_ENTRIES = 64


def cached(*parts: str):
    """Cache a computation ``f(sel, *args)`` on the dataset's sha256, ``parts`` and ``args``."""
    def decorate(compute):
        memo = st.cache_data(compute, max_entries=MAX_ENTRIES, show_spinner=False,
                             hash_funcs={Scope: lambda scope: scope.token})

        @functools.wraps(compute)
        def call(sel, *args, **kwargs):
            return memo(Scope(sel, parts), *args, **kwargs)

        call.clear = memo.clear
        return call
    return decorate


# --- the map and its measures (steps 2 and 3, home) ---------------------------------------

@cached("key")
def all_measures(sel) -> pd.DataFrame:
    """Every node measure for every period (:func:`csvcore.graph.measures.measures_table`)."""
    return measures.measures_table(sel.dataset, sel.key)


@cached("key", "period")
def period_measures(sel) -> pd.DataFrame:
    """Every node measure for the selected period."""
    return measures.measures_table(sel.dataset, sel.key, sel.period)


@cached("key")
def summary(sel) -> pd.DataFrame:
    """Network-level figures per period (:func:`csvcore.network_map.whole.summary_table`)."""
    return whole.summary_table(sel.dataset, sel.key, measures=all_measures(sel))


@cached("challenge")
def positions(sel) -> dict:
    """Fixed map positions, the same in every period and filter (:mod:`csvcore.graph.layout`)."""
    return layout.layout(sel.dataset, sel.challenge)


@cached("key", "period")
def graph(sel):
    """The map of the selected period (:func:`csvcore.graph.build.build_graph`)."""
    return build.build_graph(sel.dataset, sel.key, sel.period)


@cached("key", "period", "focal")
def ego_view(sel):
    """How our organization is connected (:func:`csvcore.network_map.ego.ego_report`)."""
    return ego.ego_report(sel.dataset, sel.key, sel.period, ego=sel.focal,
                          measures=all_measures(sel))


@cached("key")
def moves(sel, start: str, end: str, measure: str,
          threshold: float = trends.THRESHOLD) -> pd.DataFrame:
    """Change, slope and label per organization between two periods (:mod:`csvcore.network_map.trends`)."""
    return trends.trends(all_measures(sel), start, end, measure=measure, threshold=threshold)


@cached("key", "period", "focal")
def map_preview(sel) -> str:
    """The SVG of the home page's map preview: the organizations with a tie, by sector."""
    G = graph(sel)
    now = period_measures(sel).set_index("id")
    nodes, edges = focus.frames(G, now, positions(sel), [n for n in G if G.degree(n)])
    return map_svg(nodes, edges, "sector", us=sel.focal)


@cached("key")
def measures_file(sel, kind: str) -> bytes:
    """Every measure of every period as CSV or XLSX bytes."""
    frame = all_measures(sel)
    return export.frame_csv(frame) if kind == "csv" else export.frames_xlsx({"measures": frame})


@cached("key", "period")
def map_file(sel, kind: str) -> bytes:
    """The period's map as GEXF (with the map's positions) or GraphML bytes."""
    G = graph(sel)
    if kind == "gexf":
        return export.to_gexf_bytes(G, positions(sel))
    return export.to_graphml_bytes(G)


# --- step 1 -------------------------------------------------------------------------------

@cached()
def business_case(sel) -> bc.BusinessCase:
    """Priorities, ranks and classes of the challenges (:func:`csvcore.business_case.analyse`)."""
    return bc.analyse(sel.dataset.challenges, sel.dataset.scenarios)


@cached()
def network_summary(sel) -> pd.DataFrame:
    """Who works on each challenge (:func:`csvcore.business_case.network_summary`)."""
    return bc.network_summary(sel.dataset)


# --- step 3 -------------------------------------------------------------------------------

@cached("key", "period", "focal")
def strategy(sel, boundaries: tuple, rivals: tuple):
    """Everything step 3 shows (:func:`csvcore.leadership.strategy.leadership_strategy`)."""
    return leadership_strategy(sel.dataset, sel.key, sel.period, ego=sel.focal,
                               measures=all_measures(sel), boundaries=dict(boundaries),
                               rivals=list(rivals))


@cached("key", "period", "focal")
def whatif_table(sel, new_ties: tuple, strength: float):
    """The what-if table, and the positions of everyone within two steps with the new ties."""
    G = graph(sel)
    after = with_ties(G, sel.focal, new_ties, strength)
    return (whatif(G, sel.focal, new_ties, strength),
            _local_positions(after, neighbourhood(after, sel.focal)))


@cached("key", "period", "focal")
def routes(sel, targets: tuple) -> dict:
    """Positions of us, the targets and the organizations on a shortest route to each."""
    U = build.build_graph(sel.dataset, sel.key, sel.period, directed=False)
    ids = dict.fromkeys(i for path in ego.paths_to(U, sel.focal, targets)["path_ids"]
                        for i in path)
    return _local_positions(U, list(ids))


def _local_positions(G, ids: list) -> dict:
    """Id -> position for a part of the map laid out on its own (``ids`` order kept)."""
    pos = focus.local_layout(G.subgraph(ids), scale=120 * len(ids) ** 0.5)
    return {i: pos[i] for i in ids}


@cached("key", "period", "focal")
def brief(sel, boundaries: tuple, rivals: tuple):
    """The executive brief of step 3, and its HTML."""
    content = executive_brief(sel.dataset, sel.challenge, strategy(sel, boundaries, rivals),
                              business_case(sel))
    return content, to_html(content)
