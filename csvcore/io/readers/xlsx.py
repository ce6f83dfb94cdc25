"""Excel workbooks (.xlsx, .xlsm): one raw table per non-empty worksheet.

Formulas are read as the results Excel saved, never evaluated. The unpacked
size the workbook's parts declare is checked before any part is read.
"""

from __future__ import annotations

import io
import warnings
import zipfile

import openpyxl

from ...contract.report import Report, UploadRejected
from .archive import check_unpacked_size
from .format import Format
from .tables import RawTable, table_from_grid

__all__ = ["xlsx_tables", "FORMAT"]


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


FORMAT = Format("xlsx", "an Excel workbook", "zip",
                sniff=lambda probe: "xl/workbook.xml" in probe.members,
                suffixes=(".xlsx", ".xlsm"),
                read=lambda probe, report: xlsx_tables(probe.name, probe.data, report))
