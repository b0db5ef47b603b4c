"""The question-list builder in Chromium: a keyboard-only journey, axe-core on every step,
result, comparison and error state in Dutch and English, no-JavaScript use, read aloud and
reflow at 320 px."""

from __future__ import annotations

import pytest

from register.extensions import db
from register.questionnaire.bank import load_question_bank
from tests.browser.conftest import assert_accessible, assert_reflows, tab_to
from tests.factories import make_initiative


@pytest.fixture(autouse=True)
def question_bank(app, clean_database):
    with app.app_context():
        load_question_bank()
        db.session.commit()


def test_keyboard_only_journey(live_server, page):
    page.goto(f"{live_server}/vragenlijst/")
    tab_to(page, "form[action$='/begin'] button")
    page.keyboard.press("Enter")
    page.wait_for_url("**/stap/voor-wie")

    tab_to(page, "#voor")
    page.keyboard.press("Space")
    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/stap/situatie")

    tab_to(page, "#betaling")
    page.keyboard.press("Space")
    tab_to(page, "#soort")
    for _ in range(3):
        page.keyboard.press("ArrowDown")  # to "Weet ik niet"
    assert page.locator("input[name=soort][value=unknown]").is_checked()
    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/stap/themas")

    for theme in ("eten", "geld"):
        tab_to(page, f"input[name=thema][value={theme}]")
        page.keyboard.press("Space")
    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/stap/vragen")

    assert page.locator("input[value='geld-05']").is_checked()
    tab_to(page, "main form > button[type=submit]", limit=500)
    page.keyboard.press("Enter")
    page.wait_for_url("**/stap/eigen-vragen")

    tab_to(page, "#vraag")
    page.keyboard.type("Mag mijn kat mee?")
    tab_to(page, "button[value=toevoegen]")
    with page.expect_navigation():  # the step redirects to itself: wait for the new page
        page.keyboard.press("Enter")
    assert "Mag mijn kat mee?" in page.locator("main").inner_text()
    tab_to(page, "button[value=verder]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/stap/volgorde")

    tab_to(page, "#belangrijk-eigen-1")
    page.keyboard.press("Space")
    tab_to(page, "button[value=verder]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/stap/controleren")

    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/mijn-lijst")
    assert "Mag mijn kat mee?" in page.locator("main").inner_text()

    tab_to(page, "form[action$='/bewaar'] button")
    page.keyboard.press("Enter")
    page.wait_for_url("**/vragenlijst/l/**")
    assert "Iedereen met deze link kan je lijst openen." in page.locator("main").inner_text()


def _build(page, live_server, lang: str, check) -> str:
    """Clicks through every step, running ``check`` on each page and error state;
    returns the saved list's URL. Waits for every page to load completely, so the server
    never has a half-sent file when the next page is asked for."""

    def loaded(page):
        page.wait_for_load_state("load")
        check(page)

    page.goto(f"{live_server}/vragenlijst/?lang={lang}")
    loaded(page)
    page.locator("form[action$='/begin'] button").click()
    loaded(page)
    page.locator("main form button[type=submit]").click()  # nothing chosen: error
    assert page.locator(".error-summary").is_visible()
    loaded(page)
    page.locator("#voor").check()
    page.locator("main form button[type=submit]").click()
    loaded(page)
    page.locator("#betaling").check()
    page.locator("input[name=soort][value=unknown]").check()
    page.locator("main form button[type=submit]").click()
    loaded(page)
    for theme in ("dagindeling", "eten", "geld", "meebeslissen"):
        page.locator(f"input[name=thema][value={theme}]").check()
    page.locator("main form button[type=submit]").click()
    loaded(page)
    page.locator("main form > button[type=submit]").click()
    loaded(page)
    page.locator("#vraag").fill("x" * 301)
    page.locator("button[value=toevoegen]").click()
    assert page.locator(".error-summary").is_visible()
    loaded(page)
    page.locator("#vraag").fill("Mag mijn kat mee?")
    page.locator("button[value=toevoegen]").click()
    loaded(page)
    page.locator("button[value=verder]").click()
    loaded(page)
    page.locator("button[value=verder]").click()
    loaded(page)
    page.locator("main form button[type=submit]").last.click()
    loaded(page)
    page.locator("form[action$='/bewaar'] button").click()
    loaded(page)
    return page.url


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_page_and_error_state_is_accessible(live_server, page, app, lang):
    with app.app_context():
        initiative = make_initiative(name="De Linde", statements={"conscious_choice": "Ja."})
        db.session.commit()
        slug = initiative.slug
    saved_url = _build(page, live_server, lang, assert_accessible)
    token_path = saved_url.split("?")[0]
    for path in ("/afdrukken", "/verwijderen", "/gesprek"):
        page.goto(token_path + path)
        assert_accessible(page)
    for name in ("De Linde", "Huize Zonnebloem", "De Boomgaard", "Het Anker"):
        page.goto(token_path + "/gesprek")
        page.locator("#initiatief").fill(name)
        page.locator("form:has(#initiatief) button").click()
        page.locator("input[name='status-geld-05'][value=unclear]").check()
        page.locator("main form button[type=submit]").last.click()
    page.goto(token_path + "/gesprek/1")
    assert_accessible(page)
    page.locator("textarea[name='notitie-geld-05']").fill("x" * 1001)
    page.locator("main form button[type=submit]").last.click()
    assert_accessible(page)  # over-long note
    page.goto(token_path + "/gesprek")
    page.locator("#initiatief").fill("Vijf")
    page.locator("form:has(#initiatief) button").click()
    assert page.locator(".error-summary").is_visible()
    assert_accessible(page)  # fifth initiative refused
    for path in ("/vergelijking", "/vergelijking/afdrukken", "/gesprek/1/verwijderen"):
        page.goto(token_path + path)
        assert_accessible(page)
    for url in (
        f"/vragenlijst/?initiatief={slug}",
        "/vragenlijst/?initiatief=bestaat-niet",
        "/vragenlijst/l/" + "x" * 43,
        "/privacy",
    ):
        page.goto(live_server + url)
        assert_accessible(page)


def test_works_without_javascript_and_has_no_read_aloud_button(live_server, page_without_js):
    page = page_without_js
    saved_url = _build(page, live_server, "nl", lambda p: None)
    assert "/vragenlijst/l/" in saved_url
    assert page.locator(".read-aloud").count() == 0
    page.goto(saved_url.split("?")[0] + "/gesprek")
    page.locator("#initiatief").fill("De Linde")
    page.locator("form:has(#initiatief) button").click()
    page.locator("input[name='status-geld-05'][value=fine]").check()
    page.locator("main form button[type=submit]").last.click()
    page.goto(saved_url.split("?")[0] + "/vergelijking")
    assert "Goed" in page.locator("table").first.inner_text() or "1 goed" in page.content()


def test_read_aloud_button_only_with_speech_synthesis(live_server, page):
    _build(page, live_server, "nl", lambda p: None)
    page.goto(f"{live_server}/vragenlijst/stap/vragen")
    has_speech = page.evaluate("'speechSynthesis' in window")
    buttons = page.locator(".read-aloud")
    if has_speech:
        assert buttons.count() == page.locator("input[name=vraag]").count()
        assert buttons.first.inner_text() == "Lees voor"
    else:
        assert buttons.count() == 0


def test_steps_reflow_at_320_pixels(live_server, phone_page):
    def check(page):
        assert_reflows(page)

    _build(phone_page, live_server, "nl", check)
