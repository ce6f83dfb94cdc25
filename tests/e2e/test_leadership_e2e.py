"""Step 3 in a real browser: propose a tie, see the what-if numbers move, download the brief.

Streamlit scrolls inside its main block, so the screenshots use a tall window
rather than a full-page capture.
"""

from pathlib import Path

WATER = "Water stewardship"
IWAS = "Institute for Water and Agrarian Studies, Pune"


HEADINGS = {"Boundaries": "Which boundaries our ties cross",
            "Brokers": "Brokers: us and the top players",
            "Partners & what-if": "Partners to approach",
            "Dialogue": "A convening group for dialogue",
            "Executive brief": "Executive brief: "}


def open_section(page, wait_idle, section: str) -> None:
    """Click a section and wait for its own heading, then for the run to end (the old
    section's elements stay on screen until the new run replaces them)."""
    page.locator("[data-testid=stButtonGroup] button").filter(has_text=section).first.click()
    page.get_by_text(HEADINGS[section]).first.wait_for()
    wait_idle(page)


def metric(page, label: str) -> tuple[str, str]:
    """(value, delta) of the metric with this label ('' when it has no delta)."""
    box = page.locator("[data-testid=stMetric]").filter(
        has=page.get_by_text(label, exact=True)).first
    value = box.locator("[data-testid=stMetricValue]").inner_text()
    delta = box.locator("[data-testid=stMetricDelta]")
    return value, delta.inner_text() if delta.count() else ""


def no_errors(page) -> None:
    assert page.locator("[data-testid=stException]").count() == 0
    assert page.locator("[data-testid=stAlertContentError]").count() == 0


def test_propose_a_tie_and_download_the_brief(app_url, page, wait_idle, screenshot, tmp_path):
    page.set_viewport_size({"width": 1400, "height": 2200})
    page.goto(app_url + "/leadership-strategy")
    wait_idle(page)
    page.get_by_text("Strengths and weaknesses").wait_for()
    page.locator(".js-plotly-plot").first.wait_for()
    page.wait_for_timeout(500)
    no_errors(page)
    screenshot(page, "leadership")

    open_section(page, wait_idle, "Boundaries")
    page.locator(".js-plotly-plot").first.wait_for()
    page.wait_for_timeout(500)
    no_errors(page)
    screenshot(page, "leadership_boundaries")

    open_section(page, wait_idle, "Brokers")
    page.locator(".js-plotly-plot").first.wait_for()
    page.wait_for_timeout(500)
    no_errors(page)
    screenshot(page, "leadership_brokers")

    open_section(page, wait_idle, "Partners & what-if")
    assert metric(page, "Reach within 2 steps") == ("24", "")
    page.get_by_role("combobox", name="Proposed new ties").click()
    page.keyboard.type("Institute for Water")
    page.get_by_role("option", name=IWAS).click()
    page.keyboard.press("Escape")
    wait_idle(page)
    page.locator("[data-testid=stMetricDelta]").first.wait_for()
    assert metric(page, "Reach within 2 steps") == ("29", "+5")
    rank, delta = metric(page, "Influence rank")
    assert delta.startswith("-")  # a better (smaller) rank
    frame = page.locator("iframe[title='streamlit_agraph.agraph']").first
    frame.wait_for()
    page.set_viewport_size({"width": 1400, "height": 2900})
    page.wait_for_timeout(1500)  # vis-network draws after the iframe loads
    no_errors(page)
    screenshot(page, "leadership_whatif")

    open_section(page, wait_idle, "Dialogue")
    page.locator("iframe[title='streamlit_agraph.agraph']").first.wait_for()
    page.wait_for_timeout(1500)
    screenshot(page, "leadership_dialogue")

    open_section(page, wait_idle, "Executive brief")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the brief").click()
    saved = Path(tmp_path) / "brief.html"
    download.value.save_as(saved)
    text = saved.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and "</html>" in text
    assert f"Executive brief: {WATER}" in text and "<script" not in text.lower()
    no_errors(page)
    screenshot(page, "leadership_brief")

    brief = page.context.new_page()  # the downloaded file, as a reader sees it
    brief.set_viewport_size({"width": 900, "height": 1200})
    brief.goto(saved.as_uri())
    screenshot(brief, "leadership_brief_file")
    brief.emulate_media(media="print")
    screenshot(brief, "leadership_brief_print")
    brief.close()


def test_narrow_window(app_url, page, wait_idle, screenshot):
    page.set_viewport_size({"width": 420, "height": 2400})
    page.goto(app_url + "/leadership-strategy")
    wait_idle(page)
    page.get_by_text("Strengths and weaknesses").wait_for()
    no_errors(page)
    screenshot(page, "leadership_narrow")
