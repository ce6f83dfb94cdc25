"""Importer: file formats, encodings, delimiters, damaged files and limits (hostile corpus)."""

from __future__ import annotations

import io
import json
import zipfile

import networkx as nx
import pytest

from csvcore.contract.schema import LIMITS
from csvcore.io.importer import load_files
from csvcore.io.readers.decode import decode
from csvcore.io.readers.delimited import sniff_delimiter

EDGES = [["source", "target", "weight"], ["Café Ñ", "Zoë €", "2"], ["Zoë €", "Ann", "1"]]
MB = 1024 * 1024


def ties_of(dataset) -> set[tuple[str, str]]:
    return set(zip(dataset.relationships["source"], dataset.relationships["target"]))


# --- encodings -------------------------------------------------------------------------

@pytest.mark.parametrize("encoding, name", [
    ("utf-8", "UTF-8"), ("utf-8-sig", "UTF-8"), ("utf-16", "UTF-16"), ("utf-16-le", "UTF-16"),
    ("utf-16-be", "UTF-16"), ("cp1252", "Windows-1252"),
])
def test_encodings_are_detected(csv_bytes, encoding, name):
    data = csv_bytes(EDGES, encoding=encoding)
    assert decode(data) == ("\n".join(",".join(r) for r in EDGES) + "\n", name)
    dataset, report = load_files([("ties.csv", data)])
    assert report.ok, report.as_text()
    assert ties_of(dataset) == {("Café Ñ", "Zoë €"), ("Zoë €", "Ann")}


def test_latin1_bytes_that_cp1252_cannot_decode_fall_back_to_latin1():
    data = "source,target\nA\x81b,é\n".encode("latin-1")
    text, name = decode(data)
    assert (text, name) == ("source,target\nA\x81b,é\n", "Latin-1")
    dataset, report = load_files([("t.csv", data)])
    assert ties_of(dataset) == {("Ab", "é")}  # the control character is stripped
    assert "read as Latin-1" in report.warnings[0].message


def test_non_utf8_text_gets_a_warning_with_a_fix(csv_bytes, texts):
    _, report = load_files([("t.csv", csv_bytes(EDGES, encoding="cp1252"))])
    assert "not UTF-8; it was read as Windows-1252" in texts(report)
    assert "CSV UTF-8" in report.warnings[0].fix


def test_crlf_and_no_final_newline(csv_bytes):
    data = csv_bytes(EDGES, newline="\r\n").rstrip()
    dataset, report = load_files([("t.csv", data)])
    assert report.ok and len(dataset.relationships) == 2


# --- delimiters and decimal commas --------------------------------------------------------

@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_delimiters_are_sniffed(csv_bytes, delimiter):
    rows = [["source", "target", "strength"], ["a", "b", "2,5" if delimiter != "," else "2.5"],
            ["b", "c", "1"]]
    assert sniff_delimiter(csv_bytes(rows, delimiter=delimiter).decode()) == delimiter
    dataset, report = load_files([("t.csv", csv_bytes(rows, delimiter=delimiter))])
    assert report.ok, report.as_text()
    assert list(dataset.relationships["strength"]) == [2.5, 1.0]


def test_semicolon_file_with_decimal_commas_and_thousands(csv_bytes):
    rows = [["source", "target", "weight"], ["a", "b", "1.234,5"], ["b", "c", "0,75"]]
    dataset, _ = load_files([("t.csv", csv_bytes(rows, delimiter=";"))])
    assert list(dataset.relationships["strength"]) == [1234.5, 0.75]


def test_tsv_with_commas_inside_names(csv_bytes):
    rows = [["source", "target"], ["Smith, Jones & Co", "Ltd, Inc"], ["Ltd, Inc", "X, Y"]]
    dataset, _ = load_files([("t.tsv", csv_bytes(rows, delimiter="\t"))])
    assert ties_of(dataset) == {("Smith, Jones & Co", "Ltd, Inc"), ("Ltd, Inc", "X, Y")}


