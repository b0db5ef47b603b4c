"""``CatalogueEdit``: an append-only note of every staff edit of a catalogue row.

Two readers:

- the seed loaders (``flask seed reference``/``seed questions``, run by every ``make run``)
  leave a row alone once staff edited, added or deleted it, so a staff edit is never
  overwritten by the YAML files and a deleted row does not come back;
- caches of catalogue data in other processes (the finder's snapshot) compare
  ``catalogue_version()``, the newest id, with the one they were built from.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer, String, func, select
from sqlalchemy.orm import Mapped, mapped_column

from register.entries.models import utcnow
from register.extensions import db


class CatalogueEdit(db.Model):
    __tablename__ = "catalogue_edit"

    id: Mapped[int] = mapped_column(primary_key=True)
    # The edited row's table name (``association``, ``quality_mark``, ``question`` …) and key:
    # the key survives the row's deletion, and it is what the seed files use.
    catalogue: Mapped[str] = mapped_column(String(40), index=True)
    key: Mapped[str] = mapped_column(String(60))
    row_id: Mapped[int | None] = mapped_column(Integer)
    deleted: Mapped[bool] = mapped_column(default=False)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


def staff_edited_keys(catalogue: str) -> set[str]:
    """Keys of the rows of ``catalogue`` (a table name) that staff added, edited or deleted."""
    return set(
        db.session.scalars(
            select(CatalogueEdit.key).where(CatalogueEdit.catalogue == catalogue).distinct()
        )
    )


def catalogue_version() -> int:
    """A number that grows with every staff edit of a catalogue, in any process."""
    return db.session.scalar(select(func.max(CatalogueEdit.id))) or 0
