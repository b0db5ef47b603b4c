"""The audit log as CSV, for the entries of a filter. Texts that a spreadsheet would run as
a formula are neutralised with the open-data download's guard."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

from register.audit.search import AuditFilter, entry_batches, initiatives_of
from register.entries.public_values import iso_datetime
from register.opendata.export import spreadsheet_safe

COLUMNS = (
    "id",
    "at",
    "actor_email",
    "action",
    "target_type",
    "target_id",
    "initiative_id",
    "initiative_name",
    "summary",
    "before",
    "after",
)


def csv_lines(audit_filter: AuditFilter) -> Iterator[str]:
    yield _line(COLUMNS)
    for batch in entry_batches(audit_filter):
        yield from _rows(batch)


def _rows(entries) -> Iterator[str]:
    names = {id_: initiative.name for id_, initiative in initiatives_of(entries).items()}
    for entry in entries:
        yield _line(
            [
                entry.id,
                iso_datetime(entry.at),
                entry.actor_email,
                entry.action,
                entry.target_type,
                entry.target_id,
                entry.initiative_id,
                names.get(entry.initiative_id),
                entry.summary,
                _json(entry.before),
                _json(entry.after),
            ]
        )


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def _line(cells) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerow([_cell(cell) for cell in cells])
    return buffer.getvalue()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    return spreadsheet_safe(value) if isinstance(value, str) else str(value)
