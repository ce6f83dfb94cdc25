"""The sidebar every page shares, and the selection it makes.

The sidebar's widgets (``sb_challenge``, ``sb_period``, ``sb_focal``) hold the
challenge, period and organization; the map filters are chosen on step 2
(:mod:`ui.filters`) and kept in ``app_filters``. :func:`sidebar` turns them into
one :class:`ui.selection.Selection`. A page that wants another selection
(a click on a challenge) calls :func:`request`; the change applies on the next
run, before the widgets are drawn.
"""

from __future__ import annotations

import streamlit as st

from csvcore.contract.dataset import Dataset
from ui import state
from ui.selection import FILTER_NAMES, Selection, valid_filters
from ui.text import md_escape, plain

__all__ = ["ALL_CHALLENGES", "ALL_PERIODS", "sidebar", "request", "request_challenge",
           "clear_filters"]

ALL_CHALLENGES = "All challenges"
ALL_PERIODS = "All periods"
#: Selection part -> the widget that holds it.
WIDGETS = {"challenge": "sb_challenge", "period": "sb_period", "focal": "sb_focal"}


def request(**parts) -> None:
    """Ask for other selection parts (challenge, period, focal, filters) from the next run on."""
    unknown = set(parts) - {*WIDGETS, "filters"}
    if unknown:
        raise ValueError(f"not parts of the selection: {sorted(unknown)}")
    state.set("app_requested", {**state.get("app_requested"), **parts})


def request_challenge(name: str | None) -> None:
    """Make ``name`` the active challenge on every page (``None``: every challenge)."""
    request(challenge=name or ALL_CHALLENGES)


def clear_filters() -> None:
    """Drop every map filter (a callback)."""
    request(filters={})


def sidebar(ds: Dataset) -> Selection:
    """Draw the shared sidebar and return the current selection."""
    options = {"challenge": [ALL_CHALLENGES] + ds.challenge_names,
               "period": list(ds.periods) or [ALL_PERIODS],
               "focal": list(ds.organizations["id"])}
    _apply_requests(options)
    _keep_valid("sb_challenge", options["challenge"], _default_challenge(ds, options["challenge"]))
    _keep_valid("sb_period", options["period"], options["period"][-1])
    _keep_valid("sb_focal", options["focal"],
                ds.focal_id or (options["focal"][0] if options["focal"] else None))
    filters = valid_filters(ds, state.get("app_filters"))
    state.set("app_filters", filters)
    names = ds.names()
    with st.sidebar:
        st.caption(f"Data: **{md_escape(ds.name or 'unnamed')}**")
        st.selectbox("Challenge", options["challenge"], key="sb_challenge",
                     help="Ties marked for another challenge are left out; "
                          "ties with no challenge count for every challenge.")
        st.selectbox("Period", options["period"], key="sb_period",
                     help="Ties with no period count in every period.")
        st.selectbox("Our organization", options["focal"], key="sb_focal",
                     format_func=lambda i: plain(names.get(i, i)),
                     help="Marked 'focal' in the organizations table; change it to "
                          "see the network from another organization's seat.")
    sel = Selection.of(ds, _chosen("sb_challenge", ALL_CHALLENGES),
                       _chosen("sb_period", ALL_PERIODS), state.get("sb_focal"), filters)
    if sel.key.filtered:
        st.sidebar.caption(f":material/filter_alt: Filters from step 2: "
                           f"{md_escape(sel.key.describe().partition('; ')[2])}")
        st.sidebar.button("Clear the filters", key="sb_clear_filters", on_click=clear_filters,
                          icon=":material/filter_alt_off:")
    return sel


def _apply_requests(options: dict) -> None:
    requested = state.pop("app_requested", {}) or {}
    for part, value in requested.items():
        if part == "filters":
            state.set("app_filters", {k: v for k, v in value.items() if k in FILTER_NAMES})
        elif value in options[part]:
            state.set(WIDGETS[part], value)


def _chosen(key: str, everything: str) -> str | None:
    value = state.get(key)
    return None if value == everything else value


def _default_challenge(ds: Dataset, options: list[str]) -> str:
    tied = [c for c in options[1:] if (ds.relationships["challenge"] == c).any()]
    return tied[0] if tied else options[0]


def _keep_valid(key: str, options: list, fallback) -> None:
    if state.get(key) not in options:
        state.set(key, fallback)
