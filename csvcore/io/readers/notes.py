"""Warnings about rows of the contract tables, one per file and sheet the rows came from."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ...contract.report import Report
from .cells import text
from .layouts import FILE, ROW, SHEET, Contract

__all__ = ["warn_rows", "examples", "map_distinct"]


def warn_rows(report: Report, contract: Contract, frame: pd.DataFrame, mask, message: str,
              column: str = "", values: pd.Series | None = None, fix: str = "") -> None:
    """Warn once per source table about the rows of ``frame`` where ``mask`` holds.

    ``column`` is a contract column (reported under the user's header); ``values``
    (aligned with ``frame``) are shown, distinct, as the finding's value.
    """
    picked = frame[np.asarray(mask, dtype=bool)]  # an empty object mask would select columns
    for (file, sheet), group in picked.groupby([FILE, SHEET], sort=False):
        shown = "" if values is None else examples(values[group.index], limit=5)
        report.warn(message, file=file, sheet=sheet,
                    rows=sorted({int(r) for r in group[ROW] if r}),
                    column=contract.header(file, sheet, column) if column else "",
                    value=shown, fix=fix)


def map_distinct(values: pd.Series, func) -> pd.Series:
    """Return ``func`` of each value, computed once per distinct value (columns repeat a lot).

    >>> map_distinct(pd.Series(["a", "b", "a", None]), lambda v: f"<{v}>").tolist()
    ['<a>', '<b>', '<a>', '<None>']
    """
    distinct = pd.unique(values)
    return values.map(dict(zip(distinct, map(func, distinct)))).astype(object)


def examples(values, limit: int = 3) -> str:
    """Return up to ``limit`` distinct values joined by ', '.

    >>> examples(["a", "b", "a", "c", "d"])
    'a, b, c'
    """
    return ", ".join(list(dict.fromkeys(text(v) if not isinstance(v, str) else v
                                        for v in values))[:limit])
