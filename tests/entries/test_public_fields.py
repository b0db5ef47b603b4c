"""Each public field is declared once (register/entries/fields.py) and every output follows
that declaration: the API and open-data JSON, the OpenAPI schema, the CSV and the search
document. Nothing internal leaves the register through any of them."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest

from register.entries import fields
from register.entries.declaration import Column, PublicField, SearchText
from register.entries.models import ClaimStatus, Source
from register.entries.services import record_change, record_provenance
from register.extensions import db
from register.search.schema import build_schema, document_for
from tests.factories import add_certification, add_membership, add_visit, make_initiative

pytestmark = pytest.mark.usefixtures("app_context")

DECLARED = [field.name for field in fields.PUBLIC_FIELDS]
# Fields that are in the JSON and the API but have no CSV column, on purpose.
JSON_ONLY = {"provenance"}


def api_record(client, slug: str) -> dict:
    response = client.get(f"/api/v1/initiatives/{slug}")
    assert response.status_code == 200
    return response.get_json()["data"]


def csv_rows(client) -> list[dict[str, str]]:
    text = client.get("/open-data/initiatieven.csv").get_data(as_text=True)
    return list(csv.DictReader(io.StringIO(text)))


def openapi_initiative(client) -> dict:
    return client.get("/api/v1/openapi.json").get_json()["components"]["schemas"]["Initiative"]


@pytest.fixture
def linde():
    initiative = make_initiative(
        name="De Linde",
        statements={"say_at_location": "Bewoners beslissen mee over de huiskamer."},
    )
    add_membership(initiative, "bvkz", verifier_account_id=777000111)
    add_certification(initiative, "prezo", verifier_account_id=777000111)
    add_visit(initiative)
    record_provenance(initiative, ["capacity"], Source.REGISTER, date(2026, 2, 3))
    initiative.withdrawal_reason = "Interne notitie die nooit naar buiten mag"
    record_change(
        initiative,
        "updated",
        ["capacity"],
        source=Source.REGISTER,
        actor_account_id=777000222,
        revision_id=777000333,
    )
    db.session.commit()
    return initiative


def test_the_record_holds_exactly_the_declared_fields(client, linde):
    assert set(api_record(client, linde.slug)) == set(DECLARED)
    assert len(set(DECLARED)) == len(DECLARED)


def test_every_declared_field_is_described_and_required_in_openapi(client, linde):
    schema = openapi_initiative(client)

    assert set(schema["properties"]) == set(DECLARED)
    assert sorted(schema["required"]) == sorted(DECLARED)
    assert schema["additionalProperties"] is False


def test_every_declared_field_has_csv_columns_unless_json_only(client, linde):
    header = list(csv_rows(client)[0])

    for field in fields.PUBLIC_FIELDS:
        columns = [c.name for c in field.csv]
        if field.csv_per_requirement is None and not columns:
            assert field.name in JSON_ONLY, f"{field.name} has no CSV column"
        assert all(name in header for name in columns), field.name
    assert "provenance" not in header


def test_every_declared_field_has_a_label_and_a_fact_that_exists(app):
    with app.test_request_context():
        assert all(str(field.label) for field in fields.PUBLIC_FIELDS)
    for field in fields.PUBLIC_FIELDS:
        assert field.fact is None or field.fact in fields.FACTS_BY_KEY, field.name


def test_search_indexes_only_declared_texts(linde):
    declared = {text.name for field in fields.PUBLIC_FIELDS for text in field.search}

    document = document_for(linde)

    # Besides the declared texts: the id, all words together, and the stamp that
    # `flask search check` compares with the database.
    assert set(document) == {"id", "words", "stamp", *declared}
    assert "huiskamer" in document["statements"]
    assert set(build_schema().names()) == set(document)


def test_provenance_per_public_fact_with_the_entrys_confirmation_as_fallback(client, linde):
    provenance = api_record(client, linde.slug)["provenance"]

    assert set(provenance) == {fact.key for fact in fields.public_facts()}
    assert "status" not in provenance
    assert provenance["capacity"] == {
        "source": "register",
        "asserted_on": "2026-02-03",
        "confirmed_on": "2026-02-03",
    }
    assert provenance["name"] == {
        "source": "initiative",
        "asserted_on": None,
        "confirmed_on": linde.last_confirmed_on.isoformat(),
    }
    assert provenance["visits"]["source"] == "inspectorate"
    assert provenance["visits"]["confirmed_on"] is None


def test_a_field_declared_once_appears_in_every_output(client, monkeypatch, linde):
    motto = PublicField(
        "motto",
        "motto",
        "description",
        lambda initiative, reading: f"Motto van {initiative.name}",
        lambda: {"type": "string"},
        csv=(Column("motto", "Het motto", str.upper),),
        search=(SearchText("motto", 1.0, lambda initiative: "samen sterk"),),
    )
    monkeypatch.setattr(fields, "PUBLIC_FIELDS", (*fields.PUBLIC_FIELDS, motto))

    record = api_record(client, linde.slug)
    download = client.get("/open-data/initiatieven.json").get_json()["initiatives"][0]
    schema = openapi_initiative(client)
    row = csv_rows(client)[0]

    assert record["motto"] == download["motto"] == "Motto van De Linde"
    assert schema["properties"]["motto"] == {"type": "string"}
    assert "motto" in schema["required"]
    assert row["motto"] == "MOTTO VAN DE LINDE"
    assert "<code>motto</code>" in client.get("/open-data").get_data(as_text=True)
    assert document_for(linde)["motto"] == "samen sterk"
    assert "samen sterk" in document_for(linde)["words"]
    assert "motto" in build_schema().names()


def test_a_field_that_is_not_declared_appears_nowhere(client, monkeypatch, linde):
    without = tuple(f for f in fields.PUBLIC_FIELDS if f.name not in ("phone", "statements"))
    monkeypatch.setattr(fields, "PUBLIC_FIELDS", without)

    record = api_record(client, linde.slug)
    row = csv_rows(client)[0]

    assert "phone" not in record
    assert "phone" not in openapi_initiative(client)["properties"]
    assert "phone" not in row
    assert not [name for name in row if name.startswith("statement_")]
    assert "statements" not in document_for(linde)


INTERNAL_NAMES = (
    "actor_account_id",
    "revision_id",
    "verifier_account_id",
    "verifier",
    "withdrawal_reason",
    "withdrawn_on",
    "initiative_id",
)
INTERNAL_VALUES = ("777000111", "777000222", "777000333", "Interne notitie")


def _keys(value) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {key for item in value.values() for key in _keys(item)}
    if isinstance(value, list):
        return {key for item in value for key in _keys(item)}
    return set()


def test_nothing_internal_appears_in_any_output(client, linde):
    add_membership(linde, "lvoi", status=ClaimStatus.SELF_DECLARED)
    db.session.commit()
    outputs = {
        "api": client.get(f"/api/v1/initiatives/{linde.slug}").get_json(),
        "api list": client.get("/api/v1/initiatives").get_json(),
        "open data": client.get("/open-data/initiatieven.json").get_json(),
        "openapi": openapi_initiative(client),
        "changes": client.get("/api/v1/changes?since=2000-01-01").get_json(),
        "search": document_for(linde),
    }
    csv_text = client.get("/open-data/initiatieven.csv").get_data(as_text=True)

    for name, output in outputs.items():
        assert not _keys(output) & set(INTERNAL_NAMES), name
        text = json.dumps(output, ensure_ascii=False)
        assert not [value for value in INTERNAL_VALUES if value in text], name
    header = csv_text.splitlines()[0].split(",")
    assert not set(header) & set(INTERNAL_NAMES)
    assert not [value for value in INTERNAL_VALUES if value in csv_text]
    # The change log's own source (who made a change) stays inside: the feed has no source.
    assert all("source" not in change for change in outputs["changes"]["data"])
