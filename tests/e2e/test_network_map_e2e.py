"""The network map in a real browser: open it, click a node, see its profile."""

import io

from PIL import Image

US_RGB = (0x1F, 0x2A, 0x30)  # ui.figures.style.US_COLOR: our organization's node


def find_colour(png: bytes, rgb, tolerance: int = 6):
    """Return the centre (x, y) of the pixels of one colour in a screenshot, or None."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    width, height = image.size
    pixels = image.load()
    hits = [(x, y) for y in range(0, height, 2) for x in range(0, width, 2)
            if all(abs(pixels[x, y][i] - rgb[i]) <= tolerance for i in range(3))]
    if len(hits) < 20:
        return None
    xs, ys = sorted(h[0] for h in hits), sorted(h[1] for h in hits)
    return xs[len(xs) // 2], ys[len(ys) // 2]


def test_map_click_opens_the_profile(app_url, page, wait_idle, screenshot):
    page.goto(app_url + "/network-map")
    wait_idle(page)
    page.locator("[data-testid=stButtonGroup] button").filter(has_text="Map").first.click()
    wait_idle(page)
    frame = page.locator("iframe[title='streamlit_agraph.agraph']").first
    frame.wait_for()
    page.wait_for_timeout(1500)  # vis-network draws after the iframe loads
    frame.scroll_into_view_if_needed()
    spot = find_colour(frame.screenshot(), US_RGB)
    assert spot is not None, "our organization's node is not drawn"
    screenshot(page, "network_map")

    frame.click(position={"x": spot[0], "y": spot[1]})
    page.get_by_text("Path from us", exact=False).or_(
        page.get_by_text("Ties in", exact=False)).first.wait_for()
    wait_idle(page)
    assert page.locator("h3").filter(has_text="AquaNourish Foods").count() == 1
    assert page.locator("[data-testid=stException]").count() == 0
    screenshot(page, "network_map_profile")


def test_exports_download_measures_and_the_map(app_url, page, wait_idle):
    import networkx as nx
    import pandas as pd

    page.goto(app_url + "/network-map")
    wait_idle(page)
    page.locator("[data-testid=stButtonGroup] button").filter(has_text="Export").first.click()
    wait_idle(page)
    with page.expect_download() as csv_download:
        page.get_by_role("button", name="Measures (CSV)").click()
    table = pd.read_csv(csv_download.value.path(), dtype={"period": str})
    assert {"period", "id", "degree", "betweenness", "influence", "rank"} <= set(table.columns)
    assert len(table) == 110 * 7  # every organization in every period of the sample

    with page.expect_download() as gexf_download:
        page.get_by_role("button", name="Map (GEXF)").click()
    G = nx.read_gexf(gexf_download.value.path())
    assert G.number_of_nodes() == 110 and G.number_of_edges() > 100
