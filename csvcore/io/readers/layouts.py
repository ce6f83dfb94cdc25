"""From raw tables to the contract's tables: which table is which, and what each column means.

One reader per source layout, tried in this order:

1. **Known tables** (our template, Kumu and Polinode workbooks, Gephi node and
   edge tables, NodeXL): a table whose headers name a source and a target is a
   table of ties, whatever its sheet is called (a sheet named 'Node Data' that
   holds From/To is ties); otherwise the sheet or file name decides
   (organizations/orgs/nodes/elements/actors/stakeholders; relationships/ties/
   edges/connections/links; challenges; scenarios; assessment; organizations
   only when its headers fit), else the headers alone (practice+boundary: assessment; scenario+
   probability: scenarios; challenge or impacts: challenges; id or name:
   organizations). Gephi's 'Type' column of Directed/Undirected is the tie's
   direction, not its type.
2. Only when no table of ties was found: an **adjacency matrix** (the first row
   and the first column hold the same labels; see :mod:`.matrix`), then a **bare
   edge list** (two columns, or three with numbers, whose values overlap; with
   or without a header row; the third column is the strength).

Several tables of ties are stacked; when they lack a reported_by column, the
sheet (or file) name becomes the reporter, so merged duplicates show where each
came from. Organization columns beyond the contract are kept as attributes;
unknown columns of other tables are reported as not used.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath

import pandas as pd

from ...contract.report import Report
from ...contract.schema import normalize_header
from .cells import id_key, id_text, is_blank, parse_number
from .headers import END, INTERVAL, START, exact_column, loose_column
from .matrix import matrix_ties
from .tables import RawTable, table_from_records

__all__ = ["Contract", "to_contract", "classify", "column_map", "looks_two_mode", "FILE",
           "SHEET", "ROW"]

FILE, SHEET, ROW = "_src_file", "_src_sheet", "_src_row"
ORGS, TIES = "organizations", "relationships"
_NAME_WORDS = {
    ORGS: {"organizations", "organisations", "organization", "organisation", "orgs", "org",
           "nodes", "node", "elements", "element", "actors", "actor", "stakeholders",
           "stakeholder", "vertices", "vertex", "members", "entities"},
    TIES: {"relationships", "relationship", "relations", "ties", "edges", "edge", "connections",
           "connection", "links", "link", "arcs", "partnerships", "collaborations"},
    "challenges": {"challenges", "challenge", "issues"},
    "scenarios": {"scenarios", "scenario", "futures"},
    "assessment": {"assessment", "assessments", "self_assessment", "practices"},
}
_NEEDS = {ORGS: ({"id", "name"}, 1), TIES: ({"source", "target"}, 2),
          "challenges": ({"challenge"}, 1), "scenarios": ({"scenario", "probability"}, 2),
          "assessment": ({"practice", "boundary"}, 2)}
_CHALLENGE_COLUMNS = {"business_impact", "societal_impact", "shared_value_level"}
_KEEPS_EXTRA = (ORGS, "challenges")
_EXTRAS = ("challenges", "scenarios", "assessment")
_DIRECTIONS = {"directed", "undirected", "mutual"}
_SPANS = (START, END, INTERVAL)
_DOC_WORDS = {"how", "readme", "instructions", "notes", "about", "help", "legend", "info",
              "information", "metadata", "documentation", "description", "codebook"}


@dataclass
class Contract:
    """The contract's tables as read (loosely typed), with where each row came from."""

    frames: dict[str, pd.DataFrame] = field(default_factory=dict)
    headers: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)
    seen: list[RawTable] = field(default_factory=list)  # every table looked at
    tables: dict[str, list[RawTable]] = field(default_factory=dict)  # which became which

    def header(self, file: str, sheet: str, column: str) -> str:
        """Return the user's header for a contract column of one table."""
        return self.headers.get((file, sheet), {}).get(column, column)


def to_contract(tables: list[RawTable], report: Report) -> Contract:
    """Return the contract tables found among raw tables, warning about tables not used."""
    roles = [(t, t.role or classify(t)) for t in tables]
    if TIES not in {role for _, role in roles}:
        roles = [pair for t, role in roles
                 for pair in ([(t, role)] if role else _fallback(t, report))]
    contract = Contract(seen=list(tables))
    stacked = sum(role == TIES for _, role in roles) > 1
    parts: dict[str, list[pd.DataFrame]] = {}
    for table, role in roles:
        if role is None:
            if any(r == TIES for _, r in roles):  # else the error lists every table
                _warn_unused_table(table, report)
            continue
        frame = _frame(table, role, contract, report)
        if stacked and role == TIES and "reported_by" not in frame:
            frame["reported_by"] = table.sheet or PurePosixPath(table.file).stem
        parts.setdefault(role, []).append(frame)
        contract.tables.setdefault(role, []).append(table)
    contract.frames = {role: pd.concat(fs, ignore_index=True) for role, fs in parts.items()}
    return contract


