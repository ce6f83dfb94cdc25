"""Readers behind :mod:`csvcore.io.importer`, one module per concern.

========== ===========================================================================
format     what a format declares (how it sniffs, its suffixes, how it reads); the
           registry of formats is :mod:`csvcore.io.formats`
decode     bytes to text: UTF-8 (BOM or not), UTF-16/32, Windows-1252, Latin-1
tables     raw tables: header row, blank and total rows, row and column limits
delimited  CSV/TSV text (the catch-all of text)
xlsx       Excel workbooks
archive    zip archives of data files
dl         UCINET DL files
pajek      Pajek .net/.paj files
graphs     GEXF and GraphML files (networkx)
kumu       Kumu JSON exports
refused    formats recognised to be refused with a message saying what they are
manifest   how to read back a workbook this dashboard exported (renamed, computed columns)
layouts    which contract table a raw table is; adjacency matrices; bare edge lists
network    organizations and ties: repairs and warnings
periods    period labels, lists and intervals, time order
extras     challenges, scenarios, self-assessment
cells      cell values: text, numbers, flags, id keys
headers    header vocabulary beyond the contract's synonyms
matrix     ties from a matrix of numbers
notes      warnings naming rows
========== ===========================================================================
"""

from .layouts import Contract, to_contract
from .tables import RawTable

__all__ = ["RawTable", "to_contract", "Contract"]
