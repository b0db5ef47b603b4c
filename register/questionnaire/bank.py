"""The question bank from ``seed/questions/*.yaml`` (theme > subtheme > question).

Loading is an upsert by key: texts and tags of existing rows are updated, new rows added,
nothing deleted (saved lists refer to questions by key). Themes and questions that register
staff edited or moved (``/beheer/catalogi/vragen``) are left as staff left them: the database
is their source from then on, so the next ``make run`` does not undo a staff edit.
Every file is checked before anything is written, and a bad file fails loudly with its name.
See seed/questions/README.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import select

from register.catalogues.models import staff_edited_keys
from register.entries.models import Kind, Requirement
from register.extensions import db
from register.questionnaire.models import (
    AUDIENCE_TAGS,
    FUNDING_TAGS,
    Question,
    Subtheme,
    Theme,
)

QUESTIONS_DIR = Path(__file__).resolve().parents[2] / "seed" / "questions"

QUESTION_TEXT_FIELDS = ("text_nl", "text_en", "why_nl", "why_en")
# The representative's wording; a question without it is asked in its first-person form.
REPRESENTATIVE_TEXT_FIELDS = ("text_rep_nl", "text_rep_en")


class BankError(ValueError):
    pass


def read_bank(directory: Path = QUESTIONS_DIR) -> list[dict[str, Any]]:
    """The themes of the bank in file order, each file checked for the required fields."""
    themes = []
    for path in sorted(directory.glob("*.yaml")):
        theme = yaml.safe_load(path.read_text(encoding="utf-8"))
        _require(path.name, theme, ("key", "name_nl", "name_en", "subthemes"))
        for subtheme in theme["subthemes"]:
            _require(path.name, subtheme, ("key", "name_nl", "name_en", "questions"))
            for question in subtheme["questions"]:
                _require(path.name, question, ("key", *QUESTION_TEXT_FIELDS))
        themes.append(theme)
    return themes


def _require(file_name: str, row: Any, fields: tuple[str, ...]) -> None:
    if not isinstance(row, dict) or any(not row.get(field) for field in fields):
        raise BankError(f"{file_name}: every entry needs {', '.join(fields)}: {row!r:.120}")


def load_question_bank(directory: Path = QUESTIONS_DIR) -> int:
    """Insert or update every theme, subtheme and question. Flushes; the caller commits.

    Needs the seven requirements and the kinds (``load_reference_data``) first.
    Returns the number of questions in the bank files.
    """
    themes = read_bank(directory)
    requirements = {r.key: r for r in db.session.scalars(select(Requirement))}
    kinds = set(db.session.scalars(select(Kind.key)))
    if not requirements or not kinds:
        raise BankError("Load the reference data (flask seed reference) before the questions.")
    _check_unique_keys(themes)

    existing_themes = {t.key: t for t in db.session.scalars(select(Theme))}
    existing_subthemes = {s.key: s for s in db.session.scalars(select(Subtheme))}
    existing_questions = {q.key: q for q in db.session.scalars(select(Question))}
    edited_themes = staff_edited_keys(Theme.__tablename__)
    edited_questions = staff_edited_keys(Question.__tablename__)
    count = 0
    for theme_position, data in enumerate(themes):
        theme = existing_themes.get(data["key"]) or Theme(key=data["key"])
        if data["key"] not in edited_themes:
            theme.position = theme_position
            theme.name_nl, theme.name_en = data["name_nl"], data["name_en"]
            theme.intro_nl, theme.intro_en = data.get("intro_nl", ""), data.get("intro_en", "")
        db.session.add(theme)
        for sub_position, sub_data in enumerate(data["subthemes"]):
            subtheme = existing_subthemes.get(sub_data["key"]) or Subtheme(key=sub_data["key"])
            subtheme.theme = theme
            subtheme.position = sub_position
            subtheme.name_nl, subtheme.name_en = sub_data["name_nl"], sub_data["name_en"]
            db.session.add(subtheme)
            for position, q_data in enumerate(sub_data["questions"]):
                count += 1
                if q_data["key"] in edited_questions:
                    continue
                question = existing_questions.get(q_data["key"]) or Question(key=q_data["key"])
                _fill_question(question, q_data, requirements, kinds)
                question.subtheme = subtheme
                question.position = position
                db.session.add(question)
    db.session.flush()
    return count


def _check_unique_keys(themes: list[dict[str, Any]]) -> None:
    for level, keys in (
        ("theme", [t["key"] for t in themes]),
        ("subtheme", [s["key"] for t in themes for s in t["subthemes"]]),
        (
            "question",
            [q["key"] for t in themes for s in t["subthemes"] for q in s["questions"]],
        ),
    ):
        duplicates = sorted({k for k in keys if keys.count(k) > 1})
        if duplicates:
            raise BankError(f"Duplicate {level} keys in the question bank: {duplicates}")


def _fill_question(
    question: Question,
    data: dict[str, Any],
    requirements: dict[str, Requirement],
    kinds: set[str],
) -> None:
    key = data["key"]
    for field in QUESTION_TEXT_FIELDS:
        setattr(question, field, str(data[field]).strip())
    for field in REPRESENTATIVE_TEXT_FIELDS:
        setattr(question, field, str(data.get(field, "")).strip())
    question.funding = _tag(key, "funding", data.get("funding", "any"), FUNDING_TAGS)
    question.audience = _tag(key, "audience", data.get("audience", "any"), AUDIENCE_TAGS)
    question.collective = bool(data.get("collective", False))
    question.recommended = bool(data.get("recommended", False))
    kind_keys = data.get("kinds", "any")
    if kind_keys == "any":
        question.kinds = "any"
    else:
        unknown = set(kind_keys) - kinds
        if unknown:
            raise BankError(f"Question {key}: unknown kinds {sorted(unknown)}")
        question.kinds = ",".join(kind_keys)
    unknown = set(data.get("requirements", [])) - set(requirements)
    if unknown:
        raise BankError(f"Question {key}: unknown requirements {sorted(unknown)}")
    question.requirements = [requirements[k] for k in data.get("requirements", [])]


def _tag(key: str, name: str, value: str, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise BankError(f"Question {key}: {name} must be one of {allowed}, not {value!r}")
    return value
