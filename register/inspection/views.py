"""``/inspectie``: the priorities list with its CSV, an initiative's internal page (signals,
decisions, visits), the access log and the signal rules (inspectorate administrators), and
the public description of the rules at ``/over/signalen``."""

from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from register.accounts.access import roles_required
from register.accounts.roles import RoleName
from register.concerns.services import concerns_of
from register.entries.labels import visit_body_label
from register.entries.models import EntryStatus, Initiative, Kind, VisitBody
from register.entries.public import register_today
from register.extensions import db
from register.i18n import format_datetime
from register.inspection import export, priorities, services
from register.inspection.forms import (
    DECISION_LABELS,
    DecisionForm,
    SignalSettingForm,
    VisitForm,
)
from register.inspection.models import AccessAction, DecisionKind
from register.inspection.signals import SIGNALS, SIGNALS_BY_KEY

bp = Blueprint("inspection", __name__)

INSPECTORATE = (RoleName.INSPECTOR, RoleName.INSPECTION_ADMIN)


@bp.after_request
def _never_cached(response: Response) -> Response:
    """Internal pages are not kept by the browser or any cache (shared computers)."""
    if request.path.startswith("/inspectie"):
        response.headers["Cache-Control"] = "no-store"
    return response


def _kinds() -> list[Kind]:
    return list(db.session.scalars(select(Kind).order_by(Kind.position)))


def _read_filter():
    return priorities.read_filter(request.args, [kind.key for kind in _kinds()])


@bp.get("/inspectie")
@roles_required(*INSPECTORATE)
def home():
    priority_filter = _read_filter()
    result = priorities.priorities(priority_filter, register_today())
    return (
        render_template(
            "inspection/home.html",
            priority_filter=priority_filter,
            errors_by_field=dict(priority_filter.errors),
            options=priorities.filter_form_options(_kinds()),
            result=result,
            decision_labels=DECISION_LABELS,
            when=lambda value: format_datetime(value, "short"),
            page_url=lambda page: url_for(".home", **priority_filter.arguments(pagina=page)),
            csv_url=url_for(".export_csv", **priority_filter.arguments()),
        ),
        400 if priority_filter.errors else 200,
    )


@bp.get("/inspectie/export.csv")
@roles_required(*INSPECTORATE)
def export_csv():
    """The rows of the page the inspector sees (same filter, same page), with reasons."""
    priority_filter = _read_filter()
    result = priorities.priorities(priority_filter, register_today())
    services.log_access(AccessAction.EXPORT, current_user, detail=priority_filter.description())
    db.session.commit()
    response = Response(export.csv_text(result.rows), content_type="text/csv; charset=utf-8")
    response.headers["Content-Disposition"] = 'attachment; filename="inspectie-prioriteiten.csv"'
    return response


def _initiative(initiative_id: int) -> Initiative:
    initiative = db.session.get(Initiative, initiative_id)
    if initiative is None or initiative.status != EntryStatus.PUBLISHED:
        abort(404)
    return initiative


def _internal_page(initiative: Initiative, decision_form=None, visit_form=None, status=200):
    """Every view of the internal page is written to the access log."""
    today = register_today()
    services.log_access(AccessAction.VIEW_INITIATIVE, current_user, initiative_id=initiative.id)
    db.session.commit()
    return (
        render_template(
            "inspection/initiative.html",
            initiative=initiative,
            hits=priorities.hits_for(initiative.id, today),
            decisions=services.decisions_of(initiative.id),
            records=services.visit_records_of(initiative.id),
            concerns=concerns_of(initiative.id),
            decision_form=decision_form or DecisionForm(formdata=None),
            visit_form=visit_form or VisitForm(formdata=None, today=today),
            decision_labels=DECISION_LABELS,
            visit_body_label=visit_body_label,
            when=lambda value: format_datetime(value, "short"),
        ),
        status,
    )


@bp.get("/inspectie/initiatieven/<int:initiative_id>")
@roles_required(*INSPECTORATE)
def initiative(initiative_id: int):
    return _internal_page(_initiative(initiative_id))


