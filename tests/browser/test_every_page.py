"""Every kind of page behind every door, found by following the site's own links from the
door's home page as its user would: with the demo data and its banner, each passes axe-core
(best-practice rules included) in Dutch and English, and reflows at 320 px wide and at 200 %
text on a 360 px phone (WCAG 1.4.4 and 1.4.10).

One page per endpoint is checked (the first link found to it), so the test follows the site
as it grows without a list to keep up to date.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from sqlalchemy import select
from werkzeug.exceptions import HTTPException

from register.accounts.roles import RoleName
from tests.browser.conftest import assert_accessible, detached, horizontal_overflow
from tests.browser.test_reflow import TEXT_AT_200_PERCENT, WIDEST_ELEMENTS

pytestmark = pytest.mark.browser

# Where each door starts, and which addresses belong to it (with the account's own pages).
DOORS = {
    "anonymous": ("/", ("/",)),
    RoleName.EDITOR: ("/portaal", ("/portaal", "/account")),
    RoleName.VERIFIER: ("/vereniging", ("/vereniging", "/account")),
    RoleName.STAFF: ("/beheer", ("/beheer", "/account")),
    RoleName.INSPECTOR: ("/inspectie", ("/inspectie", "/account")),
    RoleName.INSPECTION_ADMIN: ("/inspectie", ("/inspectie", "/account")),
}
# Downloads and actions, not pages; the log-out would end the door's session half-way.
NOT_PAGES = ("security.logout", "static")
NOT_PAGE_SUFFIXES = (".csv", ".json", ".pdf", ".txt", ".xml", "/download")
MAX_PAGES_PER_DOOR = 40


@pytest.fixture
def demo_world(app, question_bank):
    """The demo initiatives, and an account per role where the demo accounts have them."""
    from register.entries.models import Association
    from register.entries.public import register_today
    from register.extensions import db
    from register.inspection.demo import generate_inspection_demo
    from register.search.sync import sync_index
    from register.seed.demo import generate_demo
    from tests.factories import make_account

    with app.app_context():
        initiatives = generate_demo(count=12)
        generate_inspection_demo(initiatives, register_today())
        association = db.session.scalar(select(Association).where(Association.key == "bvkz"))
        accounts = {
            RoleName.EDITOR: make_account(RoleName.EDITOR, initiatives=initiatives[:2]),
            RoleName.VERIFIER: make_account(RoleName.VERIFIER, association=association),
            RoleName.STAFF: make_account(RoleName.STAFF),
            RoleName.INSPECTOR: make_account(RoleName.INSPECTOR),
            RoleName.INSPECTION_ADMIN: make_account(RoleName.INSPECTION_ADMIN),
        }
        db.session.commit()
        sync_index()
        yield {role: detached(account) for role, account in accounts.items()}


def page_links(page, live_server: str, prefixes: tuple[str, ...]) -> list[str]:
    """Same-site links on the page within the door, without fragment and language switch."""
    hrefs = page.eval_on_selector_all("main a[href], header a[href]", "els => els.map(e => e.href)")
    links = []
    for href in hrefs:
        parts = urlsplit(href)
        if f"{parts.scheme}://{parts.netloc}" != live_server:
            continue
        if not parts.path.startswith(prefixes):
            continue
        if parts.path.endswith(NOT_PAGE_SUFFIXES):
            continue
        query = "&".join(p for p in parts.query.split("&") if p and not p.startswith("lang="))
        links.append(parts.path + (f"?{query}" if query else ""))
    return links


def endpoint_of(app, path: str) -> str | None:
    adapter = app.url_map.bind("localhost")
    try:
        endpoint, _ = adapter.match(urlsplit(path).path, method="GET")
    except HTTPException:
        return None
    return None if endpoint in NOT_PAGES else endpoint


def reflow_problems(page) -> list[str]:
    """How the current page fails to reflow at 320 px and at 200 % text on 360 px."""
    problems = []
    for width, text_at_200 in ((320, False), (360, True)):
        page.set_viewport_size({"width": width, "height": 740})
        if text_at_200:
            page.evaluate(TEXT_AT_200_PERCENT)
        overflow = horizontal_overflow(page)
        if overflow > 1:
            label = "200 % text" if text_at_200 else f"{width} px"
            widest = ", ".join(page.evaluate(WIDEST_ELEMENTS))
            problems.append(f"{label}: {overflow}px ({widest})")
    page.set_viewport_size({"width": 1280, "height": 800})
    return problems


@pytest.mark.parametrize("door", list(DOORS), ids=str)
def test_every_page_behind_the_door_is_accessible_and_reflows(
    app, open_page, live_server, demo_world, door
):
    from tests.browser.conftest import log_in_by_keyboard

    page = open_page()
    if door != "anonymous":
        log_in_by_keyboard(page, live_server, demo_world[door])
    start, prefixes = DOORS[door]
    queue, seen_endpoints, failures, checked = [start], set(), {}, []
    while queue and len(checked) < MAX_PAGES_PER_DOOR:
        path = queue.pop(0)
        endpoint = endpoint_of(app, path)
        if endpoint is None or endpoint in seen_endpoints:
            continue
        seen_endpoints.add(endpoint)
        for lang in ("nl", "en"):
            separator = "&" if "?" in path else "?"
            response = page.goto(f"{live_server}{path}{separator}lang={lang}")
            assert response.status < 500, f"{path} answered {response.status}"
            if "text/html" not in response.headers.get("content-type", ""):
                break  # an API answer or a download, not a page
            assert page.locator(".demo-banner").count(), f"{path}: no demo banner"
            if lang == "nl":
                queue.extend(page_links(page, live_server, prefixes))
            try:
                assert_accessible(page)
            except pytest.fail.Exception as error:
                failures[f"{path} ({lang}) axe"] = str(error)
            for problem in reflow_problems(page):
                failures[f"{path} ({lang})"] = problem
        else:
            checked.append(path)
    assert len(checked) >= 2, f"the crawl of {door} found too few pages: {checked}"
    assert not failures, "\n".join(f"{where}: {what}" for where, what in failures.items())
