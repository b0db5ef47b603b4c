"""Accounts and roles, in the shape Flask-Security expects (``fs_uniquifier``, ``active``,
``roles``, the two-factor columns), plus what the register adds: which initiatives an editor
may edit, which association a verifier speaks for, and the failed-log-in lock.

These tables are internal: nothing here reaches a public page, open data, the API, the change
feed or the search index (``register.entries.public`` never imports this module)."""

from __future__ import annotations

from datetime import datetime

from flask_security import RoleMixin, UserMixin
from sqlalchemy import JSON, Column, DateTime, ForeignKey, Integer, String, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship

from register.entries.models import Association, Initiative, utcnow
from register.extensions import db

account_role = Table(
    "account_role",
    db.metadata,
    Column("account_id", ForeignKey("account.id", ondelete="CASCADE"), primary_key=True),
    Column("role_id", ForeignKey("role.id", ondelete="CASCADE"), primary_key=True),
)

initiative_editor = Table(
    "initiative_editor",
    db.metadata,
    Column("account_id", ForeignKey("account.id", ondelete="CASCADE"), primary_key=True),
    Column("initiative_id", ForeignKey("initiative.id", ondelete="CASCADE"), primary_key=True),
)


class Role(db.Model, RoleMixin):
    __tablename__ = "role"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    description: Mapped[str] = mapped_column(String(255), default="")
    # Flask-Security reads permissions from roles; the register checks roles only.
    permissions: Mapped[list[str] | None] = mapped_column(JSON)
    update_datetime: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )


class Account(db.Model, UserMixin):
    __tablename__ = "account"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(255), unique=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    # None until the invited person sets a password through the e-mailed link.
    password: Mapped[str | None] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(default=True)
    # Changing it ends every session of the account (log-out everywhere, deactivation).
    fs_uniquifier: Mapped[str] = mapped_column(String(64), unique=True)
    confirmed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    current_login_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_login_ip: Mapped[str | None] = mapped_column(String(64))
    current_login_ip: Mapped[str | None] = mapped_column(String(64))
    login_count: Mapped[int | None] = mapped_column(Integer)
    tf_primary_method: Mapped[str | None] = mapped_column(String(64))
    tf_totp_secret: Mapped[str | None] = mapped_column(String(255))
    tf_phone_number: Mapped[str | None] = mapped_column(String(128))
    mf_recovery_codes: Mapped[list[str] | None] = mapped_column(JSON)
    failed_login_count: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    association_id: Mapped[int | None] = mapped_column(
        ForeignKey("association.id", ondelete="SET NULL")
    )
    create_datetime: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    update_datetime: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )

    roles: Mapped[list[Role]] = relationship(secondary=account_role, lazy="selectin")
    association: Mapped[Association | None] = relationship()
    initiatives: Mapped[list[Initiative]] = relationship(
        secondary=initiative_editor, order_by="Initiative.name"
    )

    def has_any_role(self, *names: str) -> bool:
        return any(self.has_role(name) for name in names)

    def edits(self, initiative_id: int) -> bool:
        return any(initiative.id == initiative_id for initiative in self.initiatives)

    def is_locked(self, form_error: list[str] | None = None) -> bool:
        """Flask-Security asks this after the password proved right: a locked account still
        cannot log in until the lock (set by ``lockout``) runs out. Only the person who knows
        the password is told why (Flask-Security makes the form's own errors generic)."""
        from register.accounts import lockout

        if not lockout.is_locked(self):
            return False
        lockout.tell_locked(self, form_error)
        return True
