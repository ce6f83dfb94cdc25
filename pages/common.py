"""What every page shares: the loaded data, the sidebar selection, safe text, caching.

Session state (one browser session each; nothing here is shared between users):

- ``dataset``: the :class:`csvcore.contract.dataset.Dataset` in use (the sample until an
  upload succeeds; a failed upload never replaces it).
- ``report``: the :class:`csvcore.contract.report.Report` of the last load attempt.
- ``challenge``, ``period``, ``focal``: the sidebar's widgets; app.py stores what
  :func:`sidebar` returns as ``selection`` (a :class:`Selection`) before the page
  runs. Pages change the challenge with :func:`request_challenge`.
- ``link``: the workspace opened through a link (``pages/workspace_link.py``);
  pages hide editing controls (upload, data editors, save) unless :func:`can_edit`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from csvcore.contract.dataset import Dataset
from csvcore.contract.report import Report
from csvcore.io.export.workbook import XLSX_MIME
from csvcore.io.importer import load_files, load_paths

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample.xlsx"
ALL_CHALLENGES = "All challenges"
ALL_PERIODS = "All periods"

#: Cache decorator for computations on a Dataset. The cache is shared by all
#: users, so its key is the dataset's full-content sha256, never a sample of it.
cached = st.cache_data(hash_funcs={Dataset: lambda ds: ds.fingerprint}, max_entries=64,
                       show_spinner=False)


@dataclass(frozen=True)
class Selection:
    """The sidebar's choice: ``challenge``/``period`` are None for 'all'."""

    dataset: Dataset
    challenge: str | None
    period: str | None
    focal: str | None


@st.cache_resource(show_spinner=False)
def _sample() -> tuple[Dataset, Report]:
    """Return the bundled sample (the same for everyone, so a shared resource)."""
    return load_paths([SAMPLE])


def ensure_data() -> None:
    """Load the sample into this session if nothing is loaded yet."""
    if "dataset" not in st.session_state:
        dataset, report = _sample()
        st.session_state.dataset = dataset
        st.session_state.report = report


def use_sample() -> None:
    """Replace the session's data with the sample."""
    dataset, report = _sample()
    st.session_state.dataset = dataset
    st.session_state.report = report


def load_upload() -> None:
    """Import the files in the uploader (a callback: runs before the page redraws).

    The data is replaced only when the upload is usable; the report is always
    kept so the page can show what to fix.
    """
    files = [(f.name, f.getvalue()) for f in st.session_state.get("uploader") or []]
    if not files:
        return
    dataset, report = load_files(files)
    st.session_state.report = report
    if dataset is not None:
        st.session_state.dataset = dataset


def template_button(key: str, kind: str = "xlsx", container=st) -> None:
    """Draw the download button of the blank template (XLSX, or a zip of CSVs)."""
    path, name, mime, label = {
        "xlsx": ("template.xlsx", "shared-value-template.xlsx", XLSX_MIME, "Template (XLSX)"),
        "zip": ("template_csv.zip", "shared-value-template-csv.zip", "application/zip",
                "Template (CSV files, zipped)"),
    }[kind]
    container.download_button(label, data=lambda: (ROOT / "data" / path).read_bytes(),
                              file_name=name, mime=mime, key=key, on_click="ignore")


def can_edit() -> bool:
    """False when the session opened a workspace through its view-only link."""
    link = st.session_state.get("link")  # see pages/workspace_link.py
    return link is None or link.role == "edit"


def request_challenge(name: str | None) -> None:
    """Make ``name`` the active challenge on every page (applied on the next run)."""
    st.session_state.pending_challenge = name or ALL_CHALLENGES


def sidebar() -> Selection:
    """Draw the shared sidebar and return the current selection."""
    ds: Dataset = st.session_state.dataset
    challenges = [ALL_CHALLENGES] + ds.challenge_names
    periods = list(ds.periods) or [ALL_PERIODS]
    org_ids = list(ds.organizations["id"])
    names = ds.names()

    pending = st.session_state.pop("pending_challenge", None)
    if pending in challenges:
        st.session_state.challenge = pending
    _keep_valid("challenge", challenges, _default_challenge(ds, challenges))
    _keep_valid("period", periods, periods[-1])
    _keep_valid("focal", org_ids, ds.focal_id or (org_ids[0] if org_ids else None))

    with st.sidebar:
        st.caption(f"Data: **{md_escape(ds.name or 'unnamed')}**")
        st.selectbox("Challenge", challenges, key="challenge",
                     help="Ties marked for another challenge are left out; "
                          "ties with no challenge count for every challenge.")
        st.selectbox("Period", periods, key="period",
                     help="Ties with no period count in every period.")
        st.selectbox("Our organization", org_ids, key="focal",
                     format_func=lambda i: plain(names.get(i, i)),
                     help="Marked 'focal' in the organizations table; change it to "
                          "see the network from another organization's seat.")

    challenge = st.session_state.challenge
    period = st.session_state.period
    return Selection(
        dataset=ds,
        challenge=None if challenge == ALL_CHALLENGES else challenge,
        period=None if period == ALL_PERIODS else period,
        focal=st.session_state.focal,
    )


def _default_challenge(ds: Dataset, options: list[str]) -> str:
    tied = [c for c in options[1:] if (ds.relationships["challenge"] == c).any()]
    return tied[0] if tied else options[0]


def _keep_valid(key: str, options: list, default) -> None:
    if st.session_state.get(key) not in options:
        st.session_state[key] = default


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def plain(text) -> str:
    """Return spreadsheet text as one plain line (no control characters)."""
    return _CONTROL.sub(" ", str(text)).strip()


def md_escape(text) -> str:
    """Return spreadsheet text escaped for st.markdown (no links, HTML or markup).

    >>> md_escape("[x](javascript:alert(1))")
    '\\\\[x\\\\]\\\\(javascript\\\\:alert\\\\(1\\\\)\\\\)'
    """
    return _MD_SPECIAL.sub(r"\\\1", plain(text))
