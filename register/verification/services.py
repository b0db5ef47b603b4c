"""Confirming and rejecting claims. Functions here flush; the view commits.

A decision is taken once: the status changes only from self-declared, in one conditional
UPDATE, so two verifiers pressing the button at the same moment (or one pressing twice)
cannot both decide. Every decision is in the audit log and the change log (the public
history says "memberships changed" or "quality marks changed"); a rejection is e-mailed to
the initiative's editors with the reason, which never leaves the register otherwise."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select, update

from register.audit import services as audit
from register.entries.labels import long_date
from register.entries.models import (
    Certification,
    ChangeAction,
    ClaimStatus,
    Initiative,
    Membership,
    Source,
    VerifierKind,
)
from register.entries.queries import published_initiatives
from register.entries.services import record_change
from register.extensions import db
from register.mail import outbox
from register.reminders.recipients import editors_of, portal_link

MAX_REASON_LENGTH = 2000

Claim = Membership | Certification


class AlreadyDecided(Exception):
    """The claim was confirmed or rejected before (by someone else, or a second press)."""


@dataclass(frozen=True)
class ClaimKind:
    """What differs between checking a membership and checking a quality mark."""

    model: type[Membership] | type[Certification]
    name: str  # in the audit log and outbox keys
    fact: str  # the public fact the change log names
    verifier: VerifierKind
    source: Source


MEMBERSHIP = ClaimKind(
    Membership, "membership", "memberships", VerifierKind.ASSOCIATION, Source.ASSOCIATION
)
CERTIFICATION = ClaimKind(
    Certification, "certification", "certifications", VerifierKind.REGISTER, Source.REGISTER
)


def kind_of(claim: Claim) -> ClaimKind:
    return MEMBERSHIP if isinstance(claim, Membership) else CERTIFICATION


# --- what a verifier sees --------------------------------------------------------------------


def published_claims(model: type[Membership] | type[Certification]):
    """Claims of published initiatives: a withdrawn entry has nothing left to check."""
    return select(model).where(
        model.initiative_id.in_(published_initiatives(Initiative.id).scalar_subquery())
    )


# Decided claims are shown for reference only: the latest ones, not hundreds.
RECENT_DECISIONS = 25


@dataclass(frozen=True)
class ClaimLists:
    waiting: list[Claim]  # oldest first: the work to do
    recent_decisions: list[Claim]  # latest decision first, at most RECENT_DECISIONS
    decided_count: int


def _waiting_then_decided(query) -> ClaimLists:
    claims = list(db.session.scalars(query))
    waiting = [c for c in claims if c.status == ClaimStatus.SELF_DECLARED]
    decided = [c for c in claims if c.status != ClaimStatus.SELF_DECLARED]
    waiting.sort(key=lambda c: (c.declared_on or date.min, c.id))
    decided.sort(key=lambda c: (c.verified_on or date.min, c.id), reverse=True)
    return ClaimLists(waiting, decided[:RECENT_DECISIONS], len(decided))


def memberships_of_association(association_id: int) -> ClaimLists:
    return _waiting_then_decided(
        published_claims(Membership).where(Membership.association_id == association_id)
    )


def membership_of_association(claim_id: int, association_id: int | None) -> Membership | None:
    """The membership claim, only if it names this association (None for any other)."""
    if association_id is None:
        return None
    return db.session.scalar(
        published_claims(Membership).where(
            Membership.id == claim_id, Membership.association_id == association_id
        )
    )


def quality_mark_claims() -> ClaimLists:
    return _waiting_then_decided(published_claims(Certification))


def quality_mark_claim(claim_id: int) -> Certification | None:
    return db.session.scalar(published_claims(Certification).where(Certification.id == claim_id))


# --- deciding --------------------------------------------------------------------------------


def confirm(claim: Claim, account, today: date) -> None:
    _decide(claim, ClaimStatus.VERIFIED, account, today, reason="")


def reject(claim: Claim, account, today: date, reason: str) -> None:
    reason = reason.strip()
    if not reason:
        raise ValueError("a rejection needs a reason")
    _decide(claim, ClaimStatus.REJECTED, account, today, reason=reason[:MAX_REASON_LENGTH])
    _queue_rejection_notice(claim)


def _decide(claim: Claim, status: ClaimStatus, account, today: date, reason: str) -> None:
    kind = kind_of(claim)
    before = claim.status
    changed = db.session.execute(
        update(kind.model)
        .where(kind.model.id == claim.id, kind.model.status == ClaimStatus.SELF_DECLARED)
        .values(
            status=status,
            verifier=kind.verifier,
            verifier_account_id=account.id,
            verified_on=today,
            rejection_reason=reason,
        )
        .execution_options(synchronize_session=False)
    ).rowcount
    if changed != 1:
        db.session.refresh(claim)
        raise AlreadyDecided
    db.session.refresh(claim)
    audit.record(
        f"{kind.name}.{'confirmed' if status == ClaimStatus.VERIFIED else 'rejected'}",
        target_type=kind.name,
        target_id=claim.id,
        initiative_id=claim.initiative_id,
        summary=f"{claim_name(claim)} — {claim.initiative.name}",
        before={"status": before.value},
        after={"status": status.value, **({"reason": reason} if reason else {})},
        actor=account,
    )
    record_change(
        claim.initiative,
        ChangeAction.UPDATED,
        [kind.fact],
        source=kind.source,
        actor_account_id=account.id,
    )


def claim_name(claim: Claim) -> str:
    """The association or mark a claim names, as data (Dutch name)."""
    if isinstance(claim, Membership):
        return claim.association.abbreviation or claim.association.name_nl
    return claim.quality_mark.name_nl


def _queue_rejection_notice(claim: Claim) -> None:
    """Tell every editor of the initiative why, and what they can do (in Dutch: the
    register's language; the accounts carry no language of their own)."""
    initiative = claim.initiative
    with force_locale("nl"):
        if isinstance(claim, Membership):
            subject = _(
                "Lidmaatschap van %(name)s afgewezen voor %(initiative)s",
                name=claim_name(claim),
                initiative=initiative.name,
            )
            what = _(
                "%(checker)s heeft op %(date)s gecontroleerd of %(initiative)s lid is van "
                "%(name)s. Het antwoord is: nee.",
                checker=claim_name(claim),
                date=long_date(claim.verified_on),
                initiative=initiative.name,
                name=claim_name(claim),
            )
        else:
            subject = _(
                "Keurmerk %(name)s afgewezen voor %(initiative)s",
                name=claim_name(claim),
                initiative=initiative.name,
            )
            what = _(
                "Het register heeft op %(date)s het keurmerk %(name)s van %(initiative)s "
                "gecontroleerd met het certificaatnummer. Het keurmerk is afgewezen.",
                date=long_date(claim.verified_on),
                name=claim_name(claim),
                initiative=initiative.name,
            )
        body = "\n\n".join(
            [
                what,
                _("De reden:\n%(reason)s", reason=claim.rejection_reason),
                _(
                    "Op de openbare pagina van uw initiatief staat nu dat de opgave is "
                    "afgewezen. De reden staat daar niet."
                ),
                _(
                    "Klopt dit niet? Pas uw opgave aan in het portaal: %(link)s",
                    link=portal_link(),
                ),
            ]
        )
    for editor in editors_of(initiative.id):
        outbox.queue(
            editor.email,
            subject,
            body,
            key=f"rejected:{kind_of(claim).name}:{claim.id}:{claim.verified_on}:{editor.id}",
        )
