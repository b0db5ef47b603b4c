"""/api/v1/initiatives and /api/v1/initiatives/<slug>: public data, the search page's filters,
pagination, and a clear 400/404 in JSON for anything wrong."""

from __future__ import annotations

from datetime import date

import pytest
from factories import add_certification, add_membership, add_visit, make_initiative

from register.entries.finder import find
from register.entries.models import ClaimStatus, VacancyStatus
from register.entries.public import json_ld
from register.entries.search_params import parse_search_params
from register.extensions import db

pytestmark = pytest.mark.usefixtures("app_context")

# The documented allow-list (register/entries/public.py). Nothing else may ever leave.
INITIATIVE_FIELDS = {
    "slug",
    "name",
    "url",
    "kind",
    "description",
    "started_on",
    "capacity",
    "vacancy",
    "target_groups",
    "funding_routes",
    "collective_budget",
    "collective_share_percent",
    "kvk_number",
    "location_number",
    "agb_code",
    "address",
    "website",
    "email",
    "phone",
    "statements",
    "missing_requirements",
    "not_applicable_requirements",
    "memberships",
    "certifications",
    "visits",
    "last_confirmed_on",
    "updated_at",
    "provenance",
    "is_demo",
}
KIND_FIELDS = {"key", "name_nl", "name_en"}
ADDRESS_FIELDS = {
    "street",
    "house_number",
    "postcode",
    "place",
    "municipality",
    "province",
    "latitude",
    "longitude",
}
STATEMENT_FIELDS = {"requirement", "number", "text", "status", "confirmed_on"}
CLAIM_FIELDS = {"name_nl", "name_en", "status", "declared_on", "verified_by", "verified_on"}
MEMBERSHIP_FIELDS = CLAIM_FIELDS | {"association", "valid_until"}
CERTIFICATION_FIELDS = CLAIM_FIELDS | {
    "quality_mark",
    "issuer",
    "certificate_number",
    "valid_until",
}
VISIT_FIELDS = {"visited_on", "body", "type", "report_url"}


def fully_filled_initiative(**fields):
    """An initiative with every column and every kind of related row set."""
    initiative = make_initiative(
        statements={"conscious_choice": "Wij bespreken het pgb vooraf.", "say_at_location": "Ja"},
        target_groups=("autism", "young_people"),
        funding_routes=("pgb_wlz", "pgb_wmo"),
        is_demo=True,
        **fields,
    )
    add_membership(initiative, "bvkz", valid_until=date(2027, 12, 31))
    add_membership(initiative, "lvoi", status=ClaimStatus.SELF_DECLARED)
    add_certification(initiative, "prezo", certificate_number="PR-123")
    add_certification(initiative, "iso_9001", valid_until=date(2020, 1, 1))
    add_visit(initiative)
    initiative.statements[0].confirmed_on = date(2026, 9, 1)
    db.session.commit()
    return initiative


def slugs_of(response) -> list[str]:
    return [item["slug"] for item in response.get_json()["data"]]


def test_an_initiative_shows_every_public_field_and_nothing_else(client):
    initiative = fully_filled_initiative()

    response = client.get(f"/api/v1/initiatives/{initiative.slug}")

    assert response.status_code == 200
    data = response.get_json()["data"]
    assert set(data) == INITIATIVE_FIELDS
    assert set(data["kind"]) == KIND_FIELDS
    assert set(data["address"]) == ADDRESS_FIELDS
    assert all(set(s) == STATEMENT_FIELDS for s in data["statements"])
    assert all(set(m) == MEMBERSHIP_FIELDS for m in data["memberships"])
    assert all(set(c) == CERTIFICATION_FIELDS for c in data["certifications"])
    assert all(set(v) == VISIT_FIELDS for v in data["visits"])
    assert len(data["memberships"]) == 2
    assert len(data["certifications"]) == 2
    assert len(data["visits"]) == 1


