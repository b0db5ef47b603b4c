"""Memberships of branch associations and quality marks as a person reads them: the name,
the status today, and who said so and who checked it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _

from register.entries import rules
from register.entries.labels import claim_status_label, long_date
from register.entries.models import Claim, ClaimStatus, Initiative


@dataclass(frozen=True)
class ClaimView:
    name: str
    short_name: str
    status: ClaimStatus
    status_label: str
    provenance: str
    claim: Claim
    is_valid: bool  # counts today: checked and not past its end date
    caution: ClaimStatus | None  # expired or self-declared: worth a word of warning


def claim_provenance(claim: Claim, today: date) -> str:
    """Who said so and who checked it: 'verified by BVKZ on 1 February 2024' and the like."""
    status = claim.effective_status(today)
    checked_by = claim.verified_by or _("de controlerende organisatie")
    if status == ClaimStatus.VERIFIED and claim.verified_on:
        return _(
            "Gecontroleerd door %(by)s op %(date)s.",
            by=checked_by,
            date=long_date(claim.verified_on),
        )
    if status == ClaimStatus.VERIFIED:
        return _("Gecontroleerd door %(by)s.", by=checked_by)
    if status == ClaimStatus.REJECTED and claim.verified_on:
        return _(
            "Afgewezen door %(by)s op %(date)s: de opgave klopte niet.",
            by=checked_by,
            date=long_date(claim.verified_on),
        )
    if status == ClaimStatus.REJECTED:
        return _("Afgewezen door %(by)s: de opgave klopte niet.", by=checked_by)
    if status == ClaimStatus.EXPIRED and claim.valid_until:
        return _("Verlopen op %(date)s.", date=long_date(claim.valid_until))
    if status == ClaimStatus.EXPIRED:
        return _("Verlopen.")
    if claim.declared_on:
        return _(
            "Zelf opgegeven door het initiatief op %(date)s; nog niet gecontroleerd.",
            date=long_date(claim.declared_on),
        )
    return _("Zelf opgegeven door het initiatief; nog niet gecontroleerd.")


def memberships(initiative: Initiative, today: date) -> list[ClaimView]:
    views = []
    for m in sorted(initiative.memberships, key=lambda m: m.association.position):
        association = m.association
        name = association.label
        if association.abbreviation and association.abbreviation not in name:
            name = f"{name} ({association.abbreviation})"
        views.append(_claim_view(name, association.abbreviation or name, m, today))
    return views


def certifications(initiative: Initiative, today: date) -> list[ClaimView]:
    return [
        _claim_view(c.quality_mark.label, c.quality_mark.label, c, today)
        for c in sorted(initiative.certifications, key=lambda c: c.quality_mark.position)
    ]


def _claim_view(name: str, short_name: str, claim: Claim, today: date) -> ClaimView:
    status = claim.effective_status(today)
    return ClaimView(
        name,
        short_name,
        status,
        claim_status_label(status),
        claim_provenance(claim, today),
        claim,
        is_valid=rules.claim_is_valid(claim, today),
        caution=rules.claim_caution(claim, today),
    )


def claim_state(view: ClaimView) -> str:
    """The status in a few words with its dates: 'verified on 1 February 2024, valid until
    31 December 2026', 'expired on 1 April 2026', 'self-declared, not verified'."""
    claim = view.claim
    if view.status == ClaimStatus.VERIFIED:
        parts = [
            _("gecontroleerd op %(date)s", date=long_date(claim.verified_on))
            if claim.verified_on
            else _("gecontroleerd")
        ]
        if claim.valid_until:
            parts.append(_("geldig tot %(date)s", date=long_date(claim.valid_until)))
        return ", ".join(parts)
    if view.status == ClaimStatus.EXPIRED and claim.valid_until:
        return _("verlopen op %(date)s", date=long_date(claim.valid_until))
    if view.status == ClaimStatus.SELF_DECLARED:
        return _("zelf opgegeven, niet gecontroleerd")
    return view.status_label.lower()


def claim_summary(view: ClaimView) -> str:
    """'BVKZ: verified on 1 February 2024' — for cards and the comparison table."""
    return _("%(name)s: %(status)s", name=view.short_name, status=claim_state(view))


def membership_summary(view: ClaimView) -> str:
    """'Member of FLZ: self-declared, not verified' — where a bare name would not say that
    it is a membership (result cards)."""
    return _("Lid van %(name)s: %(status)s", name=view.short_name, status=claim_state(view))
