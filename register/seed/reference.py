"""Reference catalogues from ``seed/reference/*.yaml``: kinds, target groups, funding routes,
the seven requirements, branch associations and quality marks.

The files are the source; loading is an upsert by ``key``, so running it again updates names
and texts of existing rows and adds new ones without touching links from initiatives. The
position of a row is its place in its file.

Once register staff added, edited or deleted a row (``/beheer/catalogi``), the database is its
source: loading leaves that key alone (it neither updates nor re-inserts it), so the next
``make run`` does not undo a staff edit or bring a deleted row back.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import select

from register.catalogues.models import staff_edited_keys
from register.entries.models import (
    Association,
    FundingRoute,
    Kind,
    QualityMark,
    Requirement,
    TargetGroup,
)
from register.extensions import db

REFERENCE_DIR = Path(__file__).resolve().parents[2] / "seed" / "reference"

CATALOGUES: dict[str, type] = {
    "kinds.yaml": Kind,
    "target_groups.yaml": TargetGroup,
    "funding_routes.yaml": FundingRoute,
    "requirements.yaml": Requirement,
    "associations.yaml": Association,
    "quality_marks.yaml": QualityMark,
}


def read_catalogue(file_name: str, directory: Path = REFERENCE_DIR) -> list[dict[str, Any]]:
    """The rows of one catalogue file, each with its ``position``; fails loudly on a bad file."""
    rows = yaml.safe_load((directory / file_name).read_text(encoding="utf-8"))
    if not isinstance(rows, list):
        raise ValueError(f"{file_name}: expected a list of rows")
    keys = [row.get("key") for row in rows]
    if None in keys or len(set(keys)) != len(keys):
        raise ValueError(f"{file_name}: every row needs a key, and keys must be unique")
    return [{**row, "position": index} for index, row in enumerate(rows)]


def load_reference_data(directory: Path = REFERENCE_DIR) -> None:
    """Insert or update every catalogue row by key, the account roles and the default
    settings of the inspectorate's signals. Flushes; the caller commits."""
    from register.inspection.services import ensure_signal_settings
    from register.seed.demo_accounts import ensure_roles

    for file_name, model in CATALOGUES.items():
        _upsert(model, read_catalogue(file_name, directory))
    ensure_roles()
    ensure_signal_settings()
    db.session.flush()


def _upsert(model: type, rows: list[dict[str, Any]]) -> None:
    existing = {row.key: row for row in db.session.scalars(select(model))}
    staff_edited = staff_edited_keys(model.__tablename__)
    columns = model.__table__.columns
    for values in rows:
        _check(model.__tablename__, columns, values)
        if values["key"] in staff_edited:
            continue
        row = existing.get(values["key"])
        if row is None:
            db.session.add(model(**values))
            continue
        for name, value in values.items():
            if getattr(row, name) != value:
                setattr(row, name, value)


def _check(table: str, columns, values: dict[str, Any]) -> None:
    """Refuse unknown fields and over-long texts here: SQLite would store them silently,
    PostgreSQL would refuse them mid-load."""
    unknown = set(values) - set(columns.keys())
    if unknown:
        raise ValueError(f"{table}: unknown fields {sorted(unknown)}")
    for name, value in values.items():
        limit = getattr(columns[name].type, "length", None)
        if limit and isinstance(value, str) and len(value) > limit:
            raise ValueError(f"{table} {values['key']}: {name} is longer than {limit} characters")
