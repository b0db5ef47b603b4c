"""Parameters keep to what the document says: integers within the 32-bit columns they meet
(a 500 on PostgreSQL otherwise), `lang` from its list, no empty values, every 400 in JSON
naming the parameter. Runs on SQLite and, with TEST_DATABASE_URL, on PostgreSQL."""

from __future__ import annotations

import pytest
from factories import make_initiative

from register.extensions import db

pytestmark = pytest.mark.usefixtures("app_context")

INT32_MAX = 2_147_483_647


@pytest.fixture
def two_initiatives():
    make_initiative()
    make_initiative()
    db.session.commit()


def bad_parameters(response) -> dict[str, str]:
    assert response.status_code == 400, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    return {item["parameter"]: item["message"] for item in response.get_json()["error"]["errors"]}


@pytest.fixture
def document(client):
    return client.get("/api/v1/openapi.json").get_json()


def parameter(document: dict, path: str, name: str) -> dict:
    (found,) = [p for p in document["paths"][path]["get"]["parameters"] if p["name"] == name]
    return found


def test_the_largest_change_id_is_an_empty_page(client, two_initiatives):
    response = client.get(f"/api/v1/changes?since=2000-01-01&after_id={INT32_MAX}")

    assert response.status_code == 200
    assert response.get_json()["data"] == []
    assert response.get_json()["meta"]["last_id"] == INT32_MAX


@pytest.mark.parametrize("after_id", [INT32_MAX + 1, 2**63 - 1, 2**63])
def test_a_change_id_past_the_column_is_a_400(client, two_initiatives, after_id):
    errors = bad_parameters(client.get(f"/api/v1/changes?since=2000-01-01&after_id={after_id}"))

    assert str(INT32_MAX) in errors["after_id"]


@pytest.mark.parametrize("page", [INT32_MAX, 10**12])
def test_a_far_page_is_a_400_not_an_overflow(client, two_initiatives, page):
    errors = bad_parameters(client.get(f"/api/v1/initiatives?page={page}&page_size=100"))

    assert "page" in errors


def test_the_document_states_the_bounds(document):
    assert parameter(document, "/changes", "after_id")["schema"]["maximum"] == INT32_MAX
    assert parameter(document, "/initiatives", "page")["schema"]["maximum"] == INT32_MAX
    change = document["components"]["schemas"]["Change"]["properties"]["id"]
    assert change["maximum"] == INT32_MAX


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/initiatives?lang=fr",
        "/api/v1/initiatives/anything?lang=EN",
        "/api/v1/changes?since=2000-01-01&lang=",
        "/api/v1/changes?since=2000-01-01&lang=en&lang=xx",
    ],
)
def test_an_unknown_language_is_a_400_naming_lang(client, url):
    errors = bad_parameters(client.get(url))

    assert list(errors) == ["lang"]
    assert "nl, en" in errors["lang"]


def test_a_known_language_is_used(client, two_initiatives):
    response = client.get("/api/v1/initiatives?page=9&lang=en")

    assert "Page 9" in bad_parameters(response)["page"]


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("sort=", "sort"),
        ("sort=%20name", "sort"),
        ("page=", "page"),
        ("page_size=", "page_size"),
        ("radius=&near=Deventer", "radius"),
        ("radius=1_0&near=Deventer", "radius"),
        ("radius=10,5&near=Deventer", "radius"),
        ("target_group=", "target_group"),
        ("province=Utrecht&province=", "province"),
    ],
)
def test_an_empty_or_malformed_value_is_named(client, query, name):
    errors = bad_parameters(client.get(f"/api/v1/initiatives?{query}"))

    assert list(errors) == [name]


@pytest.mark.parametrize("query", ["q=", "near=", "q=%20zorg%20", "radius=12.5&near=Deventer"])
def test_free_text_may_be_empty_or_padded(client, two_initiatives, query):
    assert client.get(f"/api/v1/initiatives?{query}").status_code == 200


@pytest.mark.parametrize("query", ["after_id=", "limit=", "since=%202000-01-01"])
def test_the_changes_feed_refuses_empty_values_too(client, query):
    since = "" if "since" in query else "since=2000-01-01&"

    assert bad_parameters(client.get(f"/api/v1/changes?{since}{query}"))


def test_every_error_response_is_documented_with_the_error_body(document):
    expected = {
        "/initiatives": {"400", "503"},
        "/initiatives/{slug}": {"400", "404", "410", "503"},
        "/changes": {"400", "503"},
        "/openapi.json": {"503"},
    }
    for path, codes in expected.items():
        responses = document["paths"][path]["get"]["responses"]
        redirects = {"301"} if path == "/initiatives/{slug}" else set()
        assert set(responses) == {"200", *codes, *redirects}
        for code in codes:
            schema = responses[code]["content"]["application/json"]["schema"]
            assert schema == {"$ref": "#/components/schemas/Error"}


def test_the_document_says_an_unknown_place_is_a_400(document):
    assert "400" in parameter(document, "/initiatives", "near")["description"]
