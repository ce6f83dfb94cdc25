"""The command line: ``python -m csvcore validate FILE...`` and its exit codes."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

from csvcore import cli
from csvcore.io.importer import load_paths
from tests.shared import shared

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "csvcore", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)


@pytest.fixture
def files(tmp_path):
    """Write {name: bytes} to a temporary folder and return the paths."""
    def write(contents: dict[str, bytes]) -> list[Path]:
        for name, data in contents.items():
            (tmp_path / name).write_bytes(data)
        return [tmp_path / name for name in contents]
    return write


def test_valid_upload_prints_warnings_and_a_summary_and_exits_0(files, csv_bytes, capsys):
    paths = files({"orgs.csv": csv_bytes([["id", "sector"], ["a", "NGO"], ["a", "Gov"]]),
                   "ties.csv": csv_bytes([["source", "target", "year"], ["a", "b", "2019"],
                                          ["b", "c", "2024"]])})
    assert cli.main(["validate", *map(str, paths)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("WARNING: [orgs.csv, row 3, column 'id'] Duplicate organization")
    assert lines[-1] == "organizations: 3, ties: 2, periods: 2019..2024"


def test_upload_with_errors_exits_1(files, csv_bytes, capsys):
    paths = files({"people.csv": csv_bytes([["Person", "Team"], ["Ann", "Red"]])})
    assert cli.main(["validate", str(paths[0])]) == 1
    out = capsys.readouterr().out
    assert out.startswith("ERROR: [people.csv] No table of ties was found.")
    assert out.rstrip().endswith("No dataset: the upload has errors.")


def test_unreadable_or_missing_files_exit_2(files, capsys):
    junk = files({"junk.xlsx": bytes(range(256)) * 20})
    assert cli.main(["validate", str(junk[0])]) == 2
    assert cli.main(["validate", "no/such/file.csv"]) == 2
    out = capsys.readouterr().out
    assert "damaged or is not an Excel workbook" in out
    assert "[no/such/file.csv] The file was not found" in out


def test_summary_lists_extra_tables_and_single_period():
    dataset, _ = load_paths([ROOT / "data" / "template.xlsx"])
    assert cli.summary_line(dataset) == ("organizations: 3, ties: 3, periods: 2024, "
                                         "challenges: 2, scenarios: 2, assessment: 3")


def test_a_subcommand_is_one_registered_function(monkeypatch, capsys):
    monkeypatch.setattr(cli, "_COMMANDS", dict(cli._COMMANDS))

    @cli.command(cli.FILES)
    def count(args) -> int:
        """Print how many files were given."""
        print(len(args.files))
        return 0

    assert cli.main(["count", "a", "b"]) == 0
    assert capsys.readouterr().out == "2\n"
    assert "Print how many files were given." in cli.build_parser().format_help()


@pytest.mark.parametrize("name, code, last", [
    ("interorg/aam-ecosystem_partnerships.csv", 0, "organizations: 109, ties: 122, periods: none"),
    ("nodexl/NodeXLGraph1_EMPTY_template.xlsx", 1, "No dataset: the upload has errors."),
    ("temporal/ccsi-netzero_Master_Data_NetworkGraph.xlsx", 0,
     "organizations: 40, ties: 255, periods: 1993..2023"),
])
def test_exit_codes_in_a_subprocess(name, code, last):
    done = run("validate", shared("realfiles", name))
    assert (done.returncode, done.stderr) == (code, "")
    assert done.stdout.splitlines()[-1] == last
    assert "Traceback" not in done.stdout


def test_subprocess_missing_file_and_usage():
    missing = run("validate", "nothing-here.xlsx")
    assert missing.returncode == 2 and "Nothing could be read." in missing.stdout
    usage = run()
    assert usage.returncode == 2 and "validate" in usage.stderr


PATH_TIES = b"source,target,year\na,b,2020\nb,c,2020\na,b,2021\n"


def test_measures_prints_every_period_with_hand_checked_values(files, capsys):
    (path,) = files({"ties.csv": PATH_TIES})
    assert cli.main(["measures", str(path)]) == 0
    table = pd.read_csv(io.StringIO(capsys.readouterr().out), dtype={"period": str})
    b2020 = table[(table["period"] == "2020") & (table["id"] == "b")].iloc[0]
    assert b2020["degree"] == 2 and b2020["betweenness"] == 1.0  # the middle of a path
    c2021 = table[(table["period"] == "2021") & (table["id"] == "c")].iloc[0]
    assert c2021["degree"] == 0  # absent in 2021, still on the roster
    assert len(table) == 6  # 3 organizations x 2 periods


def test_summary_writes_xlsx_and_rejects_an_unknown_period(files, tmp_path, capsys):
    (path,) = files({"ties.csv": PATH_TIES})
    out = tmp_path / "summary.xlsx"
    assert cli.main(["summary", str(path), "--out", str(out)]) == 0
    table = pd.read_excel(out, dtype={"period": str})
    assert table["ties"].tolist() == [2, 1]
    assert table["density"].round(4).tolist() == [round(2 / 3, 4), round(1 / 3, 4)]
    assert cli.main(["measures", str(path), "--period", "1999"]) == 1
    assert "No period '1999'; the data has: 2020, 2021." in capsys.readouterr().err


@pytest.fixture
def team(files, csv_bytes):
    """A small upload: organizations with sectors, ties over two years, a challenge."""
    return files({
        "orgs.csv": csv_bytes([["id", "name", "sector", "focal"], ["a", "Acme", "Business", "yes"],
                               ["b", "Bee", "NGO", ""], ["c", "Cee", "NGO", ""]]),
        "ties.csv": csv_bytes([["source", "target", "year", "strength", "challenge"],
                               ["a", "b", "2019", "2", "Water"], ["b", "c", "2020", "1", ""],
                               ["a", "c", "2020", "3", "Food"]])})


@pytest.mark.parametrize("kind", ["gexf", "graphml", "kumu", "xlsx", "csv"])
def test_export_writes_each_format_for_the_map_in_view(kind, team, tmp_path, capsys):
    out = tmp_path / f"out.{kind}"
    assert cli.main(["export", *map(str, team), "--format", kind, "--challenge", "Water",
                     "--period", "2020", "--out", str(out)]) == 0
    assert capsys.readouterr().out.startswith(f"Wrote {out} (")
    data = out.read_bytes()
    if kind == "gexf":
        G = nx.read_gexf(io.BytesIO(data))
        assert sorted(G.edges) == [("a", "b"), ("b", "c")]  # Food's tie left out
        assert G.graph["mode"] == "dynamic"
    elif kind == "graphml":
        G = nx.read_graphml(io.BytesIO(data))
        assert G.graph["period"] == "2020" and list(G.edges) == [("b", "c")]
    elif kind == "kumu":
        dataset, _ = load_paths(team)
        again, _ = load_paths([out.rename(out.with_suffix(".xlsx"))])
        assert again.fingerprint == dataset.fingerprint
    else:
        table = pd.read_excel(out) if kind == "xlsx" else pd.read_csv(out)
        assert set(table["period"]) == {2020} and len(table) == 3


def test_export_applies_the_filters_and_checks_what_it_is_asked_for(team, tmp_path, capsys):
    out, paths = tmp_path / "ngo.graphml", list(map(str, team))
    assert cli.main(["export", *paths, "--format", "graphml", "--sector", "NGO", "--out",
                     str(out)]) == 0
    assert sorted(nx.read_graphml(out)) == ["b", "c"]
    for option, value in (("--period", "1999"), ("--challenge", "Air"), ("--org", "zz")):
        assert cli.main(["export", *paths, "--format", "gexf", option, value, "--out",
                         str(out)]) == 1
        assert capsys.readouterr().err.startswith(f"No {option[2:]} '{value}'; the data has: ")
    result = run("export", *team, "--format", "pdf", "--out", out)  # the real command line
    assert result.returncode == 2 and "invalid choice: 'pdf'" in result.stderr
