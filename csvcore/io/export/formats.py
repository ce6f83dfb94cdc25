"""Every export by name, for the command line and the dashboard's download buttons.

Each :class:`ExportFormat` turns a dataset and what is in view (the map key,
the period, our organization) into the bytes of one file. Both
``python -m csvcore export --format NAME`` and the pages call :func:`export`,
so a file made on the command line is the file the dashboard offers.

========= ======================================================================
gexf      the map for Gephi, every period (GEXF 1.3, dynamic)
graphml   the map of the period for yEd, Cytoscape, igraph (GraphML)
kumu      the data in Kumu's import layout with the map's measures (XLSX)
xlsx      every node measure of every period, or of ``period`` (XLSX)
csv       the same as CSV
========= ======================================================================

>>> import pandas as pd
>>> from csvcore.contract.dataset import Dataset
>>> ds = Dataset.from_frames(relationships=pd.DataFrame({"source": ["a"], "target": ["b"]}))
>>> export(ds, "csv").splitlines()[0].startswith(b"\\xef\\xbb\\xbfperiod,id,name")
True
>>> FORMATS["gexf"].file_name(MapKey("Water & food"), "2024")
'map-Water_food-2024.gexf'
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from ...contract.dataset import Dataset
from ...contract.mapkey import MapKey
from ...graph.build import EVERYTHING
from ...graph.measures import measures_table
from .gexf import GEXF_MIME, to_gexf
from .graphml import GRAPHML_MIME, to_graphml
from .kumu import to_kumu
from .story import map_story
from .workbook import XLSX_MIME, frame_csv, frames_xlsx

__all__ = ["FORMATS", "ExportFormat", "export"]


@dataclass(frozen=True)
class ExportFormat:
    """One kind of file: its name, what it is for, and how it is made."""

    name: str
    label: str  # for a download button
    stem: str  # what the file holds, the start of its name
    suffix: str
    mime: str
    make: Callable[..., bytes]  # (ds, key, period, us, measures, positions) -> bytes

    def file_name(self, key: MapKey, period: str | None) -> str:
        """Return a file name that says what the file holds, e.g. ``map-Water-2024.gexf``."""
        parts = (self.stem, key.challenge or "all", period or "")
        return "-".join(_safe(p) for p in parts if p) + self.suffix


def export(ds: Dataset, name: str, key: MapKey = EVERYTHING, period: str | None = None,
           us: str | None = None, *, measures: pd.DataFrame | None = None,
           positions: dict | None = None) -> bytes:
    """Return the file ``name`` (a key of :data:`FORMATS`) of what is in view.

    ``measures`` (``measures_table(ds, key)``) and ``positions`` (``layout(ds,
    key.challenge)``) may be given when the caller has them already.
    """
    return FORMATS[name].make(ds, key, period, us, measures, positions)


def _gexf(ds, key, period, us, measures, positions) -> bytes:
    return to_gexf(map_story(ds, key, period, us=us, measures=measures, positions=positions))


def _graphml(ds, key, period, us, measures, positions) -> bytes:
    return to_graphml(map_story(ds, key, period, us=us, measures=measures, positions=positions))


def _kumu(ds, key, period, us, measures, positions) -> bytes:
    return to_kumu(ds, map_story(ds, key, period, us=us, measures=measures,
                                 positions=positions))


def _measures(ds, key, period, measures) -> pd.DataFrame:
    table = measures_table(ds, key) if measures is None else measures
    return table if period is None else table[table["period"] == period]


def _xlsx(ds, key, period, us, measures, positions) -> bytes:
    return frames_xlsx({"measures": _measures(ds, key, period, measures)})


def _csv(ds, key, period, us, measures, positions) -> bytes:
    return frame_csv(_measures(ds, key, period, measures))


FORMATS: dict[str, ExportFormat] = {f.name: f for f in (
    ExportFormat("gexf", "Map for Gephi (GEXF)", "map", ".gexf", GEXF_MIME, _gexf),
    ExportFormat("graphml", "Map (GraphML)", "map", ".graphml", GRAPHML_MIME, _graphml),
    ExportFormat("kumu", "Workbook for Kumu (XLSX)", "kumu", ".xlsx", XLSX_MIME, _kumu),
    ExportFormat("xlsx", "Measures (XLSX)", "measures", ".xlsx", XLSX_MIME, _xlsx),
    ExportFormat("csv", "Measures (CSV)", "measures", ".csv", "text/csv", _csv),
)}


def _safe(text: str) -> str:
    """Return ``text`` fit for a file name: letters, digits, '.', '_' and '-' only."""
    return re.sub(r"[^\w.-]+", "_", str(text)).strip("_") or "x"
