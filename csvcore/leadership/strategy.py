"""Step 3, leadership strategy: everything the page shows for one map, period and organization.

:func:`leadership_strategy` assembles, for *our* organization (the focal one,
"ego") on the map step 2 shows (the same :class:`~csvcore.contract.mapkey.MapKey`:
challenge and filters):

- its position and its strengths and weaknesses (:mod:`.position`), with the
  self-assessment gaps (:mod:`.assessment`);
- the boundaries its ties cross (:mod:`.boundaries`) and its brokerage
  (:mod:`.brokerage`);
- the partners to approach (:mod:`.partners`) and the convening group with the
  dialogue plan (:mod:`.convening`).

Conventions: reach, distances and intermediaries ignore direction and
strength (any tie is a channel for an introduction; :mod:`csvcore.network_map.ego`);
"rising" is step 2's label (:func:`csvcore.network_map.trends.trends` up to the
period); communities are step 2's Louvain communities of the period.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

import networkx as nx
import pandas as pd

from ..contract.dataset import Dataset
from ..contract.mapkey import MapKey, periods_until, resolve_period
from ..graph.build import EVERYTHING, build_graph
from ..graph.measures import measures_table
from ..network_map.ego import EgoReport, ego_report
from ..network_map.trends import trends
from .assessment import assessment_gaps
from .boundaries import boundary_table, competitors, default_boundaries
from .brokerage import brokerage_roles, structural_holes_table
from .convening import convening_group, dialogue_plan
from .partners import partner_candidates
from .position import findings

__all__ = [
    "Strategy",
    "leadership_strategy",
]

@dataclass(frozen=True)
class Strategy:
    """Step 3 for one map, period and organization."""

    key: MapKey  # the map: challenge and filters, as step 2 shows it
    ego: str
    period: str
    graph: nx.Graph  # the map of the period
    position: EgoReport  # step 2's ego report
    now: pd.DataFrame  # node measures of the period, indexed by id
    trend: pd.DataFrame  # step 2's trends up to the period
    players: list  # the top organizations by influence (not us)
    crossing: pd.DataFrame  # boundary_table, every period
    roles: pd.DataFrame | None  # brokerage roles of us and the players (directed maps)
    holes: pd.DataFrame  # structural holes of us and the players
    findings: pd.DataFrame
    gaps: pd.DataFrame
    partners: pd.DataFrame
    group: pd.DataFrame
    plan: pd.DataFrame


def leadership_strategy(ds: Dataset, key: MapKey = EVERYTHING, period: str | None = None,
                        *, ego: str | None = None, measures: pd.DataFrame | None = None,
                        boundaries: Mapping[str, str] | None = None,
                        rivals: Collection[str] | None = None, top: int = 5) -> Strategy:
    """Return everything step 3 shows for a map, period and organization.

    Parameters
    ----------
    ds : Dataset
    key : MapKey
        The challenge and the filters: the same map step 2 shows.
    period : str, optional
        Default: the latest period.
    ego : str, optional
        Default: the focal organization.
    measures : DataFrame, optional
        ``measures_table(ds, key)`` for every period, if the caller has it.
    boundaries : mapping, optional
        Column -> boundary type; default :func:`csvcore.leadership.boundaries.default_boundaries`.
    rivals : collection, optional
        Competitors followed on the boundaries; default those whose role says so.
    top : int
        How many top players to compare with.
    """
    ego = ego if ego is not None else ds.focal_id
    period = resolve_period(ds, period)
    if measures is None:
        measures = measures_table(ds, key)
    position = ego_report(ds, key, period, ego=ego, measures=measures)
    G = build_graph(ds, key, period)
    now = measures[measures["period"] == period].set_index("id")
    trend = trends(measures[measures["period"].isin(periods_until(ds, period))])
    players = list(now.drop(index=ego).sort_values(["rank", "name"]).index[:top])
    boundaries = default_boundaries(ds.organizations.columns) if boundaries is None \
        else boundaries
    rivals = competitors(ds) if rivals is None else rivals
    crossing = boundary_table(ds, key, boundaries, ego=ego, rivals=rivals)
    roles = (brokerage_roles(G, nx.get_node_attributes(G, "sector")).loc[[ego, *players]]
             if G.is_directed() else None)
    gaps = assessment_gaps(ds.assessment)
    group = convening_group(G, ego, now["community"].to_dict(), now["influence"].to_dict())
    return Strategy(
        key=key, ego=ego, period=period, graph=G, position=position, now=now, trend=trend,
        players=players, crossing=crossing, roles=roles,
        holes=structural_holes_table(G, [ego, *players]),
        findings=findings(G, ego, now, position, crossing[crossing["period"] == period],
                          roles, gaps),
        gaps=gaps, group=group,
        partners=partner_candidates(G, ego, now, trend, players=position.players["target"]),
        plan=dialogue_plan(G, ego, group, gaps))
