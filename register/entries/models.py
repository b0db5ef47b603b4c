"""Tables of the public register.

``Initiative`` holds the *published* state of an entry: what the public pages, open data,
the API and the search index show. Later, initiative editors will propose changes as
pending revisions in a table of their own; approving one copies it onto ``Initiative``
and writes a ``ChangeLogEntry``. Inspector-only data (risk signals, concerns, visit notes)
will live in tables of the inspection feature, never here, so nothing internal can leak
through ``register.entries.public`` which builds every public representation.
"""

from __future__ import annotations

import enum
from datetime import UTC, date, datetime

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Enum,
    Float,
    ForeignKey,
    Integer,
    Numeric,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from register.extensions import db
from register.i18n import in_locale


def utcnow() -> datetime:
    return datetime.now(UTC)


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


class Bilingual:
    """Catalogue rows carry their name in Dutch and English; ``label`` picks the current one."""

    name_nl: Mapped[str]
    name_en: Mapped[str]

    @property
    def label(self) -> str:
        return in_locale(self.name_nl, self.name_en)


class Catalogue(Bilingual):
    """Seeded reference rows: a stable ``key`` for URLs and data, names, a sort position."""

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(60), unique=True)
    name_nl: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(default=0)


class Kind(Catalogue, db.Model):
    """Who set the initiative up: relatives/residents, a care entrepreneur, a care institution."""

    __tablename__ = "kind"
    description_nl: Mapped[str] = mapped_column(Text, default="")
    description_en: Mapped[str] = mapped_column(Text, default="")


class TargetGroup(Catalogue, db.Model):
    __tablename__ = "target_group"


class FundingRoute(Catalogue, db.Model):
    __tablename__ = "funding_route"
    is_pgb: Mapped[bool] = mapped_column(default=False)
    act: Mapped[str] = mapped_column(String(20), default="")


class Requirement(Catalogue, db.Model):
    """One of the seven minimum self-direction requirements (Kamerbrief 5 July 2023)."""

    __tablename__ = "requirement"
    number: Mapped[int] = mapped_column(unique=True)
    text_nl: Mapped[str] = mapped_column(Text)
    text_en: Mapped[str] = mapped_column(Text)
    plain_nl: Mapped[str] = mapped_column(Text, default="")
    plain_en: Mapped[str] = mapped_column(Text, default="")

    @property
    def text(self) -> str:
        return in_locale(self.text_nl, self.text_en)

    @property
    def plain(self) -> str:
        return in_locale(self.plain_nl, self.plain_en)


class Association(Catalogue, db.Model):
    """A branch association that can vouch for its members."""

    __tablename__ = "association"
    abbreviation: Mapped[str] = mapped_column(String(30))
    website: Mapped[str] = mapped_column(String(300), default="")
    description_nl: Mapped[str] = mapped_column(Text, default="")
    description_en: Mapped[str] = mapped_column(Text, default="")
    represents_providers: Mapped[bool] = mapped_column(default=True)


class QualityMark(Catalogue, db.Model):
    """A certificate or quality mark: who issues it, what it attests, how long it is valid."""

    __tablename__ = "quality_mark"
    issuer: Mapped[str] = mapped_column(String(200))
    attests_nl: Mapped[str] = mapped_column(Text, default="")
    attests_en: Mapped[str] = mapped_column(Text, default="")
    validity_years: Mapped[int | None]

    @property
    def attests(self) -> str:
        return in_locale(self.attests_nl, self.attests_en)


class VacancyStatus(enum.StrEnum):
    PLACES_FREE = "places_free"
    WAITING_LIST = "waiting_list"
    FULL = "full"


class ClaimStatus(enum.StrEnum):
    """Status of a membership or certification claim: worth something only once checked."""

    SELF_DECLARED = "self_declared"
    VERIFIED = "verified"
    REJECTED = "rejected"
    EXPIRED = "expired"


class EntryStatus(enum.StrEnum):
    """Whether an entry is in the public register. A withdrawn entry is kept (its URL answers
    410 and the change feed reports it) but leaves search, lists, open data and the API."""

    PUBLISHED = "published"
    WITHDRAWN = "withdrawn"


