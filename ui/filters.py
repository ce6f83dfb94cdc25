"""The map filters: chosen on step 2, kept in the selection for every page.

The filters are part of :class:`csvcore.contract.mapkey.MapKey`, so step 3 and
the home preview compute on the same filtered map as step 2. They live in
``app_filters`` (a widget's value would be dropped by Streamlit on a page that
does not draw it); the widgets mirror it on every run and write it back when
the user changes one.
"""

from __future__ import annotations

import streamlit as st

from ui import state
from ui.selection import Selection
from ui.text import md_escape

__all__ = ["WIDGETS", "controls", "caption"]

#: Filter -> the widget on step 2 that chooses it.
WIDGETS = {"sectors": "net_sectors", "geographies": "net_geographies", "types": "net_types",
           "min_strength": "net_min_strength"}


def _store() -> None:
    """Keep the widgets' values as the selection's filters (a callback)."""
    state.set("app_filters", {name: state.get(key) for name, key in WIDGETS.items()})


def controls(sel: Selection) -> None:
    """Draw the filters of the selection's map in an expander."""
    ds, chosen = sel.dataset, sel.key.filters
    org, rel = ds.organizations, ds.relationships
    top = float(rel["strength"].max() or 1) if len(rel) else 1.0
    for name, key in WIDGETS.items():
        value = chosen.get(name)
        state.set(key, value or 0.0 if name == "min_strength" else list(value or ()))
    with st.expander("Filters", icon=":material/filter_alt:"):
        left, middle, right = st.columns(3)
        left.multiselect("Sectors", sorted(org["sector"].unique()), key="net_sectors",
                         placeholder="All sectors", on_change=_store)
        middle.multiselect("Geographies", sorted(org["geography"].unique()),
                           key="net_geographies", placeholder="All geographies",
                           on_change=_store)
        right.multiselect("Tie types", sorted(t for t in rel["type"].unique() if t),
                          key="net_types", placeholder="All types", on_change=_store)
        st.slider("Minimum strength of a tie (merged ties add up)", 0.0, top,
                  step=max(top / 20, 0.1), key="net_min_strength", on_change=_store)


def caption(sel: Selection) -> None:
    """Say which map the numbers below are computed on (challenge, filters, period)."""
    where = "set on step 2, Network map" if sel.key.filtered else "filters: on step 2"
    st.caption(f":material/filter_alt: Map: **{md_escape(sel.key.describe())}**"
               f"{', ' + md_escape(sel.period) if sel.period else ''} ({where}).")
