"""An initiative without an account asks for access, or registers a new initiative: a
receipt, nothing public changes, staff see whether KvK and e-mail matched."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from register.access.models import AccessRequest, RequestStatus, RequestType
from register.accounts.models import Account
from register.audit.models import AuditEntry
from register.entries.models import Initiative
from register.extensions import db
from register.mail.models import OutboxMessage
from tests.access.builders import (
    EXISTING,
    NEW,
    NEW_INITIATIVE,
    ask_for_existing,
    register_new,
)
from tests.accounts.support import form_fields
from tests.admin.builders import app_with_rate_limits
from tests.entries.pages import publish, read, slugs_in_order
from tests.factories import make_initiative


@pytest.fixture
def linde(app_context):
    initiative = make_initiative(
        name="De Linde",
        kvk_number="12345678",
        email="info@delinde.nl",
        website="https://www.delinde.nl",
    )
    publish()
    return initiative


def test_the_start_page_offers_both_ways_without_an_account(client):
    page = read(client.get("/toegang-aanvragen"))

    assert page.title.startswith("Toegang aanvragen voor uw initiatief")
    assert page.link("Toegang aanvragen") == EXISTING
    assert page.link("Initiatief aanmelden") == NEW
    assert "session" not in client.get("/toegang-aanvragen").headers.get("Set-Cookie", "")


@pytest.mark.parametrize(
    "email", ["info@delinde.nl", "INFO@DeLinde.nl", "marieke@delinde.nl", "m@post.delinde.nl"]
)
def test_a_request_with_the_address_on_file_or_at_the_website_domain_matches(client, linde, email):
    response = ask_for_existing(client, email=email)

    assert response.status_code == 302
    assert response.headers["Location"].endswith("/toegang-aanvragen/ontvangen")
    request = db.session.scalar(select(AccessRequest))
    assert request.matched
    assert request.initiatives == [linde]
    assert request.status == RequestStatus.OPEN


@pytest.mark.parametrize("email", ["marieke@gmail.com", "info@delinde.nl.evil.example"])
def test_a_request_with_another_address_is_kept_but_marked_unmatched(client, linde, email):
    assert ask_for_existing(client, email=email).status_code == 302

    request = db.session.scalar(select(AccessRequest))
    assert not request.matched
    assert request.initiatives == [linde]  # staff see which entry it is about


def test_a_request_for_an_unknown_or_withdrawn_kvk_number_matches_nothing(client, linde):
    assert ask_for_existing(client, kvk_number="99999999").status_code == 302

    request = db.session.scalar(select(AccessRequest))
    assert not request.matched
    assert request.initiatives == []


def test_the_applicant_sees_a_confirmation_and_gets_a_receipt_and_nothing_else_changes(
    client, linde
):
    accounts_before = db.session.scalar(select(func.count(Account.id)))

    response = ask_for_existing(client, email="info@delinde.nl")
    page = read(client.get(response.headers["Location"]))

    assert "Uw aanvraag is ontvangen" in page.title
    assert "e-mail" in page.text
    receipt = db.session.scalar(select(OutboxMessage))
    assert receipt.recipient == "info@delinde.nl"
    assert "12345678" in receipt.body
    assert db.session.scalar(select(func.count(Account.id))) == accounts_before
    audit = db.session.scalar(select(AuditEntry).where(AuditEntry.action.like("access_request%")))
    assert audit.action == "access_request.submitted"
    assert audit.actor_account_id is None
    assert audit.after["email"] == "info@delinde.nl"


def test_the_receipt_is_in_the_language_of_the_page(client, linde):
    client.get("/toegang-aanvragen?lang=en")
    ask_for_existing(client, email="info@delinde.nl")

    receipt = db.session.scalar(select(OutboxMessage))
    assert receipt.subject == "We have received your request" or receipt.subject.isascii()
    request = db.session.scalar(select(AccessRequest))
    assert request.locale == "en"


@pytest.mark.parametrize(
    ("kvk", "message"),
    [
        ("1234567", "Een KvK-nummer heeft 8 cijfers"),
        ("1234567a", "Een KvK-nummer heeft 8 cijfers"),
        ("", "Vul het KvK-nummer in"),
    ],
)
def test_a_bad_kvk_number_is_a_field_error(client, linde, kvk, message):
    response = ask_for_existing(client, kvk_number=kvk)

    assert response.status_code == 400
    page = read(response)
    assert page.title.startswith("Fout:")
    assert message in page.text
    assert page.link(message) == "#kvk_number"
    assert db.session.scalar(select(AccessRequest)) is None


def test_a_kvk_number_typed_with_spaces_is_accepted(client, linde):
    assert ask_for_existing(client, kvk_number="1234 5678").status_code == 302
    assert db.session.scalar(select(AccessRequest)).kvk_number == "12345678"


def test_a_bad_email_keeps_what_was_typed(client, linde):
    response = ask_for_existing(client, email="geen-adres")

    assert response.status_code == 400
    page = read(response)
    assert "Vul een e-mailadres in zoals" in page.text
    assert page.forms_to(EXISTING)[0].fields["email"] == "geen-adres"
    assert page.forms_to(EXISTING)[0].fields["kvk_number"] == "12345678"


def test_missing_csrf_token_is_refused(client, linde):
    response = client.post(
        EXISTING,
        data={"kvk_number": "12345678", "applicant_name": "X", "email": "info@delinde.nl"},
    )

    assert response.status_code == 400
    assert db.session.scalar(select(AccessRequest)) is None


def test_a_new_initiative_is_taken_in_with_its_place_from_the_gazetteer(client, app_context):
    response = register_new(client)

    assert response.status_code == 302
    request = db.session.scalar(select(AccessRequest))
    assert request.request_type == RequestType.NEW
    assert request.initiative_name == "Het Zonnehuis"
    assert request.postcode == "7411 BT"
    assert request.place == "Deventer"
    assert request.municipality == "Deventer"
    assert request.province == "Overijssel"
    assert request.latitude and request.longitude
    assert request.initiatives == []
    # Nothing public yet.
    assert db.session.scalar(select(func.count(Initiative.id))) == 0
    assert db.session.scalar(select(OutboxMessage)).recipient == "info@zonnehuis.nl"


def test_an_unknown_place_is_a_field_error(client, app_context):
    response = register_new(client, place="Atlantis")

    assert response.status_code == 400
    page = read(response)
    assert "Deze plaats kennen wij niet" in page.text
    assert page.link("Deze plaats kennen wij niet") == "#place"
    assert page.forms_to(NEW)[0].fields["place"] == "Atlantis"
    assert page.forms_to(NEW)[0].fields["street"] == "Kerkstraat"
    assert db.session.scalar(select(AccessRequest)) is None


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"postcode": "0411 BT"}, "postcode", "Vul een postcode in zoals 7411 BT"),
        ({"capacity": "veel"}, "capacity", "Vul het aantal woonplekken in"),
        ({"capacity": "0"}, "capacity", "tussen 1 en 500"),
        ({"initiative_kind": "alien"}, "initiative_kind", "Ongeldige keuze"),
        ({"website": "zonnehuis"}, "website", "Vul een webadres in"),
        ({"kvk_number": "123"}, "kvk_number", "8 cijfers"),
    ],
)
def test_bad_facts_of_a_new_initiative_are_field_errors(
    client, app_context, changes, field, message
):
    response = register_new(client, **changes)

    assert response.status_code == 400
    page = read(response)
    assert message in page.text
    assert page.link(message) == f"#{field}"


def test_nothing_of_a_request_reaches_public_pages_open_data_api_or_search(client, linde):
    ask_for_existing(client, email="geheim.aanvrager@gmail.com")
    register_new(client, initiative_name="Verborgen Aanvraaghuis", email="stil@aanvraag.nl")
    publish()

    for query in ("Aanvraaghuis", "geheim.aanvrager", "87654321"):
        found = read(client.get(f"/initiatieven?q={query}"))
        assert slugs_in_order(found) == [], query
    for url in (
        "/",
        "/initiatieven",
        f"/initiatieven/{linde.slug}",
        "/open-data/initiatieven.csv",
        "/open-data/initiatieven.json",
        "/api/v1/initiatives",
        "/api/v1/changes",
        f"/api/v1/initiatives/{linde.slug}",
    ):
        body = client.get(url).get_data(as_text=True)
        assert "geheim.aanvrager" not in body, url
        assert "Aanvraaghuis" not in body, url
        assert "aanvraag.nl" not in body, url
    from register.search.query import text_search

    assert text_search("Aanvraaghuis").ids == []


def test_the_staff_pages_for_requests_need_a_log_in(client, linde):
    ask_for_existing(client)
    request_id = db.session.scalar(select(AccessRequest.id))

    for url in ("/beheer/toegang", f"/beheer/toegang/{request_id}"):
        response = client.get(url)
        assert response.status_code == 302
        assert "/inloggen" in response.headers["Location"]
    fields = form_fields(client, "/toegang-aanvragen/bestaand-initiatief")
    response = client.post(f"/beheer/toegang/{request_id}/goedkeuren", data=fields)
    assert response.status_code == 302
    assert "/inloggen" in response.headers["Location"]
    assert db.session.get(AccessRequest, request_id).status == RequestStatus.OPEN


def test_requests_are_rate_limited_per_email_entered_with_a_clear_page(app, linde):
    limits = {
        "ACCESS_REQUEST_RATE_LIMIT_PER_EMAIL": "2 per hour",
        "ACCESS_REQUEST_RATE_LIMIT_PER_ADDRESS": "100 per hour",
    }
    with app_with_rate_limits(app, **limits) as limited:
        client = limited.test_client()
        # A form with a mistake does not count against the address entered.
        assert ask_for_existing(client, kvk_number="1", email="info@delinde.nl").status_code == 400
        assert ask_for_existing(client, email="info@delinde.nl").status_code == 302
        assert ask_for_existing(client, email="info@delinde.nl").status_code == 302

        blocked = ask_for_existing(client, email="INFO@delinde.nl")

        assert blocked.status_code == 429
        page = read(blocked)
        assert page.title.startswith("Te veel aanvragen")
        assert "Wacht een uur en probeer het dan opnieuw" in page.text
        assert db.session.scalar(select(func.count(AccessRequest.id))) == 2
        # The same client with another e-mail address gets through.
        assert ask_for_existing(client, email="ander@delinde.nl").status_code == 302


def test_requests_are_rate_limited_per_client_address(app, linde):
    limits = {
        "ACCESS_REQUEST_RATE_LIMIT_PER_EMAIL": "100 per hour",
        "ACCESS_REQUEST_RATE_LIMIT_PER_ADDRESS": "2 per hour",
    }
    with app_with_rate_limits(app, **limits) as limited:
        client = limited.test_client()
        assert register_new(client, email="een@zonnehuis.nl").status_code == 302
        assert register_new(client, email="twee@zonnehuis.nl").status_code == 302

        assert register_new(client, email="drie@zonnehuis.nl").status_code == 429

        other = limited.test_client()
        fields = form_fields(other, NEW)
        fields.update(NEW_INITIATIVE)
        response = other.post(NEW, data=fields, environ_overrides={"REMOTE_ADDR": "10.0.0.9"})
        assert response.status_code == 302
        assert db.session.scalar(select(func.count(AccessRequest.id))) == 3
