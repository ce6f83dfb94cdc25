"""Organizations and ties: repairs, each reported as a warning naming the rows.

Organizations
    The id is the 'id' column, else the name. Rows without either are skipped.
    Ids are matched ignoring case and spacing (any run of spaces, including
    no-break and narrow no-break spaces, counts as one space; surrounding
    spaces are ignored, and '12.0' is '12'): ids that differ only so are one
    organization, shown as first written. Of duplicate ids the first row is kept. Sectors are
    mapped to the dashboard's sectors where the word is a common variant
    ('Gov', 'Non-profit', 'University', 'Donor', 'Company', ...), else kept as
    written. Only the first organization marked focal stays focal.

Ties
    Each endpoint is matched to an organization id (ignoring case and spacing),
    else to an organization's name, else the organization is added. Rows with
    an empty endpoint and self-ties are skipped. A strength that is not a
    positive number becomes 1. Direction words: yes/no, true/false, 1/0,
    directed/undirected, mutual (= undirected: a tie both ways). Duplicate ties
    (same source, target, period, type and challenge; for undirected ties A-B
    is B-A) are merged into their first row, keeping the highest strength and
    confidence and listing every reporter.
"""

from __future__ import annotations

import pandas as pd

from ...contract.report import Report
from ...contract.schema import LIMITS, SECTORS, normalize_header
from .cells import id_key, id_text, is_blank, parse_flag, parse_number, raw_text, text, visible
from .layouts import FILE, ROW, SHEET, Contract
from .notes import map_distinct, warn_rows
from .periods import expand_periods

__all__ = ["organizations", "ties", "too_many", "Roster", "sector_name"]

_SECTOR_WORDS = {
    "Government": "gov government government_agency governmental public_sector public "
                  "public_authority public_agency agency ministry municipality municipal "
                  "local_government state_agency federal_agency city council regulator",
    "NGO": "ngo ngos non_profit nonprofit not_for_profit npo charity civil_society cso "
           "voluntary vol association",
    "Business": "business company companies private_sector private pvt corporate corporation "
                "firm industry enterprise sme startup for_profit",
    "Academic": "academic academia university universities research research_institute "
                "school college think_tank",
    "Funder": "funder foundation donor philanthropy philanthropic grantmaker",
    "Community": "community community_group cbo citizens residents grassroots",
    "Media": "media press news journalism",
    "Multilateral": "multilateral un united_nations international_organization igo "
                    "development_bank intergovernmental",
}
_SECTORS = {word: sector for sector, words in _SECTOR_WORDS.items() for word in words.split()}


def sector_name(value) -> str:
    """Return the dashboard's sector for a common variant, else the value as written.

    >>> sector_name("government agency"), sector_name("Non-profit"), sector_name("Rules")
    ('Government', 'NGO', 'Rules')
    """
    word = normalize_header(value)
    return _SECTORS.get(word) or next((s for s in SECTORS if s.lower() == word), text(value))


class Roster:
    """Organization ids, and how an endpoint written in a tie is matched to one."""

    def __init__(self, orgs: pd.DataFrame):
        """``orgs`` holds every organization row read: '_raw' as written, 'id' as kept."""
        self.forms: dict[str, str] = dict(zip(orgs["_raw"], orgs["id"]))
        self.keys: dict[str, str] = dict(zip(orgs["_raw"].map(id_key), orgs["id"]))
        self.names: dict[str, str] = {}
        for name, id_ in zip(orgs["name"].map(id_key), orgs["id"]):
            self.names.setdefault(name, id_)
        self.added: dict[str, None] = {}  # ids added from endpoints, in order

    def resolve(self, raw: str) -> tuple[str, str]:
        """Return (id, how): how is 'exact', 'variant' (case/spacing), 'name' or 'added'."""
        if raw in self.forms:
            id_ = self.forms[raw]
            return id_, "added" if id_ in self.added else "exact"
        key = id_key(raw)
        if key in self.keys:
            return self.keys[key], "variant"
        if key in self.names:
            return self.names[key], "name"
        self.forms[raw] = self.keys[key] = id_text(raw)
        self.added[id_text(raw)] = None
        return id_text(raw), "added"


