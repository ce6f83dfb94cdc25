"""Exports: the dataset as a workbook, any table as CSV or XLSX, a map for Gephi or GraphML tools.

======== ===============================================================
workbook the dataset in the contract (XLSX), frames as XLSX or CSV, text kept inert
story    one map in every period, gathered once for the files below
gexf     the map for Gephi: GEXF 1.3, dynamic (one spell per period)
graphs   one map as GEXF 1.2 or GraphML (networkx's writers)
======== ===============================================================
"""

from .gexf import GEXF_MIME, to_gexf
from .graphs import to_gexf_bytes, to_graphml_bytes
from .story import MapStory, map_story
from .workbook import XLSX_MIME, export_xlsx, frame_csv, frames_xlsx

__all__ = ["GEXF_MIME", "XLSX_MIME", "MapStory", "export_xlsx", "frame_csv", "frames_xlsx",
           "map_story", "to_gexf", "to_gexf_bytes", "to_graphml_bytes"]
