"""A saved list's page on a 360 px phone: the copy button (with JavaScript only) says
"Gekopieerd", the QR code has a text alternative, and "Mail deze link naar mij" shows its
error and its confirmation; every state passes axe in Dutch and English and reflows."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, assert_reflows, submit
from tests.questionnaire.questionnaire_helpers import make_saved_list

pytestmark = pytest.mark.usefixtures("question_bank")

PHONE = {"width": 360, "height": 740}
# Until the lead merges the English texts, an English page may still say "Gekopieerd".
COPIED = {"nl": "Gekopieerd", "en": re.compile("Copied|Gekopieerd")}


def _saved_list(app) -> str:
    return make_saved_list(app, ["geld-05", "mee-01", "eigen-1"], {"eigen-1": "Mag mijn kat mee?"})


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_copy_qr_and_mail_on_a_phone(live_server, open_page, app, lang):
    token = _saved_list(app)
    page = open_page(viewport=PHONE, permissions=["clipboard-read", "clipboard-write"])
    page.goto(f"{live_server}/vragenlijst/l/{token}?lang={lang}")
    link = f"{live_server}/vragenlijst/l/{token}"

    qr = page.locator("svg.qr[role=img]")
    expect(qr).to_be_visible()
    assert qr.get_attribute("aria-label")
    assert_accessible(page)
    assert_reflows(page)

    copy = page.locator(".copy-link button")
    expect(copy).to_be_visible()
    copy.click()
    expect(page.locator(".copy-link [role=status]")).to_have_text(COPIED[lang])
    assert page.evaluate("navigator.clipboard.readText()") == link

    page.locator("#email").fill("geen-adres")
    submit(page, page.locator("form[action$='/mail'] button"))
    expect(page.locator(".error-summary")).to_be_visible()
    assert page.title().startswith(("Fout:", "Error:"))
    assert_accessible(page)
    assert_reflows(page)

    page.locator("#email").fill("sanne@example.org")
    submit(page, page.locator("form[action$='/mail'] button"))
    expect(page).to_have_url(link)
    expect(page.locator("main")).not_to_contain_text("sanne@example.org")
    assert_accessible(page)


def test_without_javascript_there_is_no_copy_button(live_server, open_page, app):
    token = _saved_list(app)
    page = open_page(viewport=PHONE, java_script_enabled=False)
    page.goto(f"{live_server}/vragenlijst/l/{token}")
    expect(page.locator(".copy-link button")).to_be_hidden()
    expect(page.locator("main a[href$='/vragenlijst/l/" + token + "']").first).to_be_visible()
    expect(page.locator("svg.qr")).to_be_visible()
    assert_reflows(page)
