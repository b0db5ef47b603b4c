"""Writes to the catalogues by register staff. Each one is audited (before/after), noted in
``CatalogueEdit`` (so seeding leaves it alone and caches rebuild) and flushed; the view
commits.

Keys are fixed once a row exists: they are in the finder's public addresses, in open data
and in the API from that moment, so changing one would break links and downloads. A row
can only be deleted while no other row refers to it; what refers to it is read from the
database's foreign keys, so tables added later count without changes here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import func, select

from register.audit.services import record
from register.catalogues.models import CatalogueEdit
from register.entries.models import Requirement
from register.extensions import db
from register.questionnaire.models import Question, Subtheme, Theme
from register.seed.demo_factory import slugify


class KeyTaken(ValueError):
    """Another row of the catalogue has this key already."""


class InUse(ValueError):
    """The row cannot be deleted: ``count`` rows refer to it."""

    def __init__(self, count: int):
        super().__init__(count)
        self.count = count


def values_of(row: Any, fields: Iterable[str]) -> dict[str, Any]:
    return {field: getattr(row, field) for field in fields}


def create(model: type, key: str, values: dict[str, Any]) -> Any:
    """Add a row at the end of its catalogue."""
    if db.session.scalar(select(model.id).where(model.key == key)) is not None:
        raise KeyTaken(key)
    last = db.session.scalar(select(func.max(model.position))) or 0
    row = model(key=key, position=last + 1, **values)
    db.session.add(row)
    db.session.flush()
    _note(row)
    record(
        "catalogue.create",
        target_type=model.__tablename__,
        target_id=row.id,
        summary=f"{key}: {row.name_nl}",
        after={"key": key, **values},
    )
    return row


def update(row: Any, values: dict[str, Any], *, action: str = "catalogue.update") -> bool:
    """Set ``values`` on ``row``; False (and nothing logged) when nothing changed."""
    changed = {name: value for name, value in values.items() if getattr(row, name) != value}
    if not changed:
        return False
    before = values_of(row, changed)
    for name, value in changed.items():
        setattr(row, name, value)
    db.session.flush()
    _note(row)
    record(
        action,
        target_type=row.__tablename__,
        target_id=row.id,
        summary=f"{row.key}: {_name(row)}",
        before=before,
        after=changed,
    )
    return True


def references(row: Any) -> int:
    """How many rows of any table refer to ``row`` through a foreign key."""
    table = row.__table__
    total = 0
    for other in db.metadata.sorted_tables:
        for foreign_key in other.foreign_keys:
            if foreign_key.column.table is table:
                total += db.session.scalar(
                    select(func.count())
                    .select_from(other)
                    .where(foreign_key.parent == getattr(row, foreign_key.column.key))
                )
    return total


def delete(row: Any, fields: Sequence[str]) -> None:
    """Delete an unused row; ``InUse`` when something still refers to it."""
    count = references(row)
    if count:
        raise InUse(count)
    record(
        "catalogue.delete",
        target_type=row.__tablename__,
        target_id=row.id,
        summary=f"{row.key}: {_name(row)}",
        before={"key": row.key, **values_of(row, fields)},
    )
    _note(row, deleted=True)
    db.session.delete(row)
    db.session.flush()


# --- the question bank ---------------------------------------------------------------------


def themes() -> list[Theme]:
    return list(db.session.scalars(select(Theme).order_by(Theme.position, Theme.id)))


def subthemes() -> list[Subtheme]:
    return list(
        db.session.scalars(
            select(Subtheme).join(Theme).order_by(Theme.position, Subtheme.position, Subtheme.id)
        )
    )


def siblings(question: Question, subtheme: Subtheme) -> list[Question]:
    """The questions of ``subtheme`` in their order, ``question`` left out."""
    return [q for q in _ordered(subtheme.questions) if q.id != question.id]


def update_theme(theme: Theme, values: dict[str, Any], place: int) -> bool:
    """Texts and place (1 = first) of a theme."""
    others = [t for t in themes() if t.id != theme.id]
    before = {"position": theme.position}
    moved = _put_at(theme, others, place)
    if moved:
        _log_move(theme, before)
    return update(theme, values) or moved


def update_question(
    question: Question, values: dict[str, Any], subtheme: Subtheme, place: int
) -> bool:
    """Texts, hidden, subtheme (and so theme) and place (1 = first) of a question."""
    before = {"subtheme": question.subtheme.key, "position": question.position}
    moving_out = question.subtheme_id != subtheme.id
    old_siblings = siblings(question, question.subtheme) if moving_out else []
    question.subtheme = subtheme
    moved = _put_at(question, siblings(question, subtheme), place) or moving_out
    if moving_out:
        _renumber(old_siblings)
    if moved:
        _log_move(question, before, {"subtheme": subtheme.key})
    return update(question, values) or moved


def create_question(
    values: dict[str, Any], subtheme: Subtheme, place: int, requirements: list[Requirement]
) -> Question:
    """A new question at ``place`` (1 = first) of ``subtheme``, offered to everyone (the
    funding, kind and audience tags start at "any"). Its key comes from the Dutch text."""
    stem = slugify(values["text_nl"])[:50].strip("-") or "vraag"
    key, number = stem, 1
    while db.session.scalar(select(Question.id).where(Question.key == key)) is not None:
        number += 1
        key = f"{stem}-{number}"
    question = Question(key=key, subtheme=subtheme, requirements=requirements, **values)
    db.session.add(question)
    db.session.flush()
    _put_at(question, siblings(question, subtheme), place)
    _note(question)
    record(
        "catalogue.create",
        target_type="question",
        target_id=question.id,
        summary=f"{key}: {question.text_nl}",
        after={
            "key": key,
            "subtheme": subtheme.key,
            "requirements": [r.key for r in requirements],
            **values,
        },
    )
    return question


def _ordered(rows: Iterable[Any]) -> list[Any]:
    return sorted(rows, key=lambda row: (row.position, row.id or 0))


def _put_at(row: Any, others: list[Any], place: int) -> bool:
    """Move ``row`` to ``place`` (1-based) among ``others`` and number them all again.
    Every row whose position changed counts as edited by staff: seeding keeps their order."""
    index = min(max(place, 1), len(others) + 1) - 1
    ordered = [*others[:index], row, *others[index:]]
    return _renumber(ordered, row)


def _renumber(rows: list[Any], row: Any = None) -> bool:
    moved = False
    for position, each in enumerate(rows):
        if each.position != position:
            each.position = position
            if each is row:
                moved = True
            else:
                db.session.flush()
                _note(each)
    db.session.flush()
    return moved


def _log_move(row: Any, before: dict[str, Any], extra: dict[str, Any] | None = None) -> None:
    _note(row)
    record(
        "catalogue.move",
        target_type=row.__tablename__,
        target_id=row.id,
        summary=f"{row.key}: {_name(row)}",
        before=before,
        after={**(extra or {}), "position": row.position},
    )


def _name(row: Any) -> str:
    return getattr(row, "name_nl", None) or getattr(row, "text_nl", "")


def _note(row: Any, *, deleted: bool = False) -> None:
    db.session.add(
        CatalogueEdit(catalogue=row.__tablename__, key=row.key, row_id=row.id, deleted=deleted)
    )
    db.session.flush()
