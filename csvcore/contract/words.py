"""Plain-language helpers shared by the steps' findings and notes.

>>> counted(1, "tie"), counted(3, "tie"), quoted(["A", "B"])
('1 tie', '3 ties', "'A', 'B'")
"""

from __future__ import annotations

__all__ = ["counted", "quoted"]


def counted(n: int, noun: str) -> str:
    """Return ``n`` and ``noun``, plural unless ``n`` is 1."""
    return f"{n} {noun}" + ("" if n == 1 else "s")


def quoted(names) -> str:
    """Return the names in single quotes, comma-separated."""
    return ", ".join(f"'{n}'" for n in names)
