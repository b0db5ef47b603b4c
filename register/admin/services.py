"""Accounts as staff manage them. Functions flush; the view commits. Each one writes an audit
entry with the account before and after, and queues the e-mail the person must get."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from flask import url_for
from flask_babel import gettext as _
from flask_security.recoverable import generate_reset_password_token
from sqlalchemy import func, or_, select

from register.accounts.models import Account, Role
from register.accounts.roles import RoleName
from register.accounts.setup import datastore
from register.audit import services as audit
from register.entries.models import Association, Initiative
from register.extensions import db
from register.mail import outbox


class AccountRuleBroken(ValueError):
    """A change staff may not make (to their own account, or an address in use)."""


def find_by_email(email: str) -> Account | None:
    return db.session.scalar(
        select(Account).where(func.lower(Account.email) == email.strip().lower())
    )


def search_accounts(text: str = "", role: str = "", limit: int = 200) -> list[Account]:
    """Accounts whose name or e-mail address contains ``text``, optionally with ``role``."""
    query = select(Account).order_by(func.lower(Account.name), Account.email).limit(limit)
    if text:
        pattern = f"%{text.strip().lower()}%"
        query = query.where(
            or_(func.lower(Account.name).like(pattern), func.lower(Account.email).like(pattern))
        )
    if role:
        query = query.where(Account.roles.any(Role.name == role))
    return list(db.session.scalars(query))


def search_initiatives(text: str, limit: int = 20) -> list[Initiative]:
    """Initiatives by part of their name or by KvK number (for assigning editors)."""
    text = text.strip()
    if not text:
        return []
    digits = text.replace(" ", "")
    condition = func.lower(Initiative.name).like(f"%{text.lower()}%")
    if digits.isdigit():
        condition = or_(condition, Initiative.kvk_number == digits)
    return list(
        db.session.scalars(
            select(Initiative).where(condition).order_by(Initiative.name).limit(limit)
        )
    )


def snapshot(account: Account) -> dict[str, Any]:
    """What the audit log keeps of an account: never its password or secrets."""
    return {
        "name": account.name,
        "email": account.email,
        "roles": sorted(role.name for role in account.roles),
        "active": account.active,
        "initiatives": sorted(initiative.id for initiative in account.initiatives),
        "association": account.association.key if account.association else None,
        "two_factor": account.tf_primary_method is not None,
        "password_set": account.password is not None,
    }


def create_account(
    name: str,
    email: str,
    roles: Iterable[str],
    initiatives: Iterable[Initiative] = (),
    association: Association | None = None,
) -> Account:
    """An active account without a password: the person chooses one through the invitation."""
    if find_by_email(email) is not None:
        raise AccountRuleBroken(_("Er is al een account met dit e-mailadres."))
    account = datastore.create_user(
        email=email.strip().lower(), name=name, password=None, roles=[str(r) for r in roles]
    )
    account.initiatives = list(initiatives)
    account.association = association
    db.session.flush()
    return account


def send_invitation(account: Account) -> None:
    """Queue the e-mail with the link to choose a password: Flask-Security's reset link,
    valid for SECURITY_RESET_PASSWORD_WITHIN."""
    token = generate_reset_password_token(account)
    link = url_for("security.reset_password", token=token, _external=True)
    body = _(
        "Beste %(name)s,\n\n"
        "U heeft een account gekregen bij het Register Wooninitiatieven.\n"
        "Kies uw wachtwoord via deze link:\n\n%(link)s\n\n"
        "De link is 3 dagen geldig. Is hij verlopen? Vraag dan op de inlogpagina een nieuw "
        "wachtwoord aan met dit e-mailadres.\n\n"
        "Heeft u dit niet verwacht? Dan kunt u deze e-mail negeren.\n\n"
        "Register Wooninitiatieven",
        name=account.name or account.email,
        link=link,
    )
    outbox.queue(account.email, _("Uw account bij het Register Wooninitiatieven"), body)


def invite(
    name: str,
    email: str,
    roles: Iterable[str],
    initiatives: Iterable[Initiative] = (),
    association: Association | None = None,
) -> Account:
    account = create_account(name, email, roles, initiatives, association)
    send_invitation(account)
    audit.record(
        "account.invited",
        target_type="account",
        target_id=account.id,
        summary=_("%(email)s uitgenodigd", email=account.email),
        after=snapshot(account),
    )
    return account


def resend_invitation(account: Account) -> None:
    """A new link for someone who has not chosen a password yet (the old one expired)."""
    send_invitation(account)
    audit.record(
        "account.invitation_resent",
        target_type="account",
        target_id=account.id,
        summary=_("Uitnodiging opnieuw verstuurd naar %(email)s", email=account.email),
    )


def update_account(
    account: Account,
    actor: Account,
    *,
    name: str,
    roles: Iterable[str],
    initiatives: Iterable[Initiative],
    association: Association | None,
) -> None:
    """Change name, roles and assignments. Staff cannot take away their own staff role."""
    roles = {str(role) for role in roles}
    if account.id == actor.id and RoleName.STAFF not in roles:
        raise AccountRuleBroken(_("U kunt uw eigen rol als medewerker niet weghalen."))
    before = snapshot(account)
    account.name = name
    for role in list(account.roles):
        if role.name not in roles:
            datastore.remove_role_from_user(account, role)
    for role in roles:
        datastore.add_role_to_user(account, role)
    account.initiatives = list(initiatives) if RoleName.EDITOR in roles else []
    account.association = association if RoleName.VERIFIER in roles else None
    db.session.flush()
    record_account_change(
        "account.updated", account, _("Account %(email)s gewijzigd", email=account.email), before
    )


def record_account_change(action: str, account: Account, summary: str, before: dict) -> None:
    """An audit entry for a change to ``account``, with its state before and after."""
    audit.record(
        action,
        target_type="account",
        target_id=account.id,
        summary=summary,
        before=before,
        after=snapshot(account),
    )


def _end_sessions(account: Account) -> None:
    """A new fs_uniquifier: every session and remember cookie of the account stops working."""
    account.fs_uniquifier = uuid.uuid4().hex


def deactivate(account: Account, actor: Account) -> None:
    if account.id == actor.id:
        raise AccountRuleBroken(_("U kunt uw eigen account niet deactiveren."))
    before = snapshot(account)
    account.active = False
    _end_sessions(account)
    db.session.flush()
    record_account_change(
        "account.deactivated",
        account,
        _("Account %(email)s gedeactiveerd", email=account.email),
        before,
    )


def reactivate(account: Account) -> None:
    before = snapshot(account)
    account.active = True
    account.failed_login_count = 0
    account.locked_until = None
    db.session.flush()
    record_account_change(
        "account.reactivated",
        account,
        _("Account %(email)s weer actief", email=account.email),
        before,
    )


def reset_two_factor(account: Account) -> None:
    """Forget the authenticator app and the recovery codes: at the next log-in the person
    sets up two-factor authentication again (staff and inspectors must)."""
    before = snapshot(account)
    account.tf_primary_method = None
    account.tf_totp_secret = None
    account.mf_recovery_codes = None
    db.session.flush()
    outbox.queue(
        account.email,
        _("Tweestapsverificatie opnieuw instellen"),
        _(
            "Beste %(name)s,\n\n"
            "Een medewerker van het Register Wooninitiatieven heeft de tweestapsverificatie "
            "van uw account uitgezet. De volgende keer dat u inlogt, stelt u die opnieuw in "
            "met een app op uw telefoon.\n\n"
            "Heeft u hier niet om gevraagd? Neem dan contact op met het register.\n\n"
            "Register Wooninitiatieven",
            name=account.name or account.email,
        ),
    )
    record_account_change(
        "account.two_factor_reset",
        account,
        _("Tweestapsverificatie van %(email)s uitgezet", email=account.email),
        before,
    )
