"""Browser tests: a real `streamlit run app.py` driven by Playwright in Debian's Chromium.

Fixtures:
- ``app_url``: base URL of one server started for the whole session.
- ``serve_app``: ``with serve_app(env) as url:`` starts another server with extra
  environment variables (for example another database).
- ``page``: a fresh browser context and page per test.
- ``wait_idle``: ``wait_idle(page)`` waits until the script has finished running.

Chromium comes from Debian (``apt-get install chromium``); Playwright never
downloads a browser of its own.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync",
                 "--disable-quic"]
SCREENSHOTS = ROOT / "screenshots"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_healthy(url: str, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("streamlit did not become healthy in time")


@contextlib.contextmanager
def _serving(log: Path, env: dict[str, str] | None = None):
    """Run `streamlit run app.py` on a free port with extra environment variables; yield its URL."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    port = _free_port()
    with open(log, "w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
             "--server.address", "127.0.0.1", "--server.headless", "true",
             "--browser.gatherUsageStats", "false"],
            cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})})
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, proc)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        if "Traceback" in log.read_text():
            pytest.fail("the server logged a traceback:\n" + log.read_text()[-4000:])


@pytest.fixture(scope="session")
def app_url(tmp_path_factory, browser):
    with _serving(tmp_path_factory.mktemp("streamlit") / "server.log") as url:
        _first_visit(browser, url)
        yield url


def _first_visit(browser, url: str) -> None:
    """Open the main page once, as the first visitor of a freshly started server does.

    The first script run of a Streamlit process with a pages/ folder goes through
    Streamlit's legacy multipage mode, which answers a deep link with a "Page not
    found" dialog; from the second run on, st.navigation owns the URLs.
    """
    context = browser.new_context()
    page = context.new_page()
    page.goto(url)
    _wait_idle(page, timeout=120_000)
    context.close()


@pytest.fixture
def serve_app(tmp_path):
    """``with serve_app({"NAME": "value"}) as url:`` runs a server of its own with that env."""
    return lambda env: _serving(tmp_path / "server.log", env)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000},
                                  accept_downloads=True)
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    yield pg
    context.close()


def _wait_idle(pg, timeout: float = 30_000) -> None:
    """Wait until Streamlit has rendered and finished running the script."""
    pg.wait_for_selector("[data-test-script-state=notRunning]", state="attached",
                         timeout=timeout)
    pg.wait_for_function(
        "() => !document.querySelector('[data-test-script-state=running]')", timeout=timeout)


@pytest.fixture
def wait_idle():
    return _wait_idle


@pytest.fixture
def screenshot():
    """``screenshot(page, name)`` saves screenshots/<name>.png for people to look at."""
    SCREENSHOTS.mkdir(exist_ok=True)

    def take(pg, name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        pg.screenshot(path=str(path), full_page=True)
        return path

    return take
