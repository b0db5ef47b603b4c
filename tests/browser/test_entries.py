"""The register pages in a real browser: the compare basket without JavaScript, the scrollable
comparison on a phone, and the filters form."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, assert_reflows, tab_to
from tests.entries.pages import publish
from tests.factories import add_certification, add_membership, make_initiative


@pytest.fixture
def initiatives(app):
    with app.app_context():
        first = make_initiative(
            name="De Zonnebloem",
            slug="de-zonnebloem",
            target_groups=("autism",),
            statements={
                "conscious_choice": "Wij voeren met iedereen een uitgebreid keuzegesprek over "
                "het persoonsgebonden budget, voordat iemand bij ons komt wonen.",
                "say_at_location": "De bewonersraad beslist mee over het huishoudgeld.",
            },
        )
        add_membership(first)
        add_certification(first, valid_until=date(2020, 1, 1))
        make_initiative(
            name="Hof van Salland", slug="hof-van-salland", kind="care_entrepreneur", place="Raalte"
        )
        make_initiative(
            name="Huize Akker",
            slug="huize-akker",
            kind="care_institution",
            funding_routes=("zorg_in_natura",),
            statements={"conscious_choice": "Bewoners kiezen bewust voor het pgb."},
        )
        publish()


def test_family_fills_the_compare_basket_without_javascript(
    page_without_js, live_server, initiatives
):
    page = page_without_js
    page.goto(live_server + "/initiatieven?q=&kind=relatives_residents&kind=care_entrepreneur")
    page.get_by_role("button", name=re.compile("Toevoegen aan vergelijking.*De Zonnebloem")).click()
    # Back at the same button (now "remove"), with the outcome beside it.
    button = page.locator("#vergelijk-de-zonnebloem")
    expect(button).to_be_focused()
    expect(button).to_have_accessible_name(re.compile("Uit vergelijking halen.*De Zonnebloem"))
    expect(button).to_have_accessible_description("De Zonnebloem staat nu in je vergelijking.")
    status = page.get_by_role("status").filter(has_text="staat nu in je vergelijking")
    expect(status).to_have_text("De Zonnebloem staat nu in je vergelijking.")
    page.get_by_role(
        "button", name=re.compile("Toevoegen aan vergelijking.*Hof van Salland")
    ).click()
    expect(page.locator("#vergelijk-hof-van-salland")).to_be_focused()
    page.get_by_role("link", name="Vergelijken: 2 initiatieven gekozen").click()
    expect(page).to_have_url(re.compile(r"/vergelijk\?ids=de-zonnebloem,hof-van-salland$"))

    headers = page.locator("table th[scope=col]")
    expect(headers).to_have_text([re.compile(".*"), "De Zonnebloem", "Hof van Salland"])
    expect(page.get_by_role("row", name="Soort initiatief (verschilt)")).to_be_visible()
    share = page.get_by_role("link", name="ids=de-zonnebloem,hof-van-salland")
    expect(share).to_be_visible()

    page.get_by_role("button", name=re.compile("Uit vergelijking halen.*De Zonnebloem")).click()
    expect(page.get_by_text("Kies 2 tot 4 initiatieven")).to_be_visible()


def test_filters_apply_without_javascript_and_can_be_removed(
    page_without_js, live_server, initiatives
):
    page = page_without_js
    page.goto(live_server + "/initiatieven")
    page.locator("summary", has_text="Soort initiatief").click()
    page.get_by_label("Opgezet door een zorgondernemer (1)").check()
    page.get_by_role("button", name="Filters toepassen").click()
    expect(page.get_by_role("heading", name="1 initiatief gevonden")).to_be_visible()
    page.get_by_role("link", name=re.compile("weghalen.*Opgezet door een zorgondernemer")).click()
    expect(page.get_by_role("heading", name="3 initiatieven gevonden")).to_be_visible()


def test_the_comparison_scrolls_by_keyboard_on_a_phone(phone_page, live_server, initiatives):
    page = phone_page
    page.goto(live_server + "/initiatieven/vergelijk?ids=de-zonnebloem,hof-van-salland,huize-akker")
    region = page.get_by_role("region", name="Vergelijkingstabel, scroll opzij voor meer")
    region.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    # Scrolling may be smooth: wait for it rather than read scrollLeft once.
    page.wait_for_function("element => element.scrollLeft > 0", arg=region.element_handle())
    assert_reflows(page)


def test_family_searches_filters_and_compares_with_the_keyboard_alone(
    page, live_server, initiatives
):
    page.goto(live_server + "/initiatieven")
    tab_to(page, "#q")
    page.keyboard.type("autisme")
    tab_to(page, "#near")
    page.keyboard.type("Deventer")
    tab_to(page, "summary:has-text('Soort initiatief')")
    page.keyboard.press("Enter")  # opens the filter group
    tab_to(page, "input[name=kind][value=relatives_residents]")
    page.keyboard.press("Space")
    with page.expect_navigation():
        page.keyboard.press("Enter")  # submits the search form
    expect(page).to_have_url(re.compile(r"kind=relatives_residents"))
    expect(page).to_have_url(re.compile(r"near=Deventer"))

    tab_to(page, "a:text('De Zonnebloem')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/initiatieven/de-zonnebloem$"))
    tab_to(page, "button:has-text('Toevoegen aan vergelijking')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_text("De Zonnebloem staat nu in je vergelijking.")).to_be_visible()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_search_page_after_adding_passes_axe(page, live_server, initiatives, lang):
    """axe needs JavaScript; the form and the message are the same with it."""
    page.goto(live_server + f"/initiatieven?lang={lang}")
    page.locator("#vergelijk-de-zonnebloem").click()
    expect(page.locator("#vergelijk-de-zonnebloem-status")).not_to_be_empty()
    assert_accessible(page)


def test_adding_on_the_detail_page_returns_focus_to_the_button(
    page_without_js, live_server, initiatives
):
    page = page_without_js
    page.goto(live_server + "/initiatieven/hof-van-salland")
    page.get_by_role("button", name=re.compile("Toevoegen aan vergelijking")).click()

    expect(page.locator("#vergelijk-hof-van-salland")).to_be_focused()
    expect(page.get_by_role("status").filter(has_text="staat nu")).to_be_visible()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_comparison_with_each_ones_own_words_fits_a_phone(
    phone_page, live_server, initiatives, lang
):
    page = phone_page
    page.goto(
        live_server
        + f"/initiatieven/vergelijk?ids=de-zonnebloem,hof-van-salland,huize-akker&lang={lang}"
    )
    expect(page.get_by_text("Wij voeren met iedereen een uitgebreid keuzegesprek")).to_be_visible()
    # Requirements 1, 2, 4, 5 and 6 (about the pgb) do not apply to Huize Akker (care in
    # kind), in words.
    expect(page.locator("td strong", has_text="pgb")).to_have_count(5)
    assert_reflows(page)
    assert_accessible(page)
    # Row labels keep their words whole, or hyphenate them: never a break inside a word
    # without a hyphen ("brancheverenigi / ng").
    broken = page.evaluate(
        """() => [...document.querySelectorAll('.compare th[scope=row]')].flatMap(th => {
            const text = th.firstChild.textContent;
            const words = [];
            let at = 0;
            for (const word of text.split(/\\s+/)) {
                const start = text.indexOf(word, at);
                at = start + word.length;
                if (!word) continue;
                const range = document.createRange();
                range.setStart(th.firstChild, start);
                range.setEnd(th.firstChild, at);
                if (range.getClientRects().length > 1) words.push(word);
            }
            return words;
        })"""
    )
    hyphenates = page.evaluate(
        "getComputedStyle(document.querySelector('.compare th[scope=row]')).hyphens"
    )
    assert hyphenates == "auto"
    assert broken == [], broken


def test_the_share_link_is_copied_with_one_button(open_page, live_server, initiatives):
    page = open_page(permissions=["clipboard-read", "clipboard-write"])
    page.goto(live_server + "/initiatieven/vergelijk?ids=de-zonnebloem,hof-van-salland")

    page.get_by_role("button", name="Kopieer de link").click()

    expect(page.get_by_role("status").filter(has_text="Gekopieerd")).to_be_visible()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.endswith("/initiatieven/vergelijk?ids=de-zonnebloem,hof-van-salland")
    assert_accessible(page)


def test_without_javascript_there_is_no_copy_button(page_without_js, live_server, initiatives):
    page = page_without_js
    page.goto(live_server + "/initiatieven/vergelijk?ids=de-zonnebloem,hof-van-salland")

    expect(page.get_by_role("button", name="Kopieer de link")).to_have_count(0)
    expect(page.get_by_role("link", name=re.compile("ids=de-zonnebloem"))).to_be_visible()


def test_filtering_on_any_verified_membership(page_without_js, live_server, initiatives):
    page = page_without_js
    page.goto(live_server + "/initiatieven")
    page.locator("summary", has_text="Branchevereniging").click()
    page.get_by_label("Elk gecontroleerd lidmaatschap (1)").check()
    page.get_by_role("button", name="Filters toepassen").click()

    expect(page.get_by_role("heading", name="1 initiatief gevonden")).to_be_visible()
    expect(page.get_by_text("Kiwa Keurmerk")).to_have_count(0)
    expect(page.get_by_text("PREZO: verlopen op 1 januari 2020")).to_be_visible()
