"""UCINET DL files: ``fullmatrix`` (several stacked relations), ``edgelist1``, ``nodelist1``.

Keywords are case-insensitive: ``N=``/``NR=``/``NC=``, ``NM=`` (number of
relations, named by ``LEVEL LABELS``; each becomes a tie type), ``FORMAT=``,
``DIAGONAL ABSENT``, ``LABELS EMBEDDED``, ``LABELS:``/``ROW LABELS:``/
``COLUMN LABELS:`` and ``DATA:``. Edge lists are directed; a matrix is directed
unless it is symmetric. Other formats are rejected with a precise message.

>>> text = "dl n=3\\nformat=edgelist1\\nlabels:\\na,b,c\\ndata:\\n1 2 5\\n3 1\\n"
>>> tables = dl_tables("k.dl", text, Report())
>>> [t.role for t in tables], tables[1].rows, tables[1].numbers
(['organizations', 'relationships'], [['a', 'b', '5', True], ['c', 'a', '1', True]], [6, 7])
"""

from __future__ import annotations

import re
import shlex

from ...contract.report import Report, UploadRejected
from .cells import parse_number
from .format import Format
from .matrix import matrix_ties
from .tables import RawTable, table_from_records

__all__ = ["dl_tables", "FORMAT"]

_FIRST = re.compile(r"dl\b", re.I)
_SETTING = re.compile(r"\b(n|nr|nc|nm|format)\s*=\s*([^\s,]+)", re.I)
_LABELS = re.compile(r"^\s*(row|column|col|level|matrix|)\s*labels\s*:(.*)$", re.I)
_SECTIONS = {"row": "row", "column": "column", "col": "column", "level": "level",
             "matrix": "level", "": ""}
_DATA = re.compile(r"^\s*data\s*:(.*)$", re.I)
_FORMATS = {"fullmatrix": "fullmatrix", "full": "fullmatrix", "fm": "fullmatrix",
            "edgelist1": "edgelist1", "el1": "edgelist1", "nodelist1": "nodelist1",
            "nl1": "nodelist1"}
_EXPORT = ("In UCINET, save the data as DL with FORMAT=FULLMATRIX or EDGELIST1, or export it "
           "to Excel (Data > Export) and upload the .xlsx.")


def dl_tables(file: str, text: str, report: Report) -> list[RawTable]:
    """Return an organizations table and a ties table read from a UCINET DL file."""
    settings, flags, labels, data = _parse(text)
    fmt = _FORMATS.get(settings.get("format", "fullmatrix"))
    if fmt is None:
        raise UploadRejected(f"This UCINET DL file uses FORMAT={settings['format'].upper()}, "
                             "which is not supported here.", file=file, fix=_EXPORT)
    n, nc, nm = (_int(settings, key) for key in ("n", "nc", "nm"))
    n = n or _int(settings, "nr")
    rows = _labels(labels.get("row") or labels.get(""), n) or _numbered(n)
    columns = _labels(labels.get("column") or labels.get(""), nc or n) or _numbered(nc) or rows
    if fmt == "fullmatrix":
        levels = _labels(labels.get("level"), nm or 1) or _numbered(nm or 1)
        ties, numbers, rows, columns = _matrices(file, data, rows, columns, levels,
                                                 "diagonal absent" in flags,
                                                 "labels embedded" in flags)
    else:
        ties, numbers = _lists(data, rows, fmt == "nodelist1")
    names = rows + [c for c in columns if c not in rows]
    if not names:
        names = list(dict.fromkeys(t[k] for t in ties for k in ("source", "target")))
    return [table_from_records(file, [{"id": name} for name in names], report, "organizations"),
            table_from_records(file, ties, report, "relationships", numbers)]


