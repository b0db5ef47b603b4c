"""``/toegang-aanvragen``: the public forms with which an initiative asks for an account.
No account is created and nothing public changes until staff approve."""

from __future__ import annotations

from flask import Blueprint, current_app, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from werkzeug.exceptions import TooManyRequests

from register.access import services
from register.access.forms import ExistingEntryForm, NewInitiativeForm
from register.errors import render_error
from register.extensions import db, limiter

bp = Blueprint("access", __name__, url_prefix="/toegang-aanvragen")


# Per address every POST counts (also one with mistakes); per e-mail address only the
# requests taken in, so correcting a typo twice never locks a person out.
def _limit_per_address() -> str:
    return current_app.config["ACCESS_REQUEST_RATE_LIMIT_PER_ADDRESS"]


def _limit_per_email() -> str:
    return current_app.config["ACCESS_REQUEST_RATE_LIMIT_PER_EMAIL"]


def _email_entered() -> str:
    """Rate-limit key per applicant: the address typed into the form."""
    return "access-request:" + (request.form.get("email") or "").strip().lower()


def rate_limited(view):
    """POSTs limited per address and per e-mail address entered."""
    view = limiter.limit(
        _limit_per_email,
        key_func=_email_entered,
        methods=["POST"],
        deduct_when=lambda response: response.status_code == 302,
    )(view)
    return limiter.limit(_limit_per_address, methods=["POST"])(view)


@bp.errorhandler(TooManyRequests)
def too_many_requests(error):
    error.user_message = _(
        "U heeft in korte tijd te veel aanvragen gedaan. Wacht een uur en probeer het dan "
        "opnieuw. Heeft u al een aanvraag gedaan? Dan krijgt u van ons een e-mail."
    )
    return render_error(error)


def _locale() -> str:
    return str(get_locale() or "nl")


@bp.get("", endpoint="request")
def start():
    return render_template("access/start.html")


@bp.route("/bestaand-initiatief", methods=["GET", "POST"])
@rate_limited
def existing():
    form = ExistingEntryForm()
    if form.validate_on_submit():
        services.submit_existing(
            kvk_number=form.kvk_number.data,
            applicant_name=form.applicant_name.data,
            email=form.email.data,
            locale=_locale(),
        )
        db.session.commit()
        return redirect(url_for(".received"))
    status = 400 if form.errors else 200
    return render_template("access/existing.html", form=form), status


@bp.route("/nieuw-initiatief", methods=["GET", "POST"])
@rate_limited
def new():
    form = NewInitiativeForm()
    if form.validate_on_submit():
        services.submit_new(
            applicant_name=form.applicant_name.data,
            email=form.email.data,
            locale=_locale(),
            kvk_number=form.kvk_number.data,
            initiative_name=form.initiative_name.data,
            kind_key=form.initiative_kind.data,
            street=form.street.data,
            house_number=form.house_number.data,
            postcode=form.postcode.data,
            place=form.found_place,
            capacity=form.capacity.data,
            vacancy=form.vacancy.data,
            website=form.website.data or "",
        )
        db.session.commit()
        return redirect(url_for(".received"))
    status = 400 if form.errors else 200
    return render_template("access/new.html", form=form), status


@bp.get("/ontvangen")
def received():
    return render_template("access/received.html")
