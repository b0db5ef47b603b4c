"""Whether the register shows fictional demo data: every page then says so."""

from __future__ import annotations

from flask import g
from sqlalchemy import exists, select
from sqlalchemy.exc import SQLAlchemyError

from register.entries.models import Initiative
from register.errors import database_unavailable, reset_session
from register.extensions import db


def demo_data_loaded() -> bool:
    """Whether any fictional entry is published: then every page says so.

    A page cannot say whether its data is fictional while the database is unreachable,
    so that error reaches the error handler (a 503); error pages go without the notice."""
    if g.get("database_unavailable"):
        return False  # an error page must not wait for a database just found unreachable
    try:
        return bool(db.session.scalar(select(exists().where(Initiative.is_demo.is_(True)))))
    except SQLAlchemyError as error:
        if database_unavailable(error) and not g.get("rendering_error"):
            raise
        reset_session()
        return False