def test_an_initiative_reads_as_a_person_would_expect(client):
    initiative = fully_filled_initiative(name="De Linde", collective_share_percent=27.5)

    data = client.get(f"/api/v1/initiatives/{initiative.slug}").get_json()["data"]

    assert data["name"] == "De Linde"
    assert data["url"] == f"http://localhost/initiatieven/{initiative.slug}"
    assert data["kind"]["key"] == "relatives_residents"
    assert data["target_groups"] == ["autism", "young_people"]
    assert data["funding_routes"] == ["pgb_wlz", "pgb_wmo"]
    assert data["collective_share_percent"] == 27.5
    assert data["address"]["postcode"] == "7411 BT"
    assert data["started_on"] == "2019-05-01"
    assert data["updated_at"].endswith("+00:00")
    assert [s["requirement"] for s in data["statements"]] == ["conscious_choice", "say_at_location"]
    assert data["statements"][0]["confirmed_on"] == "2026-09-01"
    assert data["missing_requirements"] == [
        "individual_care",
        "day_activities_outside",
        "collective_share_known",
        "spending_insight",
        "tailored_offer",
    ]
    assert data["not_applicable_requirements"] == []
    assert {s["status"] for s in data["statements"]} == {"stated"}
    statuses = {c["quality_mark"]: c["status"] for c in data["certifications"]}
    assert statuses == {"prezo": "verified", "iso_9001": "expired"}
    membership = data["memberships"][0]
    assert membership["association"] == "bvkz"
    assert membership["verified_by"] == "BVKZ"
    assert membership["verified_on"] == "2024-02-01"
    assert data["visits"][0] == {
        "visited_on": "2025-03-04",
        "body": "igj",
        "type": "announced",
        "report_url": "https://www.igj.nl/publicaties/rapporten/voorbeeld",
    }
    assert data["is_demo"] is True


def test_unknown_slug_is_a_json_404(client):
    response = client.get("/api/v1/initiatives/bestaat-niet")

    assert response.status_code == 404
    error = response.get_json()["error"]
    assert error["status"] == 404
    assert "bestaat-niet" in error["detail"]


def test_the_api_is_read_only(client):
    initiative = make_initiative()
    db.session.commit()

    response = client.post(f"/api/v1/initiatives/{initiative.slug}")

    assert response.status_code == 405
    assert response.get_json()["error"]["status"] == 405


def test_any_web_page_may_read_the_api(client):
    response = client.get("/api/v1/initiatives")

    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "max-age" in response.headers["Cache-Control"]


def test_the_list_holds_public_records_with_paging_metadata(client):
    for _ in range(3):
        make_initiative()
    db.session.commit()

    body = client.get("/api/v1/initiatives?sort=name").get_json()

    assert len(body["data"]) == 3
    assert set(body["data"][0]) == INITIATIVE_FIELDS
    assert body["meta"]["total"] == 3
    assert body["meta"]["page"] == 1
    assert body["meta"]["page_size"] == 20
    assert body["meta"]["page_count"] == 1
    assert body["links"]["next"] is None
    assert body["links"]["prev"] is None
    assert body["links"]["self"].startswith("http://localhost/api/v1/initiatives?")


def test_pages_link_to_each_other_and_keep_the_filters(client):
    for n in range(25):
        make_initiative(name=f"Huis {n:02d}", province="Utrecht")
    make_initiative(name="Huis elders", province="Limburg")
    db.session.commit()

    first = client.get("/api/v1/initiatives?province=Utrecht&sort=name&page_size=10").get_json()
    assert first["meta"]["total"] == 25
    assert first["meta"]["page_count"] == 3
    assert first["links"]["prev"] is None
    assert "province=Utrecht" in first["links"]["next"]
    assert "page=2" in first["links"]["next"]

    second = client.get(first["links"]["next"]).get_json()
    third = client.get(second["links"]["next"]).get_json()

    assert "page=1" in second["links"]["prev"]
    assert third["links"]["next"] is None
    names = [item["name"] for body in (first, second, third) for item in body["data"]]
    assert names == [f"Huis {n:02d}" for n in range(25)]


