"""Bytes to text: UTF-8 (with or without BOM), UTF-16/32 (BOM or sniffed), Windows-1252.

>>> decode("café;€".encode("cp1252"))
('café;€', 'Windows-1252')
>>> decode(b"\\xef\\xbb\\xbfid")
('id', 'UTF-8')
>>> decode("a,b".encode("utf-16-le"))
('a,b', 'UTF-16')
"""

from __future__ import annotations

import codecs

from ...contract.report import UploadRejected

__all__ = ["decode", "looks_binary"]

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)
_SAMPLE = 4096


def decode(data: bytes) -> tuple[str, str]:
    """Return the text and the name of the encoding it was read with.

    Raises UploadRejected when the bytes are not text (binary junk).
    """
    text, name = _decode(data)
    if looks_binary(text):
        raise UploadRejected(
            "This file is not a spreadsheet or text file that can be read (it looks like "
            "binary data).",
            fix="Upload the data as .xlsx or .csv (File > Save As in your spreadsheet tool).",
        )
    return text, name


def looks_binary(text: str) -> bool:
    """True when over 1% of the text (and over 8 characters) are control characters.

    >>> looks_binary("a,b\\n1,\\x002\\n"), looks_binary("\\x00\\x01\\x02abc" * 3)
    (False, True)
    """
    sample = text[:_SAMPLE * 4]
    controls = sum(1 for ch in sample if ch < " " and ch not in "\t\r\n\f")
    return controls > max(8, len(sample) // 100)


def _decode(data: bytes) -> tuple[str, str]:
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            return data.decode(codec, errors="replace"), name
    utf16 = _sniff_utf16(data[:_SAMPLE])
    if utf16:
        return data.decode(utf16, errors="replace"), "UTF-16"
    for codec, name in (("utf-8", "UTF-8"), ("cp1252", "Windows-1252")):
        try:
            return data.decode(codec), name
        except UnicodeDecodeError:
            pass
    return data.decode("latin-1"), "Latin-1"


def _sniff_utf16(sample: bytes) -> str | None:
    """Return 'utf-16-le'/'utf-16-be' when most ASCII characters have a NUL beside them."""
    half = len(sample) // 2
    if half < 2:
        return None
    even, odd = sample[0:half * 2:2].count(0), sample[1:half * 2:2].count(0)
    if odd > 0.4 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.4 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None
