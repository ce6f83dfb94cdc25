"""The registry of upload formats: which reader applies to a file, decided by its content.

Each format is a small reader module that declares a
:class:`~csvcore.io.readers.format.Format` (how it is recognised, the file
name endings it takes, how it reads); :data:`FORMATS` lists them in the order
they are tried, in the manner of pandas' ``ExcelFile._engines``. A new format
is one module and one line here; the upload widget takes its accepted endings
from :data:`UPLOAD_SUFFIXES`.

A file is recognised at the first layer that applies: a **zip** container
(XLSX, other zipped documents, an archive of data files), known **bytes**
(legacy Office, PDF, images, other archives), else **text** (decoded first:
GEXF, GraphML, HTML and other XML, Kumu JSON, UCINET DL, Pajek, and CSV/TSV as
the catch-all). The name never decides; a name that disagrees with the content
gets a warning.

>>> [f.name for f in FORMATS if f.layer == "text" and f.suffixes]
['gexf', 'graphml', 'kumu', 'dl', 'pajek', 'table']
>>> UPLOAD_SUFFIXES[:4]
('xlsx', 'xlsm', 'zip', 'gexf')
>>> detect(Probe("x.csv", b"", text="*Vertices 2\\n")).name
'pajek'
"""

from __future__ import annotations

import io
import zipfile

from ..contract.report import Report, UploadRejected
from ..contract.schema import LIMITS
from .readers import archive, delimited, dl, graphs, kumu, pajek, refused, xlsx
from .readers.decode import decode
from .readers.format import Format, Probe
from .readers.tables import MB, RawTable

__all__ = ["FORMATS", "UPLOAD_SUFFIXES", "read_file", "detect", "check_size"]

#: Every format, in the order it is tried within its layer.
FORMATS: tuple[Format, ...] = (
    xlsx.FORMAT,
    *refused.ZIPPED,
    archive.FORMAT,  # any other zip: an archive of data files
    *refused.BINARY,
    graphs.GEXF,
    graphs.GRAPHML,
    *refused.MARKUP,
    kumu.FORMAT,
    dl.FORMAT,
    pajek.FORMAT,
    delimited.FORMAT,  # any other text: a CSV/TSV table
)

#: The file name endings the upload widget accepts (without the dot), in registry order.
UPLOAD_SUFFIXES: tuple[str, ...] = tuple(dict.fromkeys(
    suffix.lstrip(".") for f in FORMATS for suffix in f.suffixes))

_KNOWN = frozenset(suffix for f in FORMATS for suffix in f.suffixes)
_WORKBOOK_SUFFIXES = frozenset(xlsx.FORMAT.suffixes)


def read_file(name: str, data: bytes, report: Report, nested: bool = False) -> list[RawTable]:
    """Return the raw tables of one file; raise UploadRejected when it cannot be used."""
    check_size(name, len(data))
    if not data.strip():
        raise UploadRejected("The file is empty.", file=name,
                             fix="Check that the right file was chosen and that it was saved.")
    probe = Probe(name, data)
    if probe.is_zip:
        probe.members = _member_names(probe)
    elif not _first("bytes", probe):
        _decode(probe, report)
    found = detect(probe)
    if found.suffixes:
        _check_suffix(probe, found, report)
    if found.members is None:
        return found.read(probe, report)
    if nested:
        raise UploadRejected("Archives inside archives are not read.", file=name,
                             fix="Put the CSV files directly in one zip archive.")
    return [table for member, content in found.members(probe)
            for table in _read_member(member, content, report)]


def detect(probe: Probe) -> Format:
    """Return the format of a probed file (its zip members or text already filled in)."""
    layer = "zip" if probe.is_zip else "bytes" if _first("bytes", probe) else "text"
    return _first(layer, probe)


def check_size(name: str, size: int) -> None:
    """Raise UploadRejected for a file larger than LIMITS['upload_mb']."""
    if size > LIMITS["upload_mb"] * MB:
        raise UploadRejected(f"The file is {size / MB:,.0f} MB; the limit is "
                             f"{LIMITS['upload_mb']} MB.", file=name,
                             fix="Remove columns or rows the dashboard does not need.")


def _first(layer: str, probe: Probe) -> Format | None:
    return next((f for f in FORMATS if f.layer == layer and f.sniff(probe)), None)


def _read_member(name: str, data: bytes, report: Report) -> list[RawTable]:
    """Read one file of an archive; its problems are errors about that member."""
    try:
        return read_file(name, data, report, nested=True)
    except UploadRejected as exc:
        report.findings.append(exc.finding)
        return []


def _member_names(probe: Probe) -> frozenset[str]:
    try:
        with zipfile.ZipFile(io.BytesIO(probe.data)) as container:
            return frozenset(container.namelist())
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        raise UploadRejected("This file is damaged: it starts like an Excel workbook or a zip "
                             "archive but cannot be opened.", file=probe.name,
                             fix=refused.SAVE_AS) from None


def _decode(probe: Probe, report: Report) -> None:
    """Fill in the probe's text; junk named like a workbook is reported as a damaged workbook."""
    try:
        probe.text, probe.encoding = decode(probe.data)
    except UploadRejected as exc:
        message = (f"This {probe.suffix} file is damaged or is not an Excel workbook."
                   if probe.suffix in _WORKBOOK_SUFFIXES else exc.finding.message)
        raise UploadRejected(message, file=probe.name, fix=exc.finding.fix) from None
    if probe.encoding in ("Windows-1252", "Latin-1"):
        report.warn(f"The file is not UTF-8; it was read as {probe.encoding} (Western "
                    "European).", file=probe.name,
                    fix="If accented letters look wrong, save the file as 'CSV UTF-8' and "
                        "upload it again.")


def _check_suffix(probe: Probe, found: Format, report: Report) -> None:
    if probe.suffix in _KNOWN and probe.suffix not in found.suffixes:
        report.warn(f"The file name ends in {probe.suffix} but the file holds {found.title}; "
                    "it was read as such.", file=probe.name,
                    fix="Rename the file so its extension matches its content.")
