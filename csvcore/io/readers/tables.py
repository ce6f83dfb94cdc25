"""Raw tables, before any meaning is given to them: a header row and numbered data rows.

A :class:`RawTable` is a header row plus data rows, each row with the number the
user sees in their spreadsheet. Every reader (CSV text, XLSX, the network
formats) builds its tables here, so that reading one always:

- skips blank rows and columns (a table may start at B3) and a title block above
  the header (the header is the row with the most known headers, else the first
  row about as wide as the table);
- drops total rows at the bottom ('Total' in the first cell) with a warning;
- strips control characters and cuts cells longer than ``LIMITS['cell_chars']``;
- rejects tables over ``LIMITS['columns']`` or ``LIMITS['rows']`` as soon as the
  first offending row is read.

>>> grid = [["My network"], [], ["From", "To", "Weight"], ["A", "B", "2,5"], ["Total", "", "2,5"]]
>>> t = table_from_grid("t.csv", "", grid, Report())
>>> t.headers, t.rows, t.numbers
(['From', 'To', 'Weight'], [['A', 'B', '2,5']], [4])
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ...contract.report import Report, UploadRejected
from ...contract.schema import LIMITS, normalize_header
from .cells import clean_text, id_text, is_blank
from .headers import is_known
from .manifest import is_manifest_header

__all__ = ["RawTable", "table_from_grid", "table_from_records", "MB"]

MB = 1024 * 1024
_HEADER_SCAN = 30
_RAW_ROW_CAP = 5 * LIMITS["rows"]
_TOTALS = {"total", "totals", "grand_total", "sum", "summe", "gesamt", "totaal", "totale"}


@dataclass
class RawTable:
    """A header row and data rows as read, with the spreadsheet row number of each row."""

    file: str
    sheet: str = ""
    headers: list[str] = field(default_factory=list)
    rows: list[list] = field(default_factory=list)
    numbers: list[int] = field(default_factory=list)
    header_row: int = 0  # where the headers stand; 0 when a reader made them up
    role: str | None = None  # the contract table, when the reader knows it

    @property
    def where(self) -> dict:
        """The file and sheet, as keyword arguments for a finding."""
        return {"file": self.file, "sheet": self.sheet}

    @property
    def label(self) -> str:
        """Where the table is, as a person reads it."""
        return f"{self.file}, sheet '{self.sheet}'" if self.sheet else self.file

    def column(self, index: int) -> list:
        """Return the cells of one column."""
        return [row[index] for row in self.rows]


def table_from_grid(file: str, sheet: str, grid: Iterable, report: Report) -> RawTable | None:
    """Return the table in a grid of cells (rows in sheet order), or None when it is blank."""
    rows, numbers = [], []
    for number, row in _within_limits(grid, file, sheet):
        if row:
            rows.append([clean_text(cell) for cell in row])
            numbers.append(number)
    if not rows:
        return None
    start = _header_index(rows)
    if start:
        report.warn("Rows above the header row were skipped (a title or notes).", file=file,
                    sheet=sheet, rows=numbers[:start], value=_first_text(rows[0]))
    rows, numbers = _drop_totals(rows[start:], numbers[start:], file, sheet, report)
    rows = _without_empty_columns(rows)
    headers = [id_text(cell) for cell in rows[0]]
    table = RawTable(file, sheet, headers, rows[1:], numbers[1:], header_row=numbers[0])
    _cut_long_cells(table, report)
    return table


def table_from_records(file: str, records: list[dict], report: Report, role: str,
                       numbers: list[int] | None = None, sheet: str = "") -> RawTable:
    """Return a table from dicts (network formats); keys become headers in order of appearance."""
    keys = list(dict.fromkeys(key for record in records for key in record))
    rows = [[clean_text(record.get(key)) for key in keys] for record in records]
    table = RawTable(file, sheet, [id_text(key) for key in keys], rows,
                     numbers or [0] * len(rows), role=role)
    _cut_long_cells(table, report)
    return table


def _within_limits(grid: Iterable, file: str, sheet: str):
    """Yield (row number, row without trailing blanks), raising as soon as a limit is passed."""
    filled = 0
    for number, row in enumerate(grid, start=1):
        row = list(row)
        while row and is_blank(row[-1]):
            row.pop()
        if len(row) > LIMITS["columns"]:
            raise UploadRejected(
                f"This table has {len(row):,} columns; the limit is {LIMITS['columns']}.",
                file=file, sheet=sheet, rows=number,
                fix="Keep only the columns the dashboard needs (one row per organization or "
                    "per tie), or transpose a wide table.")
        filled += bool(row)
        if filled > LIMITS["rows"] + 1 or number > _RAW_ROW_CAP:
            raise UploadRejected(
                f"This table has more than {LIMITS['rows']:,} rows, the limit.", file=file,
                sheet=sheet, fix="Split the data, or keep only the periods you need.")
        yield number, row


def _header_index(rows: list[list]) -> int:
    """Return the index of the header row among the first rows.

    A first row that is the list of how to read an exported workbook
    (:mod:`.manifest`); else the row with the most known headers (at least two),
    else the first row of two or more cells that is at least half as wide as the
    rows below it.
    """
    if is_manifest_header(rows[0]):  # whose cells name headers of other sheets
        return 0
    scan = rows[:_HEADER_SCAN]
    known = [sum(isinstance(c, str) and is_known(c) for c in row) for row in scan]
    if max(known) >= 2:
        return known.index(max(known))
    widths = [sum(not is_blank(c) for c in row) for row in rows[:_HEADER_SCAN + 20]]
    for i, width in enumerate(widths[:_HEADER_SCAN]):
        below = sorted(widths[i + 1:i + 21])
        if width >= 2 and (not below or width >= below[len(below) // 2] / 2):
            return i
    return 0


def _drop_totals(rows, numbers, file, sheet, report):
    """Drop rows at the bottom whose first cell says 'Total'."""
    end = len(rows)
    while end > 1 and normalize_header(_first_text(rows[end - 1])) in _TOTALS:
        end -= 1
    if end < len(rows):
        report.warn("Total rows at the bottom of the table were skipped.", file=file,
                    sheet=sheet, rows=numbers[end:], value=_first_text(rows[end]))
    return rows[:end], numbers[:end]


def _without_empty_columns(rows: list[list]) -> list[list]:
    """Return rows padded to one width, without columns that are blank throughout."""
    width = max(len(row) for row in rows)
    padded = [row + [None] * (width - len(row)) for row in rows]
    keep = [i for i in range(width) if any(not is_blank(row[i]) for row in padded)]
    return [[row[i] for i in keep] for row in padded]


def _cut_long_cells(table: RawTable, report: Report) -> None:
    limit = LIMITS["cell_chars"]
    cut: dict[int, list[int]] = {}
    for row, number in zip(table.rows, table.numbers):
        for i, cell in enumerate(row):
            if isinstance(cell, str) and len(cell) > limit:
                row[i] = cell[:limit]
                cut.setdefault(i, []).append(number)
    for i, numbers in cut.items():
        report.warn(f"Cells longer than {limit:,} characters were cut to that length.",
                    rows=[n for n in numbers if n], column=table.headers[i], **table.where)


def _first_text(row: list) -> str:
    return next((id_text(c) for c in row if not is_blank(c)), "")
