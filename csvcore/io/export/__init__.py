"""Exports: the dataset as a workbook, any table as CSV or XLSX, a map for Gephi or GraphML tools.

======== ===============================================================
workbook the dataset in the contract (XLSX), frames as XLSX or CSV, text kept inert
graphs   one map as GEXF or GraphML
======== ===============================================================
"""

from .graphs import to_gexf_bytes, to_graphml_bytes
from .workbook import XLSX_MIME, export_xlsx, frame_csv, frames_xlsx

__all__ = ["XLSX_MIME", "export_xlsx", "frames_xlsx", "frame_csv", "to_gexf_bytes",
           "to_graphml_bytes"]
