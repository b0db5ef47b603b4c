"""The append-only change log: what search indexes, the change feed and mirrors follow."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from register.entries.models.columns import enum_type, utcnow
from register.entries.models.enums import ChangeAction, Source
from register.extensions import db


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
    action: Mapped[ChangeAction] = mapped_column(enum_type(ChangeAction, "change_action"))
    fields: Mapped[list[str]] = mapped_column(JSON, default=list)
    source: Mapped[Source] = mapped_column(
        enum_type(Source, "change_source"), default=Source.SYSTEM
    )
    actor_account_id: Mapped[int | None] = mapped_column(Integer)
    revision_id: Mapped[int | None] = mapped_column(Integer)
    changed_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, index=True
    )
