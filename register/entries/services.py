"""Writes to the register. Functions here flush; the caller (view or command) commits."""

from __future__ import annotations

from collections.abc import Iterable

from register.entries.models import ChangeAction, ChangeLogEntry, Initiative, utcnow
from register.extensions import db


def record_change(
    initiative: Initiative, action: ChangeAction, fields: Iterable[str] = ()
) -> ChangeLogEntry:
    """Log a change to a published initiative; search indexes and API mirrors follow this log.

    Call it in the same transaction as the change itself, so the log never disagrees with
    the data.
    """
    # Changes to child rows (visits, marks, statements) do not touch the initiative's own
    # columns, yet they are changes to the published entry: "last updated" must show them.
    initiative.updated_at = utcnow()
    if initiative.id is None:
        db.session.flush()
    entry = ChangeLogEntry(
        initiative_id=initiative.id,
        slug=initiative.slug,
        action=action,
        fields=",".join(sorted(set(fields))),
    )
    db.session.add(entry)
    db.session.flush()
    return entry
