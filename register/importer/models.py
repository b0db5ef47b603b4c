"""An uploaded CSV file, its rows and the dry-run report staff saw."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from register.entries.models import utcnow
from register.entries.models.columns import enum_type
from register.extensions import db


class ImportStatus(enum.StrEnum):
    DRY_RUN = "dry_run"  # shown to staff, nothing written to the register yet
    APPLIED = "applied"
    DISCARDED = "discarded"


class ImportBatch(db.Model):
    """One upload. ``rows`` are the cells as read (header names as keys), ``report`` the
    outcome per row as the dry run computed it; applying compares a fresh dry run with it."""

    __tablename__ = "import_batch"

    id: Mapped[int] = mapped_column(primary_key=True)
    file_name: Mapped[str] = mapped_column(String(255))
    status: Mapped[ImportStatus] = mapped_column(
        enum_type(ImportStatus, "import_status"), default=ImportStatus.DRY_RUN, index=True
    )
    header: Mapped[list[str]] = mapped_column(JSON, default=list)
    rows: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    report: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("account.id", ondelete="SET NULL"), index=True
    )
    # Kept as text too, so the batch still says who uploaded it after the account is gone.
    created_by_email: Mapped[str] = mapped_column(String(255), default="")
    checked_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    finished_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("account.id", ondelete="SET NULL")
    )
    finished_by_email: Mapped[str] = mapped_column(String(255), default="")
    row_count: Mapped[int] = mapped_column(Integer, default=0)
    # After applying: per row that was written, the initiative it added or changed.
    result: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)

    @property
    def is_open(self) -> bool:
        return self.status == ImportStatus.DRY_RUN

    @property
    def written_rows(self) -> dict[int, dict[str, Any]]:
        """Row number -> {"action", "id", "slug"} of what applying wrote."""
        return {entry["row"]: entry for entry in self.result or []}
