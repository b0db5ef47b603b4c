"""The staff's catalogue pages and audit log in Chromium: axe-core on each page and error
state in Dutch and English without JavaScript, and an edit made by keyboard alone."""

from __future__ import annotations

from datetime import datetime

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from register.accounts.roles import RoleName
from register.entries.models import Association
from register.extensions import db
from register.questionnaire.models import Question
from tests.accounts.support import current_totp
from tests.audit.builders import add_entry
from tests.browser.conftest import assert_accessible, submit, tab_to
from tests.factories import DEFAULT_PASSWORD, make_account, make_initiative

pytestmark = pytest.mark.usefixtures("question_bank")

MAIN_SUBMIT = "main form button[type=submit]"


def _staff_account(app) -> tuple[str, str]:
    """A staff account's e-mail address and current TOTP code. The app context closes before
    the browser starts: an open session would hold SQLite's lock while the server writes."""
    with app.app_context():
        account = make_account(RoleName.STAFF, email="staf@example.org")
        db.session.commit()
        return account.email, current_totp(account)


def _ids(app) -> tuple[int, int]:
    with app.app_context():
        bvkz = db.session.scalar(select(Association).where(Association.key == "bvkz"))
        question = db.session.scalar(select(Question).where(Question.key == "dag-01"))
        return bvkz.id, question.id


def _log_in(page, live_server: str, email: str, code: str) -> None:
    page.goto(f"{live_server}/inloggen")
    page.locator("#email").fill(email)
    page.locator("#password").fill(DEFAULT_PASSWORD)
    submit(page, page.locator(MAIN_SUBMIT))
    page.locator("#code").fill(code)
    submit(page, page.locator(MAIN_SUBMIT))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_pages_and_error_states_pass_axe(app, live_server, page, lang):
    _log_in(page, live_server, *_staff_account(app))
    bvkz, question = _ids(app)

    page.goto(f"{live_server}/beheer/catalogi?lang={lang}")
    assert_accessible(page)
    page.goto(f"{live_server}/beheer/catalogi/verenigingen/{bvkz}")
    page.locator("#name_nl").fill("")
    submit(page, page.locator(MAIN_SUBMIT))
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page)
    page.goto(f"{live_server}/beheer/catalogi/verenigingen/{bvkz}/verwijderen")
    assert_accessible(page)
    page.goto(f"{live_server}/beheer/catalogi/keurmerken/nieuw")
    assert_accessible(page)
    page.goto(f"{live_server}/beheer/catalogi/vragen")
    assert_accessible(page)
    page.goto(f"{live_server}/beheer/catalogi/vragen/nieuw")
    submit(page, page.locator(MAIN_SUBMIT))
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page)
    page.goto(f"{live_server}/beheer/catalogi/vragen/{question}")
    page.locator("#place").fill("eerste")
    submit(page, page.locator(MAIN_SUBMIT))
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page)

    with app.app_context():
        initiative = make_initiative(name="De Linde")
        for day in range(1, 28):  # two pages
            add_entry(
                datetime(2026, 11, day, 9, 0),
                initiative_id=initiative.id,
                summary="Beschrijving aangepast",
                before={"description": "Oud", "capacity": 10},
                after={"description": "Nieuw", "capacity": 12},
            )
        db.session.commit()
    page.goto(f"{live_server}/beheer/logboek")
    expect(page.locator("main")).to_contain_text("redacteur@example.org")
    assert_accessible(page)
    page.goto(f"{live_server}/beheer/logboek?van=gisteren&door=staf")
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page)


def test_everything_works_without_javascript(app, live_server, page_without_js):
    page = page_without_js
    _log_in(page, live_server, *_staff_account(app))
    _, question = _ids(app)
    page.goto(f"{live_server}/beheer/catalogi/vragen/{question}")
    page.locator("#text_nl").fill("")
    submit(page, page.locator(MAIN_SUBMIT))
    expect(page.locator(".error-summary")).to_contain_text("Vul de vraag in het Nederlands in.")
    page.locator("#text_nl").fill("Kies ik zelf hoe laat ik opsta?")
    submit(page, page.locator(MAIN_SUBMIT))
    expect(page.locator("#vraag-dag-01")).to_contain_text("Kies ik zelf hoe laat ik opsta?")
    page.goto(f"{live_server}/beheer/logboek")
    page.locator("#van").fill("2026-01-01")
    page.locator("#door").fill("staf")
    submit(page, page.locator("main form button[type=submit]"))
    expect(page.locator("main")).to_contain_text("1 handeling gevonden.")


def test_a_question_is_edited_by_keyboard_alone(app, live_server, page):
    email, code = _staff_account(app)
    _, question = _ids(app)
    page.goto(f"{live_server}/inloggen")
    tab_to(page, "#email")
    page.keyboard.type(email)
    tab_to(page, "#password")
    page.keyboard.type(DEFAULT_PASSWORD)
    tab_to(page, MAIN_SUBMIT)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tab_to(page, "#code")
    page.keyboard.type(code)
    tab_to(page, MAIN_SUBMIT)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    page.goto(f"{live_server}/beheer/catalogi/vragen")
    tab_to(page, f"a[href='/beheer/catalogi/vragen/{question}']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tab_to(page, "#text_nl")
    page.keyboard.press("Control+A")
    page.keyboard.type("Kies ik zelf hoe laat ik opsta?")
    tab_to(page, MAIN_SUBMIT)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("#vraag-dag-01")).to_contain_text("Kies ik zelf hoe laat ik opsta?")
    tab_to(page, "a[href='/beheer/logboek']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("main")).to_contain_text("Kies ik zelf hoe laat ik opsta?")
