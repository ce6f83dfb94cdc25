"""Step 1 in a real browser: pick a challenge on the matrix, edit a probability, download."""

from playwright.sync_api import TimeoutError as PlaywrightTimeout

from csvcore.io.importer import load_files

ROBUST = "Water stewardship is the robust priority"


def open_page(page, app_url, wait_idle, width: int = 1400) -> None:
    page.set_viewport_size({"width": width, "height": 1000})
    page.goto(app_url)
    wait_idle(page)
    link = page.locator("[data-testid=stSidebarNav]").get_by_role("link", name="Business case")
    page.goto(link.get_attribute("href"))  # the sidebar is folded away in a narrow window
    page.get_by_text(ROBUST).wait_for()
    wait_idle(page)


def whole_page(page, screenshot, name: str) -> None:
    """Save a screenshot of the whole page: Streamlit scrolls inside stMain, so grow the
    viewport to the content's height first."""
    size = page.viewport_size
    height = page.locator("[data-testid=stMain]").evaluate("e => e.scrollHeight")
    page.set_viewport_size({"width": size["width"], "height": height})
    page.wait_for_timeout(500)  # let the charts redraw at the new size
    screenshot(page, name)
    page.set_viewport_size(size)


def sidebar_challenge(page) -> str:
    return page.locator("[data-testid=stSidebar]").get_by_role(
        "combobox", name="Challenge").input_value()


def heatmap_rows(page) -> list[str]:
    """The challenges down the rank heatmap, top to bottom: it follows the ranking."""
    labels = page.locator('[class*="st-key-bc_heatmap"] .ytick text')
    labels.first.wait_for()  # Plotly draws after the script has finished
    ticks = labels.evaluate_all(
        "els => els.map(e => [e.getBoundingClientRect().top, e.textContent])")
    return [name for _, name in sorted(ticks)]


def click_bubble(page, name: str) -> None:
    """Click the matrix bubble whose label reads ``name`` (labels wrap, so compare words)."""
    matrix = page.locator('[class*="st-key-bc_matrix"]')
    matrix.locator(".textpoint").first.wait_for()
    for trace in matrix.locator("g.trace.scatter").all():
        labels = [t.get_attribute("data-unformatted") or ""
                  for t in trace.locator(".textpoint text").all()]
        for i, label in enumerate(labels):
            if label.replace("<br>", " ") == name:
                box = trace.locator("path.point").nth(i).bounding_box()
                page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
                return
    raise AssertionError(f"no bubble labelled {name!r}")


def type_into_cell(page, editor_key: str, row: int, column: int, text: str) -> None:
    """Replace a data editor cell (0-based row and column): select the first cell, move with
    the arrows, open the cell's editor (Enter), type, commit (Enter).

    The grid's accessible table says which cell is selected (id glide-cell-<col>-<row>,
    column 0 being the row markers). The first click after a click on a Plotly chart can
    be swallowed, so click until a cell is selected.
    """
    editor = page.locator(f'[class*="st-key-{editor_key}"]')
    first = editor.locator("#glide-cell-1-0[aria-selected=true]")
    for _ in range(5):
        editor.locator(".dvn-scroller").click(position={"x": 100, "y": 35 + 17})
        try:
            first.wait_for(state="attached", timeout=2_000)
            break
        except PlaywrightTimeout:
            continue
    for _ in range(row):
        page.keyboard.press("ArrowDown")
    for _ in range(column):
        page.keyboard.press("ArrowRight")
    editor.locator(f"#glide-cell-{column + 1}-{row}[aria-selected=true]").wait_for(
        state="attached")
    page.keyboard.press("Enter")
    page.locator("input.gdg-input, textarea.gdg-input").first.fill(text)
    page.keyboard.press("Enter")


def test_select_edit_rank_and_download(app_url, page, wait_idle, screenshot, tmp_path):
    open_page(page, app_url, wait_idle)
    assert page.locator("[data-testid=stException]").count() == 0
    assert heatmap_rows(page)[-1] == "Nutrition"
    whole_page(page, screenshot, "business_case")

    click_bubble(page, "Rural livelihoods")
    page.wait_for_function(
        "() => document.querySelector('[data-testid=stSidebar] input[aria-label=Challenge]')"
        ".value === 'Rural livelihoods'")
    wait_idle(page)

    type_into_cell(page, "bc_scenarios_", row=1, column=1, text="0.9")  # Regulated nutrition
    page.get_by_text("The probabilities sum to 1.65").wait_for()
    wait_idle(page)
    assert heatmap_rows(page)[:2] == ["Water stewardship", "Nutrition"]  # Nutrition moved up
    assert sidebar_challenge(page) == "Rural livelihoods"  # the edit kept the selection
    whole_page(page, screenshot, "business_case_edited")

    with page.expect_download() as download:
        page.get_by_role("button", name="Download the workbook (XLSX)").click()
    saved = tmp_path / "workbook.xlsx"
    download.value.save_as(saved)
    loaded, report = load_files([("workbook.xlsx", saved.read_bytes())])
    assert report.ok, report.as_text()
    assert loaded.scenarios.set_index("scenario")["probability"]["Regulated nutrition"] == 0.9
    assert len(loaded.challenges) == 7 and len(loaded.organizations) >= 80

    # the ranked list selects too: tick Nutrition's row (second since the edit)
    ranking = page.locator('[class*="st-key-bc_ranking"] .dvn-scroller')
    ranking.scroll_into_view_if_needed()
    ranking.click(position={"x": 15, "y": 35 + 35 + 17})
    page.wait_for_function(
        "() => document.querySelector('[data-testid=stSidebar] input[aria-label=Challenge]')"
        ".value === 'Nutrition'")
    assert page.locator("[data-testid=stException]").count() == 0


def test_narrow_window(app_url, page, wait_idle, screenshot):
    open_page(page, app_url, wait_idle, width=420)
    page.locator('[class*="st-key-bc_matrix"] .textpoint').first.wait_for()
    assert page.locator("[data-testid=stException]").count() == 0
    whole_page(page, screenshot, "business_case_narrow")
