"""Ahmed, inspector in region east (../shared/journeys.md), in a real browser: logs in with
two-factor authentication by keyboard, filters to Overijssel and Gelderland without the
Wmo-only initiatives, reads the reasons, exports the list, records a decision and a visit with
a report link, and finds that link on the public page. Axe in Dutch and English, with the
demo banner; the same without JavaScript and at 320 px."""

from __future__ import annotations

import csv

import pytest
from playwright.sync_api import expect

from register.accounts.roles import RoleName
from register.extensions import db
from tests.browser.conftest import (
    assert_accessible,
    assert_reflows,
    detached,
    log_in_by_keyboard,
    submit,
    tab_to,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def ahmed(app):
    from register.entries.public import register_today
    from register.inspection.demo import generate_inspection_demo
    from register.seed.demo import generate_demo
    from tests.factories import make_account

    with app.app_context():
        initiatives = generate_demo(count=24)
        generate_inspection_demo(initiatives, register_today())
        account = make_account(RoleName.INSPECTOR)
        db.session.commit()
        return detached(account)


def test_ahmed_plans_visits_in_region_east(page, live_server, ahmed, tmp_path):
    log_in_by_keyboard(page, live_server, ahmed)
    expect(page.locator("h1")).to_have_text("Prioriteiten voor bezoeken")

    for province in ("Overijssel", "Gelderland"):
        tab_to(page, f"input[name=provincie][value={province}]")
        page.keyboard.press("Space")
    page.locator("#toezicht").select_option("igj")
    tab_to(page, "form.inspection-filter button[type=submit]")
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")
    assert "provincie=Overijssel" in page.url and "toezicht=igj" in page.url

    rows = page.locator(".priority")
    assert rows.count() > 0
    for meta in rows.locator(".priority__meta").all_inner_texts():
        assert ("Overijssel" in meta or "Gelderland" in meta) and "Inspectie (IGJ)" in meta
    expect(rows.first.locator(".signal-list li").first).to_contain_text("+")
    assert page.locator(".demo-banner").count()
    assert_accessible(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Download deze pagina als CSV").click()
    target = tmp_path / "lijst.csv"
    download.value.save_as(target)
    with target.open(encoding="utf-8") as handle:
        exported = list(csv.reader(handle))
    assert exported[0][8] == "Redenen" and len(exported) - 1 == rows.count()
    assert exported[1][1] == rows.first.locator("h2").inner_text()

    page.goto(page.url + "&lang=en")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert_accessible(page)
    page.goto(page.url.replace("&lang=en", "&lang=nl"))

    submit(page, rows.first.locator("h2 a"))
    name = page.locator("h1").inner_text()
    assert_accessible(page)
    page.get_by_label("Bezoek plannen").check()
    page.get_by_label("Onderbouwing").fill("Nieuw en nog niet bezocht: in januari.")
    submit(page, page.get_by_role("button", name="Besluit vastleggen"))
    expect(page.locator(".notice--success")).to_contain_text("Het besluit is vastgelegd.")

    page.get_by_label("Datum van het bezoek").fill("2026-11-20")
    page.get_by_label("Nee, onaangekondigd").check()
    page.get_by_label("Uitkomst (intern)").fill("Verbeterplan gevraagd.")
    page.get_by_label("Webadres van het openbare rapport (niet verplicht)").fill(
        "https://www.igj.nl/rapporten/demo-bezoek"
    )
    submit(page, page.get_by_role("button", name="Bezoek vastleggen"))
    expect(page.locator(".notice--success")).to_contain_text("openbare pagina")
    public = page.get_by_role("link", name="Openbare pagina")
    submit(page, public)
    expect(page.locator("h1")).to_have_text(name)
    expect(page.locator('a[href="https://www.igj.nl/rapporten/demo-bezoek"]')).to_be_visible()
    assert "Verbeterplan gevraagd" not in page.content()

    page.goto(f"{live_server}/inspectie")
    expect(page.locator(".priority__decision").first).to_contain_text("Bezoek plannen")


def test_an_error_is_summarised_and_accessible_in_both_languages(page, live_server, ahmed):
    log_in_by_keyboard(page, live_server, ahmed)
    submit(page, page.locator(".priority h2 a").first)
    internal = page.url
    page.get_by_label("Webadres van het openbare rapport (niet verplicht)").fill("javascript:x")
    submit(page, page.get_by_role("button", name="Bezoek vastleggen"))
    expect(page.locator(".error-summary")).to_contain_text("Vul de datum van het bezoek in.")
    expect(page.locator(".error-summary")).to_contain_text("https://")
    assert_accessible(page)
    page.goto(internal + "?lang=en")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert_accessible(page)


def test_a_decision_without_javascript_at_320_px(open_page, live_server, ahmed):
    page = open_page(java_script_enabled=False, viewport={"width": 320, "height": 640})
    log_in_by_keyboard(page, live_server, ahmed)
    assert_reflows(page)
    submit(page, page.locator(".priority h2 a").first)
    assert_reflows(page)
    page.get_by_label("In de gaten houden").check()
    page.get_by_label("Onderbouwing").fill("Keurmerk loopt af.")
    submit(page, page.get_by_role("button", name="Besluit vastleggen"))
    expect(page.locator(".decision-list")).to_contain_text("Keurmerk loopt af.")
