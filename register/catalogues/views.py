"""``/beheer/catalogi``: staff manage the branch associations, the quality marks and the
question bank of the question-list builder. HTTP only: the writes are in ``services``."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from register.accounts.access import roles_required
from register.accounts.roles import RoleName
from register.catalogues import services
from register.catalogues.forms import (
    QUESTION_FIELDS,
    THEME_FIELDS,
    DeleteForm,
    NewQuestionForm,
    QuestionForm,
    ThemeForm,
    form_values,
)
from register.catalogues.kinds import KINDS, CatalogueKind
from register.entries.models import Requirement
from register.extensions import db
from register.questionnaire.models import Question, Theme

bp = Blueprint("catalogues", __name__, url_prefix="/beheer/catalogi")


# Only the catalogues of ``KINDS`` match: anything else is a 404 before a view runs.
SLUG = "<any(" + ", ".join(KINDS) + "):slug>"


def _kind(slug: str) -> CatalogueKind:
    return KINDS[slug]


def _row(kind: CatalogueKind, row_id: int):
    row = db.session.get(kind.model, row_id)
    if row is None:
        abort(404)
    return row


def _rows(kind: CatalogueKind) -> list:
    model = kind.model
    return list(db.session.scalars(select(model).order_by(model.position, model.key)))


@bp.get("")
@roles_required(RoleName.STAFF)
def home():
    return render_template(
        "catalogues/home.html",
        catalogues=[(kind, _rows(kind)) for kind in KINDS.values()],
    )


@bp.get("/vragen")
@roles_required(RoleName.STAFF)
def questions():
    return render_template("catalogues/questions.html", themes=services.themes())


@bp.route(f"/{SLUG}/nieuw", methods=["GET", "POST"])
@roles_required(RoleName.STAFF)
def new(slug: str):
    kind = _kind(slug)
    form = kind.new_form()
    if form.validate_on_submit():
        try:
            row = services.create(kind.model, form.key.data, kind.values(form))
        except services.KeyTaken:
            form.key.errors.append(_("Deze sleutel is al in gebruik. Kies een andere."))
        else:
            db.session.commit()
            flash(_("%(name)s is toegevoegd.", name=row.name_nl), "success")
            return redirect(url_for(".home", _anchor=kind.slug))
    return _form_page(form, kind.new_title, url_for(".new", slug=slug))


@bp.route(f"/{SLUG}/<int:row_id>", methods=["GET", "POST"])
@roles_required(RoleName.STAFF)
def edit(slug: str, row_id: int):
    kind = _kind(slug)
    row = _row(kind, row_id)
    form = kind.form(obj=row)
    if form.validate_on_submit():
        if services.update(row, kind.values(form)):
            db.session.commit()
            flash(_("De wijzigingen zijn opgeslagen."), "success")
        else:
            flash(_("Er was niets veranderd."), "info")
        return redirect(url_for(".home", _anchor=kind.slug))
    return _form_page(
        form,
        kind.edit_title,
        url_for(".edit", slug=slug, row_id=row_id),
        row=row,
        delete_url=url_for(".delete", slug=slug, row_id=row_id),
    )


@bp.route(f"/{SLUG}/<int:row_id>/verwijderen", methods=["GET", "POST"])
@roles_required(RoleName.STAFF)
def delete(slug: str, row_id: int):
    kind = _kind(slug)
    row = _row(kind, row_id)
    form = DeleteForm()
    in_use = services.references(row)
    if form.validate_on_submit() and not in_use:
        try:
            services.delete(row, kind.columns_of(kind.form(obj=row)))
        except services.InUse as error:  # something began to refer to it meanwhile
            db.session.rollback()
            in_use = error.count
        else:
            db.session.commit()
            flash(_("%(name)s is verwijderd.", name=row.name_nl), "success")
            return redirect(url_for(".home", _anchor=kind.slug))
    status = 409 if in_use and form.is_submitted() else 400 if form.errors else 200
    return (
        render_template(
            "catalogues/delete.html",
            form=form,
            row=row,
            kind=kind,
            in_use_message=kind.in_use_message % {"count": in_use} if in_use else None,
        ),
        status,
    )


def _form_page(form, title, action: str, **context):
    status = 400 if form.errors else 200
    return (
        render_template("catalogues/edit.html", form=form, title=title, action=action, **context),
        status,
    )


# --- the question bank ---------------------------------------------------------------------


@bp.route("/vragen/thema/<int:theme_id>", methods=["GET", "POST"])
@roles_required(RoleName.STAFF)
def theme(theme_id: int):
    row = db.session.get(Theme, theme_id) or abort(404)
    form = ThemeForm(obj=row, place=row.position + 1)
    if form.validate_on_submit():
        values = form_values(form, THEME_FIELDS)
        _saved(services.update_theme(row, values, form.place.data))
        return redirect(url_for(".questions", _anchor=f"thema-{row.key}"))
    return _form_page(form, _("Thema wijzigen"), url_for(".theme", theme_id=theme_id), row=row)


@bp.route("/vragen/<int:question_id>", methods=["GET", "POST"])
@roles_required(RoleName.STAFF)
def question(question_id: int):
    row = db.session.get(Question, question_id) or abort(404)
    form = QuestionForm(obj=row, subtheme=row.subtheme.key, place=row.position + 1)
    subthemes = services.subthemes()
    form.subtheme.choices = [(s.key, f"{s.theme.label} – {s.label}") for s in subthemes]
    if form.validate_on_submit():
        subtheme = next(s for s in subthemes if s.key == form.subtheme.data)
        values = form_values(form, QUESTION_FIELDS)
        _saved(services.update_question(row, values, subtheme, form.place.data))
        return redirect(url_for(".questions", _anchor=f"vraag-{row.key}"))
    return _form_page(
        form, _("Vraag wijzigen"), url_for(".question", question_id=question_id), row=row
    )


@bp.route("/vragen/nieuw", methods=["GET", "POST"])
@roles_required(RoleName.STAFF)
def new_question():
    form = NewQuestionForm()
    subthemes = services.subthemes()
    form.subtheme.choices = [(s.key, f"{s.theme.label} – {s.label}") for s in subthemes]
    requirements = list(db.session.scalars(select(Requirement).order_by(Requirement.number)))
    form.requirements.choices = [(r.key, f"{r.number}. {r.label}") for r in requirements]
    if form.validate_on_submit():
        subtheme = next(s for s in subthemes if s.key == form.subtheme.data)
        chosen = [r for r in requirements if r.key in form.requirements.data]
        values = form_values(form, QUESTION_FIELDS)
        row = services.create_question(values, subtheme, form.place.data, chosen)
        db.session.commit()
        flash(_("De vraag is toegevoegd."), "success")
        return redirect(url_for(".questions", _anchor=f"vraag-{row.key}"))
    return _form_page(form, _("Nieuwe vraag"), url_for(".new_question"))


def _saved(changed: bool) -> None:
    if changed:
        db.session.commit()
        flash(_("De wijzigingen zijn opgeslagen."), "success")
    else:
        flash(_("Er was niets veranderd."), "info")
