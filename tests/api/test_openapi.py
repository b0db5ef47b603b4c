"""/api/v1/openapi.json matches the implementation: every route is described, every described
parameter is accepted, and real responses fit the described schemas."""

from __future__ import annotations

import re
from typing import Any

import pytest

from register.extensions import db
from tests.factories import make_one_of_everything

pytestmark = pytest.mark.usefixtures("app_context")

JSON_TYPES = {
    "object": dict,
    "array": list,
    "string": str,
    "integer": int,
    "number": (int, float),
    "boolean": bool,
    "null": type(None),
}


def schema_problems(value: Any, schema: dict, document: dict, path: str = "$") -> list[str]:
    """A small structural JSON Schema check (jsonschema is not installed): $ref, type
    (also lists), enum, required, properties, additionalProperties, items, oneOf, pattern,
    minimum and maximum. Returns readable problems; empty means the value fits."""
    if "$ref" in schema:
        name = schema["$ref"].removeprefix("#/components/schemas/")
        return schema_problems(value, document["components"]["schemas"][name], document, path)
    if "oneOf" in schema:
        fitting = [s for s in schema["oneOf"] if not schema_problems(value, s, document, path)]
        return [] if len(fitting) == 1 else [f"{path}: fits {len(fitting)} of oneOf"]
    problems = []
    types = schema.get("type")
    if types is not None:
        types = [types] if isinstance(types, str) else types
        is_bool = isinstance(value, bool)
        if not any(
            isinstance(value, JSON_TYPES[t]) and (t == "boolean" or not is_bool) for t in types
        ):
            return [f"{path}: {value!r} is not of type {types}"]
    if "enum" in schema and value not in schema["enum"]:
        problems.append(f"{path}: {value!r} not in {schema['enum']}")
    if isinstance(value, str) and "pattern" in schema and not re.search(schema["pattern"], value):
        problems.append(f"{path}: {value!r} does not match {schema['pattern']}")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if "minimum" in schema and value < schema["minimum"]:
            problems.append(f"{path}: {value} < {schema['minimum']}")
        if "maximum" in schema and value > schema["maximum"]:
            problems.append(f"{path}: {value} > {schema['maximum']}")
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        for name in schema.get("required", []):
            if name not in value:
                problems.append(f"{path}: missing {name}")
        extra = schema.get("additionalProperties", True)
        for name, item in value.items():
            if name in properties:
                problems += schema_problems(item, properties[name], document, f"{path}.{name}")
            elif extra is False:
                problems.append(f"{path}: undocumented field {name}")
            elif isinstance(extra, dict):
                problems += schema_problems(item, extra, document, f"{path}.{name}")
    if isinstance(value, list) and "items" in schema:
        for index, item in enumerate(value):
            problems += schema_problems(item, schema["items"], document, f"{path}[{index}]")
    return problems


@pytest.fixture
def document(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.get_json()


@pytest.fixture
def register_with_everything():
    initiative = make_one_of_everything()
    db.session.commit()
    return initiative


def operation(document: dict, path: str) -> dict:
    return document["paths"][path]["get"]


def response_schema(document: dict, path: str, status: int = 200) -> dict:
    return operation(document, path)["responses"][str(status)]["content"]["application/json"][
        "schema"
    ]


def assert_fits(body: Any, schema: dict, document: dict) -> None:
    problems = schema_problems(body, schema, document)
    assert problems == []


def test_it_is_an_openapi_3_1_document(document):
    assert document["openapi"] == "3.1.0"
    assert document["info"]["title"]
    assert document["info"]["license"]["name"] == "CC0 1.0"
    assert document["servers"] == [{"url": "http://localhost/api/v1"}]


def test_every_route_is_described_and_every_description_is_a_route(app, document):
    routes = set()
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("api."):
            path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule).removeprefix("/api/v1")
            routes.add(path)
            assert rule.methods - {"HEAD", "OPTIONS"} == {"GET"}, rule
    assert routes == set(document["paths"])
    assert all(set(item) == {"get"} for item in document["paths"].values())


def test_every_schema_reference_resolves(document):
    names = set(document["components"]["schemas"])
    references = re.findall(r"#/components/schemas/(\w+)", str(document))
    assert references
    assert set(references) <= names


