"""Comparing 2 to 4 initiatives side by side, with a basket kept without JavaScript."""

from __future__ import annotations

from datetime import date

import pytest

from register.entries.models import ClaimStatus
from tests.entries.pages import publish, read
from tests.factories import add_certification, add_membership, add_visit, make_initiative

ADD = "/initiatieven/vergelijk/toevoegen"
REMOVE = "/initiatieven/vergelijk/verwijderen"


@pytest.fixture
def candidates(app_context):
    zonnebloem = make_initiative(
        name="De Zonnebloem",
        slug="de-zonnebloem",
        statements={"conscious_choice": "Wij voeren met iedereen een keuzegesprek."},
    )
    add_membership(zonnebloem, "bvkz")
    add_certification(zonnebloem, "prezo", valid_until=date(2026, 4, 1))
    add_visit(zonnebloem, visited_on=date(2025, 3, 4))
    salland = make_initiative(
        name="Hof van Salland", slug="hof-van-salland", kind="care_entrepreneur"
    )
    add_membership(salland, "flz", status=ClaimStatus.SELF_DECLARED)
    for slug in ("huize-akker", "de-eik", "het-veld"):
        make_initiative(name=slug.replace("-", " ").title(), slug=slug)
    publish()


def test_puts_initiatives_side_by_side_with_names_as_column_headers(client, candidates):
    response = client.get("/initiatieven/vergelijk?ids=de-zonnebloem,hof-van-salland,huize-akker")
    page = read(response)

    assert response.status_code == 200
    assert page.has("th", scope="col")
    for name in ("De Zonnebloem", "Hof van Salland", "Huize Akker"):
        assert page.link(name).startswith("/initiatieven/")
    assert page.text.index("De Zonnebloem") < page.text.index("Hof van Salland")


def test_the_same_facts_in_rows_with_differences_marked_in_words(client, candidates):
    text = read(client.get("/initiatieven/vergelijk?ids=de-zonnebloem,hof-van-salland")).text

    assert "Soort initiatief (verschilt)" in text
    assert "Aantal plaatsen 12 12" in text  # same: no marker
    assert "BVKZ: gecontroleerd" in text
    assert "FLZ: zelf opgegeven" in text
    assert "PREZO: verlopen" in text
    assert "4 maart 2025, Inspectie Gezondheidszorg en Jeugd (IGJ)" in text
    assert "Geen bezoek geregistreerd" in text
    assert "Bevestigd op 1 oktober 2026" in text
    assert (
        "Eis 1: Bewust kiezen voor het pgb (verschilt) "
        "Wij voeren met iedereen een keuzegesprek. Niet ingevuld"
    ) in text
    assert "Eis 7: Zeggenschap op de locatie Niet ingevuld Niet ingevuld" in text


def test_the_table_scrolls_in_a_focusable_labelled_region(client, candidates):
    page = read(client.get("/initiatieven/vergelijk?ids=de-zonnebloem,hof-van-salland"))

    assert any(
        tag == "div" and a.get("role") == "region" and a.get("tabindex") == "0" and a["aria-label"]
        for tag, a in page.elements
    )


def test_offers_a_link_to_share_the_comparison(client, candidates):
    page = read(client.get("/initiatieven/vergelijk?ids=de-zonnebloem,hof-van-salland"))

    assert page.link("vergelijk?ids=").endswith(
        "/initiatieven/vergelijk?ids=de-zonnebloem,hof-van-salland"
    )


def test_unknown_initiatives_are_named_and_the_rest_compared(client, candidates):
    response = client.get("/initiatieven/vergelijk?ids=de-zonnebloem,bestaat-niet,hof-van-salland")
    page = read(response)

    assert response.status_code == 200
    assert "staat niet (meer) in het register" in page.text
    assert "bestaat-niet" in page.text
    assert page.link("Hof van Salland")


@pytest.mark.parametrize("ids", ["bestaat-niet,ook-niet", "../..", "%2F,%E2%80%AE"])
def test_nothing_known_is_a_404(client, candidates, ids):
    response = client.get("/initiatieven/vergelijk?ids=" + ids)

    assert response.status_code == 404
    assert "Geen van deze initiatieven staat in het register." in read(response).text


def test_more_than_four_compares_the_first_four_and_says_so(client, candidates):
    ids = ",".join(["de-zonnebloem", "hof-van-salland", "huize-akker", "de-eik", "het-veld"])
    page = read(client.get("/initiatieven/vergelijk?ids=" + ids))

    assert "niet meer dan 4 initiatieven" in page.text
    assert "Het Veld" not in page.text


def test_fifty_ids_do_no_harm(client, candidates):
    ids = ",".join(f"slug-{n}" for n in range(50))
    response = client.get("/initiatieven/vergelijk?ids=" + ids)

    assert response.status_code == 404


def test_duplicates_are_ignored(client, candidates):
    page = read(
        client.get("/initiatieven/vergelijk?ids=de-zonnebloem,de-zonnebloem,hof-van-salland")
    )

    assert page.text.count("Uit vergelijking halen: De Zonnebloem") == 1


