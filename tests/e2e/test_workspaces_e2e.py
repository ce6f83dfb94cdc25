"""Workspaces in a real browser, on SQLite and on PostgreSQL: save the sample as a workspace,
open its view-only link in a fresh browser, then a wrong link."""

import contextlib
import re

from csvcore.workspaces.store import ENV_URL, LINK_NOT_VALID

NAME = "Water stewardship 2025"


@contextlib.contextmanager
def fresh_page(browser):
    """A page in a browser context of its own (no cookies, no session: another person)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        yield page
    finally:
        context.close()


def open_page(page, wait_idle, title: str) -> None:
    page.locator("[data-testid=stSidebarNav]").get_by_text(title, exact=True).click()
    page.get_by_role("heading", name=title).first.wait_for()
    wait_idle(page)


def no_edit_controls(page) -> None:
    for label in ("Save as version", "Save as a new workspace", "New view-only link",
                  "Use the sample", "Close the workspace"):
        assert page.get_by_role("button", name=re.compile(label)).count() == 0, label
    assert page.locator("input[type=file]").count() == 0
    assert page.get_by_role("tab", name="Upload").count() == 0
    assert page.get_by_text("Edit scenarios and scores").count() == 0


def test_a_saved_workspace_opens_read_only_through_its_view_link(
        serve_app, database_url, browser, page, wait_idle, screenshot):
    with serve_app({ENV_URL: database_url}) as url:
        page.goto(url)
        page.locator("[data-testid=stMetric]").first.wait_for()
        wait_idle(page)
        open_page(page, wait_idle, "Workspaces")
        page.get_by_label("Workspace name").fill(NAME)
        page.get_by_label("Workspace name").press("Enter")
        wait_idle(page)
        page.get_by_role("button", name="Save as a new workspace").click()
        errors = page.locator("[data-testid=stAlertContentError]")
        page.get_by_text("Copy both links now").or_(errors).wait_for(timeout=60_000)
        assert errors.count() == 0, errors.all_inner_texts()
        page.locator("[data-testid=stCode]").nth(1).wait_for()
        wait_idle(page)
        assert page.locator("[data-testid=stException]").count() == 0
        screenshot(page, "workspaces_saved")
        edit_link, view_link = page.locator("[data-testid=stCode]").all_inner_texts()
        assert edit_link.startswith(url) and view_link.startswith(url)

        with fresh_page(browser) as viewer:
            viewer.goto(view_link)
            viewer.locator("[data-testid=stMetric]").first.wait_for()
            wait_idle(viewer)
            assert viewer.get_by_text("view only").count() >= 1
            assert viewer.get_by_text(NAME).count() >= 1
            no_edit_controls(viewer)
            screenshot(viewer, "workspaces_view_home")
            for title in ("1 · Business case", "Workspaces"):
                open_page(viewer, wait_idle, title)
                no_edit_controls(viewer)
            assert viewer.locator("[data-testid=stCode]").count() == 0  # no links to copy
            assert viewer.locator("[data-testid=stException]").count() == 0
            screenshot(viewer, "workspaces_view_page")

        with fresh_page(browser) as stranger:
            stranger.goto(view_link.rsplit("token=", 1)[0] + "token=not-the-token")
            stranger.get_by_text(LINK_NOT_VALID).wait_for()
            wait_idle(stranger)
            body = stranger.locator("body").inner_text()
            assert NAME not in body and "Water" not in body
            assert stranger.locator("[data-testid=stSidebarNav]").count() == 0
            assert stranger.locator("[data-testid=stMetric]").count() == 0
            screenshot(stranger, "workspaces_invalid")
