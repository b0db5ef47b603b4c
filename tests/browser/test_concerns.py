"""Reporting a concern at /melden in Chromium: axe-core (best-practice rules included) in Dutch
and English with the demo banner, the error states and the thank-you page included; by
keyboard alone (the hidden honeypot is never reached); without JavaScript; reflowing at
320 px and at 200 % text."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, submit, tab_to
from tests.browser.test_every_page import reflow_problems
from tests.entries.pages import publish
from tests.factories import make_initiative

SEND = "main form button[type=submit]"


@pytest.fixture
def lindes(app):
    with app.app_context():
        make_initiative(name="De Linde", slug="de-linde", place="Deventer")
        make_initiative(name="De Linde", slug="de-linde-zwolle", place="Zwolle")
        publish()


@pytest.mark.parametrize("data_set", ["demo"], indirect=True)
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_form_its_errors_and_the_thank_you_page_pass_axe(
    live_server, page, lindes, data_set, lang
):
    page.goto(f"{live_server}/initiatieven/de-linde?lang={lang}")
    submit(page, page.locator("main a[href*='/melden?initiatief=de-linde']"))
    expect(page.locator("input[type=hidden][name=initiatief]")).to_have_value("de-linde")
    assert_accessible(page)

    page.goto(f"{live_server}/melden?lang={lang}")
    assert_accessible(page)
    page.locator("#initiatief").fill("De Linde")
    page.locator("#email").fill("geen adres")
    submit(page, page.locator(SEND))
    expect(page.locator(".error-summary")).to_be_visible()
    expect(page.locator("input[name=keuze]")).to_have_count(2)
    assert_accessible(page)

    page.locator("#keuze-2").check()
    page.locator("#wat").fill("Er was 's nachts niemand in huis.")
    page.locator("#email").fill("")
    submit(page, page.locator(SEND))
    expect(page).to_have_url(re.compile("/melden/ontvangen"))
    expect(page.locator("main strong", has_text=re.compile(r"^MZ-"))).to_be_visible()
    assert_accessible(page)


def test_a_concern_by_keyboard_alone(live_server, page, lindes):
    page.goto(f"{live_server}/initiatieven/de-linde")
    tab_to(page, "main a[href*='/melden?initiatief=de-linde']")
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")
    tab_to(page, SEND)
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")
    expect(page).to_have_title(re.compile("^Fout:"))
    tab_to(page, ".error-summary a")  # the summary links to the field
    page.keyboard.press("Enter")
    expect(page.locator("#wat")).to_be_focused()
    page.keyboard.type("De bewoners kregen geen avondeten.")
    tab_to(page, "#telefoon")
    page.keyboard.type("06 12345678")
    page.keyboard.press("Tab")  # past the honeypot, straight to the button
    expect(page.locator(SEND)).to_be_focused()
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Je melding is verstuurd")


def test_a_concern_without_javascript_keeps_what_was_typed(live_server, page_without_js, lindes):
    page = page_without_js
    page.goto(f"{live_server}/melden")
    page.locator("#initiatief").fill("Linde")
    page.locator("#wat").fill("Mijn tekst blijft staan.")
    page.locator("#wanneer").fill("vorige week")
    page.locator("#naam").fill("Anna")
    submit(page, page.locator(SEND))
    expect(page.locator(".error-summary")).to_contain_text("Kies welk initiatief je bedoelt")
    expect(page.locator("#wat")).to_have_value("Mijn tekst blijft staan.")
    expect(page.locator("#wanneer")).to_have_value("vorige week")
    expect(page.locator("#naam")).to_have_value("Anna")
    page.get_by_label("De Linde, Deventer").check()
    submit(page, page.locator(SEND))
    expect(page.locator("h1")).to_have_text("Je melding is verstuurd")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_pages_reflow_at_320_px_and_at_200_percent_text(live_server, page, lindes, lang):
    page.goto(f"{live_server}/melden?initiatief=de-linde&lang={lang}")
    assert not reflow_problems(page)
    submit(page, page.locator(SEND))
    expect(page.locator(".error-summary")).to_be_visible()
    assert not reflow_problems(page)
    page.locator("#wat").fill("Er was 's nachts niemand in huis.")
    submit(page, page.locator(SEND))
    expect(page).to_have_url(re.compile("/melden/ontvangen"))
    assert not reflow_problems(page)
