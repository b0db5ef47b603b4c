"""Browser fixtures: the app served on a free loopback port in a thread, and Playwright
driving Debian's Chromium (``/usr/bin/chromium``; `make browser` installs it).

``assert_accessible(page)`` runs axe-core (bundled by axe-playwright-python) with the WCAG 2.x
A/AA rules and the best-practice rules on the page as it is, and fails with a readable list
of violations. ``data_set`` (parametrise it indirectly with ``DATA_SETS``) adds the generated
demo initiatives that `make run` loads, so the pages are also checked with the demo banner.

Browser tests wait for what they assert (``expect(locator).to_be_visible()``, ``submit``);
they never sample the page right after a click.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect
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


# Named explicitly: axe's defaults change between versions, and the best-practice rules
# (landmarks, "region", heading order, …) catch what people with screen readers trip over.
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}


def assert_accessible(page) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page.wait_for_load_state("load")  # style sheets applied: contrast is judged as shown
    results = Axe().run(page, options=AXE_OPTIONS)
    if results.violations_count:
        pytest.fail(f"axe-core on {page.url}:\n{results.generate_report()}", pytrace=False)


def horizontal_overflow(page) -> int:
    """CSS pixels the page scrolls sideways; 1 is rounding."""
    return page.evaluate(
        "document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth"
    )


def assert_reflows(page) -> None:
    """No horizontal scrolling at the current viewport width (WCAG 1.4.10)."""
    overflow = horizontal_overflow(page)
    assert overflow <= 1, f"{page.url} scrolls horizontally by {overflow}px"


def submit(page, locator) -> None:
    """Clicks a control that loads a new page and waits until that page has loaded, so what
    follows sees the new page, never the old one (also when a step redirects to itself)."""
    with page.expect_navigation(wait_until="load"):
        locator.click()


DATA_SETS = ["testgegevens", "demo"]
DEMO_COUNT = 12  # the first twelve demo initiatives cover every province


@pytest.fixture
def data_set(request, app) -> list[str]:
    """``testgegevens``: only what the test makes. ``demo``: also the fictional initiatives
    `make run` loads (``is_demo``), so every page shows the demo banner and the demo
    entries show their own notice. Returns the demo initiatives' slugs."""
    if request.param == "testgegevens":
        return []
    from register.extensions import db
    from register.search.sync import sync_index
    from register.seed.demo import generate_demo

    with app.app_context():
        slugs = [initiative.slug for initiative in generate_demo(count=DEMO_COUNT)]
        db.session.commit()
        sync_index()
    return slugs


def tab_to(page, selector: str, limit: int = 300) -> None:
    """Press Tab until the element has focus, as someone without a mouse would."""
    target = page.locator(selector).first
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
    pytest.fail(f"{selector} cannot be reached with the Tab key on {page.url}")


@pytest.fixture
def question_bank(app):
    from register.extensions import db
    from register.questionnaire.bank import load_question_bank

    with app.app_context():
        load_question_bank()
        db.session.commit()


def build_question_list(page, live_server: str, lang: str, check) -> str:
    """Clicks through every step of "Gesprek eigen regie" as Sanne does, with two error
    states on the way, running ``check(page)`` on each page once it has loaded; returns the
    saved list's URL."""
    main_submit = page.locator("main form button[type=submit]")
    error_summary = page.locator(".error-summary")

    page.goto(f"{live_server}/vragenlijst/?lang={lang}")
    check(page)
    submit(page, page.locator("form[action$='/begin'] button"))
    check(page)
    submit(page, main_submit)  # nothing chosen
    expect(error_summary).to_be_visible()
    check(page)
    page.locator("#voor").check()
    submit(page, main_submit)
    check(page)
    page.locator("#betaling").check()
    page.locator("input[name=soort][value=unknown]").check()
    submit(page, main_submit)
    check(page)
    for theme in ("dagindeling", "eten", "geld", "meebeslissen"):
        page.locator(f"input[name=thema][value={theme}]").check()
    submit(page, main_submit)
    check(page)
    submit(page, page.locator("main form > button[type=submit]"))
    check(page)
    page.locator("#vraag").fill("x" * 301)
    submit(page, page.locator("button[value=toevoegen]"))  # too long
    expect(error_summary).to_be_visible()
    check(page)
    page.locator("#vraag").fill("Mag mijn kat mee?")
    submit(page, page.locator("button[value=toevoegen]"))
    expect(page.locator("main")).to_contain_text("Mag mijn kat mee?")
    check(page)
    submit(page, page.locator("button[value=verder]"))
    check(page)
    submit(page, page.locator("button[value=verder]"))
    check(page)
    submit(page, main_submit.last)
    expect(page).to_have_url(re.compile(r"/mijn-lijst"))
    check(page)
    submit(page, page.locator("form[action$='/bewaar'] button"))
    expect(page).to_have_url(re.compile(r"/vragenlijst/l/"))
    check(page)
    return page.url


def log_in_by_keyboard(page, live_server: str, account, lang: str = "nl") -> None:
    """Log in at /inloggen with the keyboard only (and the TOTP code for staff and
    inspectors), as a person with an account does."""
    from tests.accounts.support import current_totp
    from tests.factories import DEFAULT_PASSWORD

    page.goto(f"{live_server}/inloggen?lang={lang}")
    page.locator("#email").fill(account.email)
    page.locator("#password").fill(DEFAULT_PASSWORD)
    with page.expect_navigation(wait_until="load"):
        page.locator("#password").press("Enter")
    if account.tf_primary_method:
        page.locator("#code").fill(current_totp(account))
        with page.expect_navigation(wait_until="load"):
            page.locator("#code").press("Enter")


def detached(account):
    """What ``log_in_by_keyboard`` needs of an account, readable after its session ended."""
    from types import SimpleNamespace

    return SimpleNamespace(
        email=account.email,
        tf_primary_method=account.tf_primary_method,
        tf_totp_secret=account.tf_totp_secret,
    )
