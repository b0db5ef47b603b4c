"""Pending revisions: what an initiative's editor proposes, kept apart from the published entry.

A revision is internal. Nothing here reaches a public page, open data, the API, the change
feed or the search index: ``register.entries.public`` and the search schema never import it.
Approving one copies its values onto ``Initiative`` (``register.moderation.services``).
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from register.accounts.models import Account
from register.entries.models import Initiative, utcnow
from register.entries.models.columns import enum_type
from register.extensions import db


class RevisionKind(enum.StrEnum):
    EDIT = "edit"  # new values for the entry's public facts
    WITHDRAWAL = "withdrawal"  # take the entry out of the register


class RevisionStatus(enum.StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    SUPERSEDED = "superseded"  # replaced by a newer submission before anyone decided


class Revision(db.Model):
    """One submission by an editor, waiting for (or decided by) register staff.

    ``base`` holds the entry's values as the editor saw them when they started, ``proposed``
    the values they sent (both in the shape of ``register.portal.values.entry_values``);
    the difference between the two is what the editor changed, and the difference between
    ``base`` and today's entry is what changed underneath them.
    """

    __tablename__ = "revision"

    id: Mapped[int] = mapped_column(primary_key=True)
    initiative_id: Mapped[int] = mapped_column(
        ForeignKey("initiative.id", ondelete="CASCADE"), index=True
    )
    author_account_id: Mapped[int | None] = mapped_column(
        ForeignKey("account.id", ondelete="SET NULL")
    )
    kind: Mapped[RevisionKind] = mapped_column(enum_type(RevisionKind, "revision_kind"))
    status: Mapped[RevisionStatus] = mapped_column(
        enum_type(RevisionStatus, "revision_status"), default=RevisionStatus.PENDING, index=True
    )
    base: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    proposed: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # The facts (``fields.FACTS`` keys) the editor changed; the queue filters on them.
    facts: Mapped[list[str]] = mapped_column(JSON, default=list)
    # The editor's own words (required for a withdrawal).
    message: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    decided_by_account_id: Mapped[int | None] = mapped_column(
        ForeignKey("account.id", ondelete="SET NULL")
    )
    # Why staff rejected it; the editor reads it on /portaal and by e-mail.
    reason: Mapped[str] = mapped_column(Text, default="")

    initiative: Mapped[Initiative] = relationship()
    author: Mapped[Account | None] = relationship(foreign_keys=[author_account_id])
    decided_by: Mapped[Account | None] = relationship(foreign_keys=[decided_by_account_id])

    @property
    def is_pending(self) -> bool:
        return self.status == RevisionStatus.PENDING
