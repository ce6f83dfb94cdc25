"""Challenges, scenarios and the self-assessment: their problems never make the network unusable.

Bad values are warnings; the rows (or the whole table) are dropped.

- **Scenarios**: a name and a probability (0-1, or a percentage such as '30%';
  when every probability is above 1 they are read as percentages).
- **Challenges**: a name; impacts are numbers; the shared-value level is one of
  the three levels (loosely matched: 'value chain', 'Local cluster
  development', 'products & markets'). *Scenario scores*: any other column of
  the challenges table whose header equals a scenario's name (ignoring case,
  spacing and punctuation) holds that scenario's score for each challenge; it
  is renamed to the scenario's name. Other extra columns are not used.
- **Assessment**: practice and boundary from the method's vocabularies, matched
  on their first four letters ('Mobilising' is mobilizing, 'Geography' is
  geographic); current and target from 1 to 5.

Duplicate names (challenge, scenario, practice-boundary pair) keep their first row.
"""

from __future__ import annotations

import pandas as pd

from ...contract.report import Report
from ...contract.schema import (
    BOUNDARIES,
    COLUMNS,
    PRACTICES,
    REQUIRED,
    SHARED_VALUE_LEVELS,
    normalize_header,
)
from .cells import is_blank, parse_number, text
from .layouts import FILE, SHEET, Contract
from .notes import warn_rows

__all__ = ["scenarios", "challenges", "assessment", "vocabulary_word"]

_LEVEL_WORDS = {"products": 0, "markets": 0, "product": 0, "market": 0, "value": 1, "chain": 1,
                "cluster": 2, "local": 2}


def vocabulary_word(value, words) -> str | None:
    """Return the word of ``words`` that ``value`` means (same first four letters), or None.

    >>> vocabulary_word("Mobilising", PRACTICES), vocabulary_word("geography", BOUNDARIES)
    ('mobilizing', 'geographic')
    """
    norm = normalize_header(value)
    if len(norm) < 4:
        return None
    return next((w for w in words if w[:4] == norm[:4]), None)


def level_word(value) -> str | None:
    """Return the shared-value level a cell names, or None.

    >>> level_word("Redefining productivity in the value chain"), level_word("cluster")
    ('value chain', 'local cluster')
    """
    words = [_LEVEL_WORDS[w] for w in normalize_header(value).split("_") if w in _LEVEL_WORDS]
    return SHARED_VALUE_LEVELS[words[0]] if words else None


def scenarios(contract: Contract, report: Report) -> pd.DataFrame | None:
    """Return the scenarios table, or None when there is none or it is unusable."""
    frame = _usable(contract, "scenarios", report)
    if frame is None:
        return None
    frame["scenario"] = frame["scenario"].map(text)
    number = pd.to_numeric(frame["probability"].map(_probability), errors="coerce")
    given = number.dropna()
    if len(given) and (given > 1).all() and (given <= 100).all():
        warn_rows(report, contract, frame, number.notna(), "Probabilities above 1 were read as "
                  "percentages.", column="probability", values=frame["probability"])
        number = number / 100
    bad = number.isna() | (number < 0) | (number > 1)
    warn_rows(report, contract, frame, bad, "Scenarios without a "
              "probability between 0 and 1 were skipped.", column="probability",
              values=frame["probability"], fix="Write a probability such as 0.3 or 30%.")
    frame["probability"] = number
    return _first_of_each(frame[~bad], ["scenario"], contract, report)


def challenges(contract: Contract, scenario_names: list[str], report: Report):
    """Return the challenges table with scenario score columns, or None."""
    frame = _usable(contract, "challenges", report)
    if frame is None:
        return None
    frame["challenge"] = frame["challenge"].map(text)
    for column in ("business_impact", "societal_impact"):
        if column in frame:
            frame[column] = _numbers(frame, column, contract, report)
    if "shared_value_level" in frame:
        given = frame["shared_value_level"]
        levels = given.map(level_word)
        warn_rows(report, contract, frame, levels.isna() & ~given.map(is_blank),
                  "Shared-value levels not understood were left empty.",
                  column="shared_value_level", values=given,
                  fix="Use " + ", ".join(f"'{w}'" for w in SHARED_VALUE_LEVELS) + ".")
        frame["shared_value_level"] = levels.fillna("")
    frame = _scenario_scores(frame, scenario_names, contract, report)
    return _first_of_each(frame, ["challenge"], contract, report)


