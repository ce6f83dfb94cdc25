"""Ties from a matrix of numbers (UCINET fullmatrix, Pajek *Matrix, an adjacency sheet).

A non-zero number in row *r*, column *c* is a tie from *r* to *c* with that
strength. A square matrix equal to its transpose gives undirected ties, each
pair once; otherwise ties are directed. Blank and non-numeric cells are no tie.

>>> ties = matrix_ties(["a", "b"], ["a", "b"], [["0", "2"], ["2", "0"]], [2, 3])
>>> [(t["source"], t["target"], t["strength"], t["directed"]) for t in ties[0]], ties[1]
([('a', 'b', 2.0, False)], [2])
"""

from __future__ import annotations

from .cells import id_key, parse_number

__all__ = ["matrix_ties", "labels_as_ids"]


def matrix_ties(rows: list[str], columns: list[str], cells: list[list], numbers: list[int],
                **extra) -> tuple[list[dict], list[int]]:
    """Return tie records for the non-zero cells, and the row number of each."""
    values = [[parse_number(c) or 0.0 for c in row] for row in cells]
    symmetric = rows == columns and all(
        row[j] == values[j][i] for i, row in enumerate(values) for j in range(len(row))
        if j < len(values) and i < len(values[j]))
    ties, tie_numbers = [], []
    for i, (source, row, number) in enumerate(zip(rows, values, numbers)):
        for j, (target, value) in enumerate(zip(columns, row)):
            if value and not (symmetric and j < i):
                ties.append({"source": source, "target": target, "strength": value,
                             "directed": not symmetric, **extra})
                tie_numbers.append(number)
    return ties, tie_numbers


def labels_as_ids(labels: list[str], fallback: list[str]) -> list[str]:
    """Return the labels when each is present and unique (ignoring case), else the fallback ids.

    >>> labels_as_ids(["A", "B"], ["1", "2"]), labels_as_ids(["A", "a"], ["1", "2"])
    (['A', 'B'], ['1', '2'])
    """
    keys = [id_key(label) for label in labels]
    return list(labels) if all(keys) and len(set(keys)) == len(keys) else list(fallback)
