"""The finder's snapshot notices a change-log entry that became visible after a higher id,
as happens when another server's transaction commits late (no commit in this process)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, insert, select

from register.entries.models import ChangeAction, ChangeLogEntry
from register.entries.snapshot import snapshot
from register.extensions import db
from tests.factories import make_initiative

pytestmark = pytest.mark.usefixtures("app_context")


def logged_elsewhere(entry_id: int, initiative) -> None:
    """Written over a connection of its own: no session event, like another server."""
    with db.engine.begin() as connection:
        connection.execute(
            insert(ChangeLogEntry).values(
                id=entry_id,
                initiative_id=initiative.id,
                slug=initiative.slug,
                action=ChangeAction.UPDATED,
                fields=[],
            )
        )


def test_a_late_lower_id_rebuilds_the_snapshot():
    initiative = make_initiative()
    db.session.commit()
    late_id = db.session.scalar(select(func.max(ChangeLogEntry.id))) + 1
    logged_elsewhere(late_id + 1, initiative)
    before = snapshot()
    assert snapshot() is before  # nothing changed: kept

    logged_elsewhere(late_id, initiative)

    assert snapshot() is not before
