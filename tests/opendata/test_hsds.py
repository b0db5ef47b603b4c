"""The Open Referral HSDS 3.0 export: the HSDS rules it relies on, the tabular datapackage
consistent with its descriptor, only public facts, and valid against the published HSDS
schemas (an unchanged copy in hsds_schema/, see its README)."""

from __future__ import annotations

import csv
import io
import json
import os
import uuid
from datetime import date
from pathlib import Path

import jsonschema_rs  # installed with schemathesis
import pytest
from factories import add_certification, add_membership, make_initiative

from register.entries.models import ClaimStatus
from register.entries.services import record_change
from register.extensions import db
from register.opendata.hsds import FILES, hsds_id
from tests.entries.pages import publish
from tests.test_internal_data_stays_internal import INTERNAL_RECORDS, MARKER

pytestmark = pytest.mark.usefixtures("app_context")

SCHEMAS = Path(os.environ.get("HSDS_SCHEMA_DIR") or Path(__file__).parent / "hsds_schema")
JSON_URL = "/open-data/hsds/services.json"
PACKAGE_URL = "/open-data/hsds/datapackage.json"


def hsds_schema(name: str) -> dict:
    return json.loads((SCHEMAS / f"{name}.json").read_text())


def validator(name: str):
    """The HSDS schema with its ``$ref``s ("organization.json") read from the same folder."""
    return jsonschema_rs.validator_for(
        hsds_schema(name),
        retriever=lambda uri: hsds_schema(uri.rsplit("/", 1)[-1].removesuffix(".json")),
        validate_formats=True,
    )


def download(client, url):
    response = client.get(url)
    response.get_data()
    return response


def table(client, name: str) -> list[dict[str, str]]:
    response = download(client, f"/open-data/hsds/{name}.csv")
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))


@pytest.fixture
def linde():
    initiative = make_initiative(
        name="De Linde",
        target_groups=("autism", "young_people"),
        funding_routes=("pgb_wlz", "vpt"),
        phone="+31 570 123456",
    )
    add_membership(initiative, "bvkz", valid_until=date(2027, 12, 31))
    add_membership(initiative, "lvoi", status=ClaimStatus.SELF_DECLARED)
    add_certification(initiative, "prezo")
    db.session.commit()
    initiative.place = "Olst"
    record_change(initiative, "updated", ["place", "phone"])
    db.session.commit()
    return initiative


def services(client) -> list[dict]:
    response = client.get(JSON_URL)
    assert response.status_code == 200
    return response.get_json()["contents"]


def test_every_service_validates_against_the_hsds_schemas(client, linde):
    make_initiative(name="Het Anker", kvk_number=None, agb_code=None, phone="", email="")
    db.session.commit()
    check = validator("service")

    contents = services(client)

    assert len(contents) == 2
    for service in contents:
        errors = [error.message for error in check.iter_errors(service)]
        assert errors == [], errors


def test_the_schema_check_rejects_what_hsds_does_not_allow(client, linde):
    """The control: the vendored schemas really are applied (and formats checked)."""
    service = services(client)[0]
    check = validator("service")

    assert not check.is_valid({**service, "status": "open"})
    assert not check.is_valid({**service, "id": "12"})
    del service["organization"]["description"]
    assert not check.is_valid(service)


def test_an_initiative_maps_onto_organization_service_and_location(client, linde):
    service = services(client)[0]
    organization = service["organization"]
    location = service["service_at_locations"][0]["location"]

    assert service["id"] == hsds_id("service", linde.id)
    assert service["status"] == "active"
    assert service["phones"][0]["number"] == "+31 570 123456"
    assert organization["uri"] == f"http://localhost/initiatieven/{linde.slug}"
    assert organization["website"] == "https://example.org"
    assert [
        (i["identifier_type"], i["identifier"]) for i in organization["organization_identifiers"]
    ] == [
        ("KvK-nummer", "12345678"),
        ("AGB-code", "98765432"),
    ]
    assert location["external_identifier"] == "000012345678"
    assert location["addresses"][0] | {"id": None} == {
        "id": None,
        "location_id": location["id"],
        "address_1": f"Brink {linde.house_number}",
        "city": "Olst",
        "region": "Deventer",
        "state_province": "Overijssel",
        "postal_code": "7411 BT",
        "country": "NL",
        "address_type": "physical",
    }


