"""Periods: one label per point in time, lists and intervals expanded, and their time order.

Labels. Whole numbers are written without decimals (2019, '2019', 2019.0 and
'2019.0' are all '2019'); dates (cells or text 'YYYY-MM-DD', '2019/06/30',
with or without a time) become 'YYYY-MM-DD'; other text stays as written.
When the periods of an upload mix years and full dates, the dates are cut to
their year (the importer warns, naming the rows).

Lists and intervals. A cell such as '[2019, 2020]' or Gephi's '<[2019.0, 2020.0]>'
is a list of periods: the tie is repeated once per period. Gephi interval sets
('<[2001, 2005]; [2008, 2010]>', or any value of an 'Interval' column) and a pair
of start/end columns are intervals: the tie is present in every period seen
anywhere in the upload from the start to the end, both included (an empty end
runs to the last period, an empty start from the first).

Order. When every label holds a year (1500-2299) they are sorted by year, then
month, half ('H2') or quarter ('Q3'), day and text: '2019', '2019-Q2',
'2019-06-30', 'FY2020', '1970-1971' all sort sensibly. Otherwise, when every
label holds a number ('Wave 2', 'T10'), they are sorted by that number. Otherwise
they keep the order in which they first appear.

>>> order_periods(["2020", "FY2019", "2019-Q3", "1970-1971"])
['1970-1971', 'FY2019', '2019-Q3', '2020']
>>> order_periods(["Wave 10", "Wave 2"]), order_periods(["after", "before"])
(['Wave 2', 'Wave 10'], ['after', 'before'])
>>> period_label(2019.0), period_label("2019-06-30 00:00:00"), period_label("spring")
(('2019', 'year'), ('2019-06-30', 'date'), ('spring', 'text'))
"""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from .cells import is_blank, parse_number, text
from .headers import END, INTERVAL, START

__all__ = ["period_label", "order_periods", "expand_periods"]

_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|2[0-2]\d\d)(?!\d)")
_DATE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T][\d:.]+)?")
_PART = re.compile(r"(?i)(?:^|[^a-z])([qh])([1-4])(?!\d)")
_NUMBER = re.compile(r"\d+")
_GROUP = re.compile(r"[\[(]([^\[\]()]*)[\])]")
_OPEN = {"", "inf", "infinity", "+inf", "-inf", "-infinity", "none", "null"}


def period_label(value) -> tuple[str, str]:
    """Return the label of one period cell and its kind: 'year', 'date', 'text' ('' if blank)."""
    if is_blank(value):
        return "", ""
    if isinstance(value, dt.date):
        return (value.date() if isinstance(value, dt.datetime) else value).isoformat(), "date"
    number = parse_number(value)
    if number is not None and number.is_integer():
        return str(int(number)), "year" if 1500 <= number <= 2299 else "text"
    label = text(value)
    match = _DATE.fullmatch(label)
    if match:
        try:
            return dt.date(*map(int, match.groups())).isoformat(), "date"
        except ValueError:
            pass
    return label, "text"


def order_periods(labels) -> list[str]:
    """Return the distinct non-empty labels in time order (see the module's rule)."""
    unique = [label for label in dict.fromkeys(labels) if label]
    keys = [_year_key(label) for label in unique]
    if all(keys):
        return [label for _, label in sorted(zip(keys, unique))]
    numbers = [_NUMBER.search(label) for label in unique]
    if all(numbers):
        return [label for _, _, label in sorted(
            (int(m.group()), i, label) for i, (m, label) in enumerate(zip(numbers, unique)))]
    return unique


def expand_periods(ties: pd.DataFrame) -> tuple[pd.DataFrame, list[str], pd.Series]:
    """Return ties with one period label each, the periods in order, and which rows had a date
    cut to its year. Reads the 'period' column and any start/end/interval columns."""
    spells = [_spells(row) for row in _span_columns(ties).itertuples(index=False)]
    raw = [v for items in spells for item in items for v in item
           if len(item) == 1 or text(v).lower() not in _OPEN]
    labels = {v: period_label(v) for v in dict.fromkeys(map(_hashable, raw))}
    cut = {"year", "date"} <= {kind for _, kind in labels.values()}

    def final(value) -> tuple[str, bool]:
        label, kind = labels[_hashable(value)]
        return (label[:4], True) if cut and kind == "date" else (label, False)

    order = order_periods(final(v)[0] for v in raw)
    position = {label: i for i, label in enumerate(order)}
    picks, periods, reduced = [], [], []
    for index, items in zip(ties.index, spells):
        for item in items:
            for label, was_cut in _labels_of(item, final, position, order):
                picks.append(index)
                periods.append(label)
                reduced.append(was_cut)
    out = ties.loc[picks].assign(period=periods).reset_index(drop=True)
    out = out.drop(columns=[c for c in (START, END, INTERVAL) if c in out])
    used = order_periods(periods)
    return out, used, pd.Series(reduced, dtype=bool)


def _span_columns(ties: pd.DataFrame) -> pd.DataFrame:
    columns = ["period", START, END, INTERVAL]
    return pd.DataFrame({c: ties[c] if c in ties else None for c in columns}, index=ties.index)


def _spells(row) -> list[tuple]:
    """Return a row's periods: 1-tuples are points, 2-tuples are (start, end) intervals."""
    period, start, end, interval = row
    if not is_blank(interval):
        return [tuple(g) for g in _groups(interval, pairs=True)] or [("",)]
    if not (is_blank(start) and is_blank(end)):
        return [(start, end)]
    return _groups(period, pairs=False) if isinstance(period, str) else [(period,)]


def _groups(value, pairs: bool) -> list[tuple]:
    """Split '[2019, 2020]' into points, or '[a, b]; [c, d]' into intervals."""
    groups = _GROUP.findall(str(value))
    if not groups:
        return [(value,)]
    items = [[part.strip() for part in g.split(",")] for g in groups]
    if pairs or len(groups) > 1:
        return [(parts[0], parts[-1]) for parts in items]
    return [(part,) for part in items[0] if part]


def _labels_of(item: tuple, final, position: dict, order: list[str]):
    """Yield (label, was cut) for a point, or for each period an interval covers."""
    if len(item) == 1:
        yield final(item[0])
        return
    ends = [None if text(v).lower() in _OPEN else position.get(final(v)[0]) for v in item]
    first = 0 if ends[0] is None else ends[0]
    last = len(order) - 1 if ends[1] is None else ends[1]
    lo, hi = sorted((first, last))
    yield from ((label, False) for label in order[lo:hi + 1])


def _year_key(label: str):
    """Return a sort key for labels that hold a year, else None."""
    date = _DATE.search(label)
    if date:
        return tuple(map(int, date.groups())) + (label,)
    year = _YEAR.search(label)
    if not year:
        return None
    part = _PART.search(label)
    month = 0 if not part else (int(part.group(2)) - 1) * (3 if part.group(1) in "qQ" else 6) + 1
    return int(year.group()), month, 0, label


def _hashable(value):
    return value if isinstance(value, (str, int, float, dt.date)) or value is None else str(value)
