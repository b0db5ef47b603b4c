"""Lock an account for a while after repeated failed log-ins (password or two-factor code).

Flask-Security reports each failure through ``user_failed_authn`` and each success through
``user_authenticated``; the handlers commit at once, because a failed log-in ends its request
without any other commit."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from flask import current_app, flash, has_request_context
from flask_babel import gettext
from flask_security.signals import user_authenticated, user_failed_authn

from register.entries.models import utcnow
from register.extensions import db
from register.i18n import format_datetime


def _as_utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)  # SQLite drops the zone


def is_locked(account) -> bool:
    return account.locked_until is not None and _as_utc(account.locked_until) > utcnow()


def tell_locked(account, form_error: list[str] | None) -> None:
    message = locked_message(account)
    if form_error is not None:
        form_error.append(message)
    if has_request_context():
        flash(message, "warning")


def locked_message(account) -> str:
    return gettext(
        "Dit account is tijdelijk geblokkeerd na te veel mislukte pogingen. "
        "Probeer het na %(time)s opnieuw, of vraag een nieuw wachtwoord aan.",
        time=format_datetime(_as_utc(account.locked_until), "short"),
    )


def _count_failure(_sender, user, **_extra) -> None:
    user.failed_login_count = (user.failed_login_count or 0) + 1
    if user.failed_login_count >= current_app.config["ACCOUNT_LOCK_AFTER"]:
        user.locked_until = utcnow() + timedelta(minutes=current_app.config["ACCOUNT_LOCK_MINUTES"])
        user.failed_login_count = 0
    db.session.commit()


def _reset_failures(_sender, user, **_extra) -> None:
    if user.failed_login_count or user.locked_until:
        user.failed_login_count = 0
        user.locked_until = None
        db.session.commit()


def connect(app) -> None:
    user_failed_authn.connect(_count_failure, app)
    user_authenticated.connect(_reset_failures, app)
