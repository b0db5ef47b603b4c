"""``/vereniging`` (an association's verifier checks the memberships naming it) and
``/beheer/keurmerken`` (register staff check quality marks). HTTP only: the rules and
writes are in ``services``."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from register.accounts.access import roles_required
from register.accounts.roles import RoleName
from register.entries.labels import claim_status_label, long_date
from register.entries.models import Certification, ClaimStatus, Membership
from register.entries.public import register_today
from register.extensions import db
from register.verification import services
from register.verification.forms import REJECT, DecisionForm

bp = Blueprint("verification", __name__)


@bp.context_processor
def status_words() -> dict:
    return {"claim_status_label": claim_status_label}


@bp.get("/vereniging")
@roles_required(RoleName.VERIFIER)
def home():
    association = current_user.association
    claims = (
        services.memberships_of_association(association.id)
        if association
        else services.ClaimLists([], [], 0)
    )
    return render_template(
        "verification/memberships.html",
        association=association,
        claims=claims,
        today=register_today(),
    )


@bp.route("/vereniging/lidmaatschappen/<int:claim_id>", methods=["GET", "POST"])
@roles_required(RoleName.VERIFIER)
def membership(claim_id: int):
    claim = services.membership_of_association(claim_id, current_user.association_id)
    if claim is None:
        abort(404)
    return _decide(claim, back=url_for(".home"))


@bp.get("/beheer/keurmerken")
@roles_required(RoleName.STAFF)
def marks():
    return render_template(
        "verification/marks.html", claims=services.quality_mark_claims(), today=register_today()
    )


@bp.route("/beheer/keurmerken/<int:claim_id>", methods=["GET", "POST"])
@roles_required(RoleName.STAFF)
def mark(claim_id: int):
    claim = services.quality_mark_claim(claim_id)
    if claim is None:
        abort(404)
    return _decide(claim, back=url_for(".marks"))


def _decide(claim: Membership | Certification, back: str):
    """The decision page of one claim; a decided claim shows its decision instead."""
    today = register_today()
    page = {"claim": claim, "back": back, "today": today}
    if claim.status != ClaimStatus.SELF_DECLARED:
        return _already_decided(page)
    form = DecisionForm(*_choice_labels(claim))
    if form.validate_on_submit():
        if form.decision.data != REJECT and claim.effective_status(today) == ClaimStatus.EXPIRED:
            form.decision.errors.append(
                _(
                    "Dit keurmerk is verlopen op %(date)s. Een verlopen keurmerk kunt u niet "
                    "bevestigen.",
                    date=long_date(claim.valid_until),
                )
            )
        else:
            try:
                if form.decision.data == REJECT:
                    services.reject(claim, current_user, today, form.reason.data)
                else:
                    services.confirm(claim, current_user, today)
            except services.AlreadyDecided:
                db.session.rollback()
                return _already_decided(page)
            db.session.commit()
            flash(_decision_message(claim), "success")
            return redirect(back)
    status = 400 if form.is_submitted() else 200
    return render_template("verification/decide.html", form=form, **page), status


def _already_decided(page: dict):
    """Shown instead of the form; a form sent for a decided claim changes nothing (409)."""
    status = 409 if request.method == "POST" else 200
    return render_template("verification/decided.html", **page), status


def _choice_labels(claim) -> tuple[str, str]:
    if isinstance(claim, Membership):
        names = {"initiative": claim.initiative.name, "association": services.claim_name(claim)}
        return (
            _("Ja, %(initiative)s is lid van %(association)s", **names),
            _("Nee, %(initiative)s is geen lid van %(association)s", **names),
        )
    return (
        _("Ja, het certificaat klopt en is geldig"),
        _("Nee, het certificaat klopt niet of is niet geldig"),
    )


def _decision_message(claim) -> str:
    names = {"initiative": claim.initiative.name, "name": services.claim_name(claim)}
    if claim.status == ClaimStatus.VERIFIED:
        return _("Bevestigd: %(name)s van %(initiative)s.", **names)
    return _(
        "Afgewezen: %(name)s van %(initiative)s. Het initiatief krijgt de reden per e-mail.",
        **names,
    )
