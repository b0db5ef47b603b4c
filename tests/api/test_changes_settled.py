"""/api/v1/changes never skips an entry whose transaction commits after a later id became
visible: it hands out entries only up to the settled horizon."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from factories import make_initiative
from sqlalchemy.orm import Session

from register.entries.models import ChangeAction, ChangeLogEntry
from register.extensions import db

pytestmark = pytest.mark.usefixtures("app_context")


def poll(client, after_id: int) -> dict:
    response = client.get(f"/api/v1/changes?since=2000-01-01T00:00:00Z&after_id={after_id}")
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def entry_for(initiative, **extra) -> ChangeLogEntry:
    return ChangeLogEntry(
        initiative_id=initiative.id, slug=initiative.slug, action=ChangeAction.UPDATED, **extra
    )


@pytest.fixture
def two_initiatives():
    first, second = make_initiative(name="De Linde"), make_initiative(name="Het Anker")
    db.session.commit()
    return first, second


def test_entries_younger_than_the_settle_time_wait(client, app, two_initiatives, monkeypatch):
    first, second = two_initiatives
    cursor = poll(client, 0)["meta"]["last_id"]
    old = entry_for(first, changed_at=datetime.now(UTC) - timedelta(minutes=5))
    db.session.add(old)
    db.session.add(entry_for(second))
    db.session.commit()
    monkeypatch.setitem(app.config, "CHANGES_SETTLE_SECONDS", 60)

    body = poll(client, cursor)

    assert [change["id"] for change in body["data"]] == [old.id]
    assert body["meta"]["last_id"] == old.id
    assert body["links"]["next"] is None


def test_an_unsettled_entry_also_holds_back_older_later_ids(
    client, app, two_initiatives, monkeypatch
):
    """The horizon stops at the first young entry, even when a later id looks old."""
    first, second = two_initiatives
    cursor = poll(client, 0)["meta"]["last_id"]
    db.session.add(entry_for(first))
    db.session.flush()
    db.session.add(entry_for(second, changed_at=datetime.now(UTC) - timedelta(minutes=5)))
    db.session.commit()
    monkeypatch.setitem(app.config, "CHANGES_SETTLE_SECONDS", 60)

    assert poll(client, cursor)["data"] == []


def test_a_transaction_that_commits_late_is_not_skipped(client, app, two_initiatives):
    """T1 takes the lower id, T2 the higher one and commits first; a poll in between must
    not move the cursor past T1's entry, and the next poll after T1's commit brings it."""
    if db.engine.dialect.name != "postgresql":
        pytest.skip("needs two concurrent writers: PostgreSQL (TEST_DATABASE_URL)")
    first, second = two_initiatives
    cursor = poll(client, 0)["meta"]["last_id"]
    with Session(db.engine) as t1, Session(db.engine) as t2:
        late = entry_for(first)
        t1.add(late)
        t1.flush()  # T1 holds the lower id, uncommitted
        early = entry_for(second)
        t2.add(early)
        t2.commit()  # T2, with the higher id, is visible first
        late_id, early_id = late.id, early.id
        assert late_id < early_id

        between = poll(client, cursor)
        assert between["data"] == []
        cursor = between["meta"]["last_id"]

        t1.commit()
        after = poll(client, cursor)

    assert [change["id"] for change in after["data"]] == [late_id, early_id]
