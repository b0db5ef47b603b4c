"""/api/v1/changes?since=…: the change log for mirrors, in order, with a cursor."""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import quote

import pytest
from factories import make_initiative

from register.entries.models import ChangeAction, ChangeLogEntry
from register.entries.services import record_change
from register.extensions import db

pytestmark = pytest.mark.usefixtures("app_context")


def logged(initiative, action, at: datetime, fields=()):
    entry = record_change(initiative, action, fields)
    entry.changed_at = at
    db.session.flush()
    return entry


@pytest.fixture
def history():
    """Three initiatives created on 1 March 2026; one updated at noon UTC, one deleted."""
    created = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
    first, second, third = (make_initiative() for _ in range(3))
    db.session.execute(ChangeLogEntry.__table__.delete())  # drop the factory's own entries
    for initiative in (first, second, third):
        logged(initiative, ChangeAction.CREATED, created)
    logged(first, ChangeAction.UPDATED, datetime(2026, 3, 2, 12, 0, tzinfo=UTC), ["name", "phone"])
    logged(third, ChangeAction.DELETED, datetime(2026, 3, 3, 8, 0, tzinfo=UTC))
    db.session.commit()
    return first, second, third


def changes(client, query: str):
    response = client.get(f"/api/v1/changes?{query}")
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def test_changes_since_a_moment_come_in_log_order(client, history):
    first, second, third = history

    body = changes(client, "since=2026-01-01T00:00:00Z")

    assert [(c["slug"], c["action"]) for c in body["data"]] == [
        (first.slug, "created"),
        (second.slug, "created"),
        (third.slug, "created"),
        (first.slug, "updated"),
        (third.slug, "deleted"),
    ]
    ids = [c["id"] for c in body["data"]]
    assert ids == sorted(ids)
    assert body["meta"]["count"] == 5
    assert body["meta"]["last_id"] == ids[-1]
    assert body["links"]["next"] is None


def test_a_change_says_what_changed_and_where_to_fetch_it(client, history):
    first, _second, third = history

    body = changes(client, "since=2026-03-02T00:00:00Z")

    update, deletion = body["data"]
    assert update["fields"] == ["name", "contact"]  # public facts, not column names
    assert update["changed_at"] == "2026-03-02T12:00:00+00:00"
    assert update["url"] == f"http://localhost/api/v1/initiatives/{first.slug}"
    assert client.get(update["url"]).status_code == 200
    assert deletion["slug"] == third.slug
    assert deletion["fields"] == []
    assert deletion["url"] is None


def test_only_changes_strictly_after_since(client, history):
    body = changes(client, "since=2026-03-02T12:00:00Z")

    assert [c["action"] for c in body["data"]] == ["deleted"]


def test_a_time_without_offset_is_utc(client, history):
    naive = changes(client, "since=2026-03-02T11:59:59")
    explicit = changes(client, "since=" + quote("2026-03-02T12:59:59+01:00"))

    assert [c["id"] for c in naive["data"]] == [c["id"] for c in explicit["data"]]
    assert [c["action"] for c in naive["data"]] == ["updated", "deleted"]
    assert naive["meta"]["since"] == "2026-03-02T11:59:59+00:00"


def test_an_unencoded_plus_in_the_offset_still_works(client, history):
    # In a query string '+' means a space; people paste offsets without encoding them.
    body = changes(client, "since=2026-03-02T13:30:00+01:00")

    assert body["meta"]["since"] == "2026-03-02T12:30:00+00:00"
    assert [c["action"] for c in body["data"]] == ["deleted"]


def test_a_date_alone_means_midnight_utc(client, history):
    body = changes(client, "since=2026-03-02")

    assert [c["action"] for c in body["data"]] == ["updated", "deleted"]


def test_a_cursor_walks_through_all_changes(client, history):
    seen = []
    url = "/api/v1/changes?since=2026-01-01T00:00:00Z&limit=2"
    pages = 0
    while url:
        response = client.get(url)
        assert response.status_code == 200
        body = response.get_json()
        assert len(body["data"]) <= 2
        seen += [c["id"] for c in body["data"]]
        url = body["links"]["next"]
        pages += 1

    assert pages == 3
    assert seen == sorted(seen)
    assert len(seen) == len(set(seen)) == 5


def test_after_id_skips_what_a_mirror_already_has(client, history):
    everything = changes(client, "since=2026-01-01T00:00:00Z")["data"]

    rest = changes(client, f"since=2026-01-01T00:00:00Z&after_id={everything[2]['id']}")["data"]

    assert rest == everything[3:]


def test_nothing_new_is_an_empty_page(client, history):
    body = changes(client, "since=2030-01-01T00:00:00Z")

    assert body["data"] == []
    assert body["meta"]["last_id"] == 0
    assert body["links"]["next"] is None


def error_parameters(response) -> dict[str, str]:
    assert response.status_code == 400, response.get_data(as_text=True)
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    error = response.get_json()["error"]
    assert error["status"] == 400
    return {item["parameter"]: item["message"] for item in error["errors"]}


def test_since_is_required_and_the_answer_says_how_to_give_it(client):
    errors = error_parameters(client.get("/api/v1/changes"))

    assert "since" in errors
    assert "ISO 8601" in errors["since"]
    assert "2026-01-31T12:00:00Z" in errors["since"]


@pytest.mark.parametrize(
    "query",
    [
        "since=garbage",
        "since=2026-13-45",
        "since=2026-02-30T10:00:00Z",
        "since=2026-01-01T25:00:00",
        "since=0001-01-01T00:00:00%2B01:00",  # before the first representable moment in UTC
        "since=" + "9" * 10_000,
        "since=%1b",
        "since=",
    ],
)
def test_a_bad_since_is_a_400_with_an_explanation(client, query):
    errors = error_parameters(client.get(f"/api/v1/changes?{query}"))

    assert "ISO 8601" in errors["since"]


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("limit=0", "limit"),
        ("limit=1001", "limit"),
        ("limit=ten", "limit"),
        ("after_id=-1", "after_id"),
        ("after_id=1e3", "after_id"),
        ("after_id=99999999999999999999999999", "after_id"),
        ("cursor=5", "cursor"),
    ],
)
def test_bad_paging_parameters_are_named(client, query, parameter):
    errors = error_parameters(client.get(f"/api/v1/changes?since=2026-01-01&{query}"))

    assert parameter in errors
