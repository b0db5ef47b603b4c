"""The log-in pages in the browser: axe in Dutch and English (with the demo banner), their
error states, keyboard only and without JavaScript."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from register.accounts.roles import RoleName
from register.extensions import db
from tests.browser.conftest import (
    DATA_SETS,
    assert_accessible,
    assert_reflows,
    detached,
    log_in_by_keyboard,
    submit,
)
from tests.factories import make_account


@pytest.fixture
def accounts(app):
    with app.app_context():
        editor = make_account(RoleName.EDITOR, email="marieke@example.org")
        staff = make_account(RoleName.STAFF, email="staff@example.org")
        new_staff = make_account(RoleName.STAFF, email="new@example.org", two_factor=False)
        db.session.commit()
        return {
            name: detached(account)
            for name, account in (("editor", editor), ("staff", staff), ("new_staff", new_staff))
        }


@pytest.mark.parametrize("data_set", DATA_SETS, indirect=True)
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_log_in_pages_and_their_errors_pass_axe(page, live_server, accounts, data_set, lang):
    page.goto(f"{live_server}/inloggen?lang={lang}")
    assert_accessible(page)

    page.locator("#email").fill("marieke@example.org")
    page.locator("#password").fill("not the password")
    submit(page, page.locator("button[type=submit]").last)
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page)

    page.goto(f"{live_server}/wachtwoord-vergeten?lang={lang}")
    assert_accessible(page)
    submit(page, page.locator("main button[type=submit]"))
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page)


def test_staff_log_in_with_the_code_by_keyboard_without_javascript(
    page_without_js, live_server, accounts
):
    """Keyboard only, no JavaScript (axe itself needs JavaScript, so it runs elsewhere)."""
    log_in_by_keyboard(page_without_js, live_server, accounts["staff"])

    expect(page_without_js.locator("h1")).to_be_visible()
    assert "/inloggen" not in page_without_js.url
    page_without_js.goto(f"{live_server}/account")
    expect(page_without_js.locator("main")).to_contain_text("staff@example.org")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_account_pages_of_a_logged_in_staff_member_pass_axe(page, live_server, accounts, lang):
    page.goto(f"{live_server}/inloggen?lang={lang}")
    page.locator("#email").fill(accounts["staff"].email)
    page.locator("#password").fill("een-lang-wachtwoord-voor-tests")
    submit(page, page.locator("main button[type=submit]"))
    expect(page.locator("#code")).to_be_visible()
    assert_accessible(page)

    from tests.accounts.support import current_totp

    page.locator("#code").fill(current_totp(accounts["staff"]))
    submit(page, page.locator("main button[type=submit]"))
    page.goto(f"{live_server}/account?lang={lang}")
    assert_accessible(page)
    page.goto(f"{live_server}/wachtwoord-wijzigen?lang={lang}")
    assert_accessible(page)
    submit(page, page.locator("main button[type=submit]"))
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page)
    page.goto(f"{live_server}/herstelcodes?lang={lang}")
    assert_accessible(page)
    submit(page, page.locator("main button[type=submit]"))
    expect(page.locator(".recovery-codes")).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_two_factor_set_up_passes_axe_and_reflows(phone_page, live_server, accounts, lang):
    log_in_by_keyboard(phone_page, live_server, accounts["new_staff"], lang)
    expect(phone_page.locator("h1")).to_be_visible()
    assert "/tweestapsverificatie" in phone_page.url
    assert_accessible(phone_page)
    submit(phone_page, phone_page.locator("main button[type=submit]"))
    expect(phone_page.locator("#code")).to_be_visible()
    assert_accessible(phone_page)
    assert_reflows(phone_page)
    page_code = phone_page.locator(".totp-key").inner_text()
    assert len(page_code.replace(" ", "")) >= 16
