"""The executive brief: the story of steps 1 to 3, as sections and as one safe HTML file."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from csvcore import business_case as bc
from csvcore.contract.dataset import Dataset
from csvcore.contract.mapkey import MapKey
from csvcore.io.importer import load_paths
from csvcore.leadership.brief import Brief, executive_brief, to_html
from csvcore.leadership.strategy import leadership_strategy

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample.xlsx"
WATER = "Water stewardship"
EVIL = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def brief_of(ds: Dataset, challenge: str | None) -> Brief:
    strategy = leadership_strategy(ds, MapKey(challenge))
    return executive_brief(ds, challenge, strategy, bc.analyse(ds.challenges, ds.scenarios))


@pytest.fixture(scope="module")
def sample_brief():
    ds, _ = load_paths([SAMPLE])
    return brief_of(ds, WATER)


def assert_self_contained(page: str) -> None:
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    lowered = page.lower()
    for banned in ("<script", "http://", "https://", "src=", "<link", "@import", "url(",
                   "<iframe", "<object", "onerror", "javascript:"):
        assert banned not in lowered, banned
    assert "@media print" in page and "<style>" in page


def test_the_sample_brief_tells_the_story_in_order(sample_brief):
    assert sample_brief.title == f"Executive brief: {WATER}"
    assert [s.title for s in sample_brief.sections] == [
        "Why this challenge", "Who matters, and who is rising", "Where we stand",
        "Whom to approach", "Which leadership practices to use"]
    why, who, where, whom, how = sample_brief.sections
    assert why.lead.startswith("Water stewardship ranks 1 of 7 challenges: expected score 8.9")
    assert "robust: top 3 in all 4 scenarios" in why.lead
    assert any(p.startswith("Nutrition is a bet on one future") for p in why.points)
    assert "rising" in who.lead and "AquaNourish Foods" not in who.lead  # not ourselves
    assert where.lead.startswith("AquaNourish Foods ranks")
    assert whom.lead.startswith("Approach BlueSpring Beverages first")
    assert len(how.table) == 8 and how.table["Role"].iloc[0] == "convener"


def test_every_section_with_network_terms_explains_them(sample_brief):
    terms = ("Influence", "Betweenness", "Constraint", "E-I", "Community", "Practices")
    notes = " ".join(s.note for s in sample_brief.sections)
    for term in terms:
        assert term in notes, term
    assert all(s.note for s in sample_brief.sections)


def test_the_html_is_self_contained_and_prints(sample_brief):
    page = to_html(sample_brief)
    assert_self_contained(page)
    assert f"<title>Executive brief: {WATER}</title>" in page
    assert page.count("<section>") == 5 and page.count("<table>") == 4
    assert "Godavari Basin Water Users&#x27; Federation" in page  # quotes escaped too


def test_spreadsheet_text_is_escaped_everywhere():
    orgs = pd.DataFrame({"id": ["us", "x", "y"], "name": ["Us & co", EVIL, "Y"],
                         "sector": ["NGO", EVIL, "Gov"], "focal": [True, False, False]})
    ties = pd.DataFrame({"source": ["us", "x"], "target": ["x", "y"],
                         "challenge": ["<b>Water</b> & more"] * 2})
    challenges = pd.DataFrame({"challenge": ["<b>Water</b> & more"], "description": [EVIL],
                               "S": [5.0]})
    scenarios = pd.DataFrame({"scenario": ["S"], "probability": [1.0]})
    ds = Dataset.from_frames(name=EVIL, organizations=orgs, relationships=ties,
                             challenges=challenges, scenarios=scenarios)
    page = to_html(brief_of(ds, "<b>Water</b> & more"))
    assert "<script" not in page and "<img" not in page and "<b>" not in page
    assert "&lt;b&gt;Water&lt;/b&gt; &amp; more" in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert not re.search(r"<(?!/?(html|head|meta|title|style|body|main|h1|h2|p|section|ul|li|"
                         r"table|thead|tbody|tr|th|td|footer|i)\b)", page.replace(
                             "<!DOCTYPE html>", ""))


def test_all_challenges_and_a_dataset_without_a_business_case():
    ds = Dataset.from_frames(
        organizations=pd.DataFrame({"id": ["us", "a", "b"], "focal": [True, False, False]}),
        relationships=pd.DataFrame({"source": ["us", "a"], "target": ["a", "b"]}))
    brief = brief_of(ds, None)
    assert brief.title == "Executive brief: all challenges"
    assert brief.sections[0].lead.startswith("The map pools the ties of every challenge. "
                                             "No challenge can be ranked yet")
    assert "Not self-assessed yet." in brief.sections[-1].points[0]
    assert_self_contained(to_html(brief))
