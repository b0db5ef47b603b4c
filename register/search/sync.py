"""Keeping the search index a faithful cache of the database.

Every app server has an index of its own and a cursor: the id of the last
``ChangeLogEntry`` it applied. ``sync_index`` applies the entries after the cursor, so
every server catches up from the one database, whoever made the change:

- right after a commit in this process that added change-log entries (session events), and
- at most every ``SEARCH_SYNC_INTERVAL`` seconds before a request, for changes made by
  other servers or by scripts.

The sync reads through a session of its own on a fresh connection. The after-commit hook
runs inside ``Session.commit()`` of the caller's session, whose connection is being
released; a separate session sees exactly what was committed and cannot disturb the
caller's transaction. Errors there are logged, never raised: the data is committed, a
failed index update must not turn the request into a 500, and the next sync retries.

Readers, cursor and data are read *after* the index writer lock is taken, so two servers
or threads that sync at once cannot commit older data over newer data.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from flask import Flask, current_app, has_app_context, request
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session, selectinload
from whoosh import writing
from whoosh.index import Index, LockError
from whoosh.util.filelock import FileLock

from register.entries import models
from register.entries.models import ChangeLogEntry, Initiative
from register.entries.queries import published_initiatives
from register.extensions import db
from register.search.index import (
    create_empty,
    index_dir,
    read_cursor,
    read_state,
    try_open,
    write_state,
)
from register.search.schema import SCHEMA_VERSION, document_for

log = logging.getLogger(__name__)

_BATCH = 500
_DIRTY = "register_search_dirty"
_CHANGED = "register_data_changed"
_generation = 0


def data_generation() -> int:
    """A number that grows whenever this process commits a change to register tables.

    Caches of register data (the finder's snapshot) key on it together with the change log.
    """
    return _generation


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
    """Index every published initiative anew; returns how many. 0 when the lock is busy."""
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
    writer = _writer(index)
    if writer is None:
        return 0
    count = 0
    try:
        with Session(db.engine) as session:
            # The cursor is read before the data: a change committed in between is applied
            # again by the next sync, never lost.
            cursor = _latest_change(session)
            for initiative in _load(session, None):
                writer.add_document(**document_for(initiative))
                count += 1
        writer.commit(mergetype=writing.CLEAR)
    except BaseException:
        writer.cancel()
        raise
    write_state(directory, cursor)
    log.info("Search index rebuilt: %d initiatives, change log up to %d", count, cursor)
    return count


def sync_index() -> int:
    """Apply the change-log entries this index has not seen; returns how many were applied."""
    if not has_app_context():
        return 0
    directory = index_dir()
    with Session(db.engine) as session:
        latest = _latest_change(session)
    state = read_state(directory)
    if state is not None and state.schema_version == SCHEMA_VERSION and state.cursor == latest:
        return 0  # the common case, decided without opening the index
    index = open_or_rebuild()
    cursor = read_cursor(directory)
    if latest == cursor:
        return 0
    if latest < cursor:
        log.warning("Change log is behind the search index (restored database?): rebuilding")
        rebuild_index()
        return 0
    writer = _writer(index)
    if writer is None:
        return 0
    try:
        with Session(db.engine) as session:
            cursor = read_cursor(directory)
            entries = session.execute(
                select(ChangeLogEntry.id, ChangeLogEntry.initiative_id)
                .where(ChangeLogEntry.id > cursor)
                .order_by(ChangeLogEntry.id)
            ).all()
            if not entries:
                writer.cancel()
                return 0
            ids = {entry.initiative_id for entry in entries}
            for initiative_id in ids:
                writer.delete_by_term("id", str(initiative_id))
            for initiative in _load(session, ids):
                writer.add_document(**document_for(initiative))
        writer.commit()
    except BaseException:
        writer.cancel()
        raise
    write_state(directory, entries[-1].id)
    return len(entries)


def reset_index() -> None:
    """An empty index with cursor 0, for tests that start from an empty database."""
    global _generation
    _generation += 1
    if has_app_context():
        directory = index_dir()
        create_empty(directory)
        write_state(directory, 0)


def _writer(index: Index):
    try:
        return index.writer(timeout=current_app.config["SEARCH_LOCK_TIMEOUT"])
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
            .options(selectinload(Initiative.target_groups), selectinload(Initiative.statements))
            .order_by(Initiative.id)
        )
        session.expunge_all()


# Session events: remember during flush what changed, act once the commit has happened.

_REGISTER_MODELS = tuple(
    cls
    for cls in vars(models).values()
    if isinstance(cls, type) and issubclass(cls, db.Model) and cls is not db.Model
)


# What a published entry is made of: changing any of these without a change-log entry leaves
# every search index and API mirror behind.
_PUBLISHED_MODELS = (
    models.Initiative,
    models.Statement,
    models.Membership,
    models.Certification,
    models.Visit,
)
_PUBLISHED = "register_published_touched"


def _after_flush(session: Session, _flush_context) -> None:
    touched = [*session.new, *session.dirty, *session.deleted]
    if any(isinstance(obj, _REGISTER_MODELS) for obj in touched):
        session.info[_CHANGED] = True
    if any(isinstance(obj, _PUBLISHED_MODELS) for obj in touched):
        session.info[_PUBLISHED] = True
    if any(isinstance(obj, ChangeLogEntry) for obj in session.new):
        session.info[_DIRTY] = True


def _after_commit(session: Session) -> None:
    global _generation
    if session.info.pop(_CHANGED, False):
        _generation += 1
    logged = session.info.get(_DIRTY, False)
    if session.info.pop(_PUBLISHED, False) and not logged:
        log.warning(
            "A published initiative changed without record_change(): search indexes and "
            "API mirrors will not see it until the next `flask search reindex`"
        )
    if session.info.pop(_DIRTY, False) and has_app_context():
        try:
            sync_index()
        except Exception:
            log.exception("Updating the search index after a commit failed; will retry")


def _after_rollback(session: Session) -> None:
    session.info.pop(_PUBLISHED, None)
    session.info.pop(_CHANGED, None)
    session.info.pop(_DIRTY, None)


def _listen_once() -> None:
    for name, handler in (
        ("after_flush", _after_flush),
        ("after_commit", _after_commit),
        ("after_rollback", _after_rollback),
    ):
        if not event.contains(Session, name, handler):
            event.listen(Session, name, handler)


_STATE_KEY = "register_search"


def _sync_if_due() -> None:
    """Catch up with changes made by other servers, at most every SEARCH_SYNC_INTERVAL s."""
    if request.endpoint == "static":
        return
    state = current_app.extensions[_STATE_KEY]
    now = time.monotonic()
    if now - state["checked_at"] < current_app.config["SEARCH_SYNC_INTERVAL"]:
        return
    state["checked_at"] = now
    try:
        sync_index()
    except Exception:
        log.exception("Periodic search index sync failed; will retry")


def init_app(app: Flask) -> None:
    app.extensions[_STATE_KEY] = {"checked_at": float("-inf")}
    _listen_once()
    app.before_request(_sync_if_due)
