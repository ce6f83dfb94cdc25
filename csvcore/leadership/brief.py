"""The executive brief: the whole story of one challenge on one page.

:func:`executive_brief` assembles the answers of steps 1 to 3 into plain
sections (why this challenge, who matters and who is rising, where we stand,
whom to approach, how to lead); each section has a one-line answer, then its
evidence, and a note that explains every network term it uses. The page shows
the sections with Streamlit; :func:`to_html` writes them as one
self-contained HTML file: inline CSS (print-friendly), no script, no external
resource, and every text from the spreadsheet passed through ``html.escape``.

>>> brief = Brief("Brief: <Water>", "us", (Section("Why", "Because.", points=("a & b",)),))
>>> html = to_html(brief)
>>> "<title>Brief: &lt;Water&gt;</title>" in html, "a &amp; b" in html, "<script" in html
(True, True, False)
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd

from ..business_case import BusinessCase, shared_value_level, summary
from ..contract.dataset import Dataset
from .assessment import PRACTICE_MEANINGS
from .strategy import Strategy

__all__ = ["Section", "Brief", "executive_brief", "to_html"]

_TOP = 5


@dataclass(frozen=True)
class Section:
    """One part of the brief: the answer first, then the evidence."""

    title: str
    lead: str  # the answer, one or two plain sentences
    points: tuple[str, ...] = ()
    table: pd.DataFrame | None = None  # already formatted as text
    note: str = ""  # what the terms used mean


@dataclass(frozen=True)
class Brief:
    title: str
    subtitle: str
    sections: tuple[Section, ...]


def executive_brief(ds: Dataset, challenge: str | None, strategy: Strategy,
                    case: BusinessCase) -> Brief:
    """Return the brief of a challenge (``None``: all challenges pooled) from steps 1 to 3.

    Parameters
    ----------
    ds : Dataset
    challenge : str or None
    strategy : Strategy
        :func:`csvcore.leadership.strategy.leadership_strategy` for the challenge.
    case : BusinessCase
        :func:`csvcore.business_case.analyse` of the dataset.
    """
    topic = challenge or "all challenges"
    us = strategy.now.at[strategy.ego, "name"]
    when = f"period {strategy.period}" if strategy.period else "all ties"
    return Brief(
        title=f"Executive brief: {topic}",
        subtitle=f"{us} · {when} · data: {ds.name or 'unnamed'}",
        sections=(_why(ds, challenge, case), _who(strategy, topic), _where(strategy, us),
                  _whom(strategy), _how(strategy)))


def _why(ds: Dataset, challenge: str | None, case: BusinessCase) -> Section:
    title = "Why this challenge"
    note = ("Expected score: the challenge's scores under the future scenarios, averaged with "
            "each scenario weighted by its probability (1 to 10). Robust: in the top third "
            "under every scenario; a bet: only under one.")
    ranked = case.ranking.set_index("challenge")
    if challenge is None or challenge not in ranked.index:
        lines = summary(case)
        lead = ("The map pools the ties of every challenge. " if challenge is None else
                "This challenge has no scores in the business case yet. ") + lines[0]
        return Section(title, lead, points=tuple(lines[1:]), note=note)
    row = ranked.loc[challenge]
    if row["kind"] == "unranked":
        lead = f"{challenge} is not ranked yet: {row['reason']}."
    else:
        lead = (f"{challenge} ranks {int(row['rank'])} of {int(ranked['rank'].max())} "
                f"challenges: expected score {row['priority']:.1f} (spread ±{row['spread']:.1f}); "
                f"{row['label'].lower()}: {row['reason'][:1].lower()}{row['reason'][1:]}.")
    about = ds.challenges.set_index("challenge").loc[challenge]
    points = [about["description"]] if about["description"] else []
    points.append("Shared-value level (Porter & Kramer): "
                  f"{shared_value_level(about['shared_value_level'])}.")
    others = [line for line in summary(case) if challenge not in line]
    return Section(title, lead, points=tuple(points + others), note=note)


def _who(s: Strategy, topic: str) -> Section:
    now, trend = s.now, s.trend.set_index("id")
    top = now.sort_values(["rank", "name"]).head(_TOP)
    table = pd.DataFrame({
        "Rank": top["rank"].astype(str), "Organization": top["name"], "Sector": top["sector"],
        "Influence": top["influence"].map("{:.2f}".format),
        "Trend": [f"{trend.at[i, 'label']} ({trend.at[i, 'change']:+.2f})" for i in top.index]})
    others = s.trend[s.trend["id"] != s.ego]
    rising = others[others["label"] == "Rising"]
    lead = f"{top['name'].iloc[0]} is the most influential organization on {topic}"
    lead += (f"; {len(rising)} organizations are rising, led by "
             f"{', '.join(rising['name'].head(_TOP))}." if len(rising)
             else "; no organization is rising.")
    fading = others[others["label"].isin(["Fading", "Exited"])].tail(_TOP)
    points = (f"Fading or gone: {', '.join(fading['name'])}.",) if len(fading) else ()
    return Section("Who matters, and who is rising", lead, points=points, table=table, note=(
        "Influence: the share of the other organizations this one outranks, averaged over "
        "four measures: its number of ties, how often it sits between two others, how close "
        "it is to everyone, and how well connected its partners are (PageRank); 1 = top on "
        "all four. Rising or fading: influence moved by at least 0.10 since the first "
        "period."))


def _where(s: Strategy, us: str) -> Section:
    p = s.position
    lead = (f"{us} ranks {int(s.now.at[s.ego, 'rank'])} of {len(s.now)} by influence, with "
            f"{p.reach['direct']} partners; it reaches {p.reach['within_steps']} organizations "
            f"within two steps ({p.reach['share']:.0%} of the map).")
    table = pd.DataFrame({"": s.findings["verdict"].str.capitalize(),
                          "Topic": s.findings["topic"], "Finding": s.findings["finding"],
                          "Numbers": s.findings["evidence"]})
    return Section("Where we stand", lead, table=table, note=(
        "Two steps: directly or through one partner. Betweenness: how often we sit on the "
        "shortest route between two others. Open two-path: we pass something on between two "
        "organizations that have no direct tie. Constraint (Burt): how much our partners are "
        "tied to each other, so bring the same contacts; lower is freer. Effective size: the "
        "partners who bring contacts the others do not. E-I index (Krackhardt & Stern): from "
        "-1, every tie inside our own group, to +1, every tie across; random mixing: the "
        "index if partners were picked at random. Articulation point, single point of "
        "failure: an organization that every route to some others passes through."))


def _whom(s: Strategy) -> Section:
    c = s.partners.head(_TOP)
    if c.empty:
        return Section("Whom to approach", "No organization outside our ties is rising or opens "
                       "a sector or community we do not reach.")
    lead = (f"Approach {c['name'].iloc[0]} first: {c['reasons'].iloc[0]}. That one tie "
            f"would bring {c['new_reach'].iloc[0]} more organizations within two steps of us.")
    table = pd.DataFrame({"Organization": c["name"], "Sector": c["sector"],
                          "Why": c["reasons"], "Introduction via": c["via"],
                          "New within two steps": c["new_reach"].astype(str)})
    return Section("Whom to approach", lead, table=table, note=(
        "Community: a group of organizations tied more to each other than to the rest of the "
        "map (Louvain). New within two steps: organizations that one tie with this candidate "
        "would bring within two steps of us."))


def _how(s: Strategy) -> Section:
    plan = s.plan
    points = tuple(
        f"{r.step}. {r.goal.capitalize()} ({r.practices}): {r.what} With whom: {r.with_whom}. "
        + (f"Our level: {r.current:.1f} of 5, target {r.target:.1f}." if pd.notna(r.current)
           else "Not self-assessed yet.")
        for r in plan.itertuples())
    if plan["gap"].notna().any():
        widest = plan.loc[plan["gap"].idxmax()]
        lead = (f"Convene {len(s.group)} organizations that together touch every sector and "
                f"community, and build our weakest practices on the way: {widest['goal']} "
                f"({widest['practices']}, gap {widest['gap']:.1f} of 5).")
    else:
        lead = (f"Convene {len(s.group)} organizations that together touch every sector and "
                "community.")
    table = pd.DataFrame({"Organization": s.group["name"], "Sector": s.group["sector"],
                          "Brings in": s.group["covers"], "Role": s.group["role"]})
    note = "Practices (Ernst & Chrobot-Mason): " + "; ".join(
        f"{p}: {m}" for p, m in PRACTICE_MEANINGS.items()) + "."
    return Section("Which leadership practices to use", lead, points=points, table=table,
                   note=note)


# --- HTML ---------------------------------------------------------------------------

_CSS = """
body{font-family:Georgia,'Times New Roman',serif;color:#1f2a30;margin:0;background:#fff}
main{max-width:52rem;margin:0 auto;padding:1.5rem 1.25rem 3rem;line-height:1.45}
h1{font-size:1.7rem;margin:0 0 .2rem;color:#0b4f4c}
.sub{color:#55626b;margin:0 0 1.2rem;font-size:.95rem}
h2{font-size:1.2rem;margin:1.6rem 0 .4rem;border-bottom:2px solid #0b7a75;padding-bottom:.15rem}
.lead{font-size:1.05rem;font-weight:bold;margin:.3rem 0 .5rem}
ul{margin:.3rem 0 .6rem 1.1rem;padding:0}
li{margin:.15rem 0}
table{border-collapse:collapse;width:100%;font-size:.86rem;margin:.5rem 0;
font-family:Helvetica,Arial,sans-serif}
th,td{border:1px solid #c9d3d8;padding:.3rem .45rem;text-align:left;vertical-align:top}
th{background:#e8f1f0}
.note{font-size:.82rem;color:#55626b;margin:.3rem 0 0}
footer{margin-top:2rem;font-size:.78rem;color:#7a868e}
@media print{
@page{margin:1.6cm}
main{max-width:none;padding:0}
body{font-size:10.5pt}
h2{break-after:avoid;page-break-after:avoid}
tr,li{break-inside:avoid;page-break-inside:avoid}
th{background:#e8f1f0;-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
"""


def to_html(brief: Brief) -> str:
    """Return the brief as one self-contained, print-friendly HTML page (no script)."""
    e = _escape
    body = [f"<h1>{e(brief.title)}</h1>", f'<p class="sub">{e(brief.subtitle)}</p>']
    for number, section in enumerate(brief.sections, start=1):
        body.append(f"<section><h2>{number}. {e(section.title)}</h2>")
        body.append(f'<p class="lead">{e(section.lead)}</p>')
        if section.points:
            body.append("<ul>" + "".join(f"<li>{e(p)}</li>" for p in section.points) + "</ul>")
        if section.table is not None and not section.table.empty:
            body.append(_table(section.table))
        if section.note:
            body.append(f'<p class="note">{e(section.note)}</p>')
        body.append("</section>")
    body.append("<footer>Shared Value Navigator · method: Asif &amp; Palus, <i>Exploring "
                "Shared Value</i>, Center for Creative Leadership (2014).</footer>")
    return ('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{e(brief.title)}</title><style>{_CSS}</style></head>"
            f"<body><main>{''.join(body)}</main></body></html>\n")


def _table(frame: pd.DataFrame) -> str:
    head = "".join(f"<th>{_escape(c)}</th>" for c in frame.columns)
    rows = "".join("<tr>" + "".join(f"<td>{_escape(v)}</td>" for v in row) + "</tr>"
                   for row in frame.itertuples(index=False))
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def _escape(value) -> str:
    return html.escape("" if value is None else str(value), quote=True)
