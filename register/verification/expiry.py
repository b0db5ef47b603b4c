"""Reporting expired claims to the change log, once each.

Whether a claim is expired is decided when it is read (``effective_claim_status``): pages,
search filters, open data and the API show a mark as expired from the day after its
valid-until date without anything having to run. What cannot happen at read time is telling
the change feed (mirrors, every server's search sync) and the public history that the facts
changed; the daily ``flask reminders send`` does that here. ``expiry_logged_for`` remembers
which end date was reported, so a second run, or a second server, reports nothing twice,
and a renewed mark that expires again is reported again."""

from __future__ import annotations

from datetime import date

from sqlalchemy import or_, update

from register.entries.models import ChangeAction, ClaimStatus, Initiative, Source
from register.entries.services import record_change
from register.extensions import db
from register.verification.services import CERTIFICATION, MEMBERSHIP, published_claims


def log_expiries(today: date) -> list[Initiative]:
    """Add a change-log entry for every published initiative with a claim that expired and
    was not reported yet; returns those initiatives. Flushes; the caller commits."""
    facts_by_initiative: dict[int, list[str]] = {}
    initiatives: dict[int, Initiative] = {}
    for kind in (MEMBERSHIP, CERTIFICATION):
        model = kind.model
        candidates = db.session.scalars(
            published_claims(model).where(
                model.valid_until < today,
                model.status.in_((ClaimStatus.VERIFIED, ClaimStatus.SELF_DECLARED)),
                or_(
                    model.expiry_logged_for.is_(None),
                    model.expiry_logged_for != model.valid_until,
                ),
            )
        )
        for claim in candidates:
            if claim.effective_status(today) != ClaimStatus.EXPIRED:
                continue
            if not _mark_logged(model, claim.id, claim.valid_until):
                continue  # another run reported it meanwhile
            facts = facts_by_initiative.setdefault(claim.initiative_id, [])
            if kind.fact not in facts:
                facts.append(kind.fact)
            initiatives[claim.initiative_id] = claim.initiative
    for initiative_id, facts in facts_by_initiative.items():
        record_change(initiatives[initiative_id], ChangeAction.UPDATED, facts, source=Source.SYSTEM)
    return list(initiatives.values())


def _mark_logged(model, claim_id: int, valid_until: date) -> bool:
    """Claim the report of this expiry; False when someone else already did."""
    return (
        db.session.execute(
            update(model)
            .where(
                model.id == claim_id,
                or_(model.expiry_logged_for.is_(None), model.expiry_logged_for != valid_until),
            )
            .values(expiry_logged_for=valid_until)
            .execution_options(synchronize_session=False)
        ).rowcount
        == 1
    )
