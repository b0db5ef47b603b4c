"""Security headers on every response, and session content checked before any page uses it.

The Content-Security-Policy also enforces, in the browser, the promise that the site loads
nothing from any other host: scripts, styles, images and forms are same-origin only.
"""

from __future__ import annotations

import logging

from flask import Flask, Response, session
from flask.sessions import SecureCookieSessionInterface

log = logging.getLogger(__name__)

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}


def add_security_headers(response: Response) -> Response:
    """Error pages call this themselves too: they must carry the headers even when they
    are made outside the normal request flow."""
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def _is_flash(item: object) -> bool:
    return (
        isinstance(item, (list, tuple))
        and len(item) == 2
        and all(isinstance(part, str) for part in item)
    )


def _drop_malformed_session_data() -> None:
    """The session is signed, not trusted: anyone who knows a key (the development key is
    public) can put anything in it. Flashed messages and the CSRF token that are not what
    Flask and Flask-WTF wrote would crash the page that reads them, so they are dropped."""
    if "_flashes" in session:
        flashes = session["_flashes"]
        if not (isinstance(flashes, list) and all(_is_flash(item) for item in flashes)):
            session.pop("_flashes")
    if "csrf_token" in session and not isinstance(session["csrf_token"], str):
        session.pop("csrf_token")


class CheckedSessionInterface(SecureCookieSessionInterface):
    """A signed cookie whose content is not a dictionary of tagged JSON values (possible
    with a leaked or the development key) starts an empty session instead of failing
    before any error handler could answer."""

    def open_session(self, app, request):
        try:
            return super().open_session(app, request)
        except Exception:
            log.warning("Ignoring a session cookie with malformed content", exc_info=True)
            return self.session_class()


def init_app(app: Flask) -> None:
    app.session_interface = CheckedSessionInterface()
    # First of all hooks: CSRF protection reads the session's token before the views do.
    app.before_request_funcs.setdefault(None, []).insert(0, _drop_malformed_session_data)
    app.after_request(add_security_headers)
