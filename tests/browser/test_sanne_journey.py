"""Sanne's journey from shared/journeys.md on a 360 px phone with the text at 200 %: for
herself, with a pgb, the themes day, food, money and say, her own question about her cat.
She ends with a short list that asks about all seven requirements, and a PDF with room to
write, the saved link and its QR code. A list for someone else is worded for them."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, assert_reflows, submit
from tests.browser.test_reflow import TEXT_AT_200_PERCENT
from tests.questionnaire.questionnaire_helpers import pdf_text

pytestmark = pytest.mark.usefixtures("question_bank")

PHONE = {"width": 360, "height": 740}
MAX_QUESTIONS = 15


def _at_200_percent(page) -> None:
    """What Sanne's phone does on every page: text at 200 %; the page must still fit."""
    page.evaluate(TEXT_AT_200_PERCENT)
    assert_reflows(page)


def _through_the_steps(page, live_server, lang, audience_id, themes, own_question=None):
    main_submit = page.locator("main form button[type=submit]")
    page.goto(f"{live_server}/vragenlijst/?lang={lang}")
    _at_200_percent(page)
    submit(page, page.locator("form[action$='/begin'] button"))
    page.locator(audience_id).check()
    submit(page, main_submit)
    _at_200_percent(page)
    page.locator("input[name=betaling][value=pgb]").check()
    page.locator("input[name=soort][value=unknown]").check()
    submit(page, main_submit)
    for theme in themes:
        page.locator(f"input[name=thema][value={theme}]").check()
    submit(page, main_submit)
    _at_200_percent(page)
    submit(page, page.locator("main form > button[type=submit]"))  # the ticked ones
    if own_question:
        page.locator("#vraag").fill(own_question)
        submit(page, page.locator("button[value=toevoegen]"))
        _at_200_percent(page)
        suggestion = page.locator("#voorstel")
        expect(suggestion).to_contain_text(re.compile("huisdier|pet", re.I))
        submit(page, page.locator("button[value=houd]"))
        expect(page.locator("main")).to_contain_text(own_question)
    submit(page, page.locator("button[value=verder]"))
    submit(page, page.locator("button[value=verder]"))
    _at_200_percent(page)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_sanne_ends_with_a_short_list_on_all_seven_requirements(live_server, open_page, lang):
    page = open_page(viewport=PHONE)
    _through_the_steps(
        page,
        live_server,
        lang,
        "input[name=voor][value=self]",
        ("dagindeling", "eten", "geld", "meebeslissen"),
        own_question="Mag mijn kat mee?",
    )
    # The review step offers a question for each requirement the list does not ask about.
    for offered in page.locator("input[name=eis-vraag]").all():
        offered.check()
    assert_accessible(page)
    submit(page, page.locator("button[value=klaar]"))
    expect(page).to_have_url(re.compile(r"/mijn-lijst"))
    _at_200_percent(page)
    assert_accessible(page)

    questions = page.locator("main .qlist__item")
    assert 0 < questions.count() <= MAX_QUESTIONS
    expect(page.locator("main")).to_contain_text("Mag mijn kat mee?")
    asked_about = {
        link.get_attribute("href")
        for link in page.locator("main .qlist__item a[href^='#eis-']").all()
    }
    assert asked_about == {f"#eis-{number}" for number in range(1, 8)}

    submit(page, page.locator("form[action$='/bewaar'] button"))
    expect(page).to_have_url(re.compile(r"/vragenlijst/l/"))
    link = page.url.split("?")[0]
    expect(page.locator("svg.qr[role=img]")).to_be_visible()
    _at_200_percent(page)
    assert_accessible(page)

    pdf = page.request.get(f"{link}.pdf")
    assert pdf.ok and pdf.body().startswith(b"%PDF")
    unpacked = pdf_text(pdf.body())
    assert link.encode() in unpacked  # the saved link, printed and as the QR code's target
    print_view = page.request.get(f"{link}/afdrukken?lang={lang}").text()
    # room to write under every question (its ruled lines drawn by the paper's style sheet)
    assert print_view.count('class="answer-lines ') >= questions.count()


def test_a_list_for_someone_else_is_worded_for_the_representative(live_server, open_page):
    page = open_page(viewport=PHONE)
    _through_the_steps(
        page, live_server, "nl", "input[name=voor][value=representative]", ("dagindeling",)
    )
    expect(page.locator("h1")).to_have_text("Controleer je vragenlijst")
    submit(page, page.locator("button[value=klaar]"))
    texts = page.locator("main .qlist__item").all_inner_texts()
    assert texts and all("naaste" in text for text in texts)
    assert not any(re.search(r"\b(ik|mij|mijn kleren)\b", t.split("\n")[0]) for t in texts)