def attributes(document) -> list[tuple[str, str, str | None]]:
    return [
        (a["link_type"], a["taxonomy_term"]["code"], a.get("value")) for a in document["attributes"]
    ]


def test_catalogues_are_attributes_with_taxonomy_terms(client, linde):
    service = services(client)[0]

    assert attributes(service) == [
        ("target_group", "autism", None),
        ("target_group", "young_people", None),
        ("funding_route", "pgb_wlz", None),
        ("funding_route", "vpt", None),
    ]
    assert attributes(service["organization"]) == [
        ("kind", "relatives_residents", None),
        ("association", "bvkz", "verified:2027-12-31"),
        ("association", "lvoi", "self_declared"),
        ("quality_mark", "prezo", "verified:2027-01-10"),
    ]
    term = service["attributes"][0]["taxonomy_term"]
    assert term["taxonomy_detail"]["name"] == "target_group"
    assert term["language"] == "nl"


def test_change_records_come_from_the_change_log_per_public_fact(client, linde):
    service = services(client)[0]
    location = service["service_at_locations"][0]["location"]

    created = service["organization"]["metadata"][0]
    assert created["last_action_type"] == "created"
    assert created["resource_type"] == "organization"
    moved = location["metadata"]
    assert [(m["field_name"], m["last_action_type"]) for m in moved] == [("address", "updated")]
    assert moved[0]["resource_id"] == location["id"]
    assert moved[0]["updated_by"] == "Register Wooninitiatieven"
    assert {"contact"} <= {m["field_name"] for m in service["organization"]["metadata"]}


def test_the_json_document_is_one_hsds_page_with_licence(client, linde):
    body = client.get(JSON_URL).get_json()

    assert body["total_items"] == 1
    assert body["hsds_version"] == "3.0"
    assert body["licence"] == "CC0 1.0"
    assert client.get(JSON_URL).headers["Access-Control-Allow-Origin"] == "*"


# What HSDS 3.0 requires of the tables this export fills (its required fields and code
# lists), stated here so that the test runs without the published schemas too.
HSDS_REQUIRED = {
    "organization": {"id", "name", "description"},
    "organization_identifier": {"id", "identifier_type", "identifier"},
    "service": {"id", "name", "status"},
    "phone": {"id", "number"},
    "location": {"id", "location_type"},
    "service_at_location": {"id"},
    "address": {"id", "address_1", "city", "state_province", "postal_code", "country"}
    | {"address_type"},
    "attribute": {"id"},
    "taxonomy": {"id", "name", "description"},
    "taxonomy_term": {"id", "name", "description"},
    "metadata": {"id", "last_action_date", "last_action_type", "field_name"}
    | {"previous_value", "replacement_value", "updated_by"},
}
HSDS_CODES = {
    "status": {"active", "inactive", "defunct", "temporarily closed"},
    "location_type": {"physical", "postal", "virtual"},
    "address_type": {"physical", "postal", "virtual"},
}


def test_every_csv_matches_the_datapackage_and_keeps_the_hsds_rules(client, linde):
    make_initiative(name="Het Anker", kvk_number=None, phone="")
    db.session.commit()
    package = client.get(PACKAGE_URL).get_json()

    assert [resource["name"] for resource in package["resources"]] == list(FILES)
    for resource in package["resources"]:
        response = download(client, f"/open-data/hsds/{resource['path']}")
        assert response.status_code == 200, resource["path"]
        rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
        header = rows[0]
        assert header == [field["name"] for field in resource["schema"]["fields"]]
        assert HSDS_REQUIRED[resource["name"]] <= set(header), resource["name"]
        for row in (dict(zip(header, cells, strict=True)) for cells in rows[1:]):
            for name, value in row.items():
                if name == "id" or (name.endswith("_id") and value):
                    uuid.UUID(value)  # HSDS identifiers are UUIDs
                if name in HSDS_CODES:
                    assert value in HSDS_CODES[name], (name, value)


