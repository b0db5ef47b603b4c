"""Property-based tests of the API against its own OpenAPI document: schemathesis generates
requests from /api/v1/openapi.json, valid ones and invalid ones, and checks every response:
no server error, a documented status code and content type, a body that fits its schema,
invalid requests rejected and valid ones accepted."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

from register.extensions import db
from tests.factories import make_initiative, make_one_of_everything

OPERATIONS = ("listInitiatives", "getInitiative", "listChanges")
MODES = (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
EXAMPLES = 100  # per operation and mode: 600 generated requests in all
PLACES = ("Deventer", "Utrecht", "Zwolle", "Groningen", "Maastricht")
# Valid by the document yet a 400 by the data, as the document says: a page after the last,
# or sorting by distance without a place (see the parameters' descriptions).
REJECTED_BY_THE_DATA = {"page", "sort"}
# Schemathesis's WSGI transport asks for gzip as requests does, but hands the body over
# undecoded; compression itself is tested in tests/httpcache/test_compression.py.
UNCOMPRESSED = {"Accept-Encoding": "identity"}


@pytest.fixture
def api_schema(app):
    with app.app_context():
        make_one_of_everything(
            place="Utrecht",
            municipality="Utrecht",
            province="Utrecht",
            latitude=52.09,
            longitude=5.12,
        )
        for place in PLACES[2:]:
            make_initiative(place=place, municipality=place)
        db.session.commit()
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)


def fixed_settings(test):
    return settings(
        max_examples=EXAMPLES,
        derandomize=True,  # the same cases on every run: a failure is a bug, never a flake
        database=None,
        deadline=None,  # a request may be slow on a busy machine; speed is not tested here
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )(test)


@pytest.mark.parametrize("mode", MODES, ids=lambda mode: mode.value)
@pytest.mark.parametrize("operation_id", OPERATIONS)
def test_the_api_keeps_to_its_document(api_schema, operation_id, mode):
    operation = api_schema.find_operation_by_id(operation_id)
    searches_near_a_place = operation_id == "listInitiatives" and mode == GenerationMode.POSITIVE
    cases = []

    @given(case=operation.as_strategy(generation_mode=mode), place=st.sampled_from(PLACES))
    @fixed_settings
    def check(case, place):
        cases.append(case)
        if not searches_near_a_place:
            case.call_and_validate(headers=UNCOMPRESSED)
            return
        # The document cannot list the places the register knows; an unknown one is a 400,
        # as documented (tested below). Valid cases name a real place.
        if "near" in case.query:
            case.query["near"] = place
        response = case.call_and_validate(
            headers=UNCOMPRESSED, excluded_checks=[positive_data_acceptance]
        )
        if response.status_code == 400:
            rejected = {error["parameter"] for error in response.json()["error"]["errors"]}
            assert rejected <= REJECTED_BY_THE_DATA, case.as_curl_command()

    check()

    assert len(cases) >= EXAMPLES


def test_the_document_itself_fits(api_schema):
    case = api_schema.find_operation_by_id("getOpenApi").Case()

    case.call_and_validate(headers=UNCOMPRESSED)


def test_an_unknown_place_is_a_documented_400(api_schema):
    case = api_schema.find_operation_by_id("listInitiatives").Case(query={"near": "Atlantis"})

    response = case.call_and_validate(
        headers=UNCOMPRESSED, excluded_checks=[positive_data_acceptance]
    )

    assert response.status_code == 400
    assert [e["parameter"] for e in response.json()["error"]["errors"]] == ["near"]
