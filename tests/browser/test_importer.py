"""The staff's CSV import in Chromium: the upload page, a refused upload and a dry-run report
(with a rejected row and a probable duplicate) pass axe in Dutch and English; the whole
import works by keyboard alone with JavaScript switched off (axe itself needs it on)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from register.accounts.roles import RoleName
from register.accounts.setup import security
from register.extensions import db
from tests.browser.conftest import assert_accessible, assert_reflows, submit, tab_to
from tests.factories import DEFAULT_PASSWORD, make_account, make_initiative
from tests.importer.builders import csv_bytes, new_row


@pytest.fixture
def staff_secret(app):
    with app.app_context():
        make_initiative(name="De Linde", kvk_number="11112222")
        account = make_account(RoleName.STAFF)
        db.session.commit()
        return account.email, account.tf_totp_secret


def log_in(page, live_server, app, email, secret) -> None:
    """Log in by keyboard: e-mail, password, then the code from the authenticator app;
    the log-in lands on the import page."""
    page.goto(f"{live_server}/inloggen?next=/beheer/import")
    page.locator("#email").fill(email)
    page.locator("#password").fill(DEFAULT_PASSWORD)
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")
    with app.app_context():
        code = security.totp_factory.generate_totp_password(secret)
    page.locator("#code").fill(code)
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server}/beheer/import")
    page.wait_for_load_state("load")


def report_file(tmp_path):
    path = tmp_path / "zorgkantoor.csv"
    rows = [
        new_row(),
        new_row(name="Tweede locatie", kvk_number="11112222"),
        new_row(name="Kapot", kvk_number="12", place="Atlantis"),
    ]
    path.write_bytes(csv_bytes(rows, delimiter=";", bom=True))
    return path


def test_upload_error_and_report_pass_axe_in_dutch_and_english(
    page, live_server, app, staff_secret, tmp_path
):
    log_in(page, live_server, app, *staff_secret)
    for lang in ("nl", "en"):
        page.goto(f"{live_server}/beheer/import?lang={lang}")
        assert_accessible(page)
        submit(page, page.locator("#submit"))  # no file chosen
        expect(page.locator(".error-summary")).to_be_visible()
        assert_accessible(page)
    page.goto(f"{live_server}/beheer/import?lang=nl")
    page.locator("#file").set_input_files(str(report_file(tmp_path)))
    submit(page, page.locator("#submit"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Import van zorgkantoor.csv")
    expect(page.locator("table.import-report tbody tr")).to_have_count(3)
    assert_accessible(page)
    page.goto(page.url.split("?")[0] + "?lang=en")
    assert_accessible(page)


def test_the_import_works_by_keyboard_alone(
    page_without_js, live_server, app, staff_secret, tmp_path
):
    page = page_without_js
    log_in(page, live_server, app, *staff_secret)
    page.goto(f"{live_server}/beheer/import")
    page.locator("#file").set_input_files(str(report_file(tmp_path)))
    tab_to(page, "#submit")
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")
    tab_to(page, "#toch-3")
    page.keyboard.press("Space")
    expect(page.locator("#toch-3")).to_be_checked()
    tab_to(page, "form[action$='/toepassen'] button[type=submit]")
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")
    expect(page.get_by_text("De import is toegepast.")).to_be_visible()
    expect(page.get_by_role("link", name="Tweede locatie")).to_be_visible()
    expect(page.get_by_role("link", name="Het Klaverblad")).to_be_visible()
    page.set_viewport_size({"width": 320, "height": 640})
    assert_reflows(page)
