"""/vereniging and /beheer/keurmerken in a real browser: axe in Dutch and English (error
state included), and a decision taken by keyboard alone without JavaScript."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

from register.accounts.roles import RoleName
from register.entries.models import ClaimStatus
from register.extensions import db
from tests.accounts.support import current_totp
from tests.browser.conftest import assert_accessible, submit, tab_to
from tests.factories import add_certification, add_membership, make_account, make_initiative
from tests.verification.builders import verifier_of


@pytest.fixture
def people(app):
    """A waiting and a decided membership and mark, a BVKZ verifier and a staff member."""
    with app.app_context():
        linde = make_initiative(name="De Linde", slug="de-linde")
        eik = make_initiative(name="De Eik", slug="de-eik")
        waiting = add_membership(linde, status=ClaimStatus.SELF_DECLARED)
        add_membership(eik, status=ClaimStatus.REJECTED, rejection_reason="Geen lid.")
        mark = add_certification(
            linde, status=ClaimStatus.SELF_DECLARED, valid_until=date(2030, 1, 1)
        )
        add_certification(eik)
        verifier = verifier_of("bvkz")
        staff = make_account(RoleName.STAFF)
        db.session.commit()
        return {
            "membership": f"/vereniging/lidmaatschappen/{waiting.id}",
            "mark": f"/beheer/keurmerken/{mark.id}",
            "verifier": (verifier.email, None),
            "staff": (staff.email, current_totp(staff)),
        }


def log_in(page, live_server: str, account) -> None:
    email, code = account
    page.goto(f"{live_server}/inloggen")
    page.locator("#email").fill(email)
    page.locator("#password").fill("een-lang-wachtwoord-voor-tests")
    submit(page, page.locator("main button[type=submit]"))
    if code:
        page.locator("#code").fill(code)
        submit(page, page.locator("main button[type=submit]"))


WHO = pytest.mark.parametrize(
    ("who", "overview", "claim"),
    [("verifier", "/vereniging", "membership"), ("staff", "/beheer/keurmerken", "mark")],
)


@WHO
def test_pages_and_the_error_state_pass_axe_in_both_languages(
    page, live_server, people, who, overview, claim
):
    log_in(page, live_server, people[who])
    for lang in ("en", "nl"):
        page.goto(f"{live_server}{overview}?lang={lang}")
        expect(page.locator("h1")).to_be_visible()
        assert_accessible(page)
        page.goto(f"{live_server}{people[claim]}?lang={lang}")
        assert_accessible(page)
        submit(page, page.locator("#submit"))  # nothing chosen: the error state
        expect(page.locator(".error-summary")).to_be_visible()
        assert_accessible(page)


@WHO
def test_a_decision_by_keyboard_alone_without_javascript(
    page_without_js, live_server, people, who, overview, claim
):
    page = page_without_js
    log_in(page, live_server, people[who])
    page.goto(f"{live_server}{people[claim]}")
    tab_to(page, "#decision")  # Tab reaches the radio group; arrow keys choose within it
    page.keyboard.press("ArrowDown")
    expect(page.locator("#decision-2")).to_be_checked()
    tab_to(page, "#reason")
    page.keyboard.type("Niet gevonden in de ledenlijst.")
    tab_to(page, "#submit")
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")
    expect(page.locator(".notice")).to_contain_text("Afgewezen")
    assert page.url.endswith(overview)
