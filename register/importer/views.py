"""``/beheer/import``: upload a CSV, read the dry-run report, apply or discard it.
Register staff only."""

from __future__ import annotations

import csv
import io

from flask import Blueprint, Response, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from werkzeug.exceptions import RequestEntityTooLarge

from register.accounts.access import roles_required
from register.accounts.roles import RoleName
from register.entries.fields import FACTS_BY_KEY
from register.entries.public import all_requirements, register_today
from register.extensions import db
from register.importer import messages, services
from register.importer.columns import (
    identifying_column,
    ignored_columns,
    import_columns,
    template_rows,
)
from register.importer.forms import ApplyForm, UploadForm
from register.importer.models import ImportBatch
from register.importer.reading import MAX_ROWS, ImportFileError
from register.importer.services import ImportRefused
from register.importer.values import shown_value
from register.opendata.export import spreadsheet_safe

bp = Blueprint("importer", __name__, url_prefix="/beheer/import")

RECENT_BATCHES = 20


def _render_upload(form: UploadForm, status: int = 200):
    requirements = all_requirements()
    recent = db.session.scalars(
        select(ImportBatch).order_by(ImportBatch.id.desc()).limit(RECENT_BATCHES)
    ).all()
    page = render_template(
        "importer/upload.html",
        form=form,
        slug_column=identifying_column(requirements),
        columns=import_columns(requirements),
        ignored=ignored_columns(requirements),
        recent=recent,
        max_rows=MAX_ROWS,
        status_labels=messages.STATUS_LABELS,
    )
    return page, status


@bp.route("", methods=["GET", "POST"])
@roles_required(RoleName.STAFF)
def upload():
    form = UploadForm()
    if form.validate_on_submit():
        upload_file = form.file.data
        try:
            batch = services.start_batch(upload_file.filename, upload_file.read(), current_user)
        except ImportFileError as error:
            form.file.errors.append(messages.file_error(error.code, error.params))
        else:
            db.session.commit()
            return redirect(url_for(".batch", batch_id=batch.id))
    return _render_upload(form, 400 if form.errors else 200)


@bp.errorhandler(RequestEntityTooLarge)
def file_too_large(error):
    """The upload page again, with the reason, instead of a bare error page."""
    form = UploadForm(formdata=None)
    form.file.errors = [_("Het bestand is groter dan 2 MB. Splits het in kleinere bestanden.")]
    return _render_upload(form, 413)


@bp.get("/voorbeeld.csv")
@roles_required(RoleName.STAFF)
def template():
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in template_rows(all_requirements()):
        writer.writerow([spreadsheet_safe(cell) for cell in row])
    response = Response("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response.headers["Content-Disposition"] = 'attachment; filename="import-voorbeeld.csv"'
    return response


def _batch_or_404(batch_id: int) -> ImportBatch:
    return db.get_or_404(ImportBatch, batch_id)


def _apply_form(batch: ImportBatch) -> ApplyForm:
    """The apply form; after a POST it keeps the rows the person ticked."""
    form = ApplyForm()
    form.add_anyway.choices = [
        (result["row"], str(result["row"]))
        for result in batch.report["rows"]
        if result["outcome"] == "duplicate"
    ]
    return form


def _render_batch(batch: ImportBatch, form: ApplyForm, problem: str | None = None, status=200):
    page = render_template(
        "importer/batch.html",
        batch=batch,
        form=form,
        problem=problem,
        ticked={int(row) for row in form.add_anyway.data or []},
        outcome_labels=messages.OUTCOME_LABELS,
        outcome_effects=messages.OUTCOME_EFFECTS,
        status_labels=messages.STATUS_LABELS,
        row_error=messages.row_error,
        duplicate_reason=messages.duplicate_reason,
        shown_value=shown_value,
        fact_label=lambda key: FACTS_BY_KEY[key].label,
    )
    return page, status


@bp.get("/<int:batch_id>")
@roles_required(RoleName.STAFF)
def batch(batch_id: int):
    found = _batch_or_404(batch_id)
    return _render_batch(found, _apply_form(found))


def _refusal(code: str) -> str:
    if code == "stale":
        return _(
            "Het register is veranderd sinds deze proefimport. Er is niets geïmporteerd. "
            "Voer de proefimport opnieuw uit en bekijk de uitkomst voordat u hem toepast."
        )
    if code == "bad_choice":
        return _("Vink alleen rijen aan die mogelijk dubbel zijn.")
    return _("Deze import is al toegepast of weggegooid. Er is niets veranderd.")


@bp.post("/<int:batch_id>/toepassen")
@roles_required(RoleName.STAFF)
def apply(batch_id: int):
    found = _batch_or_404(batch_id)
    form = _apply_form(found)
    if not form.validate_on_submit():
        return _render_batch(found, form, status=400)
    try:
        services.apply_batch(found, set(form.add_anyway.data or []), current_user, register_today())
    except ImportRefused as refused:
        db.session.rollback()
        found = _batch_or_404(batch_id)
        status = 400 if refused.code == "bad_choice" else 409
        return _render_batch(found, _apply_form(found), _refusal(refused.code), status)
    db.session.commit()
    flash(_("De import is toegepast."), "success")
    return redirect(url_for(".batch", batch_id=found.id))


@bp.post("/<int:batch_id>/opnieuw")
@roles_required(RoleName.STAFF)
def check_again(batch_id: int):
    found = _batch_or_404(batch_id)
    try:
        services.check_again(found, current_user)
    except ImportRefused as refused:
        return _render_batch(found, _apply_form(found), _refusal(refused.code), 409)
    db.session.commit()
    flash(_("De proefimport is opnieuw uitgevoerd met het register zoals het nu is."), "success")
    return redirect(url_for(".batch", batch_id=found.id))


@bp.post("/<int:batch_id>/weggooien")
@roles_required(RoleName.STAFF)
def discard(batch_id: int):
    found = _batch_or_404(batch_id)
    try:
        services.discard(found, current_user)
    except ImportRefused as refused:
        db.session.rollback()
        found = _batch_or_404(batch_id)
        return _render_batch(found, _apply_form(found), _refusal(refused.code), 409)
    db.session.commit()
    flash(_("De proefimport is weggegooid. Er is niets geïmporteerd."), "success")
    return redirect(url_for(".upload"))


@bp.after_request
def not_cached(response: Response) -> Response:
    """Internal pages: no shared or browser cache keeps them."""
    response.headers["Cache-Control"] = "no-store"
    return response
