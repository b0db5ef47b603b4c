"""One row per access request, with the facts a new initiative gave and the decision."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Column, DateTime, Float, ForeignKey, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from register.accounts.models import Account
from register.entries.models import Initiative, Kind, VacancyStatus, utcnow
from register.entries.models.columns import enum_type
from register.extensions import db


class RequestType(enum.StrEnum):
    EXISTING = "existing"  # access to an entry that is already in the register
    NEW = "new"  # a new initiative: its entry is created when staff approve


class RequestStatus(enum.StrEnum):
    OPEN = "open"
    APPROVED = "approved"
    REFUSED = "refused"


# The entries a request is about: for an existing entry, the published initiatives with the
# KvK number given (only those whose e-mail or domain matched, when any did); for a new
# initiative, the entry created on approval.
access_request_initiative = Table(
    "access_request_initiative",
    db.metadata,
    Column(
        "access_request_id", ForeignKey("access_request.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("initiative_id", ForeignKey("initiative.id", ondelete="CASCADE"), primary_key=True),
)


class AccessRequest(db.Model):
    __tablename__ = "access_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_type: Mapped[RequestType] = mapped_column(enum_type(RequestType, "request_type"))
    status: Mapped[RequestStatus] = mapped_column(
        enum_type(RequestStatus, "request_status"), default=RequestStatus.OPEN, index=True
    )
    submitted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    applicant_name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(255), index=True)
    kvk_number: Mapped[str] = mapped_column(String(8))
    # The page's language when the request was made: the applicant's mail is in it.
    locale: Mapped[str] = mapped_column(String(5), default="nl")
    # The KvK number belongs to a published initiative and the e-mail address is the one on
    # file or at the domain of its website.
    matched: Mapped[bool] = mapped_column(default=False)

    # A new initiative's facts (request_type NEW only).
    initiative_name: Mapped[str] = mapped_column(String(200), default="")
    initiative_kind_id: Mapped[int | None] = mapped_column(ForeignKey("kind.id"))
    street: Mapped[str] = mapped_column(String(200), default="")
    house_number: Mapped[str] = mapped_column(String(20), default="")
    postcode: Mapped[str] = mapped_column(String(7), default="")
    place: Mapped[str] = mapped_column(String(120), default="")
    municipality: Mapped[str] = mapped_column(String(120), default="")
    province: Mapped[str] = mapped_column(String(60), default="")
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    capacity: Mapped[int | None]
    vacancy: Mapped[VacancyStatus | None] = mapped_column(
        enum_type(VacancyStatus, "vacancy_status")
    )
    website: Mapped[str] = mapped_column(String(300), default="")

    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("account.id", ondelete="SET NULL"))
    refusal_reason: Mapped[str] = mapped_column(Text, default="")
    # The editor account created or reused on approval.
    account_id: Mapped[int | None] = mapped_column(ForeignKey("account.id", ondelete="SET NULL"))

    initiative_kind: Mapped[Kind | None] = relationship()
    initiatives: Mapped[list[Initiative]] = relationship(
        secondary=access_request_initiative, order_by="Initiative.name"
    )
    decided_by: Mapped[Account | None] = relationship(foreign_keys=[decided_by_id])
    account: Mapped[Account | None] = relationship(foreign_keys=[account_id])

    @property
    def is_open(self) -> bool:
        return self.status == RequestStatus.OPEN
