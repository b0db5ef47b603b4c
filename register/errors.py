"""Error pages: one handler renders ``errors/<code>.html`` (or the generic page) in HTML,
or a JSON body under ``/api``. A 500 rolls the session back so the next request is clean."""

from __future__ import annotations

import logging

from flask import Flask, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from register.extensions import db

log = logging.getLogger(__name__)


def _titles() -> dict[int, str]:
    return {
        400: _("De aanvraag klopt niet"),
        403: _("Geen toegang"),
        404: _("Pagina niet gevonden"),
        405: _("Dit kan hier niet"),
        413: _("Te veel gegevens verstuurd"),
        429: _("Te veel aanvragen"),
        500: _("Er ging iets mis"),
        503: _("Even niet beschikbaar"),
    }


def _wants_json() -> bool:
    return request.path.startswith("/api/") or request.path.startswith("/open-data/")


def render_error(error: HTTPException):
    code = error.code or 500
    title = _titles().get(code, error.name)
    description = getattr(error, "user_message", None) or _default_message(code)
    if _wants_json():
        body = {"status": code, "title": title, "detail": description}
        if getattr(error, "errors", None):
            body["errors"] = [
                {"parameter": name, "message": message} for name, message in error.errors
            ]
        return {"error": body}, code
    return render_template("errors/error.html", code=code, title=title, message=description), code


def _default_message(code: int) -> str:
    messages = {
        400: _("De gegevens in de aanvraag zijn ongeldig. Controleer het adres of het formulier."),
        403: _("U heeft geen toegang tot deze pagina."),
        404: _("Deze pagina bestaat niet (meer). Controleer het adres of zoek opnieuw."),
        405: _("Deze handeling is op deze pagina niet mogelijk."),
        413: _("U heeft te veel gegevens tegelijk verstuurd."),
        500: _("Er ging aan onze kant iets mis. Probeer het later opnieuw."),
    }
    return messages.get(code, _("Er ging iets mis."))


def _csrf_error(error: CSRFError):
    error.user_message = _(
        "Het formulier was verlopen of niet geldig. Ga terug, laad de pagina opnieuw "
        "en verstuur het formulier nog een keer."
    )
    return render_error(error)


def _unexpected(error: Exception):
    db.session.rollback()
    log.exception("Unhandled error on %s", request.path)
    return render_error(InternalServerError())


def _reject_nul_characters() -> None:
    """PostgreSQL cannot store or even compare text containing NUL, and no person types one:
    refuse such requests up front with a 400 instead of failing deep inside a query."""
    message = _("De aanvraag bevat een teken dat niet is toegestaan (NUL).")
    fields = request.args.items(multi=True)
    if request.method == "POST":
        fields = [*fields, *request.form.items(multi=True)]
    offending = [(name, message) for name, value in fields if "\x00" in name + value]
    if offending or "\x00" in request.path:
        raise BadParameter(message, errors=offending)


def init_app(app: Flask) -> None:
    app.before_request(_reject_nul_characters)
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(HTTPException, render_error)
    app.register_error_handler(Exception, _unexpected)


class BadParameter(HTTPException):
    """A 400 that carries a message a person can act on, and optionally one message per
    offending parameter (listed in JSON error bodies)."""

    code = 400

    def __init__(self, message: str, errors: list[tuple[str, str]] = ()):
        super().__init__(description=message)
        self.user_message = message
        self.errors = list(errors)
