"""Entries not confirmed for 12 months say so in public and sink in the 'recently confirmed'
sort; the rule counts calendar months, like the reminders."""

from __future__ import annotations

from datetime import date

from register.entries import rules
from register.entries.labels import long_date
from register.entries.public import register_today
from tests.entries.pages import publish, read, slugs_in_order
from tests.factories import make_initiative


def test_twelve_months_are_calendar_months():
    assert rules.add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert rules.add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert rules.add_months(date(2025, 11, 15), 2) == date(2026, 1, 15)
    assert not rules.is_stale(date(2025, 3, 1), date(2026, 3, 1))
    assert rules.is_stale(date(2025, 3, 1), date(2026, 3, 2))
    assert rules.reminder_due(date(2025, 3, 1), date(2026, 1, 31)) is None
    assert rules.reminder_due(date(2025, 3, 1), date(2026, 2, 1)) == 11
    assert rules.reminder_due(date(2025, 3, 1), date(2026, 3, 1)) == 11
    assert rules.reminder_due(date(2025, 3, 1), date(2026, 3, 2)) == 12


def twelve_months_ago(today: date) -> date:
    return rules.add_months(today, -12)


def test_stale_entries_say_not_confirmed_since_on_page_and_card(client, app_context):
    today = register_today()
    just = twelve_months_ago(today)  # exactly twelve months: still fresh
    over = rules.add_months(today, -13)
    make_initiative(name="Net Op Tijd", slug="op-tijd", last_confirmed_on=just)
    make_initiative(name="Te Laat", slug="te-laat", last_confirmed_on=over)
    publish()

    stale = read(client.get("/initiatieven/te-laat")).text
    fresh = read(client.get("/initiatieven/op-tijd")).text
    assert f"niet bevestigd sinds {long_date(over)}" in stale
    assert "niet bevestigd sinds" not in fresh.lower()

    cards = read(client.get("/initiatieven?sort=name")).text
    assert f"Niet bevestigd sinds {long_date(over)}" in cards
    assert f"Bevestigd op {long_date(just)}" in cards


def test_recently_confirmed_first_sinks_stale_and_never_confirmed_entries(client, app_context):
    today = register_today()
    make_initiative(name="Aa Oud", slug="oud", last_confirmed_on=rules.add_months(today, -14))
    make_initiative(name="Bb Nooit", slug="nooit", last_confirmed_on=None)
    make_initiative(name="Cc Vers", slug="vers", last_confirmed_on=today)
    make_initiative(
        name="Dd Vorige Maand", slug="maand", last_confirmed_on=rules.add_months(today, -1)
    )
    publish()

    page = read(client.get("/initiatieven?sort=confirmed"))
    assert slugs_in_order(page) == ["vers", "maand", "oud", "nooit"]
    api = client.get("/api/v1/initiatives?sort=confirmed").get_json()
    assert [item["slug"] for item in api["data"]] == ["vers", "maand", "oud", "nooit"]
    assert "Laatst bevestigd door het initiatief" in page.text
