"""Shared fixtures: an app on a migrated database (SQLite by default, PostgreSQL when
``TEST_DATABASE_URL`` is set), a search index in a temporary folder, and clean tables per test."""

from __future__ import annotations

import os

import pytest
from flask import g, request_started
from flask_migrate import upgrade
from hypothesis import settings
from sqlalchemy import text

from register import create_app
from register.config import TestConfig
from register.extensions import db

# Property tests (tests/**/test_*_properties.py): 200 examples each here, fewer in CI (which
# sets CI=true); HYPOTHESIS_PROFILE chooses one by name. No deadline: the machine is shared.
settings.register_profile("default", max_examples=200, deadline=None)
settings.register_profile("ci", max_examples=50, deadline=None)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "default")
)


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("register")
    database_url = os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{tmp / 'test.sqlite3'}"
    app = create_app(
        {
            **{k: getattr(TestConfig, k) for k in dir(TestConfig) if k.isupper()},
            "SQLALCHEMY_DATABASE_URI": database_url,
            "SEARCH_INDEX_DIR": str(tmp / "index"),
        }
    )
    with app.app_context():
        if database_url.startswith("postgresql"):
            _drop_everything()
        upgrade()
    request_started.connect(_forget_the_previous_request, app)
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def _forget_the_previous_request(sender, **_extra) -> None:
    """A test that holds an app context (``app_context``) while it makes requests shares
    ``g`` between them, which a real server never does: Flask-Login would keep the account of
    an earlier request (still logged in after logging out) and Flask-Security its log-in
    time. Each request starts with an empty ``g``, as in production."""
    for name in list(g):
        g.pop(name)


def _drop_everything() -> None:
    """Start PostgreSQL runs from an empty schema, whatever an earlier run left behind."""
    with db.engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))


@pytest.fixture(autouse=True)
def clean_database(app):
    """Every test starts with the reference catalogues loaded, no initiatives and empty
    rate-limit counters."""
    from register.extensions import limiter
    from register.seed.reference import load_reference_data

    limiter.reset()
    with app.app_context():
        _delete_all_rows()
        load_reference_data()
        db.session.commit()
        _reset_search_index(app)
    yield
    with app.app_context():
        db.session.rollback()
        db.session.remove()


def _delete_all_rows() -> None:
    keep = {"alembic_version"}
    for table in reversed(db.metadata.sorted_tables):
        if table.name not in keep:
            db.session.execute(table.delete())
    db.session.commit()


def _reset_search_index(app) -> None:
    from register.search import sync

    reset = getattr(sync, "reset_index", None)
    if reset is not None:
        reset()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def app_context(app):
    with app.app_context():
        yield


@pytest.fixture
def request_context(app):
    with app.test_request_context():
        yield


@pytest.fixture
def log_in(client):
    """``log_in(account)``: the test client logs in as ``account`` through the log-in form,
    with the TOTP code when the account has two-factor authentication set up."""
    from tests.accounts.support import log_in_through_forms

    def log_in_as(account, password=None):
        log_in_through_forms(client, account, password)
        return client

    return log_in_as
