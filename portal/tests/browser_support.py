"""Fixtures for the Playwright browser tests (DESIGN §11): Debian's chromium driven by the
`playwright` package's own driver (`playwright install` cannot download here).

    pytest_plugins = ["portal.tests.browser_support"]   # in the test module

Without chromium or the playwright module the tests skip with the reason, except on CI
(CI=true), where a missing browser is a failure: CI installs it (.ci/run).
"""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"browser tests cannot run on CI: {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    # One browser per module, not per session: while Playwright's sync API runs, its event
    # loop stays set on this thread, and every later async test in the session (the
    # messaging websockets) would be refused by asgiref as "inside an event loop".
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed (pip install playwright)")
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        _unavailable(f"chromium is not installed at {CHROMIUM} (apt-get install -y chromium)")
    # Playwright's sync API keeps an event loop on this thread, so Django would refuse the
    # tests' own ORM calls (and the test database setup) as "async"; they are plain
    # synchronous calls made between browser steps.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM if os.path.exists(CHROMIUM) else shutil.which("chromium"),
            args=LAUNCH_ARGS,
        )
    except Exception as exc:  # a broken install is as good as none
        playwright.stop()
        _unavailable(f"chromium did not start: {exc}")
    yield chromium
    chromium.close()
    playwright.stop()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def site(live_server, settings):
    """The live server's base URL; emailed links point at it."""
    settings.SITE_URL = live_server.url
    return live_server.url


class Tab:
    """One browser context + page with the helpers the journey needs; console messages
    are kept so a test can assert that the CSP blocked nothing."""

    def __init__(self, browser, base: str, **context_options):
        self.context = browser.new_context(accept_downloads=True, **context_options)
        self.context.set_default_timeout(10_000)
        self.page = self.context.new_page()
        self.base = base
        self.console: list[str] = []
        self.page.on("console", lambda msg: self.console.append(f"{msg.type}: {msg.text}"))

    def go(self, path: str):
        response = self.page.goto(self.base + path)
        return response

    def shot(self, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def csp_violations(self) -> list[str]:
        return [line for line in self.console if "Content Security Policy" in line]

    def login(self, email: str, password: str) -> None:
        self.go("/accounts/login/")
        self.page.fill("#id_username", email)
        self.page.fill("#id_password", password)
        self.page.click("button:has-text('Log in')")
        self.page.wait_for_load_state()

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def tab(browser, site):
    opened: list[Tab] = []

    def open_tab(**options) -> Tab:
        new = Tab(browser, site, **options)
        opened.append(new)
        return new

    yield open_tab
    for one in opened:
        one.close()
