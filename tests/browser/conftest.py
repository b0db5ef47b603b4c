"""Browser fixtures: the app served on a free loopback port in a thread, and Playwright
driving Debian's Chromium (``/usr/bin/chromium``; `make browser` installs it).

``assert_accessible(page)`` runs axe-core (bundled by axe-playwright-python) on the page as
it is and fails with a readable list of violations.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator

import pytest
from werkzeug.serving import make_server

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def live_server(app) -> Iterator[str]:
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: run `make browser` (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _is_local(url: str) -> bool:
    return url.startswith(("http://127.0.0.1", "data:", "about:", "blob:"))


@pytest.fixture
def open_page(browser):
    """Opens pages with the given browser-context options; the site may request nothing from
    another host, so any such request is blocked and fails the test, and so does anything the
    site's own Content-Security-Policy blocks."""
    contexts = []
    foreign_requests: list[str] = []
    policy_violations: list[str] = []

    def block(route):
        foreign_requests.append(route.request.url)
        route.abort()

    def opener(**context_options):
        context = browser.new_context(locale="nl-NL", **context_options)
        context.set_default_timeout(15_000)
        context.route(lambda url: not _is_local(url), block)
        contexts.append(context)
        page = context.new_page()
        page.on(
            "console",
            lambda message: (
                "Content Security Policy" in message.text and policy_violations.append(message.text)
            ),
        )
        return page

    yield opener
    for context in contexts:
        context.close()
    assert not foreign_requests, f"requests to other hosts: {foreign_requests}"
    assert not policy_violations, f"blocked by the Content-Security-Policy: {policy_violations}"


@pytest.fixture
def page(open_page):
    return open_page()


@pytest.fixture
def page_without_js(open_page):
    return open_page(java_script_enabled=False)


@pytest.fixture
def phone_page(open_page):
    """A 320 CSS px wide viewport: content must reflow without horizontal scrolling."""
    return open_page(viewport={"width": 320, "height": 640})


def assert_accessible(page) -> None:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    if results.violations_count:
        pytest.fail(f"axe-core on {page.url}:\n{results.generate_report()}", pytrace=False)


def assert_reflows(page) -> None:
    """No horizontal scrolling at the current viewport width (WCAG 1.4.10)."""
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 1, f"{page.url} scrolls horizontally by {overflow}px"


def tab_to(page, selector: str, limit: int = 300) -> None:
    """Press Tab until the element has focus, as someone without a mouse would."""
    target = page.locator(selector).first
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
    pytest.fail(f"{selector} cannot be reached with the Tab key on {page.url}")
