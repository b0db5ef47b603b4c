"""Error pages: one handler renders ``errors/<code>.html`` (or the generic page) in HTML,
or a JSON body under ``/api``. A 500 rolls the session back so the next request is clean.

The handlers never raise: an error page that cannot be rendered becomes a plain page, and
a database that cannot be reached (or a rollback that fails) is a 503 with Retry-After,
not a 500. Error pages also render for requests whose URL could not be matched at all,
such as a malformed ``Host`` header, and carry the security headers themselves.
"""

from __future__ import annotations

import logging
from html import escape
from itertools import chain
from types import GeneratorType

from flask import Flask, Request, Response, current_app, g, render_template, request
from flask.globals import request_ctx
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from sqlalchemy import exc as sa_exc
from werkzeug.exceptions import HTTPException, InternalServerError, ServiceUnavailable
from werkzeug.routing import IntegerConverter
from werkzeug.wsgi import ClosingIterator

from register import security
from register.extensions import db

# The largest value of an SQL INTEGER column (PostgreSQL's, and what ids fit in).
DATABASE_INT_MAX = 2**31 - 1

log = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30


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


def render_error(error: HTTPException) -> Response:
    """The error page or JSON body for ``error``, with its headers (``Allow`` on a 405,
    ``Retry-After`` on a 503) and the security headers. Never raises."""
    cause = getattr(error, "original_exception", None)
    if isinstance(error, InternalServerError) and cause is not None:
        rolled_back = reset_session()
        if database_unavailable(cause) or not rolled_back:
            error = _database_unavailable_error()
    code = error.code or 500
    g.rendering_error = True
    try:
        response = current_app.make_response(_render(error, code))
    except Exception:
        log.exception("Rendering the error page for a %s failed", code)
        response = _plain_page(code)
    response.status_code = code
    for name, value in error.get_headers():
        if name.lower() != "content-type":
            response.headers[name] = value
    if code == 503:
        response.headers["Cache-Control"] = "no-store"
    return security.add_security_headers(response)


def _render(error: HTTPException, code: int):
    title = _titles().get(code, error.name)
    description = getattr(error, "user_message", None) or _default_message(code)
    if _wants_json():
        body = {"status": code, "title": title, "detail": description}
        if getattr(error, "errors", None):
            body["errors"] = [
                {"parameter": name, "message": message} for name, message in error.errors
            ]
        return {"error": body}
    _ensure_url_adapter()
    return render_template("errors/error.html", code=code, title=title, message=description)


def _ensure_url_adapter() -> None:
    """A request whose host could not be read (``BadHost``) has no URL adapter, so the
    page's links could not be built. They are relative, so any host will do."""
    ctx = request_ctx._get_current_object()
    if ctx.url_adapter is None:
        ctx.url_adapter = current_app.url_map.bind(
            "localhost", script_name=request.script_root or "/", url_scheme="http"
        )


def _plain_page(code: int) -> Response:
    """The last resort when even the error page fails: no template, no translation."""
    text = (
        "Er ging iets mis. Probeer het later opnieuw. / "
        "Something went wrong. Please try again later."
    )
    if code == 503:
        text = (
            "Het register is even niet bereikbaar. Probeer het over een paar minuten opnieuw. / "
            "The register is unavailable for a moment. Please try again in a few minutes."
        )
    html = (
        f'<!doctype html><html lang="nl"><meta charset="utf-8"><title>{code}</title>'
        f'<p>{escape(text)}</p><p><a href="/">Register Wooninitiatieven</a></p></html>'
    )
    return Response(html, status=code, content_type="text/html; charset=utf-8")


def _default_message(code: int) -> str:
    messages = {
        400: _("De gegevens in de aanvraag zijn ongeldig. Controleer het adres of het formulier."),
        403: _("U heeft geen toegang tot deze pagina."),
        404: _("Deze pagina bestaat niet (meer). Controleer het adres of zoek opnieuw."),
        405: _("Deze handeling is op deze pagina niet mogelijk."),
        413: _("U heeft te veel gegevens tegelijk verstuurd."),
        429: _(
            "U heeft dit te vaak achter elkaar geprobeerd. Wacht een paar minuten en probeer "
            "het dan opnieuw."
        ),
        500: _("Er ging aan onze kant iets mis. Probeer het later opnieuw."),
        503: _("Het register is even niet bereikbaar. Probeer het over een paar minuten opnieuw."),
    }
    return messages.get(code, _("Er ging iets mis."))


