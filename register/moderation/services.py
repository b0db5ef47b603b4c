"""Staff decide on revisions. Approving one copies it onto the published entry in the same
transaction as its change-log entry, so search, open data, the API and the change feed
follow at once; rejecting one tells the editor why. Functions flush; the view commits."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from register.accounts.models import Account
from register.audit import services as audit
from register.entries.fields import facts_for
from register.entries.models import ChangeAction, Source, utcnow
from register.entries.services import lock_entry, record_change, record_provenance, withdraw
from register.extensions import db
from register.mail import outbox
from register.portal.models import Revision, RevisionKind, RevisionStatus
from register.portal.services import pending, supersede
from register.portal.values import apply_values, changed_attributes, entry_values, merged

# What the public 410 page says; the editor's own reason stays internal.
PUBLIC_WITHDRAWAL_REASON = "Op verzoek van het initiatief zelf."


def queue(kind: RevisionKind | None = None, fact: str | None = None) -> list[Revision]:
    """Pending revisions, oldest first, optionally of one kind or touching one fact."""
    query = select(Revision).where(Revision.status == RevisionStatus.PENDING)
    if kind is not None:
        query = query.where(Revision.kind == kind)
    revisions = db.session.scalars(query.order_by(Revision.created_at, Revision.id))
    return [r for r in revisions if fact is None or fact in r.facts]


def is_outdated(revision: Revision) -> bool:
    """The published entry changed since the editor started from it."""
    return revision.kind == RevisionKind.EDIT and entry_values(revision.initiative) != revision.base


class NotPending(Exception):
    """Someone already decided on this revision (or the editor replaced it)."""


def _decide(revision: Revision, status: RevisionStatus, staff: Account, reason: str = "") -> None:
    if not revision.is_pending:
        raise NotPending(revision.id)
    revision.status = status
    revision.decided_at = utcnow()
    revision.decided_by_account_id = staff.id
    revision.reason = reason


def lock(revision_id: int) -> Revision | None:
    """The revision, read afresh after its entry was locked (``lock_entry``): a second
    decision, an editor's save or another approval of the same entry waits meanwhile."""
    initiative_id = db.session.scalar(
        select(Revision.initiative_id).where(Revision.id == revision_id)
    )
    if initiative_id is None:
        return None
    lock_entry(initiative_id)
    return db.session.get(Revision, revision_id)


def approve(revision: Revision, staff: Account, today: date) -> list[str]:
    """Publish the revision; returns the facts that changed."""
    _decide(revision, RevisionStatus.APPROVED, staff)
    if revision.kind == RevisionKind.WITHDRAWAL:
        return _withdraw(revision, today)
    initiative = revision.initiative
    live = entry_values(initiative)
    target = merged(revision.base, live, revision.proposed)
    submitted_on = revision.created_at.date()
    changed = changed_attributes(live, target)
    apply_values(initiative, target, submitted_on)
    facts = facts_for(changed)
    if facts:
        record_provenance(initiative, facts, Source.INITIATIVE, submitted_on)
        record_change(
            initiative,
            ChangeAction.UPDATED,
            facts,
            source=Source.INITIATIVE,
            actor_account_id=revision.author_account_id,
            revision_id=revision.id,
        )
    audit.record(
        "revision.approved",
        target_type="revision",
        target_id=revision.id,
        initiative_id=initiative.id,
        summary=f"Approved; published: {', '.join(facts) or 'nothing new'}",
        before={a: live.get(a) for a in changed},
        after={a: target.get(a) for a in changed},
    )
    _tell_author(
        revision,
        _("Uw wijziging van %(name)s staat in het register", name=initiative.name),
        _(
            "De medewerkers van het register hebben uw wijziging van %(name)s goedgekeurd. "
            "De nieuwe gegevens staan nu in het register.",
            name=initiative.name,
        ),
    )
    return facts


def _withdraw(revision: Revision, today: date) -> list[str]:
    initiative = revision.initiative
    before = initiative.status.value
    edit = pending(initiative, RevisionKind.EDIT)
    if edit is not None:
        supersede(edit)
    withdraw(
        initiative,
        PUBLIC_WITHDRAWAL_REASON,
        today,
        source=Source.INITIATIVE,
        actor_account_id=revision.author_account_id,
    )
    audit.record(
        "revision.withdrawal_confirmed",
        target_type="revision",
        target_id=revision.id,
        initiative_id=initiative.id,
        summary="Withdrawal confirmed; the entry left the register",
        before={"status": before},
        after={"status": initiative.status.value, "withdrawn_on": today.isoformat()},
    )
    _tell_author(
        revision,
        _("%(name)s is uit het register gehaald", name=initiative.name),
        _(
            "De medewerkers van het register hebben uw verzoek bevestigd. "
            "%(name)s staat niet meer in het register.",
            name=initiative.name,
        ),
    )
    return ["status"]


def reject(revision: Revision, staff: Account, reason: str) -> None:
    _decide(revision, RevisionStatus.REJECTED, staff, reason)
    initiative = revision.initiative
    audit.record(
        "revision.rejected",
        target_type="revision",
        target_id=revision.id,
        initiative_id=initiative.id,
        summary="Rejected",
        before={"status": RevisionStatus.PENDING.value},
        after={"status": RevisionStatus.REJECTED.value, "reason": reason},
    )
    _tell_author(
        revision,
        _("Uw wijziging van %(name)s is niet goedgekeurd", name=initiative.name),
        _(
            "De medewerkers van het register hebben uw wijziging van %(name)s niet "
            "goedgekeurd. Hun reden:\n\n%(reason)s\n\n"
            "U kunt de gegevens aanpassen en opnieuw versturen via het portaal.",
            name=initiative.name,
            reason=reason,
        ),
    )


def _tell_author(revision: Revision, subject: str, body: str) -> None:
    if revision.author is not None:
        outbox.queue(
            revision.author.email,
            subject,
            body,
            key=f"revision-{revision.id}-{revision.status.value}",
        )
