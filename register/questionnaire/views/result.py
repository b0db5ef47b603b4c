"""The finished list from the session: the page, its downloads and print version, and
saving it behind a link."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from register.extensions import db
from register.questionnaire.services import saved_lists
from register.questionnaire.services.catalogue import load_bank
from register.questionnaire.services.order import state_groups
from register.questionnaire.services.steps import first_missing_step
from register.questionnaire.views import session_store
from register.questionnaire.views.blueprint import bp
from register.questionnaire.views.shared import download, list_context, step_url


def _finished_state():
    """The session's finished list, or None and the redirect to where the person goes on."""
    state = session_store.load()
    if state is None:
        flash(_("Je hebt nog geen vragenlijst. Maak er hier een."), "info")
        return None, redirect(url_for("questionnaire.start"))
    missing = first_missing_step(state)
    if missing:
        flash(_("Maak eerst deze stap af. Daarna ga je verder."), "warning")
        return None, redirect(step_url(missing))
    return state, None


def _finished_list():
    """The session's finished list as (state, template context), or the redirect to the
    first step still to do."""
    state, redirect_response = _finished_state()
    if redirect_response:
        return None, None, redirect_response
    return state, list_context(state_groups(state, load_bank()), state.initiative), None


@bp.get("/mijn-lijst")
def result():
    state, context, redirect_response = _finished_list()
    if redirect_response:
        return redirect_response
    editing = saved_lists.find_saved(state.token) is not None
    return render_template("questionnaire/result.html", editing=editing, **context)


@bp.get("/mijn-lijst.<fmt>")
def result_download(fmt: str):
    _state, context, redirect_response = _finished_list()
    return redirect_response or download(fmt, context)


@bp.get("/mijn-lijst/afdrukken")
def result_print():
    _state, context, redirect_response = _finished_list()
    if redirect_response:
        return redirect_response
    return render_template("questionnaire/document.html", for_pdf=False, **context)


@bp.post("/bewaar")
def save():
    state, redirect_response = _finished_state()
    if redirect_response:
        return redirect_response
    try:
        saved_lists.save_list(state, load_bank())
        db.session.commit()
    except IntegrityError:
        # A double click: the other request has just saved the list under this token.
        db.session.rollback()
        saved_lists.save_list(state, load_bank())
        db.session.commit()
    flash(_("Je lijst is bewaard."), "success")
    return redirect(url_for("questionnaire.saved", token=state.token))
