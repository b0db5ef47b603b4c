"""The access-request forms and the staff's account pages in Chromium: axe-core (best-practice
rules included) in Dutch and English, error states included, keyboard only, no JavaScript.
axe-core itself needs JavaScript, so it runs in a normal page; the site uses none."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from register.accounts.roles import RoleName
from register.extensions import db
from tests.accounts.support import current_totp
from tests.browser.conftest import assert_accessible, assert_reflows, submit, tab_to
from tests.factories import DEFAULT_PASSWORD, make_account, make_initiative


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_access_request_pages_and_their_errors_pass_axe(live_server, page, phone_page, lang):
    page.goto(f"{live_server}/toegang-aanvragen?lang={lang}")
    assert_accessible(page)

    submit(page, page.locator("main a.button").first)
    assert_accessible(page)
    page.locator("#kvk_number").fill("1234")
    submit(page, page.locator("main form button[type=submit]"))
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page)

    page.goto(f"{live_server}/toegang-aanvragen/nieuw-initiatief?lang={lang}")
    assert_accessible(page)
    page.locator("#initiative_name").fill("Het Zonnehuis")
    page.locator("#place").fill("Atlantis")
    submit(page, page.locator("main form button[type=submit]"))
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page)

    phone_page.goto(f"{live_server}/toegang-aanvragen/nieuw-initiatief?lang={lang}")
    submit(phone_page, phone_page.locator("main form button[type=submit]"))
    assert_reflows(phone_page)


def test_an_access_request_by_keyboard_alone(app, live_server, page):
    page.goto(f"{live_server}/toegang-aanvragen")
    tab_to(page, "main a[href$='/bestaand-initiatief']")
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")
    tab_to(page, "#kvk_number")
    page.keyboard.type("1234")
    tab_to(page, "main form button[type=submit]")
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")
    expect(page).to_have_title(re.compile("^Fout:"))
    tab_to(page, ".error-summary a")  # the summary links to the field
    page.keyboard.press("Enter")
    expect(page.locator("#kvk_number")).to_be_focused()
    page.keyboard.press("Control+A")
    page.keyboard.type("12345678")
    tab_to(page, "#applicant_name")
    page.keyboard.type("Marieke de Vries")
    tab_to(page, "#email")
    page.keyboard.type("info@delinde.nl")
    tab_to(page, "main form button[type=submit]")
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Uw aanvraag is ontvangen")


def test_a_new_initiative_is_registered_without_javascript(live_server, page_without_js):
    page = page_without_js
    page.goto(f"{live_server}/toegang-aanvragen/nieuw-initiatief")
    submit(page, page.locator("main form button[type=submit]"))
    expect(page.locator(".error-summary")).to_contain_text("Vul de naam van het initiatief in")
    page.locator("#initiative_name").fill("Het Zonnehuis")
    page.locator("#initiative_kind").check()
    page.locator("#kvk_number").fill("87654321")
    page.locator("#street").fill("Kerkstraat")
    page.locator("#house_number").fill("4")
    page.locator("#postcode").fill("7411 BT")
    page.locator("#place").fill("Deventer")
    page.locator("#capacity").fill("8")
    page.locator("#vacancy").check()
    page.locator("#email").fill("info@zonnehuis.nl")
    page.locator("#applicant_name").fill("Marieke de Vries")
    submit(page, page.locator("main form button[type=submit]"))
    expect(page.locator("h1")).to_have_text("Uw aanvraag is ontvangen")


def _staff_and_an_editor(app, email: str):
    with app.app_context():
        staff = make_account(RoleName.STAFF, email=email)
        make_account(RoleName.EDITOR, initiatives=[make_initiative(name="De Linde")])
        db.session.commit()
        db.session.refresh(staff)
        db.session.expunge(staff)
    return staff


def _log_in(page, live_server: str, account, lang: str = "nl") -> None:
    page.goto(f"{live_server}/inloggen?lang={lang}")
    page.locator("#email").fill(account.email)
    page.locator("#password").fill(DEFAULT_PASSWORD)
    submit(page, page.locator("main form button[type=submit]"))
    page.locator("#code").fill(current_totp(account))
    submit(page, page.locator("main form button[type=submit]"))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_staff_pages_pass_axe_and_work_by_keyboard(app, live_server, page, lang):
    staff = _staff_and_an_editor(app, f"staf-{lang}@register.example")
    _log_in(page, live_server, staff, lang)
    expect(page).to_have_url(re.compile("/beheer$"))
    assert_accessible(page)

    tab_to(page, "main a[href='/beheer/accounts']")
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")
    expect(page.locator("table")).to_contain_text(staff.email)
    assert_accessible(page)

    tab_to(page, "main a[href='/beheer/accounts/uitnodigen']")
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")
    assert_accessible(page)
    tab_to(page, "#initiative_search")
    page.keyboard.type("Linde")
    tab_to(page, "#search")
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")
    expect(page.locator("main")).to_contain_text("De Linde (Deventer")
    tab_to(page, "#submit")
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page)

    page.goto(f"{live_server}/beheer/toegang")
    assert_accessible(page)


def test_the_account_list_works_without_javascript(app, live_server, page_without_js):
    staff = _staff_and_an_editor(app, "staf-zonder-js@register.example")
    _log_in(page_without_js, live_server, staff)
    page_without_js.goto(f"{live_server}/beheer/accounts")
    page_without_js.locator("#zoek").fill("zonder-js")
    submit(page_without_js, page_without_js.locator("main form[role=search] button"))
    expect(page_without_js.locator("table tbody tr")).to_have_count(1)