@pytest.mark.parametrize(
    "query",
    [
        "sort=name",
        "q=autisme",
        "q=wooninitiatieven&sort=relevance",
        "near=Deventer&radius=25&sort=distance",
        "province=Overijssel&province=Gelderland&sort=name",
        "kind=relatives_residents&target_group=autism&sort=updated",
        "funding=pgb_wlz&association=bvkz",
        "quality_mark=prezo&vacancy=places_free",
        "sort=name&page=2",
    ],
)
def test_filters_give_what_the_search_page_gives(client, app, query):
    make_initiative(name="Autisme Huis", target_groups=("autism",), province="Overijssel")
    gelderland = make_initiative(
        name="Zutphen Hof",
        place="Zutphen",
        municipality="Zutphen",
        province="Gelderland",
        latitude=52.14,
        longitude=6.2,
        vacancy=VacancyStatus.PLACES_FREE,
    )
    add_certification(gelderland, "prezo")
    add_membership(gelderland, "bvkz")
    for n in range(22):
        make_initiative(name=f"Wooninitiatief {n:02d}", kind="care_entrepreneur")
    make_initiative(name="Ver weg", province="Limburg", latitude=50.85, longitude=5.69)
    db.session.commit()

    api = client.get(f"/api/v1/initiatives?{query}")

    assert api.status_code == 200
    with app.test_request_context(f"/initiatieven?{query}"):
        from flask import request

        params, errors = parse_search_params(request.args)
        expected = [item.slug for item in find(params).items]
    assert errors == []
    assert slugs_of(api) == expected


def test_a_place_search_tells_the_origin_and_distances(client):
    initiative = make_initiative()
    db.session.commit()

    body = client.get("/api/v1/initiatives?near=Deventer&radius=25").get_json()

    assert body["meta"]["origin"]["name"] == "Deventer"
    assert body["meta"]["distances_km"][initiative.slug] < 5
    assert any(option["key"] == "Overijssel" for option in body["meta"]["facets"]["province"])


def bad_request_errors(response) -> dict[str, str]:
    assert response.status_code == 400, response.get_data(as_text=True)
    error = response.get_json()["error"]
    assert error["status"] == 400
    assert error["title"]
    assert error["detail"]
    return {item["parameter"]: item["message"] for item in error["errors"]}


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("page=abc", "page"),
        ("page=0", "page"),
        ("page=-1", "page"),
        ("page=99999999999999999999999", "page"),
        ("page_size=0", "page_size"),
        ("page_size=1000", "page_size"),
        ("page_size=abc", "page_size"),
        ("page_size=%D9%A3", "page_size"),  # an Arabic-Indic digit is still not a page size
        ("provence=Utrecht", "provence"),
    ],
)
def test_bad_parameters_are_named_in_a_400(client, query, parameter):
    errors = bad_request_errors(client.get(f"/api/v1/initiatives?{query}"))

    assert parameter in errors
    assert errors[parameter]


def test_every_bad_parameter_is_reported_at_once(client):
    errors = bad_request_errors(client.get("/api/v1/initiatives?page=x&page_size=0&colour=red"))

    assert set(errors) >= {"page", "page_size", "colour"}


def test_search_page_errors_become_parameter_errors(client):
    errors = bad_request_errors(client.get("/api/v1/initiatives?near=Atlantis&radius=25"))

    assert "near" in errors


@pytest.mark.parametrize(
    "query",
    [
        "q=AND OR (",
        "q=*",
        "q=" + "x" * 10_000,
        "q=%01%1b",
        "radius=abc&near=Deventer",
        "radius=-5&near=Deventer",
        "sort=sideways",
        "province=Atlantis",
        "kind=%27;DROP TABLE initiative",
        "vacancy=" + "v" * 5000,
        "page=2",
        "page=99999",
    ],
)
def test_hostile_parameters_never_break_the_api(client, query):
    make_initiative()
    db.session.commit()

    response = client.get(f"/api/v1/initiatives?{query}")

    assert response.status_code in (200, 400)
    assert response.is_json
    if response.status_code == 400:
        assert response.get_json()["error"]["errors"]


