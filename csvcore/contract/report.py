"""The validation report: what made an upload unusable, and what was repaired.

An *error* means the upload cannot be used (no table of ties, no usable tie,
an unreadable file). A *warning* means something was repaired or skipped and
the rest was kept. Every finding names where it was found and what to do.

>>> r = Report()
>>> r.warn("Rows skipped: the endpoint is empty.", file="ties.csv", rows=[4, 9],
...        column="target", fix="Fill in the organization's id or name.")
>>> r.ok, len(r.warnings)
(True, 1)
>>> print(r.warnings[0].where())
ties.csv, rows 4, 9, column 'target'
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Finding", "Report", "UploadRejected"]

_MAX_ROWS_LISTED = 10


@dataclass(frozen=True)
class Finding:
    """One error or warning, with its location and a fix."""

    level: str  # "error" or "warning"
    message: str
    file: str = ""
    sheet: str = ""
    rows: tuple[int, ...] = ()  # row numbers as the user sees them in the spreadsheet
    column: str = ""
    value: str = ""
    fix: str = ""

    def where(self) -> str:
        """Return the location as a person reads it, e.g. ``"a.xlsx, sheet 'ties', row 4"``."""
        parts = [p for p in (self.file,) if p]
        if self.sheet:
            parts.append(f"sheet '{self.sheet}'")
        if self.rows:
            shown = ", ".join(str(r) for r in self.rows[:_MAX_ROWS_LISTED])
            more = len(self.rows) - _MAX_ROWS_LISTED
            if more > 0:
                shown += f" and {more} more"
            parts.append(("row " if len(self.rows) == 1 else "rows ") + shown)
        if self.column:
            parts.append(f"column '{self.column}'")
        return ", ".join(parts)

    def as_text(self) -> str:
        """Return one line: level, location, message, bad value and fix."""
        text = f"{self.level.upper()}: "
        where = self.where()
        if where:
            text += f"[{where}] "
        text += self.message
        if self.value:
            text += f" (value: {self.value!r})"
        if self.fix:
            text += f" Fix: {self.fix}"
        return text

    def as_dict(self) -> dict:
        """Return the finding as a flat dict (for a table or JSON)."""
        return {
            "level": self.level,
            "file": self.file,
            "sheet": self.sheet,
            "rows": ", ".join(map(str, self.rows)),
            "column": self.column,
            "value": self.value,
            "message": self.message,
            "fix": self.fix,
        }


@dataclass
class Report:
    """Collects findings while an upload is read."""

    findings: list[Finding] = field(default_factory=list)

    def error(self, message: str, **where) -> None:
        """Record a finding that makes the upload unusable."""
        self.findings.append(_finding("error", message, where))

    def warn(self, message: str, **where) -> None:
        """Record something repaired or skipped."""
        self.findings.append(_finding("warning", message, where))

    def extend(self, other: "Report") -> None:
        """Append another report's findings."""
        self.findings.extend(other.findings)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.level == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.level == "warning"]

    @property
    def ok(self) -> bool:
        """True when nothing makes the upload unusable."""
        return not self.errors

    def as_text(self) -> str:
        """Return every finding, errors first, one per line."""
        ordered = self.errors + self.warnings
        return "\n".join(f.as_text() for f in ordered) if ordered else "No problems found."


class UploadRejected(Exception):
    """Raised inside readers for a problem that makes one file unusable.

    The importer catches it and turns it into an error finding.
    """

    def __init__(self, message: str, **where):
        super().__init__(message)
        self.finding = _finding("error", message, where)


def _finding(level: str, message: str, where: dict) -> Finding:
    rows = where.pop("rows", ())
    if isinstance(rows, int):
        rows = (rows,)
    value = where.pop("value", "")
    return Finding(
        level=level,
        message=message,
        rows=tuple(int(r) for r in rows),
        value=_short(value),
        **where,
    )


def _short(value, limit: int = 80) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
