"""The whole register as one JSON file, and back into an empty database.

A portable copy beside ``pg_dump``: readable, independent of the database engine (a copy of
PostgreSQL loads into SQLite and back) and checked against the schema it was made for.

The table list comes from ``db.metadata``, so a new table is exported without anyone
remembering to add it. Only ``SKIPPED_TABLES`` are left out, each with its reason.

The file is deterministic (no timestamp, tables in foreign-key order, rows by primary key,
one row a line), so exporting, importing and exporting again gives the same bytes. Values
keep their type through the column they belong to: dates and datetimes as ISO 8601 (every
datetime in UTC with its offset), decimals as strings, enums as their stored value, JSON
columns as JSON.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import IO, Any

from sqlalchemy import Connection, Table, func, inspect, select, text, type_coerce
from sqlalchemy import types as sqltypes

from register.extensions import db

FORMAT = "register-export"
FORMAT_VERSION = 1

# Tables in db.metadata that are not exported, with the reason. (``alembic_version`` is not
# in the metadata: ``flask db upgrade`` writes it; the file records the revision instead.)
SKIPPED_TABLES: dict[str, str] = {}


class ImportRefused(Exception):
    """The file cannot be imported into this database; nothing was written."""


def exported_tables() -> list[Table]:
    """Every table that holds register data, parents before children."""
    return [table for table in db.metadata.sorted_tables if table.name not in SKIPPED_TABLES]


def schema_revision(connection: Connection) -> str | None:
    """The Alembic revision the database is migrated to (None when it never was)."""
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.scalar(text("SELECT version_num FROM alembic_version"))


# --- export ---------------------------------------------------------------------------------


def write_export(out: IO[str]) -> dict[str, int]:
    """Write the register to ``out``; returns the number of rows per table."""
    counts: dict[str, int] = {}
    with db.engine.connect() as connection, connection.begin():
        if connection.dialect.name == "postgresql":
            # One consistent snapshot of every table, even while the site is being used.
            connection.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY"))
        header = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "schema_revision": schema_revision(connection),
        }
        out.write("{\n")
        for key, value in header.items():
            out.write(f"{_dumps(key)}: {_dumps(value)},\n")
        out.write('"tables": {')
        for number, table in enumerate(exported_tables()):
            out.write(",\n" if number else "\n")
            counts[table.name] = _write_table(connection, table, out)
        out.write("\n}\n}\n")
    return counts


def _write_table(connection: Connection, table: Table, out: IO[str]) -> int:
    columns = list(table.columns)
    out.write(f"{_dumps(table.name)}: {{\n")
    out.write(f'"columns": {_dumps([column.name for column in columns])},\n"rows": [')
    count = 0
    for count, row in enumerate(_rows(connection, table), start=1):
        values = [_encode(column, value) for column, value in zip(columns, row, strict=True)]
        out.write(("," if count > 1 else "") + "\n" + _dumps(values))
    out.write("\n]}" if count else "]}")
    return count


def _rows(connection: Connection, table: Table) -> Iterator[tuple]:
    order = list(table.primary_key.columns) or list(table.columns)
    selected = [_as_stored(column) for column in table.columns]
    yield from connection.execute(select(*selected).order_by(*order)).yield_per(1000)


def _as_stored(column):
    """Enums are read as the string the database holds, which is what an insert accepts."""
    if isinstance(column.type, sqltypes.Enum):
        return type_coerce(column, sqltypes.String())
    return column


def _encode(column, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, datetime):
        return _utc(value, column).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _utc(value: datetime, column) -> datetime:
    """SQLite hands back naive datetimes; the register stores UTC, so they are UTC."""
    if not getattr(column.type, "timezone", False):
        return value
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


# --- import ---------------------------------------------------------------------------------


def read_export(source: IO[str]) -> dict:
    """The parsed file, checked for shape before anything is written."""
    try:
        document = json.load(source)
    except ValueError as error:
        raise ImportRefused(f"The file is not valid JSON (truncated?): {error}") from error
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ImportRefused(f"The file is not a {FORMAT} file.")
    if document.get("format_version") != FORMAT_VERSION:
        raise ImportRefused(
            f"The file has format version {document.get('format_version')!r}; "
            f"this version of the register reads version {FORMAT_VERSION}."
        )
    if not isinstance(document.get("tables"), dict):
        raise ImportRefused("The file has no tables.")
    return document


def import_export(document: dict) -> dict[str, int]:
    """Load a parsed export into this (migrated, empty) database in one transaction;
    returns the number of rows per table. Raises ``ImportRefused`` without writing."""
    tables = exported_tables()
    with db.engine.connect() as connection, connection.begin():
        _check_target(connection, document, tables)
        counts = {}
        for table in tables:
            counts[table.name] = _insert_table(connection, table, document["tables"][table.name])
        if connection.dialect.name == "postgresql":
            _reset_sequences(connection, tables)
    return counts


def _check_target(connection: Connection, document: dict, tables: list[Table]) -> None:
    revision = schema_revision(connection)
    if revision is None:
        raise ImportRefused("The database is not migrated; run `flask db upgrade` first.")
    if document.get("schema_revision") != revision:
        raise ImportRefused(
            f"The file was made at schema revision {document.get('schema_revision')}, "
            f"the database is at {revision}; migrate both to the same revision first."
        )
    names = {table.name for table in tables}
    unknown = sorted(set(document["tables"]) - names)
    missing = sorted(names - set(document["tables"]))
    if unknown or missing:
        raise ImportRefused(f"Tables do not match: unknown {unknown}, missing {missing}.")
    filled = [t.name for t in tables if connection.scalar(select(func.count()).select_from(t))]
    if filled:
        shown = ", ".join(filled[:5]) + (f" and {len(filled) - 5} more" if len(filled) > 5 else "")
        raise ImportRefused(
            f"The database is not empty (rows in {shown}); "
            "import only into a freshly migrated, empty database."
        )


def _insert_table(connection: Connection, table: Table, data: Any) -> int:
    columns = [column.name for column in table.columns]
    if not isinstance(data, dict) or data.get("columns") != columns:
        raise ImportRefused(f"Table {table.name}: the columns do not match {columns}.")
    rows = data.get("rows")
    if not isinstance(rows, list) or any(
        not isinstance(row, list) or len(row) != len(columns) for row in rows
    ):
        raise ImportRefused(f"Table {table.name}: malformed rows.")
    decoded = [
        {
            column.name: _decode(column, value)
            for column, value in zip(table.columns, row, strict=True)
        }
        for row in rows
    ]
    for start in range(0, len(decoded), 1000):
        connection.execute(table.insert(), decoded[start : start + 1000])
    return len(decoded)


def _decode(column, value: Any) -> Any:
    if value is None:
        return None
    kind = column.type
    try:
        if isinstance(kind, sqltypes.DateTime):
            moment = datetime.fromisoformat(value)
            return moment if kind.timezone else moment.replace(tzinfo=None)
        if isinstance(kind, sqltypes.Date):
            return date.fromisoformat(value)
        if isinstance(kind, sqltypes.Numeric) and not isinstance(kind, sqltypes.Float):
            return Decimal(value)
    except (TypeError, ValueError) as error:
        raise ImportRefused(f"Column {column.table.name}.{column.name}: {error}") from error
    return value


def _reset_sequences(connection: Connection, tables: list[Table]) -> None:
    """Rows came in with their ids; new rows must get ids above them."""
    for table in tables:
        column = table.autoincrement_column
        if column is None:
            continue
        sequence = connection.scalar(
            text("SELECT pg_get_serial_sequence(:table, :column)"),
            {"table": table.name, "column": column.name},
        )
        if sequence:
            highest = connection.scalar(select(func.max(column)))
            connection.execute(
                text("SELECT setval(:sequence, :value, :called)"),
                {"sequence": sequence, "value": highest or 1, "called": highest is not None},
            )
