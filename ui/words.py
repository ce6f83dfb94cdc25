"""What the pages say about their numbers: table columns, metrics, the notes under charts.

One place for the words, so that a column is called the same on every page and
its help says what is counted: :func:`columns` turns :data:`COLUMNS` into
``st.column_config`` settings, :func:`strength_metrics`, :func:`ego_metrics` and
:func:`whatif_metrics` give (label, value, help) of the headline numbers, and
:data:`NOTES` holds the longer explanations. Measures of the map take their
words from :data:`csvcore.graph.measures.MEASURE_INFO` and
:data:`csvcore.network_map.whole.SUMMARY_INFO`.

A column spec is a label, or a dict with ``label`` and optionally ``kind``
(number, text, line, select; default: plain), ``format``, ``help``, ``width``
and the keywords of that ``st.column_config`` class.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from csvcore.graph.measures import MEASURE_INFO
from csvcore.leadership.brokerage import ROLES
from csvcore.network_map.whole import SUMMARY_INFO

__all__ = ["COLUMNS", "NOTES", "WHATIF_HEADLINE", "columns", "measure_columns",
           "summary_columns", "strength_metrics", "ego_metrics", "whatif_metrics"]

_KINDS = {"number": st.column_config.NumberColumn, "text": st.column_config.TextColumn,
          "line": st.column_config.LineChartColumn, "select": st.column_config.SelectboxColumn,
          None: st.column_config.Column}

COLUMNS: dict[str, dict[str, str | dict]] = {
    "ranking": {
        "Rank": {"kind": "number", "format": "%d", "width": "small"},
        "Priority": {"kind": "number", "format": "%.1f",
                     "help": "Expected score across scenarios, probability-weighted."},
        "Spread": {"kind": "text", "help": "Probability-weighted standard deviation across "
                   "scenarios, then the lowest and highest scenario score."},
        "Class": {"kind": "text", "width": "small"},
        "Why": {"kind": "text", "width": "large"},
    },
    "coverage": {
        "challenge": "Challenge",
        "organizations": {"kind": "number", "label": "Orgs", "width": "small",
                          "help": "Organizations on marked ties."},
        "ties": {"kind": "number", "label": "Ties", "width": "small"},
        "ties_per_period": {"kind": "line", "label": "Ties per period", "width": "small",
                            "y_min": 0},
        "change": {"kind": "number", "label": "Change", "format": "%+d", "width": "small",
                   "help": "Ties now minus ties in the first period."},
        "top_players": {"kind": "text", "label": "Top players", "width": "large"},
    },
    "scenarios": {
        "scenario": {"kind": "text", "label": "Scenario", "required": True},
        "probability": {"kind": "number", "label": "Probability", "min_value": 0.0,
                        "max_value": 1.0, "step": 0.01, "format": "%.2f",
                        "help": "Normalised to sum to 1 if they do not."},
        "description": {"kind": "text", "label": "Description", "width": "large"},
    },
    "challenges": {
        "challenge": {"kind": "text", "label": "Challenge", "required": True},
        "description": {"kind": "text", "label": "Description"},
        "business_impact": {"kind": "number", "label": "Business impact", "format": "%g"},
        "societal_impact": {"kind": "number", "label": "Societal impact", "format": "%g"},
        "shared_value_level": {"kind": "select", "label": "Shared-value level"},
    },
    "moves": {
        "name": "Organization",
        "rank_change": {"kind": "number", "label": "Rank change",
                        "help": "Positive = moved up the ranking."},
        "slope": {"kind": "number", "label": "Slope per period", "format": "%.3f",
                  "help": "Least-squares trend over every period from the first to the last "
                          "compared."},
    },
    "crossing": {
        "attribute": "Column", "boundary": "Boundary", "who": "Who", "name": "Organization",
        "external": {"kind": "number", "label": "Across", "help": "Ties that cross."},
        "internal": {"kind": "number", "label": "Inside", "help": "Ties that stay inside."},
        "crossing": {"kind": "number", "label": "Share across", "format": "%.0f%%"},
        "ei": {"kind": "number", "label": "E-I", "format": "%+.2f"},
        "expected_ei": {"kind": "number", "label": "E-I if random", "format": "%+.2f",
                        "help": "The E-I index ties would have if partners were picked at "
                                "random: with many groups, most possible partners are "
                                "outsiders."},
    },
    "roles": {"organization": "Organization",
                 **{role: role.capitalize() for role in [*ROLES, "total"]}},
    "holes": {
        "organization": "Organization",
        "partners": {"kind": "number", "label": "Partners", "format": "%d"},
        "effective_size": {"kind": "number", "label": "Effective size", "format": "%.1f"},
        "efficiency": {"kind": "number", "label": "Efficiency", "format": "%.2f"},
        "constraint": {"kind": "number", "label": "Constraint", "format": "%.3f"},
    },
    "partners": {
        "name": "Organization", "sector": "Sector",
        "distance": {"kind": "number", "label": "Steps", "help": "Shortest route from us."},
        "via": "Introduction via",
        "players_reached": {"kind": "number", "label": "Players brought",
                            "help": "Central or rising players this one tie would bring "
                                    "within two steps of us."},
        "new_reach": {"kind": "number", "label": "New within 2 steps",
                      "help": "Organizations this one tie would bring within two steps of us "
                              "(the candidate included)."},
        "influence": {"kind": "number", "label": "Influence", "format": "%.2f"},
        "change": {"kind": "number", "label": "Change", "format": "%+.2f",
                   "help": "Influence change since the first period."},
        "community": "Community",
        "reasons": {"kind": "text", "label": "Why", "width": "large"},
    },
    "whatif": {
        "label": "Measure",
        "before": {"kind": "number", "label": "Now", "format": "%.3g"},
        "after": {"kind": "number", "label": "With the new ties", "format": "%.3g"},
        "change": {"kind": "number", "label": "Change", "format": "%+.3g"},
        "meaning": {"kind": "text", "label": "What it means", "width": "large"},
    },
    "group": {
        "name": "Organization", "sector": "Sector", "community": "Community",
        "influence": {"kind": "number", "label": "Influence", "format": "%.2f"},
        "covers": {"kind": "text", "label": "Brings in", "width": "medium"},
    },
}

NOTES = {
    "ei": "E-I index (Krackhardt & Stern): (ties across − ties inside) / all ties; −1 means "
          "every tie stays inside its group, +1 that every tie crosses. Ties are counted once "
          "per pair, direction and strength ignored; organizations with no value in the "
          "column are left out.",
    "holes": "Effective size: partners who bring contacts the others do not. Efficiency: "
             "effective size per partner (1 = no redundancy). Constraint: how much the "
             "partners are tied to each other; lower means more independent sources. "
             "networkx's whole-network model, strength-weighted.",
    "partners": "Organizations we have no tie with that are rising, or open a sector or a "
                "community where we have no partner; being two steps away (a partner can "
                "introduce us) is a further reason. Ranked by the number of reasons, then by "
                "how many organizations the tie would bring within two steps.",
    "convening": "The smallest set of organizations that together touch every sector and "
                 "every community on the map, with us as the convener. An organization "
                 "touches its own sector and community; the minimum is exact (a minimum edge "
                 "cover, found with a maximum matching), preferring influential organizations.",
    "influence": "Influence is the average, over degree, betweenness, closeness and PageRank, "
                 "of the share of other organizations each one outranks (0 to 1). Every period "
                 "is scored on the same roster of {n} organizations: one absent in a period "
                 "scores 0 there, so scores compare across periods.",
}

#: What-if measure -> the format of its headline number.
WHATIF_HEADLINE = {"within_steps": "{:.0f}", "betweenness": "{:.3f}", "constraint": "{:.2f}",
                   "rank": "{:.0f}"}


def columns(table: str, *, labels: dict | None = None, help: dict | None = None,  # noqa: A002
            options: dict | None = None) -> dict:
    """Return the ``column_config`` of one table of :data:`COLUMNS`.

    ``labels``, ``help`` and ``options`` (column -> value) fill in what depends
    on the data: a period as a label, the periods a sparkline spans, a
    selectbox's choices.
    """
    config = {}
    for column, spec in COLUMNS[table].items():
        spec = {"label": spec} if isinstance(spec, str) else dict(spec)
        for name, given in (("label", labels), ("help", help), ("options", options)):
            if given and column in given:
                spec[name] = given[column]
        config[column] = _KINDS[spec.pop("kind", None)](**spec)
    for column, label in (labels or {}).items():
        config.setdefault(column, st.column_config.Column(label))
    return config


def measure_columns(frame: pd.DataFrame) -> dict:
    """Return column settings of node measures, each with its plain explanation."""
    config = {"name": st.column_config.Column("Organization")}
    for c in frame.columns:
        if c in MEASURE_INFO:
            label, plain_text, convention = MEASURE_INFO[c]
            config[c] = st.column_config.NumberColumn(
                label, help=f"{plain_text} ({convention})",
                format="%.3f" if frame[c].dtype == float else "%d")
    return config


def summary_columns(frame: pd.DataFrame) -> dict:
    """Return column settings of the network-level figures, each with its formula."""
    return {c: st.column_config.Column(label, help=f"{text} {formula}".strip())
            for c, (label, text, formula) in SUMMARY_INFO.items() if c in frame}


def strength_metrics(s) -> list[tuple[str, str, str]]:
    """(label, value, help) of step 3's four headline numbers (a Strategy ``s``)."""
    reach, constraint = s.position.reach, s.position.holes["constraint"]
    return [
        ("Influence rank", f"{int(s.now.at[s.ego, 'rank'])} of {len(s.now)}",
         "Position by influence in the period (1 = most influential)."),
        ("Partners", f"{reach['direct']}", "Organizations with a direct tie to us."),
        ("Within 2 steps", f"{reach['within_steps']}",
         "Organizations we reach directly or through one partner."),
        ("Constraint", "—" if pd.isna(constraint) else f"{constraint:.2f}",
         "Burt: how much our partners are tied to each other (lower is freer)."),
    ]


