"""The workspace a session has open, its link, the actions of the Workspaces page, sign-in.

A link is the app's address with ``?ws=<workspace id>&token=<token>``. The open
workspace (``app_link``, a :class:`Link`) keeps the workspace and its token on
the server for this session only; every run checks the token again, so rotating
it closes the workspace at the next click. The address bar keeps showing the
link, so reloading any page reopens it.

Settings (``.streamlit/secrets.toml``, section ``[workspaces]``): ``database_url``
(overridden by $SVN_DATABASE_URL) and ``allowed_domains`` (with ``[auth]``).

:mod:`csvcore.workspaces.store` (and SQLAlchemy with it) is imported on first use,
so a visit without a link does not wait for it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlencode

import streamlit as st

from csvcore.workspaces.access import EDIT, LINK_NOT_VALID, VIEW, email_allowed
from ui import data, state
from ui.text import md_escape

if TYPE_CHECKING:
    from csvcore.workspaces.store import Store

__all__ = ["Link", "setting", "store_for", "workspace_store", "current_link", "open_link",
           "use_version", "close_workspace", "show_invalid_link", "workspace_caption",
           "require_sign_in", "link_url", "flash", "take_flash", "create", "save", "rotate",
           "open_version", "compare"]


@dataclass(frozen=True)
class Link:
    """An open workspace: its id and name, this session's token and role, the version in use."""

    workspace_id: str
    token: str
    role: str
    name: str
    version: int


def setting(key: str):
    """Return a ``[workspaces]`` setting from the app's secrets, or None."""
    try:
        return st.secrets.get("workspaces", {}).get(key)
    except FileNotFoundError:  # no secrets file at all
        return None


@st.cache_resource(show_spinner=False)
def store_for(url: str) -> Store:
    """Return the store for a database URL (one engine per URL; it holds no user data)."""
    from csvcore.workspaces.store import Store

    return Store(url)


def workspace_store() -> Store:
    from csvcore.workspaces.store import database_url

    return store_for(database_url(setting("database_url")))


def current_link() -> Link | None:
    return state.get("app_link")


def open_link() -> bool:
    """Open the workspace the address or the session names; False when the link is not valid."""
    requested = (st.query_params.get("ws"), st.query_params.get("token"))
    named = requested != (None, None)
    link = current_link()
    if not named and link is None:
        return True
    from csvcore.workspaces.store import InvalidLink

    try:
        if named and (link is None or requested != (link.workspace_id, link.token)):
            link = _open(*requested)
        elif link is not None:
            workspace_store().role(link.workspace_id, link.token)
    except InvalidLink:
        state.pop("app_link")
        data.use_sample()
        return False
    if link is not None and requested != (link.workspace_id, link.token):
        st.query_params.update(ws=link.workspace_id, token=link.token)
    return True


def _open(workspace_id: str, token: str) -> Link:
    access = workspace_store().open(workspace_id, token)
    link = Link(workspace_id, token, access.role, access.workspace.name, access.latest.number)
    use_version(link, link.version)
    return link


def use_version(link: Link, number: int) -> None:
    """Make a saved version the session's data (read through the importer)."""
    data.use(workspace_store().load_version(link.workspace_id, link.token, number))
    state.set("app_link", dataclasses.replace(link, version=number))


def close_workspace() -> None:
    """Leave the workspace: back to the sample, the link gone from the address."""
    state.pop("app_link")
    for key in ("ws", "token"):
        st.query_params.pop(key, None)
    data.use_sample()


def show_invalid_link() -> None:
    """Say the link is not valid, and nothing else (not whether the workspace exists)."""
    st.title("Shared Value Navigator")
    st.error(f"{LINK_NOT_VALID} Ask the person who shared it for a current link.",
             icon=":material/link_off:")