def assessment(contract: Contract, report: Report) -> pd.DataFrame | None:
    """Return the self-assessment table, or None."""
    frame = _usable(contract, "assessment", report)
    if frame is None:
        return None
    bad = pd.Series(False, index=frame.index)
    for column, words in (("practice", PRACTICES), ("boundary", BOUNDARIES)):
        found = frame[column].map(lambda v, w=words: vocabulary_word(v, w))
        warn_rows(report, contract, frame, found.isna(), f"Rows with an unknown {column} were "
                  "skipped.", column=column, values=frame[column],
                  fix="Use one of: " + ", ".join(words) + ".")
        frame[column] = found
        bad |= found.isna()
    for column in ("current", "target"):
        score = pd.to_numeric(frame[column].map(parse_number), errors="coerce")
        wrong = score.isna() | (score < 1) | (score > 5)
        warn_rows(report, contract, frame, wrong & ~bad, f"Rows whose {column} level is not "
                  "a number from 1 to 5 were skipped.", column=column, values=frame[column])
        frame[column] = score
        bad |= wrong
    return _first_of_each(frame[~bad], ["practice", "boundary"], contract, report)


def _usable(contract: Contract, table: str, report: Report) -> pd.DataFrame | None:
    """Return a copy of a table with its required columns and named rows, else None (warned)."""
    frame = contract.frames.get(table)
    if frame is None:
        return None
    missing = [c for c in REQUIRED[table] if c not in frame]
    if missing:
        report.warn(f"The {table} table was not used: it has no "
                    + " or ".join(f"'{c}'" for c in missing) + " column.",
                    **_where(frame))
        return None
    name = COLUMNS[table][0]
    empty = frame[name].map(is_blank).astype(bool)
    warn_rows(report, contract, frame, empty, f"Rows without a {name} were skipped.",
              column=name)
    return frame[~empty].copy()


def _scenario_scores(frame, scenario_names, contract, report) -> pd.DataFrame:
    """Rename extra columns named like a scenario to it; drop the other extras."""
    by_norm = {normalize_header(name): name for name in scenario_names}
    extras = [c for c in frame.columns if c not in COLUMNS["challenges"] and not c.startswith("_")]
    renamed = {c: by_norm[normalize_header(c)] for c in extras if normalize_header(c) in by_norm}
    for column in renamed:
        frame[column] = _numbers(frame, column, contract, report)
    unused = [c for c in extras if c not in renamed]
    if unused and len(frame):
        report.warn("Columns of the challenges table not used (only columns named after a "
                    "scenario are read, as that scenario's scores): "
                    + ", ".join(f"'{c}'" for c in unused) + ".",
                    **_where(frame))
    return frame.drop(columns=unused).rename(columns=renamed)


def _numbers(frame, column, contract, report) -> pd.Series:
    number = pd.to_numeric(frame[column].map(parse_number), errors="coerce")
    warn_rows(report, contract, frame, number.isna() & ~frame[column].map(is_blank),
              "Values that are not numbers were left empty.", column=column,
              values=frame[column])
    return number


def _probability(value):
    raw = text(value)
    number = parse_number(raw.rstrip("%").strip())
    return number / 100 if number is not None and raw.endswith("%") else number


def _first_of_each(frame, key, contract, report) -> pd.DataFrame:
    later = frame.duplicated(key)
    warn_rows(report, contract, frame, later, "Duplicate " + " and ".join(key) + " rows: the "
              "first is kept.", column=key[0], values=frame[key[0]])
    return frame[~later]


def _where(frame: pd.DataFrame) -> dict:
    """Return the file and sheet of a table's first row (for table-level warnings)."""
    return {"file": frame[FILE].iloc[0], "sheet": frame[SHEET].iloc[0]} if len(frame) else {}
