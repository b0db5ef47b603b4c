"""Concerns: record one, read them for inspectors, count them for the signals, purge the
expired ones. The inspection package reads concerns only through this module."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from types import SimpleNamespace

from flask import current_app
from sqlalchemy import delete, func, select

from register.audit import services as audit
from register.concerns.models import Concern
from register.entries.models import Initiative, utcnow
from register.extensions import db

# No 0/O, 1/I/L, 5/S, 8/B: a reference read out over the phone is not misheard.
REFERENCE_ALPHABET = "234679ACDEFGHJKMNPQRTUVWXYZ"
REFERENCE_PREFIX = "MZ"
# The audit log never names who reported a concern, even when they happened to be logged in.
ANONYMOUS = SimpleNamespace(id=None, email="")


def recent_concern_counts(since: datetime) -> dict[int, int]:
    """Initiative id -> number of concerns reported at or after ``since`` (only initiatives
    with at least one)."""
    rows = db.session.execute(
        select(Concern.initiative_id, func.count(Concern.id))
        .where(Concern.created_at >= since)
        .group_by(Concern.initiative_id)
    )
    return {initiative_id: count for initiative_id, count in rows}


def concerns_of(initiative_id: int) -> list[Concern]:
    """The concerns about one initiative, newest first."""
    return list(
        db.session.scalars(
            select(Concern)
            .where(Concern.initiative_id == initiative_id)
            .order_by(Concern.created_at.desc(), Concern.id.desc())
        )
    )


def new_reference() -> str:
    """A random, unguessable reference such as "MZ-7K3P-Q9XD" (27**8, about 2.8e11)."""
    groups = ("".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(4)) for _ in range(2))
    return "-".join((REFERENCE_PREFIX, *groups))


def _unused_reference() -> str:
    while True:
        reference = new_reference()
        if db.session.scalar(select(Concern.id).where(Concern.reference == reference)) is None:
            return reference


def report(
    initiative: Initiative,
    *,
    what_happened: str,
    when_happened: str = "",
    reporter_name: str = "",
    reporter_email: str = "",
    reporter_phone: str = "",
    locale: str = "nl",
    created_at: datetime | None = None,
) -> Concern:
    """Store a concern and note in the audit log that one was made — without its text or the
    reporter's details, since staff who are not inspectors may read the audit log."""
    concern = Concern(
        reference=_unused_reference(),
        initiative=initiative,
        what_happened=what_happened.strip(),
        when_happened=when_happened.strip(),
        reporter_name=reporter_name.strip(),
        reporter_email=reporter_email.strip(),
        reporter_phone=reporter_phone.strip(),
        locale=locale,
        created_at=created_at or utcnow(),
    )
    db.session.add(concern)
    db.session.flush()
    audit.record(
        "concern.reported",
        target_type="concern",
        target_id=concern.id,
        initiative_id=initiative.id,
        summary=concern.reference,
        actor=ANONYMOUS,
    )
    return concern


def retention_days() -> int:
    return int(current_app.config["CONCERN_RETENTION_DAYS"])


def purge_expired(now: datetime | None = None) -> int:
    """Delete the concerns older than the retention period; returns how many went."""
    cutoff = (now or utcnow()) - timedelta(days=retention_days())
    result = db.session.execute(delete(Concern).where(Concern.created_at < cutoff))
    return result.rowcount or 0