def workspace_caption() -> None:
    """Name the open workspace in the sidebar."""
    link = current_link()
    if link is not None:
        mode = "view only" if link.role == VIEW else "can edit"
        st.sidebar.caption(f":material/folder_shared: Workspace **{md_escape(link.name)}**, "
                           f"version {link.version} · {mode}")


def require_sign_in() -> None:
    """When ``[auth]`` is configured, stop unless the visitor signed in from an allowed domain.

    Without ``[auth]`` in the secrets this does nothing. With it, only e-mail
    addresses in ``[workspaces] allowed_domains`` get in (none when it is empty).
    """
    try:
        configured = "auth" in st.secrets
    except FileNotFoundError:
        return
    if not configured:
        return
    if not st.user.get("is_logged_in"):
        st.title("Shared Value Navigator")
        st.button("Sign in", on_click=st.login, icon=":material/login:")
        st.stop()
    if not email_allowed(st.user.get("email"), setting("allowed_domains") or [],
                         st.user.get("email_verified")):
        st.error("This account has no access to this dashboard. Sign in with your "
                 "organization's account.", icon=":material/block:")
        st.button("Sign out", on_click=st.logout)
        st.stop()


def link_url(workspace_id: str, token: str) -> str:
    """Return the app's address that opens the workspace with ``token``."""
    base = (st.context.url or "").rsplit("/", 1)[0]
    return f"{base}/?{urlencode({'ws': workspace_id, 'token': token})}"


# --- the Workspaces page's actions (button callbacks: they run before the page redraws) ----

def flash(kind: str, text: str) -> None:
    """Keep a message (``kind``: success or error) for the next run."""
    state.set("ws_flash", (kind, text))


def take_flash() -> tuple[str | None, str]:
    """Return the message an action left, once."""
    return state.pop("ws_flash", (None, ""))


def _attempt(action) -> bool:
    """Run a store action; on a StoreError, flash its message (what to do) and say False."""
    from csvcore.workspaces.store import StoreError

    try:
        action()
    except StoreError as problem:
        flash("error", str(problem))
        return False
    return True


def create() -> None:
    """Save the data in use as a new workspace; this session gets its edit link."""
    def run():
        created = workspace_store().create_workspace(state.get("ws_name", ""), data.dataset())
        state.set("app_link", Link(created.workspace_id, created.edit_token, EDIT,
                                   created.name, 1))
        state.set("ws_view_token", (created.workspace_id, created.view_token))
        flash("success", f"Saved as workspace '{created.name}', version 1. Copy both links now.")
    _attempt(run)


def save(link: Link) -> None:
    """Save the data in use as the workspace's next version."""
    def run():
        version = workspace_store().save_version(link.workspace_id, link.token, data.dataset(),
                                                 state.get("ws_note", ""))
        state.set("app_link", dataclasses.replace(link, version=version.number))
        state.set("ws_note", "")
        flash("success", f"Saved as version {version.number}.")
    _attempt(run)


def rotate(link: Link, roles: tuple[str, ...]) -> None:
    """Make new links for ``roles``; the old ones stop working at once."""
    def run():
        fresh = workspace_store().rotate_tokens(link.workspace_id, link.token, roles)
        if EDIT in fresh:
            state.set("app_link", dataclasses.replace(link, token=fresh[EDIT]))
        state.set("ws_view_token", (link.workspace_id, fresh[VIEW]))
        flash("success", "New links made: the old " + (
            "links no longer work." if EDIT in fresh else "view-only link no longer works."))
    _attempt(run)


def open_version(link: Link) -> None:
    """Make the version chosen in ``ws_open`` the data on every page."""
    number = state.get("ws_open")
    if _attempt(lambda: use_version(link, number)):
        flash("success", f"Version {number} is now the data on every page.")


def compare(link: Link) -> None:
    """Compare the versions chosen in ``ws_old`` and ``ws_new``."""
    old, new = state.get("ws_old"), state.get("ws_new")
    _attempt(lambda: state.set("ws_comparison", workspace_store().compare_versions(
        link.workspace_id, link.token, old, new)))
