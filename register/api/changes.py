"""The change log as a feed for mirrors: what changed after a moment, in log order."""

from __future__ import annotations

from sqlalchemy import select

from register.api.params import ChangesQuery
from register.entries.change_horizon import settled_horizon
from register.entries.models import ChangeLogEntry
from register.extensions import db


def changes_page(query: ChangesQuery) -> tuple[list[ChangeLogEntry], bool]:
    """One page of settled log entries after ``query.since`` and ``query.after_id``, by id;
    and whether more settled entries follow.

    Only entries up to the settled horizon are handed out, so a client that continues from
    the last id it received never skips an entry whose transaction committed late.
    """
    horizon = settled_horizon(db.session, query.after_id)
    entries = list(
        db.session.scalars(
            select(ChangeLogEntry)
            .where(
                ChangeLogEntry.changed_at > query.since,
                ChangeLogEntry.id > query.after_id,
                ChangeLogEntry.id <= horizon,
            )
            .order_by(ChangeLogEntry.id)
            .limit(query.limit + 1)
        )
    )
    return entries[: query.limit], len(entries) > query.limit
