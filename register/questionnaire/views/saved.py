"""A saved list behind its link: the page, its downloads and print version, editing it
again in the session, and deleting it."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from register.extensions import db
from register.questionnaire.forms import MailLinkForm
from register.questionnaire.models import SavedList
from register.questionnaire.services import saved_lists
from register.questionnaire.services.catalogue import load_bank
from register.questionnaire.state import new_token
from register.questionnaire.views import session_store
from register.questionnaire.views.blueprint import bp
from register.questionnaire.views.saved_link import saved_context, with_saved_list
from register.questionnaire.views.shared import download, step_url


def render_saved_page(saved: SavedList, token: str, mail_form: MailLinkForm | None = None):
    """The saved list's page; with the mail form as it was sent when that had mistakes."""
    return render_template(
        "questionnaire/saved.html",
        saved=saved,
        token=token,
        mail_form=mail_form or MailLinkForm(),
        page_has_errors=bool(mail_form and mail_form.errors),
        **saved_context(saved, token),
    )


@bp.get("/l/<token>")
@with_saved_list
def saved(saved: SavedList, token: str):
    return render_saved_page(saved, token)


@bp.get("/l/<token>.<fmt>")
@with_saved_list
def saved_download(saved: SavedList, token: str, fmt: str):
    return download(fmt, saved_context(saved, token))


@bp.get("/l/<token>/afdrukken")
@with_saved_list
def saved_print(saved: SavedList, token: str):
    return render_template(
        "questionnaire/document.html", for_pdf=False, **saved_context(saved, token)
    )


@bp.post("/l/<token>/bewerken")
@with_saved_list
def edit(saved: SavedList, token: str):
    current = session_store.load()
    if (
        request.form.get("bevestigd") != "ja"
        and current is not None
        and current.token != token
        and saved_lists.has_unsaved_work(current, load_bank())
    ):
        return render_template(
            "questionnaire/confirm_delete.html",
            title=_("Wil je de lijst die je nu maakt vervangen?"),
            message=_(
                "Je bent een andere vragenlijst aan het maken en die is nog niet bewaard. "
                "Als je deze lijst gaat aanpassen, is die andere lijst weg."
            ),
            confirm_label=_("Ja, pas deze lijst aan"),
            action=url_for("questionnaire.edit", token=token),
            hidden={"bevestigd": "ja"},
            back=url_for("questionnaire.result"),
            back_label=_("Nee, ga naar de lijst die ik nu maak"),
        )
    if not session_store.store(saved_lists.state_from_saved(saved, token, load_bank())):
        flash(session_store.too_big_message(), "warning")
        return redirect(url_for("questionnaire.saved", token=token))
    flash(_("Je kunt je lijst nu aanpassen. Bewaar hem daarna opnieuw."), "info")
    return redirect(step_url("controleren"))


@bp.route("/l/<token>/verwijderen", methods=["GET", "POST"])
@with_saved_list
def delete(saved: SavedList, token: str):
    if request.method == "POST":
        saved_lists.delete_list(saved)
        db.session.commit()
        state = session_store.load()
        if state and state.token == token:
            # The list in this browser is no longer saved: saving it makes a new link. (The
            # new token is as long as the old one, so the state still fits.)
            state.token = new_token()
            session_store.store(state)
        return render_template("questionnaire/deleted.html")
    return render_template(
        "questionnaire/confirm_delete.html",
        title=_("Wil je je vragenlijst verwijderen?"),
        message=_(
            "Je lijst en alle antwoorden die je hebt genoteerd zijn daarna weg. "
            "Dit kun je niet terugdraaien."
        ),
        confirm_label=_("Ja, verwijder mijn lijst"),
        action=url_for("questionnaire.delete", token=token),
        back=url_for("questionnaire.saved", token=token),
    )
