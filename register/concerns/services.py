"""Concerns: record one, read them for inspectors, count them for the signals, purge the
expired ones. The inspection package reads concerns only through this module."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from types import SimpleNamespace
from typing import Any

from flask import current_app
from sqlalchemy import delete, func, select

from register.audit import services as audit
from register.audit.models import AuditEntry
from register.bulk import insert_rows, insert_rows_with_ids
from register.concerns.models import Concern
from register.entries import queries
from register.entries.models import Initiative, utcnow
from register.extensions import db

# No 0/O, 1/I/L, 5/S, 8/B: a reference read out over the phone is not misheard.
REFERENCE_ALPHABET = "234679ACDEFGHJKMNPQRTUVWXYZ"
REFERENCE_PREFIX = "MZ"
# How many initiatives the form offers to choose from when a name fits several.
MAX_CANDIDATES = 10
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


def initiative_from_slug(slug: str) -> Initiative | None:
    """The published initiative at ``slug`` or at one of its former slugs."""
    if not slug:
        return None
    initiative = queries.published_by_slug(slug)
    if initiative is None and (current := queries.current_slug_for(slug)):
        initiative = queries.published_by_slug(current)
    return initiative


@dataclass
class Candidates:
    """The published initiatives a person may mean; ``exact`` when what they typed was the
    slug or the whole name, so a single one needs no confirming."""

    initiatives: list[Initiative]
    exact: bool


def initiative_candidates(text: str) -> Candidates:
    """By slug; else by the whole name (any case); else the few whose name contains it."""
    text = " ".join((text or "").split())
    if not text:
        return Candidates([], exact=False)
    by_slug = initiative_from_slug(text)
    if by_slug is not None:
        return Candidates([by_slug], exact=True)
    by_name = queries.published_initiatives().order_by(Initiative.name, Initiative.place)
    exact = list(db.session.scalars(by_name.where(func.lower(Initiative.name) == text.lower())))
    if exact:
        return Candidates(exact, exact=True)
    containing = by_name.where(Initiative.name.icontains(text, autoescape=True))
    return Candidates(list(db.session.scalars(containing.limit(MAX_CANDIDATES))), exact=False)


def new_reference() -> str:
    """A random, unguessable reference such as "MZ-7K3P-Q9XD" (27**8, about 2.8e11)."""
    groups = ("".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(4)) for _ in range(2))
    return "-".join((REFERENCE_PREFIX, *groups))


def _unused_references(count: int) -> list[str]:
    references: set[str] = set()
    while len(references) < count:
        fresh = {new_reference() for _ in range(count - len(references))} - references
        taken = db.session.scalars(select(Concern.reference).where(Concern.reference.in_(fresh)))
        references |= fresh - set(taken)
    return list(references)


@dataclass(frozen=True)
class NewConcern:
    """A concern as reported, before it is stored."""

    initiative_id: int
    what_happened: str
    when_happened: str = ""
    reporter_name: str = ""
    reporter_email: str = ""
    reporter_phone: str = ""
    locale: str = "nl"
    created_at: datetime | None = None

    def values(self, reference: str) -> dict[str, Any]:
        return {
            "reference": reference,
            "initiative_id": self.initiative_id,
            "what_happened": self.what_happened.strip(),
            "when_happened": self.when_happened.strip(),
            "reporter_name": self.reporter_name.strip(),
            "reporter_email": self.reporter_email.strip(),
            "reporter_phone": self.reporter_phone.strip(),
            "locale": self.locale,
            "created_at": self.created_at or utcnow(),
        }


def report(initiative: Initiative, **details: Any) -> Concern:
    """Store a concern (``details`` as in ``NewConcern``) and note in the audit log that one
    was made — without its text or the reporter's details, since staff who are not
    inspectors may read the audit log."""
    (reference,) = _unused_references(1)
    concern = Concern(**NewConcern(initiative.id, **details).values(reference))
    db.session.add(concern)
    db.session.flush()
    audit.record(**_audit_values(concern.id, concern.initiative_id, reference))
    return concern


def report_all(concerns: Sequence[NewConcern]) -> None:
    """``report`` for many concerns at once, written in bulk (the demo has hundreds)."""
    references = _unused_references(len(concerns))
    ids = insert_rows_with_ids(
        Concern.__table__,
        [concern.values(ref) for concern, ref in zip(concerns, references, strict=True)],
    )
    insert_rows(
        AuditEntry.__table__,
        [
            audit.entry_values(**_audit_values(concern_id, concern.initiative_id, reference))
            for concern_id, concern, reference in zip(ids, concerns, references, strict=True)
        ],
    )


def _audit_values(concern_id: int, initiative_id: int, reference: str) -> dict[str, Any]:
    return {
        "action": "concern.reported",
        "target_type": "concern",
        "target_id": concern_id,
        "initiative_id": initiative_id,
        "summary": reference,
        "actor": ANONYMOUS,
    }


def retention_days() -> int:
    return int(current_app.config["CONCERN_RETENTION_DAYS"])


def purge_expired(now: datetime | None = None) -> int:
    """Delete the concerns older than the retention period; returns how many went."""
    cutoff = (now or utcnow()) - timedelta(days=retention_days())
    result = db.session.execute(delete(Concern).where(Concern.created_at < cutoff))
    return result.rowcount or 0
