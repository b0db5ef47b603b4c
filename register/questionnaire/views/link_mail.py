""" "Mail deze link naar mij" on a saved list's page: one message through the outbox, rate
limited per client address and per list. The address never appears in a URL, the session,
the log or the database outside the outbox message."""

from __future__ import annotations

from flask import current_app, flash, redirect, request, url_for
from flask_babel import gettext as _
from werkzeug.exceptions import TooManyRequests

from register.errors import render_error
from register.extensions import db, limiter
from register.questionnaire.forms import MailLinkForm
from register.questionnaire.models import SavedList
from register.questionnaire.services.link_mail import mail_link
from register.questionnaire.services.saved_lists import hash_token
from register.questionnaire.views.blueprint import bp
from register.questionnaire.views.saved import render_saved_page
from register.questionnaire.views.saved_link import saved_url, with_saved_list


def _limit() -> str:
    return current_app.config["QUESTIONLIST_MAIL_RATE_LIMIT"]


def _per_list() -> str:
    """Rate-limit key per saved list (its token's hash, never the token itself)."""
    return "questionlist-mail:" + hash_token(request.view_args.get("token", ""))


@bp.errorhandler(TooManyRequests)
def _too_many_mails(error):
    if request.endpoint != "questionnaire.mail_link_to_me":
        return render_error(error)
    error.user_message = _(
        "Je hebt de link in korte tijd te vaak gemaild. Wacht een uur en probeer het dan "
        "opnieuw. Je kunt de link ook kopiëren of de QR-code gebruiken."
    )
    return render_error(error)


@bp.post("/l/<token>/mail")
@limiter.limit(_limit, methods=["POST"])
@limiter.limit(
    _limit, key_func=_per_list, methods=["POST"], deduct_when=lambda r: r.status_code == 302
)
@with_saved_list
def mail_link_to_me(saved: SavedList, token: str):
    form = MailLinkForm()
    if not form.validate_on_submit():
        return render_saved_page(saved, token, form), 400
    mail_link(saved, saved_url(token), form.email.data)
    db.session.commit()
    flash(_("We hebben de link gemaild. Zie je de mail niet? Kijk dan ook bij je spam."), "success")
    return redirect(url_for("questionnaire.saved", token=token))
