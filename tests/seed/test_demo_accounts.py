"""`flask seed demo` gives one account per role that the README lists, and refuses them in
production."""

from __future__ import annotations

from sqlalchemy import select

from register.accounts.models import Account
from register.accounts.roles import RoleName
from register.extensions import db
from register.seed.demo_accounts import (
    DEMO_ACCOUNTS,
    DEMO_PASSWORD,
    DEMO_TOTP_SECRET,
    demo_initiative,
)


def test_seed_demo_creates_one_account_per_role_once(runner, app_context):
    first = runner.invoke(args=["seed", "demo", "--count", "60"])
    second = runner.invoke(args=["seed", "demo", "--count", "5", "--if-empty"])

    assert first.exit_code == 0, first.output
    assert second.exit_code == 0, second.output
    accounts = db.session.scalars(select(Account)).all()
    assert sorted(a.email for a in accounts) == sorted(d.email for d in DEMO_ACCOUNTS)
    assert {role.name for a in accounts for role in a.roles} == {r.value for r in RoleName}
    assert all(a.verify_and_update_password(DEMO_PASSWORD) for a in accounts)


def test_demo_editors_edit_the_parents_initiative_the_readme_names(runner, app_context):
    runner.invoke(args=["seed", "demo", "--count", "60"])

    initiative = demo_initiative()
    editors = db.session.scalars(
        select(Account).where(Account.email.in_(["redacteur@demo.example", "collega@demo.example"]))
    ).all()
    assert initiative is not None
    assert all(editor.initiatives == [initiative] for editor in editors)
    verifier = db.session.scalar(select(Account).where(Account.email == "vereniging@demo.example"))
    assert verifier.association.key == "bvkz"


def test_staff_and_inspector_demo_accounts_use_the_published_totp_secret(runner, app_context):
    from passlib.totp import TOTP

    from register.accounts.setup import security

    runner.invoke(args=["seed", "demo", "--count", "5"])
    staff = db.session.scalar(select(Account).where(Account.email == "beheer@demo.example"))

    code = TOTP(key=DEMO_TOTP_SECRET, format="base32").generate().token
    assert security.totp_factory.verify_totp(
        token=code, totp_secret=staff.tf_totp_secret, user=staff, window=1
    )


def test_production_refuses_demo_accounts(runner, app, app_context, monkeypatch):
    monkeypatch.setitem(app.config, "ALLOW_DEMO_ACCOUNTS", False)

    result = runner.invoke(args=["seed", "demo", "--count", "5"])

    assert result.exit_code != 0
    assert "production" in result.output
    assert db.session.scalar(select(Account)) is None
