"""The home page in a real browser: sample overview, an upload, a bad file."""

import time

from csvcore.io.importer import load_paths

EDGES = b"source;target;year;strength\nAcme;River Trust;2021;2,5\nAcme;City Water;2021;1\n" \
        b"River Trust;City Water;2022;3\nCity Water;Farmers Union;2022;1\n"


def metric(page, label: str) -> str:
    box = page.locator("[data-testid=stMetric]").filter(has_text=label).first
    return box.locator("[data-testid=stMetricValue]").inner_text()


def test_home_shows_the_sample_then_an_upload_then_a_clear_error(
        app_url, page, wait_idle, screenshot, tmp_path):
    started = time.monotonic()
    page.goto(app_url)  # a new session on a running server (conftest made the first visit)
    page.locator("[data-testid=stMetric]").first.wait_for()
    page.get_by_text("Organizations per sector").first.wait_for()
    page.locator("[data-testid=stDataFrame]").first.wait_for()
    overview = time.monotonic() - started
    page.get_by_text("Map preview").first.wait_for()
    wait_idle(page)
    print(f"overview visible after {overview:.2f} s, map preview after "
          f"{time.monotonic() - started:.2f} s")
    assert page.locator("[data-testid=stException]").count() == 0
    assert page.locator("[data-testid=stAlertContentError]").count() == 0
    assert int(metric(page, "Organizations").replace(",", "")) >= 80
    screenshot(page, "home_sample")

    good = tmp_path / "ties.csv"
    good.write_bytes(EDGES)
    page.get_by_text("Your data: the sample").click()
    page.get_by_role("tab", name="Upload").click()
    page.locator("input[type=file]").set_input_files(str(good))
    page.get_by_text("Overview: ties.csv").wait_for()
    wait_idle(page)
    assert metric(page, "Organizations") == "4"
    assert metric(page, "Tie rows") == "4"
    screenshot(page, "home_uploaded")

    bad = tmp_path / "broken.xlsx"
    bad.write_bytes(b"this is not a workbook")
    page.locator("[data-testid=stFileChipDeleteBtn]").first.click()  # ties.csv
    wait_idle(page)
    page.locator("input[type=file]").set_input_files(str(bad))
    page.get_by_text("could not be used").wait_for()
    wait_idle(page)
    assert page.get_by_text("broken.xlsx").count() >= 1
    assert metric(page, "Organizations") == "4"  # the good upload is kept
    assert page.locator("[data-testid=stException]").count() == 0
    screenshot(page, "home_bad_upload")

    page.get_by_role("tab", name="Template").click()
    with page.expect_download() as download:
        page.get_by_role("button", name="Template (XLSX)").click()
    dataset, report = load_paths([download.value.path()])
    assert report.ok and len(dataset.relationships) > 0  # the template's example rows load
