"""Shared fixtures. Importer inputs are built in memory so the repository stays small."""

from __future__ import annotations

import io
import os
import re
import secrets
import zipfile

import openpyxl
import pytest


def _xlsx(sheets: dict[str, list[list]]) -> bytes:
    """Return XLSX bytes. Strings are always text (even '=...'); a tuple (formula, result) is a
    formula whose result is saved in the file, as Excel does (result None: not saved)."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    results = {}
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if isinstance(value, tuple):
                    formula, result = value
                    sheet.cell(r, c, formula)
                    results[formula.lstrip("=")] = result
                elif value is not None:
                    cell = sheet.cell(r, c, value)
                    cell.data_type = "s" if isinstance(value, str) else cell.data_type
    buffer = io.BytesIO()
    book.save(buffer)
    return _save_results(buffer.getvalue(), results)


def _save_results(data: bytes, results: dict) -> bytes:
    """Write formula results into the sheets (openpyxl itself saves formulas without them)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            content = source.read(member)
            if member.filename.startswith("xl/worksheets/"):
                content = re.sub(
                    rb"<f>(.*?)</f><v\s*/>",
                    lambda m: m.group(0) if results.get(m.group(1).decode()) is None else
                    b"<f>" + m.group(1) + b"</f><v>"
                    + str(results[m.group(1).decode()]).encode() + b"</v>", content)
            target.writestr(member, content)
    return out.getvalue()


def _csv(rows: list[list], delimiter: str = ",", encoding: str = "utf-8",
         newline: str = "\n") -> bytes:
    """Return delimited text bytes; cells are written as given (no quoting)."""
    text = newline.join(delimiter.join("" if c is None else str(c) for c in row) for row in rows)
    return (text + newline).encode(encoding)


@pytest.fixture
def xlsx():
    """Build an XLSX workbook: ``xlsx({"ties": [["source", "target"], ["a", "b"]]})``."""
    return _xlsx


@pytest.fixture
def csv_bytes():
    """Build CSV bytes: ``csv_bytes(rows, delimiter=";", encoding="cp1252")``."""
    return _csv


@pytest.fixture
def texts():
    """Return the messages of a report's findings (optionally of one level) as one string."""
    def messages(report, level: str | None = None) -> str:
        return "\n".join(f.as_text() for f in report.findings if level in (None, f.level))
    return messages


@pytest.fixture
def team_workbook(xlsx):
    """``team_workbook(ties)``: XLSX bytes of a small network with every table filled in;
    ``ties`` are (source, target, period) rows."""
    def make(ties=(("a", "b", "2021"), ("b", "c", "2021"), ("c", "d", "2022"))) -> bytes:
        return xlsx({
            "organizations": [["id", "name", "sector", "focal"], ["a", "Acme", "Business", "yes"]],
            "relationships": [["source", "target", "period"], *map(list, ties)],
            "challenges": [["challenge", "business_impact", "societal_impact", "Drought"],
                           ["Water", 7, 8, 9]],
            "scenarios": [["scenario", "probability"], ["Drought", 1]],
            "assessment": [["practice", "boundary", "current", "target"],
                           ["connecting", "vertical", 2, 4]],
        })
    return make


#: The PostgreSQL server the workspace tests use (tests/run_all.sh starts it when it is down).
POSTGRES_URL = os.environ.get("SVN_TEST_POSTGRES_URL",
                              "postgresql+psycopg://postgres@127.0.0.1:5432/test")


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    """An empty workspace database per test, on each backend: a SQLite file, or a schema of
    its own in PostgreSQL (dropped afterwards). Without PostgreSQL its tests skip, except
    under CI=true, where they fail."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'workspaces.db'}"
        return
    import sqlalchemy as sa

    schema = f"svn_test_{secrets.token_hex(6)}"
    admin = sa.create_engine(POSTGRES_URL, poolclass=sa.NullPool,
                             connect_args={"connect_timeout": 5})
    try:
        with admin.begin() as conn:
            conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    except sa.exc.OperationalError as exc:
        message = f"PostgreSQL is not reachable at {POSTGRES_URL}: {exc.orig}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    try:
        yield f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
