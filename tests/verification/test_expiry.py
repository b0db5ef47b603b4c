"""Marks expire on their own: valid through their valid-until date, expired from the day
after, on every public page and in every public format, with no job having to run. The
daily run only tells the change log, once per expiry."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from register.entries.models import ChangeLogEntry, ClaimStatus
from register.entries.public import register_today
from register.entries.services import withdraw
from register.extensions import db
from tests.entries.pages import publish, read, slugs_in_order
from tests.factories import add_certification, add_membership, make_initiative


@pytest.fixture
def marks(app_context):
    """Two entries with a verified PREZO mark: one valid through today, one through
    yesterday (so expired today)."""
    today = register_today()
    valid = make_initiative(name="Geldig Huis", slug="geldig")
    add_certification(valid, "prezo", valid_until=today)
    lapsed = make_initiative(name="Verlopen Huis", slug="verlopen")
    add_certification(lapsed, "prezo", valid_until=today - timedelta(days=1))
    publish()
    return today


def test_detail_page_shows_the_mark_expired_the_day_after_its_date(client, marks):
    yesterday = marks - timedelta(days=1)
    lapsed = read(client.get("/initiatieven/verlopen")).text
    valid = read(client.get("/initiatieven/geldig")).text

    assert f"Verlopen op {yesterday.day} " in lapsed
    assert "Verlopen op" not in valid
    assert "Gecontroleerd door" in valid


def test_api_says_expired_the_day_after(client, marks):
    def status(slug):
        body = client.get(f"/api/v1/initiatives/{slug}").get_json()
        return body["data"]["certifications"][0]["status"]

    assert status("verlopen") == "expired"
    assert status("geldig") == "verified"


def test_open_data_says_expired_the_day_after(client, marks):
    document = client.get("/open-data/initiatieven.json").get_json()
    statuses = {r["slug"]: r["certifications"][0]["status"] for r in document["initiatives"]}
    assert statuses == {"verlopen": "expired", "geldig": "verified"}

    rows = csv.DictReader(io.StringIO(client.get("/open-data/initiatieven.csv").text))
    cells = {row["slug"]: row["certifications"] for row in rows}
    assert ":expired:" in cells["verlopen"] and ":verified:" in cells["geldig"]


def test_the_quality_mark_filter_leaves_out_expired_marks(client, marks):
    page = read(client.get("/initiatieven?quality_mark=prezo"))
    assert slugs_in_order(page) == ["geldig"]
    api = client.get("/api/v1/initiatives?quality_mark=prezo").get_json()
    assert [item["slug"] for item in api["data"]] == ["geldig"]


def test_the_compare_table_and_result_cards_show_expired(client, marks):
    text = read(client.get("/initiatieven/vergelijk?ids=verlopen,geldig")).text
    assert "PREZO: verlopen" in text and "PREZO: gecontroleerd" in text

    cards = read(client.get("/initiatieven?q=verlopen")).text
    assert "Verlopen Huis" in cards and "PREZO, geldig tot" not in cards


# --- the daily run tells the change log --------------------------------------------------------


def run(runner, day: date):
    result = runner.invoke(args=["reminders", "send", "--today", day.isoformat()])
    assert result.exit_code == 0, result.output
    return result.output


def expiry_entries(initiative_id: int) -> list[ChangeLogEntry]:
    entries = db.session.scalars(
        select(ChangeLogEntry).where(ChangeLogEntry.initiative_id == initiative_id)
    )
    return [entry for entry in entries if entry.fields == ["certifications"]]


def test_an_expiry_is_logged_once_the_day_after_the_date(app_context, runner, client):
    linde = make_initiative(name="De Linde", slug="de-linde")
    add_certification(linde, "prezo", valid_until=date(2026, 6, 30))
    add_membership(linde, status=ClaimStatus.VERIFIED, valid_until=date(2026, 12, 31))
    db.session.commit()

    assert "0 entries with expired claims" in run(runner, date(2026, 6, 30))
    assert expiry_entries(linde.id) == []

    assert "expired claim reported: de-linde" in run(runner, date(2026, 7, 1))
    assert "0 entries with expired claims" in run(runner, date(2026, 7, 1))
    assert "0 entries with expired claims" in run(runner, date(2026, 7, 2))
    db.session.expire_all()
    assert len(expiry_entries(linde.id)) == 1
    feed = client.get("/api/v1/changes?since=2026-01-01T00:00:00Z").get_json()["data"]
    assert feed[-1]["fields"] == ["certifications"]
    assert "Gewijzigd: keurmerken" in read(client.get("/initiatieven/de-linde")).text


def test_a_renewed_mark_that_expires_again_is_logged_again(app_context, runner):
    linde = make_initiative(name="De Linde", slug="de-linde")
    mark = add_certification(linde, "prezo", valid_until=date(2026, 6, 30))
    db.session.commit()
    run(runner, date(2026, 7, 1))

    mark = db.session.merge(mark)
    mark.valid_until = date(2026, 8, 31)
    db.session.commit()
    run(runner, date(2026, 9, 1))

    db.session.expire_all()
    assert len(expiry_entries(linde.id)) == 2


def test_rejected_claims_and_withdrawn_entries_are_not_logged(app_context, runner):
    linde = make_initiative(name="De Linde", slug="de-linde")
    add_certification(linde, "prezo", status=ClaimStatus.REJECTED, valid_until=date(2026, 6, 30))
    gone = make_initiative(name="Het Oude Huis", slug="het-oude-huis")
    add_certification(gone, "prezo", valid_until=date(2026, 6, 30))
    withdraw(gone, "Gestopt.", date(2026, 5, 1))
    db.session.commit()

    assert "0 entries with expired claims" in run(runner, date(2026, 7, 1))
    assert expiry_entries(linde.id) == expiry_entries(gone.id) == []
