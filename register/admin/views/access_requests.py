"""``/beheer/toegang``: staff approve or refuse access requests."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from register.access import services
from register.access.models import AccessRequest
from register.accounts.access import roles_required
from register.accounts.roles import RoleName
from register.admin.forms import RefusalForm
from register.admin.views.blueprint import bp
from register.entries.labels import vacancy_label
from register.extensions import db


def _request_or_404(request_id: int) -> AccessRequest:
    access_request = db.session.get(AccessRequest, request_id)
    if access_request is None:
        abort(404)
    return access_request


@bp.get("/toegang")
@roles_required(RoleName.STAFF)
def access_requests():
    return render_template("admin/access_requests.html", requests=services.open_requests())


def _detail(access_request: AccessRequest, refusal: RefusalForm, status: int = 200):
    return render_template(
        "admin/access_request.html",
        access_request=access_request,
        refusal=refusal,
        vacancy_label=vacancy_label,
    ), status


@bp.get("/toegang/<int:request_id>")
@roles_required(RoleName.STAFF)
def access_request(request_id: int):
    return _detail(_request_or_404(request_id), RefusalForm(formdata=None))


@bp.post("/toegang/<int:request_id>/goedkeuren")
@roles_required(RoleName.STAFF)
def approve_access_request(request_id: int):
    access_request = _request_or_404(request_id)
    try:
        account = services.approve(access_request, current_user)
    except services.CannotApprove as reason:
        db.session.rollback()
        flash(str(reason), "warning")
        return redirect(url_for(".access_request", request_id=request_id))
    db.session.commit()
    flash(
        _(
            "Goedgekeurd. %(email)s krijgt een e-mail en kan de gegevens bijhouden.",
            email=account.email,
        ),
        "success",
    )
    return redirect(url_for(".access_requests"))


@bp.post("/toegang/<int:request_id>/weigeren")
@roles_required(RoleName.STAFF)
def refuse_access_request(request_id: int):
    access_request = _request_or_404(request_id)
    refusal = RefusalForm()
    if not refusal.validate():
        return _detail(access_request, refusal, 400)
    try:
        services.refuse(access_request, refusal.reason.data, current_user)
    except services.CannotApprove as reason:
        db.session.rollback()
        flash(str(reason), "warning")
        return redirect(url_for(".access_request", request_id=request_id))
    db.session.commit()
    flash(_("Geweigerd. De aanvrager krijgt de reden per e-mail."), "success")
    return redirect(url_for(".access_requests"))
