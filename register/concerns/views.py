"""``/melden``: the public form to report a concern about an initiative, and its thank-you
page with the reference number. Concerns are read by inspectors only (register.inspection)."""

from __future__ import annotations

from flask import Blueprint, current_app, redirect, render_template, request, session, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from werkzeug.exceptions import TooManyRequests

from register.concerns import services
from register.concerns.cli import purge_expired_command
from register.concerns.forms import ConcernForm
from register.errors import render_error
from register.extensions import db, limiter

bp = Blueprint("concerns", __name__, url_prefix="/melden")
bp.cli.add_command(purge_expired_command)

# The reference of the last report from this browser, for the thank-you page.
SESSION_KEY = "concern_reference"


def _rate_limit() -> str:
    return current_app.config["CONCERN_RATE_LIMIT"]


@bp.app_context_processor
def _retention_in_templates() -> dict:
    return {"concern_retention_days": services.retention_days}


@bp.after_request
def _not_stored(response):
    """What a person typed (echoed after a mistake) and their reference stay out of caches."""
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.errorhandler(TooManyRequests)
def too_many_requests(error):
    error.user_message = _(
        "Je hebt in korte tijd veel meldingen gestuurd. Probeer het later opnieuw. "
        "Is er direct gevaar? Bel dan 112."
    )
    return render_error(error)


# Every report sent counts (also a robot's); a form returned with a mistake does not.
@bp.route("", methods=["GET", "POST"], endpoint="report")
@limiter.limit(
    _rate_limit, methods=["POST"], deduct_when=lambda response: response.status_code == 302
)
def report():
    form = ConcernForm()
    if request.method == "GET":
        chosen = services.initiative_from_slug(request.args.get("initiatief", ""))
        if chosen is not None:
            form.choose(chosen)
    elif form.filled_by_a_robot:
        # Looks the same to the robot, but nothing is stored.
        return _thank(services.new_reference())
    elif form.validate_on_submit():
        concern = services.report(
            form.chosen,
            what_happened=form.wat.data,
            when_happened=form.wanneer.data,
            reporter_name=form.naam.data,
            reporter_email=form.email.data,
            reporter_phone=form.telefoon.data,
            locale=str(get_locale() or "nl"),
        )
        db.session.commit()
        return _thank(concern.reference)
    status = 400 if form.errors else 200
    return render_template("concerns/report.html", form=form), status


def _thank(reference: str):
    session[SESSION_KEY] = reference
    return redirect(url_for(".received"))


@bp.get("/ontvangen")
def received():
    reference = session.get(SESSION_KEY)
    if not isinstance(reference, str):
        return redirect(url_for(".report"))
    return render_template("concerns/received.html", reference=reference)
