"""Cell values: text cleaning, numbers, yes/no flags and id matching keys.

>>> clean_text("Acme\\x07 <b>Ltd</b>")
'Acme <b>Ltd</b>'
>>> id_text(" Catch\\u202fcapelin\\u00a0 "), id_key("NASA") == id_key("Nasa "), id_text("12.0")
('Catch capelin', True, '12')
>>> parse_number("2,5"), parse_number("1.234,5"), parse_number("1,234.5"), parse_number("abc")
(2.5, 1234.5, 1234.5, None)
>>> parse_flag("Mutual"), parse_flag("Directed"), parse_flag("yes"), parse_flag("maybe")
(False, True, True, None)
"""

from __future__ import annotations

import datetime as dt
import math
import re

__all__ = ["clean_text", "text", "raw_text", "id_text", "id_key", "visible", "parse_number",
           "parse_flag", "is_blank"]

#: C0 and C1 control characters, except tab and newline.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
#: Any run of whitespace, including no-break, narrow no-break and zero-width spaces.
_SPACE = re.compile(r"[\s\u00a0\u1680\u2000-\u200d\u202f\u205f\u2060\u3000\ufeff]+")
_ODD_SPACE = re.compile(r"[^\S \n]|[\u200b-\u200d\u2060\ufeff]")
_WHOLE = re.compile(r"-?\d+\.0+")
_NUMBER = re.compile(r"[+-]?(\d+|\d{1,3}(?:([.,' ])\d{3})+)(?:([.,])(\d+))?")

_TRUE = {"1", "true", "t", "yes", "y", "x", "\u2713", "\u2714", "directed", "direct", "one_way",
         "oneway", "arc", "focal", "us", "ours", "ja", "oui", "si", "sí"}
_FALSE = {"0", "false", "f", "no", "n", "undirected", "mutual", "two_way", "both", "reciprocal",
          "bidirectional", "symmetric", "edge", "nein", "non"}


def clean_text(value):
    """Return ``value`` with control characters removed when it is text (else unchanged)."""
    if isinstance(value, str) and not value.isprintable():
        return _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
    return value


def is_blank(value) -> bool:
    """True for None, NaN and text that is only whitespace."""
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    return isinstance(value, str) and not _SPACE.sub("", value)


def text(value) -> str:
    """Return a cell as text: whole floats without '.0', dates in ISO form, blanks as ''."""
    if is_blank(value):
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date().isoformat()
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat(sep=" ") if isinstance(value, dt.datetime) else value.isoformat()
    return clean_text(str(value)).strip()


def raw_text(value) -> str:
    """Return a cell as text without trimming spaces (to tell '  A' from 'A')."""
    return clean_text(value) if isinstance(value, str) else text(value)


def id_text(value) -> str:
    """Return an id or name as shown: whitespace runs of any kind become one space, and a
    whole number written with decimals ('12.0', as exported from a float column) loses them."""
    shown = _SPACE.sub(" ", text(value)).strip()
    return shown.split(".")[0] if _WHOLE.fullmatch(shown) else shown


def id_key(value) -> str:
    """Return the key ids are matched on: case and spacing ignored."""
    return id_text(value).casefold()


def visible(value: str) -> str:
    """Return text with invisible or unusual spaces shown as escapes, quoted.

    >>> visible("a\\u202fb ")
    "'a\\\\u202fb '"
    """
    shown = _ODD_SPACE.sub(lambda m: f"\\u{ord(m.group()):04x}", value)
    return f"'{shown}'"


def parse_number(value) -> float | None:
    """Return a finite number from a cell, or None.

    Accepts decimal commas ('2,5') and thousands separators ('1.234,5', '1,234.5',
    "1'234"); a lone comma before exactly three digits ('1,234') is a thousands
    separator, as in English-language spreadsheets.
    """
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        number = float(value)
        return number if math.isfinite(number) else None
    raw = _SPACE.sub("", str(value))
    match = _NUMBER.fullmatch(raw)
    if not match:
        return None
    whole, group, decimal, fraction = match.groups()
    if group and decimal == group:  # '1,234,5' or '1.234.5'
        return None
    if group is None and decimal == "," and len(fraction) == 3 and "." not in raw:
        return float(raw.replace(",", ""))  # '1,234' is a thousands separator
    digits = re.sub(r"[.,' ]", "", whole) if group else whole
    return float(f"{raw[0] if raw[0] in '+-' else ''}{digits}.{fraction or 0}")


def parse_flag(value) -> bool | None:
    """Return True/False for yes/no-like cells (incl. directed/undirected/mutual), else None."""
    if isinstance(value, bool):
        return value
    number = parse_number(value)
    if number is not None:
        return {1.0: True, 0.0: False}.get(number)
    word = _SPACE.sub("_", text(value).casefold()).replace("-", "_")
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    return None
