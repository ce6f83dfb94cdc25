"""The data in use: the sample, an upload, a workspace version; and the template download.

The session's dataset (``app_dataset``) and the report of the last load
(``app_report``) are written here and in :func:`ui.workspace.use_version` only.
A failed upload never replaces the data in use; its report is kept so the home
page can say what to fix.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from csvcore.contract.dataset import Dataset
from csvcore.contract.report import Report
from csvcore.contract.schema import LIMITS
from csvcore.io.export.workbook import XLSX_MIME
from csvcore.io.formats import UPLOAD_SUFFIXES
from csvcore.io.importer import load_files, load_paths
from ui import state

__all__ = ["SAMPLE", "UPLOAD_TYPES", "LIMITS_TEXT", "dataset", "report", "ensure_data",
           "use_sample", "use", "load_upload", "template_button", "can_edit"]

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample.xlsx"
#: The endings the uploader accepts: every format of the importer's registry.
UPLOAD_TYPES = list(UPLOAD_SUFFIXES)
LIMITS_TEXT = (
    f"Up to {LIMITS['files']} files of {LIMITS['upload_mb']} MB each, "
    f"{LIMITS['rows']:,} rows and {LIMITS['columns']} columns per table, "
    f"{LIMITS['organizations']:,} organizations."
)
TEMPLATES = {
    "xlsx": ("template.xlsx", "shared-value-template.xlsx", XLSX_MIME, "Template (XLSX)"),
    "zip": ("template_csv.zip", "shared-value-template-csv.zip", "application/zip",
            "Template (CSV files, zipped)"),
}


@st.cache_resource(show_spinner=False)
def _sample() -> tuple[Dataset, Report]:
    """Return the bundled sample (the same for everyone, so a shared resource)."""
    return load_paths([SAMPLE])


def dataset() -> Dataset:
    """The dataset in use in this session."""
    return state.get("app_dataset")


def report() -> Report:
    """The report of the last load attempt."""
    return state.get("app_report") or Report()


def use(ds: Dataset, load_report: Report | None = None) -> None:
    """Make ``ds`` the session's data on every page."""
    state.set("app_dataset", ds)
    state.set("app_report", load_report or Report())


def ensure_data() -> None:
    """Load the sample into this session if nothing is loaded yet."""
    if not state.has("app_dataset"):
        use_sample()


def use_sample() -> None:
    """Replace the session's data with the sample."""
    use(*_sample())


def load_upload() -> None:
    """Import the files in the uploader (a callback: runs before the page redraws).

    The data is replaced only when the upload is usable; the report is always kept.
    """
    files = [(f.name, f.getvalue()) for f in state.get("home_uploader") or []]
    if not files:
        return
    ds, load_report = load_files(files)
    state.set("app_report", load_report)
    if ds is not None:
        state.set("app_dataset", ds)


def template_button(key: str, kind: str = "xlsx", container=st) -> None:
    """Draw the download button of the blank template (``kind`` xlsx, or zip of CSVs)."""
    path, name, mime, label = TEMPLATES[kind]
    container.download_button(label, data=lambda: (ROOT / "data" / path).read_bytes(),
                              file_name=name, mime=mime, key=key, on_click="ignore")


def can_edit() -> bool:
    """False when the session opened a workspace through its view-only link."""
    link = state.get("app_link")
    return link is None or link.role == "edit"
