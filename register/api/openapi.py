"""The OpenAPI 3.1 description of API v1, as a Python dict.

The ``Initiative`` schema and its nested objects are derived from the public field
declarations (``register.entries.fields.PUBLIC_FIELDS``); the rest is kept in step with
views.py by tests/api/test_openapi.py: every route is described, every described parameter
is accepted, and real responses match these schemas (``additionalProperties: false``
everywhere). Enumerations of catalogue keys are read from the database, so they stay true
to the data.
"""

from __future__ import annotations

from typing import Any

from register.api.params import (
    DEFAULT_CHANGES_LIMIT,
    DEFAULT_PAGE_SIZE,
    MAX_CHANGES_LIMIT,
    MAX_ID,
    MAX_PAGE,
)
from register.entries import fields
from register.entries.facets import FACETS
from register.entries.models import (
    ChangeAction,
)
from register.entries.public_values import (
    NULLABLE_STRING,
    NULLABLE_URL,
    STRING,
    URL,
    enum_values,
    json_object,
)
from register.entries.search_params import (
    DEFAULT_RADIUS_KM,
    MAX_RADIUS_KM,
    MIN_RADIUS_KM,
    SORTS,
)
from register.opendata.export import LICENCE, LICENCE_URL
from register.search.query import MAX_QUERY_LENGTH

JSON = "application/json"


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _initiative_schemas() -> dict[str, Any]:
    """``Initiative`` and its nested objects' components, from the public field declarations:
    a field with a component name gets its object (or its items) described once, by name."""
    properties: dict[str, Any] = {}
    components: dict[str, Any] = {}
    for field in fields.PUBLIC_FIELDS:
        schema = field.schema()
        if field.component and schema["type"] == "array":
            components[field.component] = schema["items"]
            schema = {**schema, "items": _ref(field.component)}
        elif field.component:
            components[field.component] = schema
            schema = _ref(field.component)
        properties[field.name] = schema
    return {"Initiative": json_object(properties), **components}


def _schemas() -> dict[str, Any]:
    return {
        **_initiative_schemas(),
        "FacetOption": json_object(
            {
                "key": STRING,
                "label": STRING,
                "count": {"type": "integer", "minimum": 0},
                "selected": {"type": "boolean"},
            }
        ),
        "Place": json_object(
            {
                "name": STRING,
                "municipality": STRING,
                "province": STRING,
                "latitude": {"type": "number"},
                "longitude": {"type": "number"},
            }
        ),
        "InitiativeList": json_object(
            {
                "data": {"type": "array", "items": _ref("Initiative")},
                "meta": json_object(
                    {
                        "total": {"type": "integer", "minimum": 0},
                        "page": {"type": "integer", "minimum": 1},
                        "page_size": {"type": "integer", "minimum": 1},
                        "page_count": {"type": "integer", "minimum": 0},
                        "facets": {
                            "type": "object",
                            "additionalProperties": {
                                "type": "array",
                                "items": _ref("FacetOption"),
                            },
                            "description": "Counts per filter value, as on the search page.",
                        },
                        "suggestion": {
                            **NULLABLE_STRING,
                            "description": "'Did you mean' for a query that found nothing.",
                        },
                        "origin": {
                            "oneOf": [_ref("Place"), {"type": "null"}],
                            "description": "The place of `near`, when given.",
                        },
                        "distances_km": {
                            "type": "object",
                            "additionalProperties": {"type": "number"},
                            "description": "Distance from `near` per slug on this page.",
                        },
                    }
                ),
                "links": json_object({"self": URL, "next": NULLABLE_URL, "prev": NULLABLE_URL}),
            }
        ),
        "InitiativeResponse": json_object({"data": _ref("Initiative")}),
        "Change": json_object(
            {
                "id": {"type": "integer", "minimum": 1, "maximum": MAX_ID},
                "slug": STRING,
                "action": {"type": "string", "enum": enum_values(ChangeAction)},
                "fields": {
                    "type": "array",
                    "items": STRING,
                    "description": "Names of the public facts that changed (not the values).",
                },
                "changed_at": {"type": "string", "format": "date-time"},
                "url": {
                    **NULLABLE_URL,
                    "description": "API URL of the initiative; null when it was withdrawn "
                    "or deleted.",
                },
            }
        ),
        "ChangeList": json_object(
            {
                "data": {"type": "array", "items": _ref("Change")},
                "meta": json_object(
                    {
                        "since": {"type": "string", "format": "date-time"},
                        "after_id": {"type": "integer", "minimum": 0, "maximum": MAX_ID},
                        "limit": {"type": "integer", "minimum": 1},
                        "count": {"type": "integer", "minimum": 0},
                        "last_id": {
                            "type": "integer",
                            "minimum": 0,
                            "maximum": MAX_ID,
                            "description": "Pass as after_id to continue.",
                        },
                    }
                ),
                "links": json_object({"self": URL, "next": NULLABLE_URL}),
            }
        ),
        "Error": json_object(
            {
                "error": json_object(
                    {
                        "status": {"type": "integer"},
                        "title": STRING,
                        "detail": STRING,
                        "errors": {
                            "type": "array",
                            "items": json_object({"parameter": STRING, "message": STRING}),
                        },
                    },
                    optional=("errors",),
                )
            }
        ),
    }


