"""What an editor does to their entry: submit a revision, make a light change, ask to withdraw.

Functions here flush; the view commits. Edits wait for staff as a ``Revision``; the light
changes (vacancy, "everything is still correct") go live at once and are logged as the
initiative's own. Every action is written to the audit log.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from register.accounts.models import Account
from register.audit import services as audit
from register.entries.models import (
    ChangeAction,
    ChangeLogEntry,
    Initiative,
    Source,
    VacancyStatus,
    utcnow,
)
from register.entries.services import confirm_facts, record_change, record_provenance
from register.extensions import db
from register.portal.models import Revision, RevisionKind, RevisionStatus
from register.portal.values import Values, changed_attributes, changed_facts, entry_values


def revisions_of(initiative: Initiative) -> list[Revision]:
    """Newest first."""
    return list(
        db.session.scalars(
            select(Revision)
            .where(Revision.initiative_id == initiative.id)
            .order_by(Revision.created_at.desc(), Revision.id.desc())
        )
    )


def pending(initiative: Initiative, kind: RevisionKind) -> Revision | None:
    return next(
        (r for r in revisions_of(initiative) if r.kind == kind and r.is_pending),
        None,
    )


def starting_values(initiative: Initiative) -> Values:
    """What the edit form starts from: the pending edit, or else the published entry."""
    revision = pending(initiative, RevisionKind.EDIT)
    return dict(revision.proposed) if revision else entry_values(initiative)


def version_of(initiative: Initiative) -> str:
    """A token that changes whenever the entry or one of its revisions changes; the edit form
    carries it, so a save over someone else's newer save is noticed (no lost work)."""
    revisions = revisions_of(initiative)
    state = {
        "entry": entry_values(initiative),
        "revisions": [(r.id, r.status.value) for r in revisions[:1]],
        "pending": [r.id for r in revisions if r.is_pending],
    }
    return hashlib.sha256(json.dumps(state, sort_keys=True).encode()).hexdigest()[:32]


def _changed_only(values: Values, attributes: list[str]) -> Values:
    return {attribute: values.get(attribute) for attribute in attributes}


# --- light changes ---------------------------------------------------------------------------


def set_vacancy(initiative: Initiative, vacancy: VacancyStatus, author: Account, on: date) -> bool:
    """Vacancy goes live at once. Returns False when it was already so."""
    before = initiative.vacancy
    if before == vacancy:
        return False
    initiative.vacancy = vacancy
    record_provenance(initiative, ["vacancy"], Source.INITIATIVE, on)
    record_change(
        initiative,
        ChangeAction.UPDATED,
        ["vacancy"],
        source=Source.INITIATIVE,
        actor_account_id=author.id,
    )
    audit.record(
        "entry.vacancy_changed",
        target_type="initiative",
        target_id=initiative.id,
        initiative_id=initiative.id,
        summary="Light change: vacancy, live without moderation",
        before={"vacancy": before.value},
        after={"vacancy": vacancy.value},
    )
    return True


def confirm(initiative: Initiative, author: Account, on: date) -> None:
    """'Everything is still correct', live at once."""
    before = initiative.last_confirmed_on
    confirm_facts(initiative, on, Source.INITIATIVE, actor_account_id=author.id)
    audit.record(
        "entry.confirmed",
        target_type="initiative",
        target_id=initiative.id,
        initiative_id=initiative.id,
        summary="Light change: facts confirmed, live without moderation",
        before={"last_confirmed_on": before.isoformat() if before else None},
        after={"last_confirmed_on": on.isoformat()},
    )


# --- revisions -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Submission:
    revision: Revision | None  # None when nothing waits for staff
    vacancy_changed: bool
    confirmed: bool


def supersede(revision: Revision) -> None:
    revision.status = RevisionStatus.SUPERSEDED
    revision.decided_at = utcnow()


