"""The workspace a session has open, opened through a link, and the optional sign-in gate.

A link is the app's address with ``?ws=<workspace id>&token=<token>``. Session
state ``link`` (a :class:`Link`, absent when no workspace is open) keeps the
workspace and its token on the server for this session only; every run checks
the token again, so rotating it closes the workspace at the next click. The
address bar keeps showing the link, so reloading any page reopens it.

Settings (``.streamlit/secrets.toml``, section ``[workspaces]``): ``database_url``
(overridden by $SVN_DATABASE_URL) and ``allowed_domains`` (with ``[auth]``).

:mod:`csvcore.workspaces.store` (and SQLAlchemy with it) is imported on first use, so a
visit without a link does not wait for it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING

import streamlit as st

from csvcore.contract.report import Report
from csvcore.workspaces.access import LINK_NOT_VALID, VIEW, email_allowed
from pages.common import md_escape, use_sample

if TYPE_CHECKING:
    from csvcore.workspaces.store import Store


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
    return st.session_state.get("link")


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
        st.session_state.pop("link", None)
        use_sample()
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
    st.session_state.dataset = workspace_store().load_version(link.workspace_id, link.token,
                                                              number)
    st.session_state.report = Report()
    st.session_state.link = dataclasses.replace(link, version=number)


def close_workspace() -> None:
    """Leave the workspace: back to the sample, the link gone from the address."""
    st.session_state.pop("link", None)
    for key in ("ws", "token"):
        st.query_params.pop(key, None)
    use_sample()


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

