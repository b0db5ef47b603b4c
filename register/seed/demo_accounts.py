"""One demo account per role, for trying the site (``flask seed demo``). Never in production:
``ALLOW_DEMO_ACCOUNTS`` is off there and ``create_demo_accounts`` refuses.

The README lists these addresses, the shared password and the TOTP secret, so anyone can log
in with an authenticator app. The editors edit the first parents' initiative that has a
membership of BVKZ (the demo data are deterministic, so it is always the same one)."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app
from flask_security.utils import hash_password
from sqlalchemy import select

from register.accounts.models import Account
from register.accounts.roles import RoleName
from register.accounts.setup import datastore, security
from register.entries.models import Association, Initiative, Kind, Membership
from register.extensions import db

DEMO_PASSWORD = "demo-Wachtwoord-2026"
# Base32, to type into an authenticator app (staff and inspector accounts).
DEMO_TOTP_SECRET = "REGISTERDEMOTOTP"
DEMO_ASSOCIATION = "bvkz"
DEMO_KIND = "relatives_residents"


@dataclass(frozen=True)
class DemoAccount:
    email: str
    name: str
    role: RoleName
    two_factor: bool = False


DEMO_ACCOUNTS = (
    DemoAccount("redacteur@demo.example", "Marieke (demo)", RoleName.EDITOR),
    DemoAccount("collega@demo.example", "Jan (demo)", RoleName.EDITOR),
    DemoAccount("vereniging@demo.example", "BVKZ-controleur (demo)", RoleName.VERIFIER),
    DemoAccount("beheer@demo.example", "Register (demo)", RoleName.STAFF, two_factor=True),
    DemoAccount("inspectie@demo.example", "Ahmed (demo)", RoleName.INSPECTOR, two_factor=True),
    DemoAccount(
        "inspectiebeheer@demo.example",
        "Inspectiebeheer (demo)",
        RoleName.INSPECTION_ADMIN,
        two_factor=True,
    ),
)


class DemoAccountsRefused(RuntimeError):
    pass


def ensure_roles() -> None:
    """The roles exist (idempotent; migrations and every seed call this)."""
    for role in RoleName:
        datastore.find_or_create_role(name=role.value)


def demo_initiative() -> Initiative | None:
    return db.session.scalar(
        select(Initiative)
        .join(Initiative.kind)
        .join(Initiative.memberships)
        .join(Membership.association)
        .where(Kind.key == DEMO_KIND, Association.key == DEMO_ASSOCIATION)
        .order_by(Initiative.id)
        .limit(1)
    )


def create_demo_accounts() -> list[Account]:
    """Add the demo accounts that do not exist yet. Flushes; the caller commits."""
    if not current_app.config.get("ALLOW_DEMO_ACCOUNTS"):
        raise DemoAccountsRefused("Demo accounts cannot be created in production.")
    ensure_roles()
    initiative = demo_initiative()
    association = db.session.scalar(select(Association).where(Association.key == DEMO_ASSOCIATION))
    created = []
    # argon2 is slow on purpose; the accounts share the password, so they share one hash.
    password_hash = None
    for demo in DEMO_ACCOUNTS:
        if datastore.find_user(email=demo.email) is not None:
            continue
        password_hash = password_hash or hash_password(DEMO_PASSWORD)
        account = datastore.create_user(
            email=demo.email,
            name=demo.name,
            password=password_hash,
            roles=[demo.role.value],
        )
        if demo.role is RoleName.EDITOR and initiative is not None:
            account.initiatives.append(initiative)
        if demo.role is RoleName.VERIFIER:
            account.association = association
        if demo.two_factor:
            account.tf_primary_method = "authenticator"
            account.tf_totp_secret = totp_secret_from_base32(DEMO_TOTP_SECRET)
        created.append(account)
    db.session.flush()
    return created


def totp_secret_from_base32(key: str) -> str:
    """The stored (encrypted) form of a TOTP secret that is known in base32."""
    totp_class = security.totp_factory._totp  # passlib's TOTP, configured with our secrets
    return totp_class(key=key, format="base32").to_json(encrypt=True)
