"""``flask export`` of the whole register and ``flask import`` into an empty database give the
same file again, byte for byte; the import refuses a database that holds data and a bad file,
and then writes nothing. On PostgreSQL, a ``pg_dump`` restored into an empty database exports
the same file too.

The second database is a SQLite file, or with ``TEST_DATABASE_URL`` the database of the same
name with ``2`` appended (``<name>_restore`` for the ``pg_dump`` test), made when missing."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from flask import Flask
from flask_migrate import upgrade
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from register import create_app
from register.backup.snapshot import SKIPPED_TABLES, exported_tables
from register.config import TestConfig
from register.extensions import db

POSTGRES = (os.environ.get("TEST_DATABASE_URL") or "").startswith("postgresql")
MUST_HAVE_ROWS = {
    "initiative", "account", "account_role", "role", "change_log", "revision", "concern",
    "saved_question_list", "question_conversation", "question", "audit_entry", "outbox_message",
    "membership", "certification", "visit", "inspection_visit", "initiative_editor",
}  # fmt: skip


def other_app(url: str, index: Path) -> Flask:
    return create_app(
        {
            **{k: getattr(TestConfig, k) for k in dir(TestConfig) if k.isupper()},
            "SQLALCHEMY_DATABASE_URI": url,
            "SEARCH_INDEX_DIR": str(index),
        }
    )


def sibling_database(app: Flask, suffix: str, *, fresh: bool = False) -> str:
    """The URL of ``<test database><suffix>`` on the same server, created when missing
    (dropped first when ``fresh``)."""
    url = make_url(app.config["SQLALCHEMY_DATABASE_URI"])
    name = f"{url.database}{suffix}"
    server = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with server.connect() as connection:
            _create(connection, name, fresh)
    except DBAPIError as error:
        pytest.skip(f"cannot create the database {name}: {error.orig}")
    finally:
        server.dispose()
    return url.set(database=name).render_as_string(hide_password=False)


def _create(connection, name: str, fresh: bool) -> None:
    if fresh:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    exists = connection.scalar(
        text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}
    )
    if not exists:
        connection.execute(text(f'CREATE DATABASE "{name}"'))


@pytest.fixture(scope="module")
def second(app, tmp_path_factory):
    """A second register on an empty, migrated database."""
    tmp = tmp_path_factory.mktemp("second")
    url = sibling_database(app, "2") if POSTGRES else f"sqlite:///{tmp / 'second.sqlite3'}"
    second = other_app(url, tmp / "index")
    with second.app_context():
        if POSTGRES:
            with db.engine.begin() as connection:
                connection.execute(text("DROP SCHEMA public CASCADE"))
                connection.execute(text("CREATE SCHEMA public"))
        upgrade()
    yield second
    with second.app_context():
        db.engine.dispose()


@pytest.fixture
def empty_second(second):
    return emptied(second)


def emptied(app: Flask) -> Flask:
    with app.app_context():
        for table in reversed(db.metadata.sorted_tables):
            db.session.execute(table.delete())
        db.session.commit()
    return app


@pytest.fixture
def register_with_everything(app, app_context, monkeypatch):
    """Reference data (loaded for every test), the question bank, 50 demo initiatives with
    their inspection history, the demo accounts, a saved list with a conversation, a
    withdrawal request, a concern and a queued e-mail."""
    from register.concerns.services import report
    from register.entries.models.columns import utcnow
    from register.entries.public import register_today
    from register.inspection.demo import generate_inspection_demo
    from register.mail.outbox import queue
    from register.portal.services import request_withdrawal
    from register.questionnaire.bank import load_question_bank
    from register.questionnaire.models import Conversation, SavedList
    from register.questionnaire.services.saved_lists import hash_token
    from register.seed.demo import generate_demo
    from register.seed.demo_accounts import create_demo_accounts

    monkeypatch.setitem(app.config, "ALLOW_DEMO_ACCOUNTS", True)
    load_question_bank()
    initiatives = generate_demo(count=50, random_seed=7)
    generate_inspection_demo(initiatives, register_today(), random_seed=7)
    accounts = create_demo_accounts()
    saved = SavedList(
        token_hash=hash_token("roundtrip"),
        content={"audience": "self", "items": [{"ref": "q1", "important": True}], "own": {}},
        expires_at=utcnow() + timedelta(days=30),
    )
    saved.conversations.append(Conversation(position=1, name="Het Hofje"))
    db.session.add(saved)
    request_withdrawal(initiatives[0], "We stoppen.", accounts[0])
    report(initiatives[1], what_happened="Het eten is koud.", reporter_email="a@example.org")
    queue("b@example.org", "Onderwerp", "Tekst")
    db.session.commit()


def run(app: Flask, *args: str):
    """A ``flask`` command on ``app`` (the CLI runs in the current app context, if any)."""
    with app.app_context():
        return app.test_cli_runner().invoke(args=list(args))


def export(app: Flask, path: Path) -> bytes:
    result = run(app, "export", str(path))
    assert result.exit_code == 0, result.output
    return path.read_bytes()


def import_into(app: Flask, path: Path):
    return run(app, "import", str(path))


def row_count(app: Flask) -> int:
    with app.app_context():
        return sum(
            db.session.scalar(select(func.count()).select_from(table))
            for table in db.metadata.sorted_tables
        )


def test_export_then_import_into_an_empty_database_exports_the_same_bytes(
    app, register_with_everything, empty_second, tmp_path
):
    first = export(app, tmp_path / "first.json")

    result = import_into(empty_second, tmp_path / "first.json")

    assert result.exit_code == 0, result.output
    assert export(empty_second, tmp_path / "second.json") == first
    tables = json.loads(first)["tables"]
    assert {name for name, table in tables.items() if table["rows"]} >= MUST_HAVE_ROWS


@pytest.mark.skipif(not POSTGRES, reason="the copy is made on PostgreSQL")
def test_a_copy_of_postgresql_loads_into_sqlite_and_exports_the_same_bytes(
    app, register_with_everything, tmp_path
):
    sqlite = other_app(f"sqlite:///{tmp_path / 'copy.sqlite3'}", tmp_path / "index")
    with sqlite.app_context():
        upgrade()
    first = export(app, tmp_path / "first.json")

    assert run(sqlite, "import", str(tmp_path / "first.json")).exit_code == 0
    assert export(sqlite, tmp_path / "copy.json") == first


def test_the_export_holds_every_table_of_the_metadata_except_the_documented_ones(
    app, app_context, tmp_path
):
    tables = json.loads(export(app, tmp_path / "export.json"))["tables"]

    assert list(tables) == [table.name for table in exported_tables()]
    assert set(tables) | set(SKIPPED_TABLES) == set(db.metadata.tables)
    assert all(reason.strip() for reason in SKIPPED_TABLES.values())


def test_imported_rows_keep_their_types_and_new_rows_get_fresh_ids(
    app, register_with_everything, empty_second, tmp_path
):
    from register.concerns.services import report
    from register.entries.models import Initiative

    export(app, tmp_path / "export.json")
    original = rows_of_every_table(app)
    assert import_into(empty_second, tmp_path / "export.json").exit_code == 0

    assert rows_of_every_table(empty_second) == original
    with empty_second.app_context():
        highest = db.session.scalar(select(func.max(Initiative.id)))
        initiative = db.session.get(Initiative, highest)
        concern = report(initiative, what_happened="Nieuw na de import.")
        db.session.commit()
        assert concern.id > max(row[0] for row in original["concern"])


def rows_of_every_table(app: Flask) -> dict[str, list[tuple]]:
    with app.app_context():
        return {
            table.name: [
                tuple(row)
                for row in db.session.execute(
                    select(table).order_by(*(table.primary_key.columns or table.columns))
                )
            ]
            for table in exported_tables()
        }


def test_import_into_a_database_that_holds_data_is_refused(app, app_context, tmp_path):
    export(app, tmp_path / "export.json")
    before = row_count(app)

    result = import_into(app, tmp_path / "export.json")

    assert result.exit_code == 1
    assert "The database is not empty" in result.output
    assert "nothing written" in result.output
    assert row_count(app) == before


def test_import_into_a_database_that_was_never_migrated_is_refused(app, app_context, tmp_path):
    export(app, tmp_path / "export.json")
    bare = other_app(f"sqlite:///{tmp_path / 'bare.sqlite3'}", tmp_path / "index")

    result = import_into(bare, tmp_path / "export.json")

    assert result.exit_code == 1
    assert "run `flask db upgrade` first" in result.output


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(lambda raw: raw[: len(raw) // 2], id="truncated"),
        pytest.param(lambda raw: "", id="empty"),
        pytest.param(lambda raw: '{"format": "something else"}', id="not-an-export"),
        pytest.param(
            lambda raw: raw.replace('"schema_revision": "', '"schema_revision": "older', 1),
            id="other-schema-revision",
        ),
    ],
)
def test_a_broken_file_is_refused_before_anything_is_written(
    app, register_with_everything, empty_second, tmp_path, spoil
):
    raw = export(app, tmp_path / "export.json").decode()
    (tmp_path / "broken.json").write_text(spoil(raw))

    result = import_into(empty_second, tmp_path / "broken.json")

    assert result.exit_code == 1
    assert "Import refused, nothing written" in result.output
    assert row_count(empty_second) == 0


def bad_date(visit: dict) -> None:
    visit["rows"][-1][visit["columns"].index("visited_on")] = "gisteren"


def duplicate_row(visit: dict) -> None:
    visit["rows"].append(list(visit["rows"][-1]))


def short_row(visit: dict) -> None:
    visit["rows"][-1].pop()


@pytest.mark.parametrize("spoil", [bad_date, duplicate_row, short_row])
def test_a_bad_row_late_in_the_file_writes_nothing_at_all(
    app, register_with_everything, empty_second, tmp_path, spoil
):
    """Most tables are already inserted when the bad visit is met: all of them are undone."""
    document = json.loads(export(app, tmp_path / "export.json"))
    spoil(document["tables"]["visit"])
    (tmp_path / "bad.json").write_text(json.dumps(document))

    result = import_into(empty_second, tmp_path / "bad.json")

    assert result.exit_code == 1
    assert "nothing written" in result.output
    assert row_count(empty_second) == 0


@pytest.mark.postgres
@pytest.mark.skipif(not POSTGRES, reason="pg_dump and pg_restore need PostgreSQL")
@pytest.mark.skipif(
    not (shutil.which("pg_dump") and shutil.which("pg_restore")),
    reason="pg_dump or pg_restore is not on PATH (Debian: postgresql-client)",
)
def test_a_pg_dump_restored_into_an_empty_database_exports_the_same_bytes(
    app, register_with_everything, tmp_path
):
    dump = tmp_path / "register.dump"
    source = libpq(app.config["SQLALCHEMY_DATABASE_URI"])
    target_url = sibling_database(app, "_restore", fresh=True)
    subprocess.run(
        ["pg_dump", "--format=custom", "--no-owner", "--no-acl", f"--file={dump}", source],
        check=True,
    )
    subprocess.run(
        ["pg_restore", "--no-owner", "--no-acl", "--exit-on-error", "--dbname", libpq(target_url)]
        + [str(dump)],
        check=True,
    )
    restored = other_app(target_url, tmp_path / "index")
    try:
        first = export(app, tmp_path / "first.json")
        assert export(restored, tmp_path / "restored.json") == first
    finally:
        with restored.app_context():
            db.engine.dispose()


def libpq(url: str) -> str:
    """The SQLAlchemy URL as the PostgreSQL tools take it (no ``+psycopg``)."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
