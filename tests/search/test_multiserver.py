"""Several app servers on one database, each with its own index: a change published through
one is found on the other after its sync, a server that was down catches up when it starts,
and ``flask search check`` tells whether an index has drifted from the database."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import update
from whoosh import index as whoosh_index

from register import create_app
from register.config import TestConfig
from register.entries.models import ChangeAction, Initiative
from register.entries.services import record_change
from register.extensions import db
from register.search.query import text_search
from register.search.schema import document_for
from register.search.sync import SyncWorker, sync_index
from tests.factories import make_initiative


def server(app: Flask, index: Path) -> Flask:
    """Another app server on the same database with an index folder of its own."""
    return create_app(
        {
            **{k: getattr(TestConfig, k) for k in dir(TestConfig) if k.isupper()},
            "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
            "SEARCH_INDEX_DIR": str(index),
        }
    )


@pytest.fixture
def servers(app, tmp_path):
    """Server A (the tests' app) and server B with its index built, both over ten entries."""
    with app.app_context():
        ids = [make_initiative(name=f"Huis nummer {n}").id for n in range(10)]
        db.session.commit()
    other = server(app, tmp_path / "index-b")
    with other.app_context():
        sync_index()
    yield app, other, ids
    with other.app_context():
        db.session.remove()
        db.engine.dispose()


def found_on(app: Flask, words: str) -> list[int]:
    with app.app_context():
        return text_search(words).ids


def check(app: Flask):
    return app.test_cli_runner().invoke(args=["search", "check"])


def test_a_change_through_one_server_is_found_on_the_other_after_its_sync(servers):
    one, other, ids = servers
    with one.app_context():
        initiative = db.session.get(Initiative, ids[0])
        initiative.name = "De Zonnebloem"
        record_change(initiative, ChangeAction.UPDATED, ["name"])
        db.session.commit()
    assert found_on(one, "zonnebloem") == [ids[0]]
    assert found_on(other, "zonnebloem") == []  # not synced yet

    with other.app_context():
        assert sync_index() == 1

    assert found_on(other, "zonnebloem") == [ids[0]]
    assert check(other).exit_code == 0


def test_a_server_that_was_down_catches_up_when_it_starts(servers, tmp_path):
    one, other, ids = servers
    with other.app_context():
        db.engine.dispose()  # "stopped": B runs no more
    with one.app_context():
        for initiative_id in ids:
            initiative = db.session.get(Initiative, initiative_id)
            initiative.name = f"Het Vernieuwde Huis {initiative_id}"
            record_change(initiative, ChangeAction.UPDATED, ["name"])
        db.session.commit()

    restarted = server(one, tmp_path / "index-b")  # "started" again, same index folder
    assert found_on(restarted, "vernieuwde") == []  # before its first sync
    worker = SyncWorker(restarted)
    worker.ensure_running()  # its first act is a sync
    try:
        deadline = time.monotonic() + 5
        while len(found_on(restarted, "vernieuwde")) < len(ids) and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        worker.stop()

    assert sorted(found_on(restarted, "vernieuwde")) == sorted(ids)
    result = check(restarted)
    assert result.exit_code == 0, result.output
    assert "No drift." in result.output
    with restarted.app_context():
        db.engine.dispose()


def test_check_reports_a_document_removed_by_hand(servers):
    _one, other, ids = servers
    with other.app_context():
        index = whoosh_index.open_dir(other.config["SEARCH_INDEX_DIR"])
        with index.writer() as writer:
            writer.delete_by_term("id", str(ids[3]))

    result = check(other)

    assert result.exit_code == 1
    assert f"Missing: 1 ({ids[3]})" in result.output


def test_check_reports_extra_and_stale_documents(servers):
    one, other, ids = servers
    with one.app_context():
        # Changed without record_change(): no server hears of it.
        db.session.execute(
            update(Initiative)
            .where(Initiative.id == ids[1])
            .values(updated_at=datetime(2027, 1, 1, tzinfo=UTC))
        )
        document = document_for(db.session.get(Initiative, ids[2]))
        db.session.commit()
    with other.app_context():
        index = whoosh_index.open_dir(other.config["SEARCH_INDEX_DIR"])
        with index.writer() as writer:
            writer.add_document(**{**document, "id": "999999"})

    result = check(other)

    assert result.exit_code == 1
    assert "Extra: 1 (999999)" in result.output
    assert f"Stale: 1 ({ids[1]})" in result.output
    assert "Missing: 0" in result.output


def test_check_without_an_index_says_so(servers, tmp_path):
    _one, other, _ids = servers
    empty = server(other, tmp_path / "no-index")

    result = check(empty)

    assert result.exit_code == 1
    assert "No usable search index" in result.output
    with empty.app_context():
        db.engine.dispose()
