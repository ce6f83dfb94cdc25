"""The README documents what the code offers (a test fails when something is left out)."""

import re
import tomllib
from pathlib import Path

import pytest

from csvcore import cli
from csvcore.contract.schema import COLUMNS
from csvcore.graph.measures import MEASURE_INFO
from csvcore.network_map.whole import SUMMARY_INFO

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text()


@pytest.mark.parametrize("column", [c for c in {**MEASURE_INFO, **SUMMARY_INFO} if c != "period"])
def test_every_measure_is_documented(column):
    assert f"(`{column}`)" in README


@pytest.mark.parametrize("table", COLUMNS)
def test_every_contract_column_is_documented(table):
    for column in COLUMNS[table]:
        assert re.search(rf"\b{column}\b", README), (table, column)


def test_every_setting_in_config_toml_is_documented():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    for section, settings in config.items():
        for name in settings:
            assert f"`{section}.{name}`" in README or section == "theme" and "[theme]" in README, \
                f"{section}.{name}"


def test_every_command_is_documented():
    for name in cli.build_parser()._subparsers._group_actions[0].choices:
        assert f"python -m csvcore {name}" in README


def test_the_two_setup_commands_are_the_ones_ci_runs():
    assert "pip install -r requirements.txt && streamlit run app.py" in README
    assert "bash tests/run_all.sh" in README
    assert "bash tests/run_all.sh" in (ROOT / ".ci" / "run").read_text()
