"""Register staff check quality marks against the certificate number."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from register.accounts.roles import RoleName
from register.audit.models import AuditEntry
from register.entries.models import Certification, ClaimStatus, VerifierKind
from register.entries.public import register_today
from register.entries.services import withdraw
from register.extensions import db
from register.mail.models import OutboxMessage
from tests.entries.pages import read
from tests.factories import add_certification, make_account, make_initiative
from tests.verification.builders import send_decision, verifier_of


@pytest.fixture
def marks(app_context):
    today = register_today()
    linde = make_initiative(name="De Linde", slug="de-linde")
    waiting = add_certification(
        linde,
        "hkz_kleine_organisaties",
        status=ClaimStatus.SELF_DECLARED,
        certificate_number="HKZ-2026-0042",
        valid_until=today + timedelta(days=700),
    )
    lapsed = add_certification(
        linde, "prezo", status=ClaimStatus.SELF_DECLARED, valid_until=today - timedelta(days=3)
    )
    gone = make_initiative(name="Het Oude Huis", slug="het-oude-huis")
    hidden = add_certification(gone, status=ClaimStatus.SELF_DECLARED)
    withdraw(gone, "Gestopt.", date(2026, 11, 30))
    make_account(RoleName.EDITOR, email="redactie@linde.nl", initiatives=[linde])
    staff = make_account(RoleName.STAFF)
    db.session.commit()
    return {"waiting": waiting.id, "lapsed": lapsed.id, "hidden": hidden.id, "staff": staff}


def url(claim_id: int) -> str:
    return f"/beheer/keurmerken/{claim_id}"


def test_staff_see_marks_waiting_with_number_and_end_date(client, log_in, marks):
    log_in(marks["staff"])
    page = read(client.get("/beheer/keurmerken"))

    assert "Wachten op controle (2)" in page.text
    assert "HKZ-2026-0042" in page.text and "HKZ" in page.text
    assert "Het Oude Huis" not in page.text  # withdrawn: nothing left to check
    assert page.link("Beoordelen: De Linde") in (url(marks["waiting"]), url(marks["lapsed"]))


def test_confirming_a_mark_shows_it_checked_by_the_register(client, log_in, marks):
    log_in(marks["staff"])
    response = send_decision(client, url(marks["waiting"]), "bevestigen")

    assert response.status_code == 302
    claim = db.session.get(Certification, marks["waiting"])
    assert claim.verifier == VerifierKind.REGISTER
    assert claim.verified_on == register_today()
    public = read(client.get("/initiatieven/de-linde")).text
    assert "Gecontroleerd door Register Wooninitiatieven op" in public
    audit = db.session.scalar(select(AuditEntry))
    assert audit.action == "certification.confirmed" and audit.actor_account_id == marks["staff"].id


def test_rejecting_a_mark_mails_the_reason(client, log_in, marks):
    log_in(marks["staff"])
    reason = "Certificaatnummer onbekend bij de uitgever."
    assert send_decision(client, url(marks["waiting"]), "afwijzen", reason).status_code == 302

    mail = db.session.scalar(select(OutboxMessage))
    assert mail.recipient == "redactie@linde.nl" and reason in mail.body
    public = client.get("/initiatieven/de-linde").get_data(as_text=True)
    assert "Afgewezen door Register Wooninitiatieven" in public
    assert reason not in public
    assert reason not in client.get("/api/v1/initiatives/de-linde").get_data(as_text=True)


def test_an_expired_mark_cannot_be_confirmed(client, log_in, marks):
    log_in(marks["staff"])
    response = send_decision(client, url(marks["lapsed"]), "bevestigen")

    assert response.status_code == 400
    assert "Een verlopen keurmerk kunt u niet bevestigen." in read(response).text
    assert db.session.get(Certification, marks["lapsed"]).status == ClaimStatus.SELF_DECLARED


def test_a_withdrawn_entry_or_unknown_id_is_not_found(client, log_in, marks):
    log_in(marks["staff"])
    assert client.get(url(marks["hidden"])).status_code == 404
    assert client.get(url(999999)).status_code == 404


def test_a_verifier_may_not_check_marks(client, log_in, marks):
    verifier = verifier_of()
    db.session.commit()
    log_in(verifier)

    assert client.get("/beheer/keurmerken").status_code == 403
    assert client.get(url(marks["waiting"])).status_code == 403


def test_anonymous_goes_to_log_in(client, marks):
    response = client.get(url(marks["waiting"]))
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/inloggen")
