"""Formats that are recognised in order to be refused with a message saying what they are.

Old binary Office files, PDF, images, other archives, Office documents that
are not workbooks, web pages and XML or JSON of unknown kinds: the message
names what the file is and says how to save it as XLSX or CSV.
"""

from __future__ import annotations

from ...contract.report import UploadRejected
from .format import Format, Probe

__all__ = ["ZIPPED", "BINARY", "MARKUP", "SAVE_AS", "refuse"]

SAVE_AS = "Open it in its program and save or export it as .xlsx or .csv (UTF-8)."
_NOT_READ = "not a spreadsheet the dashboard reads"
_NOT_TABLE = "not a table of organizations and ties"


def refuse(title: str, why: str = _NOT_READ, fix: str = SAVE_AS):
    """Return a reader that refuses the file: 'This file is <title>, <why>.'"""
    def read(probe: Probe, report) -> list:
        raise UploadRejected(f"This file is {title}, {why}.", file=probe.name, fix=fix)
    return read


def _member(name: str):
    return lambda probe: name in probe.members


def _magic(prefix: bytes):
    return lambda probe: probe.data.startswith(prefix)


def _markup(*tags: str):
    return lambda probe: probe.head.startswith("<") and any(t in probe.head.lower() for t in tags)


def _refused(name: str, title: str, layer: str, sniff, why: str = _NOT_READ) -> Format:
    return Format(name, title, layer, sniff=sniff, read=refuse(title, why))


ZIPPED = tuple(_refused(name, title, "zip", _member(member)) for name, title, member in (
    ("docx", "a Word document", "word/document.xml"),
    ("pptx", "a PowerPoint presentation", "ppt/presentation.xml"),
    ("numbers", "an Apple Numbers document", "Index/Document.iwa"),
    ("opendocument", "an OpenDocument file (.ods/.odt)", "content.xml"),
))

BINARY = tuple(_refused(name, title, "bytes", _magic(magic)) for name, title, magic in (
    ("ole2", "an Excel 97-2003 workbook (.xls) or another old Office document",
     b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"),
    ("pdf", "a PDF document", b"%PDF"),
    ("png", "a PNG image", b"\x89PNG"),
    ("jpeg", "a JPEG image", b"\xff\xd8\xff"),
    ("gif", "a GIF image", b"GIF8"),
    ("gzip", "a gzip archive", b"\x1f\x8b"),
    ("7z", "a 7-Zip archive", b"7z\xbc\xaf\x27\x1c"),
    ("rar", "a RAR archive", b"Rar!"),
    ("bzip2", "a bzip2 archive", b"BZh"),
    ("sqlite", "an SQLite database", b"SQLite format 3\x00"),
))

MARKUP = tuple(_refused(name, title, "text", sniff, _NOT_TABLE) for name, title, sniff in (
    ("html", "a web page (HTML)", _markup("<html", "<!doctype html", "<table")),
    ("excel-xml", "an Excel 2003 XML spreadsheet",
     _markup("urn:schemas-microsoft-com:office:spreadsheet")),
    ("xml", "an XML file that is neither GEXF nor GraphML", _markup("")),
))
