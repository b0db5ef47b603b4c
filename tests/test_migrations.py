"""Migrations upgrade an empty database to the models' schema and downgrade it to nothing,
on SQLite and (when TEST_DATABASE_URL is set) on a scratch PostgreSQL database."""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from register import create_app
from register.config import TestConfig
from register.extensions import db


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_database_url(request, tmp_path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'migrations.sqlite3'}"
        return
    server_url = os.environ.get("TEST_DATABASE_URL", "")
    if not server_url.startswith("postgresql"):
        pytest.skip("PostgreSQL runs with TEST_DATABASE_URL (make test-postgres)")
    name = f"migrations_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(server_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_migrations_upgrade_to_the_models_and_downgrade_to_nothing(empty_database_url, tmp_path):
    app = create_app(
        {
            **{k: getattr(TestConfig, k) for k in dir(TestConfig) if k.isupper()},
            "SQLALCHEMY_DATABASE_URI": empty_database_url,
            "SEARCH_INDEX_DIR": str(tmp_path / "index"),
        }
    )
    with app.app_context():
        upgrade()
        tables = set(inspect(db.engine).get_table_names())
        assert {table.name for table in db.metadata.sorted_tables} <= tables
        downgrade(revision="base")
        db.session.remove()
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
        db.engine.dispose()


BEFORE_PROVENANCE = "a2338d5352ef"


def test_the_portal_data_model_migration_carries_existing_data_both_ways(
    empty_database_url, tmp_path
):
    """An existing register (entries, claims checked by free text, a change log with
    comma-joined fields) keeps its facts through the upgrade and back."""
    app = create_app(
        {
            **{k: getattr(TestConfig, k) for k in dir(TestConfig) if k.isupper()},
            "SQLALCHEMY_DATABASE_URI": empty_database_url,
            "SEARCH_INDEX_DIR": str(tmp_path / "index"),
        }
    )
    with app.app_context():
        upgrade(revision=BEFORE_PROVENANCE)
        with db.engine.begin() as connection:
            _insert_old_style_entry(connection)
        upgrade()
        with db.engine.connect() as connection:
            assert connection.execute(text("SELECT status FROM initiative")).scalar() == (
                "published"
            )
            verifiers = dict(
                connection.execute(text("SELECT association_id, verifier FROM membership")).all()
            )
            assert verifiers == {
                1: "association",
                2: "association",
                3: None,
                4: "register",
                5: None,
            }
            fields = connection.execute(text("SELECT fields FROM change_log")).scalar()
            assert (json.loads(fields) if isinstance(fields, str) else fields) == [
                "name",
                "phone",
            ]
            facts = dict(
                connection.execute(
                    text("SELECT fact, confirmed_on FROM fact_provenance WHERE initiative_id = 1")
                ).all()
            )
            assert str(facts["contact"]) == "2026-10-01"
        with db.engine.begin() as connection:
            connection.execute(text("UPDATE initiative SET status = 'withdrawn' WHERE id = 2"))
        downgrade(revision=BEFORE_PROVENANCE)
        with db.engine.connect() as connection:
            assert connection.execute(text("SELECT fields FROM change_log")).scalar() == (
                "name,phone"
            )
            verified_by = dict(
                connection.execute(text("SELECT association_id, verified_by FROM membership")).all()
            )
            assert verified_by == {
                1: "BVKZ",
                2: "SPOT",
                3: "",
                4: "Register Wooninitiatieven",
                5: "",
            }
            # A withdrawn entry did not exist before: it goes, with everything of its own.
            assert (
                connection.execute(
                    text("SELECT count(*) FROM statement WHERE initiative_id = 2")
                ).scalar()
                == 0
            )
        downgrade(revision="base")
        db.session.remove()
        db.engine.dispose()


def _insert_old_style_entry(connection) -> None:
    connection.execute(
        text(
            "INSERT INTO kind (id, key, name_nl, name_en, position, description_nl, "
            "description_en) VALUES (1, 'relatives_residents', 'Ouders', 'Parents', 1, '', '')"
        )
    )
    for number, abbreviation in ((1, "BVKZ"), (2, "SPOT"), (3, "LVOI"), (4, "KENNIZ"), (5, "FLZ")):
        connection.execute(
            text(
                "INSERT INTO association (id, key, name_nl, name_en, position, abbreviation, "
                "website, description_nl, description_en, represents_providers) "
                "VALUES (:id, :key, :name, :name, :id, :abbreviation, '', '', '', true)"
            ),
            {
                "id": number,
                "key": abbreviation.lower(),
                "name": abbreviation,
                "abbreviation": abbreviation,
            },
        )
    connection.execute(
        text(
            "INSERT INTO initiative (id, slug, name, kind_id, description, capacity, vacancy, "
            "collective_budget, street, house_number, postcode, place, municipality, province, "
            "latitude, longitude, website, email, phone, is_demo, last_confirmed_on, "
            "created_at, updated_at) VALUES (1, 'de-linde', 'De Linde', 1, '', 8, "
            "'places_free', false, 'Brink', '1', '7411 BT', 'Deventer', 'Deventer', "
            "'Overijssel', 52.25, 6.16, '', '', '', false, '2026-10-01', "
            "'2025-01-02 10:00:00+00:00', '2026-10-01 10:00:00+00:00')"
        )
    )
    for association_id, status, verified_by in (
        (1, "verified", "BVKZ"),
        (2, "rejected", "spot "),  # the association itself, however written
        (3, "self_declared", ""),
        (4, "verified", "Register Wooninitiatieven"),
        (5, "verified", "Jan de Vries"),  # nobody the register knows: not attributed
    ):
        connection.execute(
            text(
                "INSERT INTO membership (initiative_id, association_id, status, verified_by) "
                "VALUES (1, :association_id, :status, :verified_by)"
            ),
            {"association_id": association_id, "status": status, "verified_by": verified_by},
        )
    connection.execute(
        text(
            "INSERT INTO initiative (id, slug, name, kind_id, description, capacity, vacancy, "
            "collective_budget, street, house_number, postcode, place, municipality, province, "
            "latitude, longitude, website, email, phone, is_demo, created_at, updated_at) "
            "VALUES (2, 'de-eik', 'De Eik', 1, '', 5, 'full', false, 'Brink', '2', "
            "'7411 BT', 'Deventer', 'Deventer', 'Overijssel', 52.25, 6.16, '', '', '', false, "
            "'2025-01-02 10:00:00+00:00', '2026-10-01 10:00:00+00:00')"
        )
    )
    connection.execute(
        text(
            "INSERT INTO requirement (id, key, name_nl, name_en, position, number, text_nl, "
            "text_en, plain_nl, plain_en) VALUES (1, 'conscious_choice', 'Keuze', 'Choice', "
            "1, 1, '', '', '', '')"
        )
    )
    connection.execute(
        text(
            "INSERT INTO statement (initiative_id, requirement_id, text) "
            "VALUES (2, 1, 'Wij voeren een keuzegesprek.')"
        )
    )
    connection.execute(
        text(
            "INSERT INTO change_log (initiative_id, slug, action, fields, changed_at) "
            "VALUES (1, 'de-linde', 'updated', 'phone,name', '2026-10-01 10:00:00+00:00')"
        )
    )


def test_foreign_keys_are_enforced_again_after_migrating_sqlite(tmp_path):
    app = create_app(
        {
            **{k: getattr(TestConfig, k) for k in dir(TestConfig) if k.isupper()},
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'fk.sqlite3'}",
            "SEARCH_INDEX_DIR": str(tmp_path / "index"),
        }
    )
    with app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        db.engine.dispose()