def submit_edit(
    initiative: Initiative, proposed: Values, author: Account, *, confirmed: bool, on: date
) -> Submission:
    """The editor sends the whole entry. Vacancy and the confirmation go live at once; every
    other change becomes one pending revision, replacing an earlier pending one (the form
    started from it, so nothing in it is lost)."""
    vacancy_changed = set_vacancy(initiative, VacancyStatus(proposed["vacancy"]), author, on)
    if confirmed:
        confirm(initiative, author, on)
    base = entry_values(initiative)
    earlier = pending(initiative, RevisionKind.EDIT)
    if earlier is not None:
        supersede(earlier)
    facts = changed_facts(base, proposed)
    revision = None
    if facts:
        revision = Revision(
            initiative=initiative,
            author_account_id=author.id,
            kind=RevisionKind.EDIT,
            base=base,
            proposed=proposed,
            facts=facts,
        )
        db.session.add(revision)
        db.session.flush()
        changed = changed_attributes(base, proposed)
        audit.record(
            "revision.submitted",
            target_type="revision",
            target_id=revision.id,
            initiative_id=initiative.id,
            summary=f"Revision of {', '.join(facts)} waits for approval"
            + (f" (replaces revision {earlier.id})" if earlier else ""),
            before=_changed_only(base, changed),
            after=_changed_only(proposed, changed),
        )
    elif earlier is not None:
        audit.record(
            "revision.withdrawn_by_editor",
            target_type="revision",
            target_id=earlier.id,
            initiative_id=initiative.id,
            summary="The editor sent the published values again; the pending revision lapsed",
        )
    return Submission(revision, vacancy_changed, confirmed)


def request_withdrawal(initiative: Initiative, reason: str, author: Account) -> Revision:
    """Ask staff to take the entry out of the register; one request at a time."""
    existing = pending(initiative, RevisionKind.WITHDRAWAL)
    if existing is not None:
        return existing
    revision = Revision(
        initiative=initiative,
        author_account_id=author.id,
        kind=RevisionKind.WITHDRAWAL,
        base=entry_values(initiative),
        proposed={},
        facts=["status"],
        message=reason,
    )
    db.session.add(revision)
    db.session.flush()
    audit.record(
        "revision.withdrawal_requested",
        target_type="revision",
        target_id=revision.id,
        initiative_id=initiative.id,
        summary="The editor asks to withdraw the entry",
        before={"status": initiative.status.value},
        after={"status": "withdrawn", "reason": reason},
    )
    return revision


# --- what the portal page says ---------------------------------------------------------------


@dataclass(frozen=True)
class LightChange:
    on: datetime
    facts: list[str]


@dataclass(frozen=True)
class EditorState:
    initiative: Initiative
    pending_edit: Revision | None
    pending_withdrawal: Revision | None
    last_decision: Revision | None
    light_changes: list[LightChange]


def editor_state(initiative: Initiative) -> EditorState:
    revisions = revisions_of(initiative)
    decided = [
        r for r in revisions if r.status in (RevisionStatus.APPROVED, RevisionStatus.REJECTED)
    ]
    light = db.session.scalars(
        select(ChangeLogEntry)
        .where(
            ChangeLogEntry.initiative_id == initiative.id,
            ChangeLogEntry.source == Source.INITIATIVE,
            ChangeLogEntry.revision_id.is_(None),
        )
        .order_by(ChangeLogEntry.changed_at.desc(), ChangeLogEntry.id.desc())
        .limit(5)
    )
    return EditorState(
        initiative=initiative,
        pending_edit=next(
            (r for r in revisions if r.is_pending and r.kind == RevisionKind.EDIT), None
        ),
        pending_withdrawal=next(
            (r for r in revisions if r.is_pending and r.kind == RevisionKind.WITHDRAWAL), None
        ),
        last_decision=max(decided, key=lambda r: (r.decided_at, r.id), default=None),
        light_changes=[LightChange(entry.changed_at, entry.fields) for entry in light],
    )
