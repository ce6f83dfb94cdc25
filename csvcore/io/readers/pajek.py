"""Pajek .net and .paj files: ``*Vertices``, ``*Arcs``/``*Edges`` (and lists), ``*Matrix``.

Arcs are directed ties, edges undirected; the third number on a line is the
strength. A project file (.paj) with several ``*Network`` blocks gives one tie
type per network (the name after the last ':'). ``*Partition`` and ``*Vector``
blocks are skipped; '%' lines are comments. Vertices are named by their labels
when these are unique, else by their numbers.

>>> text = '*Vertices 3\\n1 "Ann"\\n2 "Bob"\\n3 Cy\\n*Arcs\\n1 2 2\\n*Edges\\n2 3\\n'
>>> orgs, ties = pajek_tables("p.net", text, Report())
>>> orgs.column(0), ties.rows, ties.numbers
(['Ann', 'Bob', 'Cy'], [['Ann', 'Bob', '2', True], ['Bob', 'Cy', '1', False]], [6, 8])
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...contract.report import Report, UploadRejected
from .cells import parse_number
from .format import Format
from .matrix import labels_as_ids, matrix_ties
from .tables import RawTable, table_from_records

__all__ = ["pajek_tables", "FORMAT"]

_VERTEX = re.compile(r'^\s*(\d+)(?:\s+(?:"([^"]*)"|(\S+)))?')
_KEYWORDS = ("*network", "*vertices", "*arcs", "*edges", "*matrix")
_SKIPPED = {"partition", "vector", "permutation", "cluster", "hierarchy"}


@dataclass
class _Network:
    name: str
    vertices: dict[int, str] = field(default_factory=dict)
    lines: list[tuple[str, int, list[str]]] = field(default_factory=list)  # section, line, tokens


def pajek_tables(file: str, text: str, report: Report) -> list[RawTable]:
    """Return an organizations table and a ties table read from a Pajek file."""
    networks = _parse(text)
    ties, numbers, names = [], [], {}
    for network in networks:
        ids = _ids(network)
        names.update((id_, None) for id_ in ids.values())
        extra = {"type": network.name} if len(networks) > 1 else {}
        found, where = _ties(network, ids, extra)
        ties += found
        numbers += where
    if not names:
        raise UploadRejected("This Pajek file has no *Vertices.", file=file,
                             fix="Export the network from Pajek again (File > Network > Save).")
    return [table_from_records(file, [{"id": n} for n in names], report, "organizations"),
            table_from_records(file, ties, report, "relationships", numbers)]


def _parse(text: str) -> list[_Network]:
    """Split a Pajek file into networks with their vertices and numbered data lines."""
    networks: list[_Network] = []
    section = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("%"):
            continue
        if line.startswith("*"):
            word, _, rest = line[1:].partition(" ")
            if section == "skip" and word.lower() != "network":
                continue
            section = word.lower()
            if section == "network" or not networks:
                networks.append(_Network(_network_name(rest if section == "network" else "")))
            if section in _SKIPPED:
                section = "skip"
            continue
        if section == "vertices":
            match = _VERTEX.match(line)
            if match:
                index = int(match.group(1))
                networks[-1].vertices[index] = match.group(2) or match.group(3) or str(index)
        elif section in ("arcs", "edges", "arcslist", "edgeslist", "matrix"):
            networks[-1].lines.append((section, number, line.split()))
    return [n for n in networks if n.vertices or n.lines]


def _network_name(rest: str) -> str:
    return rest.rsplit(":", 1)[-1].strip() or "network"


def _ids(network: _Network) -> dict[int, str]:
    """Return vertex number -> id (its label when labels are unique)."""
    numbers = sorted(network.vertices)
    labels = labels_as_ids([network.vertices[i] for i in numbers], [str(i) for i in numbers])
    return dict(zip(numbers, labels))


def _ties(network: _Network, ids: dict[int, str], extra: dict):
    ties, numbers = [], []
    matrix = [(number, tokens) for section, number, tokens in network.lines if section == "matrix"]
    if matrix:
        labels = [ids[i] for i in sorted(ids)]
        ties, numbers = matrix_ties(labels, labels, [tokens for _, tokens in matrix],
                                    [number for number, _ in matrix], **extra)
    for section, number, tokens in network.lines:
        if section == "matrix" or len(tokens) < 2:
            continue
        pairs = ([(tokens[1], tokens[2] if len(tokens) > 2 else "1")]
                 if section in ("arcs", "edges") else [(t, "1") for t in tokens[1:]])
        for target, strength in pairs:
            ties.append({"source": _vertex(tokens[0], ids), "target": _vertex(target, ids),
                         "strength": strength, "directed": section.startswith("arcs"), **extra})
            numbers.append(number)
    return ties, numbers


def _vertex(token: str, ids: dict[int, str]) -> str:
    index = parse_number(token)
    return ids.get(int(index), token) if index is not None and index.is_integer() else token


FORMAT = Format("pajek", "Pajek data", "text",
                sniff=lambda probe: probe.first_line.startswith(_KEYWORDS),
                suffixes=(".net", ".paj"),
                read=lambda probe, report: pajek_tables(probe.name, probe.text, report))