def test_a_very_long_ids_parameter_is_a_400_with_a_message(client, candidates):
    response = client.get("/initiatieven/vergelijk?ids=" + "a" * 5000)

    assert response.status_code == 400
    assert "te lang" in read(response).text


@pytest.mark.parametrize("query", ["?ids=de-zonnebloem", "?ids=", "?ids=,,,", ""])
def test_fewer_than_two_explains_how_to_add(client, candidates, query):
    response = client.get("/initiatieven/vergelijk" + query)
    page = read(response)

    assert response.status_code == 200
    assert "Kies 2 tot 4 initiatieven" in page.text
    assert "Toevoegen aan vergelijking" in page.text


def _token(client) -> str:
    """The CSRF token, fetched from a page like a browser would."""
    page = read(client.get("/initiatieven/de-zonnebloem"))
    return next(form.fields["csrf_token"] for form in page.forms if "csrf_token" in form.fields)


def _add(client, slug, token, next_url="/initiatieven"):
    return client.post(ADD, data={"slug": slug, "next": next_url, "csrf_token": token})


def test_adding_from_the_detail_page_fills_the_basket_the_compare_page_uses(client, candidates):
    token = _token(client)

    response = _add(client, "de-zonnebloem", token, "/initiatieven/de-zonnebloem")
    assert response.status_code == 302
    assert response.headers["Location"] == "/initiatieven/de-zonnebloem#vergelijk-de-zonnebloem"
    page = read(client.get("/initiatieven/de-zonnebloem"))
    assert "De Zonnebloem staat nu in je vergelijking." in page.text
    assert "Vergelijk (1)" in page.text
    assert page.forms_to(REMOVE)

    _add(client, "hof-van-salland", token)
    page = read(client.get("/initiatieven/vergelijk"))
    assert page.title.startswith("Initiatieven vergelijken")
    assert page.link("De Zonnebloem") == "/initiatieven/de-zonnebloem"
    assert page.link("Hof van Salland") == "/initiatieven/hof-van-salland"
    assert page.link("vergelijk?ids=").endswith("ids=de-zonnebloem,hof-van-salland")


def test_removing_takes_it_out_of_the_basket(client, candidates):
    token = _token(client)
    _add(client, "de-zonnebloem", token)
    _add(client, "hof-van-salland", token)

    response = client.post(
        REMOVE,
        data={"slug": "de-zonnebloem", "next": "/initiatieven/vergelijk", "csrf_token": token},
    )

    assert response.headers["Location"] == "/initiatieven/vergelijk#vergelijk-de-zonnebloem"
    page = read(client.get("/initiatieven/vergelijk"))
    assert "De Zonnebloem is uit je vergelijking gehaald." in page.text
    assert "Kies 2 tot 4 initiatieven" in page.text
    assert "Hof van Salland" in page.text


def test_a_full_basket_gives_a_message_not_an_error(client, candidates):
    token = _token(client)
    for slug in ("de-zonnebloem", "hof-van-salland", "huize-akker", "de-eik"):
        _add(client, slug, token)

    response = _add(client, "het-veld", token)

    assert response.status_code == 302
    page = read(client.get("/initiatieven"))
    assert "Je vergelijkt al 4 initiatieven" in page.text
    assert "Vergelijk (4)" in page.text


def test_adding_twice_keeps_one(client, candidates):
    token = _token(client)
    _add(client, "de-zonnebloem", token)
    _add(client, "de-zonnebloem", token)

    assert "Vergelijk (1)" in read(client.get("/initiatieven")).text


@pytest.mark.parametrize("path", [ADD, REMOVE])
def test_compare_forms_need_the_csrf_token(client, candidates, path):
    response = client.post(path, data={"slug": "de-zonnebloem", "next": "/initiatieven"})

    assert response.status_code == 400
    assert "Het formulier was verlopen of niet geldig" in read(response).text


@pytest.mark.parametrize(
    "next_url",
    [
        "https://evil.example",
        "//evil.example/path",
        "/\\evil.example",
        "javascript:alert(1)",
        "",
        "/initiatieven\r\nSet-Cookie: x=1",
    ],
)
def test_next_only_leads_to_this_site(client, candidates, next_url):
    response = _add(client, "de-zonnebloem", _token(client), next_url)

    assert response.status_code == 302
    assert response.headers["Location"] == "/initiatieven/vergelijk#vergelijk-de-zonnebloem"


def test_adding_an_unknown_initiative_is_a_404(client, candidates):
    response = _add(client, "bestaat-niet", _token(client))

    assert response.status_code == 404


def test_adding_without_a_slug_is_a_400(client, candidates):
    response = client.post(ADD, data={"csrf_token": _token(client)})

    assert response.status_code == 400
    assert "Er is geen initiatief gekozen" in read(response).text