def test_unknown_parameters_on_one_initiative_are_refused(client):
    initiative = make_initiative()
    db.session.commit()

    errors = bad_request_errors(client.get(f"/api/v1/initiatives/{initiative.slug}?fields=all"))

    assert "fields" in errors


def test_json_ld_asserts_only_checked_facts(request_context):
    initiative = fully_filled_initiative(name="De Linde")

    data = json_ld(initiative, today=date(2026, 11, 22))

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "LocalBusiness"
    assert data["name"] == "De Linde"
    assert data["address"]["@type"] == "PostalAddress"
    assert data["address"]["postalCode"] == "7411 BT"
    assert data["geo"] == {"@type": "GeoCoordinates", "latitude": 52.255, "longitude": 6.163}
    assert data["sameAs"] == ["https://example.org"]
    assert [org["name"] for org in data["memberOf"]] == [
        m.association.name_nl for m in initiative.memberships if m.association.key == "bvkz"
    ]
    credentials = data["hasCredential"]
    assert len(credentials) == 1  # the self-declared membership and expired mark are left out
    assert credentials[0]["identifier"] == "PR-123"
    assert credentials[0]["expires"] == "2027-01-10"


def test_a_page_past_the_last_says_which_page_is_last(client):
    make_initiative()
    db.session.commit()

    errors = bad_request_errors(client.get("/api/v1/initiatives?page=3"))

    assert "1" in errors["page"]


def test_an_unknown_api_address_is_a_json_404(client):
    response = client.get("/api/v1/nothing-here")

    assert response.status_code == 404
    assert response.get_json()["error"]["status"] == 404


def test_pgb_requirements_do_not_apply_to_care_in_kind_and_are_not_missing(client):
    initiative = make_initiative(
        funding_routes=("zorg_in_natura", "mpt"),
        statements={"conscious_choice": "Wij bespreken het pgb.", "say_at_location": ""},
    )
    db.session.commit()

    data = client.get(f"/api/v1/initiatives/{initiative.slug}").get_json()["data"]

    assert data["not_applicable_requirements"] == [
        "conscious_choice",
        "individual_care",
        "collective_share_known",
        "spending_insight",
        "tailored_offer",
    ]
    assert data["missing_requirements"] == ["day_activities_outside", "say_at_location"]
    statuses = {s["requirement"]: s["status"] for s in data["statements"]}
    assert statuses == {"conscious_choice": "not_applicable", "say_at_location": "missing"}


def test_an_initiative_without_funding_routes_is_not_taken_for_care_in_kind(client):
    initiative = make_initiative(funding_routes=())
    db.session.commit()

    data = client.get(f"/api/v1/initiatives/{initiative.slug}").get_json()["data"]

    assert data["not_applicable_requirements"] == []
    assert len(data["missing_requirements"]) == 7


def test_any_verified_membership_and_any_valid_mark_filter_the_list(client):
    member = make_initiative(name="Lid")
    add_membership(member, "lvoi")
    add_certification(member, "prezo", valid_until=date(2020, 1, 1))
    marked = make_initiative(name="Keurmerk")
    add_certification(marked, "iso_9001", valid_until=None)
    add_membership(marked, "bvkz", status=ClaimStatus.SELF_DECLARED)
    db.session.commit()

    assert slugs_of(client.get("/api/v1/initiatives?association=any")) == [member.slug]
    assert slugs_of(client.get("/api/v1/initiatives?quality_mark=any")) == [marked.slug]
    facets = client.get("/api/v1/initiatives").get_json()["meta"]["facets"]
    assert facets["association"][0] == {
        "key": "any",
        "label": "Elk gecontroleerd lidmaatschap",
        "count": 1,
        "selected": False,
    }


@pytest.mark.parametrize("value", ["ANY", "all", " any", "any,bvkz"])
def test_a_wrong_any_is_a_400_that_names_the_parameter(client, value):
    make_initiative()
    db.session.commit()

    errors = bad_request_errors(
        client.get("/api/v1/initiatives", query_string={"association": value})
    )

    assert "association" in errors
