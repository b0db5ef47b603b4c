"""Writes to the register. Functions here flush; the caller (view or command) commits."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import delete, select, text

from register.bulk import insert_rows
from register.entries.fields import FACTS_BY_KEY, facts_for
from register.entries.models import (
    ChangeAction,
    ChangeLogEntry,
    EntryStatus,
    FactProvenance,
    Initiative,
    SlugHistory,
    Source,
    utcnow,
)
from register.extensions import db


def lock_entry(initiative_id: int) -> None:
    """Make the writers of one entry (editors saving, staff deciding) take turns until this
    transaction ends, and read everything afresh: what they check (the form's version, a
    revision still pending) then still holds when they write.

    PostgreSQL locks the initiative's row. SQLite has no row locks and runs reads outside a
    transaction: ``BEGIN IMMEDIATE`` takes its database-wide write lock up front (waiting
    for it, where upgrading a read to a write would fail at once with "database is locked"),
    unless an earlier write in this transaction holds that lock already.
    """
    if db.engine.dialect.name == "sqlite":
        if not db.session.connection().connection.dbapi_connection.in_transaction:
            db.session.execute(text("BEGIN IMMEDIATE"))
    else:
        db.session.execute(
            select(Initiative.id).where(Initiative.id == initiative_id).with_for_update()
        )
    db.session.expire_all()


def record_change(
    initiative: Initiative,
    action: ChangeAction,
    fields: Iterable[str] = (),
    *,
    source: Source = Source.SYSTEM,
    actor_account_id: int | None = None,
    revision_id: int | None = None,
) -> ChangeLogEntry:
    """Log a change to a published initiative; search indexes and API mirrors follow this log.

    Call it in the same transaction as the change itself, so the log never disagrees with
    the data. ``fields`` may name facts or attributes; the log keeps the public facts they
    belong to (``fields.FACTS`` order), so no internal name ever reaches the public feed.
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
        fields=facts_for(fields),
        source=source,
        actor_account_id=actor_account_id,
        revision_id=revision_id,
    )
    db.session.add(entry)
    db.session.flush()
    return entry


def record_creations(initiatives: Iterable[tuple[int, str]], *, source: Source) -> None:
    """``record_change(…, ChangeAction.CREATED)`` for initiatives inserted in bulk, given by
    id and slug, in one statement (their ``updated_at`` is their creation time already)."""
    rows = [
        {
            "initiative_id": initiative_id,
            "slug": slug,
            "action": ChangeAction.CREATED,
            "fields": [],
            "source": source,
        }
        for initiative_id, slug in initiatives
    ]
    insert_rows(ChangeLogEntry.__table__, rows)


def record_provenance(
    initiative: Initiative,
    facts: Iterable[str],
    source: Source,
    on: date,
    *,
    confirmed: bool = True,
) -> None:
    """Say that ``source`` gave (and, when ``confirmed``, confirmed) these facts on ``on``."""
    existing = {row.fact: row for row in initiative.provenance}
    for key in facts_for(facts):
        row = existing.get(key)
        if row is None:
            row = FactProvenance(fact=key, source=source)
            initiative.provenance.append(row)
        row.source = source
        row.asserted_on = on
        if confirmed:
            row.confirmed_on = on


def confirm_facts(
    initiative: Initiative,
    on: date,
    source: Source = Source.INITIATIVE,
    *,
    actor_account_id: int | None = None,
) -> ChangeLogEntry:
    """'Everything is still correct': every fact the initiative gives counts as confirmed."""
    initiative.last_confirmed_on = on
    own = [key for key, fact in FACTS_BY_KEY.items() if fact.default_source == source]
    existing = {row.fact: row for row in initiative.provenance}
    for key in own:
        if key in existing:
            existing[key].confirmed_on = on
    return record_change(
        initiative,
        ChangeAction.UPDATED,
        ["last_confirmed_on"],
        source=source,
        actor_account_id=actor_account_id,
    )


def withdraw(
    initiative: Initiative,
    reason: str,
    on: date,
    *,
    source: Source = Source.REGISTER,
    actor_account_id: int | None = None,
) -> ChangeLogEntry:
    """Take an entry out of the public register without deleting it: its URL answers 410,
    and search, lists, open data and the API drop it; the change feed reports it."""
    initiative.status = EntryStatus.WITHDRAWN
    initiative.withdrawn_on = on
    initiative.withdrawal_reason = reason
    return record_change(
        initiative,
        ChangeAction.WITHDRAWN,
        ["status"],
        source=source,
        actor_account_id=actor_account_id,
    )


def rename(
    initiative: Initiative,
    name: str,
    slug: str,
    *,
    source: Source = Source.REGISTER,
    actor_account_id: int | None = None,
) -> ChangeLogEntry:
    """Give an entry a new name and slug; links to the old slug keep working (301)."""
    old_slug = initiative.slug
    taken = db.session.scalar(
        select(SlugHistory.initiative_id).where(
            SlugHistory.slug == slug, SlugHistory.initiative_id != initiative.id
        )
    )
    if taken is not None:
        raise ValueError(f"{slug!r} was another entry's address; its old links lead there")
    changed = ["name"] if name != initiative.name else []
    initiative.name = name
    if slug != old_slug:
        # The new slug may have been this entry's before: it is no longer a former one.
        db.session.execute(
            delete(SlugHistory).where(
                SlugHistory.slug == slug, SlugHistory.initiative_id == initiative.id
            )
        )
        if db.session.scalar(select(SlugHistory.id).where(SlugHistory.slug == old_slug)) is None:
            initiative.former_slugs.append(SlugHistory(slug=old_slug))
        initiative.slug = slug
        changed.append("slug")
    return record_change(
        initiative,
        ChangeAction.UPDATED,
        changed,
        source=source,
        actor_account_id=actor_account_id,
    )
