"""The portal's journey in the browser, without JavaScript: Marieke adds a quality mark and
rewrites a statement; staff approve it; the public page, search and history show it. Her
colleague, editing at the same moment, loses nothing."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from playwright.sync_api import expect

from register.accounts.roles import RoleName
from tests.browser.conftest import detached, log_in_by_keyboard, submit
from tests.entries.pages import publish
from tests.factories import make_account, make_initiative
from tests.portal.builders import NEW_STATEMENT, SAY_AT_LOCATION


@pytest.fixture
def linde(app):
    with app.app_context():
        initiative = make_initiative(
            name="Wooninitiatief De Linde",
            slug="de-linde",
            statements={"say_at_location": "De ouders vergaderen elk kwartaal."},
        )
        people = {
            "marieke": make_account(RoleName.EDITOR, initiatives=[initiative]),
            "jeroen": make_account(RoleName.EDITOR, initiatives=[initiative]),
            "staff": make_account(RoleName.STAFF),
        }
        publish()
        return SimpleNamespace(
            id=initiative.id, **{name: detached(account) for name, account in people.items()}
        )


def test_marieke_edits_staff_approve_and_the_public_sees_it(open_page, live_server, linde):
    marieke = open_page(java_script_enabled=False)
    log_in_by_keyboard(marieke, live_server, linde.marieke)
    marieke.goto(f"{live_server}/portaal/initiatieven/{linde.id}/bewerken")
    marieke.locator("#mark_prezo").check()
    marieke.locator("#mark_prezo_number").fill("PREZO-2026-0042")
    marieke.locator("#mark_prezo_valid_until").fill("2028-06-30")
    marieke.locator(f"#{SAY_AT_LOCATION}").fill(NEW_STATEMENT)
    marieke.locator("#confirm").check()
    submit(marieke, marieke.locator("main form button[type=submit]").last)
    expect(marieke.locator("main")).to_contain_text("wachten op goedkeuring")

    # Nothing public yet.
    visitor = open_page(java_script_enabled=False)
    visitor.goto(f"{live_server}/initiatieven/de-linde")
    expect(visitor.locator("main")).not_to_contain_text(NEW_STATEMENT)

    staff = open_page(java_script_enabled=False)
    log_in_by_keyboard(staff, live_server, linde.staff)
    staff.goto(f"{live_server}/beheer/wijzigingen")
    submit(staff, staff.get_by_role("link", name="Wooninitiatief De Linde").first)
    expect(staff.locator("main")).to_contain_text("PREZO-2026-0042")
    submit(staff, staff.locator("form[action$='/goedkeuren'] button[type=submit]"))

    visitor.goto(f"{live_server}/initiatieven/de-linde")
    expect(visitor.locator("main")).to_contain_text(NEW_STATEMENT)
    expect(visitor.locator("main")).to_contain_text("PREZO")
    expect(visitor.locator("main")).to_contain_text("keurmerken")
    visitor.goto(f"{live_server}/initiatieven?q=bewonersraad")
    expect(visitor.locator("main")).to_contain_text("Wooninitiatief De Linde")


def test_two_editors_at_once_lose_nothing(open_page, live_server, linde):
    marieke = open_page(java_script_enabled=False)
    jeroen = open_page(java_script_enabled=False)
    log_in_by_keyboard(marieke, live_server, linde.marieke)
    log_in_by_keyboard(jeroen, live_server, linde.jeroen)
    edit = f"{live_server}/portaal/initiatieven/{linde.id}/bewerken"
    marieke.goto(edit)
    jeroen.goto(edit)

    marieke.locator(f"#{SAY_AT_LOCATION}").fill(NEW_STATEMENT)
    submit(marieke, marieke.locator("main form button[type=submit]").last)
    jeroens_text = "Wij kiezen samen met de bewoners wie er komt wonen."
    jeroen.locator(f"#{SAY_AT_LOCATION}").fill(jeroens_text)
    submit(jeroen, jeroen.locator("main form button[type=submit]").last)

    # Jeroen is told of the conflict, sees Marieke's version and keeps his own text.
    expect(jeroen.locator("main")).to_contain_text(NEW_STATEMENT)
    expect(jeroen.locator(f"#{SAY_AT_LOCATION}")).to_have_value(jeroens_text)
