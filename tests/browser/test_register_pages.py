"""Every public register page and error state, in Dutch and English, through axe-core in
Chromium; keyboard use, no-JavaScript use and reflow at 320 px."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from register.entries.models import ClaimStatus
from register.entries.services import withdraw
from register.extensions import db
from tests.browser.conftest import assert_accessible, assert_reflows
from tests.factories import add_certification, add_membership, add_visit, make_initiative


@pytest.fixture
def three_initiatives(app):
    with app.app_context():
        first = make_initiative(
            name="De Zonnebloem",
            slug="de-zonnebloem",
            target_groups=("autism",),
            statements={"conscious_choice": "Wij voeren met iedereen een keuzegesprek."},
        )
        add_membership(first)
        add_certification(first, valid_until=date(2026, 4, 1))
        add_visit(first)
        second = make_initiative(
            name="Hof van Salland",
            slug="hof-van-salland",
            kind="care_entrepreneur",
            place="Raalte",
            municipality="Raalte",
            latitude=52.388,
            longitude=6.275,
        )
        add_membership(second, "flz", status=ClaimStatus.SELF_DECLARED)
        gone = make_initiative(name="Het Oude Huis", slug="het-oude-huis")
        withdraw(gone, "Het initiatief is gestopt.", date(2026, 11, 30))
        make_initiative(
            name="Huize Akker",
            slug="huize-akker",
            kind="care_institution",
            funding_routes=("zorg_in_natura",),
            place="Zwolle",
            municipality="Zwolle",
            latitude=52.5125,
            longitude=6.094,
        )
        db.session.commit()
        from register.search.sync import sync_index

        sync_index()
    return ["de-zonnebloem", "hof-van-salland", "huize-akker"]


REGISTER_PAGES = [
    "/",
    "/initiatieven",
    "/initiatieven?q=autisme",
    "/initiatieven?q=zonnebloem&near=Deventer&radius=25&sort=distance",
    "/initiatieven?province=Overijssel&kind=relatives_residents&association=bvkz",
    "/initiatieven?association=any&quality_mark=any",
    "/initiatieven?q=xyzzyquux",  # no results
    "/initiatieven?q=zinnebluam",  # did you mean
    "/initiatieven?near=Nergenshuizen&radius=abc&page=-3",  # errors in the request
    "/initiatieven/de-zonnebloem",
    "/initiatieven/hof-van-salland",
    "/initiatieven/huize-akker",  # care in kind: pgb requirements do not apply
    "/initiatieven/vergelijk?ids=de-zonnebloem,hof-van-salland,huize-akker",
    "/initiatieven/vergelijk?ids=de-zonnebloem",  # too few
    "/initiatieven/bestaat-niet",  # 404
    "/initiatieven/het-oude-huis",  # withdrawn: 410
    "/over",
    "/privacy",
    "/toegankelijkheid",
    "/open-data",
]


# With the demo data `make run` loads: the banner on every kind of page, a demo entry with
# its own notice, demo entries side by side. "{demo}" is the first demo entry's slug.
DEMO_PAGES = [
    "/",
    "/initiatieven?q=autisme",
    "/initiatieven/{demo}",
    "/initiatieven/vergelijk?ids={demo},de-zonnebloem",
    "/initiatieven/bestaat-niet",
    "/open-data",
]
PAGE_CASES = [pytest.param(path, "testgegevens", id=path) for path in REGISTER_PAGES] + [
    pytest.param(path, "demo", id=f"demo:{path}") for path in DEMO_PAGES
]


def _with_demo(path: str, demo_slugs: list[str]) -> str:
    return path.format(demo=demo_slugs[0]) if demo_slugs else path


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize(("path", "data_set"), PAGE_CASES, indirect=["data_set"])
def test_register_page_has_no_axe_violations(
    page, live_server, three_initiatives, data_set, path, lang
):
    path = _with_demo(path, data_set)
    separator = "&" if "?" in path else "?"
    page.goto(f"{live_server}{path}{separator}lang={lang}")
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.locator("h1")).to_have_count(1)
    banner = page.get_by_role("banner").locator(".demo-banner")
    expect(banner).to_have_count(1 if data_set else 0)
    assert_accessible(page)


@pytest.mark.parametrize("data_set", ["demo"], indirect=True)
@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/initiatieven?near=Deventer&radius=25",
        "/initiatieven/de-zonnebloem",
        "/initiatieven/{demo}",
        "/initiatieven/vergelijk?ids=de-zonnebloem,hof-van-salland,huize-akker",
        "/open-data",
    ],
)
def test_register_page_reflows_at_320_px(
    phone_page, live_server, three_initiatives, data_set, path
):
    """With the demo banner and the generated demo texts: the most there is to fit."""
    phone_page.goto(live_server + _with_demo(path, data_set))
    assert_reflows(phone_page)
    assert_accessible(phone_page)


def test_skip_link_is_first_and_moves_focus_to_main(page, live_server, three_initiatives):
    page.goto(live_server + "/initiatieven")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Naar de inhoud")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#inhoud")).to_be_focused()


def test_family_searches_filters_and_compares_without_javascript(
    page_without_js, live_server, three_initiatives
):
    """The Jansen family's journey by plain links and forms: search near Deventer, open an
    entry, put three side by side."""
    page = page_without_js
    page.goto(live_server + "/")
    page.get_by_label("Zoekwoord").fill("autisme")
    page.get_by_label("In de buurt van (plaats)").fill("Deventer")
    page.get_by_role("button", name="Zoeken").click()
    expect(page).to_have_url(re.compile(r"/initiatieven\?"))
    page.get_by_role("link", name="De Zonnebloem").first.click()
    expect(page).to_have_url(re.compile(r"/initiatieven/de-zonnebloem$"))
    expect(page.get_by_text("BVKZ").first).to_be_visible()
    page.goto(live_server + "/initiatieven/vergelijk?ids=de-zonnebloem,hof-van-salland,huize-akker")
    headers = page.locator("table th[scope=col]")
    expect(headers.filter(has_text="De Zonnebloem")).to_have_count(1)
    expect(headers.filter(has_text="Huize Akker")).to_have_count(1)


def test_language_choice_sticks_across_pages(page, live_server, three_initiatives):
    page.goto(live_server + "/?lang=en")
    page.get_by_role("link", name="Find an initiative").first.click()
    expect(page).to_have_url(re.compile(r"/initiatieven"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_role("link", name="Nederlands").click()
    expect(page.locator("html")).to_have_attribute("lang", "nl")
