"""The data for Kumu: a workbook in Kumu's import layout, with the map's measures as fields.

Sheets (Kumu imports ``Elements`` and ``Connections`` and skips every sheet whose
name says "(ignore)"):

- **Elements**: ``ID`` first, so Kumu matches elements by id and a second import
  updates them instead of adding copies; ``Label`` (the name), ``Type`` (the
  sector), ``Description`` (sector, geography and rank in words), ``Tags`` (the
  periods in which the organization has a tie, separated by ``|``, for Kumu's
  tagged timeline), ``Geography``, ``Focal``, the extra columns, then the
  measures as fields: every node measure of the period in view, named with it
  (``Influence (2024)``), and the influence of every other period. When some
  organizations have no name, Label shows the ID and a ``Name`` field keeps
  the name as it is (blank).
- **Connections**: one row per tie of the data (not merged), ``From`` and
  ``To`` (element IDs), ``Type``, ``Strength``, ``Tags`` (the period; blank for
  a tie that holds in every period), ``Direction`` (directed/undirected),
  ``Challenge``, ``Reported by``, ``Confidence``.
- ``challenges (ignore)``, ``scenarios (ignore)``, ``assessment (ignore)`` when the
  data has them, and ``About this export (ignore)``: one row per column saying
  what it holds and how this dashboard reads it back
  (:mod:`csvcore.io.readers.manifest`).

The workbook holds every organization and every tie of the data, so uploading
it again gives the same data (the same fingerprint); the measures are those of
the map in view (challenge and filters), blank for organizations the filters
leave out, and are not read back. Text is written as text, never as a formula.
"""

from __future__ import annotations

import pandas as pd

from ...contract.dataset import Dataset
from ...contract.schema import LIMITS, normalize_header
from ...graph.measures import MEASURE_INFO
from ..readers.manifest import HEADERS
from .story import MapStory
from .workbook import frames_xlsx

__all__ = ["to_kumu"]

_KUMU_SEP = "|"
_THEIRS = ("Description", "Tags")
_RESERVED = {"id", "label", "type", "name", "geography", "focal"}


def to_kumu(ds: Dataset, story: MapStory) -> bytes:
    """Return the Kumu workbook (XLSX bytes) of ``ds`` with the measures of ``story``."""
    elements, about = _elements(ds, story)
    connections, more = _connections(ds)
    sheets = {"Elements": elements, "Connections": connections}
    for table in ("challenges", "scenarios", "assessment"):
        frame = getattr(ds, table)
        if len(frame):
            sheets[f"{table} (ignore)"] = frame
    about = pd.DataFrame(about + more, columns=list(HEADERS))
    sheets["About this export (ignore)"] = about
    return frames_xlsx(sheets)


def _elements(ds: Dataset, story: MapStory) -> tuple[pd.DataFrame, list]:
    orgs = ds.organizations
    names = orgs["name"]
    unnamed = bool((names == "").any())
    now = story.measures_of(story.period)
    when = _when(story, story.period)
    ranks = now["rank"].reindex(orgs["id"]).to_numpy()
    describe = [f"{s} · {g}" + (f" · rank {int(r)} of {len(now)} by influence {when}"
                                if r == r else "")
                for s, g, r in zip(orgs["sector"], orgs["geography"], ranks)]
    frame = {"ID": orgs["id"], "Label": names.where(names != "", orgs["id"]),
             "Type": orgs["sector"], "Description": describe,
             "Tags": [_KUMU_SEP.join(story.active(i)) for i in orgs["id"]],
             "Geography": orgs["geography"], "Focal": orgs["focal"].map({True: "yes",
                                                                          False: ""})}
    about = [["Elements", "ID", "The organization's id (Kumu matches elements by it).", "id"],
             ["Elements", "Label", "The organization's name" + (
                 ", or its id where it has none (see Name)." if unnamed else "."),
              "" if unnamed else "name"],
             ["Elements", "Type", "The sector.", "sector"],
             ["Elements", "Description", "Sector, geography and rank, in words.", ""],
             ["Elements", "Tags", "The periods in which the organization has a tie.", ""],
             ["Elements", "Geography", "The region or country.", "geography"],
             ["Elements", "Focal", "yes for our organization.", "focal"]]
    if unnamed:
        frame["Name"] = names
        about.append(["Elements", "Name", "The name as in the data (blank: none).", "name"])
    for column in ds.extra_attributes:
        kumu = normalize_header(column).title()
        if kumu in _THEIRS:  # their own description or tags fill Kumu's column
            frame[kumu] = orgs[column]
            about = [row for row in about if row[1] != kumu]
            header = kumu
        else:
            header = _unique(column if normalize_header(column) not in _RESERVED
                             else f"{column} (column)", frame)
            frame[header] = orgs[column]
        about.append(["Elements", header, "A column of the organizations table.", column])
    fields = [(c, story.period) for c in story.measure_columns]
    fields += [("influence", p) for p in reversed(story.periods) if p != story.period]
    room = max(LIMITS["columns"] - len(frame), 0)
    if len(fields) > room:
        about.append(["Elements", "", f"{len(fields) - room} measure fields left out: a sheet "
                      f"has at most {LIMITS['columns']} columns.", ""])
    for column, period in fields[:room]:
        header = f"{MEASURE_INFO[column][0]} ({_when(story, period)})"
        values = story.measures_of(period)[column].reindex(orgs["id"]).to_numpy()
        frame[header] = values
        about.append(["Elements", header, f"{MEASURE_INFO[column][1]} Computed by the "
                      f"dashboard on the map of {story.key.describe()}, {_when(story, period)}.",
                      ""])
    return pd.DataFrame(frame), about


def _connections(ds: Dataset) -> tuple[pd.DataFrame, list]:
    ties = ds.relationships
    frame = pd.DataFrame({
        "From": ties["source"], "To": ties["target"], "Type": ties["type"],
        "Strength": ties["strength"], "Tags": ties["period"],
        "Direction": ties["directed"].map({True: "directed", False: "undirected"}),
        "Challenge": ties["challenge"], "Reported by": ties["reported_by"],
        "Confidence": ties["confidence"]})
    about = [["Connections", "From", "The id of the organization the tie starts from.", "source"],
             ["Connections", "To", "The id of the organization the tie goes to.", "target"],
             ["Connections", "Type", "The type of tie.", "type"],
             ["Connections", "Strength", "The tie's strength.", "strength"],
             ["Connections", "Tags", "The period (blank: every period).", "period"],
             ["Connections", "Direction", "directed or undirected.", "directed"],
             ["Connections", "Challenge", "The challenge (blank: every challenge).",
              "challenge"],
             ["Connections", "Reported by", "Who reported the tie.", "reported_by"],
             ["Connections", "Confidence", "How sure the reporter is (0 to 1).", "confidence"]]
    return frame, about


def _unique(header: str, frame: dict) -> str:
    """Return ``header``, numbered when the sheet has it already."""
    taken, number, unique = {normalize_header(h) for h in frame}, 1, header
    while normalize_header(unique) in taken:
        number += 1
        unique = f"{header} {number}"
    return unique


def _when(story: MapStory, period: str) -> str:
    return period if story.dated else "all ties"
