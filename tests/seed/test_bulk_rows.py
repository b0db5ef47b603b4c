"""Rows written in bulk (``register.bulk``: ``COPY`` on PostgreSQL, an executemany on SQLite)
are what an ``INSERT`` writes, the change feed hears of them, and rows added later through
the ORM get new ids. Run with TEST_DATABASE_URL to cover the ``COPY`` path."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from register.bulk import insert_rows, insert_rows_with_ids
from register.entries.changes import change_logged
from register.entries.models import (
    ChangeAction,
    ChangeLogEntry,
    Initiative,
    Kind,
    Source,
    Statement,
    VacancyStatus,
    Visit,
    VisitBody,
    VisitType,
)
from register.extensions import db
from register.seed.demo import generate_demo
from tests.factories import DEVENTER, by_key, make_initiative

TODAY = date(2026, 11, 22)


def test_bulk_rows_are_what_an_insert_writes(app_context):
    initiative = make_initiative()
    rows = [
        {"initiative_id": initiative.id, "slug": f"bulk-{n}", "action": ChangeAction.UPDATED}
        for n in range(3)
    ]
    db.session.execute(ChangeLogEntry.__table__.insert(), [{**rows[0], "slug": "insert"}])
    insert_rows(ChangeLogEntry.__table__, rows)
    db.session.commit()

    entries = db.session.scalars(
        select(ChangeLogEntry)
        .where(ChangeLogEntry.action == ChangeAction.UPDATED)
        .order_by(ChangeLogEntry.id)
    ).all()
    assert [entry.slug for entry in entries] == ["insert", "bulk-0", "bulk-1", "bulk-2"]
    # Python-side defaults (a list, an enum, a timestamp) filled in as the INSERT did.
    assert {(entry.fields == [], entry.source) for entry in entries} == {(True, Source.SYSTEM)}
    assert all(entry.changed_at >= entries[0].changed_at for entry in entries)


def test_bulk_rows_reach_the_change_feed(app_context):
    initiative = make_initiative()
    db.session.commit()
    heard = []
    with change_logged.connected_to(lambda sender: heard.append(sender)):
        insert_rows(
            ChangeLogEntry.__table__,
            [
                {
                    "initiative_id": initiative.id,
                    "slug": initiative.slug,
                    "action": ChangeAction.UPDATED,
                }
            ],
        )
        db.session.commit()
    assert len(heard) == 1


def test_ids_given_to_bulk_rows_are_theirs(app_context):
    kind_id = by_key(Kind, "relatives_residents").id
    ids = insert_rows_with_ids(
        Initiative.__table__,
        [_initiative_row(f"bulk-{n}", kind_id) for n in range(3)],
    )
    assert dict(db.session.execute(select(Initiative.slug, Initiative.id)).all()) == {
        "bulk-0": ids[0],
        "bulk-1": ids[1],
        "bulk-2": ids[2],
    }


def test_bulk_ids_do_not_collide_with_objects_added_before(app_context):
    kind_id = by_key(Kind, "relatives_residents").id
    pending = Initiative(**_initiative_row("pending", kind_id))
    db.session.add(pending)
    ids = insert_rows_with_ids(Initiative.__table__, [_initiative_row("bulk", kind_id)])
    db.session.commit()
    assert pending.id not in ids
    assert db.session.scalar(select(func.count(Initiative.id))) == 2


def test_orm_inserts_after_the_demo_get_new_ids(app_context):
    generate_demo(count=30, random_seed=2023, today=TODAY)
    db.session.commit()
    highest = {
        model: db.session.scalar(select(func.max(model.id)))
        for model in (Initiative, Statement, Visit, ChangeLogEntry)
    }

    initiative = make_initiative(statements={"collective_share_known": "Ja."})
    initiative.visits.append(
        Visit(visited_on=TODAY, body=VisitBody.IGJ, visit_type=VisitType.ANNOUNCED)
    )
    db.session.commit()

    assert initiative.id > highest[Initiative]
    assert initiative.statements[0].id > highest[Statement]
    assert initiative.visits[0].id > highest[Visit]
    assert db.session.scalar(select(func.max(ChangeLogEntry.id))) > highest[ChangeLogEntry]


def _initiative_row(slug: str, kind_id: int) -> dict[str, object]:
    return {
        "name": slug,
        "slug": slug,
        "kind_id": kind_id,
        "capacity": 8,
        "vacancy": VacancyStatus.FULL,
        **DEVENTER,
    }
