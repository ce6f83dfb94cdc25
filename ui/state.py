"""Session state: the registry of every key, and the only code that touches ``st.session_state``.

Each browser session has its own state; nothing here is shared between users.
Every key the app reads or writes is in :data:`KEYS`, with the module that owns
it, what it means and its default; widget keys (``key=`` of a Streamlit
element) are listed too, since Streamlit keeps a keyed widget's value under
its key. Names start with the prefix of the place they belong to
(:data:`PREFIXES`). A key with ``{...}`` in its name is a family, one key per
value (``bc_map_{i}``: one button per challenge).

tests/test_state.py fails on any ``st.session_state`` outside this module and
on any key used in the code but missing here. To add a key: add a
:class:`Key` line below, then use its name with :func:`get` / :func:`set`
(or as a widget's ``key=``).

>>> REGISTRY["app_dataset"].owner
'ui/data.py'
>>> registered("bc_map_3"), registered("bc_nothing")
(True, False)
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from typing import Any

import streamlit as st

__all__ = ["Key", "KEYS", "REGISTRY", "PREFIXES", "get", "set", "pop", "has", "registered",
           "default"]

#: Name prefix -> where the keys live.
PREFIXES = {
    "app_": "the whole app (ui/)",
    "sb_": "the sidebar (ui/sidebar.py)",
    "home_": "pages/home.py",
    "bc_": "pages/1_business_case.py",
    "net_": "pages/2_network_map.py",
    "ls_": "pages/3_leadership.py",
    "ws_": "pages/workspaces.py",
}


@dataclass(frozen=True)
class Key:
    """One key of the session state."""

    name: str
    owner: str  # the module that writes it (for a widget: the module that draws it)
    meaning: str
    default: Any = None  # what get() returns while the key is unset
    widget: bool = False  # Streamlit keeps this widget's value under the key


def _widgets(owner: str, *pairs: tuple[str, str]) -> tuple[Key, ...]:
    return tuple(Key(name, owner, meaning, widget=True) for name, meaning in pairs)


_HOME, _BC, _NET, _LS, _WS = (PREFIXES[p] for p in ("home_", "bc_", "net_", "ls_", "ws_"))

KEYS: tuple[Key, ...] = (
    # --- the whole app -----------------------------------------------------------------
    Key("app_dataset", "ui/data.py", "The Dataset in use: the sample until an upload succeeds; "
        "a failed upload never replaces it."),
    Key("app_report", "ui/data.py", "The Report of the last load attempt (what to fix)."),
    Key("app_link", "ui/workspace.py", "The workspace opened through a link (a Link), absent "
        "when none is open; view-only links hide every editing control."),
    Key("app_selection", "ui/session.py", "The Selection of this run (data, map key, period, "
        "our organization), set before the page runs."),
    Key("app_filters", "ui/filters.py", "The map filters chosen on step 2 (sectors, "
        "geographies, types, min_strength): part of the selection on every page.", {}),
    Key("app_requested", "ui/sidebar.py", "Selection parts a page asked for (e.g. the "
        "challenge a click chose), applied to the sidebar on the next run.", {}),
    # --- the sidebar ---------------------------------------------------------------------
    *_widgets("ui/sidebar.py",
              ("sb_challenge", "The challenge chosen (or 'All challenges')."),
              ("sb_period", "The period chosen (or 'All periods' on an undated map)."),
              ("sb_focal", "Our organization (its id)."),
              ("sb_clear_filters", "Button: clear the map filters of step 2.")),
    # --- home ------------------------------------------------------------------------------
    *_widgets(_HOME,
              ("home_uploader", "The files of an upload (read by ui.data.load_upload)."),
              ("home_use_sample", "Button: back to the sample."),
              ("home_template_xlsx", "Download: the blank template as XLSX."),
              ("home_template_zip", "Download: the blank template as zipped CSV files.")),
    # --- step 1 ----------------------------------------------------------------------------
    *_widgets(_BC,
              ("bc_matrix", "The materiality matrix (a click makes a challenge active)."),
              ("bc_heatmap", "The rank-per-scenario heatmap."),
              ("bc_ranking", "The ranking table (a selected row makes a challenge active)."),
              ("bc_map_{i}", "Button: open the network map on challenge number i."),
              ("bc_template", "Download: the template, when the data has no challenges."),
              ("bc_scenarios_{version}", "Editor of the scenarios (a new key per applied "
               "edit, so the editor restarts from the data)."),
              ("bc_challenges_{version}", "Editor of the challenges and their scores."),
              ("bc_download", "Download: the workbook with the edits.")),
    Key("bc_edit_version", _BC, "How many edits were applied (names the editors' keys).", 0),
    # --- step 2 ----------------------------------------------------------------------------
    *_widgets(_NET,
              ("net_view", "The view shown (Central players, Over time, ...)."),
              ("net_rank_by", "Central players: the measure ranked by."),
              ("net_central_bar", "Central players: the bar chart."),
              ("net_compare", "Over time: the two periods compared."),
              ("net_trend_measure", "Over time: the measure followed."),
              ("net_trend_threshold", "Over time: the change that counts as rising or fading."),
              ("net_trend_lines", "Over time: the lines of the biggest movers."),
              ("net_bump", "Over time: the rank chart of the top ten."),
              ("net_mover", "Over time: the organization whose move is explained."),
              ("net_map_color", "Map: what colours the organizations."),
              ("net_map_community", "Map: the community drawn (None: all)."),
              ("net_map_top", "Map: how many of the most influential are drawn."),
              ("net_profile_trend", "Map: the clicked organization's influence over time."),
              ("net_map_overview", "Map: toggle of the whole-network overview."),
              ("net_overview", "Map: the whole-network overview chart."),
              ("net_summary_lines", "Whole network: the figures per period."),
              ("net_dl_{kind}", "Export: the download of one file kind (csv, xlsx, gexf, "
               "graphml).")),
    *_widgets("ui/filters.py",
              ("net_sectors", "Filter: the sectors kept (mirrors app_filters)."),
              ("net_geographies", "Filter: the geographies kept (mirrors app_filters)."),
              ("net_types", "Filter: the tie types kept (mirrors app_filters)."),
              ("net_min_strength", "Filter: the minimum tie strength (mirrors app_filters).")),
    Key("net_map_click", "ui/graphview.py", "Map: (organization, raw click) last clicked."),
    Key("net_ego_click", "ui/graphview.py", "Our position: (organization, raw click) last "
        "clicked."),
    # --- step 3 ----------------------------------------------------------------------------
    *_widgets(_LS,
              ("ls_section", "The section shown (Strengths & gaps, Boundaries, ...)."),
              ("ls_extra_columns", "Settings: the user's own columns followed as boundaries."),
              ("ls_kind_{i}_{column}", "Settings: the kind of boundary of column number i."),
              ("ls_rivals", "Settings: the competitors followed."),
              ("ls_gap_chart", "Strengths & gaps: the self-assessment heatmap."),
              ("ls_ei_{attribute}", "Boundaries: the E-I chart of one column."),
              ("ls_crossing", "Boundaries: the table of ties across and inside."),
              ("ls_roles_chart", "Brokers: the brokerage roles chart."),
              ("ls_roles", "Brokers: the brokerage roles table."),
              ("ls_holes", "Brokers: the structural holes table."),
              ("ls_partners", "Partners: the candidates table."),
              ("ls_new_ties", "What-if: the organizations proposed as new partners."),
              ("ls_new_strength", "What-if: the strength of each proposed tie."),
              ("ls_whatif", "What-if: the before/after table."),
              ("ls_group", "Dialogue: the convening group table."),
              ("ls_brief_dl", "Executive brief: the HTML download.")),
    Key("ls_whatif_map", "ui/graphview.py", "What-if: (organization, raw click) last clicked."),
    Key("ls_group_map", "ui/graphview.py", "Dialogue: (organization, raw click) last clicked."),
    # --- workspaces --------------------------------------------------------------------------
    *_widgets(_WS,
              ("ws_name", "Name of a new workspace."),
              ("ws_create", "Button: save the data as a new workspace."),
              ("ws_note", "Note of the next version."),
              ("ws_save", "Button: save a new version."),
              ("ws_rotate_view", "Button: a new view-only link."),
              ("ws_rotate_all", "Button: new edit and view-only links."),
              ("ws_versions", "The table of versions."),
              ("ws_open", "The version to open."),
              ("ws_open_button", "Button: open that version."),
              ("ws_old", "Compare: the older version."),
              ("ws_new", "Compare: the newer version."),
              ("ws_compare", "Button: compare the two."),
              ("ws_close", "Button: close the workspace.")),
    Key("ws_view_token", "ui/workspace.py", "(workspace id, view-only token) just made: shown "
        "once, since only its digest is stored."),
    Key("ws_flash", "ui/workspace.py", "(kind, text) of the message a button's action leaves "
        "for the next run."),
    Key("ws_comparison", "ui/workspace.py", "The last comparison of two versions."),
)

REGISTRY: dict[str, Key] = {k.name: k for k in KEYS}
_FAMILIES = [(re.compile(re.sub(r"\\\{\w+\\\}", ".+", re.escape(k.name)) + r"\Z"), k)
             for k in KEYS if "{" in k.name]


def _entry(name: str) -> Key:
    """Return the registry entry of ``name`` (a key or a member of a family)."""
    if name in REGISTRY:
        return REGISTRY[name]
    for pattern, key in _FAMILIES:
        if pattern.match(name):
            return key
    raise KeyError(f"session-state key {name!r} is not registered in ui/state.py")


def registered(name: str) -> bool:
    """True when ``name`` is a registered key or a member of a registered family."""
    try:
        _entry(name)
    except KeyError:
        return False
    return True


def default(name: str):
    """Return (a copy of) the registered default of ``name``."""
    return copy.deepcopy(_entry(name).default)


def get(name: str, fallback: Any = None):
    """Return the value of ``name``; while unset, ``fallback`` if given, else its default."""
    entry = _entry(name)
    if name in st.session_state:
        return st.session_state[name]
    return fallback if fallback is not None else copy.deepcopy(entry.default)


def set(name: str, value) -> None:  # noqa: A001 - state.set reads as what it does
    """Set ``name`` (for a widget: before the widget is drawn in this run)."""
    _entry(name)
    st.session_state[name] = value


def pop(name: str, fallback: Any = None):
    """Remove ``name`` and return its value (``fallback`` when it was unset)."""
    _entry(name)
    return st.session_state.pop(name, fallback)


def has(name: str) -> bool:
    """True when ``name`` is set in this session."""
    _entry(name)
    return name in st.session_state
