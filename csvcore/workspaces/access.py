"""Link tokens and sign-in domains: who may open, view or edit a workspace.

A workspace link carries a token made by :func:`new_token`: 32 bytes (256 bits)
from the operating system's cryptographic generator. The database keeps only
:func:`token_digest`, its sha256. No salt or slow key-derivation function is
needed: those protect *guessable* secrets such as passwords against a stolen
table of hashes, by making each guess expensive. A 256-bit random token is not
guessable: with the digest in hand, finding a token that matches still takes
about 2**256 tries, whatever a try costs, and no two workspaces share a token,
so there is no precomputed table to defeat either.

:func:`role_for` compares a presented token with both digests of a workspace
using :func:`hmac.compare_digest` (time independent of where the digests
differ), always both, so an edit token, a view token and a wrong token take
the same steps.

>>> edit, view = new_token(), new_token()
>>> role_for(view, token_digest(edit), token_digest(view))
'view'
>>> role_for("guess", token_digest(edit), token_digest(view)) is None
True
>>> email_allowed("Ana@Example.org", ["example.org"])
True
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterable

__all__ = ["EDIT", "VIEW", "NO_DIGEST", "LINK_NOT_VALID", "new_token", "token_digest",
           "role_for", "email_allowed"]

EDIT, VIEW = "edit", "view"
#: All that a wrong or missing token, or an unknown workspace, is told.
LINK_NOT_VALID = "This link is not valid."
#: Stands in for the digests of a workspace that does not exist: it is not a hex
#: sha256, so no token matches it, and checking against it takes the same steps.
NO_DIGEST = "-" * 64
_TOKEN_BYTES = 32


def new_token() -> str:
    """Return a fresh link token: 256 random bits, URL-safe (43 characters)."""
    return secrets.token_urlsafe(_TOKEN_BYTES)


def token_digest(token: str) -> str:
    """Return the hex sha256 of a token (what the database stores)."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def role_for(token: str | None, edit_digest: str, view_digest: str) -> str | None:
    """Return EDIT or VIEW for the token whose digest matches, None for any other token."""
    digest = token_digest(token or "")
    is_edit = hmac.compare_digest(digest, edit_digest)
    is_view = hmac.compare_digest(digest, view_digest)
    return EDIT if is_edit else VIEW if is_view else None


def email_allowed(email: str | None, domains: Iterable[str] | str,
                  verified: bool | None = None) -> bool:
    """True when a signed-in e-mail address belongs to one of ``domains`` exactly.

    ``domains`` is a list or one comma-separated string. Case does not matter;
    subdomains are not included. An address the identity provider says is
    unverified, a malformed address and an empty list of domains are refused
    (fail closed).

    >>> email_allowed("ana@mail.example.org", ["example.org"])
    False
    >>> email_allowed("ana@example.org@evil.com", ["example.org"])
    False
    """
    if not email or verified is False or email.count("@") != 1:
        return False
    if isinstance(domains, str):  # one setting may list several: "a.org, b.org"
        domains = domains.split(",")
    local, domain = email.strip().lower().split("@")
    allowed = {d.strip().lower().lstrip("@") for d in domains if d and d.strip()}
    return bool(local) and domain in allowed
