"""Saved workspaces: a versioned store (SQLite or PostgreSQL) and the tokens of its links.

========= ==========================================================
store     workspaces and versions, saved and read back through the importer
access    tokens: made, hashed, checked; the sign-in domain rule
surveys   survey rounds: respondent links, drafts and submissions, progress, merge
answers   one respondent's ties: the answer, its checks and limits
agreement a round's answers as ties: confidence from agreement, contradictions
========= ==========================================================

The store imports SQLAlchemy; import :mod:`csvcore.workspaces.store` (and
:mod:`~csvcore.workspaces.surveys`) only where they are used.
"""
