"""What a file format declares: how it is recognised, which file names it takes, how it reads.

Each reader module declares one :class:`Format` (``FORMAT``); the registry
:mod:`csvcore.io.formats` lists them in the order they are tried. A format is
recognised by its content, at one of three layers:

======== =====================================================================
``zip``  a zip container: ``sniff`` looks at the member names (XLSX, archives)
``bytes`` the first bytes (magic numbers: legacy Office, PDF, images…)
``text`` the decoded text's start (XML root, JSON, ``DL``, ``*Vertices``…)
======== =====================================================================

A format either **reads** the probe into raw tables, or **holds** files (a zip
archive: ``members`` returns them and each is read as a file of its own), or
is **refused** (``refusal`` says what it is: legacy .xls, PDF, HTML…).

>>> probe = Probe("net.txt", b"*Vertices 2\\n1 a\\n")
>>> probe.suffix, probe.is_zip
('.txt', False)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import PurePosixPath

__all__ = ["Format", "Probe", "LAYERS", "HEAD_CHARS"]

LAYERS = ("zip", "bytes", "text")
HEAD_CHARS = 4096  # text sniffers look at the first characters only
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")


@dataclass
class Probe:
    """One file as the sniffers see it: its name and bytes, and its text once decoded."""

    name: str
    data: bytes
    text: str = ""  # set by the registry once a text layer is reached
    encoding: str = ""
    members: frozenset[str] = field(default_factory=frozenset)  # zip member names

    @cached_property
    def suffix(self) -> str:
        """The file name's ending, lower case ('.csv'; '' when there is none)."""
        return PurePosixPath(self.name.lower()).suffix

    @property
    def is_zip(self) -> bool:
        """True when the bytes start like a zip container (XLSX, zip archive)."""
        return self.data.startswith(_ZIP_MAGIC)

    @cached_property
    def head(self) -> str:
        """The start of the text, without BOM and leading blanks (for text sniffers)."""
        return self.text.lstrip("\ufeff \t\r\n")[:HEAD_CHARS]

    @cached_property
    def first_line(self) -> str:
        """The first line of the head that is neither blank nor a '%' comment, lower case."""
        return next((line.strip().lower() for line in self.head.splitlines()
                     if line.strip() and not line.lstrip().startswith("%")), "")


@dataclass(frozen=True)
class Format:
    """One file format: how it is recognised, the file names it takes, and how it reads.

    ``title`` names what such a file holds, as a sentence reads it ('an Excel
    workbook'); ``suffixes`` are the name endings it takes ('.xlsx'), offered by the
    upload widget unless the format is refused. Exactly one of ``read`` (probe,
    report -> raw tables), ``members`` (probe -> [(name, bytes)]) or ``refusal`` (a
    sentence: what the file is) is given.
    """

    name: str
    title: str
    layer: str
    sniff: Callable[[Probe], bool]
    suffixes: tuple[str, ...] = ()
    read: Callable | None = None
    members: Callable | None = None
    refusal: str = ""

    def __post_init__(self):
        if self.layer not in LAYERS:
            raise ValueError(f"unknown layer {self.layer!r}")
        if sum(map(bool, (self.read, self.members, self.refusal))) != 1:
            raise ValueError(f"format {self.name!r}: give one of read, members, refusal")
