"""An association's verifier confirms or rejects the memberships naming their association."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from register.accounts.roles import RoleName
from register.audit.models import AuditEntry
from register.entries.models import ChangeLogEntry, ClaimStatus, Membership
from register.entries.public import register_today
from register.extensions import db
from register.mail.models import OutboxMessage
from tests.accounts.support import form_fields, log_out
from tests.entries.pages import read
from tests.factories import add_membership, make_account, make_initiative
from tests.verification.builders import send_decision, verifier_of

REASON = "Niet bekend in onze ledenlijst van 2026."


@pytest.fixture
def claims(app_context):
    """Two waiting BVKZ claims (the older one claimed first), a decided one, an LVOI claim."""
    linde = make_initiative(name="De Linde", slug="de-linde", kvk_number="11112222")
    eik = make_initiative(name="De Eik", slug="de-eik", place="Zwolle")
    beuk = make_initiative(name="De Beuk", slug="de-beuk")
    newer = add_membership(linde, status=ClaimStatus.SELF_DECLARED, declared_on=date(2026, 9, 1))
    older = add_membership(eik, status=ClaimStatus.SELF_DECLARED, declared_on=date(2026, 3, 1))
    done = add_membership(beuk)
    other = add_membership(beuk, "lvoi", status=ClaimStatus.SELF_DECLARED)
    editor = make_account(RoleName.EDITOR, email="redactie@linde.nl", initiatives=[linde])
    verifier = verifier_of("bvkz")
    db.session.commit()
    return {
        "newer": newer.id,
        "older": older.id,
        "done": done.id,
        "other": other.id,
        "editor": editor,
        "verifier": verifier,
    }


def url(claim_id: int) -> str:
    return f"/vereniging/lidmaatschappen/{claim_id}"


def test_lists_waiting_claims_oldest_first_then_decided_ones(client, log_in, claims):
    log_in(claims["verifier"])
    page = read(client.get("/vereniging"))

    text = page.text
    assert "Wachten op uw controle (2)" in text
    assert text.index("De Eik") < text.index("De Linde") < text.index("Al beoordeeld")
    assert text.index("Al beoordeeld") < text.index("De Beuk")
    assert "Zwolle" in text and "11112222" in text and "1 september 2026" in text
    assert page.link("Beoordelen: De Eik") == url(claims["older"])


def test_confirming_shows_verified_by_the_association_on_the_public_page(client, log_in, claims):
    log_in(claims["verifier"])
    response = send_decision(client, url(claims["newer"]), "bevestigen")

    assert response.status_code == 302
    assert response.headers["Location"] == "/vereniging"
    assert "Bevestigd: BVKZ van De Linde." in read(client.get("/vereniging")).text
    today = register_today()
    public = read(client.get("/initiatieven/de-linde")).text
    assert f"Gecontroleerd door BVKZ op {today.day} " in public
    claim = db.session.get(Membership, claims["newer"])
    assert claim.verifier_account_id == claims["verifier"].id
    audit = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "membership.confirmed"))
    assert (audit.before, audit.after) == ({"status": "self_declared"}, {"status": "verified"})
    change = db.session.scalars(select(ChangeLogEntry).order_by(ChangeLogEntry.id.desc())).first()
    assert change.fields == ["memberships"]


def test_rejecting_needs_a_reason_and_keeps_what_was_chosen(client, log_in, claims):
    log_in(claims["verifier"])
    response = send_decision(client, url(claims["newer"]), "afwijzen", reason="   ")

    page = read(response)
    assert response.status_code == 400
    assert page.title.startswith("Fout:")
    assert "Er is een probleem" in page.text
    assert "Schrijf op waarom u de opgave afwijst." in page.text
    assert page.link("Schrijf op waarom") == "#reason"
    assert page.has("input", value="afwijzen", checked="")
    assert db.session.get(Membership, claims["newer"]).status == ClaimStatus.SELF_DECLARED


def test_no_choice_is_an_error_too(client, log_in, claims):
    log_in(claims["verifier"])
    response = send_decision(client, url(claims["newer"]), None)

    assert response.status_code == 400
    assert "Kies of u de opgave bevestigt of afwijst." in read(response).text


def test_rejecting_mails_the_editors_the_reason_which_stays_off_public_pages(
    client, log_in, claims
):
    log_in(claims["verifier"])
    response = send_decision(client, url(claims["newer"]), "afwijzen", reason=REASON)

    assert response.status_code == 302
    claim = db.session.get(Membership, claims["newer"])
    assert claim.status == ClaimStatus.REJECTED and claim.rejection_reason == REASON
    mail = db.session.scalar(select(OutboxMessage))
    assert mail.recipient == "redactie@linde.nl"
    assert "BVKZ" in mail.subject and "De Linde" in mail.subject
    assert REASON in mail.body and "/portaal" in mail.body
    audit = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "membership.rejected"))
    assert audit.after == {"status": "rejected", "reason": REASON}

    log_out(client)
    public = client.get("/initiatieven/de-linde").get_data(as_text=True)
    assert "Afgewezen door BVKZ op" in public
    for address in (
        "/initiatieven/de-linde",
        "/api/v1/initiatives/de-linde",
        "/api/v1/initiatives",
        "/api/v1/changes",
        "/open-data/initiatieven.csv",
        "/open-data/initiatieven.json",
    ):
        body = client.get(address).get_data(as_text=True)
        assert "ledenlijst" not in body, address


def test_a_second_decision_changes_nothing(client, log_in, claims):
    log_in(claims["verifier"])
    fields_url = url(claims["newer"])
    stale_form = form_fields(client, fields_url)  # the form as a second tab still shows it
    assert send_decision(client, fields_url, "bevestigen").status_code == 302

    response = client.post(
        fields_url, data={**stale_form, "decision": "afwijzen", "reason": REASON}
    )

    assert response.status_code == 409
    assert "Deze opgave is al beoordeeld." in read(response).text
    assert db.session.get(Membership, claims["newer"]).status == ClaimStatus.VERIFIED
    assert db.session.scalar(select(OutboxMessage)) is None
    assert len(db.session.scalars(select(AuditEntry)).all()) == 1


def test_missing_csrf_token_changes_nothing(client, log_in, claims):
    log_in(claims["verifier"])
    response = send_decision(client, url(claims["newer"]), "bevestigen", csrf=False)

    assert response.status_code == 400
    assert db.session.get(Membership, claims["newer"]).status == ClaimStatus.SELF_DECLARED


@pytest.mark.parametrize("which", ["other", "missing"])
def test_claims_of_another_association_or_unknown_ids_are_not_found(client, log_in, claims, which):
    log_in(claims["verifier"])
    claim_id = claims["other"] if which == "other" else 999999

    assert client.get(url(claim_id)).status_code == 404
    token = form_fields(client, "/account", "/uitloggen")["csrf_token"]
    response = client.post(url(claim_id), data={"csrf_token": token, "decision": "bevestigen"})
    assert response.status_code == 404
    assert db.session.get(Membership, claims["other"]).status == ClaimStatus.SELF_DECLARED


def test_another_association_sees_only_its_own_claims(client, log_in, claims):
    lvoi = verifier_of("lvoi")
    db.session.commit()
    log_in(lvoi)

    text = read(client.get("/vereniging")).text
    assert "De Beuk" in text
    assert "De Linde" not in text and "De Eik" not in text
    assert client.get(url(claims["newer"])).status_code == 404


def test_a_verifier_without_association_is_told_so(client, log_in, app_context):
    lost = make_account(RoleName.VERIFIER)
    db.session.commit()
    log_in(lost)

    assert "hoort nog niet bij een brancheorganisatie" in read(client.get("/vereniging")).text
    assert client.get(url(1)).status_code == 404


def test_anonymous_goes_to_log_in(client, claims):
    for address in ("/vereniging", url(claims["newer"])):
        response = client.get(address)
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/inloggen")


@pytest.mark.parametrize("role", [RoleName.EDITOR, RoleName.STAFF, RoleName.INSPECTOR])
def test_other_roles_may_not_verify_memberships(client, log_in, claims, role):
    account = make_account(role)
    db.session.commit()
    log_in(account)

    assert client.get("/vereniging").status_code == 403
    assert client.get(url(claims["newer"])).status_code == 403


def test_only_the_latest_decisions_are_listed(client, log_in, claims, monkeypatch):
    from register.verification import services

    add_membership(make_initiative(name="De Wilg", slug="de-wilg"), verified_on=date(2026, 11, 1))
    db.session.commit()
    monkeypatch.setattr(services, "RECENT_DECISIONS", 1)
    log_in(claims["verifier"])

    text = read(client.get("/vereniging")).text

    assert "Al beoordeeld (2)" in text
    assert "De laatste 1 besluiten staan hieronder." in text
    assert "De Wilg" in text and "De Beuk" not in text
