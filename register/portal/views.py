"""``/portaal``: HTTP only. Every view needs the editor role, and every initiative comes from
``initiative_of_editor`` (404 for anyone else's, whatever id a URL or form carries)."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from register.accounts.access import initiative_of_editor, roles_required
from register.accounts.roles import RoleName
from register.entries.detail_page import changed_fields_text
from register.entries.fields import FACTS_BY_KEY
from register.entries.models import VacancyStatus
from register.entries.services import lock_entry
from register.extensions import db
from register.portal import services
from register.portal.diff import capitalised, diff
from register.portal.forms import ConfirmForm, VacancyForm, WithdrawalForm, entry_form
from register.portal.models import RevisionKind

bp = Blueprint("portal", __name__, url_prefix="/portaal")


@bp.context_processor
def _helpers() -> dict:
    return {"legend": fact_legend, "changed_fields_text": changed_fields_text}


def fact_legend(key: str) -> str:
    """A fieldset's legend: the fact's public label (``entries.fields.FACTS``)."""
    return capitalised(FACTS_BY_KEY[key].label)


def _today() -> date:
    return date.today()


@bp.get("")
@roles_required(RoleName.EDITOR)
def home():
    states = [services.editor_state(initiative) for initiative in current_user.initiatives]
    forms = {
        state.initiative.id: (
            VacancyForm(vacancy=state.initiative.vacancy.value, prefix=f"i{state.initiative.id}"),
            ConfirmForm(prefix=f"c{state.initiative.id}"),
        )
        for state in states
    }
    return render_template("portal/home.html", states=states, forms=forms)


@bp.route("/initiatieven/<int:initiative_id>/bewerken", methods=["GET", "POST"])
@roles_required(RoleName.EDITOR)
def edit(initiative_id: int):
    initiative = initiative_of_editor(initiative_id)
    if not initiative.is_published:
        return redirect(url_for(".home"))
    form = entry_form()
    if not form.is_submitted():
        # The version first: a save committed between the two reads then makes the form's
        # version older than what it shows, so sending it is a conflict, never a lost edit.
        form.version.data = services.version_of(initiative)
        form.fill(services.starting_values(initiative))
        return _edit_page(initiative, form)
    if not form.validate():
        return _edit_page(initiative, form, status=400)
    lock_entry(initiative.id)
    current = services.version_of(initiative)
    if form.version.data != current:
        # Someone saved (or staff decided) since this form was opened: show both versions
        # and keep this editor's input; sending again saves it over the newer version.
        theirs = services.starting_values(initiative)
        form.version.data = current
        return _edit_page(initiative, form, conflict=diff(theirs, form.values()), status=409)
    submission = services.submit_edit(
        initiative,
        form.values(),
        current_user,
        confirmed=bool(form.confirm.data),
        on=_today(),
    )
    db.session.commit()
    if submission.revision is not None:
        flash(
            _("Uw wijzigingen zijn verstuurd. Ze wachten op goedkeuring door het register."),
            "success",
        )
    elif submission.vacancy_changed or submission.confirmed:
        flash(_("Uw wijziging staat direct in het register."), "success")
    else:
        flash(_("U heeft niets gewijzigd."), "info")
    return redirect(url_for(".home"))


def _edit_page(initiative, form, *, conflict=None, status: int = 200):
    return (
        render_template(
            "portal/edit.html",
            initiative=initiative,
            form=form,
            conflict=conflict,
            page_has_errors=bool(form.errors) or conflict is not None,
        ),
        status,
    )


@bp.post("/initiatieven/<int:initiative_id>/plaatsen")
@roles_required(RoleName.EDITOR)
def vacancy(initiative_id: int):
    initiative = initiative_of_editor(initiative_id)
    form = VacancyForm(prefix=f"i{initiative.id}")
    lock_entry(initiative.id)
    if not initiative.is_published or not form.validate():
        flash(_("Kies of er plaatsen vrij zijn en probeer het nog eens."), "warning")
        return redirect(url_for(".home"), 303)
    services.set_vacancy(initiative, VacancyStatus(form.vacancy.data), current_user, _today())
    db.session.commit()
    flash(_("De beschikbare plaatsen staan direct in het register."), "success")
    return redirect(url_for(".home"), 303)


@bp.post("/initiatieven/<int:initiative_id>/bevestigen")
@roles_required(RoleName.EDITOR)
def confirm(initiative_id: int):
    initiative = initiative_of_editor(initiative_id)
    form = ConfirmForm(prefix=f"c{initiative.id}")
    lock_entry(initiative.id)
    if not initiative.is_published or not form.validate():
        flash(_("Dat lukte niet. Probeer het nog eens."), "warning")
        return redirect(url_for(".home"), 303)
    services.confirm(initiative, current_user, _today())
    db.session.commit()
    flash(_("Bedankt. In het register staat nu dat uw gegevens kloppen."), "success")
    return redirect(url_for(".home"), 303)


@bp.route("/initiatieven/<int:initiative_id>/uitschrijven", methods=["GET", "POST"])
@roles_required(RoleName.EDITOR)
def withdraw(initiative_id: int):
    initiative = initiative_of_editor(initiative_id)
    if not initiative.is_published:
        return redirect(url_for(".home"))
    form = WithdrawalForm()
    if form.validate_on_submit():
        # Two requests at once (two editors, a double click on two servers) make one.
        lock_entry(initiative.id)
        if not initiative.is_published:
            return redirect(url_for(".home"), 303)
        services.request_withdrawal(initiative, form.reason.data.strip(), current_user)
        db.session.commit()
        flash(
            _("Uw verzoek is verstuurd. Het register laat u weten wanneer het is verwerkt."),
            "success",
        )
        return redirect(url_for(".home"), 303)
    status = 400 if form.is_submitted() else 200
    return (
        render_template(
            "portal/withdraw.html",
            initiative=initiative,
            form=form,
            pending=services.pending(initiative, RevisionKind.WITHDRAWAL),
            page_has_errors=bool(form.errors),
        ),
        status,
    )
