"""Workbooks that say how to read them back: a sheet listing each column and what it holds.

Files this dashboard writes for other tools (the Kumu workbook) carry one
sheet with the headers ``Sheet, Column, Holds, Read as``: one row per column of
the other sheets. *Read as* names the contract column (or the organization
attribute) the column is read into; a blank *Read as* marks a column the
dashboard computed (a measure, a summary), which is not read back: it is
computed again from the ties. So a workbook exported, edited and uploaded
again gives the same data, and stale scores never become attributes.

Only the tables of the workbook that holds the list are touched, and only the
columns it names; the list itself is not a table of data.

>>> from csvcore.contract.report import Report
>>> from csvcore.io.readers.tables import RawTable
>>> about = RawTable("k.xlsx", "About", list(HEADERS), [["Elements", "ID", "the id", "id"],
...     ["Elements", "Influence (2024)", "a measure", ""]])
>>> elements = RawTable("k.xlsx", "Elements", ["ID", "Influence (2024)"], [["a", 0.5]])
>>> report = Report()
>>> [(t.sheet, t.headers, t.rows) for t in apply_manifest([about, elements], report)]
[('Elements', ['id'], [['a']])]
>>> print(report.warnings[0].message)
1 column computed by Shared Value Navigator was not read (computed again from the ties): 'Influence (2024)'.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...contract.report import Report
from ...contract.schema import normalize_header

if TYPE_CHECKING:  # tables.py asks is_manifest_header where its header row is
    from .tables import RawTable

__all__ = ["HEADERS", "apply_manifest", "is_manifest", "is_manifest_header"]

#: The headers of the sheet that says how to read the other sheets.
HEADERS = ("Sheet", "Column", "Holds", "Read as")
_KEYS = tuple(normalize_header(h) for h in HEADERS)
_SHOWN = 6


def is_manifest_header(row: list) -> bool:
    """True for a row of cells that is exactly :data:`HEADERS` (any case or spacing)."""
    return tuple(normalize_header(h) for h in row) == _KEYS


def is_manifest(table: RawTable) -> bool:
    """True for the table that says how to read the other tables of its file."""
    return is_manifest_header(table.headers)


def apply_manifest(tables: list[RawTable], report: Report) -> list[RawTable]:
    """Return the tables with the columns each file's list names renamed or left out."""
    rules: dict[tuple[str, str, str], str] = {}
    for table in filter(is_manifest, tables):
        for sheet, column, _, read_as in ((row + [""] * 4)[:4] for row in table.rows):
            rules[(table.file, str(sheet or ""), str(column or ""))] = str(read_as or "").strip()
    if not rules:
        return tables
    kept, dropped, files = [], [], []
    for table in tables:
        if is_manifest(table):
            continue
        keep = [i for i, h in enumerate(table.headers)
                if rules.get((table.file, table.sheet, h), h) != ""]
        gone = [h for i, h in enumerate(table.headers) if i not in keep]
        dropped += gone
        files += [table.file] * bool(gone)
        table.headers = [rules.get((table.file, table.sheet, table.headers[i]),
                                   table.headers[i]) for i in keep]
        table.rows = [[row[i] for i in keep] for row in table.rows]
        kept.append(table)
    if dropped:
        shown = ", ".join(f"'{h}'" for h in dropped[:_SHOWN])
        more = f" and {len(dropped) - _SHOWN} more" if len(dropped) > _SHOWN else ""
        plural = "s" if len(dropped) > 1 else ""
        report.warn(f"{len(dropped)} column{plural} computed by Shared Value Navigator "
                    f"{'were' if plural else 'was'} not read (computed again from the ties): "
                    f"{shown}{more}.", file=", ".join(dict.fromkeys(files)))
    return kept
