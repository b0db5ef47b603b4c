"""The detail page of an initiative: every fact with where it came from and how fresh it is."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from register.entries.models import (
    ChangeAction,
    ClaimStatus,
    Source,
    VerifierKind,
    VisitBody,
    VisitType,
)
from register.entries.services import record_change, record_provenance
from tests.entries.pages import publish, read
from tests.factories import add_certification, add_membership, add_visit, make_initiative


@pytest.fixture
def linde(app_context):
    initiative = make_initiative(
        name="De Linde",
        slug="de-linde",
        target_groups=("autism", "young_people"),
        funding_routes=("pgb_wlz", "pgb_wmo"),
        statements={
            "conscious_choice": "Wij voeren met iedereen een keuzegesprek voor de intake.",
            "say_at_location": "De bewonersraad beslist over het huishoudgeld.",
        },
    )
    publish()
    return initiative


def test_shows_the_facts_of_the_initiative(client, linde):
    response = client.get("/initiatieven/de-linde")
    page = read(response)

    assert response.status_code == 200
    assert page.title.startswith("De Linde")
    for fact in [
        "Opgezet door ouders, familie of bewoners",  # kind, with its explanation below
        "12",
        "Wachtlijst",
        "Autisme",
        "30% van het pgb wordt samen besteed",
        "12345678",
        "000012345678",
        "98765432",
        "Brink",
        "7411 BT Deventer",
        "Gemeente Deventer, Overijssel",
        "1 mei 2019",
    ]:
        assert fact in page.text, fact
    assert page.link("https://example.org") == "https://example.org"
    assert page.link("info@example.org") == "mailto:info@example.org"
    assert page.link("0570 123456") == "tel:0570123456"


def test_says_the_facts_are_self_declared_and_when_they_were_confirmed(client, linde):
    page = read(client.get("/initiatieven/de-linde"))

    assert "Zelf opgegeven, door het initiatief bevestigd op 1 oktober 2026." in page.text
    assert "langer dan 12 maanden" not in page.text


def test_warns_in_words_when_the_facts_were_not_confirmed_for_a_year(client, app_context):
    confirmed = date.today() - timedelta(days=400)
    make_initiative(slug="oud", last_confirmed_on=confirmed)
    publish()

    page = read(client.get("/initiatieven/oud"))

    since = f"niet bevestigd sinds {confirmed.day} "
    assert f"deze gegevens zijn {since}" in page.text
    assert "langer dan 12 maanden" in page.text


def test_warns_when_the_facts_were_never_confirmed(client, app_context):
    make_initiative(slug="nooit", last_confirmed_on=None)
    publish()

    page = read(client.get("/initiatieven/nooit"))

    assert "Het initiatief heeft deze gegevens nooit bevestigd" in page.text


def test_membership_shows_who_verified_it_and_when(client, linde):
    add_membership(linde, "bvkz")
    add_membership(linde, "flz", status=ClaimStatus.SELF_DECLARED)
    add_membership(
        linde,
        "spot",
        status=ClaimStatus.REJECTED,
        verifier=VerifierKind.ASSOCIATION,
        verified_on=date(2025, 6, 2),
    )
    publish()

    page = read(client.get("/initiatieven/de-linde"))

    assert "Gecontroleerd door BVKZ op 1 februari 2024." in page.text
    assert "Zelf opgegeven door het initiatief op 10 januari 2024; nog niet gecontroleerd." in (
        page.text
    )
    assert "Afgewezen door SPOT op 2 juni 2025" in page.text


def test_a_mark_past_its_end_date_is_shown_as_expired(client, linde):
    add_certification(linde, "prezo", valid_until=date(2026, 4, 1), certificate_number="PZ-0042")
    add_certification(linde, "hkz_kleine_organisaties", valid_until=date(2028, 1, 1))
    publish()

    page = read(client.get("/initiatieven/de-linde"))

    assert "Verlopen op 1 april 2026." in page.text
    assert "1 april 2026 (verlopen)" in page.text
    assert "PZ-0042" in page.text
    assert "Geldig tot 1 januari 2028" in page.text
    assert "Gecontroleerd door Stichting HKZ op 20 januari 2024." in page.text


def test_visits_show_date_body_type_and_report_link(client, linde):
    add_visit(linde, visited_on=date(2025, 3, 4), body=VisitBody.IGJ, visit_type=VisitType.FIRST)
    add_visit(
        linde,
        visited_on=date(2026, 2, 10),
        body=VisitBody.CARE_OFFICE,
        visit_type=VisitType.CONSCIOUS_CHOICE,
        report_url="",
    )
    publish()

    page = read(client.get("/initiatieven/de-linde"))

    assert "4 maart 2025: Inspectie Gezondheidszorg en Jeugd (IGJ)" in page.text
    assert "Eerste bezoek aan een nieuwe zorgaanbieder" in page.text
    assert page.link("Lees het rapport van 4 maart 2025") == (
        "https://www.igj.nl/publicaties/rapporten/voorbeeld"
    )
    assert "10 februari 2026: Zorgkantoor" in page.text
    assert "Er is geen rapport gepubliceerd." in page.text
    assert page.text.index("10 februari 2026") < page.text.index("4 maart 2025")  # newest first


def test_without_visits_says_so(client, linde):
    page = read(client.get("/initiatieven/de-linde"))

    assert "Er is geen bezoek geregistreerd." in page.text
    assert "binnen 6 maanden" not in page.text  # started in 2019


def test_new_initiative_without_inspection_explains_the_six_month_aim(client, app_context):
    make_initiative(slug="nieuw", started_on=date.today() - timedelta(days=60))
    publish()

    page = read(client.get("/initiatieven/nieuw"))

    assert "De inspectie (IGJ) wil nieuwe zorgaanbieders binnen 6 maanden" in page.text


def test_the_seven_statements_in_order_with_the_missing_ones_named(client, linde):
    page = read(client.get("/initiatieven/de-linde"))
    text = page.text

    positions = [text.rindex(f"Eis {n}:") for n in range(1, 8)]
    assert positions == sorted(positions)
    assert "Over 5 eisen heeft het initiatief niets ingevuld" in text
    assert text.count("Het initiatief heeft hierover niets ingevuld.") == 5
    assert "Wij voeren met iedereen een keuzegesprek voor de intake." in text
    assert "De bewonersraad beslist over het huishoudgeld." in text
    assert page.link("Eis 4:").endswith("#eis-4")


def test_links_to_preparing_the_conversation_with_this_initiative(client, linde):
    page = read(client.get("/initiatieven/de-linde"))

    href = page.link("Bereid je gesprek met dit initiatief voor")
    assert href.startswith("/vragenlijst")
    assert "initiatief=de-linde" in href


def test_fictional_entries_say_so(client, app_context):
    make_initiative(slug="verzonnen", is_demo=True)
    publish()

    page = read(client.get("/initiatieven/verzonnen"))

    assert "Dit initiatief bestaat niet echt." in page.text


def test_public_history_says_when_what_changed(client, linde):
    record_change(linde, ChangeAction.UPDATED, ["certifications", "postcode", "street"])
    publish()

    page = read(client.get("/initiatieven/de-linde"))

    assert "Opgenomen in het register" in page.text
    assert "Gewijzigd: adres, keurmerken" in page.text
    assert page.text.index("Gewijzigd") < page.text.index("Opgenomen")  # newest first


def test_offers_to_add_the_initiative_to_the_comparison(client, linde):
    page = read(client.get("/initiatieven/de-linde"))

    (form,) = page.forms_to("/initiatieven/vergelijk/toevoegen")
    assert form.method == "post"
    assert form.fields["slug"] == "de-linde"
    assert form.fields["csrf_token"]
    assert "Vergelijk (0)" in page.text


def test_a_website_that_is_not_http_is_not_made_a_link(client, app_context):
    make_initiative(slug="gevaarlijk", website="javascript:alert(1)")
    publish()

    page = read(client.get("/initiatieven/gevaarlijk"))

    assert not any(href.startswith("javascript:") for _, href in page.links)


@pytest.mark.parametrize(
    "path",
    [
        "/initiatieven/bestaat-niet",
        "/initiatieven/" + "x" * 5000,
        "/initiatieven/..%2F..",
        "/initiatieven/%E2%80%AE",
        "/initiatieven/de linde",
    ],
)
def test_unknown_initiatives_get_a_friendly_404(client, path):
    response = client.get(path)
    page = read(response)

    assert response.status_code == 404
    assert "Pagina niet gevonden" in page.text
    assert page.link("Zoek een initiatief")


def test_carries_schema_org_json_ld(client, linde):
    html = client.get("/initiatieven/de-linde").get_data(as_text=True)

    start = html.index('<script type="application/ld+json">') + len(
        '<script type="application/ld+json">'
    )
    data = json.loads(html[start : html.index("</script>", start)])
    assert data["@type"] == "LocalBusiness"
    assert data["name"] == "De Linde"


def test_a_nul_character_in_the_address_is_refused_with_a_message(client):
    response = client.get("/initiatieven/de%00linde")

    assert response.status_code == 400
    assert "niet is toegestaan" in read(response).text


def test_texts_written_by_the_initiative_are_marked_as_dutch_on_english_pages(client, app_context):
    """Screen readers must switch to Dutch pronunciation for the initiative's own words."""
    make_initiative(
        slug="de-taalkamer",
        description="Wij wonen samen in het centrum.",
        statements={"say_at_location": "De bewonersraad beslist mee."},
    )
    publish()

    html = client.get("/initiatieven/de-taalkamer?lang=en").get_data(as_text=True)

    assert '<p class="description" lang="nl">Wij wonen samen in het centrum.</p>' in html
    assert '<span lang="nl">De bewonersraad beslist mee.</span>' in html


