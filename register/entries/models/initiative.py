"""An entry of the register and what belongs to it alone: its target groups and funding
routes, its statements on the seven requirements, published visits, where each group of
facts comes from, and its former slugs. Membership and certification claims are in ``claims``."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Numeric,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from register.entries.models.catalogues import FundingRoute, Kind, Requirement, TargetGroup
from register.entries.models.columns import enum_type, utcnow
from register.entries.models.enums import EntryStatus, Source, VacancyStatus, VisitBody, VisitType
from register.extensions import db

if TYPE_CHECKING:
    from register.entries.models.claims import Certification, Membership

DIGITS = "0123456789"
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def digits_check(column: str, length: int) -> str:
    """A CHECK that works on SQLite and PostgreSQL alike: exactly ``length`` digits."""
    return f"{column} IS NULL OR (length({column}) = {length} AND trim({column}, '{DIGITS}') = '')"


POSTCODE_CHECK = (
    "length(postcode) = 7"
    f" AND trim(substr(postcode, 1, 4), '{DIGITS}') = ''"
    " AND substr(postcode, 1, 1) <> '0'"
    " AND substr(postcode, 5, 1) = ' '"
    f" AND trim(substr(postcode, 6, 2), '{LETTERS}') = ''"
)


initiative_target_group = Table(
    "initiative_target_group",
    db.metadata,
    Column("initiative_id", ForeignKey("initiative.id", ondelete="CASCADE"), primary_key=True),
    Column("target_group_id", ForeignKey("target_group.id"), primary_key=True),
)

initiative_funding_route = Table(
    "initiative_funding_route",
    db.metadata,
    Column("initiative_id", ForeignKey("initiative.id", ondelete="CASCADE"), primary_key=True),
    Column("funding_route_id", ForeignKey("funding_route.id"), primary_key=True),
)


class Initiative(db.Model):
    __tablename__ = "initiative"
    __table_args__ = (
        CheckConstraint("capacity > 0", name="capacity_positive"),
        CheckConstraint(
            "collective_share_percent IS NULL OR "
            "(collective_share_percent >= 0 AND collective_share_percent <= 100)",
            name="collective_share_range",
        ),
        CheckConstraint(digits_check("kvk_number", 8), name="kvk_8_digits"),
        CheckConstraint(digits_check("location_number", 12), name="location_12_digits"),
        CheckConstraint(digits_check("agb_code", 8), name="agb_8_digits"),
        CheckConstraint(POSTCODE_CHECK, name="postcode_format"),
        CheckConstraint("latitude BETWEEN -90 AND 90", name="latitude_range"),
        CheckConstraint("longitude BETWEEN -180 AND 180", name="longitude_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind_id: Mapped[int] = mapped_column(ForeignKey("kind.id"), index=True)
    description: Mapped[str] = mapped_column(Text, default="")
    started_on: Mapped[date | None] = mapped_column(Date)
    capacity: Mapped[int]
    vacancy: Mapped[VacancyStatus] = mapped_column(enum_type(VacancyStatus, "vacancy_status"))
    collective_budget: Mapped[bool] = mapped_column(default=False)
    collective_share_percent: Mapped[float | None] = mapped_column(Numeric(5, 2))

    kvk_number: Mapped[str | None] = mapped_column(String(8))
    location_number: Mapped[str | None] = mapped_column(String(12))
    agb_code: Mapped[str | None] = mapped_column(String(8))

    street: Mapped[str] = mapped_column(String(200))
    house_number: Mapped[str] = mapped_column(String(20))
    postcode: Mapped[str] = mapped_column(String(7))
    place: Mapped[str] = mapped_column(String(120), index=True)
    municipality: Mapped[str] = mapped_column(String(120))
    province: Mapped[str] = mapped_column(String(60), index=True)
    latitude: Mapped[float] = mapped_column(Float)
    longitude: Mapped[float] = mapped_column(Float)

    website: Mapped[str] = mapped_column(String(300), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")

    is_demo: Mapped[bool] = mapped_column(default=False)
    status: Mapped[EntryStatus] = mapped_column(
        enum_type(EntryStatus, "entry_status"), default=EntryStatus.PUBLISHED, index=True
    )
    withdrawn_on: Mapped[date | None] = mapped_column(Date)
    withdrawal_reason: Mapped[str] = mapped_column(Text, default="")
    last_confirmed_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow, index=True
    )

    kind: Mapped[Kind] = relationship(lazy="joined")
    target_groups: Mapped[list[TargetGroup]] = relationship(
        secondary=initiative_target_group, order_by=TargetGroup.position
    )
    funding_routes: Mapped[list[FundingRoute]] = relationship(
        secondary=initiative_funding_route, order_by=FundingRoute.position
    )
    statements: Mapped[list[Statement]] = relationship(
        back_populates="initiative", cascade="all, delete-orphan"
    )
    memberships: Mapped[list[Membership]] = relationship(
        back_populates="initiative", cascade="all, delete-orphan"
    )
    certifications: Mapped[list[Certification]] = relationship(
        back_populates="initiative", cascade="all, delete-orphan"
    )
    visits: Mapped[list[Visit]] = relationship(
        back_populates="initiative",
        cascade="all, delete-orphan",
        order_by="Visit.visited_on.desc()",
    )
    provenance: Mapped[list[FactProvenance]] = relationship(
        back_populates="initiative", cascade="all, delete-orphan"
    )
    former_slugs: Mapped[list[SlugHistory]] = relationship(
        back_populates="initiative", cascade="all, delete-orphan"
    )

    @property
    def is_published(self) -> bool:
        return self.status == EntryStatus.PUBLISHED

    def __repr__(self) -> str:
        return f"<Initiative {self.slug}>"


class Statement(db.Model):
    """How an initiative says it meets one of the seven requirements (self-declared)."""

    __tablename__ = "statement"
    __table_args__ = (UniqueConstraint("initiative_id", "requirement_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    initiative_id: Mapped[int] = mapped_column(
        ForeignKey("initiative.id", ondelete="CASCADE"), index=True
    )
    requirement_id: Mapped[int] = mapped_column(ForeignKey("requirement.id"))
    text: Mapped[str] = mapped_column(Text)
    confirmed_on: Mapped[date | None] = mapped_column(Date)

    initiative: Mapped[Initiative] = relationship(back_populates="statements")
    requirement: Mapped[Requirement] = relationship(lazy="joined")


class Visit(db.Model):
    """A published visit by the inspectorate, a care office or a municipality."""

    __tablename__ = "visit"

    id: Mapped[int] = mapped_column(primary_key=True)
    initiative_id: Mapped[int] = mapped_column(
        ForeignKey("initiative.id", ondelete="CASCADE"), index=True
    )
    visited_on: Mapped[date] = mapped_column(Date)
    body: Mapped[VisitBody] = mapped_column(enum_type(VisitBody, "visit_body"))
    visit_type: Mapped[VisitType] = mapped_column(enum_type(VisitType, "visit_type"))
    report_url: Mapped[str] = mapped_column(String(500), default="")
    initiative: Mapped[Initiative] = relationship(back_populates="visits")


class FactProvenance(db.Model):
    """Where one group of public facts of an entry comes from, and how fresh it is.

    ``fact`` is a key of ``register.entries.fields.FACTS``. ``asserted_on`` is when the
    source last gave the facts, ``confirmed_on`` when someone last said they still hold.
    """

    __tablename__ = "fact_provenance"
    __table_args__ = (UniqueConstraint("initiative_id", "fact"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    initiative_id: Mapped[int] = mapped_column(
        ForeignKey("initiative.id", ondelete="CASCADE"), index=True
    )
    fact: Mapped[str] = mapped_column(String(40))
    source: Mapped[Source] = mapped_column(enum_type(Source, "fact_source"))
    asserted_on: Mapped[date | None] = mapped_column(Date)
    confirmed_on: Mapped[date | None] = mapped_column(Date)
    initiative: Mapped[Initiative] = relationship(back_populates="provenance")


class SlugHistory(db.Model):
    """A former address key of an entry: old links answer with a permanent redirect."""

    __tablename__ = "slug_history"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    initiative_id: Mapped[int] = mapped_column(
        ForeignKey("initiative.id", ondelete="CASCADE"), index=True
    )
    replaced_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    initiative: Mapped[Initiative] = relationship(back_populates="former_slugs")
