"""Spreadsheet text made safe to show: one plain line, escaped Markdown (no Streamlit here).

>>> plain("Acme\\nWater ")
'Acme Water'
>>> md_escape("[x](javascript:alert(1))")
'\\\\[x\\\\]\\\\(javascript\\\\:alert\\\\(1\\\\)\\\\)'
"""

from __future__ import annotations

import re

__all__ = ["plain", "md_escape", "short"]

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def plain(text) -> str:
    """Return spreadsheet text as one plain line (no control characters)."""
    return _CONTROL.sub(" ", str(text)).strip()


def md_escape(text) -> str:
    """Return spreadsheet text escaped for st.markdown (no links, HTML or markup)."""
    return _MD_SPECIAL.sub(r"\\\1", plain(text))


def short(text, limit: int) -> str:
    """Return :func:`plain` text cut to ``limit`` characters with an ellipsis.

    >>> short("Institute for Water and Agrarian Studies", 12)
    'Institute f…'
    """
    text = plain(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"
