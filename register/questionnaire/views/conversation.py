"""Conversation mode of a saved list: the initiatives the person talks to, the answers and
notes per question, and removing an initiative again.

The forms here are exempt from Flask-WTF's automatic CSRF check, which answers a bad token
with an error page and so loses every note the person typed. These views check the same token
themselves (_csrf_ok) and, when it fails, show the form again with what was sent, a fresh
token and the request to press save again. Nothing is written without a valid token; the
unguessable link in the address is a second proof that the person has it.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_wtf.csrf import validate_csrf
from sqlalchemy.exc import IntegrityError
from werkzeug.exceptions import NotFound
from wtforms import ValidationError

from register.extensions import csrf, db
from register.questionnaire import forms
from register.questionnaire.models import MAX_CONVERSATIONS, MAX_NOTE_LENGTH, SavedList
from register.questionnaire.services import conversations as conversation_rules
from register.questionnaire.services.tailoring import initiative_name
from register.questionnaire.views.blueprint import bp
from register.questionnaire.views.saved_link import saved_context, with_saved_list


def _csrf_ok() -> bool:
    try:
        validate_csrf(request.form.get("csrf_token"))
    except ValidationError:
        return False
    return True


def _limit_error() -> tuple[str, str]:
    return (
        "initiatief",
        _(
            "Je kunt niet meer dan %(max)s initiatieven vergelijken. Haal er eerst een weg.",
            max=MAX_CONVERSATIONS,
        ),
    )


def _add(saved: SavedList, value: str):
    """Adds the initiative the person named; (conversation, errors)."""
    try:
        conversation = conversation_rules.add_named(saved, value)
        db.session.commit()
    except (conversation_rules.ConversationLimit, IntegrityError):
        # Also when another tab added one at the same moment.
        db.session.rollback()
        return None, [_limit_error()]
    return conversation, []


@bp.route("/l/<token>/gesprek", methods=["GET", "POST"])
@with_saved_list
def conversations(saved: SavedList, token: str):
    errors, value = [], ""
    if request.method == "POST":
        value, errors = forms.parse_conversation_name(request.form)
        if not _csrf_ok():
            message = _(
                "Het initiatief is nog niet toegevoegd: het formulier was verlopen. "
                "Druk nog een keer op de knop."
            )
            errors = [("initiatief", message)]
        if not errors:
            conversation, errors = _add(saved, value)
            if conversation is not None:
                return redirect(
                    url_for(
                        "questionnaire.conversation", token=token, position=conversation.position
                    )
                )
    suggestion = initiative_name(saved.content.get("initiative"))
    if suggestion in {c.name for c in saved.conversations}:
        suggestion = None
    return render_template(
        "questionnaire/conversations.html",
        saved=saved,
        token=token,
        errors=errors,
        field_errors=dict(errors),
        page_has_errors=bool(errors),
        value=value,
        suggestion=suggestion,
        max_conversations=MAX_CONVERSATIONS,
    )


def _conversation_or_404(saved: SavedList, position: int):
    conversation = next((c for c in saved.conversations if c.position == position), None)
    if conversation is None:
        error = NotFound()
        error.user_message = _("Dit gesprek staat niet (meer) bij je lijst.")
        raise error
    return conversation


@bp.route("/l/<token>/gesprek/<int:position>", methods=["GET", "POST"])
@with_saved_list
def conversation(saved: SavedList, token: str, position: int):
    conversation = _conversation_or_404(saved, position)
    context = saved_context(saved)
    refs = [item.ref for group in context["groups"] for item in group.items]
    errors, values = [], {}
    if request.method == "POST":
        parsed = forms.parse_answers(request.form, refs)
        if not _csrf_ok():
            message = _(
                "Je antwoorden zijn nog niet bewaard: het formulier was verlopen. Wat je "
                "invulde, staat er nog. Druk nog een keer op de knop om te bewaren."
            )
            errors = [*parsed.errors, ("opnieuw-bewaren", message)]
        elif not parsed.errors:
            conversation_rules.record_answers(saved, conversation, parsed.answers)
            db.session.commit()
            flash(_("De antwoorden van %(name)s zijn bewaard.", name=conversation.name), "success")
            return redirect(url_for("questionnaire.conversations", token=token))
        else:
            errors = parsed.errors
        values = parsed.answers
    else:
        values = {
            ref: (a.status, a.note) if (a := conversation.answer_for(ref)) else (None, "")
            for ref in refs
        }
    return render_template(
        "questionnaire/conversation.html",
        saved=saved,
        token=token,
        conversation=conversation,
        values=values,
        errors=errors,
        field_errors=dict(errors),
        page_has_errors=bool(errors),
        max_note=MAX_NOTE_LENGTH,
        **context,
    )


csrf.exempt(conversations)
csrf.exempt(conversation)


@bp.route("/l/<token>/gesprek/<int:position>/verwijderen", methods=["GET", "POST"])
@with_saved_list
def remove_conversation(saved: SavedList, token: str, position: int):
    conversation = _conversation_or_404(saved, position)
    if request.method == "POST":
        name = conversation.name
        conversation_rules.remove_conversation(saved, conversation)
        db.session.commit()
        flash(_("%(name)s staat niet meer bij je lijst.", name=name), "success")
        return redirect(url_for("questionnaire.conversations", token=token))
    return render_template(
        "questionnaire/confirm_delete.html",
        title=_("Wil je %(name)s weghalen?", name=conversation.name),
        message=_("De antwoorden die je bij dit initiatief hebt genoteerd zijn daarna weg."),
        confirm_label=_("Ja, haal dit initiatief weg"),
        action=url_for("questionnaire.remove_conversation", token=token, position=position),
        back=url_for("questionnaire.conversations", token=token),
    )
