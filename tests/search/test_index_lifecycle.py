"""The index is a cache of the database: rebuilt when missing or damaged, kept in step with
the change log on every server, and never the cause of an error when its lock is busy."""

from __future__ import annotations

import gc
import logging
import shutil
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy.orm import Session
from whoosh import index as whoosh_index

from register.entries import changes
from register.entries.models import ChangeAction, ChangeLogEntry, Initiative
from register.entries.services import record_change
from register.extensions import db
from register.search.index import read_cursor, read_state
from register.search.query import text_search
from register.search.sync import SyncWorker, rebuild_index, sync_index, sync_once
from tests.factories import make_initiative


@pytest.fixture
def index_dir(app) -> Path:
    return Path(app.config["SEARCH_INDEX_DIR"])


@pytest.fixture
def linde(app_context):
    initiative = make_initiative(name="De Linde")
    db.session.commit()
    return initiative.id


def test_commit_updates_the_index_right_away(linde, index_dir):
    assert text_search("linde").ids == [linde]
    assert read_cursor(index_dir) > 0


def test_deleted_folder_is_rebuilt_with_a_log_line(linde, index_dir, caplog):
    shutil.rmtree(index_dir)
    with caplog.at_level(logging.WARNING, logger="register.search"):
        assert text_search("linde").ids == [linde]
    assert "Rebuilding the search index" in caplog.text


# Whoosh leaves the handle of a file it could not parse to the garbage collector: collect
# inside the test, where that warning is expected.
@pytest.mark.filterwarnings("ignore::ResourceWarning")
@pytest.mark.parametrize("pattern", ["*.toc", "*.seg", "register-state.json"])
def test_garbage_in_index_files_is_rebuilt(linde, index_dir, caplog, pattern):
    files = list(index_dir.glob(pattern))
    assert files, f"no {pattern} in {sorted(p.name for p in index_dir.iterdir())}"
    for path in files:
        path.write_bytes(b"\x00garbage\xff" * 100)
    with caplog.at_level(logging.WARNING, logger="register.search"):
        assert text_search("linde").ids == [linde]
        gc.collect()
    assert "search index" in caplog.text.lower()


@pytest.mark.filterwarnings("ignore::ResourceWarning")
def test_truncated_segment_is_rebuilt(linde, index_dir):
    for path in index_dir.glob("*.seg"):
        path.write_bytes(path.read_bytes()[:40])
    assert text_search("linde").ids == [linde]
    gc.collect()


def test_busy_lock_leaves_the_cursor_and_a_later_sync_applies(linde, index_dir, app, monkeypatch):
    monkeypatch.setitem(app.config, "SEARCH_LOCK_TIMEOUT", 0.2)
    cursor = read_cursor(index_dir)
    holder = whoosh_index.open_dir(str(index_dir)).writer()
    try:
        make_initiative(name="Het Anker")
        db.session.commit()  # the after-commit sync meets the busy lock: no exception
        assert sync_index() == 0
        assert read_cursor(index_dir) == cursor
    finally:
        holder.cancel()
    assert sync_index() == 1
    assert len(text_search("anker").ids) == 1
    assert read_cursor(index_dir) > cursor


def test_busy_lock_never_breaks_a_page(linde, client, app, index_dir, monkeypatch):
    monkeypatch.setitem(app.config, "SEARCH_LOCK_TIMEOUT", 0.1)
    holder = whoosh_index.open_dir(str(index_dir)).writer()
    try:
        make_initiative(name="Het Anker")
        db.session.commit()
        assert client.get("/health").status_code == 200
    finally:
        holder.cancel()


def test_another_server_catches_up_from_the_change_log(linde, app, client, tmp_path, monkeypatch):
    """Two servers, each with its own index, one database: B applies what A committed."""
    server_a = app.config["SEARCH_INDEX_DIR"]
    server_b = str(tmp_path / "server-b")
    monkeypatch.setitem(app.config, "SEARCH_INDEX_DIR", server_b)
    assert text_search("linde").ids == [linde]  # B builds its index from the database

    monkeypatch.setitem(app.config, "SEARCH_INDEX_DIR", server_a)
    anker = make_initiative(name="Het Anker")
    db.session.commit()  # server A's after-commit hook updates A's index only
    assert text_search("anker").ids == [anker.id]

    monkeypatch.setitem(app.config, "SEARCH_INDEX_DIR", server_b)
    assert text_search("anker").ids == []
    sync_once(app)  # what B's background worker does every SEARCH_SYNC_INTERVAL
    assert text_search("anker").ids == [anker.id]


def test_the_background_worker_makes_a_commit_searchable_without_a_request(linde, app, monkeypatch):
    """Off the request path: the commit only wakes this process's worker thread."""
    monkeypatch.setitem(app.config, "SEARCH_SYNC_INTERVAL", 30.0)
    worker = SyncWorker(app)
    monkeypatch.setitem(app.extensions, "register_search_worker", worker)
    worker.ensure_running()
    try:
        anker = make_initiative(name="Het Anker")
        db.session.commit()  # returns without syncing: the worker does it
        # Within a second on a quiet machine; the bound here only guards against a hang.
        assert wait_for(lambda: text_search("anker").ids == [anker.id], seconds=10.0)
    finally:
        worker.stop()


