"""Who the register writes to about an entry, and where the e-mail sends them.

Used by the freshness reminders and by the notice of a rejected claim. E-mails are queued
from requests and from cron alike, so links cannot rely on a request being there."""

from __future__ import annotations

from flask import current_app, has_request_context, request
from sqlalchemy import select

from register.accounts.models import Account, initiative_editor
from register.extensions import db

PORTAL_ENDPOINT = "portal.home"


def editors_of(initiative_id: int) -> list[Account]:
    """The active accounts that edit the initiative, by e-mail address."""
    return list(
        db.session.scalars(
            select(Account)
            .join(initiative_editor, initiative_editor.c.account_id == Account.id)
            .where(initiative_editor.c.initiative_id == initiative_id, Account.active)
            .order_by(Account.email)
        )
    )


def portal_link() -> str:
    """The portal's full address when the register knows its own (``PUBLIC_BASE_URL``, the
    request being answered, or ``SERVER_NAME``), else its path."""
    path = _portal_path()
    base = current_app.config.get("PUBLIC_BASE_URL", "").rstrip("/")
    if not base and has_request_context():
        base = request.host_url.rstrip("/")
    elif not base and current_app.config.get("SERVER_NAME"):
        scheme = current_app.config.get("PREFERRED_URL_SCHEME", "https")
        base = f"{scheme}://{current_app.config['SERVER_NAME']}"
    return base + path


def _portal_path() -> str:
    # Bound without a request or SERVER_NAME: cron has neither.
    return current_app.url_map.bind("localhost", script_name="/").build(PORTAL_ENDPOINT)