def test_each_fact_says_where_it_comes_from_and_when(client, linde):
    record_provenance(linde, ["kvk_number"], Source.REGISTER, date(2026, 3, 2))
    record_provenance(linde, ["capacity"], Source.INITIATIVE, date(2024, 5, 6), confirmed=False)
    publish()

    page = read(client.get("/initiatieven/de-linde"))

    assert (
        "Inschrijfnummers (KvK, vestiging, AGB) Van de medewerkers van het register, "
        "gegeven op 2 maart 2026." in page.text
    )
    assert "Aantal plaatsen Van het initiatief zelf, gegeven op 6 mei 2024." in page.text
    # Without a line of its own a fact comes from the initiative's last confirmation.
    assert "Adres Van het initiatief zelf, bevestigd op 1 oktober 2026." in page.text
    assert "Bezoeken Van de inspectie, het zorgkantoor of de gemeente; niet bekend wanneer." in (
        page.text
    )


def test_pgb_requirements_do_not_apply_to_care_in_kind_and_say_why(client, app_context):
    make_initiative(
        name="Zorghuis Natura",
        slug="zorghuis-natura",
        funding_routes=("zorg_in_natura",),
        statements={
            "conscious_choice": "Bewoners kiezen bewust voor het pgb.",
            **{
                key: "Ja, dat is zo geregeld."
                for key in (
                    "day_activities_outside",
                    "collective_share_known",
                    "spending_insight",
                    "say_at_location",
                )
            },
        },
    )
    publish()

    text = read(client.get("/initiatieven/zorghuis-natura")).text

    reason = "Dit initiatief werkt niet met een pgb; deze eis gaat over het pgb."
    assert text.count(f"Niet van toepassing. {reason}") == 5  # requirements 1, 2, 4, 5 and 6
    assert "Bewoners kiezen bewust voor het pgb." not in text
    assert "niets ingevuld" not in text
    assert "Het initiatief heeft iets ingevuld bij alle eisen die voor dit initiatief gelden." in (
        text
    )
