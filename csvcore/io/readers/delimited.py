"""CSV and TSV text: the delimiter is sniffed (tab, semicolon, comma or pipe).

The catch-all of the text layer: text that no other format recognises is read
as a table.

>>> text = "My network\\n\\nFrom;To;Weight\\nA;B;2,5\\nTotal;;2,5\\n"
>>> t = table_from_text("t.csv", text, Report())
>>> t.headers, t.rows, t.numbers
(['From', 'To', 'Weight'], [['A', 'B', '2,5']], [4])
"""

from __future__ import annotations

import csv
import io
from collections import Counter

from ...contract.report import Report, UploadRejected
from .format import Format, Probe
from .tables import RawTable, table_from_grid

__all__ = ["table_from_text", "sniff_delimiter", "FORMAT"]

_DELIMITERS = ("\t", ";", ",", "|")


def table_from_text(file: str, text: str, report: Report) -> RawTable | None:
    """Return the table in CSV/TSV text (delimiter sniffed), or None when it is blank."""
    text = text.replace("\x00", "")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    try:
        return table_from_grid(file, "", reader, report)
    except csv.Error:
        raise UploadRejected(
            f"The text could not be read as a table near line {reader.line_num}: a quote "
            "is not closed or a cell is extremely long.", file=file,
            fix="Open the file in a spreadsheet and save it again as CSV UTF-8.") from None


def sniff_delimiter(text: str) -> str:
    """Return the delimiter that splits the first lines most consistently.

    >>> sniff_delimiter("a;b;c\\n1,5;2;3\\n"), sniff_delimiter("a\\tb\\n"), sniff_delimiter("x\\n")
    (';', '\\t', ',')
    """
    lines = [line for line in text[:65536].splitlines()[:50] if line.strip()]
    best, best_score = ",", (0.0, 1)
    for delimiter in _DELIMITERS:
        widths = [len(row) for row in csv.reader(lines, delimiter=delimiter)]
        width, count = Counter(widths).most_common(1)[0] if widths else (1, 0)
        score = (round(count / len(widths), 1) if widths else 0.0, width)
        if width > 1 and score > best_score:
            best, best_score = delimiter, score
    return best



def _read(probe: Probe, report: Report) -> list[RawTable]:
    table = table_from_text(probe.name, probe.text, report)
    if table is None:
        raise UploadRejected("The file holds no data (only blank lines).", file=probe.name)
    return [table]


FORMAT = Format("table", "CSV text", "text", sniff=lambda probe: True,
                suffixes=(".csv", ".tsv", ".txt", ".tab"), read=_read)