def classify(table: RawTable) -> str | None:
    """Return the contract table a raw table holds, or None."""
    if _fits(table, TIES):
        return TIES
    words = set(normalize_header(table.sheet or PurePosixPath(table.file).stem).split("_"))
    named = next((role for role, names in _NAME_WORDS.items() if names & words), None)
    if named in _EXTRAS or named == ORGS and _fits(table, ORGS):
        return named  # an extra table named so is read, and says what it lacks
    marked = next((role for role in _EXTRAS if _fits(table, role) and _marked(table, role)), None)
    return marked or (ORGS if _fits(table, ORGS) else None)


def column_map(table: RawTable, role: str) -> dict[int, str]:
    """Return column index -> contract column.

    A header that is the column's own name ('Sector') wins over a synonym
    ('Element Type'), which wins over a loose tie word ('Connection From'); among
    equals the first column wins. A time span (start/end or interval) is used
    only when there is no period column.
    """
    finders = [lambda h: _named(role, h), lambda h: exact_column(role, h)]
    finders += [loose_column] if role == TIES else []
    mapping: dict[int, str] = {}
    for finder in finders:
        for i, header in enumerate(table.headers):
            column = None if i in mapping else finder(header)
            if column and column not in mapping.values():
                mapping[i] = column
    if "period" in mapping.values():
        mapping = {i: c for i, c in mapping.items() if c not in _SPANS}
    return mapping


def _marked(table: RawTable, role: str) -> bool:
    """True when headers show an extra table, beyond fitting it ('Name' fits many tables)."""
    words = " ".join(normalize_header(h) for h in table.headers)
    if role == "scenarios":
        return "scenario" in words or "future" in words
    if role == "challenges":
        return "challenge" in words or bool(
            _CHALLENGE_COLUMNS & set(column_map(table, role).values()))
    return True  # practice and boundary name the assessment and nothing else


def _named(role: str, header) -> str | None:
    column = exact_column(role, header)
    return column if column == normalize_header(header) else None


def looks_two_mode(table: RawTable) -> bool:
    """True when two or more columns hold only 0 and 1 (organizations by projects or events).

    >>> looks_two_mode(RawTable("f.csv", "", ["org", "P1", "P2"], [["a", 1, 0], ["b", 1, 1]]))
    True
    """
    def zero_one(column: list) -> bool:
        values = {parse_number(v) for v in column if not is_blank(v)}
        return 1.0 in values and values <= {0.0, 1.0}
    return sum(zero_one(table.column(i)) for i in range(len(table.headers))) >= 2


def _fits(table: RawTable, role: str) -> bool:
    wanted, count = _NEEDS[role]
    return len(wanted & set(column_map(table, role).values())) >= count


def _frame(table: RawTable, role: str, contract: Contract, report: Report) -> pd.DataFrame:
    """Return one table's rows under contract column names, plus provenance columns."""
    mapping = column_map(table, role)
    columns, names, unused = {}, {}, []
    for i, header in enumerate(table.headers):
        name = mapping.get(i) or (header if role in _KEEPS_EXTRA and header else None)
        if name is None or name in columns:
            unused.append(header or "(no header)")
            continue
        columns[name] = table.column(i)
        names[name] = header
    frame = pd.DataFrame(columns, index=range(len(table.rows)), dtype=object)
    if role == TIES:
        _type_as_direction(frame, names)
        _warn_loose(table, mapping, report)
    if unused and table.rows:
        report.warn("Columns not used: " + ", ".join(f"'{u}'" for u in unused) + ".",
                    fix=f"The {role} table has no use for them; if one should be used, rename "
                        "it to a known header.", **table.where)
    contract.headers[(table.file, table.sheet)] = names
    return frame.assign(**{FILE: table.file, SHEET: table.sheet, ROW: table.numbers})


def _warn_loose(table: RawTable, mapping: dict[int, str], report: Report) -> None:
    """Say which tie columns were recognised by a word in their header, not by a synonym."""
    loose = [f"'{table.headers[i]}' as {column}" for i, column in mapping.items()
             if exact_column(TIES, table.headers[i]) is None]
    if loose:
        report.warn("Columns read by a word in their header: " + ", ".join(loose) + ".",
                    fix="Check that this is what they hold, or rename them.", **table.where)


