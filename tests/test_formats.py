"""The registry of upload formats: each format declared once, recognised by its content."""

from __future__ import annotations

import io
import zipfile

import pytest

from csvcore.contract.report import Report, UploadRejected
from csvcore.io import formats
from csvcore.io.formats import FORMATS, UPLOAD_SUFFIXES, detect, read_file
from csvcore.io.readers.format import Format, Probe

SAMPLES = {  # one small file of each readable format, named so its suffix does not give it away
    "gexf": b'<?xml version="1.0"?><gexf version="1.2"><graph><nodes/></graph></gexf>',
    "graphml": b'<?xml version="1.0"?><graphml><graph edgedefault="undirected"/></graphml>',
    "kumu": b'{"elements": [], "connections": []}',
    "dl": b"% made by hand\nDL n=2\ndata:\n0 1\n1 0\n",
    "pajek": b"*Vertices 2\n1 a\n2 b\n*Edges\n1 2\n",
    "table": b"source,target\na,b\n",
}


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _format_of(name: str, data: bytes) -> str:
    probe = Probe(name, data)
    if probe.is_zip:
        probe.members = frozenset(zipfile.ZipFile(io.BytesIO(data)).namelist())
    else:
        probe.text = data.decode()
    return detect(probe).name


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_each_text_format_is_recognised_by_content_not_name(name):
    assert _format_of("upload.bin", SAMPLES[name]) == name


def test_zip_layer_tells_workbooks_documents_and_archives_apart(xlsx):
    assert _format_of("a.bin", xlsx({"ties": [["source", "target"]]})) == "xlsx"
    assert _format_of("a.bin", _zip({"word/document.xml": b"<w/>"})) == "docx"
    assert _format_of("a.bin", _zip({"ties.csv": b"a,b\n"})) == "zip"


def test_upload_suffixes_are_every_readable_formats_suffixes_once():
    readable = [f for f in FORMATS if f.suffixes]
    expected = {s.lstrip(".") for f in readable for s in f.suffixes}
    assert set(UPLOAD_SUFFIXES) == expected and len(UPLOAD_SUFFIXES) == len(expected)
    assert {"xlsx", "csv", "zip", "gexf", "graphml", "json", "dl", "net", "paj"} <= expected
    assert all(not s.startswith(".") for s in UPLOAD_SUFFIXES)


def test_refused_formats_offer_no_suffix_and_say_what_the_file_is():
    refused = [f for f in FORMATS if not f.suffixes]
    assert {"ole2", "pdf", "html", "docx"} <= {f.name for f in refused}
    with pytest.raises(UploadRejected, match="This file is a PDF document"):
        read_file("x.csv", b"%PDF-1.7\n" + bytes(range(256)), Report())


def test_names_are_unique_and_each_layer_ends_in_a_catch_all():
    assert len({f.name for f in FORMATS}) == len(FORMATS)
    last = {f.layer: f for f in FORMATS}
    assert last["zip"].name == "zip" and last["text"].name == "table"
    assert last["zip"].sniff(Probe("x", b"")) and last["text"].sniff(Probe("x", b""))


def test_a_new_format_is_one_registry_entry(monkeypatch):
    """A format added to the registry is sniffed and read by that alone."""
    def read(probe, report):
        return formats.read_file("inner.csv", probe.data[len(b"EDGES:"):], report)
    edges = Format("edges", "an edges file", "text", suffixes=(".edges",),
                   sniff=lambda probe: probe.head.startswith("EDGES:"), read=read)
    monkeypatch.setattr(formats, "FORMATS", (edges, *FORMATS))
    tables = read_file("x.edges", b"EDGES:source,target\na,b\n", Report())
    assert tables[0].headers == ["source", "target"]


def test_a_format_declares_exactly_one_way_to_read():
    with pytest.raises(ValueError, match="one of read, members"):
        Format("x", "x", "text", sniff=bool)
    with pytest.raises(ValueError, match="unknown layer"):
        Format("x", "x", "disk", sniff=bool, read=print)
