"""Staff handle access requests at /beheer/toegang: open ones first, oldest first, with
whether KvK and e-mail matched; approving creates the editor account (and for a new
initiative the entry), refusing mails the reason."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from register.access.models import AccessRequest, RequestStatus
from register.accounts.models import Account
from register.accounts.roles import RoleName
from register.audit.models import AuditEntry
from register.entries.models import ChangeLogEntry, FactProvenance, Initiative, Source, utcnow
from register.extensions import db
from register.mail.models import OutboxMessage
from tests.access.builders import ask_for_existing, register_new
from tests.accounts.support import form_fields
from tests.entries.pages import publish, read
from tests.factories import make_account, make_initiative


@pytest.fixture
def linde(app_context):
    initiative = make_initiative(
        name="De Linde",
        kvk_number="12345678",
        email="info@delinde.nl",
        website="https://delinde.nl",
    )
    publish()
    return initiative


def only_request() -> AccessRequest:
    return db.session.scalar(select(AccessRequest))


def mails_to(email: str) -> list[OutboxMessage]:
    return list(
        db.session.scalars(
            select(OutboxMessage).where(OutboxMessage.recipient == email).order_by(OutboxMessage.id)
        )
    )


def press(client, request_id: int, what: str, **values):
    detail = f"/beheer/toegang/{request_id}"
    fields = form_fields(client, detail, f"{detail}/{what}")
    fields.pop("submit", None)
    fields.update(values)
    return client.post(f"{detail}/{what}", data=fields)


def test_the_list_shows_open_requests_oldest_first_with_the_match(client, staff_client, linde):
    ask_for_existing(client, email="iemand@gmail.com")
    ask_for_existing(client, email="info@delinde.nl")
    register_new(client)
    unmatched, matched, new = db.session.scalars(select(AccessRequest).order_by(AccessRequest.id))
    unmatched.submitted_at = utcnow() - timedelta(days=1)
    matched.submitted_at = utcnow() - timedelta(days=3)
    db.session.commit()

    page = read(staff_client.get("/beheer/toegang"))

    rows = [href for _, href in page.links if href.startswith("/beheer/toegang/")]
    assert rows == [f"/beheer/toegang/{r.id}" for r in (matched, unmatched, new)]
    assert "Toegang tot KvK 12345678" in page.text
    assert "Nieuw initiatief: Het Zonnehuis" in page.text
    assert "Komt overeen" in page.text
    assert "E-mailadres komt niet overeen" in page.text
    detail = read(staff_client.get(f"/beheer/toegang/{unmatched.id}"))
    assert "E-mailadres komt niet overeen" in detail.text
    assert "De Linde" in detail.text and "info@delinde.nl" in detail.text


def test_approving_access_creates_an_invited_editor_of_that_entry(
    client, staff_client, staff, linde
):
    ask_for_existing(client, email="marieke@delinde.nl")
    request = only_request()

    response = press(staff_client, request.id, "goedkeuren")

    assert response.status_code == 302
    db.session.refresh(request)
    assert request.status == RequestStatus.APPROVED
    editor = db.session.scalar(select(Account).where(Account.email == "marieke@delinde.nl"))
    assert editor.has_role(RoleName.EDITOR)
    assert editor.initiatives == [linde]
    assert editor.password is None
    assert request.account == editor
    assert request.decided_by == staff
    subjects = [m.subject for m in mails_to("marieke@delinde.nl")]
    assert subjects == [
        "Wij hebben uw aanvraag ontvangen",
        "Uw account bij het Register Wooninitiatieven",
        "Uw aanvraag is goedgekeurd",
    ]
    entry = db.session.scalar(
        select(AuditEntry).where(AuditEntry.action == "access_request.approved")
    )
    assert entry.actor_account_id == staff.id
    assert entry.before["status"] == "open"
    assert entry.after["status"] == "approved"
    assert entry.initiative_id == linde.id
    listed = read(staff_client.get(response.headers["Location"]))
    assert "Goedgekeurd" in listed.text


def test_approving_for_an_existing_account_adds_the_entry_without_a_new_invitation(
    client, staff_client, linde
):
    eik = make_initiative(name="De Eik")
    editor = make_account(RoleName.EDITOR, email="marieke@delinde.nl", initiatives=[eik])
    db.session.commit()
    ask_for_existing(client, email="marieke@delinde.nl")

    press(staff_client, only_request().id, "goedkeuren")

    db.session.refresh(editor)
    assert {i.name for i in editor.initiatives} == {"De Eik", "De Linde"}
    subjects = [m.subject for m in mails_to("marieke@delinde.nl")]
    assert "Uw account bij het Register Wooninitiatieven" not in subjects
    assert "Uw aanvraag is goedgekeurd" in subjects


def test_approving_a_request_for_an_unknown_kvk_number_is_refused_with_advice(client, staff_client):
    ask_for_existing(client, kvk_number="99999999", email="x@example.org")
    request = only_request()

    response = press(staff_client, request.id, "goedkeuren")

    page = read(staff_client.get(response.headers["Location"]))
    assert "Er staat geen initiatief met dit KvK-nummer in het register" in page.text
    db.session.refresh(request)
    assert request.status == RequestStatus.OPEN
    assert db.session.scalar(select(Account).where(Account.email == "x@example.org")) is None


def test_approving_a_new_initiative_publishes_it_with_its_provenance(client, staff_client, staff):
    register_new(client)
    request = only_request()

    press(staff_client, request.id, "goedkeuren")

    initiative = db.session.scalar(select(Initiative))
    assert initiative.name == "Het Zonnehuis"
    assert initiative.is_published
    assert (initiative.place, initiative.province, initiative.postcode) == (
        "Deventer",
        "Overijssel",
        "7411 BT",
    )
    assert initiative.kind.key == "relatives_residents"
    assert initiative.email == "info@zonnehuis.nl"
    sources = {row.fact: row.source for row in db.session.scalars(select(FactProvenance))}
    assert sources["address"] == Source.INITIATIVE
    assert set(sources) >= {"name", "kind", "capacity", "vacancy", "registration", "contact"}
    change = db.session.scalar(select(ChangeLogEntry).where(ChangeLogEntry.action == "created"))
    assert change.source == Source.INITIATIVE
    assert change.actor_account_id == staff.id
    editor = db.session.scalar(select(Account).where(Account.email == "info@zonnehuis.nl"))
    assert editor.initiatives == [initiative]
    assert "initiative.created" in set(db.session.scalars(select(AuditEntry.action)))
    publish()
    public = client.get(f"/initiatieven/{initiative.slug}")
    assert public.status_code == 200
    assert "Het Zonnehuis" in read(public).text
    assert "Marieke de Vries" not in public.get_data(as_text=True)  # the applicant stays internal


def test_refusing_needs_a_reason_which_the_applicant_receives(app, staff_client, linde):
    applicant = app.test_client()
    applicant.get("/?lang=en")
    ask_for_existing(applicant, email="iemand@gmail.com")
    request = only_request()

    empty = press(staff_client, request.id, "weigeren", reason="  ")

    assert empty.status_code == 400
    page = read(empty)
    assert page.title.startswith("Fout:")
    assert page.link("Schrijf de reden op") == "#reason"
    db.session.refresh(request)
    assert request.status == RequestStatus.OPEN

    press(
        staff_client,
        request.id,
        "weigeren",
        reason="Wij konden niet nagaan dat u bij De Linde hoort.",
    )

    db.session.refresh(request)
    assert request.status == RequestStatus.REFUSED
    last = mails_to("iemand@gmail.com")[-1]
    assert "Wij konden niet nagaan dat u bij De Linde hoort." in last.body
    assert request.locale == "en"
    entry = db.session.scalar(
        select(AuditEntry).where(AuditEntry.action == "access_request.refused")
    )
    assert entry.after["refusal_reason"] == "Wij konden niet nagaan dat u bij De Linde hoort."
    assert db.session.scalar(select(Account).where(Account.email == "iemand@gmail.com")) is None


def test_a_decided_request_cannot_be_decided_again(client, staff_client, linde):
    ask_for_existing(client, email="info@delinde.nl")
    request = only_request()
    detail = f"/beheer/toegang/{request.id}"
    token = form_fields(staff_client, detail, f"{detail}/goedkeuren")["csrf_token"]
    press(staff_client, request.id, "weigeren", reason="Dubbel.")

    again = staff_client.post(
        f"/beheer/toegang/{request.id}/goedkeuren", data={"csrf_token": token}
    )

    assert (
        "Over deze aanvraag is al beslist" in read(staff_client.get(again.headers["Location"])).text
    )
    db.session.refresh(request)
    assert request.status == RequestStatus.REFUSED
    assert db.session.scalar(select(Account).where(Account.email == "info@delinde.nl")) is None


def test_approving_without_csrf_token_is_refused(client, staff_client, linde):
    ask_for_existing(client, email="info@delinde.nl")
    request = only_request()

    response = staff_client.post(f"/beheer/toegang/{request.id}/goedkeuren")

    assert response.status_code == 400
    db.session.refresh(request)
    assert request.status == RequestStatus.OPEN
