"""Finding a saved list only reads; a visit and the deletion of an expired list are explicit
writes that the view commits."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import timedelta

from questionnaire_helpers import build_list, save
from sqlalchemy import event, select

from register.entries.models import utcnow
from register.extensions import db
from register.questionnaire.models import SavedList
from register.questionnaire.services import saved_lists


@contextmanager
def _statements():
    """The SQL statements run inside the block."""
    sent = []

    def remember(_conn, _cursor, statement, *_args):
        sent.append(statement.lstrip().split(None, 1)[0].upper())

    event.listen(db.engine, "before_cursor_execute", remember)
    try:
        yield sent
    finally:
        event.remove(db.engine, "before_cursor_execute", remember)


def _saved_list(visitor, app, expires_in: timedelta) -> str:
    build_list(visitor, themes=("geld",))
    _page, token = save(visitor)
    with app.app_context():
        db.session.scalar(select(SavedList)).expires_at = utcnow() + expires_in
        db.session.commit()
    return token


def test_finding_an_expired_list_does_not_delete_it(visitor, app):
    token = _saved_list(visitor, app, -timedelta(minutes=1))
    with app.app_context(), _statements() as sent:
        assert saved_lists.find_saved(token) is None
        assert not db.session.new and not db.session.dirty and not db.session.deleted
        assert set(sent) == {"SELECT"}
    with app.app_context():
        assert db.session.scalar(select(SavedList)) is not None
        assert saved_lists.delete_if_expired(token)
        db.session.commit()
        assert db.session.scalar(select(SavedList)) is None


def test_finding_a_list_does_not_extend_it(visitor, app):
    token = _saved_list(visitor, app, timedelta(days=3))
    with app.app_context(), _statements() as sent:
        saved = saved_lists.find_saved(token)
        before = saved.expires_at
        assert not db.session.dirty
        db.session.commit()
        assert set(sent) == {"SELECT"}
    with app.app_context():
        assert db.session.scalar(select(SavedList.expires_at)) == before


def test_a_visit_restarts_the_period_once_a_day(visitor, app):
    token = _saved_list(visitor, app, timedelta(days=3))
    with app.app_context():
        saved = saved_lists.find_saved(token)
        assert saved_lists.record_visit(saved)
        assert not saved_lists.record_visit(saved)  # the second visit of the day writes nothing
        db.session.commit()
        left = saved_lists.as_utc(db.session.scalar(select(SavedList.expires_at))) - utcnow()
    assert left > timedelta(days=app.config["QUESTIONLIST_RETENTION_DAYS"] - 1)


def test_a_live_list_is_not_deleted_as_expired(visitor, app):
    token = _saved_list(visitor, app, timedelta(days=3))
    with app.app_context():
        assert not saved_lists.delete_if_expired(token)
        assert not saved_lists.delete_if_expired("x" * 43)
        assert not saved_lists.delete_if_expired("ü")
        db.session.commit()
        assert db.session.scalar(select(SavedList)) is not None


def test_saving_again_after_expiry_makes_a_fresh_list(visitor, app):
    token = _saved_list(visitor, app, -timedelta(minutes=1))
    _page, again = save(visitor)
    assert again == token
    with app.app_context():
        saved = db.session.scalar(select(SavedList))
        assert saved_lists.as_utc(saved.expires_at) > utcnow()
