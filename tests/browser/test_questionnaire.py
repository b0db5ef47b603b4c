"""The question-list builder in Chromium: a keyboard-only journey, axe-core on every step,
result, comparison and error state in Dutch and English, no-JavaScript use, read aloud and
reflow at 320 px."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from register.extensions import db
from tests.browser.conftest import (
    DATA_SETS,
    assert_accessible,
    assert_reflows,
    build_question_list,
    submit,
    tab_to,
)
from tests.browser.test_reflow import TEXT_AT_200_PERCENT
from tests.factories import make_initiative

pytestmark = pytest.mark.usefixtures("question_bank")


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
    expect(page.locator("input[name=soort][value=unknown]")).to_be_checked()
    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/stap/themas")

    for theme in ("eten", "geld"):
        tab_to(page, f"input[name=thema][value={theme}]")
        page.keyboard.press("Space")
    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/stap/vragen")

    expect(page.locator("input[value='geld-05']")).to_be_checked()
    tab_to(page, "main form > button[type=submit]", limit=500)
    page.keyboard.press("Enter")
    page.wait_for_url("**/stap/eigen-vragen")

    tab_to(page, "#vraag")
    page.keyboard.type("Mag mijn kat mee?")
    tab_to(page, "button[value=toevoegen]")
    with page.expect_navigation():  # the step redirects to itself: wait for the new page
        page.keyboard.press("Enter")
    expect(page.locator("main")).to_contain_text("Mag mijn kat mee?")
    tab_to(page, "button[value=verder]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/stap/volgorde")

    tab_to(page, "#belangrijk-eigen-1")
    page.keyboard.press("Space")
    tab_to(page, "button[value=verder]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/stap/controleren")

    tab_to(page, "button[value=klaar]")  # past the questions offered for missing requirements
    page.keyboard.press("Enter")
    page.wait_for_url("**/mijn-lijst")
    expect(page.locator("main")).to_contain_text("Mag mijn kat mee?")

    tab_to(page, "form[action$='/bewaar'] button")
    page.keyboard.press("Enter")
    page.wait_for_url("**/vragenlijst/l/**")
    expect(page.locator("main")).to_contain_text("Iedereen met deze link kan je lijst openen.")


def _add_conversation(page, token_path: str, name: str, status: str) -> None:
    """Starts the conversation mode for ``name`` and records one answer."""
    page.goto(token_path + "/gesprek")
    page.locator("#initiatief").fill(name)
    submit(page, page.locator("form:has(#initiatief) button"))
    page.locator(f"input[name='status-geld-05'][value={status}]").check()
    submit(page, page.locator("main form button[type=submit]").last)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_page_and_error_state_is_accessible(live_server, page, app, lang):
    with app.app_context():
        initiative = make_initiative(name="De Linde", statements={"conscious_choice": "Ja."})
        db.session.commit()
        slug = initiative.slug
    saved_url = build_question_list(page, live_server, lang, assert_accessible)
    token_path = saved_url.split("?")[0]
    for path in ("/afdrukken", "/verwijderen", "/gesprek"):
        page.goto(token_path + path)
        assert_accessible(page)
    for name in ("De Linde", "Huize Zonnebloem", "De Boomgaard", "Het Anker"):
        _add_conversation(page, token_path, name, "unclear")
    page.goto(token_path + "/gesprek/1")
    assert_accessible(page)
    page.locator("textarea[name='notitie-geld-05']").fill("x" * 1001)
    submit(page, page.locator("main form button[type=submit]").last)
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page)  # over-long note
    page.goto(token_path + "/gesprek")
    page.locator("#initiatief").fill("Vijf")
    submit(page, page.locator("form:has(#initiatief) button"))
    expect(page.locator(".error-summary")).to_be_visible()
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


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("data_set", DATA_SETS[1:], indirect=True)
def test_steps_with_the_demo_banner_are_accessible(live_server, page, data_set, lang):
    """The demo banner (`make run`) on every step, error state and the result; the rest of
    the pages share the layout, checked above without it."""
    build_question_list(page, live_server, lang, assert_accessible)
    page.goto(f"{live_server}/vragenlijst/?initiatief={data_set[0]}")  # tailored to a demo entry
    expect(page.get_by_role("banner").locator(".demo-banner")).to_be_visible()
    assert_accessible(page)


def test_works_without_javascript_and_has_no_read_aloud_button(live_server, page_without_js):
    page = page_without_js
    saved_url = build_question_list(page, live_server, "nl", lambda p: None)
    assert "/vragenlijst/l/" in saved_url
    expect(page.locator(".read-aloud")).to_have_count(0)
    token_path = saved_url.split("?")[0]
    _add_conversation(page, token_path, "De Linde", "fine")
    page.goto(token_path + "/vergelijking")
    expect(page.locator("main")).to_contain_text(re.compile(r"\bGoed\b|1 goed"))


def test_read_aloud_button_only_with_speech_synthesis(live_server, page):
    build_question_list(page, live_server, "nl", lambda p: None)
    page.goto(f"{live_server}/vragenlijst/stap/vragen")
    has_speech = page.evaluate("'speechSynthesis' in window")
    buttons = page.locator(".read-aloud")
    if has_speech:
        expect(buttons).to_have_count(page.locator("input[name=vraag]").count())
        expect(buttons.first).to_have_text("Lees voor")
    else:
        expect(buttons).to_have_count(0)


def test_steps_reflow_at_320_pixels(live_server, phone_page):
    build_question_list(phone_page, live_server, "nl", assert_reflows)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_folded_questions_and_missing_requirements_on_a_phone(live_server, open_page, lang):
    """At 360 px the questions step folds each subtheme into one line with its count; the
    review step offers a question for each requirement the list does not ask about. Both
    reflow with the text at 200 %, a subtheme open."""
    page = open_page(viewport={"width": 360, "height": 740})
    main_submit = page.locator("main form button[type=submit]")
    page.goto(f"{live_server}/vragenlijst/?lang={lang}")
    submit(page, page.locator("form[action$='/begin'] button"))
    page.locator("#voor").check()
    submit(page, main_submit)
    page.locator("#betaling").check()
    page.locator("input[name=soort][value=unknown]").check()
    submit(page, main_submit)
    for theme in ("dagindeling", "eten", "geld", "meebeslissen"):
        page.locator(f"input[name=thema][value={theme}]").check()
    submit(page, main_submit)

    subthemes = page.locator("details.subtheme")
    expect(subthemes.first).not_to_have_attribute("open", "")
    assert page.evaluate("document.documentElement.scrollHeight") < 4000
    assert_reflows(page)
    assert_accessible(page)
    summary = subthemes.first.locator("summary")
    summary.focus()
    page.keyboard.press("Enter")  # opens with the keyboard
    expect(subthemes.first).to_have_attribute("open", "")
    boxes = subthemes.first.locator("input[name=vraag]")
    ticked = subthemes.first.locator("input[name=vraag]:checked").count()
    boxes.first.set_checked(not boxes.first.is_checked())
    chosen = ticked + (1 if boxes.first.is_checked() else -1)
    expect(summary).to_contain_text(re.compile(rf"\b{chosen} \w+ {boxes.count()} \w+"))
    assert_accessible(page)
    page.evaluate(TEXT_AT_200_PERCENT)
    assert_reflows(page)
    submit(page, page.locator("main form > button[type=submit]"))
    submit(page, page.locator("button[value=verder]"))
    submit(page, page.locator("button[value=verder]"))

    gaps = page.locator("input[name=eis-vraag]")
    assert gaps.count() > 0
    assert_reflows(page)
    assert_accessible(page)
    key = gaps.first.get_attribute("value")
    label = page.locator(f"label[for='{gaps.first.get_attribute('id')}']").inner_text()
    gaps.first.check()
    submit(page, page.locator("button[value=toevoegen]"))
    expect(page.locator(f"input[name=eis-vraag][value='{key}']")).to_have_count(0)
    expect(page.locator("main")).to_contain_text(label)
    assert_accessible(page)
    page.evaluate(TEXT_AT_200_PERCENT)
    assert_reflows(page)
