"""Write a Dataset back to a workbook in the spreadsheet contract, so teams keep iterating.

One sheet per table (organizations, relationships, challenges with one score
column per scenario, scenarios, assessment), canonical headers, the user's
extra columns kept. Loading the file again gives the same tables.

Text is always written as text: a cell such as ``=HYPERLINK(...)`` or
``+1-2`` stays a string and never becomes a formula (CSV/formula injection).

>>> import io, openpyxl
>>> ds = Dataset.from_frames(organizations=pd.DataFrame({"id": ["=1+1"], "name": ["@x"]}))
>>> cell = openpyxl.load_workbook(io.BytesIO(export_xlsx(ds)))["organizations"]["A2"]
>>> cell.value, cell.data_type
('=1+1', 's')
"""

from __future__ import annotations

import datetime as dt
import io
import re

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from ...contract.dataset import Dataset
from ...contract.schema import TABLES

__all__ = ["export_xlsx", "frames_xlsx", "frame_csv", "XLSX_MIME"]

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_WHOLE = re.compile(r"-?\d{1,15}")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def export_xlsx(ds: Dataset) -> bytes:
    """Return the dataset as XLSX bytes, one sheet per table, text never as formulas."""
    return frames_xlsx({table: getattr(ds, table) for table in TABLES})


def frames_xlsx(sheets: dict[str, pd.DataFrame]) -> bytes:
    """Return XLSX bytes with one sheet per frame (sheet name -> frame), text never as formulas.

    Numbers stay numbers; a ``period`` column is written as the period was: a
    whole number (a year) as a number, a date as a date, anything else as text.
    """
    wb = Workbook(write_only=True)
    for table, frame in sheets.items():
        ws = wb.create_sheet(table)
        ws.append([_cell(ws, c) for c in frame.columns])
        makers = [_period_cell if c == "period" else _cell for c in frame.columns]
        for row in frame.itertuples(index=False, name=None):
            ws.append([make(ws, v) for make, v in zip(makers, row)])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _period_cell(ws, label) -> WriteOnlyCell:
    """Return a period's cell: '2019' as the number 2019, '2019-06-30' as a date, else text.

    >>> wb = Workbook(write_only=True); ws = wb.create_sheet()
    >>> [(c.value, c.data_type) for c in map(lambda v: _period_cell(ws, v), ["2019", "007", "Q1"])]
    [(2019, 'n'), ('007', 's'), ('Q1', 's')]
    >>> _period_cell(ws, "2019-06-30").value
    datetime.date(2019, 6, 30)
    """
    if isinstance(label, str) and _WHOLE.fullmatch(label) and str(int(label)) == label:
        return WriteOnlyCell(ws, int(label))
    if isinstance(label, str) and _ISO_DATE.fullmatch(label):
        try:
            cell = WriteOnlyCell(ws, dt.date.fromisoformat(label))
        except ValueError:
            return _cell(ws, label)
        cell.number_format = "yyyy-mm-dd"
        return cell
    return _cell(ws, label)


def _cell(ws, value) -> WriteOnlyCell:
    """Return a cell holding ``value``: blank for NaN or '', text never a formula."""
    if value is None or value == "" or (isinstance(value, float) and value != value):
        return WriteOnlyCell(ws, None)
    if hasattr(value, "item"):  # numpy scalar
        value = value.item()
    if isinstance(value, str):
        cell = WriteOnlyCell(ws, ILLEGAL_CHARACTERS_RE.sub("", value))
        cell.data_type = "s"
        return cell
    return WriteOnlyCell(ws, value)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def frame_csv(frame: pd.DataFrame) -> bytes:
    """Return ``frame`` as UTF-8 CSV (with BOM, for Excel), safe to open in a spreadsheet.

    A text cell that a spreadsheet would run as a formula gets a leading
    apostrophe (OWASP's advice on CSV injection), header cells included;
    numbers are untouched.

    >>> frame_csv(pd.DataFrame({"name": ["=HYPERLINK(1)", "Acme"], "@n": [-1, 2]}))
    b"\\xef\\xbb\\xbfname,'@n\\n'=HYPERLINK(1),-1\\nAcme,2\\n"
    """
    safe = frame.copy()
    for i, dtype in enumerate(frame.dtypes):
        if dtype == object:
            safe.isetitem(i, frame.iloc[:, i].map(_inert))
    safe.columns = [_inert(column) for column in frame.columns]
    return safe.to_csv(index=False, lineterminator="\n").encode("utf-8-sig")


def _inert(value):
    return "'" + value if isinstance(value, str) and value.startswith(_FORMULA_START) else value
