"""Membership and certification claims of an initiative, and who checked them."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from register.entries.models.catalogues import Association, QualityMark
from register.entries.models.columns import enum_type
from register.entries.models.enums import ClaimStatus, VerifierKind
from register.extensions import db

if TYPE_CHECKING:
    from register.entries.models.initiative import Initiative


class Claim:
    """Shared columns of a membership or certification claim and its provenance."""

    id: Mapped[int] = mapped_column(primary_key=True)
    status: Mapped[ClaimStatus] = mapped_column(enum_type(ClaimStatus, "claim_status"))
    declared_on: Mapped[date | None] = mapped_column(Date)
    verifier: Mapped[VerifierKind | None] = mapped_column(enum_type(VerifierKind, "verifier_kind"))
    # The account that verified (a register staff member or an association's verifier);
    # the foreign key arrives with the accounts table.
    verifier_account_id: Mapped[int | None] = mapped_column(Integer)
    verified_on: Mapped[date | None] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date)
    # Why the verifier rejected the claim. Internal: the initiative's editors receive it by
    # e-mail; the public record says only that the claim was rejected.
    rejection_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    # The end date whose passing the change log has reported (``verification.expiry``), so
    # the change feed and the search sync hear of each expiry exactly once.
    expiry_logged_for: Mapped[date | None] = mapped_column(Date)

    def effective_status(self, today: date) -> ClaimStatus:
        return effective_claim_status(self.status, self.valid_until, today)


def effective_claim_status(
    status: ClaimStatus, valid_until: date | None, today: date
) -> ClaimStatus:
    """A claim past its end date is shown as expired, whatever is stored, unless it was
    rejected: a rejection says more than an expiry. Only ``VERIFIED`` counts as verified."""
    if (
        valid_until
        and valid_until < today
        and status in (ClaimStatus.VERIFIED, ClaimStatus.SELF_DECLARED)
    ):
        return ClaimStatus.EXPIRED
    return status


class Membership(Claim, db.Model):
    __tablename__ = "membership"
    __table_args__ = (UniqueConstraint("initiative_id", "association_id"),)

    initiative_id: Mapped[int] = mapped_column(
        ForeignKey("initiative.id", ondelete="CASCADE"), index=True
    )
    association_id: Mapped[int] = mapped_column(ForeignKey("association.id"))
    initiative: Mapped[Initiative] = relationship(back_populates="memberships")
    association: Mapped[Association] = relationship(lazy="joined")

    @property
    def verified_by(self) -> str:
        """Who checked the claim, by name: the association itself, or the register."""
        return _verifier_name(self.verifier, self.association.abbreviation)


class Certification(Claim, db.Model):
    __tablename__ = "certification"
    __table_args__ = (UniqueConstraint("initiative_id", "quality_mark_id"),)

    initiative_id: Mapped[int] = mapped_column(
        ForeignKey("initiative.id", ondelete="CASCADE"), index=True
    )
    quality_mark_id: Mapped[int] = mapped_column(ForeignKey("quality_mark.id"))
    certificate_number: Mapped[str] = mapped_column(String(80), default="")
    initiative: Mapped[Initiative] = relationship(back_populates="certifications")
    quality_mark: Mapped[QualityMark] = relationship(lazy="joined")

    @property
    def verified_by(self) -> str:
        """Who checked the claim, by name: the mark's issuer, or the register."""
        return _verifier_name(self.verifier, self.quality_mark.issuer)


REGISTER_NAME = "Register Wooninitiatieven"


def _verifier_name(verifier: VerifierKind | None, own_name: str) -> str:
    if verifier is None:
        return ""
    return REGISTER_NAME if verifier == VerifierKind.REGISTER else own_name