def test_the_background_worker_picks_up_other_servers_changes_on_its_own(
    linde, app, monkeypatch, tmp_path
):
    monkeypatch.setitem(app.config, "SEARCH_INDEX_DIR", str(tmp_path / "server-b"))
    assert text_search("linde").ids == [linde]
    monkeypatch.setitem(app.config, "SEARCH_SYNC_INTERVAL", 0.05)
    # Another server's commit sends no signal to this process.
    monkeypatch.setattr(changes.change_logged, "send", lambda *args, **kwargs: [])
    worker = SyncWorker(app)
    worker.ensure_running()
    try:
        anker = make_initiative(name="Het Anker")
        db.session.commit()
        assert wait_for(lambda: text_search("anker").ids == [anker.id], seconds=10.0)
    finally:
        worker.stop()


def wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def test_sync_applies_updates_and_deletions(linde, app_context):
    initiative = db.session.get(Initiative, linde)
    initiative.name = "De Eik"
    record_change(initiative, ChangeAction.UPDATED, ["name"])
    db.session.commit()
    assert text_search("linde").ids == []
    assert text_search("eik").ids == [linde]

    record_change(initiative, ChangeAction.DELETED)
    db.session.delete(initiative)
    db.session.commit()
    assert text_search("eik").ids == []


def test_reindex_command_rebuilds_from_the_database(linde, runner, app_context):
    result = runner.invoke(args=["search", "reindex"])
    assert result.exit_code == 0
    assert "Indexed 1 initiatives." in result.output
    assert text_search("linde").ids == [linde]
    assert rebuild_index() == 1


def test_sync_command_reports_nothing_to_do_when_current(linde, runner):
    result = runner.invoke(args=["search", "sync"])
    assert result.exit_code == 0
    assert "Applied 0 changes." in result.output


def test_index_holds_only_allow_listed_public_data(app_context, index_dir):
    make_initiative(
        name="De Linde",
        email="geheimadres@example.org",
        phone="0570 999888",
        kvk_number="87654321",
        website="https://verborgen.example.org",
        street="Verstoppertjesstraat",
    )
    db.session.commit()
    index = whoosh_index.open_dir(str(index_dir))
    with index.searcher() as searcher:
        assert set(searcher.schema.stored_names()) == {"id", "stamp"}
        words = {
            text.decode() if isinstance(text, bytes) else text
            for _f, text in searcher.reader().all_terms()
        }
    for secret in ("geheimadres", "example", "999888", "87654321", "verborgen", "verstoppertjes"):
        assert not any(secret in word for word in words), secret


def test_workers_finding_the_index_missing_rebuild_it_once(linde, app, index_dir, caplog):
    def search_in_worker(_n):
        with app.app_context():
            return text_search("linde").ids

    shutil.rmtree(index_dir)
    with (
        caplog.at_level(logging.WARNING, logger="register.search"),
        ThreadPoolExecutor(max_workers=4) as pool,
    ):
        results = list(pool.map(search_in_worker, range(4)))
    assert results == [[linde]] * 4
    assert caplog.text.count("Rebuilding the search index") == 1


def test_a_published_change_without_change_log_is_reported(app_context, caplog):
    """Forgetting record_change() would leave every index and mirror behind: say so."""
    initiative = make_initiative(name="Het Vergeten Huis")
    db.session.commit()

    initiative.name = "Het Hernoemde Huis"
    with caplog.at_level("WARNING", logger="register.entries.changes"):
        db.session.commit()

    assert "without record_change()" in caplog.text


def test_a_change_that_commits_after_a_later_one_is_still_applied(linde, app_context):
    """On PostgreSQL ids are handed out before commit: id n can become visible after n+1.
    The sync applies n+1 at once but keeps its cursor below n, so n is applied later."""
    if db.engine.dialect.name != "postgresql":
        pytest.skip("needs two concurrent writers: PostgreSQL (TEST_DATABASE_URL)")
    anker = make_initiative(name="Het Anker")
    db.session.commit()
    with Session(db.engine) as early, Session(db.engine) as late:
        linde_late = late.get(Initiative, linde)
        linde_late.name = "De Linde in de Late Middag"
        record_change_in(late, linde_late)  # the lower id, committed last
        anker_early = early.get(Initiative, anker.id)
        anker_early.name = "Het Anker aan Zee"
        record_change_in(early, anker_early)
        early.commit()  # synced at once (after the commit), cursor stays below the late id
        assert text_search("zee").ids == [anker.id]
        late.commit()

    assert text_search("middag").ids == [linde]
    assert sync_index() == 0  # applied once, not again and again


def record_change_in(session: Session, initiative: Initiative) -> None:
    session.add(
        ChangeLogEntry(
            initiative_id=initiative.id, slug=initiative.slug, action=ChangeAction.UPDATED
        )
    )
    session.flush()


def test_the_cursor_waits_below_unsettled_entries_and_moves_up_once_they_settle(
    linde, app, index_dir, monkeypatch
):
    settled = read_state(index_dir).cursor
    monkeypatch.setitem(app.config, "CHANGES_SETTLE_SECONDS", 60)
    initiative = db.session.get(Initiative, linde)
    initiative.name = "De Linde aan de Beek"
    entry = record_change(initiative, ChangeAction.UPDATED, ["name"])
    db.session.commit()

    assert text_search("beek").ids == [linde]  # applied at once ...
    state = read_state(index_dir)
    assert (state.cursor, state.applied) == (settled, {entry.id})  # ... cursor held back

    monkeypatch.setitem(app.config, "CHANGES_SETTLE_SECONDS", 0)
    assert sync_index() == 0  # nothing applied twice
    state = read_state(index_dir)
    assert (state.cursor, state.applied) == (entry.id, frozenset())