def _csrf_error(error: CSRFError):
    error.user_message = _(
        "Het formulier was verlopen of niet geldig. Ga terug, laad de pagina opnieuw "
        "en verstuur het formulier nog een keer."
    )
    return render_error(error)


def database_unavailable(error: BaseException | None) -> bool:
    """Whether ``error`` (or what caused it) says the database cannot be reached or used
    right now: a lost or refused connection, a stopped server, a missing SQLite file."""
    seen = 0
    while error is not None and seen < 10:
        if isinstance(error, (sa_exc.OperationalError, sa_exc.InterfaceError)):
            return True
        if isinstance(error, sa_exc.TimeoutError):  # no connection free in the pool
            return True
        if isinstance(error, sa_exc.DBAPIError) and error.connection_invalidated:
            return True
        error = error.__cause__ or error.__context__
        seen += 1
    return False


def reset_session() -> bool:
    """Roll back the request's database session; False when even that fails.

    A rollback on a connection the server has dropped can raise; the session is then
    thrown away so the next use starts on a fresh (pre-pinged) connection."""
    try:
        db.session.rollback()
        return True
    except Exception:
        log.warning("Rolling back the database session failed", exc_info=True)
        try:
            db.session.remove()
        except Exception:
            log.warning("Discarding the database session failed", exc_info=True)
        return False


def _close_session(_error: BaseException | None) -> None:
    """Close the request's session before Flask-SQLAlchemy's own teardown does (teardowns
    run last-registered first). Closing rolls back, which raises on a connection the
    database dropped after the response was made; raised from a teardown, that passes every
    error handler and replaces the response with a bare 500. The connection is invalidated
    by then: discard the session and keep the response."""
    try:
        db.session.remove()
    except Exception:
        log.warning("Closing the database session failed", exc_info=True)
        db.session.registry.clear()


def _database_unavailable_error() -> ServiceUnavailable:
    # Pages rendered from now on in this request must not try the database again.
    g.database_unavailable = True
    return ServiceUnavailable(retry_after=RETRY_AFTER_SECONDS)


def _unexpected(error: Exception) -> Response:
    if database_unavailable(error):
        log.error("Database unavailable on %s: %s", request.path, error)
    else:
        log.error("Unhandled error on %s", request.path, exc_info=error)
    return render_error(InternalServerError(original_exception=error))


def _start_streams(response: Response) -> Response:
    """Run a streamed body (the open-data downloads) up to its first chunk while the
    request can still answer with an error page: a database that fails before the first
    byte gives a 503 instead of a cut-off download with status 200.

    A failure after the first chunk can only end the connection early: the status line
    has been sent by then."""
    body = response.response
    if not isinstance(body, GeneratorType) or response.status_code != 200:
        return response
    try:
        first = next(body)
    except StopIteration:
        response.response = []
        return response
    except Exception as error:
        failed = render_error(error) if isinstance(error, HTTPException) else _unexpected(error)
        origin = response.headers.get("Access-Control-Allow-Origin")
        if origin:
            failed.headers["Access-Control-Allow-Origin"] = origin
        return failed
    # Closable before it is read: a HEAD request's body is closed, never iterated.
    response.response = ClosingIterator(chain([first], body), body.close)
    return response


def _reject_json_that_is_not_an_object() -> None:
    """Flask-Security reads a JSON body as its form's fields: a list or a bare value there
    is no set of fields, so such a body is a 400 before any view reads it."""
    body = request.get_json(silent=True) if request.is_json else None
    if body is not None and not isinstance(body, dict):
        raise BadParameter(_("De aanvraag klopt niet"))


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


class RegisterRequest(Request):
    """A multipart part whose header has no name (a broken or forged body) is dropped: every
    reader of ``request.form`` (Flask-WTF's CSRF check among them) expects names."""

    def _load_form_data(self) -> None:
        super()._load_form_data()
        for attribute in ("form", "files"):
            fields = self.__dict__[attribute]
            if None in fields:
                self.__dict__[attribute] = type(fields)(
                    (name, value) for name, value in fields.items(multi=True) if name is not None
                )


class DatabaseIdConverter(IntegerConverter):
    """``<int:…>`` in a route: a number the database's integer column can hold. A larger
    one (``/…/99999999999999999999``) is a 404 here instead of an overflow inside a query."""

    def __init__(self, map, fixed_digits=0, min=None, max=DATABASE_INT_MAX, signed=False):
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


def init_app(app: Flask) -> None:
    app.before_request(_reject_nul_characters)
    app.before_request(_reject_json_that_is_not_an_object)
    app.after_request(_start_streams)
    app.teardown_appcontext(_close_session)
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
