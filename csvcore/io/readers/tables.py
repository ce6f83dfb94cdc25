"""Raw tables from CSV, TSV, XLSX and zip archives, before any meaning is given to them.

A :class:`RawTable` is a header row plus data rows, each row with the number the
user sees in their spreadsheet. Reading one:

- skips blank rows and columns (a table may start at B3) and a title block above
  the header (the header is the row with the most known headers, else the first
  row about as wide as the table);
- drops total rows at the bottom ('Total' in the first cell) with a warning;
- strips control characters and cuts cells longer than ``LIMITS['cell_chars']``;
- rejects tables over ``LIMITS['columns']`` or ``LIMITS['rows']`` as soon as the
  first offending row is read, and archives whose members would unpack to more
  than ``LIMITS['unzipped_mb']`` before anything is unpacked.

>>> text = "My network\\n\\nFrom;To;Weight\\nA;B;2,5\\nTotal;;2,5\\n"
>>> t = table_from_text("t.csv", text, Report())
>>> t.headers, t.rows, t.numbers
(['From', 'To', 'Weight'], [['A', 'B', '2,5']], [4])
"""

from __future__ import annotations

import csv
import io
import warnings
import zipfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import openpyxl

from ...contract.report import Report, UploadRejected
from ...contract.schema import LIMITS, normalize_header
from .cells import clean_text, id_text, is_blank
from .headers import is_known

__all__ = ["RawTable", "table_from_grid", "table_from_records", "table_from_text",
           "xlsx_tables", "zip_members", "check_unpacked_size", "MB"]

MB = 1024 * 1024
_HEADER_SCAN = 30
_RAW_ROW_CAP = 5 * LIMITS["rows"]
_TOTALS = {"total", "totals", "grand_total", "sum", "summe", "gesamt", "totaal", "totale"}
_DELIMITERS = ("\t", ";", ",", "|")


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


def table_from_text(file: str, text: str, report: Report) -> RawTable | None:
    """Return the table in CSV/TSV text (delimiter sniffed), or None when it is blank."""
    text = text.replace("\x00", "")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    try:
        return table_from_grid(file, "", reader, report)
    except csv.Error:
        raise UploadRejected(
            f"The text could not be read as a table near line {reader.line_num}: a quote "
            "is not closed or a cell is extremely long.", file=file,
            fix="Open the file in a spreadsheet and save it again as CSV UTF-8.") from None


def sniff_delimiter(text: str) -> str:
    """Return the delimiter that splits the first lines most consistently.

    >>> sniff_delimiter("a;b;c\\n1,5;2;3\\n"), sniff_delimiter("a\\tb\\n"), sniff_delimiter("x\\n")
    (';', '\\t', ',')
    """
    lines = [line for line in text[:65536].splitlines()[:50] if line.strip()]
    best, best_score = ",", (0.0, 1)
    for delimiter in _DELIMITERS:
        widths = [len(row) for row in csv.reader(lines, delimiter=delimiter)]
        width, count = Counter(widths).most_common(1)[0] if widths else (1, 0)
        score = (round(count / len(widths), 1) if widths else 0.0, width)
        if width > 1 and score > best_score:
            best, best_score = delimiter, score
    return best


def xlsx_tables(file: str, data: bytes, report: Report) -> list[RawTable]:
    """Return one table per non-empty worksheet, reading formulas' saved results."""
    with warnings.catch_warnings():  # openpyxl warns about extensions it drops
        warnings.simplefilter("ignore")
        book = _open_workbook(file, data)
        try:
            tables = []
            for sheet in book.worksheets:
                sheet.reset_dimensions()  # trust the cells, not a stored (possibly huge) size
                rows = sheet.iter_rows(values_only=True)
                table = table_from_grid(file, sheet.title, rows, report)
                if table is not None:
                    tables.append(table)
            return tables
        finally:
            book.close()


def _open_workbook(file: str, data: bytes):
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_unpacked_size(file, archive)
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except UploadRejected:
        raise
    except Exception:
        raise UploadRejected(
            "This Excel file is damaged or is not a real .xlsx workbook.", file=file,
            fix="Open it in Excel (or LibreOffice) and save it again as .xlsx.") from None


def zip_members(file: str, data: bytes) -> list[tuple[str, bytes]]:
    """Return (name, bytes) of each data file in a zip archive, checked before unpacking."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_unpacked_size(file, archive)
            members = [m for m in archive.infolist() if not m.is_dir() and not _hidden(m)]
            if len(members) > LIMITS["files"]:
                raise UploadRejected(
                    f"The zip archive holds {len(members)} files; the limit is "
                    f"{LIMITS['files']}.", file=file,
                    fix="Put only the tables of one network in the archive.")
            return [(f"{file}/{m.filename}", archive.read(m)) for m in members]
    except UploadRejected:
        raise
    except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError, EOFError):
        raise UploadRejected(
            "The zip archive is damaged, encrypted or uses an unsupported compression.",
            file=file, fix="Create the archive again without a password, or upload the "
            "CSV files themselves.") from None


def check_unpacked_size(file: str, archive: zipfile.ZipFile) -> None:
    """Raise UploadRejected when the members would unpack beyond LIMITS['unzipped_mb'].

    The sizes are those the archive declares; the zip reader never unpacks more
    than a member declares, so nothing larger can come out.
    """
    total = sum(member.file_size for member in archive.infolist())
    if total > LIMITS["unzipped_mb"] * MB:
        raise UploadRejected(
            f"The file would unpack to {total / MB:,.0f} MB; the limit is "
            f"{LIMITS['unzipped_mb']} MB (protection against zip bombs).", file=file,
            fix="Upload a smaller file, or only the sheets the dashboard needs.")


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

    The row with the most known headers (at least two), else the first row of
    two or more cells that is at least half as wide as the rows below it.
    """
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


def _hidden(member: zipfile.ZipInfo) -> bool:
    name = member.filename.replace("\\", "/")
    return name.startswith("__MACOSX/") or name.rsplit("/", 1)[-1].startswith(".")
