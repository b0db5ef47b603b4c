"""Claims expire by date whoever made them, and every logged change counts as an update."""

from __future__ import annotations

from datetime import date, timedelta

from register.entries.models import ChangeAction, ClaimStatus
from register.entries.public import register_today
from register.entries.services import record_change
from tests.entries.pages import publish
from tests.factories import add_certification, add_membership, add_visit, make_initiative


def test_a_self_declared_mark_past_its_end_date_is_shown_as_expired(client, app_context):
    initiative = make_initiative(slug="oud-keurmerk")
    add_certification(
        initiative, "prezo", status=ClaimStatus.SELF_DECLARED, valid_until=date(2020, 1, 1)
    )
    publish()

    api = client.get("/api/v1/initiatives/oud-keurmerk").json["data"]
    assert api["certifications"][0]["status"] == "expired"
    assert "verlopen" in client.get("/initiatieven/oud-keurmerk").get_data(as_text=True).lower()


def test_a_rejected_claim_stays_rejected_after_its_end_date(app_context):
    initiative = make_initiative()
    claim = add_certification(initiative, status=ClaimStatus.REJECTED, valid_until=date(2020, 1, 1))
    assert claim.effective_status(register_today()) == ClaimStatus.REJECTED


def test_a_new_visit_moves_the_entry_to_the_top_of_recently_updated(client, app_context):
    older = make_initiative(slug="eerder")
    make_initiative(slug="later")
    publish()

    add_visit(older, visited_on=register_today() - timedelta(days=1))
    record_change(older, ChangeAction.UPDATED, ["visits"])
    publish()

    slugs = [i["slug"] for i in client.get("/api/v1/initiatives?sort=updated").json["data"]]
    assert slugs[0] == "eerder"


def test_a_membership_shows_until_when_it_runs(client, app_context):
    initiative = make_initiative(slug="lid-tot")
    add_membership(initiative, valid_until=date(2099, 12, 31))
    publish()

    assert "Lid tot 31 december 2099." in client.get("/initiatieven/lid-tot").get_data(as_text=True)