class Source(enum.StrEnum):
    """Who or what a fact or a change comes from: provenance and change-log actor alike."""

    SYSTEM = "system"
    SEED = "seed"
    IMPORT = "import"
    REGISTER = "register"  # register staff
    INITIATIVE = "initiative"  # an editor of the initiative itself
    ASSOCIATION = "association"  # a verifier of a branch association
    INSPECTORATE = "inspectorate"


class VerifierKind(enum.StrEnum):
    """Who checked a membership or certification claim."""

    ASSOCIATION = "association"  # the association confirmed the membership
    ISSUER = "issuer"  # the quality mark's issuer (its audit)
    REGISTER = "register"  # register staff, against the certificate number


class VisitBody(enum.StrEnum):
    IGJ = "igj"
    CARE_OFFICE = "care_office"
    MUNICIPALITY = "municipality"


class VisitType(enum.StrEnum):
    FIRST = "first"  # IGJ visits new providers within six months
    ANNOUNCED = "announced"
    UNANNOUNCED = "unannounced"
    AFTER_SIGNALS = "after_signals"
    THEMATIC = "thematic"
    CONSCIOUS_CHOICE = "conscious_choice"  # care office's bewuste-keuzegesprek


def _enum(enum_cls: type[enum.Enum], name: str) -> Enum:
    return Enum(
        enum_cls,
        name=name,
        values_callable=lambda members: [m.value for m in members],
        native_enum=False,
        validate_strings=True,
        length=30,
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
    vacancy: Mapped[VacancyStatus] = mapped_column(_enum(VacancyStatus, "vacancy_status"))
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
        _enum(EntryStatus, "entry_status"), default=EntryStatus.PUBLISHED, index=True
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


class Claim:
    """Shared columns of a membership or certification claim and its provenance."""

    id: Mapped[int] = mapped_column(primary_key=True)
    status: Mapped[ClaimStatus] = mapped_column(_enum(ClaimStatus, "claim_status"))
    declared_on: Mapped[date | None] = mapped_column(Date)
    verifier: Mapped[VerifierKind | None] = mapped_column(_enum(VerifierKind, "verifier_kind"))
    # The account that verified (a register staff member or an association's verifier);
    # the foreign key arrives with the accounts table.
    verifier_account_id: Mapped[int | None] = mapped_column(Integer)
    verified_on: Mapped[date | None] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date)

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


class Visit(db.Model):
    """A published visit by the inspectorate, a care office or a municipality."""

    __tablename__ = "visit"

    id: Mapped[int] = mapped_column(primary_key=True)
    initiative_id: Mapped[int] = mapped_column(
        ForeignKey("initiative.id", ondelete="CASCADE"), index=True
    )
    visited_on: Mapped[date] = mapped_column(Date)
    body: Mapped[VisitBody] = mapped_column(_enum(VisitBody, "visit_body"))
    visit_type: Mapped[VisitType] = mapped_column(_enum(VisitType, "visit_type"))
    report_url: Mapped[str] = mapped_column(String(500), default="")
    initiative: Mapped[Initiative] = relationship(back_populates="visits")


class ChangeAction(enum.StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    WITHDRAWN = "withdrawn"
    DELETED = "deleted"


class ChangeLogEntry(db.Model):
    """Append-only log of changes to published initiatives.

    Every app server keeps its own search index current by applying the entries after the
    last id it has seen, and ``/api/v1/changes`` serves the same log to mirrors. ``fields``
    lists what changed in public terms (for the public history), never the values.

    ``source`` and ``actor_account_id`` say who or what made the change, and ``revision_id``
    which moderated revision it came from (foreign keys arrive with the portal's tables).
    They are internal: the public history and the change feed show date and facts only.
    """

    __tablename__ = "change_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    initiative_id: Mapped[int] = mapped_column(Integer, index=True)
    slug: Mapped[str] = mapped_column(String(120))
    action: Mapped[ChangeAction] = mapped_column(_enum(ChangeAction, "change_action"))
    fields: Mapped[list[str]] = mapped_column(JSON, default=list)
    source: Mapped[Source] = mapped_column(_enum(Source, "change_source"), default=Source.SYSTEM)
    actor_account_id: Mapped[int | None] = mapped_column(Integer)
    revision_id: Mapped[int | None] = mapped_column(Integer)
    changed_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, index=True
    )


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
    source: Mapped[Source] = mapped_column(_enum(Source, "fact_source"))
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
