"""Write audit entries. Callers pass plain JSON-able values; the view commits."""

from __future__ import annotations

from typing import Any

from flask import has_request_context
from flask_login import current_user

from register.audit.models import AuditEntry
from register.extensions import db


def record(action: str, **details: Any) -> AuditEntry:
    """Log an action (flushed); ``details`` as for ``entry_values``."""
    entry = AuditEntry(**entry_values(action, **details))
    db.session.add(entry)
    db.session.flush()
    return entry


def entry_values(
    action: str,
    *,
    target_type: str = "",
    target_id: int | None = None,
    initiative_id: int | None = None,
    summary: str = "",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    actor: Any = None,
) -> dict[str, Any]:
    """The columns of an entry logging an action by ``actor`` (default: the logged-in
    account; None for the system); ``record`` adds one, bulk writers use them as a row."""
    if actor is None and has_request_context() and current_user.is_authenticated:
        actor = current_user
    return {
        "actor_account_id": getattr(actor, "id", None),
        "actor_email": getattr(actor, "email", "") or "",
        "action": action,
        "target_type": target_type,
        "target_id": target_id,
        "initiative_id": initiative_id,
        "summary": summary,
        "before": before,
        "after": after,
    }
