"""Workspaces: save the data in use as a named map that grows version by version.

A team saves its data as a workspace and gets two links: an edit link for the
team and a view-only link for executives. Anyone with a link sees the versions,
opens any of them and compares two; only the edit link saves, makes new links
or closes the workspace. Tokens are stored as digests only, so a link is shown
when it is made; a lost link is replaced by a new one. The buttons' actions are
in :mod:`ui.workspace`.
"""

import pandas as pd
import streamlit as st

from csvcore.workspaces.access import EDIT, VIEW
from csvcore.workspaces.store import Access, Comparison, StoreError, Version
from ui import data, state, workspace
from ui.text import md_escape, plain
from ui.workspace import Link


def show_flash() -> None:
    kind, text = workspace.take_flash()
    if kind:
        getattr(st, kind)(md_escape(text))


def show_create() -> None:
    ds = data.dataset()
    st.markdown("Save the data in use as a **workspace**: a named map your team adds "
                "versions to over the years, with an edit link for the team and a "
                "view-only link for executives.")
    st.text_input("Workspace name", key="ws_name", max_chars=120,
                  placeholder="e.g. Water stewardship, Maharashtra")
    st.button("Save as a new workspace", key="ws_create", on_click=workspace.create,
              type="primary", icon=":material/save:")
    st.caption(f"Saves **{md_escape(ds.name or 'the data in use')}** "
               f"({len(ds.organizations):,} organizations, {len(ds.relationships):,} ties) "
               "as version 1. To open a saved workspace, open its link.")


def show_links(link: Link) -> None:
    st.subheader("Links")
    st.markdown("**Edit link** (for the team: save versions, make new links)")
    st.code(workspace.link_url(link.workspace_id, link.token), language=None)
    workspace_id, view_token = state.get("ws_view_token") or (None, None)
    st.markdown("**View-only link** (for executives: see every version, change nothing)")
    if workspace_id == link.workspace_id:
        st.code(workspace.link_url(workspace_id, view_token), language=None)
    else:
        st.caption("Links are stored only as fingerprints, so the view-only link was shown "
                   "once, when it was made. Lost it? Make a new one: the old one stops working.")
    with st.container(horizontal=True):
        st.button("New view-only link", key="ws_rotate_view", on_click=workspace.rotate,
                  args=(link, (VIEW,)), icon=":material/autorenew:")
        st.button("New edit and view-only links", key="ws_rotate_all", on_click=workspace.rotate,
                  args=(link, (EDIT, VIEW)), icon=":material/lock_reset:")
    st.caption("Copy the links now and share them as you would a password: anyone with a "
               "link can open the workspace. A new link revokes the old one at once.")


def show_save(link: Link, access: Access) -> None:
    ds = data.dataset()
    st.subheader("Save a new version")
    in_use = next((v for v in access.versions if v.number == link.version), access.latest)
    if ds.fingerprint == in_use.fingerprint:
        st.caption(f"The data in use is version {in_use.number}, unchanged.")
    else:
        st.caption(f"The data in use (**{md_escape(ds.name)}**) differs from version "
                   f"{in_use.number}: it was uploaded or edited since.")
    st.text_input("Note (optional)", key="ws_note", max_chars=500,
                  placeholder="e.g. 2025 survey added")
    st.button(f"Save as version {access.latest.number + 1}", key="ws_save",
              on_click=workspace.save, args=(link,), type="primary", icon=":material/save:")


def version_table(versions: tuple[Version, ...], in_use: int) -> pd.DataFrame:
    return pd.DataFrame({
        "Version": [v.number for v in versions],
        "In use": ["●" if v.number == in_use else "" for v in versions],
        "Saved (UTC)": [f"{v.saved_at:%Y-%m-%d %H:%M}" for v in versions],
        "Data": [plain(v.data_name) for v in versions],
        "Organizations": [v.organizations for v in versions],
        "Ties": [v.ties for v in versions],
        "Periods": [v.periods for v in versions],
        "Note": [plain(v.note) for v in versions],
    }).iloc[::-1]


def show_versions(link: Link, access: Access) -> None:
    st.subheader(f"Versions ({len(access.versions)})")
    st.dataframe(version_table(access.versions, link.version), hide_index=True,
                 key="ws_versions", column_config={
                     "Version": st.column_config.NumberColumn(width="small"),
                     "In use": st.column_config.TextColumn(width="small"),
                     **{c: st.column_config.NumberColumn(format="localized")
                        for c in ("Organizations", "Ties", "Periods")}})
    numbers = [v.number for v in reversed(access.versions)]
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    left.selectbox("Version to open", numbers, key="ws_open")
    right.button("Open this version", key="ws_open_button", on_click=workspace.open_version,
                 args=(link,), icon=":material/folder_open:")


def show_compare(link: Link, access: Access) -> None:
    st.subheader("Compare two versions")
    numbers = [v.number for v in access.versions]
    if len(numbers) < 2:
        st.caption("Save a second version to compare it with the first.")
        return
    left, middle, right = st.columns([2, 2, 1], vertical_alignment="bottom")
    old = left.selectbox("Older", numbers, index=len(numbers) - 2, key="ws_old")
    new = middle.selectbox("Newer", numbers, index=len(numbers) - 1, key="ws_new")
    right.button("Compare", key="ws_compare", on_click=workspace.compare, args=(link,),
                 icon=":material/compare_arrows:")
    result: Comparison | None = state.get("ws_comparison")
    if result and (result.old.number, result.new.number) == (old, new):
        show_comparison(result)


def show_comparison(result: Comparison) -> None:
    old, new, changes = result.old, result.new, result.changes
    for col, label in zip(st.columns(3), ("organizations", "ties", "periods")):
        col.metric(f"{label.capitalize()}, version {new.number}", f"{getattr(new, label):,}",
                   delta=getattr(new, label) - getattr(old, label), delta_color="off")
    for what, added, removed in (("Organizations", changes.orgs_added, changes.orgs_removed),
                                 ("Ties", changes.ties_added, changes.ties_removed)):
        for col, title, frame in zip(st.columns(2), (f"{what} added", f"{what} removed"),
                                     (added, removed)):
            col.markdown(f"**{title}: {len(frame):,}**")
            if len(frame):
                col.dataframe(frame, hide_index=True, height=min(35 * len(frame) + 38, 300))


def show_workspace(link: Link) -> None:
    """The open workspace: links and saving for its editors, versions for everyone."""
    try:
        access = workspace.workspace_store().open(link.workspace_id, link.token)
    except StoreError as problem:  # the link was revoked meanwhile: the message says so
        st.error(md_escape(str(problem)))
        return
    role = "You can edit it." if access.role == EDIT else "View only: nothing can be changed."
    st.markdown(f"Workspace **{md_escape(access.workspace.name)}**, created "
                f"{access.workspace.created_at:%Y-%m-%d}. {role}")
    if access.role == EDIT:
        show_links(link)
        show_save(link, access)
    show_versions(link, access)
    show_compare(link, access)
    if access.role == EDIT:
        st.button("Close the workspace", key="ws_close", on_click=workspace.close_workspace,
                  help="Back to the sample; the workspace stays saved and its links keep "
                       "working.", icon=":material/logout:")


st.title("Workspaces")
show_flash()
link = workspace.current_link()
if link is None:
    show_create()
else:
    show_workspace(link)