def test_the_datapackage_uses_the_hsds_file_field_names_and_types(client):
    package = client.get(PACKAGE_URL).get_json()

    for resource in package["resources"]:
        hsds_table = hsds_schema(resource["name"])
        assert resource["path"] == hsds_table["path"]
        assert HSDS_REQUIRED[resource["name"]] == set(hsds_table["required"])
        for field in resource["schema"]["fields"]:
            assert field["type"] == hsds_table["properties"][field["name"]]["type"], field


def test_every_csv_row_validates_against_its_hsds_table(client, linde):
    package = client.get(PACKAGE_URL).get_json()

    for resource in package["resources"]:
        numbers = {f["name"] for f in resource["schema"]["fields"] if f["type"] == "number"}
        check = validator(resource["name"])
        required = set(hsds_schema(resource["name"])["required"])
        for row in table(client, resource["path"].removesuffix(".csv")):
            # An empty cell is an absent value, or an empty string where HSDS requires one.
            cells = {
                name: float(value) if name in numbers else value
                for name, value in row.items()
                if value or name in required
            }
            errors = [error.message for error in check.iter_errors(cells)]
            assert errors == [], (resource["name"], errors)


def test_the_tables_hold_the_json_flattened(client, linde):
    make_initiative(name="Het Anker", phone="")
    db.session.commit()
    contents = services(client)

    assert len(table(client, "organizations")) == 2
    assert len(table(client, "services")) == 2
    assert len(table(client, "locations")) == 2
    assert len(table(client, "addresses")) == 2
    assert len(table(client, "service_at_location")) == 2
    assert len(table(client, "phones")) == 1
    assert len(table(client, "organization_identifiers")) == 4
    nested = sum(len(s["attributes"]) + len(s["organization"]["attributes"]) for s in contents)
    assert len(table(client, "attributes")) == nested
    assert {row["taxonomy"] for row in table(client, "taxonomy_terms")} == {
        row["name"] for row in table(client, "taxonomies")
    }
    assert table(client, "phones")[0]["number"] == "'+31 570 123456"  # spreadsheet-safe


def test_an_unknown_table_is_not_found(client):
    assert client.get("/open-data/hsds/accounts.csv").status_code == 404
    assert client.get("/open-data/hsds/..%2Fsecret.csv").status_code == 404


def test_the_downloads_answer_a_conditional_get_with_304(client, linde):
    first = download(client, "/open-data/hsds/services.csv")

    again = client.get(
        "/open-data/hsds/services.csv", headers={"If-None-Match": first.headers["ETag"]}
    )

    assert again.status_code == 304


HSDS_OUTPUTS = (
    JSON_URL,
    PACKAGE_URL,
    *(f"/open-data/hsds/{name}.csv" for name in FILES.values()),
)


@pytest.mark.parametrize("make_record", INTERNAL_RECORDS.values(), ids=INTERNAL_RECORDS.keys())
def test_internal_records_are_not_in_the_hsds_export(app, client, make_record):
    initiative = make_initiative(name="Openbaar Huis", slug="openbaar-huis")
    make_record(initiative)
    publish()

    for url in HSDS_OUTPUTS:
        response = download(client, url)
        assert response.status_code == 200, url
        assert MARKER.lower() not in response.get_data(as_text=True).lower(), url


def test_a_published_marker_is_found_in_the_hsds_export(client):
    """The control for the test above."""
    make_initiative(name="Openbaar Huis", slug="openbaar-huis", description=MARKER)
    publish()

    assert MARKER in download(client, JSON_URL).get_data(as_text=True)
    assert MARKER in download(client, "/open-data/hsds/services.csv").get_data(as_text=True)


def test_the_open_data_page_links_to_the_hsds_export(client):
    page = client.get("/open-data").get_data(as_text=True)

    assert 'href="http://localhost/open-data/hsds/services.json"' in page
    assert 'href="http://localhost/open-data/hsds/datapackage.json"' in page
