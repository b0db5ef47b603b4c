"""Staff's side: the queue, rejection with a reason the editor reads, the three-way warning
for an outdated base, withdrawal, and what never leaves the register."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from register.accounts.roles import RoleName
from register.audit.models import AuditEntry
from register.entries.models import EntryStatus, VacancyStatus
from register.extensions import db
from register.mail.models import OutboxMessage
from register.portal.models import Revision, RevisionKind, RevisionStatus
from register.search.query import text_search
from tests.accounts.support import form_fields, log_out
from tests.entries.pages import read
from tests.factories import make_account
from tests.portal.builders import (
    NEW_STATEMENT,
    approve,
    edit_fields,
    edit_url,
    marieke_changes,
    marieke_setup,
    reject,
)

pytestmark = pytest.mark.usefixtures("app_context")

REASON = "Het certificaatnummer staat niet in het register van PREZO."
WITHDRAWAL_REASON = "Wij stoppen; de bewoners verhuizen naar Zutphen."


@pytest.fixture
def submitted(client, log_in):
    """Marieke has sent her changes; staff are logged in."""
    linde, other, marieke, second, stranger, staff = marieke_setup()
    log_in(marieke)
    client.post(edit_url(linde.id), data=marieke_changes(edit_fields(client, linde.id)))
    log_out(client)
    revision = db.session.scalar(select(Revision))
    return linde, marieke, staff, revision


def test_rejection_needs_a_reason_that_the_editor_reads(client, log_in, submitted):
    linde, marieke, staff, revision = submitted
    log_in(staff)
    url = f"/beheer/wijzigingen/{revision.id}"
    approve_fields = form_fields(client, url, f"{url}/goedkeuren")
    empty = reject(client, revision.id, "  ")
    assert empty.status_code == 400
    assert "Schrijf waarom u de wijziging afwijst." in read(empty).text
    assert read(empty).title.startswith("Fout:")

    assert reject(client, revision.id, REASON).status_code == 303
    db.session.expire_all()
    assert (revision.status, revision.reason) == (RevisionStatus.REJECTED, REASON)
    assert NEW_STATEMENT not in read(client.get("/initiatieven/de-linde")).text
    mail = db.session.scalar(select(OutboxMessage).where(OutboxMessage.recipient == marieke.email))
    assert REASON in mail.body
    audit = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "revision.rejected"))
    assert audit.after["reason"] == REASON and audit.actor_account_id == staff.id
    # A second decision on the same revision changes nothing.
    again = client.post(f"{url}/goedkeuren", data=approve_fields)
    assert again.status_code == 303
    assert "Over deze wijziging is al besloten." in read(client.get(url)).text
    db.session.expire_all()
    assert revision.status == RevisionStatus.REJECTED

    log_out(client)
    log_in(marieke)
    home = read(client.get("/portaal")).text
    assert "is niet goedgekeurd" in home and REASON in home


def test_the_queue_is_oldest_first_and_filters_by_kind_and_fact(client, log_in, submitted):
    linde, marieke, staff, revision = submitted
    other_revision = Revision(
        initiative=linde,
        author_account_id=marieke.id,
        kind=RevisionKind.WITHDRAWAL,
        facts=["status"],
        message=WITHDRAWAL_REASON,
    )
    db.session.add(other_revision)
    db.session.commit()
    log_in(staff)

    def listed(query=""):
        page = read(client.get(f"/beheer/wijzigingen{query}"))
        return [href for _text, href in page.links if href.startswith("/beheer/wijzigingen/")]

    assert listed() == [
        f"/beheer/wijzigingen/{revision.id}",
        f"/beheer/wijzigingen/{other_revision.id}",
    ]
    assert listed("?soort=withdrawal") == [f"/beheer/wijzigingen/{other_revision.id}"]
    assert listed("?soort=edit&gegeven=certifications") == [f"/beheer/wijzigingen/{revision.id}"]
    assert listed("?gegeven=address") == []
    assert listed("?soort=%3Cscript%3E&gegeven=nonsense") == listed()


def test_an_outdated_base_shows_three_versions_and_needs_a_tick(client, log_in, submitted):
    linde, marieke, staff, revision = submitted
    # After Marieke sent her changes the vacancy changed (a light change goes live at once).
    linde.vacancy = VacancyStatus.FULL
    from register.entries.models import ChangeAction
    from register.entries.services import record_change

    record_change(linde, ChangeAction.UPDATED, ["vacancy"])
    db.session.commit()
    log_in(staff)

    page = read(client.get(f"/beheer/wijzigingen/{revision.id}"))
    assert "De gegevens zijn intussen veranderd" in page.text
    assert "Waarmee de redacteur begon Nu in het register Voorstel" in page.text
    assert "Beschikbare plaatsen Wachtlijst Vol, geen wachtlijst Wachtlijst" in page.text

    refused = approve(client, revision.id)
    assert refused.status_code == 409
    assert (
        "Vink aan dat u de verschillen met de huidige gegevens hebt bekeken." in read(refused).text
    )
    db.session.expire_all()
    assert revision.status == RevisionStatus.PENDING

    assert approve(client, revision.id, outdated_seen="y").status_code == 303
    db.session.expire_all()
    # The editor's changes are published; the vacancy they did not touch stays as it is now.
    assert linde.vacancy == VacancyStatus.FULL
    assert {s.text for s in linde.statements} >= {NEW_STATEMENT}
    assert [c.certificate_number for c in linde.certifications] == ["PREZO-2026-0042"]


def test_withdrawal_confirmed_by_staff_takes_the_entry_out(client, log_in, submitted):
    linde, marieke, staff, edit = submitted
    log_in(marieke)
    url = f"/portaal/initiatieven/{linde.id}/uitschrijven"
    fields = form_fields(client, url)
    fields["reason"] = WITHDRAWAL_REASON
    client.post(url, data=fields)
    log_out(client)
    withdrawal = db.session.scalar(select(Revision).where(Revision.kind == RevisionKind.WITHDRAWAL))

    log_in(staff)
    page = read(client.get(f"/beheer/wijzigingen/{withdrawal.id}"))
    assert WITHDRAWAL_REASON in page.text
    assert approve(client, withdrawal.id).status_code == 303

    db.session.expire_all()
    assert linde.status == EntryStatus.WITHDRAWN and linde.withdrawn_on == date.today()
    assert edit.status == RevisionStatus.SUPERSEDED
    gone = client.get("/initiatieven/de-linde")
    assert gone.status_code == 410
    assert WITHDRAWAL_REASON not in gone.get_data(as_text=True)
    assert "Op verzoek van het initiatief zelf." in read(gone).text
    assert client.get("/api/v1/initiatives/de-linde").status_code == 410
    assert "de-linde" not in client.get("/open-data/initiatieven.csv").get_data(as_text=True)
    assert text_search("linde").ids == []
    actions = set(db.session.scalars(select(AuditEntry.action)))
    assert {"revision.withdrawal_requested", "revision.withdrawal_confirmed"} <= actions


def test_internal_data_never_reaches_the_public(client, log_in, submitted):
    linde, marieke, staff, revision = submitted
    log_in(staff)
    reject(client, revision.id, REASON)
    log_out(client)
    for url in (
        "/initiatieven/de-linde",
        "/initiatieven?q=linde",
        "/api/v1/initiatives/de-linde",
        "/api/v1/initiatives",
        "/api/v1/changes?since=2000-01-01T00:00:00Z",
        "/open-data/initiatieven.json",
        "/open-data/initiatieven.csv",
    ):
        response = client.get(url)
        body = response.get_data(as_text=True)
        assert response.status_code == 200, url
        for internal in (REASON, NEW_STATEMENT, "PREZO-2026-0042", marieke.email, "revision"):
            assert internal not in body, (url, internal)
    assert text_search("certificaatnummer").ids == []
    assert text_search("bewonersraad").ids == []


@pytest.mark.parametrize("role", [RoleName.EDITOR, RoleName.VERIFIER, RoleName.INSPECTOR])
def test_only_staff_may_moderate(client, log_in, submitted, role):
    linde, marieke, staff, revision = submitted
    account = marieke if role == RoleName.EDITOR else make_account(role)
    db.session.commit()
    log_in(account)
    assert client.get("/beheer/wijzigingen").status_code == 403
    assert client.get(f"/beheer/wijzigingen/{revision.id}").status_code == 403
    token = form_fields(client, "/account", "/uitloggen")
    response = client.post(f"/beheer/wijzigingen/{revision.id}/goedkeuren", data=token)
    assert response.status_code in (400, 403)
    db.session.expire_all()
    assert revision.status == RevisionStatus.PENDING


def test_anonymous_visitors_go_to_log_in_and_bad_requests_fail_safely(client, log_in, submitted):
    linde, marieke, staff, revision = submitted
    assert client.get("/beheer/wijzigingen").status_code == 302
    assert client.post(f"/beheer/wijzigingen/{revision.id}/goedkeuren").status_code in (302, 400)
    log_in(staff)
    assert client.get("/beheer/wijzigingen/999999").status_code == 404
    assert client.post(f"/beheer/wijzigingen/{revision.id}/goedkeuren").status_code == 400
    fields = form_fields(
        client,
        f"/beheer/wijzigingen/{revision.id}",
        f"/beheer/wijzigingen/{revision.id}/goedkeuren",
    )
    assert client.post("/beheer/wijzigingen/999999/goedkeuren", data=fields).status_code == 404
    db.session.expire_all()
    assert revision.status == RevisionStatus.PENDING
