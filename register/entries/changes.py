"""What happens around a commit that touches the register.

Session events note during a flush, or when a bulk statement runs through the session
(``session.execute(insert(Model), rows)``, which flushes nothing), what changed; so does
``register.bulk`` for the rows it copies in beside the session. Once the commit has happened:

- ``data_generation()`` grows, so caches of register data (the finder's snapshot) rebuild;
- a published entry changed without a change-log entry is reported (every search index and
  API mirror follows that log, so they would miss it);
- ``change_logged`` is sent when the commit added change-log entries. The search index
  listens (``register.search.sync``); nothing here knows about it.
"""

from __future__ import annotations

import logging

from blinker import Namespace
from flask import current_app, has_app_context
from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session

from register.entries import models
from register.extensions import db

log = logging.getLogger(__name__)

change_logged = Namespace().signal("change-logged")

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
    models.FactProvenance,
)

# The same by table name, for bulk statements (their table may be an annotated copy); the
# links to target groups and funding routes are part of a published entry too.
_LINK_TABLES = {models.initiative_target_group.name, models.initiative_funding_route.name}
_REGISTER_TABLES = {cls.__tablename__ for cls in _REGISTER_MODELS} | _LINK_TABLES
_PUBLISHED_TABLES = {cls.__tablename__ for cls in _PUBLISHED_MODELS} | _LINK_TABLES

_CHANGED = "register_data_changed"
_PUBLISHED = "register_published_touched"
_LOGGED = "register_change_logged"
_generation = 0


def data_generation() -> int:
    """A number that grows whenever this process commits a change to register tables."""
    return _generation


def bump_generation() -> None:
    """Count a change made outside a session commit (tests that empty the tables)."""
    global _generation
    _generation += 1


def _after_flush(session: Session, _flush_context) -> None:
    touched = [*session.new, *session.dirty, *session.deleted]
    if any(isinstance(obj, _REGISTER_MODELS) for obj in touched):
        session.info[_CHANGED] = True
    if any(isinstance(obj, _PUBLISHED_MODELS) for obj in touched):
        session.info[_PUBLISHED] = True
    if any(isinstance(obj, models.ChangeLogEntry) for obj in session.new):
        session.info[_LOGGED] = True


def _do_orm_execute(state: ORMExecuteState) -> None:
    if not state.statement.is_dml:
        return
    note_bulk_statement(
        state.session,
        getattr(getattr(state.statement, "table", None), "name", None),
        insert=state.is_insert,
        delete=state.is_delete,
    )


def note_bulk_statement(
    session: Session, table: str | None, *, insert: bool = False, delete: bool = False
) -> None:
    """What a bulk statement on ``table`` means for the commit; called for those run through
    the session, and by ``register.bulk`` for rows it copies in around it."""
    info = session.info
    if table in _REGISTER_TABLES:
        info[_CHANGED] = True
    # Not for deletes: bulk deletes empty tables (tests, restores); edits are what may lack
    # their record_change().
    if table in _PUBLISHED_TABLES and not delete:
        info[_PUBLISHED] = True
    if table == models.ChangeLogEntry.__tablename__ and insert:
        info[_LOGGED] = True


def _after_commit(session: Session) -> None:
    if session.info.pop(_CHANGED, False):
        bump_generation()
    logged = session.info.pop(_LOGGED, False)
    if session.info.pop(_PUBLISHED, False) and not logged:
        log.warning(
            "A published initiative changed without record_change(): search indexes and "
            "API mirrors will not see it until the next `flask search reindex`"
        )
    if logged and has_app_context():
        change_logged.send(current_app._get_current_object())


def _after_rollback(session: Session) -> None:
    for key in (_CHANGED, _PUBLISHED, _LOGGED):
        session.info.pop(key, None)


def listen() -> None:
    """Attach the session events once per process (the app factory may run many times)."""
    for name, handler in (
        ("after_flush", _after_flush),
        ("do_orm_execute", _do_orm_execute),
        ("after_commit", _after_commit),
        ("after_rollback", _after_rollback),
    ):
        if not event.contains(Session, name, handler):
            event.listen(Session, name, handler)
