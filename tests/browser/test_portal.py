"""The portal's edit form and the moderation pages in Chromium: axe-core in Dutch and
English, and an editor who sends changes by keyboard alone, without JavaScript."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from register.accounts.roles import RoleName
from register.accounts.setup import security
from register.entries.models import ChangeAction, VacancyStatus
from register.entries.services import record_change
from register.extensions import db
from register.portal.models import Revision, RevisionKind
from register.portal.values import entry_values
from tests.browser.conftest import assert_accessible, assert_reflows, submit, tab_to
from tests.factories import DEFAULT_PASSWORD, make_account, make_initiative

NEW_STATEMENT = "Bewoners en ouders beslissen samen in de bewonersraad."


@pytest.fixture
def portal_data(app):
    """De Linde with an editor, a staff member, and a pending revision whose base is
    outdated (so the moderation page shows the three-way comparison)."""
    with app.app_context():
        linde = make_initiative(
            name="Wooninitiatief De Linde",
            slug="de-linde",
            statements={"say_at_location": "De ouders vergaderen elk kwartaal."},
        )
        editor = make_account(RoleName.EDITOR, email="marieke@example.org", initiatives=[linde])
        staff = make_account(RoleName.STAFF, email="medewerker@example.org")
        base = entry_values(linde)
        proposed = dict(base, statements={"say_at_location": NEW_STATEMENT})
        proposed["certifications"] = [
            {"quality_mark": "prezo", "certificate_number": "P-42", "valid_until": "2028-06-30"}
        ]
        revision = Revision(
            initiative=linde,
            author_account_id=editor.id,
            kind=RevisionKind.EDIT,
            base=base,
            proposed=proposed,
            facts=["statements", "certifications"],
        )
        db.session.add(revision)
        linde.vacancy = VacancyStatus.FULL
        record_change(linde, ChangeAction.UPDATED, ["vacancy"])
        db.session.commit()
        return {
            "initiative": linde.id,
            "editor": (editor.email, None),
            "staff": (staff.email, staff.tf_totp_secret),
            "revision": revision.id,
        }


def log_in(page, live_server, account, lang="nl"):
    """``account``: (e-mail address, TOTP secret or None)."""
    email, secret = account
    page.goto(f"{live_server}/inloggen?lang={lang}")
    page.fill("#email", email)
    page.fill("#password", DEFAULT_PASSWORD)
    submit(page, page.locator("form [type=submit]").first)
    if secret:
        page.fill("#code", security.totp_factory.generate_totp_password(secret))
        submit(page, page.locator("form [type=submit]").first)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_portal_and_moderation_pages_pass_axe(open_page, app, live_server, portal_data, lang):
    editor_page = open_page()
    log_in(editor_page, live_server, portal_data["editor"], lang)
    editor_page.goto(f"{live_server}/portaal?lang={lang}")
    expect(editor_page.locator("html")).to_have_attribute("lang", lang)
    assert_accessible(editor_page)
    edit = f"{live_server}/portaal/initiatieven/{portal_data['initiative']}/bewerken"
    editor_page.goto(edit)
    assert_accessible(editor_page)
    editor_page.fill("#postcode", "12")
    editor_page.fill("#place", "Atlantis")
    submit(editor_page, editor_page.locator("#submit"))
    expect(editor_page.locator(".error-summary")).to_be_visible()
    assert_accessible(editor_page)
    editor_page.set_viewport_size({"width": 320, "height": 640})
    assert_reflows(editor_page)

    staff_page = open_page()
    log_in(staff_page, live_server, portal_data["staff"], lang)
    staff_page.goto(f"{live_server}/beheer/wijzigingen?lang={lang}")
    assert_accessible(staff_page)
    staff_page.goto(f"{live_server}/beheer/wijzigingen/{portal_data['revision']}")
    expect(staff_page.locator("table.diff")).to_have_count(2)  # three-way and before/after
    assert_accessible(staff_page)
    submit(staff_page, staff_page.locator("#reject"))  # no reason: an error state
    expect(staff_page.locator(".error-summary")).to_be_visible()
    assert_accessible(staff_page)
    staff_page.set_viewport_size({"width": 320, "height": 640})
    assert_reflows(staff_page)


def test_editor_sends_changes_by_keyboard_without_javascript(
    page_without_js, app, live_server, portal_data
):
    page = page_without_js
    log_in(page, live_server, portal_data["editor"])
    page.goto(f"{live_server}/portaal/initiatieven/{portal_data['initiative']}/bewerken")
    tab_to(page, "#statement_say_at_location")
    page.keyboard.press("Control+A")
    page.keyboard.type("Wij beslissen samen met de bewoners.")
    tab_to(page, "#confirm")
    page.keyboard.press("Space")
    tab_to(page, "#submit")
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")
    expect(page.locator("main")).to_contain_text("wachten op goedkeuring")
