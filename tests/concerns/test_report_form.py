"""A member of the public reports a concern at /melden: from a detail page or by name, with a
reference number on the thank-you page; mistakes keep what was typed; robots and floods are
turned away; nothing of it shows on the public page."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from register.concerns.models import WHAT_MAX, Concern
from register.extensions import db
from tests.accounts.support import form_fields
from tests.admin.builders import app_with_rate_limits
from tests.entries.pages import publish, read
from tests.factories import make_initiative

URL = "/melden"


@pytest.fixture
def linde(app_context):
    initiative = make_initiative(name="De Linde", slug="de-linde", place="Deventer")
    publish()
    return initiative


def _send(client, **fields):
    """Post the form as a browser would, from the page (with its CSRF token)."""
    values = form_fields(client, URL)
    values.update({"wat": "De bewoners kregen geen eten.", **fields})
    return client.post(URL, data=values)


def _concerns() -> list[Concern]:
    return db.session.scalars(select(Concern)).all()


def test_every_detail_page_links_to_the_form_for_its_initiative(client, linde):
    page = read(client.get("/initiatieven/de-linde"))

    assert page.link("Meld een zorg over dit initiatief") == "/melden?initiatief=de-linde"


def test_from_a_detail_page_the_initiative_is_chosen_already(client, linde):
    page = read(client.get("/melden?initiatief=de-linde"))

    assert "Over welk initiatief gaat het? De Linde in Deventer" in page.text
    assert page.forms_to(URL)[0].fields["initiatief"] == "de-linde"
    assert "We bewaren je melding 365 dagen" in page.text
    assert "Is er direct gevaar? Bel dan 112." in page.text


def test_an_unknown_initiative_in_the_link_leaves_the_name_to_type(client, linde):
    response = client.get("/melden?initiatief=bestaat-niet")

    assert response.status_code == 200
    assert read(response).has("input", id="initiatief", type="text", value="")


def test_a_report_is_stored_and_the_reporter_gets_its_reference(client, linde):
    response = _send(
        client,
        initiatief="de-linde",
        wanneer="vorige week",
        naam="Jan",
        email="jan@example.org",
        telefoon="06 12345678",
    )

    assert response.status_code == 302
    page = read(client.get(response.headers["Location"]))
    [concern] = _concerns()
    assert re.fullmatch(r"MZ-\w{4}-\w{4}", concern.reference)
    assert f"Het nummer van je melding is: {concern.reference}" in page.text
    assert (concern.initiative_id, concern.what_happened, concern.when_happened) == (
        linde.id,
        "De bewoners kregen geen eten.",
        "vorige week",
    )
    assert (concern.reporter_name, concern.reporter_email, concern.reporter_phone) == (
        "Jan",
        "jan@example.org",
        "06 12345678",
    )


def test_optional_fields_left_out_of_the_post_are_stored_empty(client, linde):
    token = form_fields(client, URL)["csrf_token"]
    response = client.post(URL, data={"csrf_token": token, "initiatief": "de-linde", "wat": "Iets"})

    assert response.status_code == 302
    (concern,) = _concerns()
    assert (concern.when_happened, concern.reporter_name, concern.reporter_email) == ("", "", "")


def test_the_initiative_can_be_named_instead(client, linde):
    assert _send(client, initiatief="de linde").status_code == 302

    assert [c.initiative_id for c in _concerns()] == [linde.id]


def test_part_of_a_name_is_confirmed_before_anything_is_stored(client, linde):
    response = _send(client, initiatief="Lind")

    assert response.status_code == 400
    page = read(response)
    assert page.has("input", type="radio", name="keuze", value="de-linde")
    assert _concerns() == []


def test_a_name_that_fits_several_asks_which_one_and_keeps_the_text(client, linde):
    other = make_initiative(name="De Linde", slug="de-linde-zwolle", place="Zwolle")
    publish()

    response = _send(client, initiatief="De Linde", wat="Mijn tekst")

    assert response.status_code == 400
    page = read(response)
    assert "Kies welk initiatief je bedoelt." in page.text
    assert page.has("input", type="radio", name="keuze", value="de-linde-zwolle")
    assert "Mijn tekst" in response.get_data(as_text=True)

    fields = {**page.forms_to(URL)[0].fields, "wat": "Mijn tekst", "keuze": "de-linde-zwolle"}
    assert client.post(URL, data=fields).status_code == 302
    assert [c.initiative_id for c in _concerns()] == [other.id]


def test_an_unknown_name_is_an_error_not_a_report(client, linde):
    response = _send(client, initiatief="Bestaat Niet")

    assert response.status_code == 400
    assert "We vinden geen initiatief met deze naam" in read(response).text
    assert _concerns() == []


def test_a_withdrawn_initiative_cannot_be_chosen(client, app_context):
    from register.entries.models import EntryStatus

    make_initiative(name="Weg", slug="weg", status=EntryStatus.WITHDRAWN)
    publish()

    assert _send(client, initiatief="weg").status_code == 400
    assert _concerns() == []


def test_mistakes_are_summarised_and_nothing_typed_is_lost(client, linde):
    response = _send(
        client,
        initiatief="de-linde",
        wat="",
        wanneer="gisteren",
        naam="Jan",
        email="geen-adres",
        telefoon="bel me",
    )

    assert response.status_code == 400
    page = read(response)
    assert page.title.startswith("Fout:")
    for anchor in ("#wat", "#email", "#telefoon"):
        assert any(href == anchor for _text, href in page.links), anchor
    fields = page.forms_to(URL)[0].fields
    assert (fields["initiatief"], fields["wanneer"], fields["naam"], fields["email"]) == (
        "de-linde",
        "gisteren",
        "Jan",
        "geen-adres",
    )
    assert fields["telefoon"] == "bel me"
    assert _concerns() == []


def test_a_text_over_the_limit_is_refused_and_kept(client, linde):
    too_long = "a" * (WHAT_MAX + 1)

    response = _send(client, initiatief="de-linde", wat=too_long)

    assert response.status_code == 400
    assert f"niet meer dan {WHAT_MAX} tekens" in read(response).text
    assert too_long in response.get_data(as_text=True)


def test_without_csrf_token_nothing_is_stored(client, linde):
    response = client.post(URL, data={"initiatief": "de-linde", "wat": "Iets"})

    assert response.status_code == 400
    assert _concerns() == []


def test_a_filled_honeypot_looks_thanked_but_stores_nothing(client, linde):
    response = _send(client, initiatief="de-linde", homepage="http://spam.example")

    assert response.status_code == 302
    page = read(client.get(response.headers["Location"]))
    assert "Het nummer van je melding is: MZ-" in page.text
    assert _concerns() == []


def test_the_honeypot_is_hidden_from_people_and_screen_readers(client, linde):
    html = client.get(URL).get_data(as_text=True)

    wrapper = re.search(r'<div class="visually-hidden" aria-hidden="true">(.*?)</div>', html, re.S)
    assert wrapper and 'name="homepage"' in wrapper.group(1)
    assert 'tabindex="-1"' in wrapper.group(1) and 'autocomplete="off"' in wrapper.group(1)


def test_what_was_typed_and_the_reference_are_not_cached(client, linde):
    response = _send(client, initiatief="de-linde", wat="", naam="Jan")
    assert response.headers["Cache-Control"] == "no-store"

    thanks = client.get(_send(client, initiatief="de-linde").headers["Location"])
    assert thanks.headers["Cache-Control"] == "no-store"


def test_the_thank_you_page_without_a_report_leads_to_the_form(client):
    response = client.get("/melden/ontvangen")

    assert response.status_code == 302
    assert response.headers["Location"] == URL


def test_a_report_remembers_the_language_of_the_page(client, linde):
    client.get(f"{URL}?lang=en")

    assert _send(client, initiatief="de-linde").status_code == 302
    assert [c.locale for c in _concerns()] == ["en"]


def test_reports_are_rate_limited_per_address(app, linde):
    with app_with_rate_limits(app, CONCERN_RATE_LIMIT="2 per hour") as limited:
        client = limited.test_client()
        # A form with a mistake does not count.
        assert _send(client, initiatief="de-linde", wat="").status_code == 400
        assert _send(client, initiatief="de-linde").status_code == 302
        assert _send(client, initiatief="de-linde").status_code == 302

        blocked = _send(client, initiatief="de-linde")

        assert blocked.status_code == 429
        assert "Probeer het later opnieuw" in read(blocked).text
        assert client.get(URL).status_code == 200
    assert db.session.scalar(select(func.count(Concern.id))) == 2


def test_the_public_page_never_shows_concerns(client, linde):
    _send(client, initiatief="de-linde", wat="GEHEIM-VOORVAL")

    html = client.get("/initiatieven/de-linde").get_data(as_text=True)
    assert "GEHEIM-VOORVAL" not in html


def test_the_privacy_page_says_what_a_report_keeps_and_for_how_long(client, app):
    app.config["CONCERN_RETENTION_DAYS"] = 90
    try:
        page = read(client.get("/privacy"))
    finally:
        app.config["CONCERN_RETENTION_DAYS"] = 365

    assert "Een zorg melden" in page.text
    assert "We bewaren je melding 90 dagen." in page.text
