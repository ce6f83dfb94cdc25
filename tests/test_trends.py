"""Gaining and losing influence (csvcore.network_map.trends)."""

import numpy as np
import pandas as pd
import pytest

from csvcore.contract.dataset import Dataset
from csvcore.contract.mapkey import MapKey
from csvcore.graph.measures import measures_table
from csvcore.network_map.trends import LABELS, THRESHOLD, tie_changes, trends

PERIODS = ["p1", "p2", "p3", "p4"]
#: id -> (degree per period, influence per period)
HISTORY = {
    "up": ([1, 1, 1, 1], [0.1, 0.2, 0.3, 0.5]),
    "down": ([1, 1, 1, 1], [0.6, 0.5, 0.4, 0.3]),
    "flat": ([1, 1, 1, 1], [0.4, 0.45, 0.42, 0.43]),
    "new": ([0, 1, 1, 1], [0.0, 0.2, 0.3, 0.3]),
    "gone": ([1, 1, 1, 0], [0.5, 0.5, 0.4, 0.0]),
    "never": ([0, 0, 0, 0], [0.0, 0.0, 0.0, 0.0]),
    # end - start = +0.15, but the trend line falls by 0.105: the signals disagree
    "mixed": ([1, 1, 1, 1], [0.8, 0.8, 0.0, 0.95]),
}


@pytest.fixture
def history():
    rows = [{"period": p, "id": i, "name": i.title(), "degree": d[k], "influence": s[k]}
            for k, p in enumerate(PERIODS) for i, (d, s) in HISTORY.items()]
    return pd.DataFrame(rows)


def test_labels(history):
    t = trends(history).set_index("id")
    assert t["label"].to_dict() == {"up": "Rising", "down": "Fading", "flat": "Stable",
                                    "new": "New", "gone": "Exited", "never": "Absent",
                                    "mixed": "Stable"}
    assert set(t["label"]) <= set(LABELS) and THRESHOLD == 0.10


def test_change_rank_and_slope(history):
    t = trends(history).set_index("id")
    assert t.loc["up", "change"] == pytest.approx(0.4)
    assert t.loc["up", "slope"] == pytest.approx(np.polyfit(range(4), HISTORY["up"][1], 1)[0])
    assert t.loc["up", "fitted_change"] == pytest.approx(3 * 0.13)
    assert t.loc["mixed", "fitted_change"] == pytest.approx(-0.105)
    # ranks by influence among the 7, 1 = highest: p1 mixed .8 > down .6 > gone .5 ...
    assert t.loc["mixed", ["rank_start", "rank_end"]].tolist() == [1, 1]
    assert t.loc["up", ["rank_start", "rank_end", "rank_change"]].tolist() == [5, 2, 3]
    assert t.loc["never", "periods_active"] == 0 and t.loc["new", "periods_active"] == 3
    assert t["change"].is_monotonic_decreasing


def test_a_window_between_two_periods(history):
    t = trends(history, start="p2", end="p3").set_index("id")
    assert t.loc["new", "label"] == "Rising"  # tied in p2 already: not New in this window
    assert t.loc["gone", "label"] == "Fading"  # still tied in p3; 0.5 -> 0.4 is the threshold
    assert t.loc["up", "score_start"] == 0.2 and t.loc["up", "score_end"] == 0.3
    assert trends(history, threshold=0.5).set_index("id").loc["up", "label"] == "Stable"
    with pytest.raises(ValueError):
        trends(history, start="p3", end="p2")


def test_trends_on_a_dataset_keep_the_roster():
    """An organization absent from a period scores 0 there and still counts in n."""
    ds = Dataset.from_frames(relationships=pd.DataFrame({
        "source": ["a", "b", "a", "b", "c", "n"],
        "target": ["b", "c", "b", "x", "x", "a"],
        "period": ["1", "1", "2", "2", "2", "2"]}))
    m = measures_table(ds)
    assert m.groupby("period")["id"].apply(list).tolist() == [list("abcxn")] * 2
    first = m[m["period"] == "1"].set_index("id")
    assert first.loc["n", "influence"] == 0 and first.loc["n", "degree"] == 0
    t = trends(m).set_index("id")
    assert t.loc["n", "label"] == "New" and t.loc["x", "label"] == "New"


def test_tie_changes_explain_a_move():
    ds = Dataset.from_frames(
        organizations=pd.DataFrame({"id": ["us", "a", "b", "c"],
                                    "name": ["Us", "Alpha", "Beta", "Gamma"],
                                    "sector": ["NGO", "Business", "Government", "NGO"]}),
        relationships=pd.DataFrame({
            "source": ["us", "us", "b", "us", "us", "c", "us"],
            "target": ["a", "b", "us", "a", "c", "us", "b"],
            "period": ["1", "1", "1", "2", "2", "2", "2"],
            "type": ["advice", "funding", "advice", "advice", "advice", "advice", "funding"],
            "strength": [1, 3, 1, 2, 4, 1, 3],
            "directed": [False, True, True, False, False, True, True]}))
    changes = tie_changes(ds, "us", "1", "2")
    assert changes.to_dict("records") == [
        {"partner": "c", "partner_name": "Gamma", "partner_sector": "NGO", "type": "advice",
         "direction": "both", "strength": 4.0, "change": "gained"},
        {"partner": "c", "partner_name": "Gamma", "partner_sector": "NGO", "type": "advice",
         "direction": "in", "strength": 1.0, "change": "gained"},
        {"partner": "b", "partner_name": "Beta", "partner_sector": "Government",
         "type": "advice", "direction": "in", "strength": 1.0, "change": "lost"},
    ]  # us-a kept (stronger but not new), us->b funding kept
    assert tie_changes(ds, "us", "1", "1").empty
    assert len(tie_changes(ds, "us", "1", "2", MapKey(types=["funding"]))) == 0