def _type_as_direction(frame: pd.DataFrame, names: dict) -> None:
    """Read Gephi's 'Type' column (Directed/Undirected) as the direction of ties."""
    if "type" not in frame or "directed" in frame:
        return
    words = {str(v).strip().lower() for v in frame["type"] if not is_blank(v)}
    if words and words <= _DIRECTIONS:
        frame["directed"] = frame.pop("type")
        names["directed"] = names.pop("type")


def _warn_unused_table(table: RawTable, report: Report) -> None:
    """Warn about a table not used, unless it is empty or its sheet is documentation."""
    if table.rows and not _DOC_WORDS & set(normalize_header(table.sheet).split("_")):
        report.warn("This table was not used: its headers match no table of the template.",
                    value=", ".join(h for h in table.headers if h),
                    fix="Rename the sheet or its headers if it holds organizations or ties.",
                    **table.where)


def _fallback(table: RawTable, report: Report) -> list[tuple[RawTable, str | None]]:
    """Read an unrecognised table as an adjacency matrix or a bare edge list, if it is one."""
    return _adjacency(table, report) or _bare_edges(table, report) or [(table, None)]


def _adjacency(table: RawTable, report: Report):
    """Return organizations and ties of an adjacency matrix (same labels down and across)."""
    labels, rows = table.headers[1:], [id_text(v) for v in table.column(0)]
    if len(labels) < 2 or not rows or {id_key(x) for x in labels} != {id_key(x) for x in rows}:
        return None
    inner = [row[1:] for row in table.rows]
    filled = [(n, c) for n, row in zip(table.numbers, inner) for c in row if not is_blank(c)]
    odd = sorted({n for n, c in filled if parse_number(c) is None})
    if len(odd) > 0.1 * len(filled):
        return None
    ties, numbers = matrix_ties(rows, labels, inner, table.numbers)
    kind = "directed (rows send, columns receive)" if ties and ties[0]["directed"] else \
        "undirected (the matrix is symmetric)"
    report.warn(f"Read as an adjacency matrix of {len(rows)} organizations: each non-zero cell "
                f"is a tie, {kind}.", **table.where)
    if odd:
        report.warn("Cells that are not numbers were read as no tie.", rows=odd, **table.where)
    orgs = [{"id": label} for label in dict.fromkeys(rows + labels)]
    return [(_derived(table, orgs, ORGS, [table.header_row] * len(orgs), report), ORGS),
            (_derived(table, ties, TIES, numbers, report), TIES)]


def _bare_edges(table: RawTable, report: Report):
    """Return the ties of a two-column edge list (a third numeric column is the strength)."""
    used = [i for i, h in enumerate(table.headers) if h or any(map(_filled, table.column(i)))]
    if len(used) not in (2, 3) or not all(table.headers[i] for i in used):
        return None
    rows = [[row[i] for i in used] for row in table.rows]
    heads = [table.headers[i] for i in used]
    sources, targets = ({id_key(r[k]) for r in rows if _filled(r[k])} for k in (0, 1))
    numeric = len(used) < 3 or all(parse_number(r[2]) is not None for r in rows if _filled(r[2]))
    if not ((sources | {id_key(heads[0])}) & (targets | {id_key(heads[1])})) or not numeric:
        return None
    headless = bool({id_key(h) for h in heads[:2]} & (sources | targets)) or (
        len(heads) == 3 and parse_number(heads[2]) is not None)
    numbers = ([table.header_row] if headless else []) + table.numbers
    records = [dict(zip(("source", "target", "strength"), r))
               for r in ([heads] if headless else []) + rows]
    if headless:
        report.warn("No header row: the columns were read as source, target"
                    + (" and strength." if len(heads) == 3 else "."), **table.where)
    else:
        report.warn(f"Columns '{heads[0]}' and '{heads[1]}' were read as the source and target of "
                    "each tie" + (f", '{heads[2]}' as its strength." if len(heads) == 3 else "."),
                    fix="Name them 'source' and 'target' to make this explicit.", **table.where)
    return [(_derived(table, records, TIES, numbers, report), TIES)]


def _derived(table: RawTable, records, role, numbers, report) -> RawTable:
    return table_from_records(table.file, records, report, role, numbers, sheet=table.sheet)


def _filled(value) -> bool:
    return not is_blank(value)
