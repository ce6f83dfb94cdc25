"""The contract every other part relies on: tables and columns, the Dataset, the report, the map key.

========= ==============================================================
schema    tables, canonical columns, header synonyms, vocabularies, limits
dataset   the immutable, content-fingerprinted Dataset
report    the validation report: errors and warnings with their locations
mapkey    which map: a challenge and its filters; the period default
overview  the dataset at a glance (counts, sectors, ties per period)
words     plain-language helpers for findings and notes
========= ==============================================================
"""

from .dataset import Dataset
from .mapkey import MapKey, latest_period, period_labels, resolve_period
from .report import Finding, Report, UploadRejected

__all__ = ["Dataset", "MapKey", "Finding", "Report", "UploadRejected", "period_labels",
           "latest_period", "resolve_period"]
