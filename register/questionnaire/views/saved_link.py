"""Opening a saved list by its link: a friendly 404 when there is none, the visit recorded,
and the response kept private."""

from __future__ import annotations

from functools import wraps

from flask import current_app, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from werkzeug.exceptions import NotFound

from register.extensions import db
from register.questionnaire.models import SavedList
from register.questionnaire.services.catalogue import load_bank
from register.questionnaire.services.saved_lists import (
    delete_if_expired,
    find_saved,
    record_visit,
    saved_groups,
)
from register.questionnaire.views.blueprint import bp
from register.questionnaire.views.shared import list_context, private


def retention_period() -> str:
    """How long an unused saved list is kept, in words: days when that is under two months."""
    days = current_app.config["QUESTIONLIST_RETENTION_DAYS"]
    if days < 60:
        return ngettext("%(num)s dag", "%(num)s dagen", days)
    return ngettext("%(num)s maand", "%(num)s maanden", round(days / 30.4))


@bp.app_context_processor
def _retention_in_templates() -> dict:
    return {"questionlist_retention": retention_period}


def _list_not_found() -> NotFound:
    error = NotFound()
    error.user_message = _(
        "Deze vragenlijst bestaat niet (meer). Misschien is de link niet helemaal goed "
        "gekopieerd, of is de lijst verwijderd. Een lijst wordt ook verwijderd als hij "
        "%(period)s niet is gebruikt.",
        period=retention_period(),
    )
    return error


def with_saved_list(view):
    """Looks up the list behind the token (a friendly 404 when there is none). Opening a list
    counts as using it; an expired list whose link is used is deleted there and then."""

    @wraps(view)
    def wrapper(token: str, **kwargs):
        saved = find_saved(token)
        if saved is None:
            delete_if_expired(token)
        else:
            record_visit(saved)
        db.session.commit()
        if saved is None:
            raise _list_not_found()
        return private(current_app.make_response(view(saved, token, **kwargs)))

    return wrapper


def saved_url(token: str) -> str:
    return url_for("questionnaire.saved", token=token, _external=True)


def saved_context(saved: SavedList, token: str | None = None) -> dict:
    """The list's page context; with ``token`` also its link (and QR code) to print on it."""
    return list_context(
        saved_groups(saved, load_bank()),
        saved.content.get("initiative"),
        saved_url(token) if token else None,
    )
