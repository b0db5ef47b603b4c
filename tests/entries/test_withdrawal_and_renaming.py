"""A withdrawn entry leaves every public listing but its address says what happened (410);
a renamed entry keeps its old addresses working (301)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from register.entries.models import ChangeAction, ChangeLogEntry, Initiative, Source
from register.entries.services import record_change, rename, withdraw
from register.extensions import db
from register.search.query import text_search
from tests.entries.pages import publish, read
from tests.factories import make_initiative


@pytest.fixture
def linde(app_context):
    initiative = make_initiative(name="De Linde", slug="de-linde")
    make_initiative(name="De Eik", slug="de-eik")
    publish()
    return initiative


def test_a_withdrawn_entry_answers_410_with_the_date_and_reason(client, linde):
    withdraw(linde, "Het initiatief is gestopt.", date(2026, 11, 30))
    publish()

    response = client.get("/initiatieven/de-linde")

    assert response.status_code == 410
    page = read(response)
    assert "De Linde staat niet meer in het register" in page.title
    assert "30 november 2026" in page.text
    assert "Het initiatief is gestopt." in page.text


def test_a_withdrawn_entry_leaves_search_lists_open_data_and_the_api(client, linde):
    withdraw(linde, "", date(2026, 11, 30))
    publish()

    assert "de-linde" not in client.get("/initiatieven").get_data(as_text=True)
    assert "de-linde" not in client.get("/initiatieven?q=linde").get_data(as_text=True)
    assert text_search("linde").ids == []
    assert "de-linde" not in client.get("/open-data/initiatieven.csv").get_data(as_text=True)
    exported = json.loads(client.get("/open-data/initiatieven.json").get_data(as_text=True))
    assert [i["slug"] for i in exported["initiatives"]] == ["de-eik"]
    assert exported["count"] == 1
    listed = client.get("/api/v1/initiatives").get_json()
    assert [i["slug"] for i in listed["data"]] == ["de-eik"]
    gone = client.get("/api/v1/initiatives/de-linde")
    assert gone.status_code == 410
    assert (
        "30 november 2026" in gone.get_json()["error"]["detail"]
        or "2026-11-30" in gone.get_json()["error"]["detail"]
    )
    assert "De Linde" not in client.get("/initiatieven/vergelijk?ids=de-linde,de-eik").get_data(
        as_text=True
    )


def test_the_change_feed_and_the_history_report_a_withdrawal(client, linde):
    withdraw(linde, "", date(2026, 11, 30), source=Source.REGISTER)
    publish()

    actions = [
        change["action"]
        for change in client.get("/api/v1/changes?since=2000-01-01T00:00:00Z").get_json()["data"]
    ]

    assert actions[-1] == "withdrawn"
    entry = db.session.scalars(
        db.select(ChangeLogEntry).order_by(ChangeLogEntry.id.desc()).limit(1)
    ).one()
    assert (entry.action, entry.source, entry.fields) == (
        ChangeAction.WITHDRAWN,
        Source.REGISTER,
        ["status"],
    )


def test_a_renamed_entry_redirects_its_old_address_for_good(client, linde):
    rename(linde, "De Linde aan de Brink", "de-linde-aan-de-brink")
    publish()

    response = client.get("/initiatieven/de-linde?lang=nl")

    assert response.status_code == 301
    assert response.headers["Location"].endswith("/initiatieven/de-linde-aan-de-brink?lang=nl")
    page = read(client.get("/initiatieven/de-linde-aan-de-brink?lang=nl"))
    assert "De Linde aan de Brink" in page.title
    assert "Gewijzigd: naam, webadres" in page.text


def test_renaming_back_and_forth_keeps_every_address_working(client, linde):
    rename(linde, "De Linde 2", "de-linde-2")
    rename(linde, "De Linde", "de-linde")
    rename(linde, "De Linde 3", "de-linde-3")
    publish()

    for old in ("de-linde", "de-linde-2"):
        response = client.get(f"/initiatieven/{old}")
        assert response.status_code == 301
        assert response.headers["Location"].endswith("/initiatieven/de-linde-3")


def test_an_unknown_address_is_still_a_404(client, linde):
    assert client.get("/initiatieven/bestaat-niet").status_code == 404


def test_the_api_redirects_a_former_slug_and_the_feed_names_no_url_for_withdrawn(client, linde):
    rename(linde, "De Linde aan de Brink", "de-linde-aan-de-brink")
    publish()

    response = client.get("/api/v1/initiatives/de-linde")

    assert response.status_code == 301
    assert response.headers["Location"].endswith("/api/v1/initiatives/de-linde-aan-de-brink")
    withdraw(linde, "", date(2026, 11, 30))
    publish()
    feed = client.get("/api/v1/changes?since=2000-01-01T00:00:00Z").get_json()["data"]
    assert (feed[-1]["action"], feed[-1]["url"]) == ("withdrawn", None)


def test_an_old_address_with_odd_parameters_still_redirects_cleanly(client, linde):
    rename(linde, "De Linde 2", "de-linde-2")
    publish()

    response = client.get("/initiatieven/de-linde?slug=x&_anchor=y&_method=POST&lang=en")

    assert response.status_code == 301
    assert response.headers["Location"].endswith("/initiatieven/de-linde-2?lang=en")


def test_a_comparison_link_with_an_old_address_shows_the_renamed_entry(client, linde):
    rename(linde, "De Linde aan de Brink", "de-linde-aan-de-brink")
    publish()

    page = read(client.get("/initiatieven/vergelijk?ids=de-linde,de-eik&lang=nl"))

    assert "De Linde aan de Brink" in page.text
    assert "De Eik" in page.text


def test_an_address_once_used_by_another_entry_cannot_be_taken(client, linde):
    rename(linde, "De Linde 2", "de-linde-2")
    eik = db.session.scalars(db.select(Initiative).where(Initiative.slug == "de-eik")).one()

    with pytest.raises(ValueError):
        rename(eik, "De Linde", "de-linde")


def test_the_change_log_names_public_facts_never_internal_attributes(client, linde):
    initiative = db.session.get(Initiative, linde.id)
    entry = record_change(
        initiative, ChangeAction.UPDATED, ["phone", "postcode", "withdrawal_reason", "secret"]
    )
    publish()

    assert entry.fields == ["address", "contact"]
    feed = client.get("/api/v1/changes?since=2000-01-01T00:00:00Z").get_json()["data"]
    assert feed[-1]["fields"] == ["address", "contact"]
