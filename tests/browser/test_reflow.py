"""Large text (WCAG 1.4.4 and 1.4.10): with the text at 200 % on a 360 px wide phone the main
public pages still fit the width, in Dutch and English, with the demo banner and the long
generated Dutch names and words of the demo data."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import horizontal_overflow, submit

# As a browser's text-size setting does; set through the CSS object model, which the site's
# Content-Security-Policy allows (an injected <style> it would block).
TEXT_AT_200_PERCENT = "document.documentElement.style.setProperty('font-size', '200%', 'important')"

# What sticks out past the right edge (not counting what scrolls inside its own region), to
# say where to look when the test fails.
WIDEST_ELEMENTS = """() => {
  const width = document.scrollingElement.clientWidth;
  const scrollsInside = element => {
    for (let parent = element.parentElement; parent; parent = parent.parentElement) {
      if (["auto", "scroll", "hidden"].includes(getComputedStyle(parent).overflowX)) return true;
    }
    return false;
  };
  const names = [];
  for (const element of document.querySelectorAll("body *")) {
    if (names.length < 5 && element.getBoundingClientRect().right > width + 1
        && !scrollsInside(element)) {
      names.push(element.tagName.toLowerCase() + (element.className ? "." + element.className
        .toString().trim().split(/\\s+/).join(".") : ""));
    }
  }
  return names;
}"""


@pytest.fixture
def large_text_page(open_page):
    return open_page(viewport={"width": 360, "height": 740})


@pytest.mark.parametrize("data_set", ["demo"], indirect=True)
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_main_pages_reflow_with_text_at_200_percent(
    large_text_page, live_server, question_bank, data_set, lang
):
    page = large_text_page
    too_wide: dict[str, str] = {}

    def check(name: str) -> None:
        expect(page.locator("html")).to_have_attribute("lang", lang)
        page.evaluate(TEXT_AT_200_PERCENT)
        overflow = horizontal_overflow(page)  # reading the width lays the page out anew
        if overflow > 1:
            too_wide[name] = f"{overflow}px, {', '.join(page.evaluate(WIDEST_ELEMENTS))}"

    first, second, third = data_set[:3]
    for name, path in [
        ("home", "/"),
        ("search", "/initiatieven"),
        ("detail", f"/initiatieven/{first}"),
        ("compare", f"/initiatieven/vergelijk?ids={first},{second},{third}"),
        ("question list, start", "/vragenlijst/"),
    ]:
        separator = "&" if "?" in path else "?"
        page.goto(f"{live_server}{path}{separator}lang={lang}")
        if name == "search":
            expect(page.locator(".result").first).to_be_visible()
        check(name)

    submit(page, page.locator("form[action$='/begin'] button"))
    check("question list, first step")
    page.locator("#voor").check()
    submit(page, page.locator("main form button[type=submit]"))
    page.locator("#betaling").check()
    page.locator("input[name=soort][value=unknown]").check()
    submit(page, page.locator("main form button[type=submit]"))
    check("question list, themes")
    for theme in ("dagindeling", "eten", "geld", "meebeslissen"):
        page.locator(f"input[name=thema][value={theme}]").check()
    submit(page, page.locator("main form button[type=submit]"))
    check("question list, questions")
    submit(page, page.locator("main form > button[type=submit]"))
    submit(page, page.locator("button[value=verder]"))
    submit(page, page.locator("button[value=verder]"))
    submit(page, page.locator("main form button[type=submit]").last)
    expect(page).to_have_url(re.compile(r"/mijn-lijst"))
    check("question list, result")

    assert not too_wide, f"scrolls sideways at 200 % text, 360 px wide ({lang}): {too_wide}"
