"""A map for Gephi: GEXF 1.3, dynamic, so Gephi's timeline plays the story over time.

What the file holds (it validates against the GEXF 1.3 schema):

- **Time.** ``mode="dynamic"``, ``timerepresentation="interval"``. Each period is a
  spell from its own time to the time just before the next period (the last
  period: its own time only), so spells never overlap (Gephi rejects
  overlapping values of one attribute). Periods that are all whole numbers
  (years, waves 1, 2, 3) are their own times, ``timeformat="integer"``; periods
  that are all dates (``YYYY-MM-DD``) are ``timeformat="date"`` with spells
  ending the day before the next period; other labels ('2019-Q2', 'Wave A')
  are numbered 1, 2, 3 in time order, and the ``period`` attribute of each tie
  holds the label. Data without periods gives a static file.
- **Organizations.** One node per organization on the roster, labelled with
  its name; a spell for each period in which it has a tie (every period for one
  that never has a tie, so it stays on the map). Sector, geography, ``focal``
  and the extra columns are static attributes; every node measure of the
  dashboard (degree ... influence, rank, community) is a dynamic attribute with
  one value per period. ``color``, ``size`` and ``position`` are the
  dashboard's: the sector's colour (ours dark grey), 10 + 25 × influence in
  the period in view, the fixed layout.
- **Ties.** One edge per pair (per ordered pair on a directed map), with a
  spell for each period in which the two are tied; per period, the dynamic
  ``weight`` is the merged strength (Gephi sizes and weighs edges by it), and
  ``strength`` (the same number, under a name that readers which keep only
  one static weight, such as networkx, do not drop), ``tie_type`` (the types
  joined with "; "), ``ties`` (records merged) and ``period`` are dynamic
  attributes. The edge's own ``weight`` is the strength summed over those
  periods, for tools that read one number. The tie type is never written to
  the edge's ``type``, which GEXF reserves for the direction.

Gephi reads ``color``, ``size`` and ``position`` by their local name, so they
are written in the GEXF namespace, where the 1.3 schema declares them.

>>> import pandas as pd
>>> from csvcore.contract.dataset import Dataset
>>> ds = Dataset.from_frames(relationships=pd.DataFrame(
...     {"source": ["a", "b"], "target": ["b", "c"], "period": ["2020", "2021"],
...      "type": ["funding", "advice"]}))
>>> text = to_gexf(map_story(ds)).decode()
>>> '<spell start="2020" end="2020"/>' in text, 'for="tie_type" value="advice"' in text
(True, True)
>>> period_times(["2019", "2021"]), period_times(["2020-01-31", "2020-03-01"])
(('integer', {'2019': ('2019', '2020'), '2021': ('2021', '2021')}), ('date', {'2020-01-31': ('2020-01-31', '2020-02-29'), '2020-03-01': ('2020-03-01', '2020-03-01')}))
>>> period_times(["Q4", "Q1"])
('integer', {'Q4': ('1', '1'), 'Q1': ('2', '2')})
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import re
from collections.abc import Iterable, Sequence
from xml.sax.saxutils import escape, quoteattr

import numpy as np

from ...graph import style
from ...graph.measures import MEASURE_INFO
from .story import MapStory, map_story

__all__ = ["GEXF_MIME", "map_story", "period_times", "to_gexf"]

GEXF_MIME = "application/gexf+xml"
_NS = "http://gexf.net/1.3"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
_INTEGER = re.compile(r"-?\d{1,15}")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_INTEGER_MEASURES = {"degree", "in_degree", "out_degree", "rank", "community"}


def period_times(periods: Sequence[str]) -> tuple[str, dict[str, tuple[str, str]]]:
    """Return GEXF's ``timeformat`` and each period's spell ``(start, end)``, as text.

    ``periods`` are in time order. A period lasts until just before the next
    one: the year before for whole numbers, the day before for dates.
    """
    if all(_INTEGER.fullmatch(p) for p in periods):
        times = [int(p) for p in periods]
        if _increasing(times):
            ends = [max(t, nxt - 1) for t, nxt in itertools.pairwise(times)] + times[-1:]
            return "integer", {p: (str(t), str(e)) for p, t, e in zip(periods, times, ends)}
    if all(_DATE.fullmatch(p) for p in periods):
        try:
            days = [dt.date.fromisoformat(p) for p in periods]
        except ValueError:
            days = []
        if days and _increasing(days):
            ends = [max(d, nxt - dt.timedelta(days=1)) for d, nxt in itertools.pairwise(days)]
            ends += days[-1:]
            return "date", {p: (d.isoformat(), e.isoformat())
                            for p, d, e in zip(periods, days, ends)}
    return "integer", {p: (str(i), str(i)) for i, p in enumerate(periods, start=1)}


def to_gexf(story: MapStory) -> bytes:
    """Return the map as GEXF 1.3 bytes (UTF-8), dynamic when the data has periods."""
    out = io.StringIO()
    write = out.write
    timeformat, spells = period_times(story.periods) if story.dated else ("", {})
    graph = {"mode": "dynamic" if story.dated else "static",
             "defaultedgetype": "directed" if story.directed else "undirected",
             "idtype": "string"}
    if story.dated:
        first, last = spells[story.periods[0]][0], spells[story.periods[-1]][1]
        graph.update(timeformat=timeformat, timerepresentation="interval", start=first,
                     end=last)
    write('<?xml version="1.0" encoding="UTF-8"?>\n')
    write(f'<gexf xmlns="{_NS}" xmlns:xsi="{_XSI}" '
          f'xsi:schemaLocation="{_NS} {_NS}/gexf.xsd" version="1.3">\n')
    write(f'  <meta lastmodifieddate="{dt.date.today().isoformat()}">\n'
          "    <creator>Shared Value Navigator</creator>\n"
          f"    <description>{_text(_describe(story, spells))}</description>\n  </meta>\n")
    write(f"  <graph{_attrs(graph)}>\n")
    static, measures = _node_columns(story)
    write(_declare("node", "static", static.values()))
    write(_declare("node", "dynamic" if story.dated else "static",
                   [(c, MEASURE_INFO.get(c, (c.title(),))[0], _measure_type(c))
                    for c in measures]))
    write(_declare("edge", "dynamic" if story.dated else "static",
                   [("weight", "Weight", "double"), ("strength", "Strength", "double"),
                    ("tie_type", "Tie type", "string"),
                    ("ties", "Tie records", "integer"), ("period", "Period", "string")]))
    _write_nodes(write, story, static, measures, spells)
    _write_edges(write, story, spells)
    write("  </graph>\n</gexf>\n")
    return out.getvalue().encode("utf-8")


def _node_columns(story: MapStory):
    """Return the static node attributes {column: (id, title, type)} and the measure columns."""
    static = {"sector": ("sector", "Sector", "string"),
              "geography": ("geography", "Geography", "string"),
              "focal": ("focal", "Our organization", "boolean")}
    static.update((c, (f"attribute-{i}", c, "string"))
                  for i, c in enumerate(story.attributes, start=1))
    return static, story.measure_columns


def _write_nodes(write, story: MapStory, static: dict, measures: list[str], spells) -> None:
    table = story.measures
    scores = dict(zip(zip(table["id"], table["period"]),
                      table[measures].itertuples(index=False, name=None)))
    write(f'    <nodes count="{len(story.nodes)}">\n')
    for node in story.nodes.to_dict("records"):
        org = node["id"]
        write(f"      <node{_attrs({'id': org, 'label': node['name']})}>\n        <attvalues>\n")
        for column, (key, _, kind) in static.items():
            value = node.get(column)
            if value not in (None, "") and not (isinstance(value, float) and value != value):
                write(f"          <attvalue{_attrs({'for': key, 'value': _value(value, kind)})}/>\n")
        periods = story.active(org) or story.periods
        for period in periods:
            when = _spell(spells, period)
            for column, score in zip(measures, scores[(org, period)]):
                if score == score:  # not NaN
                    values = {"for": column, "value": _value(score, _measure_type(column))}
                    write(f"          <attvalue{_attrs(values)}{when}/>\n")
        write("        </attvalues>\n")
        if story.dated:
            write(_spells(spells, periods))
        r, g, b = style.rgb(node["color"])
        write(f'        <color r="{r}" g="{g}" b="{b}"/>\n'
              f'        <position x="{node["x"]:.2f}" y="{node["y"]:.2f}" z="0.0"/>\n'
              f'        <size value="{node["size"]:.2f}"/>\n      </node>\n')
    write("    </nodes>\n")


def _write_edges(write, story: MapStory, spells) -> None:
    pairs = story.edges.groupby(["source", "target"], sort=False)
    strongest = pairs["strength"].sum().max() if len(story.edges) else 1.0
    r, g, b = style.rgb(style.TIE_COLOR)
    write(f'    <edges count="{pairs.ngroups}">\n')
    for number, ((source, target), rows) in enumerate(pairs):
        total = float(rows["strength"].sum())
        head = {"id": f"e{number}", "source": source, "target": target,
                "weight": _value(total, "double")}
        write(f"      <edge{_attrs(head)}>\n        <attvalues>\n")
        for row in rows.itertuples(index=False):
            when = _spell(spells, row.period)
            for key, value, kind in (("weight", row.strength, "double"),
                                     ("strength", row.strength, "double"),
                                     ("tie_type", row.type, "string"),
                                     ("ties", row.ties, "integer"),
                                     ("period", row.period, "string")):
                if value != "":
                    write(f"          <attvalue{_attrs({'for': key, 'value': _value(value, kind)})}"
                          f"{when}/>\n")
        write("        </attvalues>\n")
        if story.dated:
            write(_spells(spells, list(rows["period"])))
        write(f'        <color r="{r}" g="{g}" b="{b}"/>\n'
              f'        <thickness value="{style.line_width(total, strongest):.2f}"/>\n'
              "      </edge>\n")
    write("    </edges>\n")


def _declare(kind: str, mode: str, columns: Iterable[tuple[str, str, str]]) -> str:
    lines = [f"      <attribute{_attrs({'id': i, 'title': t, 'type': k})}/>\n"
             for i, t, k in columns]
    if not lines:
        return ""
    return f'    <attributes class="{kind}" mode="{mode}">\n{"".join(lines)}    </attributes>\n'


def _spells(spells: dict, periods: Iterable[str]) -> str:
    inner = "".join(f'          <spell start="{spells[p][0]}" end="{spells[p][1]}"/>\n'
                    for p in periods)
    return f"        <spells>\n{inner}        </spells>\n"


def _spell(spells: dict, period: str) -> str:
    if not spells:
        return ""
    start, end = spells[period]
    return f' start="{start}" end="{end}"'


def _describe(story: MapStory, spells: dict) -> str:
    text = f"Map: {story.key.describe()}. "
    if not story.dated:
        return text + "The data has no periods: one map holds every tie."
    text += f"Periods: {', '.join(story.periods)}; node sizes from influence in {story.period}."
    if any(spells[p][0] != p for p in story.periods):
        text += " Times: " + ", ".join(f"{spells[p][0]} = {p}" for p in story.periods) + "."
    return text


def _measure_type(column: str) -> str:
    return "integer" if column in _INTEGER_MEASURES else "double"


def _value(value, kind: str) -> str:
    """Return a value as GEXF text for its declared type."""
    if isinstance(value, np.generic):
        value = value.item()
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "integer":
        return str(int(value))
    if kind == "double":
        return repr(float(value))
    return str(value)


def _attrs(values: dict) -> str:
    return "".join(f" {name}={quoteattr(_NOT_XML.sub('', str(v)))}" for name, v in values.items())


def _text(value: str) -> str:
    return escape(_NOT_XML.sub("", value))


def _increasing(values: list) -> bool:
    return all(a < b for a, b in itertools.pairwise(values))
