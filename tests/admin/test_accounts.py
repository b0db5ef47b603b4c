"""Users and roles: list, invite, change, deactivate, reset two-factor, with the audit log
and e-mail each one needs, and the rules staff cannot break."""

from __future__ import annotations

import re

import pytest
from flask_security.recoverable import reset_password_token_status
from sqlalchemy import select

from register.accounts.models import Account
from register.accounts.roles import RoleName
from register.audit.models import AuditEntry
from register.entries.models import Association
from register.extensions import db
from register.mail.models import OutboxMessage
from tests.accounts.support import form_fields, log_in_through_forms
from tests.admin.builders import app_with_rate_limits
from tests.entries.pages import read
from tests.factories import DEFAULT_PASSWORD, make_account, make_initiative

INVITE = "/beheer/accounts/uitnodigen"


def audit_actions() -> list[str]:
    return list(db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))


def account_by_email(email: str) -> Account:
    return db.session.scalar(select(Account).where(Account.email == email))


def post_form(client, url: str, action: str | None = None, **values):
    fields = form_fields(client, url, action)
    fields = {k: v for k, v in fields.items() if k not in ("search", "submit")}
    fields.update(values)
    return client.post(action or url, data=fields)


def test_the_list_shows_each_account_with_role_state_and_two_factor(staff_client, staff):
    editor = make_account(RoleName.EDITOR, email="redacteur@linde.nl")
    editor.name = "Rian Redacteur"
    gone = make_account(RoleName.VERIFIER, email="weg@bvkz.nl")
    gone.active = False
    db.session.commit()

    page = read(staff_client.get("/beheer/accounts"))

    assert "Rian Redacteur redacteur@linde.nl Redacteur van een initiatief Actief Uit Nooit" in (
        page.text
    )
    assert "weg@bvkz.nl Controleur van een brancheorganisatie Gedeactiveerd" in page.text
    assert "beheerder@register.example Medewerker van het register Actief Aan" in page.text
    assert page.link("Rian Redacteur") == f"/beheer/accounts/{editor.id}"


def test_the_list_searches_by_name_or_email_and_filters_by_role(staff_client, staff):
    make_account(RoleName.EDITOR, email="rian@linde.nl")
    make_account(RoleName.VERIFIER, email="vera@bvkz.nl")
    db.session.commit()

    assert "vera@bvkz.nl" not in read(staff_client.get("/beheer/accounts?zoek=LINDE")).text
    assert "rian@linde.nl" in read(staff_client.get("/beheer/accounts?zoek=LINDE")).text
    by_role = read(staff_client.get("/beheer/accounts?rol=association_verifier")).text
    assert "vera@bvkz.nl" in by_role
    assert "rian@linde.nl" not in by_role
    assert staff_client.get("/beheer/accounts?rol=onzin&zoek=%25").status_code == 200


def test_staff_find_an_initiative_by_kvk_and_invite_its_editor(staff_client, staff):
    linde = make_initiative(name="De Linde", kvk_number="11223344")
    make_initiative(name="De Eik", kvk_number="99887766")
    db.session.commit()

    searched = post_form(
        staff_client,
        INVITE,
        name="Marieke de Vries",
        email="Marieke@Linde.nl",
        roles=RoleName.EDITOR.value,
        initiative_search="1122 3344",
        search="Zoek initiatieven",
    )
    assert searched.status_code == 200
    page = read(searched)
    assert "De Linde (Deventer, KvK 11223344)" in page.text
    assert "De Eik" not in page.text
    fields = page.forms_to(INVITE)[0].fields
    assert fields["name"] == "Marieke de Vries"  # kept while searching
    fields = {k: v for k, v in fields.items() if k not in ("search", "submit", "initiatives")}
    fields.update(roles=RoleName.EDITOR.value, initiatives=str(linde.id))
    response = staff_client.post(INVITE, data=fields)

    assert response.status_code == 302
    invited = account_by_email("marieke@linde.nl")
    assert invited.password is None
    assert invited.active
    assert invited.has_role(RoleName.EDITOR)
    assert invited.initiatives == [linde]
    mail = db.session.scalar(select(OutboxMessage).where(OutboxMessage.recipient == invited.email))
    link = re.search(r"http://localhost(/wachtwoord-vergeten/\S+)", mail.body).group(1)
    assert "3 dagen" in mail.body
    expired, invalid, user = reset_password_token_status(link.rsplit("/", 1)[1])
    assert (expired, invalid, user) == (False, False, invited)
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "account.invited"))
    assert entry.actor_account_id == staff.id
    assert entry.after["initiatives"] == [linde.id]
    assert (
        "Uitnodiging verstuurd naar marieke@linde.nl"
        in read(staff_client.get(response.headers["Location"])).text
    )


