"""Saved workspaces: a versioned store (SQLite or PostgreSQL) and the tokens of its links.

====== ==============================================================
store  workspaces and versions, saved and read back through the importer
access tokens: made, hashed, checked; the sign-in domain rule
====== ==============================================================

The store imports SQLAlchemy; import :mod:`csvcore.workspaces.store` only where it is used.
"""
