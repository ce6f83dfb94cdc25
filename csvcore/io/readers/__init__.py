"""Readers behind :mod:`csvcore.io.importer`, one module per concern.

========== ===========================================================================
sniff      which reader applies to a file (by content), file-level limits
decode     bytes to text: UTF-8 (BOM or not), UTF-16/32, Windows-1252, Latin-1
tables     raw tables from CSV/TSV/XLSX/zip: header row, blank and total rows, limits
dl         UCINET DL files
pajek      Pajek .net/.paj files
graphs     GEXF and GraphML files (networkx)
kumu       Kumu JSON exports
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
from .sniff import read_file
from .tables import RawTable

__all__ = ["read_file", "RawTable", "to_contract", "Contract"]
