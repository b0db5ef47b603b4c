"""The question bank: enough questions, every requirement covered, loading is idempotent."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from register.entries.models import Requirement
from register.extensions import db
from register.questionnaire.bank import BankError, load_question_bank, read_bank
from register.questionnaire.models import Question, Theme


def test_bank_has_at_least_80_questions_over_8_themes(app_context):
    assert db.session.scalar(select(func.count(Question.id))) >= 80
    assert db.session.scalar(select(func.count(Theme.id))) >= 8


def test_every_requirement_has_its_own_questions(app_context):
    for requirement in db.session.scalars(select(Requirement)):
        own = [q for q in db.session.scalars(select(Question)) if requirement in q.requirements]
        assert len(own) >= 2, requirement.key


def test_every_theme_has_a_pictogram(app_context, app):
    from pathlib import Path

    for theme in db.session.scalars(select(Theme)):
        assert (Path(app.static_folder) / "img" / "themes" / f"{theme.key}.svg").is_file()


def test_questions_are_short_and_in_the_first_person():
    for theme in read_bank():
        for subtheme in theme["subthemes"]:
            for question in subtheme["questions"]:
                text = question["text_nl"]
                assert text.endswith(("?", ".")), question["key"]
                assert len(text) <= 120, question["key"]
                assert "\n" not in question["why_nl"], question["key"]


def test_loading_twice_changes_nothing(app_context):
    before = db.session.scalar(select(func.count(Question.id)))
    load_question_bank()
    db.session.commit()
    assert db.session.scalar(select(func.count(Question.id))) == before


def test_bad_requirement_key_fails_loudly(app_context, tmp_path):
    (tmp_path / "01-x.yaml").write_text(
        "key: x\nname_nl: X\nname_en: X\nsubthemes:\n"
        "  - key: y\n    name_nl: Y\n    name_en: Y\n    questions:\n"
        "      - {key: z, text_nl: a, text_en: a, why_nl: b, why_en: b, requirements: [nope]}\n",
        encoding="utf-8",
    )
    with pytest.raises(BankError, match="unknown requirements"):
        load_question_bank(tmp_path)
    db.session.rollback()


def test_seed_commands_load_the_bank(runner):
    result = runner.invoke(args=["seed", "questions"])
    assert "questions loaded" in result.output
