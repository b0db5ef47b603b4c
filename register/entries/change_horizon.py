"""How far the change log can be read without ever skipping an entry that commits later.

Change-log ids come from a sequence when a transaction *writes* its entry, not when it
commits. On PostgreSQL, transaction A can take id 10, transaction B id 11, and B can commit
first: a reader that then moves its cursor to 11 would never see 10. So readers that keep a
cursor (the change feed, every server's search sync) move it only up to the *settled
horizon*: the highest id below which every entry that will ever commit has committed.

An entry counts as settled once it was written more than ``CHANGES_SETTLE_SECONDS`` ago
and, on PostgreSQL, before the start of the oldest transaction that is still writing to the
change log (found in ``pg_locks``; when ``pg_stat_activity`` does not tell its start, because
it runs as another database role, it counts as starting now): such a transaction may hold a
lower id that is not visible yet. The horizon stops just before the first unsettled entry.
What remains assumed: the app servers' clocks agree with the database's within the settle
time (NTP), and a transaction takes its id within that time of stamping ``changed_at``.

SQLite lets one writer at a time through until it commits, so there ids are commit-ordered
and only the settle time applies.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from flask import current_app
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from register.entries.models import ChangeLogEntry

_OLDEST_WRITER = text(
    """
    SELECT min(coalesce(activity.xact_start, statement_timestamp()))
    FROM pg_locks AS lock
    JOIN pg_stat_activity AS activity ON activity.pid = lock.pid
    WHERE lock.locktype = 'relation'
      AND lock.database = (SELECT oid FROM pg_database WHERE datname = current_database())
      AND lock.relation = to_regclass('change_log')
      AND lock.mode = 'RowExclusiveLock'
      AND lock.pid <> pg_backend_pid()
    """
)


def settled_cutoff(session: Session) -> datetime:
    """Entries stamped at or before this moment are settled (see the module docstring)."""
    settle = timedelta(seconds=current_app.config["CHANGES_SETTLE_SECONDS"])
    cutoff = datetime.now(UTC)
    if session.get_bind().dialect.name == "postgresql":
        # pg_stat_activity is read once per transaction unless told to read it afresh.
        session.execute(text("SELECT pg_stat_clear_snapshot()"))
        oldest_writer = session.execute(_OLDEST_WRITER).scalar()
        if oldest_writer is not None:
            cutoff = min(cutoff, oldest_writer)
    return cutoff - settle


def settled_horizon(session: Session, after_id: int = 0) -> int:
    """The highest change-log id a reader may move its cursor to (``after_id`` at least):
    the last visible entry before the first unsettled one. Not that entry's id minus one:
    the ids in between may belong to transactions still in flight."""
    cutoff = settled_cutoff(session)
    first_unsettled = session.scalar(
        select(func.min(ChangeLogEntry.id)).where(
            ChangeLogEntry.id > after_id, ChangeLogEntry.changed_at > cutoff
        )
    )
    settled = select(func.max(ChangeLogEntry.id)).where(ChangeLogEntry.id > after_id)
    if first_unsettled is not None:
        settled = settled.where(ChangeLogEntry.id < first_unsettled)
    return session.scalar(settled) or after_id
