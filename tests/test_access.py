"""Link tokens and the sign-in domain check (pure functions, no database)."""

import hashlib

import pytest

from csvcore.workspaces.access import (
    EDIT,
    NO_DIGEST,
    VIEW,
    email_allowed,
    new_token,
    role_for,
    token_digest,
)


def test_tokens_are_long_random_and_url_safe():
    tokens = {new_token() for _ in range(200)}
    assert len(tokens) == 200
    for token in tokens:
        assert len(token) == 43  # 32 bytes, base64url without padding
        assert set(token) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                 "0123456789-_")


def test_only_the_digest_is_kept_and_it_is_plain_sha256():
    token = new_token()
    digest = token_digest(token)
    assert digest == hashlib.sha256(token.encode()).hexdigest()
    assert token not in digest and len(digest) == 64


@pytest.mark.parametrize("presented, expected", [
    ("edit", EDIT), ("view", VIEW), ("other", None), ("", None), (None, None)])
def test_a_token_gets_the_role_whose_digest_it_matches(presented, expected):
    tokens = {"edit": new_token(), "view": new_token(), "other": new_token(), "": "", None: None}
    role = role_for(tokens[presented], token_digest(tokens["edit"]), token_digest(tokens["view"]))
    assert role == expected


def test_no_token_matches_a_missing_workspace():
    for token in ("", "-" * 64, new_token()):
        assert role_for(token, NO_DIGEST, NO_DIGEST) is None


def test_a_digest_is_not_a_token():
    edit, view = new_token(), new_token()
    assert role_for(token_digest(edit), token_digest(edit), token_digest(view)) is None


@pytest.mark.parametrize("email, domains, verified, allowed", [
    ("ana@example.org", ["example.org"], None, True),
    ("Ana@EXAMPLE.org", ["Example.ORG"], True, True),
    ("ana@example.org", "other.net, example.org", None, True),
    ("ana@example.org", ["@example.org"], None, True),
    ("ana@example.org", ["example.org"], False, False),  # the provider says: not verified
    ("ana@mail.example.org", ["example.org"], None, False),  # subdomains are not included
    ("ana@example.org.evil.com", ["example.org"], None, False),
    ("ana@evilexample.org", ["example.org"], None, False),
    ("ana@example.org@evil.com", ["example.org"], None, False),
    ("example.org", ["example.org"], None, False),
    ("@example.org", ["example.org"], None, False),
    ("", ["example.org"], None, False),
    (None, ["example.org"], None, False),
    ("ana@example.org", [], None, False),  # nothing configured: nobody (fail closed)
    ("ana@example.org", "", None, False),
])
def test_sign_in_is_limited_to_the_allowed_domains(email, domains, verified, allowed):
    assert email_allowed(email, domains, verified) is allowed
