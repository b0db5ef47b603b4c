"""The data version pages are keyed on: a commit in this process counts at once, one made
elsewhere (another server, a script) within ``DATA_VERSION_MAX_AGE``."""

from __future__ import annotations

import pytest
from sqlalchemy import insert

from register.entries.models import ChangeAction, ChangeLogEntry
from register.extensions import db
from register.httpcache.versions import DataVersion
from tests.factories import make_initiative


@pytest.fixture
def linde(app_context):
    initiative = make_initiative(slug="de-linde")
    db.session.commit()
    return initiative


def commit_elsewhere(initiative) -> None:
    """A change-log entry written the way another process's commit looks to this one: on a
    connection of its own, unseen by this process's session."""
    with db.engine.begin() as connection:
        connection.execute(
            insert(ChangeLogEntry).values(
                initiative_id=initiative.id, slug=initiative.slug, action=ChangeAction.UPDATED
            )
        )


def test_a_commit_in_this_process_counts_at_once(app, monkeypatch, linde):
    monkeypatch.setitem(app.config, "DATA_VERSION_MAX_AGE", 3600)
    version = DataVersion()
    before = version()
    linde.name = "De Linde aan de IJssel"
    db.session.commit()

    assert version() != before


def test_a_commit_elsewhere_counts_once_the_version_is_read_again(app, monkeypatch, linde):
    monkeypatch.setitem(app.config, "DATA_VERSION_MAX_AGE", 3600)
    version = DataVersion()
    before = version()
    commit_elsewhere(linde)

    assert version() == before  # read less than DATA_VERSION_MAX_AGE ago
    monkeypatch.setitem(app.config, "DATA_VERSION_MAX_AGE", 0)
    assert version() != before