def test_a_verifier_is_invited_for_one_association(staff_client, staff):
    response = post_form(
        staff_client,
        INVITE,
        name="Vera",
        email="vera@bvkz.nl",
        roles=RoleName.VERIFIER.value,
        association="bvkz",
    )

    assert response.status_code == 302
    invited = account_by_email("vera@bvkz.nl")
    assert invited.association.key == "bvkz"
    assert invited.initiatives == []
    mail = db.session.scalar(select(OutboxMessage).where(OutboxMessage.recipient == invited.email))
    token = re.search(r"/wachtwoord-vergeten/(\S+)", mail.body).group(1)
    assert reset_password_token_status(token)[2] == invited


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"email": "beheerder@register.example"}, "email", "Er is al een account met dit"),
        ({"email": "BEHEERDER@register.example "}, "email", "Er is al een account met dit"),
        ({"email": "geen-adres"}, "email", "Vul een e-mailadres in zoals"),
        ({"roles": []}, "roles", "Kies ten minste één rol"),
        ({"roles": RoleName.EDITOR.value}, "initiatives", "Kies ten minste één initiatief"),
        ({"roles": RoleName.VERIFIER.value}, "association", "Kies de brancheorganisatie"),
        ({"name": ""}, "name", "Vul de naam in"),
        ({"initiatives": "99999"}, "initiatives", "ongeldige keuze voor dit veld"),
        ({"initiatives": "een"}, "initiatives", "kon niet omgezet worden"),
    ],
)
def test_a_faulty_invitation_is_refused_with_a_field_error(staff_client, values, field, message):
    data = {"name": "Iemand", "email": "iemand@example.org", "roles": RoleName.STAFF.value}
    data.update(values)
    before = db.session.scalar(select(db.func.count(Account.id)))

    response = post_form(staff_client, INVITE, **data)

    assert response.status_code == 400
    page = read(response)
    assert page.title.startswith("Fout:")
    assert message in page.text
    assert page.link(message) == f"#{field}"
    assert db.session.scalar(select(db.func.count(Account.id))) == before
    assert not db.session.scalar(select(OutboxMessage))


def test_invitation_without_csrf_token_is_refused(staff_client):
    response = staff_client.post(
        INVITE, data={"name": "X", "email": "x@example.org", "roles": RoleName.STAFF.value}
    )
    assert response.status_code == 400
    assert account_by_email("x@example.org") is None


def test_staff_change_roles_and_assignments(staff_client, staff):
    linde = make_initiative(name="De Linde")
    eik = make_initiative(name="De Eik")
    editor = make_account(RoleName.EDITOR, initiatives=[linde])
    db.session.commit()
    url = f"/beheer/accounts/{editor.id}"

    assert "De Linde" in read(staff_client.get(url)).text
    response = post_form(
        staff_client,
        url,
        name="Nieuwe naam",
        roles=[RoleName.EDITOR.value, RoleName.VERIFIER.value],
        initiatives=[str(linde.id), str(eik.id)],
        association="bvkz",
    )

    assert response.status_code == 302
    db.session.refresh(editor)
    assert editor.name == "Nieuwe naam"
    assert editor.has_role(RoleName.VERIFIER)
    assert {i.name for i in editor.initiatives} == {"De Linde", "De Eik"}
    assert editor.association == db.session.scalar(
        select(Association).where(Association.key == "bvkz")
    )
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "account.updated"))
    assert entry.before["initiatives"] == [linde.id]
    assert entry.after["roles"] == sorted([RoleName.EDITOR.value, RoleName.VERIFIER.value])

    # Taking the editor role away also ends the assignments.
    post_form(
        staff_client, url, name="Nieuwe naam", roles=RoleName.VERIFIER.value, association="bvkz"
    )
    db.session.refresh(editor)
    assert editor.initiatives == []
    assert not editor.has_role(RoleName.EDITOR)


def test_staff_cannot_remove_their_own_staff_role(staff_client, staff):
    url = f"/beheer/accounts/{staff.id}"
    response = post_form(staff_client, url, name="Bea", roles=RoleName.INSPECTOR.value)

    assert response.status_code == 400
    assert "U kunt uw eigen rol als medewerker niet weghalen" in read(response).text
    db.session.refresh(staff)
    assert staff.has_role(RoleName.STAFF)
    assert "account.updated" not in audit_actions()


def test_an_unknown_account_is_404(staff_client):
    assert staff_client.get("/beheer/accounts/999999").status_code == 404
    assert staff_client.get("/beheer/toegang/999999").status_code == 404


