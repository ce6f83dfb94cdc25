"""Exports: the dataset as a workbook, any table as CSV or XLSX, a map for Gephi or GraphML tools.

======== ===============================================================
workbook the dataset in the contract (XLSX), frames as XLSX or CSV, text kept inert
story    one map in every period, gathered once for the files below
gexf     the map for Gephi: GEXF 1.3, dynamic (one spell per period)
graphml  the map of the period in view for yEd, Cytoscape, igraph, with the story as attributes
kumu     the data in Kumu's import layout, the map's measures as fields, read back unchanged
graphs   one map as GEXF 1.2 or GraphML (networkx's writers)
======== ===============================================================
"""

from .gexf import GEXF_MIME, to_gexf
from .graphml import GRAPHML_MIME, to_graphml
from .graphs import to_gexf_bytes, to_graphml_bytes
from .kumu import to_kumu
from .story import MapStory, map_story
from .workbook import XLSX_MIME, export_xlsx, frame_csv, frames_xlsx

__all__ = ["GEXF_MIME", "GRAPHML_MIME", "XLSX_MIME", "MapStory", "export_xlsx", "frame_csv",
           "frames_xlsx", "map_story", "to_gexf", "to_gexf_bytes", "to_graphml",
           "to_graphml_bytes", "to_kumu"]
