"""A closed survey round becomes ties: who reported them, and how far the two sides agree.

Every submitted answer is a tie of the round's period and challenge, with
``reported_by`` = the respondent's organization. Answers are grouped by the
pair of organizations and the tie type; in each group:

- **Confidence from agreement.** Named by both organizations: ``confidence`` =
  :data:`CONFIRMED` (1.0). Named by one side only (the other did not answer,
  was not asked, or answered without naming it): :data:`UNCONFIRMED` (0.5).
  A map shows a tie of confidence 0.5 or less as unconfirmed (the contract's
  :data:`~csvcore.contract.schema.UNCONFIRMED`; spreadsheet ties whose reporter
  was at most 50% sure count as unconfirmed too).
- **Direction.** Each answer says which way the tie runs: "we give" is an arc
  from the respondent to the other, "we receive" the reverse, "both" both
  arcs. One arc gives a directed tie, both arcs an undirected one.
- **Contradictions.** When the two sides give different strengths, or
  different directions (as arcs: A's "we give" agrees with B's "we receive"),
  the group is listed as a :class:`Contradiction` for the team to resolve.
  Until they choose a side, a strength contradiction takes the mean of the two
  answers and a direction contradiction takes every arc either side named.

Organizations added by respondents ("not listed") become organizations, matched
to the map's ids and names ignoring case and spacing (two respondents adding
the same name add one organization). The merged data is then read through
the importer, so its validation report is the usual one and the version
saved is exactly what re-opens.

>>> from .answers import Answer
>>> reports = [Reported("a", Answer("b", "funding", 4, "we give")),
...            Reported("b", Answer("a", "funding", 2, "we receive")),
...            Reported("b", Answer("", "advice", 3, "both", name="River Trust"))]
>>> ties, contradictions, added = agree(reports, {"a": ("Acme", ""), "b": ("Basin", "")}, {})
>>> ties[["source", "target", "strength", "directed", "confidence"]].values.tolist()
[['a', 'b', 3.0, True, 1.0], ['b', 'River Trust', 3.0, False, 0.5]]
>>> [(c.field, c.first_says, c.second_says) for c in contradictions]
[('strength', '4', '2')]
>>> list(added["id"])
['River Trust']
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from ..contract.dataset import Dataset
from ..contract.report import Report
from ..contract.schema import CONFIRMED, UNCONFIRMED
from ..io.export.workbook import export_xlsx
from ..io.importer import load_files
from ..io.readers.cells import id_key, id_text
from ..io.readers.repairs import sector_name
from .answers import GIVE, RECEIVE, Answer, organization_keys

__all__ = ["CONFIRMED", "UNCONFIRMED", "Reported", "Contradiction", "Merged", "agree",
           "merge_round", "FIRST", "SECOND", "MEAN", "EITHER"]

#: How a contradiction is resolved: one side's answer, the mean strength, every arc named.
FIRST, SECOND, MEAN, EITHER = "first", "second", "mean", "either"
_TIES = ["source", "target", "type", "strength", "directed", "reported_by", "confidence",
         "notes"]


@dataclass(frozen=True)
class Reported:
    """A submitted answer and the organization (id) whose respondent gave it."""

    reporter: str
    answer: Answer


@dataclass(frozen=True)
class Contradiction:
    """Two organizations naming the same tie differently, in ``field`` (strength or direction).

    ``first`` and ``second`` are the two organizations' ids, in sorted order;
    ``first_says``/``second_says`` are their answers in words ("4", "a → b",
    "both ways"); ``chosen`` is the resolution in use, one of ``options``.
    """

    key: str
    first: str
    second: str
    type: str
    field: str
    first_says: str
    second_says: str
    options: tuple[str, ...]
    chosen: str


@dataclass(frozen=True)
class Merged:
    """A round merged onto a version: the data to save (None if unusable) and what to review."""

    dataset: Dataset | None
    report: Report
    ties: pd.DataFrame
    contradictions: tuple[Contradiction, ...]
    added: pd.DataFrame


def agree(reports: Sequence[Reported], roster: Mapping[str, tuple[str, str]],
          known: Mapping[str, str], resolutions: Mapping[str, str] | None = None
          ) -> tuple[pd.DataFrame, tuple[Contradiction, ...], pd.DataFrame]:
    """Return the round's ties, its contradictions and the organizations respondents added.

    ``roster`` maps the round's organization ids to (name, sector); ``known``
    maps the id keys (:func:`~csvcore.io.readers.cells.id_key`) of the map's ids
    and names to ids, to match organizations that were not listed;
    ``resolutions`` maps a contradiction's key to FIRST, SECOND, MEAN or EITHER.
    """
    resolutions = resolutions or {}
    matched = dict(known)
    added: dict[str, tuple[str, str]] = {}
    groups: dict[tuple[str, str, str], dict[str, Answer]] = {}
    for report in reports:
        other = report.answer.organization or _added(report.answer, matched, added)
        pair = tuple(sorted((report.reporter, other)))
        groups.setdefault((*pair, report.answer.type), {}).setdefault(report.reporter,
                                                                      report.answer)
    rows, contradictions = [], []
    for (first, second, tie_type), answers in groups.items():
        row, found = _one_tie(first, second, tie_type, answers, roster, resolutions)
        rows.append(row)
        contradictions += found
    ties = pd.DataFrame(rows, columns=_TIES)
    organizations = pd.DataFrame([(i, name, sector) for i, (name, sector) in added.items()],
                                 columns=["id", "name", "sector"])
    return ties, tuple(contradictions), organizations


def _added(answer: Answer, matched: dict[str, str], added: dict) -> str:
    """Return the id of an organization given by name: the map's, or a new one."""
    key = id_key(answer.name)
    if key not in matched:
        matched[key] = id_text(answer.name)
        added[matched[key]] = (id_text(answer.name), sector_name(answer.sector))
    return matched[key]


