"""The inspectorate's own tables. All internal: no public page, export, API, change feed or
search index reads them (``tests/test_internal_data_stays_internal.py`` proves it)."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from register.entries.models import Initiative, Visit, VisitBody, utcnow
from register.entries.models.columns import enum_type
from register.extensions import db


class SignalSetting(db.Model):
    """The current threshold and weight of one signal (``signals.SIGNALS`` by key), who last
    changed them and why. Seeded with the defaults; every change is also in the audit log."""

    __tablename__ = "signal_setting"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    threshold: Mapped[int | None] = mapped_column(Integer)
    weight: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text, default="")
    changed_by_account_id: Mapped[int | None] = mapped_column(
        ForeignKey("account.id", ondelete="SET NULL")
    )
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class DecisionKind(enum.StrEnum):
    PLAN_VISIT = "plan_visit"
    NO_ACTION = "no_action"
    WATCH = "watch"


class Decision(db.Model):
    """What an inspector decided about an initiative, and why. The newest one shows on the
    priorities list, so colleagues do not plan the same visit twice."""

    __tablename__ = "inspection_decision"

    id: Mapped[int] = mapped_column(primary_key=True)
    initiative_id: Mapped[int] = mapped_column(
        ForeignKey("initiative.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[DecisionKind] = mapped_column(enum_type(DecisionKind, "decision_kind"))
    rationale: Mapped[str] = mapped_column(Text)
    account_id: Mapped[int | None] = mapped_column(ForeignKey("account.id", ondelete="SET NULL"))
    account_name: Mapped[str] = mapped_column(String(255), default="")
    decided_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class VisitRecord(db.Model):
    """A visit as the inspectorate records it. ``visit`` is the public part (date, body,
    report link), made only once there is a public report; outcome, notes and follow-up date
    stay here."""

    __tablename__ = "inspection_visit"

    id: Mapped[int] = mapped_column(primary_key=True)
    initiative_id: Mapped[int] = mapped_column(
        ForeignKey("initiative.id", ondelete="CASCADE"), index=True
    )
    visit_id: Mapped[int | None] = mapped_column(ForeignKey("visit.id", ondelete="SET NULL"))
    visited_on: Mapped[date] = mapped_column(Date)
    body: Mapped[VisitBody] = mapped_column(enum_type(VisitBody, "inspection_visit_body"))
    announced: Mapped[bool] = mapped_column(default=True)
    outcome: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    follow_up_on: Mapped[date | None] = mapped_column(Date, index=True)
    report_url: Mapped[str] = mapped_column(String(500), default="")
    account_id: Mapped[int | None] = mapped_column(ForeignKey("account.id", ondelete="SET NULL"))
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    visit: Mapped[Visit | None] = relationship()
    initiative: Mapped[Initiative] = relationship()


class AccessAction(enum.StrEnum):
    VIEW_INITIATIVE = "view_initiative"
    EXPORT = "export"


class AccessLogEntry(db.Model):
    """Who opened an initiative's internal page or exported the list, and when."""

    __tablename__ = "inspection_access_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int | None] = mapped_column(ForeignKey("account.id", ondelete="SET NULL"))
    account_email: Mapped[str] = mapped_column(String(255), default="")
    action: Mapped[AccessAction] = mapped_column(enum_type(AccessAction, "access_action"))
    initiative_id: Mapped[int | None] = mapped_column(Integer, index=True)
    detail: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