def test_removing_from_a_shared_comparison_keeps_the_others(client, candidates):
    page = read(client.get("/initiatieven/vergelijk?ids=de-zonnebloem,hof-van-salland,huize-akker"))

    forms = {form.fields["slug"]: form for form in page.forms_to(REMOVE)}
    assert forms["hof-van-salland"].fields["next"] == (
        "/initiatieven/vergelijk?ids=de-zonnebloem,huize-akker"
    )
    response = client.post(REMOVE, data=forms["hof-van-salland"].fields)
    assert response.headers["Location"] == "/initiatieven/vergelijk?ids=de-zonnebloem,huize-akker"


NOT_APPLICABLE = (
    "Niet van toepassing: Dit initiatief werkt niet met een pgb; deze eis gaat over het pgb."
)


def test_each_requirement_shows_the_initiatives_own_words(client, candidates):
    response = client.get("/initiatieven/vergelijk?ids=de-zonnebloem,hof-van-salland")

    html = response.get_data(as_text=True)
    assert '<span lang="nl">Wij voeren met iedereen een keuzegesprek.</span>' in html
    assert "Ingevuld" not in read(response).text


def test_requirements_about_the_pgb_do_not_apply_to_care_in_kind(client, candidates):
    make_initiative(
        name="Zorghuis Natura",
        slug="zorghuis-natura",
        kind="care_institution",
        funding_routes=("zorg_in_natura", "vpt"),
        statements={
            "conscious_choice": "Bewoners kiezen bewust voor het pgb.",
            "say_at_location": "Er is een bewonersraad.",
        },
    )
    publish()

    text = read(client.get("/initiatieven/vergelijk?ids=de-zonnebloem,zorghuis-natura")).text

    assert (
        "Eis 1: Bewust kiezen voor het pgb (verschilt) "
        f"Wij voeren met iedereen een keuzegesprek. {NOT_APPLICABLE}"
    ) in text
    assert (
        f"Eis 2: Vrij kiezen van individuele zorg (verschilt) Niet ingevuld {NOT_APPLICABLE}"
    ) in text
    assert f"Eis 6: Een zorgaanbod op maat (verschilt) Niet ingevuld {NOT_APPLICABLE}" in text
    assert "Eis 3: Dagbesteding buiten het wooninitiatief Niet ingevuld Niet ingevuld" in text
    assert "Er is een bewonersraad." in text
    assert "Bewoners kiezen bewust voor het pgb." not in text


def test_memberships_and_marks_show_when_checked_and_until_when(client, candidates):
    add_membership(
        make_initiative(name="Het Anker", slug="het-anker"),
        "lvoi",
        verified_on=date(2025, 2, 1),
        valid_until=date(2099, 12, 31),
    )
    publish()

    text = read(client.get("/initiatieven/vergelijk?ids=de-zonnebloem,het-anker")).text

    assert "BVKZ: gecontroleerd op 1 februari 2024" in text
    assert "LVOI: gecontroleerd op 1 februari 2025, geldig tot 31 december 2099" in text
    assert "PREZO: verlopen op 1 april 2026" in text


def test_the_compare_link_opens_the_chosen_initiatives_and_reads_as_a_sentence(client, candidates):
    page = read(client.get("/initiatieven"))
    assert page.link("Vergelijken: nog geen initiatief gekozen") == "/initiatieven/vergelijk"

    token = _token(client)
    _add(client, "de-zonnebloem", token)
    _add(client, "hof-van-salland", token)
    page = read(client.get("/initiatieven"))

    assert "Vergelijk (2)" in page.text
    assert page.link("Vergelijken: 2 initiatieven gekozen") == (
        "/initiatieven/vergelijk?ids=de-zonnebloem,hof-van-salland"
    )
    english = read(client.get("/initiatieven?lang=en"))
    assert "Compare (2)" in english.text
    assert english.link("Compare: 2 initiatives chosen")


def test_after_adding_the_outcome_stands_beside_the_button(client, candidates):
    _add(client, "de-zonnebloem", _token(client), "/initiatieven#initiatief-de-zonnebloem")

    page = read(client.get("/initiatieven"))

    assert page.has(
        "button", id="vergelijk-de-zonnebloem", aria_describedby="vergelijk-de-zonnebloem-status"
    )
    assert page.has("p", id="vergelijk-de-zonnebloem-status", role="status")
    assert "De Zonnebloem staat nu in je vergelijking." in page.text
    # Said once: the next page no longer says it.
    assert "staat nu in je vergelijking" not in read(client.get("/initiatieven")).text


def test_a_tampered_note_in_the_session_is_ignored(client, candidates):
    with client.session_transaction() as session:
        session["compare_note"] = ["not", "a", "note"]

    response = client.get("/initiatieven")

    assert response.status_code == 200


def test_the_share_link_has_a_copy_button_only_for_javascript(client, candidates):
    html = client.get("/initiatieven/vergelijk?ids=de-zonnebloem,hof-van-salland").get_data(
        as_text=True
    )

    assert '<p class="copy-link" hidden>' in html
    assert 'data-copy-from="deel-link"' in html
    assert 'data-copied="Gekopieerd"' in html
    assert "js/copy-link.js" in html
