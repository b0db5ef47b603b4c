"""Logging in and out, two-factor authentication, the account lock, password rules and the
reset link: what a person with an account meets at /inloggen."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from register.accounts.models import Account
from register.accounts.roles import RoleName
from register.entries.models import utcnow
from register.extensions import db
from register.mail.models import OutboxMessage
from tests.accounts.support import current_totp, form_fields, log_out
from tests.entries.pages import read
from tests.factories import DEFAULT_PASSWORD, make_account


@pytest.fixture
def editor(app_context):
    account = make_account(RoleName.EDITOR, email="marieke@example.org")
    db.session.commit()
    return account


def post_login(client, email, password):
    fields = form_fields(client, "/inloggen")
    fields.update(email=email, password=password)
    return client.post("/inloggen", data=fields)


def test_log_in_form_has_the_autocomplete_hints_password_managers_need(client):
    page = read(client.get("/inloggen"))

    assert page.has("input", name="email", autocomplete="username")
    assert page.has("input", name="password", autocomplete="current-password")
    assert page.title.startswith("Inloggen")


def test_editor_logs_in_and_out(client, editor):
    response = post_login(client, "marieke@example.org", DEFAULT_PASSWORD)
    assert response.status_code == 302

    account_page = read(client.get("/account"))
    assert "marieke@example.org" in account_page.text

    log_out(client)
    assert client.get("/account").status_code == 302


def test_wrong_password_gets_an_error_summary_and_keeps_the_address(client, editor):
    response = post_login(client, "marieke@example.org", "not-the-password-at-all")

    page = read(response)
    assert response.status_code == 200
    assert page.title.startswith("Fout:")
    assert "Er is een probleem" in page.text
    assert page.has("input", name="email", value="marieke@example.org")


def test_unknown_address_gets_the_same_message_as_a_wrong_password(client, editor):
    unknown = read(post_login(client, "nobody@example.org", "not-the-password-at-all"))
    wrong = read(post_login(client, "marieke@example.org", "not-the-password-at-all"))

    def summary(page):
        return page.text.split("Er is een probleem", 1)[1][:120]

    assert summary(unknown) == summary(wrong)


def test_log_in_without_csrf_token_is_refused(client, editor):
    response = client.post(
        "/inloggen", data={"email": "marieke@example.org", "password": DEFAULT_PASSWORD}
    )

    assert client.get("/account").status_code == 302
    assert response.status_code in (200, 400)


def test_repeated_failures_lock_the_account_even_for_the_right_password(app, client, editor):
    for _attempt in range(app.config["ACCOUNT_LOCK_AFTER"]):
        post_login(client, "marieke@example.org", "not-the-password-at-all")

    response = post_login(client, "marieke@example.org", DEFAULT_PASSWORD)

    assert "tijdelijk geblokkeerd" in read(response).text
    assert client.get("/account").status_code == 302


def test_the_lock_runs_out(app, client, editor):
    editor.locked_until = utcnow() - timedelta(minutes=1)
    db.session.commit()

    assert post_login(client, "marieke@example.org", DEFAULT_PASSWORD).status_code == 302


def test_staff_must_give_the_code_from_their_app(client, app_context):
    staff = make_account(RoleName.STAFF, email="staff@example.org")
    db.session.commit()

    response = post_login(client, "staff@example.org", DEFAULT_PASSWORD)
    assert response.status_code == 302
    assert response.location.startswith("/inloggen/code")
    code_page = read(client.get("/inloggen/code"))
    assert code_page.has("input", name="code", autocomplete="one-time-code")
    assert client.get("/account").status_code == 302  # not logged in before the code

    fields = form_fields(client, "/inloggen/code")
    fields["code"] = "000000" if current_totp(staff) != "000000" else "111111"
    wrong = client.post("/inloggen/code", data=fields)
    assert wrong.status_code == 200
    assert read(wrong).title.startswith("Fout:")

    fields["code"] = current_totp(staff)
    assert client.post("/inloggen/code", data=fields).status_code == 302
    assert client.get("/account").status_code == 200


def test_staff_without_two_factor_only_reach_its_set_up(client, app_context):
    staff = make_account(RoleName.STAFF, email="new-staff@example.org", two_factor=False)
    db.session.commit()

    post_login(client, staff.email, DEFAULT_PASSWORD)

    response = client.get("/account")
    assert response.status_code == 302
    assert response.location.endswith("/tweestapsverificatie")
    assert client.get("/tweestapsverificatie").status_code == 200


def test_two_factor_set_up_shows_a_qr_code_and_the_key_to_type(client, app_context):
    staff = make_account(RoleName.STAFF, email="setup@example.org", two_factor=False)
    db.session.commit()
    post_login(client, staff.email, DEFAULT_PASSWORD)

    fields = form_fields(client, "/tweestapsverificatie")
    response = client.post("/tweestapsverificatie", data=fields)

    page = read(response)
    assert response.status_code == 200
    assert page.has("input", name="code", autocomplete="one-time-code")
    assert "Sleutel:" in page.text


def test_a_forgotten_password_link_arrives_through_the_outbox(client, editor):
    fields = form_fields(client, "/wachtwoord-vergeten")
    fields["email"] = "marieke@example.org"
    response = client.post("/wachtwoord-vergeten", data=fields)
    assert response.status_code in (200, 302)

    message = db.session.scalar(select(OutboxMessage))
    assert message.recipient == "marieke@example.org"
    assert "/wachtwoord-vergeten/" in message.body


def test_an_unknown_address_asking_for_a_reset_gets_no_mail_and_no_hint(client, editor):
    fields = form_fields(client, "/wachtwoord-vergeten")
    fields["email"] = "nobody@example.org"
    response = client.post("/wachtwoord-vergeten", data=fields)

    assert response.status_code in (200, 302)
    assert db.session.scalar(select(OutboxMessage)) is None


@pytest.mark.parametrize(
    "new_password",
    ["kort", "wachtwoord12", "password1234", "aaaaaaaaaaaaaaaa"],
    ids=["too-short", "common-dutch", "common", "repeated"],
)
def test_weak_passwords_are_refused_with_a_reason(client, editor, new_password):
    post_login(client, "marieke@example.org", DEFAULT_PASSWORD)
    fields = form_fields(client, "/wachtwoord-wijzigen")
    fields.update(
        password=DEFAULT_PASSWORD, new_password=new_password, new_password_confirm=new_password
    )

    response = client.post("/wachtwoord-wijzigen", data=fields)

    page = read(response)
    assert page.title.startswith("Fout:")
    assert page.has("input", name="new_password", autocomplete="new-password")
    assert db.session.get(Account, editor.id).verify_and_update_password(DEFAULT_PASSWORD)


def test_a_strong_password_change_ends_other_sessions(app, client, editor):
    other_browser = app.test_client()
    post_login(other_browser, "marieke@example.org", DEFAULT_PASSWORD)
    post_login(client, "marieke@example.org", DEFAULT_PASSWORD)
    fields = form_fields(client, "/wachtwoord-wijzigen")
    new = "paarse olifanten dansen op zolder"
    fields.update(password=DEFAULT_PASSWORD, new_password=new, new_password_confirm=new)

    response = client.post("/wachtwoord-wijzigen", data=fields)

    assert response.status_code == 302
    assert other_browser.get("/account").status_code == 302


def test_a_deactivated_account_cannot_log_in(client, editor):
    editor.active = False
    db.session.commit()

    response = post_login(client, "marieke@example.org", DEFAULT_PASSWORD)

    assert response.status_code == 200
    assert client.get("/account").status_code == 302


def test_public_pages_set_no_session_cookie_now_that_accounts_exist(client):
    """Flask-Login and Flask-Security must not give anonymous visitors a session."""
    for url in ("/", "/initiatieven", "/open-data", "/over"):
        response = client.get(url)
        assert "session=" not in response.headers.get("Set-Cookie", ""), url
