"""Keeping the search index a faithful cache of the database.

Every app server has an index of its own and a cursor: the id of the last
``ChangeLogEntry`` it applied. ``sync_index`` applies the entries after the cursor, so
every server catches up from the one database, whoever made the change.

Off the request path: each app process runs one background thread (``SyncWorker``) that
syncs as soon as this process commits change-log entries (``entries.changes.change_logged``)
and otherwise every ``SEARCH_SYNC_INTERVAL`` seconds, for changes made by other servers or
by scripts. A published change is therefore searchable on this server within a second and
on the others within the interval. With ``SEARCH_SYNC_IN_BACKGROUND`` off (tests, command
line) the sync runs right after the commit instead.

Change-log ids are taken when a transaction writes its entry, not when it commits, so id 10
can become visible after id 11. The cursor therefore never passes the settled horizon
(``entries.change_horizon``, shared with ``/api/v1/changes``): entries above it are applied
as soon as they are visible and remembered in the state file, and one that commits late
still has an id above the cursor and is applied by the next sync. A server that was down
catches up the same way: its first sync (at once when its sync thread starts) applies
everything above its cursor.

The sync reads through a session of its own on a fresh connection. Errors are logged, never
raised: the data is committed, a failed index update must not fail the request, and the
next sync retries. Readers, cursor and data are read *after* the index writer lock is
taken, so two servers or threads that sync at once cannot commit older data over newer data.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from flask import Flask, current_app, has_app_context
from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload
from whoosh.index import Index, LockError
from whoosh.util.filelock import FileLock
from whoosh.writing import SegmentWriter

from register.entries.change_horizon import settled_horizon
from register.entries.changes import bump_generation, change_logged
from register.entries.models import ChangeLogEntry, Initiative, Statement
from register.entries.queries import published_initiatives
from register.extensions import db
from register.search.index import (
    IndexState,
    create_empty,
    index_dir,
    read_state,
    try_open,
    write_state,
)
from register.search.rebuild import RebuildWriter
from register.search.schema import SCHEMA_VERSION, document_for

log = logging.getLogger(__name__)

_BATCH = 500
MIN_SYNC_INTERVAL = 0.2


def open_or_rebuild() -> Index:
    """The index for this server; a missing, outdated or unreadable one is rebuilt first."""
    directory = index_dir()
    index = try_open(directory)
    if index is None:
        with _rebuild_lock(directory):
            index = try_open(directory)  # another worker may have rebuilt it meanwhile
            if index is None:
                log.warning("Rebuilding the search index at %s from the database", directory)
                index = create_empty(directory)
                _fill(index, directory)
    return index


def recreate() -> None:
    """Replace a damaged index by a fresh one built from the database."""
    directory = index_dir()
    log.warning("Search index at %s is damaged; rebuilding it from the database", directory)
    with _rebuild_lock(directory):
        _fill(create_empty(directory), directory)


def rebuild_index() -> int:
    """Index every published initiative anew; returns how many (0 when the index writer
    stays locked by another process for longer than SEARCH_LOCK_TIMEOUT)."""
    if not has_app_context():
        return 0
    directory = index_dir()
    with _rebuild_lock(directory):
        return _fill(try_open(directory) or create_empty(directory), directory)


@contextmanager
def _rebuild_lock(directory: Path) -> Iterator[None]:
    """One rebuild at a time per index folder, also across the workers of one server.

    A folder without a state file counts as missing (``try_open``), and the state file is
    written only when a rebuild is complete, so a worker that finds the index missing waits
    here instead of serving a half-built index or deleting the folder under another worker.
    """
    directory.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(f"{directory}.rebuild-lock")
    lock.acquire(blocking=True)
    try:
        yield
    finally:
        lock.release()


def _fill(index: Index, directory: Path) -> int:
    """Replace the whole content of ``index`` with every published initiative."""
    writer = _writer(index, RebuildWriter)
    if writer is None:
        return 0
    count = 0
    try:
        with Session(db.engine) as session:
            # The cursor and the entries above it are read before the data: what commits
            # in between is applied again by the next sync, never lost.
            cursor = settled_horizon(session)
            applied = {entry.id for entry in _log_after(session, cursor)}
            for initiative in _load(session, None):
                writer.add_document(**document_for(initiative))
                count += 1
        writer.commit()
    except BaseException:
        writer.cancel()
        raise
    write_state(directory, cursor, applied)
    log.info("Search index rebuilt: %d initiatives, change log settled up to %d", count, cursor)
    return count


def sync_index() -> int:
    """Apply the change-log entries this index has not seen; returns how many were applied."""
    if not has_app_context():
        return 0
    directory = index_dir()
    state = read_state(directory)
    if state is not None and state.schema_version == SCHEMA_VERSION:
        with Session(db.engine) as session:
            if _latest_change(session) < state.cursor:
                log.warning("Change log is behind the search index (restored database?)")
                rebuild_index()
                return 0
            if _nothing_to_do(session, state):
                return 0  # the common case, decided without opening the index
    index = open_or_rebuild()
    writer = _writer(index)
    if writer is None:
        return 0
    try:
        with Session(db.engine) as session:
            state = read_state(directory) or IndexState(SCHEMA_VERSION, 0)
            # The horizon before the entries: every entry up to it is then among them.
            horizon = settled_horizon(session, state.cursor)
            seen = _log_after(session, state.cursor)
            entries = _unapplied(seen, state)
            ids = {entry.initiative_id for entry in entries}
            for initiative_id in ids:
                writer.delete_by_term("id", str(initiative_id))
            for initiative in _load(session, ids):
                writer.add_document(**document_for(initiative))
        applied_above = {entry.id for entry in seen if entry.id > horizon}
        if not entries:
            # Only the cursor moves: written while the writer lock is still held.
            write_state(directory, horizon, applied_above)
            writer.cancel()
            return 0
        writer.commit()
    except BaseException:
        writer.cancel()
        raise
    write_state(directory, horizon, applied_above)
    return len(entries)


def _nothing_to_do(session: Session, state: IndexState) -> bool:
    """No entry to apply, and the cursor cannot move up past entries applied already."""
    seen = _log_after(session, state.cursor)
    if _unapplied(seen, state):
        return False
    return not seen or settled_horizon(session, state.cursor) == state.cursor


def _log_after(session: Session, cursor: int) -> list:
    """The entries above the cursor, by id."""
    return session.execute(
        select(ChangeLogEntry.id, ChangeLogEntry.initiative_id)
        .where(ChangeLogEntry.id > cursor)
        .order_by(ChangeLogEntry.id)
    ).all()


def _unapplied(entries: list, state: IndexState) -> list:
    return [entry for entry in entries if entry.id not in state.applied]


def reset_index() -> None:
    """An empty index with cursor 0, for tests that start from an empty database."""
    bump_generation()
    if has_app_context():
        directory = index_dir()
        create_empty(directory)
        write_state(directory, 0)


def _writer(index: Index, writer_class=SegmentWriter):
    try:
        return writer_class(index, timeout=current_app.config["SEARCH_LOCK_TIMEOUT"])
    except LockError:
        log.warning(
            "Search index is locked by another writer; the next sync will apply the changes"
        )
        return None


def _latest_change(session: Session) -> int:
    return session.scalar(select(func.max(ChangeLogEntry.id))) or 0


def _load(session: Session, ids: Iterable[int] | None) -> Iterator[Initiative]:
    """Initiatives with what ``document_for`` reads, in batches (all of them when ids is None)."""
    id_query = published_initiatives(Initiative.id).order_by(Initiative.id)
    if ids is not None:
        id_query = id_query.where(Initiative.id.in_(list(ids)))
    all_ids = list(session.scalars(id_query))
    for start in range(0, len(all_ids), _BATCH):
        batch = all_ids[start : start + _BATCH]
        yield from session.scalars(
            select(Initiative)
            .where(Initiative.id.in_(batch))
            .options(
                selectinload(Initiative.target_groups),
                # Only the statements' texts are indexed: their requirements (joined by
                # default) would be 66,000 more rows to load for 10,000 initiatives.
                selectinload(Initiative.statements).lazyload(Statement.requirement),
            )
            .order_by(Initiative.id)
        )
        session.expunge_all()


class SyncWorker:
    """One background thread per app process that keeps this server's index current."""

    def __init__(self, app: Flask):
        self.app = app
        self.wake = threading.Event()
        self.thread: threading.Thread | None = None
        self.pid: int | None = None
        self.lock = threading.Lock()
        self.stopping = False

    def ensure_running(self) -> None:
        """Start the thread in this process (again after a fork: threads do not survive it)."""
        if self.thread is not None and self.pid == os.getpid() and self.thread.is_alive():
            return
        with self.lock:
            if self.thread is None or self.pid != os.getpid() or not self.thread.is_alive():
                self.pid = os.getpid()
                self.thread = threading.Thread(target=self._run, name="search-sync", daemon=True)
                self.thread.start()

    def running_here(self) -> bool:
        return self.thread is not None and self.pid == os.getpid() and self.thread.is_alive()

    def stop(self, timeout: float = 5.0) -> None:
        self.stopping = True
        self.wake.set()
        if self.thread is not None:
            self.thread.join(timeout)
        self.thread = None
        self.stopping = False

    def _run(self) -> None:
        sync_once(self.app)  # catch up at once: this server may have been down a while
        while not self.stopping:
            # An interval of 0 means "as often as sensible", not a busy loop.
            self.wake.wait(max(self.app.config["SEARCH_SYNC_INTERVAL"], MIN_SYNC_INTERVAL))
            self.wake.clear()
            if not self.stopping:
                sync_once(self.app)


def sync_once(app: Flask) -> None:
    """One sync in an app context of its own; failures are logged and retried later."""
    try:
        with app.app_context():
            sync_index()
    except Exception:
        log.exception("Search index sync failed; will retry")


_WORKER_KEY = "register_search_worker"


def _on_change_logged(app: Flask) -> None:
    worker: SyncWorker | None = app.extensions.get(_WORKER_KEY)
    if worker is not None and worker.running_here():
        worker.wake.set()
    else:
        sync_once(app)


def _start_worker() -> None:
    current_app.extensions[_WORKER_KEY].ensure_running()


def watch(app: Flask) -> None:
    """Keep the index current in the foreground (``flask search sync --watch``)."""
    while True:
        sync_once(app)
        time.sleep(app.config["SEARCH_SYNC_INTERVAL"] or 1.0)


def init_app(app: Flask) -> None:
    change_logged.connect(_on_change_logged, sender=app, weak=False)
    if app.config["SEARCH_SYNC_IN_BACKGROUND"]:
        app.extensions[_WORKER_KEY] = SyncWorker(app)
        # Started by the first request of each process rather than here, so that a server
        # which forks its workers after loading the app gets one thread per worker.
        app.before_request(_start_worker)
