"""One row per concern a member of the public reported about an initiative. Internal: never
shown on public pages, in open data, the API, the change feed or the search index."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from register.entries.models import Initiative, utcnow
from register.extensions import db

WHAT_MAX = 5000
WHEN_MAX = 200
NAME_MAX = 200
EMAIL_MAX = 255
PHONE_MAX = 40


class Concern(db.Model):
    __tablename__ = "concern"

    id: Mapped[int] = mapped_column(primary_key=True)
    # The reference number the reporter gets, e.g. "MZ-7K3P-Q9XD".
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    initiative_id: Mapped[int] = mapped_column(
        ForeignKey("initiative.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, index=True
    )
    what_happened: Mapped[str] = mapped_column(Text)
    # When it happened, as the reporter put it: a date or words ("last winter").
    when_happened: Mapped[str] = mapped_column(String(WHEN_MAX), default="")
    reporter_name: Mapped[str] = mapped_column(String(NAME_MAX), default="")
    reporter_email: Mapped[str] = mapped_column(String(EMAIL_MAX), default="")
    reporter_phone: Mapped[str] = mapped_column(String(PHONE_MAX), default="")
    # The page's language when the concern was reported.
    locale: Mapped[str] = mapped_column(String(5), default="nl")

    initiative: Mapped[Initiative] = relationship()

    @property
    def has_contact(self) -> bool:
        return bool(self.reporter_name or self.reporter_email or self.reporter_phone)