@bp.post("/inspectie/initiatieven/<int:initiative_id>/besluit")
@roles_required(*INSPECTORATE)
def decide(initiative_id: int):
    initiative = _initiative(initiative_id)
    form = DecisionForm()
    if not form.validate():
        return _internal_page(initiative, decision_form=form, status=400)
    services.decide(initiative, DecisionKind(form.kind.data), form.rationale.data, current_user)
    db.session.commit()
    flash(_("Het besluit is vastgelegd."), "success")
    return redirect(url_for(".initiative", initiative_id=initiative.id) + "#besluiten")


@bp.post("/inspectie/initiatieven/<int:initiative_id>/bezoek")
@roles_required(*INSPECTORATE)
def record_visit(initiative_id: int):
    initiative = _initiative(initiative_id)
    form = VisitForm(today=register_today())
    if not form.validate():
        return _internal_page(initiative, visit_form=form, status=400)
    services.record_visit(
        initiative,
        visited_on=form.visited_on.data,
        body=VisitBody(form.body.data),
        announced=form.announced.data == "ja",
        outcome=form.outcome.data,
        notes=form.notes.data,
        follow_up_on=form.follow_up_on.data,
        report_url=form.report_url.data,
        actor=current_user,
    )
    db.session.commit()
    flash(
        _("Het bezoek is vastgelegd. De link naar het rapport staat op de openbare pagina.")
        if form.report_url.data
        else _("Het bezoek is vastgelegd."),
        "success",
    )
    return redirect(url_for(".initiative", initiative_id=initiative.id) + "#bezoeken")


@bp.get("/inspectie/toegangslog")
@roles_required(RoleName.INSPECTION_ADMIN)
def access_log():
    asked = request.args.get("pagina", "1")
    entries, page, page_count = services.access_log_page(int(asked) if asked.isdigit() else 1)
    names = dict(
        db.session.execute(
            select(Initiative.id, Initiative.name).where(
                Initiative.id.in_({e.initiative_id for e in entries if e.initiative_id})
            )
        ).all()
    )
    return render_template(
        "inspection/access_log.html",
        entries=entries,
        names=names,
        page=page,
        page_count=page_count,
        when=lambda value: format_datetime(value, "medium"),
        page_url=lambda number: url_for(".access_log", pagina=number),
    )


@bp.get("/inspectie/signaalregels")
@roles_required(RoleName.INSPECTION_ADMIN)
def rules():
    return _rules_page()


def _rules_page(failed_key: str | None = None, failed_form=None, status=200):
    rows = services.setting_rows()
    settings = services.current_settings()
    forms = {}
    for signal in SIGNALS:
        if signal.key == failed_key:
            forms[signal.key] = failed_form
            continue
        form = SignalSettingForm(formdata=None, signal=signal, prefix=signal.key)
        form.threshold.data = settings[signal.key].threshold
        form.weight.data = settings[signal.key].weight
        forms[signal.key] = form
    return (
        render_template(
            "inspection/rules.html",
            signals=SIGNALS,
            settings=settings,
            rows=rows,
            forms=forms,
            when=lambda value: format_datetime(value, "medium"),
            form=failed_form,
        ),
        status,
    )


@bp.post("/inspectie/signaalregels/<key>")
@roles_required(RoleName.INSPECTION_ADMIN)
def change_rule(key: str):
    signal = SIGNALS_BY_KEY.get(key)
    if signal is None:
        abort(404)
    form = SignalSettingForm(signal=signal, prefix=key)
    if not form.validate():
        return _rules_page(key, form, status=400)
    services.change_setting(
        key, form.threshold.data, form.weight.data, form.reason.data, current_user
    )
    db.session.commit()
    flash(_("De regel ‘%(signal)s’ is gewijzigd.", signal=signal.label), "success")
    return redirect(url_for(".rules") + f"#regel-{key}")


@bp.get("/over/signalen")
def public_rules():
    """Public, like an entry of the government's algorithm register: the rules, never any
    initiative's values."""
    return render_template(
        "inspection/public_rules.html",
        signals=SIGNALS,
        settings=services.current_settings(),
        last_changed=services.rules_last_changed(),
    )