def organizations(contract: Contract, report: Report) -> tuple[pd.DataFrame, Roster]:
    """Return the organizations table, repaired, and the roster ties are matched against."""
    frame = contract.frames.get("organizations")
    if frame is None:
        frame = pd.DataFrame(columns=["id", "name", FILE, SHEET, ROW])
    frame = frame.copy()
    names = frame["name"].map(text) if "name" in frame else pd.Series("", index=frame.index)
    ids = frame["id"] if "id" in frame else names
    frame["_raw"] = ids.where(~ids.map(is_blank), names).map(raw_text)
    frame["name"] = names
    blank = frame["_raw"].map(id_key) == ""
    warn_rows(report, contract, frame, blank, "Organizations without an id or a name were "
              "skipped.", column="id", fix="Give each organization an id.")
    frame = frame[~blank].copy()
    keys = frame["_raw"].map(id_key)
    frame["id"] = frame.groupby(keys)["_raw"].transform("first").map(id_text)
    _warn_duplicates(frame, keys.duplicated(), contract, report)
    orgs = frame[~keys.duplicated()].drop(columns="_raw")
    if "sector" in orgs:
        orgs["sector"] = orgs["sector"].map(sector_name)
    if "focal" in orgs:
        orgs["focal"] = _one_focal(orgs, contract, report)
    return orgs, Roster(frame)


def _warn_duplicates(frame: pd.DataFrame, later: pd.Series, contract, report) -> None:
    """Warn about organizations whose ids repeat, exactly or up to case and spacing."""
    variant = later & (frame["_raw"] != frame.groupby(frame["id"])["_raw"].transform("first"))
    warn_rows(report, contract, frame, later & ~variant, "Duplicate organization ids: the "
              "first row is kept.", column="id", values=frame["_raw"],
              fix="Give each organization one row.")
    warn_rows(report, contract, frame, variant, "Organization ids that differ only by case or "
              "spacing (or a trailing '.0') were merged into one organization (the first row "
              "is kept).",
              column="id", values=frame["_raw"].map(visible) + " → " + frame["id"].map(visible),
              fix="Write each id the same way everywhere.")


def _one_focal(orgs: pd.DataFrame, contract: Contract, report: Report) -> pd.Series:
    focal = orgs["focal"].map(parse_flag).eq(True)
    extra = focal & focal.cumsum().gt(1)
    warn_rows(report, contract, orgs, extra, "More than one organization is marked as ours "
              "(focal); only the first is kept as focal.", column="focal", values=orgs["id"])
    return focal & ~extra


def ties(contract: Contract, orgs: pd.DataFrame, roster: Roster, report: Report):
    """Return (ties, periods in order, organizations incl. those added from endpoints)."""
    frame = contract.frames["relationships"]
    frame = _drop(frame, _blank_endpoint(frame), contract, report,
                  "Ties with an empty source or target were skipped.",
                  "Fill in the organization's id or name. If these cells hold formulas, open "
                  "and save the workbook in Excel so that their results are stored.")
    for end in ("source", "target"):
        frame[end] = _resolve(frame, end, roster, contract, report, has_orgs=len(orgs) > 0)
    frame = _drop(frame, frame["source"] == frame["target"], contract, report,
                  "Self-ties (an organization tied to itself) were skipped.", "")
    _clean_values(frame, contract, report)
    frame, periods, reduced = expand_periods(frame)
    warn_rows(report, contract, frame, reduced, "Dates were cut to their year, because other "
              "periods of the upload are years.", column="period", values=frame["period"],
              fix="Use one kind of period throughout: years, or full dates.")
    frame = _merge_ties(frame, contract, report)
    added = pd.DataFrame({"id": list(roster.added), "name": ""})
    return frame, periods, pd.concat([orgs, added], ignore_index=True)


def _blank_endpoint(frame: pd.DataFrame) -> pd.Series:
    return (map_distinct(frame["source"], id_key).eq("")
            | map_distinct(frame["target"], id_key).eq(""))


def _drop(frame, mask, contract, report, message, fix) -> pd.DataFrame:
    warn_rows(report, contract, frame, mask, message, fix=fix)
    return frame[~mask].copy()


