"""What the builder reads from the register: the question bank, the kinds, the requirements."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from register.entries.models import Kind, Requirement
from register.extensions import db
from register.questionnaire.models import Question, Subtheme, Theme


@dataclass
class Bank:
    themes: list[Theme]
    questions: dict[str, Question]  # in theme, subtheme, question order

    def theme_keys(self) -> list[str]:
        return [theme.key for theme in self.themes]

    def questions_of(self, theme_key: str) -> list[Question]:
        return [q for q in self.questions.values() if q.theme.key == theme_key]


def load_bank() -> Bank:
    themes = list(db.session.scalars(select(Theme).order_by(Theme.position)))
    questions = db.session.scalars(
        select(Question)
        .join(Subtheme)
        .join(Theme)
        .order_by(Theme.position, Subtheme.position, Question.position)
    )
    return Bank(themes=themes, questions={q.key: q for q in questions})


def kind_options() -> list[Kind]:
    return list(db.session.scalars(select(Kind).order_by(Kind.position)))


def requirements() -> list[Requirement]:
    return list(db.session.scalars(select(Requirement).order_by(Requirement.number)))
