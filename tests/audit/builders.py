"""Audit entries as the features write them, at a chosen time."""

from __future__ import annotations

from datetime import UTC, datetime

from register.audit.services import record


class Actor:
    def __init__(self, email: str, id_: int | None = None):
        self.email, self.id = email, id_


def add_entry(at: datetime, *, by: str = "redacteur@example.org", **fields):
    entry = record(fields.pop("action", "revision.submit"), actor=Actor(by), **fields)
    entry.at = at.replace(tzinfo=UTC) if at.tzinfo is None else at
    return entry
