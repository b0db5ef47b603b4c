"""Filling in the public access-request forms the way an applicant does."""

from __future__ import annotations

from tests.accounts.support import form_fields

EXISTING = "/toegang-aanvragen/bestaand-initiatief"
NEW = "/toegang-aanvragen/nieuw-initiatief"

NEW_INITIATIVE = {
    "initiative_name": "Het Zonnehuis",
    "initiative_kind": "relatives_residents",
    "kvk_number": "87654321",
    "street": "Kerkstraat",
    "house_number": "4a",
    "postcode": "7411bt",
    "place": "deventer",
    "capacity": "8",
    "vacancy": "places_free",
    "website": "https://www.zonnehuis.nl",
    "email": "info@zonnehuis.nl",
    "applicant_name": "Marieke de Vries",
}


def ask_for_existing(client, kvk_number="12345678", email="info@example.org", **options):
    """Fill in and send the form; ``options`` go to the test client (``environ_overrides``)."""
    fields = form_fields(client, EXISTING)
    fields.update(kvk_number=kvk_number, applicant_name="Marieke de Vries", email=email)
    return client.post(EXISTING, data=fields, **options)


def register_new(client, **changes):
    fields = form_fields(client, NEW)
    fields.update({**NEW_INITIATIVE, **changes})
    return client.post(NEW, data=fields)
