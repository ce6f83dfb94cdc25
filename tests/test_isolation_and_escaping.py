"""Spreadsheet text never becomes markup or a link, and one user's data never answers another's.

- streamlit-agraph 0.0.45 puts a node's ``title`` into the page with innerHTML and
  window.open()s it on double-click, so graph nodes carry opaque ids and empty titles.
- Plotly reads a few HTML tags in text; the SVG preview is an image.
- st.cache_data hashes a DataFrame of 50,000+ rows from a sample of its rows, so the
  pages' caches are keyed on Dataset.fingerprint, a hash of every cell.
"""

import re

import pandas as pd

from csvcore.contract.dataset import Dataset
from ui.figures.map_svg import map_svg
from ui.figures.style import escaped
from ui.graphview import elements
from ui.text import md_escape

HOSTILE = ['<img src=x onerror="alert(1)">', "javascript:alert(document.cookie)",
           "[click](javascript:alert(1))", "<script>alert(1)</script>"]


def hostile_nodes() -> tuple[pd.DataFrame, pd.DataFrame]:
    nodes = pd.DataFrame({"id": HOSTILE, "label": HOSTILE, "color": "#000000",
                          "size": 10.0, "x": [0.0, 1.0, 2.0, 3.0], "y": 0.0,
                          "highlight": False})
    edges = pd.DataFrame({"source": HOSTILE[:2], "target": HOSTILE[2:], "color": "#999999",
                          "width": 1.0})
    return nodes, edges


def test_graph_nodes_get_opaque_ids_and_no_title():
    graph_nodes, graph_edges, _, back = elements(*hostile_nodes(), False, 400)
    for node in graph_nodes:
        assert node.title == ""  # nothing for innerHTML, nothing for window.open
        assert re.fullmatch(r"n\d+", node.id)
    assert {e.source for e in graph_edges} | {e.to for e in graph_edges} <= set(back)
    assert sorted(back.values()) == sorted(HOSTILE)  # a click maps back to the real id


def test_markdown_text_cannot_make_a_link_or_tag():
    for text in HOSTILE:
        escaped = md_escape(text)
        assert "](" not in escaped and "<" not in escaped.replace("\\<", "")


def test_plotly_and_svg_text_is_escaped():
    frame = escaped(pd.DataFrame({"name": HOSTILE, "n": range(4)}))
    assert not frame["name"].str.contains("<").any()
    nodes = pd.DataFrame({"id": ["a", "b"], "x": [0.0, 1.0], "y": [0.0, 1.0],
                          "influence": [0.5, 1.0], "sector": HOSTILE[:1] + HOSTILE[3:]})
    svg = map_svg(nodes, pd.DataFrame({"source": ["a"], "target": ["b"]}), "sector")
    assert "<script" not in svg and "<img" not in svg
    assert "&lt;script&gt;" in svg


def big_dataset(changed_row: int | None = None) -> Dataset:
    n = 60_000
    targets = [f"t{i}" for i in range(n)]
    if changed_row is not None:
        targets[changed_row] = "someone else"
    return Dataset.from_frames(relationships=pd.DataFrame({"source": "s", "target": targets}))


def test_datasets_that_differ_in_one_cell_of_60000_rows_never_share_a_cache_key():
    # Streamlit's own hash of such a frame looks at a 10,000-row sample only.
    assert big_dataset().fingerprint != big_dataset(changed_row=31_337).fingerprint
    assert big_dataset().fingerprint == big_dataset().fingerprint
