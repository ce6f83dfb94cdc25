"""Which reader applies to a file: decided from its content, not its name.

Zip content is an XLSX workbook or an archive of data files; known binary
formats (legacy .xls, PDF, images, other archives, OpenDocument) are refused
with a message saying what they are and how to export CSV/XLSX. Text is GEXF,
GraphML, Kumu JSON, UCINET DL, Pajek, or else a CSV/TSV table.

>>> kind_of_text("*Vertices 3\\n1 a\\n"), kind_of_text("% c\\nDL n=2\\n"), kind_of_text("a,b\\n")
('pajek', 'dl', 'table')
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import PurePosixPath

from ...contract.report import Report, UploadRejected
from ...contract.schema import LIMITS
from .decode import decode
from .dl import dl_tables
from .graphs import graph_tables
from .kumu import is_kumu, kumu_tables
from .pajek import pajek_tables
from .tables import MB, RawTable, table_from_text, xlsx_tables, zip_members

__all__ = ["read_file", "kind_of_text", "check_size"]

_SAVE_AS = "Open it in its program and save or export it as .xlsx or .csv (UTF-8)."
_BINARY = {
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1": "an Excel 97-2003 workbook (.xls) or another old "
                                         "Office document",
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x1f\x8b": "a gzip archive",
    b"7z\xbc\xaf\x27\x1c": "a 7-Zip archive",
    b"Rar!": "a RAR archive",
    b"BZh": "a bzip2 archive",
    b"SQLite format 3\x00": "an SQLite database",
}
_ZIPPED = {
    "word/document.xml": "a Word document",
    "ppt/presentation.xml": "a PowerPoint presentation",
    "Index/Document.iwa": "an Apple Numbers document",
    "content.xml": "an OpenDocument file (.ods/.odt)",
}
_XML = {
    "<gexf": "gexf",
    "<graphml": "graphml",
    "<html": "html",
    "<!doctype html": "html",
    "<table": "html",
    "urn:schemas-microsoft-com:office:spreadsheet": "excel-xml",
}
_TEXT_NAMES = {
    "html": "a web page (HTML)",
    "excel-xml": "an Excel 2003 XML spreadsheet",
    "xml": "an XML file that is neither GEXF nor GraphML",
    "json": "a JSON file that is not a Kumu export (it has no 'elements')",
}
_EXPECTED_SUFFIXES = {
    "xlsx": {".xlsx", ".xlsm"},
    "zip": {".zip"},
    "table": {".csv", ".tsv", ".txt", ".tab"},
    "gexf": {".gexf"},
    "graphml": {".graphml", ".xml"},
    "json": {".json"},
    "dl": {".dl", ".dat", ".txt"},
    "pajek": {".net", ".paj"},
}
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_DL = re.compile(r"dl\b", re.I)
_PAJEK = ("*network", "*vertices", "*arcs", "*edges", "*matrix")


def read_file(name: str, data: bytes, report: Report, nested: bool = False) -> list[RawTable]:
    """Return the raw tables of one file; raise UploadRejected when it cannot be used."""
    check_size(name, len(data))
    if not data.strip():
        raise UploadRejected("The file is empty.", file=name,
                             fix="Check that the right file was chosen and that it was saved.")
    suffix = PurePosixPath(name.lower()).suffix
    if data.startswith(_ZIP_MAGIC):
        kind = _zip_kind(name, data)
        _check_suffix(name, suffix, kind, report)
        if kind == "xlsx":
            return xlsx_tables(name, data, report)
        if nested:
            raise UploadRejected("Archives inside archives are not read.", file=name,
                                 fix="Put the CSV files directly in one zip archive.")
        return [t for member, content in zip_members(name, data)
                for t in _read_member(member, content, report)]
    _refuse_binary(name, data)
    text, encoding = _decode(name, suffix, data)
    if encoding in ("Windows-1252", "Latin-1"):
        report.warn(f"The file is not UTF-8; it was read as {encoding} (Western European).",
                    file=name, fix="If accented letters look wrong, save the file as "
                                   "'CSV UTF-8' and upload it again.")
    kind = kind_of_text(text)
    _check_suffix(name, suffix, kind, report)
    return _read_text(name, data, text, kind, report)


def check_size(name: str, size: int) -> None:
    """Raise UploadRejected for a file larger than LIMITS['upload_mb']."""
    if size > LIMITS["upload_mb"] * MB:
        raise UploadRejected(f"The file is {size / MB:,.0f} MB; the limit is "
                             f"{LIMITS['upload_mb']} MB.", file=name,
                             fix="Remove columns or rows the dashboard does not need.")


def kind_of_text(text: str) -> str:
    """Return the format of a text file: gexf, graphml, json, dl, pajek, html, xml or table."""
    head = text.lstrip("\ufeff \t\r\n")[:4096]
    low = head.lower()
    if head.startswith("<"):
        return next((kind for tag, kind in _XML.items() if tag in low), "xml")
    if head.startswith("{"):
        return "json"
    first = next((line.strip().lower() for line in head.splitlines()
                  if line.strip() and not line.lstrip().startswith("%")), "")
    if _DL.match(first):
        return "dl"
    if first.startswith(_PAJEK):
        return "pajek"
    return "table"


def _read_text(name: str, data: bytes, text: str, kind: str, report: Report) -> list[RawTable]:
    if kind in ("gexf", "graphml"):
        return graph_tables(name, data, kind, report)
    if kind == "dl":
        return dl_tables(name, text, report)
    if kind == "pajek":
        return pajek_tables(name, text, report)
    if kind == "json":
        doc = _json(name, text)
        if is_kumu(doc):
            return kumu_tables(name, doc, report)
    if kind != "table":
        raise UploadRejected(f"This file is {_TEXT_NAMES[kind]}, not a table of organizations "
                             "and ties.", file=name, fix=_SAVE_AS)
    table = table_from_text(name, text, report)
    if table is None:
        raise UploadRejected("The file holds no data (only blank lines).", file=name)
    return [table]


def _read_member(name: str, data: bytes, report: Report) -> list[RawTable]:
    """Read one file of an archive; its problems are errors about that member."""
    try:
        return read_file(name, data, report, nested=True)
    except UploadRejected as exc:
        report.findings.append(exc.finding)
        return []


def _zip_kind(name: str, data: bytes) -> str:
    """Return 'xlsx' or 'zip', or refuse other zipped documents."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        raise UploadRejected("This file is damaged: it starts like an Excel workbook or a zip "
                             "archive but cannot be opened.", file=name, fix=_SAVE_AS) from None
    if "xl/workbook.xml" in names:
        return "xlsx"
    what = next((what for member, what in _ZIPPED.items() if member in names), None)
    if what:
        raise UploadRejected(f"This file is {what}, not a spreadsheet the dashboard reads.",
                             file=name, fix=_SAVE_AS)
    return "zip"