def ego_metrics(report) -> list[tuple[str, str, str]]:
    """(label, value, help) of the four headline numbers of our position on step 2."""
    reach, holes = report.reach, report.holes
    return [
        ("Partners", f"{len(report.partners)}", "Organizations we have a tie with."),
        ("Reach in 2 steps", f"{reach['within_steps']} ({reach['share']:.0%})",
         "Organizations we reach directly or through one intermediary, and their share of "
         "the map."),
        ("Effective size", f"{holes['effective_size']:.1f}",
         "Partners who are not tied to each other: non-redundant contacts (Burt)."),
        ("Constraint", f"{holes['constraint']:.2f}",
         "How much our ties depend on partners who are tied to each other: high = little "
         "room to broker (Burt; 0 to 1)."),
    ]


def whatif_metrics(table: pd.DataFrame, proposed: bool) -> list[tuple]:
    """(label, value, delta, help, delta colour) of the what-if headline numbers."""
    rows = table.set_index("measure")
    shown = []
    for measure, fmt in WHATIF_HEADLINE.items():
        row = rows.loc[measure]
        delta = (fmt.replace("{:", "{:+").format(row["change"])
                 if proposed and row["change"] else None)
        shown.append((row["label"], fmt.format(row["after"]), delta, row["meaning"],
                      "normal" if row["better"] == "higher" else "inverse"))
    return shown
