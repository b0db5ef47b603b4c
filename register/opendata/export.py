"""Bulk export of the public register: CSV columns, streaming in batches, cache validators.

Every value comes from ``register.entries.public.public_initiative``; the columns are
derived from the same declarations (``register.entries.fields.PUBLIC_FIELDS``), so this
module only flattens and formats the record.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from register.entries import fields
from register.entries.declaration import Column, PublicField
from register.entries.models import ChangeLogEntry, Initiative, Requirement
from register.entries.public import all_requirements, public_initiative
from register.entries.public_values import iso_datetime
from register.entries.queries import published_initiatives
from register.extensions import db

LICENCE = "CC0 1.0"
LICENCE_URL = "https://creativecommons.org/publicdomain/zero/1.0/"
BATCH_SIZE = 500

# A spreadsheet treats a cell starting with one of these as a formula (CSV injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: str) -> str:
    """Neutralise CSV formula injection: a leading quote makes spreadsheets show text.

    This changes the value (``+31 570 …`` becomes ``'+31 570 …``); the JSON download
    carries the exact text.
    """
    return "'" + value if value.startswith(FORMULA_TRIGGERS) else value


@dataclass(frozen=True)
class CsvColumn:
    name: str
    description: Any  # a lazy string, translated when the open-data page shows it
    value: Callable[[dict[str, Any]], Any]  # from the whole public record


def _from_record(field: PublicField, column: Column) -> CsvColumn:
    return CsvColumn(
        column.name, column.description, lambda record: column.value(record[field.name])
    )


def fixed_columns() -> list[CsvColumn]:
    """The columns every register has, in declaration order (``fields.PUBLIC_FIELDS``)."""
    return [_from_record(field, column) for field in fields.PUBLIC_FIELDS for column in field.csv]


BASE_COLUMNS: tuple[CsvColumn, ...] = tuple(fixed_columns())


def csv_columns(requirements: Sequence[Requirement]) -> list[CsvColumn]:
    """The CSV columns in order: the fixed ones, then one per requirement (statements).

    Fields without CSV columns (provenance) are in the JSON download and the API only.
    """
    per_requirement = [
        _from_record(field, field.csv_per_requirement(requirement))
        for field in fields.PUBLIC_FIELDS
        if field.csv_per_requirement is not None
        for requirement in requirements
    ]
    return [*fixed_columns(), *per_requirement]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return spreadsheet_safe(value)
    return str(value)


def iter_initiatives(batch_size: int = BATCH_SIZE) -> Iterator[Initiative]:
    """All published initiatives by id, loaded in batches (keyset pagination).

    Memory stays flat for any register size, and no database cursor stays open between
    batches while a slow client reads the download.
    """
    last_id = 0
    while True:
        batch = db.session.scalars(
            published_initiatives()
            .where(Initiative.id > last_id)
            .order_by(Initiative.id)
            .limit(batch_size)
            .options(
                selectinload(Initiative.target_groups),
                selectinload(Initiative.funding_routes),
                selectinload(Initiative.statements),
                selectinload(Initiative.memberships),
                selectinload(Initiative.certifications),
                selectinload(Initiative.visits),
                selectinload(Initiative.provenance),
            )
        ).all()
        if not batch:
            return
        yield from batch
        last_id = batch[-1].id


def iter_public(today: date) -> Iterator[dict[str, Any]]:
    requirements = all_requirements()
    for initiative in iter_initiatives():
        yield public_initiative(initiative, today, requirements=requirements)


def _csv_line(cells: Sequence[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerow(cells)
    return buffer.getvalue()


def csv_lines(today: date) -> Iterator[str]:
    """The CSV file line by line: a header, then one row per initiative."""
    columns = csv_columns(all_requirements())
    yield _csv_line([column.name for column in columns])
    for record in iter_public(today):
        yield _csv_line([_cell(column.value(record)) for column in columns])


def initiative_count() -> int:
    return db.session.scalar(published_initiatives(func.count(Initiative.id))) or 0


def json_chunks(today: date) -> Iterator[str]:
    """The JSON document in pieces, one initiative at a time."""
    head = {
        "generated_at": iso_datetime(datetime.now(UTC)),
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "count": initiative_count(),
    }
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "initiatives": ['
    for index, record in enumerate(iter_public(today)):
        yield ("," if index else "") + "\n" + json.dumps(record, ensure_ascii=False)
    yield "\n]}\n"


@dataclass(frozen=True)
class DataVersion:
    """Cache validators for the whole public register."""

    etag: str
    last_modified: datetime


def data_version(today: date) -> DataVersion:
    """The change log head names the data's version; the date is part of it too, because a
    mark that passes its end date shows as expired from that day without any change."""
    head = db.session.execute(
        select(ChangeLogEntry.id, ChangeLogEntry.changed_at)
        .order_by(ChangeLogEntry.id.desc())
        .limit(1)
    ).first()
    zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    start_of_today = datetime.combine(today, time.min, tzinfo=zone).astimezone(UTC)
    head_id, changed_at = head if head else (0, None)
    last_modified = start_of_today
    if changed_at is not None:
        changed_at = changed_at if changed_at.tzinfo else changed_at.replace(tzinfo=UTC)
        last_modified = max(last_modified, changed_at.astimezone(UTC))
    return DataVersion(etag=f"{head_id}-{today.isoformat()}", last_modified=last_modified)