def _one_tie(first, second, tie_type, answers: dict[str, Answer], roster, resolutions):
    """Return one tie (a row of :data:`_TIES`) and its contradictions, from one or two answers."""
    def arcs(reporter: str, answer: Answer) -> frozenset:
        other = second if reporter == first else first
        forward, backward = (reporter, other), (other, reporter)
        return frozenset({GIVE: [forward], RECEIVE: [backward]}.get(answer.direction,
                                                                    [forward, backward]))

    names = [roster.get(r, (r, ""))[0] or r for r in (first, second) if r in answers]
    notes = "; ".join(f"{roster.get(r, (r, ''))[0] or r}: {a.note}"
                      for r, a in answers.items() if a.note)
    found = []
    ends = (first, second)
    if len(answers) == 1:
        (reporter, answer), = answers.items()
        strength, chosen_arcs, confidence = float(answer.strength), arcs(reporter, answer), \
            UNCONFIRMED
        ends = ends if reporter == first else (second, first)
    else:
        a, b = answers[first], answers[second]
        key = f"{first}\x1f{second}\x1f{tie_type}"
        strength = _resolve_strength(key, first, second, tie_type, a, b, resolutions, found)
        chosen_arcs = _resolve_direction(key, first, second, tie_type, arcs(first, a),
                                         arcs(second, b), resolutions, found)
        confidence = CONFIRMED
    if len(chosen_arcs) == 2:
        (source, target), directed = ends, False
    else:
        (source, target), = chosen_arcs
        directed = True
    return [source, target, tie_type, strength, directed, "; ".join(names), confidence,
            notes], found


def _resolve_strength(key, first, second, tie_type, a: Answer, b: Answer, resolutions,
                      found: list) -> float:
    if a.strength == b.strength:
        return float(a.strength)
    options = (MEAN, FIRST, SECOND)
    chosen = resolutions.get(key + "\x1fstrength", MEAN)
    chosen = chosen if chosen in options else MEAN
    found.append(Contradiction(key + "\x1fstrength", first, second, tie_type, "strength",
                               str(a.strength), str(b.strength), options, chosen))
    return {FIRST: float(a.strength), SECOND: float(b.strength)}.get(
        chosen, (a.strength + b.strength) / 2)


def _resolve_direction(key, first, second, tie_type, a_arcs, b_arcs, resolutions,
                       found: list) -> frozenset:
    if a_arcs == b_arcs:
        return a_arcs
    options = (EITHER, FIRST, SECOND)
    chosen = resolutions.get(key + "\x1fdirection", EITHER)
    chosen = chosen if chosen in options else EITHER
    found.append(Contradiction(key + "\x1fdirection", first, second, tie_type, "direction",
                               _arcs_words(a_arcs), _arcs_words(b_arcs), options, chosen))
    return {FIRST: a_arcs, SECOND: b_arcs}.get(chosen, a_arcs | b_arcs)


def _arcs_words(arcs: frozenset) -> str:
    if len(arcs) == 2:
        return "both ways"
    (source, target), = arcs
    return f"{source} → {target}"


def merge_round(base: Dataset, reports: Sequence[Reported], *, period: str, challenge: str,
                roster: Mapping[str, tuple[str, str]],
                resolutions: Mapping[str, str] | None = None) -> Merged:
    """Return ``base`` with the round's ties added as ``period``, read through the importer.

    Organizations the ties name that ``base`` lacks (added by respondents, added
    to the round by name, or removed from the map since the round opened) are
    added with the names and sectors the round knows.
    """
    orgs = base.organizations
    known = organization_keys(orgs["id"], orgs["name"])
    ties, contradictions, added = agree(reports, roster, known, resolutions)
    new = set(added["id"])
    missing = [i for i in pd.unique(ties[["source", "target"]].to_numpy().ravel())
               if id_key(i) not in known and i not in new]
    from_roster = pd.DataFrame([(i, *roster.get(i, (i, ""))) for i in missing],
                               columns=["id", "name", "sector"])
    new_orgs = pd.concat([from_roster, added], ignore_index=True)
    new_ties = ties.drop(columns="notes").assign(period=period, challenge=challenge)
    candidate = base.replace(organizations=_stacked(orgs, new_orgs),
                             relationships=_stacked(base.relationships, new_ties),
                             periods=(*base.periods, period))
    dataset, report = load_files([(f"survey round {period}.xlsx", export_xlsx(candidate))])
    return Merged(dataset, report, ties, contradictions, new_orgs)


def _stacked(frame: pd.DataFrame, more: pd.DataFrame) -> pd.DataFrame:
    return pd.concat([frame, more], ignore_index=True) if len(more) else frame
