"""Tables of the question-list builder.

The question bank (``Theme`` > ``Subtheme`` > ``Question``) is seeded from ``seed/questions/``.
A person's list lives in their session until they choose to save it; then it becomes a
``SavedList`` reachable only through a random link. Only a SHA-256 hash of that link's token
is stored, so a copy of the database does not reveal anyone's list address. No name, no IP.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    DateTime,
    ForeignKey,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from register.entries.models import Catalogue, Requirement, utcnow
from register.extensions import db
from register.i18n import in_locale

# Applicability tags of a question: "any" means "applies whatever the situation".
FUNDING_TAGS = ("pgb", "zin", "any")
AUDIENCE_TAGS = ("self", "representative", "any")

# Limits of a saved list's conversation mode.
MAX_CONVERSATIONS = 4
MAX_NOTE_LENGTH = 1000
MAX_NAME_LENGTH = 200


class Theme(Catalogue, db.Model):
    """A theme of the bank, shown with its own pictogram (``static/img/themes/<key>.svg``)."""

    __tablename__ = "question_theme"
    intro_nl: Mapped[str] = mapped_column(Text, default="")
    intro_en: Mapped[str] = mapped_column(Text, default="")
    subthemes: Mapped[list[Subtheme]] = relationship(
        back_populates="theme", order_by="Subtheme.position", cascade="all, delete-orphan"
    )

    @property
    def intro(self) -> str:
        return in_locale(self.intro_nl, self.intro_en)


class Subtheme(Catalogue, db.Model):
    __tablename__ = "question_subtheme"
    theme_id: Mapped[int] = mapped_column(
        ForeignKey("question_theme.id", ondelete="CASCADE"), index=True
    )
    theme: Mapped[Theme] = relationship(back_populates="subthemes", lazy="joined")
    questions: Mapped[list[Question]] = relationship(
        back_populates="subtheme", order_by="Question.position", cascade="all, delete-orphan"
    )


question_requirement = Table(
    "question_requirement",
    db.metadata,
    Column("question_id", ForeignKey("question.id", ondelete="CASCADE"), primary_key=True),
    Column("requirement_id", ForeignKey("requirement.id"), primary_key=True),
)


class Question(db.Model):
    """A first-person question with its reason, the requirements it checks and its tags."""

    __tablename__ = "question"
    __table_args__ = (
        CheckConstraint("funding IN ('pgb', 'zin', 'any')", name="funding_tag"),
        CheckConstraint("audience IN ('self', 'representative', 'any')", name="audience_tag"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(60), unique=True)
    subtheme_id: Mapped[int] = mapped_column(
        ForeignKey("question_subtheme.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    text_nl: Mapped[str] = mapped_column(Text)
    text_en: Mapped[str] = mapped_column(Text)
    why_nl: Mapped[str] = mapped_column(Text, default="")
    why_en: Mapped[str] = mapped_column(Text, default="")
    # The question asked by a representative about the person ("Mag mijn naaste ..."); empty
    # when the first-person text serves both.
    text_rep_nl: Mapped[str] = mapped_column(Text, default="", server_default="")
    text_rep_en: Mapped[str] = mapped_column(Text, default="", server_default="")
    funding: Mapped[str] = mapped_column(String(10), default="any")
    collective: Mapped[bool] = mapped_column(Boolean, default=False)
    # Comma-separated kind keys, or "any".
    kinds: Mapped[str] = mapped_column(String(200), default="any")
    audience: Mapped[str] = mapped_column(String(20), default="any")
    recommended: Mapped[bool] = mapped_column(Boolean, default=False)
    # Retired by register staff: offered to nobody any more, kept for the lists that have it.
    hidden: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    subtheme: Mapped[Subtheme] = relationship(back_populates="questions", lazy="joined")
    requirements: Mapped[list[Requirement]] = relationship(
        secondary=question_requirement, order_by=Requirement.number, lazy="selectin"
    )

    @property
    def text(self) -> str:
        return in_locale(self.text_nl, self.text_en)

    def text_for(self, audience: str | None) -> str:
        """The wording for a list made for oneself or, as a representative, for someone else."""
        if audience == "representative":
            return in_locale(self.text_rep_nl, self.text_rep_en) or self.text
        return self.text

    @property
    def why(self) -> str:
        return in_locale(self.why_nl, self.why_en)

    @property
    def kind_keys(self) -> list[str]:
        return [] if self.kinds == "any" else self.kinds.split(",")

    @property
    def theme(self) -> Theme:
        return self.subtheme.theme


class SavedList(db.Model):
    """A saved question list. ``content`` holds the person's choices (see
    services/saved_lists.py)."""

    __tablename__ = "saved_question_list"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    content: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)

    conversations: Mapped[list[Conversation]] = relationship(
        back_populates="saved_list",
        order_by="Conversation.position",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )


class Conversation(db.Model):
    """The answers one initiative gave to a saved list (at most ``MAX_CONVERSATIONS``)."""

    __tablename__ = "question_conversation"
    __table_args__ = (UniqueConstraint("saved_list_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    saved_list_id: Mapped[int] = mapped_column(
        ForeignKey("saved_question_list.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    name: Mapped[str] = mapped_column(String(200))
    initiative_slug: Mapped[str | None] = mapped_column(String(120))

    saved_list: Mapped[SavedList] = relationship(back_populates="conversations")
    answers: Mapped[list[ConversationAnswer]] = relationship(
        back_populates="conversation", cascade="all, delete-orphan", passive_deletes=True
    )

    def answer_for(self, ref: str) -> ConversationAnswer | None:
        return next((a for a in self.answers if a.question_ref == ref), None)


class AnswerStatus(enum.StrEnum):
    FINE = "fine"
    UNCLEAR = "unclear"
    NOT_FINE = "not_fine"


STATUS_VALUES = tuple(s.value for s in AnswerStatus)


class ConversationAnswer(db.Model):
    """What an initiative answered to one question of the list, and how the person rates it."""

    __tablename__ = "question_conversation_answer"
    __table_args__ = (
        UniqueConstraint("conversation_id", "question_ref"),
        CheckConstraint(
            "status IS NULL OR status IN ('fine', 'unclear', 'not_fine')", name="status_value"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("question_conversation.id", ondelete="CASCADE"), index=True
    )
    # A bank question's key, or the reference of one of the person's own questions.
    question_ref: Mapped[str] = mapped_column(String(60))
    status: Mapped[str | None] = mapped_column(String(10))
    note: Mapped[str] = mapped_column(Text, default="")

    conversation: Mapped[Conversation] = relationship(back_populates="answers")