def example_value(schema: dict) -> str:
    if schema["type"] == "array":
        return example_value(schema["items"])
    if "enum" in schema:
        return str(schema["enum"][0])
    if "default" in schema:
        return str(schema["default"])
    if schema.get("format") == "date-time":
        return "2026-01-01T00:00:00Z"
    return {"integer": "1", "number": "10"}.get(schema["type"], "Deventer")


QUERY_PATHS = ["/initiatives", "/initiatives/{slug}", "/changes"]


@pytest.mark.parametrize("path", QUERY_PATHS)
def test_every_described_parameter_is_accepted(client, document, register_with_everything, path):
    parameters = operation(document, path)["parameters"]
    url = "/api/v1" + path.replace("{slug}", register_with_everything.slug)
    required = {
        p["name"]: example_value(p["schema"])
        for p in parameters
        if p.get("required") and p["in"] == "query"
    }
    for parameter in parameters:
        if parameter["in"] != "query":
            continue
        query = {**required, parameter["name"]: example_value(parameter["schema"])}
        response = client.get(url, query_string=query)
        assert response.status_code == 200, (parameter["name"], response.get_json())


def test_all_search_filters_together_are_accepted(client, document, register_with_everything):
    query = {
        p["name"]: example_value(p["schema"])
        for p in operation(document, "/initiatives")["parameters"]
        if p["name"] != "page"
    }

    response = client.get("/api/v1/initiatives", query_string=query)

    assert response.status_code == 200, response.get_json()


def test_the_list_fits_its_schema(client, document, register_with_everything):
    body = client.get("/api/v1/initiatives?near=Deventer&page_size=1").get_json()

    assert len(body["data"]) == 1
    assert body["links"]["next"]
    assert_fits(body, response_schema(document, "/initiatives"), document)


def test_every_initiative_fits_the_schema(client, document, register_with_everything):
    body = client.get("/api/v1/initiatives").get_json()
    assert len(body["data"]) == 2
    for item in body["data"]:
        single = client.get(f"/api/v1/initiatives/{item['slug']}").get_json()
        assert_fits(single, response_schema(document, "/initiatives/{slug}"), document)


def test_the_changes_feed_fits_its_schema(client, document, register_with_everything):
    body = client.get("/api/v1/changes?since=2000-01-01&limit=1").get_json()

    assert body["data"]
    assert_fits(body, response_schema(document, "/changes"), document)


@pytest.mark.parametrize(
    ("url", "path", "status"),
    [
        ("/api/v1/initiatives?page=abc", "/initiatives", 400),
        ("/api/v1/initiatives/nope", "/initiatives/{slug}", 404),
        ("/api/v1/changes?since=nope", "/changes", 400),
    ],
)
def test_errors_fit_the_error_schema(client, document, url, path, status):
    response = client.get(url)

    assert response.status_code == status
    assert_fits(response.get_json(), response_schema(document, path, status), document)


def test_the_checker_notices_an_undocumented_field(client, document, register_with_everything):
    body = client.get(f"/api/v1/initiatives/{register_with_everything.slug}").get_json()
    body["data"]["risk_score"] = 3
    del body["data"]["name"]

    problems = schema_problems(body, response_schema(document, "/initiatives/{slug}"), document)

    assert "$.data: undocumented field risk_score" in problems
    assert "$.data: missing name" in problems


def test_provenance_names_only_described_facts(client, document, register_with_everything):
    """The checker above does not read propertyNames; provenance is keyed by fact names."""
    data = client.get(f"/api/v1/initiatives/{register_with_everything.slug}").get_json()["data"]
    schema = document["components"]["schemas"]["Provenance"]

    assert set(data["provenance"]) == set(schema["propertyNames"]["enum"])
    assert set(schema["required"]) == set(schema["propertyNames"]["enum"])
    assert_fits(data["provenance"], schema, document)


@pytest.mark.parametrize("facet", ["association", "quality_mark"])
def test_the_any_option_is_described(document, facet):
    (parameter,) = [
        p for p in operation(document, "/initiatives")["parameters"] if p["name"] == facet
    ]

    assert parameter["schema"]["items"]["enum"][0] == "any"
    assert "`any`" in parameter["description"]