def _refuse_binary(name: str, data: bytes) -> None:
    what = next((what for magic, what in _BINARY.items() if data.startswith(magic)), None)
    if what:
        raise UploadRejected(f"This file is {what}, not a spreadsheet the dashboard reads.",
                             file=name, fix=_SAVE_AS)


def _decode(name: str, suffix: str, data: bytes) -> tuple[str, str]:
    """Decode text; junk named like a workbook is reported as a damaged workbook."""
    try:
        return decode(data)
    except UploadRejected as exc:
        damaged = suffix in _EXPECTED_SUFFIXES["xlsx"]
        message = (f"This {suffix} file is damaged or is not an Excel workbook." if damaged
                   else exc.finding.message)
        raise UploadRejected(message, file=name, fix=exc.finding.fix) from None


def _check_suffix(name: str, suffix: str, kind: str, report: Report) -> None:
    known = set().union(*_EXPECTED_SUFFIXES.values())
    if suffix in known and suffix not in _EXPECTED_SUFFIXES.get(kind, ()):
        shown = {"table": "CSV text", "xlsx": "an Excel workbook", "zip": "a zip archive"}
        report.warn(f"The file name ends in {suffix} but the file holds "
                    f"{shown.get(kind, kind.upper() + ' data')}; it was read as such.",
                    file=name, fix="Rename the file so its extension matches its content.")


def _json(name: str, text: str):
    try:
        return json.loads(text)
    except ValueError:
        raise UploadRejected("This JSON file is damaged (it cannot be parsed).", file=name,
                             fix=_SAVE_AS) from None
