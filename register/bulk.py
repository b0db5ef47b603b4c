"""Writing many rows at once; the one place that decides how.

On PostgreSQL the rows go in with ``COPY … FROM STDIN`` (psycopg 3) on the session's own
connection, so in its transaction: an executemany there sends one statement per row, and a
multi-row ``INSERT … VALUES … RETURNING`` makes psycopg parse a query of tens of thousands
of placeholders; both wait on the server far longer than one ``COPY``. Elsewhere (SQLite)
one Core executemany through the session.

Either way the rows are what an ``INSERT`` would write: Python-side column defaults are
filled in (``COPY`` knows only the database's own) and values pass through the column
types. The session hears of a ``COPY`` as of any bulk statement (``entries.changes``), so
caches, the change feed and the check for unlogged changes behave as before.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Column, Table, func, select, text

from register.entries.changes import note_bulk_statement
from register.extensions import db

Row = Mapping[str, Any]


def insert_rows(table: Table, rows: Sequence[Row]) -> None:
    """Insert ``rows`` (column name -> value; every row names the same columns) into
    ``table`` in the session's transaction. Flushes first, so what was added to the session
    before goes in before these rows; these are not loaded into the session."""
    if not rows:
        return
    db.session.flush()
    connection = db.session.connection()
    if connection.dialect.name != "postgresql":
        db.session.execute(table.insert(), rows)
        return
    _copy(table, rows)
    note_bulk_statement(db.session, table.name, insert=True)


def insert_rows_with_ids(table: Table, rows: Sequence[Row]) -> list[int]:
    """``insert_rows`` for rows that need their new ids at once; returns them, in the order
    of ``rows``. On PostgreSQL the ids come from the table's own sequence (so later inserts
    never collide with them), in one round trip before the ``COPY``."""
    if not rows:
        return []
    db.session.flush()  # pending rows of the table take their ids first
    ids = _new_ids(table, len(rows))
    (key,) = table.primary_key.columns
    insert_rows(table, [{**row, key.name: new_id} for row, new_id in zip(rows, ids, strict=True)])
    return ids


def _new_ids(table: Table, count: int) -> list[int]:
    (key,) = table.primary_key.columns
    connection = db.session.connection()
    if connection.dialect.name == "postgresql":
        reserved = connection.scalars(
            text(
                "SELECT nextval(pg_get_serial_sequence(:table, :column))"
                " FROM generate_series(1, :n)"
            ),
            {"table": table.name, "column": key.name, "n": count},
        )
        return sorted(reserved)
    # SQLite gives a new row the highest id plus one (no AUTOINCREMENT here): the same ids.
    highest = connection.scalar(select(func.coalesce(func.max(key), 0)))
    return list(range(highest + 1, highest + 1 + count))


def _copy(table: Table, rows: Sequence[Row]) -> None:
    connection = db.session.connection()
    dialect = connection.dialect
    given = set(rows[0])
    columns = [c for c in table.columns if c.name in given or _python_default(c)]
    processors = [column.type.dialect_impl(dialect).bind_processor(dialect) for column in columns]
    quote = dialect.identifier_preparer
    statement = "COPY {} ({}) FROM STDIN".format(
        quote.format_table(table), ", ".join(quote.format_column(column) for column in columns)
    )
    with connection.connection.driver_connection.cursor() as cursor, cursor.copy(statement) as copy:
        for row in rows:
            values = (
                row[column.name] if column.name in given else _default_value(column)
                for column in columns
            )
            copy.write_row(
                [
                    value if process is None else process(value)
                    for value, process in zip(values, processors, strict=True)
                ]
            )


def _python_default(column: Column) -> bool:
    """A default the INSERT would compute in Python (``COPY`` would leave it out)."""
    default = column.default
    return default is not None and (default.is_scalar or default.is_callable)


def _default_value(column: Column) -> Any:
    default = column.default
    # SQLAlchemy wraps a callable default to take an execution context; ours ignore it.
    return default.arg(None) if default.is_callable else default.arg