def _resolve(frame, end, roster: Roster, contract, report, has_orgs: bool) -> pd.Series:
    """Return the endpoint column as organization ids, warning about repairs."""
    raw = map_distinct(frame[end], raw_text)
    found = map_distinct(raw, roster.resolve)
    ids, how = found.str[0], found.str[1]
    messages = {
        "variant": "Endpoints that differ from an organization id only by case or spacing "
                   "(or a trailing '.0') were matched to it.",
        "name": "Endpoints given by the organization's name were matched to its id.",
        "added": "Endpoints not in the organizations table were added as organizations.",
    }
    for kind, message in messages.items():
        picked = how == kind
        if picked.any() and (kind != "added" or has_orgs):
            shown = ids[picked] if kind == "added" else (
                raw[picked].map(visible) + " → " + ids[picked].map(visible))
            warn_rows(report, contract, frame, picked, message, column=end, values=shown,
                      fix="Add them to the organizations table." if kind == "added" else "")
    return ids


def _clean_values(frame: pd.DataFrame, contract: Contract, report: Report) -> None:
    """Parse strength, direction and confidence; fill text columns."""
    given = frame.get("strength", pd.Series(None, index=frame.index, dtype=object))
    strength = pd.to_numeric(map_distinct(given, parse_number), errors="coerce")
    bad = ~map_distinct(given, is_blank).astype(bool) & ~(strength > 0)
    warn_rows(report, contract, frame, bad, "Strengths that are not positive numbers were set "
              "to 1.", column="strength", values=given,
              fix="Use a number above 0 (e.g. 1 = weak, 3 = strong).")
    frame["strength"] = strength.where(strength > 0, 1.0).astype(float)
    if "directed" in frame:
        flags = map_distinct(frame["directed"], parse_flag)
        odd = flags.isna() & ~map_distinct(frame["directed"], is_blank).astype(bool)
        warn_rows(report, contract, frame, odd, "Direction values not understood were read as "
                  "undirected.", column="directed", values=frame["directed"],
                  fix="Use directed/undirected, yes/no or 1/0.")
        frame["directed"] = flags.eq(True)
    else:
        frame["directed"] = False
    if "confidence" in frame:
        conf = map_distinct(frame["confidence"], parse_number)
        odd = conf.isna() & ~map_distinct(frame["confidence"], is_blank).astype(bool)
        warn_rows(report, contract, frame, odd, "Confidence values that are not numbers were "
                  "left empty.", column="confidence", values=frame["confidence"])
        frame["confidence"] = conf.astype(float)
    for column, default in (("type", "tie"), ("challenge", ""), ("reported_by", "")):
        values = map_distinct(frame[column], text) if column in frame else ""
        frame[column] = pd.Series(values, index=frame.index).replace("", default)


def _merge_ties(frame: pd.DataFrame, contract: Contract, report: Report) -> pd.DataFrame:
    """Merge duplicate ties into their first row (max strength, reporters listed together)."""
    undirected = ~frame["directed"]
    low = frame["source"].where(~undirected | (frame["source"] <= frame["target"]),
                                frame["target"])
    high = frame["target"].where(low == frame["source"], frame["source"])
    keys = pd.DataFrame({"d": frame["directed"], "a": low, "b": high, "p": frame["period"],
                         "t": frame["type"], "c": frame["challenge"]})
    later = keys.duplicated()
    if not later.any():
        return frame
    involved = keys.duplicated(keep=False)
    groups = frame[involved].groupby([keys.loc[involved, c] for c in keys], sort=False)
    frame.loc[involved, "strength"] = groups["strength"].transform("max")
    frame.loc[involved, "reported_by"] = groups["reported_by"].transform(_reporters)
    if "confidence" in frame:
        frame.loc[involved, "confidence"] = groups["confidence"].transform("max")
    warn_rows(report, contract, frame, later, "Duplicate ties (same organizations, period, "
              "type and challenge) were merged into their first row: the highest strength is "
              "kept and reporters are listed together.",
              fix="Keep one row per tie, or give them different types or periods.")
    return frame[~later]


def _reporters(values: pd.Series) -> str:
    names = [n.strip() for v in values for n in str(v).split(";") if n.strip()]
    return "; ".join(dict.fromkeys(names))


def too_many(orgs: pd.DataFrame, report: Report, file: str) -> bool:
    """Record an error when there are more organizations than LIMITS allows."""
    if len(orgs) <= LIMITS["organizations"]:
        return False
    report.error(f"The upload holds {len(orgs):,} organizations; the limit is "
                 f"{LIMITS['organizations']:,}.", file=file,
                 fix="Keep the organizations of one network or one region.")
    return True