def _parse(text: str):
    """Split a DL file into settings, header flags, label sections and numbered data lines."""
    settings, flags, labels, data = {}, [], {}, []
    section = None
    for number, line in enumerate(text.splitlines(), start=1):
        if section == "data":
            data.append((number, line))
            continue
        found = _SETTING.findall(line)
        start, begin = _DATA.match(line), _LABELS.match(line)
        if start:
            section = "data"
            data.append((number, start.group(1)))
        elif begin:
            section = _SECTIONS[begin.group(1).lower()]
            labels.setdefault(section, []).append(begin.group(2))
        elif found or section is None:
            settings.update((k.lower(), v.lower()) for k, v in found)
            flags.append(" ".join(line.lower().split()))
        else:
            labels[section].append(line)
    return settings, " ".join(flags), labels, data


def _labels(lines: list[str] | None, n: int) -> list[str]:
    """Return the labels of a section: comma-separated, one per line, or space-separated."""
    lines = [line for line in (lines or []) if line.strip()]
    joined = "\n".join(lines)
    if "," in joined:
        return [item.strip() for item in re.split(r"[,\n]", joined) if item.strip()]
    if len(lines) == n or ('"' not in joined and len(lines) > 1):
        return [line.strip("\r\n\"") for line in lines]
    return _tokens(joined)


def _tokens(text: str) -> list[str]:
    """Split on spaces, keeping "quoted labels" whole.

    >>> _tokens('1 "New York" 2'), _tokens("O'Brien 3")
    (['1', 'New York', '2'], ["O'Brien", '3'])
    """
    try:
        return shlex.split(text)
    except ValueError:  # an unbalanced quote or apostrophe
        return text.split()


def _matrices(file, data, rows, columns, levels, diagonal_absent, embedded):
    """Return the ties of the stacked matrices (one tie type per matrix when several)."""
    lines = [(number, line.split()) for number, line in data if line.split()]
    if embedded and lines:
        columns = lines[0][1]
        rows = [tokens[0] for _, tokens in lines[1:]]
        lines = [(number, tokens[1:]) for number, tokens in lines[1:]]
    values = [(number, token) for number, tokens in lines for token in tokens]
    width = len(columns) - diagonal_absent
    if len(values) < len(rows) * width * len(levels):
        raise UploadRejected(
            f"The DL data holds {len(values)} values; {len(levels)} matrix(es) of "
            f"{len(rows)} x {len(columns)} need {len(rows) * width * len(levels)}.", file=file,
            fix="Check N=, NM= and the labels against the data. " + _EXPORT)
    ties, numbers = [], []
    cursor = iter(values)
    for level in levels:
        grid, starts = [], []
        for i in range(len(rows)):
            cells = [next(cursor) for _ in range(width)]
            starts.append(cells[0][0])
            row = [token for _, token in cells]
            grid.append(row[:i] + ["0"] + row[i:] if diagonal_absent else row)
        extra = {"type": level} if len(levels) > 1 else {}
        found, where = matrix_ties(rows, columns, grid, starts, **extra)
        ties += found
        numbers += where
    return ties, numbers, rows, columns


def _lists(data, labels, nodelist: bool):
    """Return the ties of an edgelist1 (i j [w]) or nodelist1 (i j k ...) data section."""
    ties, numbers = [], []
    for number, line in data:
        tokens = _tokens(line)
        if len(tokens) < 2:
            continue
        source, targets = tokens[0], tokens[1:]
        strength = "1"
        if not nodelist and len(tokens) > 2:
            targets, strength = tokens[1:2], tokens[2]
        for target in targets:
            ties.append({"source": _name(source, labels), "target": _name(target, labels),
                         "strength": strength, "directed": True})
            numbers.append(number)
    return ties, numbers


def _name(token: str, labels: list[str]) -> str:
    """Return the label a 1-based index stands for, or the token itself."""
    index = parse_number(token)
    if labels and index is not None and index.is_integer() and 1 <= index <= len(labels):
        return labels[int(index) - 1]
    return token


def _numbered(n: int) -> list[str]:
    return [str(i) for i in range(1, n + 1)]


def _int(settings: dict, key: str) -> int:
    value = parse_number(settings.get(key))
    return int(value) if value else 0


FORMAT = Format("dl", "UCINET DL data", "text",
                sniff=lambda probe: bool(_FIRST.match(probe.first_line)),
                suffixes=(".dl", ".dat", ".txt"),
                read=lambda probe, report: dl_tables(probe.name, probe.text, report))
