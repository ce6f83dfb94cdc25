"""Workbooks for Excel (csvcore.io.export.workbook): numbers as numbers, periods as they were."""

import datetime as dt
import doctest
import io

import openpyxl
import pandas as pd

from csvcore.contract.dataset import Dataset
from csvcore.graph.measures import measures_table
from csvcore.io.export import workbook
from csvcore.io.export.workbook import export_xlsx, frames_xlsx
from csvcore.io.importer import load_files


def test_doctests():
    assert doctest.testmod(workbook).failed == 0


def cells(data: bytes, sheet: str) -> list[tuple]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return [tuple(c for c in row) for row in book[sheet].iter_rows(min_row=2)]


def test_measures_keep_numbers_as_numbers_and_years_as_years():
    ds = Dataset.from_frames(relationships=pd.DataFrame(
        {"source": ["a", "b"], "target": ["b", "c"], "period": ["2019", "2020"]}))
    table = measures_table(ds)
    rows = cells(frames_xlsx({"measures": table}), "measures")
    header = list(table.columns)
    for row, (_, expected) in zip(rows, table.iterrows()):
        period = row[header.index("period")]
        assert period.data_type == "n" and period.value == int(expected["period"])
        for column in ("degree", "betweenness", "influence", "rank", "community"):
            cell = row[header.index(column)]
            assert cell.data_type == "n" and cell.value == expected[column]
    assert pd.read_excel(io.BytesIO(frames_xlsx({"m": table})))["period"].tolist() == [
        2019, 2019, 2019, 2020, 2020, 2020]


def test_dates_stay_dates_and_labels_stay_text():
    frame = pd.DataFrame({"period": ["2021-03-31", "Wave 2", "0042", ""], "n": [1, 2, 3, 4]})
    rows = cells(frames_xlsx({"t": frame}), "t")
    assert rows[0][0].value == dt.datetime(2021, 3, 31) and rows[0][0].is_date
    assert [(r[0].value, r[0].data_type) for r in rows[1:]] == [("Wave 2", "s"), ("0042", "s"),
                                                               (None, "n")]


def test_the_data_workbook_with_typed_periods_reads_back_to_the_same_data():
    for periods in (["2019", "2020"], ["2019-06-30", "2020-06-30"], ["Q1", "Q2"]):
        ds, _ = load_files([("t.csv", ("source,target,period\na,b,{}\nb,c,{}\n".format(
            *periods)).encode())])
        back, report = load_files([("workbook.xlsx", export_xlsx(ds))])
        assert back.fingerprint == ds.fingerprint, report.as_text()