def test_deactivation_ends_the_open_session_and_blocks_log_in(app, staff_client, staff):
    editor = make_account(RoleName.EDITOR, initiatives=[make_initiative()])
    db.session.commit()
    other = app.test_client()
    log_in_through_forms(other, editor)
    assert other.get("/account").status_code == 200
    url = f"/beheer/accounts/{editor.id}"

    response = post_form(staff_client, url, f"{url}/deactiveren")

    assert response.status_code == 302
    assert "is gedeactiveerd" in read(staff_client.get(url)).text
    db.session.refresh(editor)
    assert not editor.active
    ended = other.get("/account")
    assert ended.status_code == 302
    assert "/inloggen" in ended.headers["Location"]
    fields = form_fields(other, "/inloggen")
    fields.update(email=editor.email, password=DEFAULT_PASSWORD)
    refused = other.post("/inloggen", data=fields)
    assert refused.status_code == 200  # the form again, not a redirect into the site
    assert other.get("/account").status_code == 302
    assert "account.deactivated" in audit_actions()

    post_form(staff_client, url, f"{url}/activeren")
    db.session.refresh(editor)
    assert editor.active
    log_in_through_forms(other, editor)
    assert "account.reactivated" in audit_actions()


def test_staff_cannot_deactivate_themselves(staff_client, staff):
    url = f"/beheer/accounts/{staff.id}"
    page = read(staff_client.get(url))
    assert not page.forms_to(f"{url}/deactiveren")
    assert "Uw eigen account kunt u niet deactiveren" in page.text

    token = page.forms_to(url)[0].fields["csrf_token"]
    response = staff_client.post(f"{url}/deactiveren", data={"csrf_token": token})

    assert response.status_code == 302
    db.session.refresh(staff)
    assert staff.active
    assert staff_client.get("/beheer").status_code == 200
    assert "account.deactivated" not in audit_actions()


def test_reset_two_factor_makes_the_next_log_in_ask_for_set_up(app, staff_client, staff):
    colleague = make_account(RoleName.STAFF, email="collega@register.example")
    db.session.commit()
    url = f"/beheer/accounts/{colleague.id}"

    post_form(staff_client, url, f"{url}/tweestapsverificatie-resetten")

    db.session.refresh(colleague)
    assert colleague.tf_primary_method is None
    assert colleague.tf_totp_secret is None
    assert colleague.mf_recovery_codes is None
    mail = db.session.scalar(
        select(OutboxMessage).where(OutboxMessage.recipient == "collega@register.example")
    )
    assert "opnieuw" in mail.body
    entry = db.session.scalar(
        select(AuditEntry).where(AuditEntry.action == "account.two_factor_reset")
    )
    assert entry.before["two_factor"] is True
    assert entry.after["two_factor"] is False

    other = app.test_client()
    fields = form_fields(other, "/inloggen")
    fields.update(email=colleague.email, password=DEFAULT_PASSWORD)
    other.post("/inloggen", data=fields)
    response = other.get("/beheer")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/tweestapsverificatie")


def test_invitations_are_rate_limited_per_staff_account(app, staff):
    with app_with_rate_limits(app, INVITATION_RATE_LIMIT="2 per hour") as limited:
        first, second = limited.test_client(), limited.test_client()
        log_in_through_forms(first, staff)
        log_in_through_forms(second, staff)
        # A failed form does not count: only invitations sent do.
        assert post_form(first, INVITE, name="", email="x@example.org").status_code == 400
        for n, client in enumerate((first, second)):
            response = post_form(
                client, INVITE, name="X", email=f"x{n}@example.org", roles="register_staff"
            )
            assert response.status_code == 302

        blocked = post_form(first, INVITE, name="X", email="x9@example.org", roles="editor")

        assert blocked.status_code == 429
        assert read(blocked).title.startswith("Te veel aanvragen")
        assert account_by_email("x9@example.org") is None
        colleague = make_account(RoleName.STAFF)
        db.session.commit()
        other = limited.test_client()
        log_in_through_forms(other, colleague)
        assert (
            post_form(
                other, INVITE, name="Y", email="y@example.org", roles="register_staff"
            ).status_code
            == 302
        )


def test_accounts_never_reach_public_pages_open_data_or_the_api(client, staff):
    editor = make_account(RoleName.EDITOR, email="verborgen.redacteur@linde.nl")
    initiative = make_initiative(name="De Linde")
    editor.initiatives.append(initiative)
    db.session.commit()
    from tests.entries.pages import publish

    publish()
    for url in (
        "/",
        "/initiatieven",
        f"/initiatieven/{initiative.slug}",
        "/open-data/initiatieven.csv",
        "/open-data/initiatieven.json",
        "/api/v1/initiatives",
        f"/api/v1/initiatives/{initiative.slug}",
        "/api/v1/changes",
    ):
        body = client.get(url).get_data(as_text=True)
        assert "verborgen.redacteur" not in body, url
        assert "beheerder@register.example" not in body, url
