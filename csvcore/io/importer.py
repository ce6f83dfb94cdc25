"""The importer: one upload (files read together) to a :class:`Dataset` and a :class:`Report`.

An upload is one XLSX workbook, one CSV per table, a zip of CSVs, or a network
file (GEXF, GraphML, Kumu JSON, UCINET DL, Pajek). The steps, each in its own
module of :mod:`csvcore.io.readers`:

1. The registry :mod:`~csvcore.io.formats` decides each file's format from its
   content and checks the limits (file size, number of files, unpacked size of
   archives before unpacking); :mod:`~csvcore.io.readers.decode` turns bytes into
   text.
2. :mod:`~csvcore.io.readers.tables` finds each table's header row and rows (or a
   network reader builds them).
3. :mod:`~csvcore.io.readers.manifest` applies what a workbook this dashboard exported says
   about reading it back (columns renamed, computed columns left out), then
   :mod:`~csvcore.io.readers.layouts` decides which contract table each table is.
4. :mod:`~csvcore.io.readers.repairs` repairs organizations and ties,
   :mod:`~csvcore.io.readers.periods` orders periods, and
   :mod:`~csvcore.io.readers.extras` reads challenges, scenarios and the assessment.

Every repair is a warning naming the rows; only what makes the upload unusable
is an error: a file that cannot be read, a limit passed, no table of ties, no
usable tie. Nothing is raised to the caller.

Security: cells are data, never code. Formulas are read as the results Excel
saved (never evaluated); text that starts with = + - @ (such as
'=HYPERLINK(...)') and HTML are kept as plain text, with control characters
removed. Whoever exports this text to CSV or Excel must neutralise such
leading characters (CSV injection); whoever shows it must escape it.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..contract.dataset import Dataset
from ..contract.report import Report, UploadRejected
from ..contract.schema import COLUMNS, LIMITS
from .formats import check_size, read_file
from .readers.extras import assessment, challenges, scenarios
from .readers.layouts import FILE, ROW, SHEET, Contract, looks_two_mode, to_contract
from .readers.manifest import apply_manifest
from .readers.repairs import organizations, ties, too_many
from .readers.tables import RawTable

__all__ = ["load_files", "load_paths", "read_upload", "read_upload_paths", "Upload",
           "read_tables", "build_dataset"]

_UNEXPECTED = "The upload could not be read because of an unexpected problem in the importer."
_SHOWN_TABLES = 8


@dataclass(frozen=True)
class Upload:
    """What reading an upload gave; ``tables`` counts the tables read (0: nothing was readable)."""

    dataset: Dataset | None
    report: Report
    tables: int


def load_files(files: Sequence[tuple[str, bytes]]) -> tuple[Dataset | None, Report]:
    """Read one upload (several files read together: one XLSX, or one CSV per table, or a zip
    of CSVs). Dataset is None iff report has errors."""
    upload = read_upload(files)
    return upload.dataset, upload.report


def load_paths(paths: Sequence[str | os.PathLike]) -> tuple[Dataset | None, Report]:
    """Read files from disk as one upload (see :func:`load_files`)."""
    upload = read_upload_paths(paths)
    return upload.dataset, upload.report


def read_upload(files: Sequence[tuple[str, bytes]], report: Report | None = None) -> Upload:
    """Read one upload; like :func:`load_files`, and also says how many tables were read."""
    report = report or Report()
    tables: list[RawTable] = []
    try:
        tables = read_tables(files, report)
        dataset = build_dataset(tables, _name(files), report) if tables else None
    except Exception:  # last resort: the caller never sees an exception
        report.error(_UNEXPECTED, file=_name(files),
                     fix="Save the data as .xlsx or CSV UTF-8 from your spreadsheet and try "
                         "again; if it persists, report the file to the maintainers.")
        dataset = None
    return Upload(dataset if report.ok else None, report, len(tables))


def read_upload_paths(paths: Sequence[str | os.PathLike]) -> Upload:
    """Read files from disk as one upload; a missing file is an error and nothing is read."""
    report, files = Report(), []
    for path in map(Path, paths):
        try:
            check_size(path.name, path.stat().st_size)
            files.append((path.name, path.read_bytes()))
        except UploadRejected as exc:
            report.findings.append(exc.finding)
        except OSError:
            report.error("The file was not found or cannot be opened.", file=str(path))
    return read_upload(files, report) if report.ok else Upload(None, report, 0)


def read_tables(files: Sequence[tuple[str, bytes]], report: Report) -> list[RawTable]:
    """Return the raw tables of every file; each unreadable file is an error finding."""
    if not files:
        report.error("No file was given.")
        return []
    if len(files) > LIMITS["files"]:
        report.error(f"{len(files)} files were given; the limit is {LIMITS['files']} per upload.",
                     fix="Upload the tables of one network: one workbook, or one CSV per table.")
        return []
    tables: list[RawTable] = []
    for name, data in files:
        try:
            tables += read_file(name, data, report)
        except UploadRejected as exc:
            report.findings.append(exc.finding)
        except Exception:
            report.error("This file could not be read: its content is not what its format "
                         "promises.", file=name,
                         fix="Open it in its program and save it again as .xlsx or CSV UTF-8.")
    return tables


def build_dataset(tables: list[RawTable], name: str, report: Report) -> Dataset | None:
    """Return the dataset held by raw tables, or None when there is no usable tie."""
    contract = to_contract(apply_manifest(tables, report), report)
    if "relationships" not in contract.frames:
        _no_table_of_ties(contract, report)
        return None
    orgs, roster = organizations(contract, report)
    if contract.frames["relationships"].empty:
        report.error("No ties: the table of ties has no rows.", **_where(contract),
                     fix="Add one row per tie, with its source and target.")
        return None
    links, periods, orgs = ties(contract, orgs, roster, report)
    if links.empty:
        report.error("No usable tie: every row of the table of ties was skipped (see the "
                     "warnings).", **_where(contract),
                     fix="Fill in a source and a target (two different organizations) per row.")
        return None
    if too_many(orgs, report, name):
        return None
    found_scenarios = scenarios(contract, report)
    names = [] if found_scenarios is None else list(found_scenarios["scenario"])
    extras = {"scenarios": found_scenarios,
              "challenges": challenges(contract, names, report),
              "assessment": assessment(contract, report)}
    return Dataset.from_frames(
        name=name, periods=periods, organizations=_public(orgs),
        relationships=links[[c for c in COLUMNS["relationships"] if c in links]],
        **{table: _public(frame) for table, frame in extras.items() if frame is not None})


def _no_table_of_ties(contract: Contract, report: Report) -> None:
    seen = [f"{t.label} (headers: {', '.join(h for h in t.headers if h)[:200] or 'none'})"
            for t in contract.seen[:_SHOWN_TABLES]]
    more = len(contract.seen) - _SHOWN_TABLES
    looked = "; ".join(seen) + (f"; and {more} more" if more > 0 else "")
    found = "Organizations were found, but no" if "organizations" in contract.frames else "No"
    two_mode = any(map(looks_two_mode, contract.seen))
    report.error(f"{found} table of ties was found. Looked at: {looked or 'nothing readable'}.",
                 file=", ".join(dict.fromkeys(t.file for t in contract.seen)),
                 fix=("It looks like a table of organizations by projects or events marked "
                      "0/1; the dashboard needs ties between organizations. " if two_mode else "")
                 + "Add a table (a sheet or a CSV file) with one row per tie and the columns "
                   "'source' and 'target' (also understood: From/To, Source/Target, Vertex 1/"
                   "Vertex 2), or an adjacency matrix with the same names across and down.")


def _where(contract: Contract) -> dict:
    """Return the file and sheet of the (first) table of ties."""
    return contract.tables["relationships"][0].where


def _public(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.drop(columns=[c for c in (FILE, SHEET, ROW) if c in frame])


def _name(files) -> str:
    return ", ".join(Path(str(name)).name for name, _ in files)