# Text a person types: anything but NUL, which every request refuses (errors.py).
FREE_TEXT = {"type": "string", "pattern": "^[^\\u0000]*$"}


def _query(name: str, schema: dict[str, Any], description: str, **extra: Any) -> dict:
    return {"name": name, "in": "query", "schema": schema, "description": description, **extra}


def _repeatable(name: str, values: list[str], description: str) -> dict:
    return _query(
        name,
        {"type": "array", "items": {"type": "string", "enum": values}},
        description + " Repeat the parameter for more than one value (OR within a filter).",
        style="form",
        explode=True,
    )


_ERROR_REASONS = {
    400: "Invalid parameters, each named in error.errors with a message to act on.",
    404: "Not found.",
    410: "The initiative was withdrawn from the register; error.detail says when.",
    503: "Temporarily unavailable (the database or the full-text search); try again later.",
}


def _responses(ok: dict[str, Any], description: str, *codes: int) -> dict[str, Any]:
    """The 200 and the given error codes; every operation can be a 503."""
    responses: dict[str, Any] = {
        "200": {"description": description, "content": {JSON: {"schema": ok}}}
    }
    for code in (*codes, 503):
        responses[str(code)] = {
            "description": _ERROR_REASONS[code],
            "content": {JSON: {"schema": _ref("Error")}},
        }
    return responses


LANG = _query(
    "lang",
    {"type": "string", "enum": ["nl", "en"], "default": "nl"},
    "Language of labels and error messages. Any other value is a 400.",
)


def _search_parameters(max_page_size: int) -> list[dict[str, Any]]:

    return [
        _query(
            "q",
            {**FREE_TEXT, "maxLength": MAX_QUERY_LENGTH},
            "Full text over name, place, description and statements.",
        ),
        _query(
            "near",
            FREE_TEXT,
            "A Dutch place name; results within `radius` km of it. A place the register "
            "does not know is a 400; its message suggests places with a similar name.",
        ),
        _query(
            "radius",
            {
                "type": "number",
                "minimum": MIN_RADIUS_KM,
                "maximum": MAX_RADIUS_KM,
                "default": DEFAULT_RADIUS_KM,
            },
            "Radius in km around `near`.",
        ),
        *(_repeatable(facet.key, facet.option_keys(), facet.api_description) for facet in FACETS),
        _query(
            "sort",
            {"type": "string", "enum": list(SORTS), "default": "relevance"},
            "Order of the results; `distance` needs `near` (else a 400).",
        ),
        _query(
            "page",
            {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1},
            "Page number; a page after the last is a 400.",
        ),
        _query(
            "page_size",
            {
                "type": "integer",
                "minimum": 1,
                "maximum": max_page_size,
                "default": DEFAULT_PAGE_SIZE,
            },
            "Results per page.",
        ),
        LANG,
    ]


