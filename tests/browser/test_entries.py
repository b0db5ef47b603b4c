"""The register pages in a real browser: the compare basket without JavaScript, the scrollable
comparison on a phone, and the filters form."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_reflows, tab_to
from tests.entries.pages import publish
from tests.factories import add_membership, make_initiative


@pytest.fixture
def initiatives(app):
    with app.app_context():
        first = make_initiative(
            name="De Zonnebloem", slug="de-zonnebloem", target_groups=("autism",)
        )
        add_membership(first)
        make_initiative(
            name="Hof van Salland", slug="hof-van-salland", kind="care_entrepreneur", place="Raalte"
        )
        make_initiative(name="Huize Akker", slug="huize-akker", kind="care_institution")
        publish()


def test_family_fills_the_compare_basket_without_javascript(
    page_without_js, live_server, initiatives
):
    page = page_without_js
    page.goto(live_server + "/initiatieven?q=&kind=relatives_residents&kind=care_entrepreneur")
    page.get_by_role("button", name=re.compile("Toevoegen aan vergelijking.*De Zonnebloem")).click()
    expect(page.get_by_text("De Zonnebloem staat nu in je vergelijking.")).to_be_visible()
    page.get_by_role(
        "button", name=re.compile("Toevoegen aan vergelijking.*Hof van Salland")
    ).click()
    page.get_by_role("link", name=re.compile(r"Vergelijk \(2\)")).click()

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
