"""``/account``: the account's own page (its doors and security settings), and where a
log-in lands: with one door straight through it, with several on this page."""

from __future__ import annotations

from flask import Blueprint, current_app, redirect, render_template, url_for
from flask_login import current_user, login_required

from register.accounts.roles import HOME_ENDPOINTS, ROLE_LABELS, RoleName

bp = Blueprint("accounts", __name__)


def doors() -> list[tuple[RoleName, str]]:
    """(role, endpoint) of every part of the site the account may enter. A door whose
    blueprint this version does not have yet (the inspectorate's) is left out."""
    return [
        (role, endpoint)
        for role, endpoint in HOME_ENDPOINTS
        if current_user.has_role(role) and endpoint in current_app.view_functions
    ]


@bp.get("/account/welkom")
@login_required
def after_login():
    available = doors()
    if len(available) == 1:
        return redirect(url_for(available[0][1]))
    return redirect(url_for(".home"))


@bp.get("/account")
@login_required
def home():
    return render_template("accounts/home.html", doors=doors(), role_labels=ROLE_LABELS)