def openapi_document(server_url: str, max_page_size: int = 100) -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Register wooninitiatieven API",
            "version": "1.0.0",
            "description": (
                "Read-only access to the public transparency register of small-scale "
                "housing-with-care initiatives in the Netherlands: the same data and filters "
                "as the search page, and a feed of changes for mirrors. Bulk downloads: "
                "/open-data/initiatieven.csv and /open-data/initiatieven.json. Query "
                "parameters other than the free texts `q` and `near` may not be empty or "
                "padded with spaces: leave out the ones you do not use."
            ),
            "license": {"name": LICENCE, "url": LICENCE_URL},
        },
        "servers": [{"url": server_url}],
        "paths": {
            "/initiatives": {
                "get": {
                    "operationId": "listInitiatives",
                    "summary": "Search and filter initiatives",
                    "parameters": _search_parameters(max_page_size),
                    "responses": _responses(_ref("InitiativeList"), "A page of initiatives.", 400),
                }
            },
            "/initiatives/{slug}": {
                "get": {
                    "operationId": "getInitiative",
                    "summary": "One initiative",
                    "parameters": [
                        {"name": "slug", "in": "path", "required": True, "schema": STRING},
                        LANG,
                    ],
                    "responses": {
                        **_responses(_ref("InitiativeResponse"), "The initiative.", 400, 404, 410),
                        "301": {
                            "description": "A former slug of a renamed initiative: the "
                            "Location header names its present URL.",
                            "headers": {"Location": {"schema": STRING}},
                        },
                    },
                }
            },
            "/changes": {
                "get": {
                    "operationId": "listChanges",
                    "summary": "Changes since a moment, for mirrors",
                    "description": (
                        "Change-log entries with changed_at after `since`, ordered by id. "
                        "Follow links.next (it sets after_id) until it is null; on the next "
                        "poll pass meta.last_id as after_id. Re-fetch /initiatives/{slug} "
                        "for created and updated entries; drop the initiative for withdrawn "
                        "and deleted ones. Entries are safe to apply twice.\n\n"
                        "Ids are taken when a change is written, not when it is committed, "
                        "so id 10 can become visible after id 11. The feed therefore hands "
                        "out only settled entries: written at least CHANGES_SETTLE_SECONDS "
                        "ago (10 by default; a server setting) and before the start of any "
                        "transaction that is still writing to the change log. It stops "
                        "before the first entry that has not settled, even if later ids "
                        "are visible. A client that continues from meta.last_id therefore "
                        "never skips an entry; the price is that an entry appears in the "
                        "feed some seconds after the change."
                    ),
                    "parameters": [
                        _query(
                            "since",
                            {"type": "string", "format": "date-time"},
                            "ISO 8601 moment; without an offset it is read as UTC. "
                            "Write a + as %2B.",
                            required=True,
                        ),
                        _query(
                            "after_id",
                            {"type": "integer", "minimum": 0, "maximum": MAX_ID, "default": 0},
                            "Only entries with a larger id (the cursor: meta.last_id of "
                            "the previous poll). Ids are 32-bit.",
                        ),
                        _query(
                            "limit",
                            {
                                "type": "integer",
                                "minimum": 1,
                                "maximum": MAX_CHANGES_LIMIT,
                                "default": DEFAULT_CHANGES_LIMIT,
                            },
                            "Entries per page.",
                        ),
                        LANG,
                    ],
                    "responses": _responses(_ref("ChangeList"), "A page of changes.", 400),
                }
            },
            "/openapi.json": {
                "get": {
                    "operationId": "getOpenApi",
                    "summary": "This document",
                    "responses": _responses({"type": "object"}, "OpenAPI 3.1 document."),
                }
            },
        },
        "components": {"schemas": _schemas()},
    }
