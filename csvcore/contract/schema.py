"""The spreadsheet contract: tables, canonical columns, header synonyms, vocabularies.

Headers match regardless of case, spacing, punctuation and common synonyms:

>>> canonical_header("relationships", " From ")
'source'
>>> canonical_header("organizations", "Label")
'name'
>>> canonical_header("relationships", "Weight")
'strength'
>>> normalize_header("Shared-Value  Level")
'shared_value_level'
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "TABLES",
    "COLUMNS",
    "REQUIRED",
    "SYNONYMS",
    "SECTORS",
    "SHARED_VALUE_LEVELS",
    "BOUNDARIES",
    "PRACTICES",
    "PRACTICE_PAIRS",
    "LIMITS",
    "CONFIRMED",
    "UNCONFIRMED",
    "normalize_header",
    "canonical_header",
]

TABLES = ("organizations", "relationships", "challenges", "scenarios", "assessment")

#: Canonical columns of each table, in the order the template shows them.
COLUMNS: dict[str, tuple[str, ...]] = {
    "organizations": ("id", "name", "sector", "geography", "focal"),
    "relationships": (
        "source",
        "target",
        "period",
        "type",
        "strength",
        "directed",
        "challenge",
        "reported_by",
        "confidence",
    ),
    "challenges": (
        "challenge",
        "description",
        "business_impact",
        "societal_impact",
        "shared_value_level",
    ),
    "scenarios": ("scenario", "probability", "description"),
    "assessment": ("practice", "boundary", "current", "target"),
}

#: Columns without which a table cannot be used.
REQUIRED: dict[str, tuple[str, ...]] = {
    "organizations": ("id",),
    "relationships": ("source", "target"),
    "challenges": ("challenge",),
    "scenarios": ("scenario", "probability"),
    "assessment": ("practice", "boundary", "current", "target"),
}

#: Header synonyms (already normalised) mapped to the canonical column, per table.
SYNONYMS: dict[str, dict[str, str]] = {
    "organizations": {
        "id": "id", "identifier": "id", "org_id": "id", "organization_id": "id",
        "organisation_id": "id", "node": "id", "node_id": "id", "key": "id",
        "name": "name", "label": "name", "organization": "name", "organisation": "name",
        "org": "name", "org_name": "name", "organization_name": "name",
        "organisation_name": "name", "stakeholder": "name", "stakeholder_name": "name",
        "actor": "name", "title": "name",
        "sector": "sector", "type": "sector", "category": "sector", "kind": "sector",
        "org_type": "sector", "organization_type": "sector", "stakeholder_type": "sector",
        "element_type": "sector", "node_type": "sector",
        "vertex": "id", "vertex_id": "id",
        "geography": "geography", "region": "geography", "country": "geography",
        "location": "geography", "geo": "geography",
        "focal": "focal", "us": "focal", "is_us": "focal", "ours": "focal",
        "our_organization": "focal", "self": "focal",
    },
    "relationships": {
        "source": "source", "from": "source", "sender": "source", "source_id": "source",
        "from_id": "source", "ego": "source", "org_a": "source", "organization_a": "source",
        "target": "target", "to": "target", "receiver": "target", "target_id": "target",
        "to_id": "target", "alter": "target", "org_b": "target", "organization_b": "target",
        "partner": "target", "vertex_1": "source", "vertex_2": "target",
        "period": "period", "year": "period", "wave": "period", "date": "period",
        "time": "period", "timeset": "period", "interval": "period", "round": "period",
        "timestamp": "period", "timestamps": "period",
        "type": "type", "tie_type": "type", "relationship": "type",
        "relationship_type": "type", "relation": "type", "kind": "type",
        "connection_type": "type",
        "strength": "strength", "weight": "strength", "value": "strength",
        "tie_strength": "strength", "intensity": "strength",
        "directed": "directed", "direction": "directed", "is_directed": "directed",
        "challenge": "challenge", "issue": "challenge", "topic": "challenge",
        "reported_by": "reported_by", "reporter": "reported_by", "source_team": "reported_by",
        "respondent": "reported_by", "team": "reported_by",
        "confidence": "confidence", "certainty": "confidence",
    },
    "challenges": {
        "challenge": "challenge", "name": "challenge", "societal_challenge": "challenge",
        "issue": "challenge", "topic": "challenge",
        "description": "description", "notes": "description",
        "business_impact": "business_impact", "impact_on_business": "business_impact",
        "business_relevance": "business_impact",
        "societal_impact": "societal_impact", "social_impact": "societal_impact",
        "impact_on_society": "societal_impact", "societal_relevance": "societal_impact",
        "shared_value_level": "shared_value_level", "level": "shared_value_level",
        "shared_value": "shared_value_level",
    },
    "scenarios": {
        "scenario": "scenario", "name": "scenario", "future": "scenario",
        "probability": "probability", "likelihood": "probability", "p": "probability",
        "weight": "probability",
        "description": "description", "notes": "description",
    },
    "assessment": {
        "practice": "practice", "boundary": "boundary", "boundary_type": "boundary",
        "current": "current", "now": "current", "current_level": "current",
        "target": "target", "goal": "target", "target_level": "target",
    },
}

#: The sectors the dashboard knows; users may use their own words too.
SECTORS = (
    "Government", "NGO", "Business", "Academic", "Funder",
    "Community", "Media", "Multilateral",
)

#: Porter & Kramer's three levels of shared value.
SHARED_VALUE_LEVELS = ("products and markets", "value chain", "local cluster")

#: Ernst & Chrobot-Mason's five boundaries.
BOUNDARIES = ("vertical", "horizontal", "stakeholder", "demographic", "geographic")

#: The six boundary-spanning practices, in the order of the method.
PRACTICES = ("buffering", "reflecting", "connecting", "mobilizing", "weaving", "transforming")

#: The three pairs of practices and what each pair is for.
PRACTICE_PAIRS = {
    "managing boundaries": ("buffering", "reflecting"),
    "forging common ground": ("connecting", "mobilizing"),
    "discovering new frontiers": ("weaving", "transforming"),
}

#: What an upload may hold. Stated in the UI and enforced by the importer.
LIMITS = {
    "upload_mb": 50,  # per file, also Streamlit's server.maxUploadSize
    "files": 10,  # files per upload
    "unzipped_mb": 200,  # total uncompressed size of a zip or XLSX
    "rows": 200_000,  # rows per table
    "columns": 200,  # columns per table
    "organizations": 20_000,
    "cell_chars": 2_000,  # longer text cells are cut
}

#: ``confidence`` of a tie both organizations reported (survey rounds' agreement rule).
CONFIRMED = 1.0
#: ``confidence`` of a tie one organization reported; a tie at or below it is *unconfirmed*
#: (drawn dashed, and hidden when a map shows confirmed ties only). Empty = not recorded.
UNCONFIRMED = 0.5

_PUNCT = re.compile(r"[^0-9a-z]+")


def normalize_header(header) -> str:
    """Return a header folded to lower_snake_case ASCII ('' for an empty header)."""
    text = unicodedata.normalize("NFKD", str(header if header is not None else ""))
    text = text.encode("ascii", "ignore").decode().lower()
    return _PUNCT.sub("_", text).strip("_")


def canonical_header(table: str, header) -> str | None:
    """Return the canonical column a header means in ``table``, or None."""
    return SYNONYMS[table].get(normalize_header(header))
