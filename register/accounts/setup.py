"""Wire Flask-Security, the rate limits and the two-factor rule into the app."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask, current_app, redirect, request, url_for
from flask_login import current_user
from flask_security import Security, SQLAlchemyUserDatastore
from flask_security.mail_util import MailUtil

from register.accounts import lockout
from register.accounts.forms import ForgotPasswordWithRequiredEmail
from register.accounts.models import Account, Role
from register.accounts.roles import TWO_FACTOR_REQUIRED
from register.extensions import db, limiter

# Endpoints a person who is logged in but has not set up the required second step may use.
_TWO_FACTOR_SETUP_ENDPOINTS = {
    "security.two_factor_setup",
    "security.two_factor_token_validation",
    "security.logout",
    "security.mf_recovery_codes",
    "static",
}

# POSTs limited per address and per e-mail address entered.
RATE_LIMITED_ENDPOINTS = (
    "security.login",
    "security.forgot_password",
    "security.reset_password",
    "security.two_factor_token_validation",
    "security.two_factor_rescue",
    "security.mf_recovery",
)


class OutboxMailUtil(MailUtil):
    """Flask-Security's mail (reset links, notices) goes to the outbox like all other mail."""

    def send_mail(self, template, subject, recipient, sender, body, html, **kwargs) -> None:
        from register.mail import outbox

        outbox.queue(str(recipient), str(subject), body or "", html)
        db.session.commit()


security = Security(
    mail_util_cls=OutboxMailUtil, forgot_password_form=ForgotPasswordWithRequiredEmail
)
datastore = SQLAlchemyUserDatastore(db, Account, Role)


def submitted_email() -> str:
    """Rate-limit key per account: the address typed into the form."""
    return "account:" + (request.form.get("email") or "").strip().lower()


def per_address_limit() -> str:
    return current_app.config["AUTH_RATE_LIMIT_PER_ADDRESS"]


def per_account_limit() -> str:
    return current_app.config["AUTH_RATE_LIMIT_PER_ACCOUNT"]


def limit_per_address_and_account(view: Callable) -> Callable:
    """POSTs to ``view`` limited per client address and per e-mail address entered (the
    limits are read from the app's configuration at each request)."""
    view = limiter.limit(per_account_limit, key_func=submitted_email, methods=["POST"])(view)
    return limiter.limit(per_address_limit, methods=["POST"])(view)


# Flask-Security's views are module functions shared by every app this process creates (the
# tests create several): wrap each once, or its limits would count twice.
_limited_views: dict[str, Callable] = {}


def _limit_auth_endpoints(app: Flask) -> None:
    for endpoint in RATE_LIMITED_ENDPOINTS:
        if endpoint not in _limited_views:
            _limited_views[endpoint] = limit_per_address_and_account(app.view_functions[endpoint])
        app.view_functions[endpoint] = _limited_views[endpoint]


def _require_two_factor_setup():
    """Staff and inspectors must use TOTP: until they have set it up, they only see the
    set-up page."""
    if (
        current_user.is_authenticated
        and current_user.tf_primary_method is None
        and current_user.has_any_role(*TWO_FACTOR_REQUIRED)
        and request.endpoint not in _TWO_FACTOR_SETUP_ENDPOINTS
    ):
        return redirect(url_for("security.two_factor_setup"))
    return None


def init_app(app: Flask, translations_dir: str) -> None:
    app.config.setdefault("SECURITY_I18N_DIRNAME", [translations_dir])
    security.init_app(app, datastore, register_blueprint=True)
    limiter.init_app(app)
    _limit_auth_endpoints(app)
    lockout.connect(app)
    app.before_request(_require_two_factor_setup)