# --- unreadable files ---------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["empty.xlsx", "empty.csv"])
def test_zero_byte_files_are_errors(name, texts):
    dataset, report = load_files([(name, b"")])
    assert dataset is None
    assert report.errors[0].message == "The file is empty." and report.errors[0].file == name


def test_corrupt_xlsx_is_an_error_naming_the_file(xlsx):
    data = xlsx({"ties": [["source", "target"], ["a", "b"]]})
    dataset, report = load_files([("broken.xlsx", data[: len(data) // 2])])
    assert dataset is None
    error = report.errors[0]
    assert error.file == "broken.xlsx" and "damaged" in error.message
    assert "Traceback" not in error.as_text()


def test_zip_with_a_damaged_workbook_part_is_an_error(xlsx):
    source = zipfile.ZipFile(io.BytesIO(xlsx({"ties": [["source", "target"], ["a", "b"]]})))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for member in source.infolist():
            content = source.read(member)
            target.writestr(member, b"<not xml" if "sheet1" in member.filename else content)
    dataset, report = load_files([("bad.xlsx", out.getvalue())])
    assert dataset is None and "damaged" in report.errors[0].message


def test_binary_junk_named_csv_is_an_error():
    junk = bytes(range(256)) * 40
    dataset, report = load_files([("junk.csv", junk)])
    assert dataset is None
    assert "binary data" in report.errors[0].message


def test_binary_junk_named_xlsx_says_damaged_workbook():
    dataset, report = load_files([("junk.xlsx", bytes(range(256)) * 40)])
    assert "damaged or is not an Excel workbook" in report.errors[0].message


@pytest.mark.parametrize("magic, what", [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "Excel 97-2003 workbook (.xls)"),
    (b"%PDF-1.7\n" + bytes(range(256)), "PDF document"),
    (b"\x89PNG\r\n\x1a\n" + bytes(100), "PNG image"),
    (b"\x1f\x8b\x08" + bytes(100), "gzip archive"),
])
def test_known_binary_formats_are_named(magic, what):
    dataset, report = load_files([("data.xls", magic)])
    assert dataset is None
    assert what in report.errors[0].message
    assert ".xlsx" in report.errors[0].fix


def test_word_document_is_refused_precisely():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    _, report = load_files([("notes.docx", buffer.getvalue())])
    assert "a Word document" in report.errors[0].message


def test_html_and_unknown_json_are_refused_precisely():
    _, html = load_files([("t.csv", b"<html><table><tr><td>a</td></tr></table></html>")])
    _, other = load_files([("t.json", b'{"nodes": []}')])
    _, broken = load_files([("t.json", b'{"elements": [')])
    assert "a web page (HTML)" in html.errors[0].message
    assert "not a Kumu export" in other.errors[0].message
    assert "damaged" in broken.errors[0].message


def test_wrong_extension_is_read_by_content_with_a_warning(csv_bytes, xlsx, texts):
    csv_named_xlsx, report = load_files([("ties.xlsx", csv_bytes(EDGES))])
    assert len(csv_named_xlsx.relationships) == 2
    assert "ends in .xlsx but the file holds CSV text" in texts(report)
    book_named_csv, report = load_files([("ties.csv", xlsx({"ties": EDGES}))])
    assert len(book_named_csv.relationships) == 2
    assert "ends in .csv but the file holds an Excel workbook" in texts(report)


def test_one_bad_file_makes_the_upload_unusable_but_all_are_reported(csv_bytes):
    dataset, report = load_files([("ties.csv", csv_bytes(EDGES)), ("orgs.xlsx", b"")])
    assert dataset is None
    assert [e.file for e in report.errors] == ["orgs.xlsx"]


def test_unclosed_quote_swallows_the_rest_and_is_reported_not_raised():
    dataset, report = load_files([("t.csv", b'source,target\n"a,b\nc,d\n')])
    assert dataset is None
    assert "No usable tie" in report.errors[0].message
    skipped = report.warnings[0]
    assert skipped.rows == (2,) and "empty source or target" in skipped.message


# --- limits ---------------------------------------------------------------------------------

def test_file_over_the_size_limit_is_rejected_without_parsing(monkeypatch):
    huge = b"source,target\n" + b"a,b\n" * ((LIMITS["upload_mb"] * MB) // 4 + 10)
    monkeypatch.setattr("csvcore.io.formats.decode", lambda *a: pytest.fail("decoded"))
    dataset, report = load_files([("huge.csv", huge)])
    assert dataset is None
    assert f"the limit is {LIMITS['upload_mb']} MB" in report.errors[0].message


def test_too_many_files_is_an_error(csv_bytes):
    files = [(f"t{i}.csv", csv_bytes(EDGES)) for i in range(LIMITS["files"] + 1)]
    dataset, report = load_files(files)
    assert dataset is None and "the limit is" in report.errors[0].message


@pytest.fixture(scope="module")
def zip_bomb() -> bytes:
    """A ~200 kB archive whose member inflates to more than LIMITS['unzipped_mb']."""
    buffer = io.BytesIO()
    chunk = b"0" * MB
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        with archive.open("ties.csv", "w", force_zip64=True) as member:
            member.write(b"source,target\n")
            for _ in range(LIMITS["unzipped_mb"] + 1):
                member.write(chunk)
    return buffer.getvalue()


def test_zip_bomb_is_rejected_before_inflating(zip_bomb, monkeypatch):
    assert len(zip_bomb) < 2 * MB
    monkeypatch.setattr(zipfile.ZipFile, "open", lambda *a, **k: pytest.fail("inflated"))
    dataset, report = load_files([("bomb.zip", zip_bomb)])
    assert dataset is None
    assert "zip bombs" in report.errors[0].message and report.errors[0].file == "bomb.zip"


def test_xlsx_bomb_is_rejected_before_openpyxl_reads_it(zip_bomb, monkeypatch):
    buffer = io.BytesIO(zip_bomb)
    with zipfile.ZipFile(buffer, "a") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    monkeypatch.setattr("openpyxl.load_workbook", lambda *a, **k: pytest.fail("opened"))
    dataset, report = load_files([("bomb.xlsx", buffer.getvalue())])
    assert dataset is None and "zip bombs" in report.errors[0].message


def test_ten_thousand_columns_are_rejected(csv_bytes, xlsx):
    wide = [[f"c{i}" for i in range(10_000)], ["x"] * 10_000]
    _, from_csv = load_files([("wide.csv", csv_bytes(wide))])
    assert "10,000 columns; the limit is 200" in from_csv.errors[0].message
    _, from_xlsx = load_files([("wide.xlsx", xlsx({"ties": wide[:1]}))])
    assert "10,000 columns" in from_xlsx.errors[0].message
    assert from_xlsx.errors[0].sheet == "ties" and from_xlsx.errors[0].rows == (1,)


def test_too_many_rows_is_an_error(monkeypatch, csv_bytes):
    monkeypatch.setitem(LIMITS, "rows", 5)
    rows = [["source", "target"]] + [[f"a{i}", f"b{i}"] for i in range(7)]
    dataset, report = load_files([("t.csv", csv_bytes(rows))])
    assert dataset is None and "more than 5 rows" in report.errors[0].message


def test_too_many_organizations_is_an_error(monkeypatch, csv_bytes):
    monkeypatch.setitem(LIMITS, "organizations", 3)
    rows = [["source", "target"], ["a", "b"], ["c", "d"]]
    dataset, report = load_files([("t.csv", csv_bytes(rows))])
    assert dataset is None and "4 organizations; the limit is 3" in report.errors[0].message


# --- archives -------------------------------------------------------------------------------

def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_zip_of_csvs_is_read_as_one_upload(csv_bytes):
    data = _zip({"data/organizations.csv": csv_bytes([["id", "sector"], ["a", "Gov"]]),
                 "data/ties.csv": csv_bytes([["source", "target"], ["a", "b"]]),
                 "__MACOSX/._ties.csv": b"\x00\x05junk", ".DS_Store": b"\x00"})
    dataset, report = load_files([("upload.zip", data)])
    assert report.ok, report.as_text()
    assert dataset.organizations.set_index("id").loc["a", "sector"] == "Government"
    assert ties_of(dataset) == {("a", "b")}


def test_nested_archive_members_are_errors_naming_the_member(csv_bytes):
    data = _zip({"ties.csv": csv_bytes(EDGES), "inner.zip": _zip({"x.csv": b"a,b\n"})})
    dataset, report = load_files([("upload.zip", data)])
    assert dataset is None
    assert report.errors[0].file == "upload.zip/inner.zip"


# --- network files --------------------------------------------------------------------------

def test_gexf_is_read_with_ids_labels_weights_and_years():
    graph = nx.DiGraph()
    graph.add_node("n1", label="Acme")
    graph.add_node("n2", label="Beta", kind="NGO", budget=5)
    graph.add_edge("n1", "n2", weight=3.0, year=2020)
    buffer = io.BytesIO()
    nx.write_gexf(graph, buffer)
    dataset, report = load_files([("g.gexf", buffer.getvalue())])
    assert report.ok, report.as_text()
    orgs = dataset.organizations.set_index("id")
    assert orgs.loc["n1", "name"] == "Acme" and orgs.loc["n2", "sector"] == "NGO"
    assert orgs.loc["n2", "budget"] == "5"
    tie = dataset.relationships.iloc[0]
    assert (tie.source, tie.target, tie.strength, tie.directed, tie.period) == (
        "n1", "n2", 3.0, True, "2020")


def test_graphml_undirected_is_read():
    graph = nx.Graph([("a", "b"), ("b", "c")])
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer)
    dataset, _ = load_files([("g.graphml", buffer.getvalue())])
    assert len(dataset.relationships) == 2 and not dataset.relationships["directed"].any()


def test_xml_with_entities_is_refused():
    bomb = b'<?xml version="1.0"?><!DOCTYPE g [<!ENTITY a "aaaa">]><gexf>&a;</gexf>'
    _, report = load_files([("g.gexf", bomb)])
    assert "DOCTYPE or entities" in report.errors[0].message


def test_ucinet_fullmatrix_with_two_relations_and_labels():
    text = ("DL N=3 NM=2\nFORMAT = FULLMATRIX DIAGONAL PRESENT\nROW LABELS:\nA\nB\nC\n"
            "COLUMN LABELS:\nA\nB\nC\nLEVEL LABELS:\ninfo\nmoney\nDATA:\n"
            "0 1 0\n0 0 1\n0 0 0\n0 0 2\n0 0 0\n0 0 0\n")
    dataset, report = load_files([("k.dl", text.encode())])
    assert report.ok, report.as_text()
    rel = dataset.relationships
    assert set(zip(rel.source, rel.target, rel.type)) == {
        ("A", "B", "info"), ("B", "C", "info"), ("A", "C", "money")}
    assert rel.directed.all() and rel.set_index("type").loc["money", "strength"] == 2.0


def test_ucinet_symmetric_matrix_gives_undirected_ties_and_keeps_isolates():
    text = "dl n=3\nlabels:\nx,y,z\ndata:\n0 1 0\n1 0 0\n0 0 0\n"
    dataset, _ = load_files([("s.dl", text.encode())])
    assert list(zip(dataset.relationships.source, dataset.relationships.target)) == [("x", "y")]
    assert not dataset.relationships.directed.any()
    assert set(dataset.organizations["id"]) == {"x", "y", "z"}


def test_ucinet_edgelist_numbers_and_diagonal_absent():
    edges, _ = load_files([("e.dl", b"dl n=3 format=edgelist1\ndata:\n1 2 5\n2 3\n3 3 1\n")])
    assert ties_of(edges) == {("1", "2"), ("2", "3")}
    absent = b"dl n=2 diagonal absent\nlabels:\na b\ndata:\n1\n0\n"
    matrix, _ = load_files([("m.dl", absent)])
    assert ties_of(matrix) == {("a", "b")}


def test_ucinet_unsupported_format_says_how_to_export():
    _, report = load_files([("x.dl", b"dl n=2 format=blockmatrix\ndata:\n1 2\n")])
    assert "FORMAT=BLOCKMATRIX" in report.errors[0].message
    assert "UCINET" in report.errors[0].fix


def test_ucinet_short_data_is_an_error():
    _, report = load_files([("x.dl", b"dl n=3\ndata:\n0 1\n")])
    assert "holds 2 values" in report.errors[0].message


def test_pajek_project_with_partitions_and_two_networks():
    text = ('% comment\n*Network a : INFO\n*Vertices 2\n1 "Ann Lee" 0.1 0.2\n2 Bob\n*Arcs\n'
            "1 2 2\n*Edges\n*Network a : MONEY\n*Vertices 2\n1 \"Ann Lee\"\n2 Bob\n*Edges\n"
            "1 2\n*Partition p\n*Vertices 2\n1\n2\n")
    dataset, report = load_files([("p.paj", text.encode())])
    assert report.ok, report.as_text()
    rel = dataset.relationships
    assert set(zip(rel.source, rel.target, rel.type, rel.directed)) == {
        ("Ann Lee", "Bob", "INFO", True), ("Ann Lee", "Bob", "MONEY", False)}
    assert set(dataset.organizations["id"]) == {"Ann Lee", "Bob"}


def test_pajek_without_vertices_is_an_error():
    _, report = load_files([("p.net", b"*Network x\n")])
    assert "no *Vertices" in report.errors[0].message


def test_kumu_json_elements_and_connections():
    doc = {"elements": [
        {"_id": "e1", "attributes": {"label": "City Hall", "element type": "Gov",
                                     "tags": ["a", "b"], "  ": "blank header"}},
        {"_id": "e2", "attributes": {"label": "<script>alert(1)</script>",
                                     "element type": "Non-profit"}}],
        "connections": [{"_id": "c1", "from": "e1", "to": "e2", "direction": "mutual",
                         "attributes": {"connection type": "funding", "strength": 4}},
                        {"_id": "c2", "from": "e2", "to": "e9", "direction": "directed"}]}
    dataset, report = load_files([("k.json", json.dumps(doc).encode())])
    assert report.ok, report.as_text()
    orgs = dataset.organizations.set_index("id")
    assert orgs.loc["City Hall", "sector"] == "Government"
    assert orgs.loc["<script>alert(1)</script>", "sector"] == "NGO"
    assert orgs.loc["City Hall", "tags"] == "a, b"
    first = dataset.relationships.iloc[0]
    assert (first.type, first.strength, first.directed) == ("funding", 4.0, False)
    assert "e9" in set(dataset.organizations["id"])


# --- nothing is raised to the caller -------------------------------------------------------

def crash(*args, **kwargs):
    raise ValueError("internal detail")


def test_a_reader_crash_becomes_an_error_naming_the_file(monkeypatch, csv_bytes):
    monkeypatch.setattr("csvcore.io.importer.read_file", crash)
    dataset, report = load_files([("ties.csv", csv_bytes(EDGES))])
    assert dataset is None
    assert report.errors[0].file == "ties.csv"
    assert "internal detail" not in report.as_text() and "Traceback" not in report.as_text()


def test_an_unexpected_crash_later_is_still_a_finding(monkeypatch, csv_bytes):
    monkeypatch.setattr("csvcore.io.importer.build_dataset", crash)
    dataset, report = load_files([("ties.csv", csv_bytes(EDGES))])
    assert dataset is None
    assert "unexpected problem" in report.errors[0].message and report.errors[0].fix
    assert "internal detail" not in report.as_text()
