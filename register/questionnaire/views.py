"""Gesprek eigen regie: the personal question-list builder (HTTP only; rules in services.py).

Every step is a plain form: GET shows it with the current choices, POST checks and stores
them in the session and redirects (so back and refresh are safe). Nothing is stored on the
server until the person presses "Bewaar mijn lijst".
"""

from __future__ import annotations

import copy
from functools import wraps
from itertools import groupby

import click
from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_wtf.csrf import validate_csrf
from sqlalchemy.exc import IntegrityError
from werkzeug.exceptions import NotFound
from wtforms import ValidationError

from register.extensions import csrf, db
from register.questionnaire import forms, services
from register.questionnaire.models import MAX_CONVERSATIONS, SavedList
from register.questionnaire.pdf import render_pdf

bp = Blueprint("questionnaire", __name__, url_prefix="/vragenlijst")

SESSION_KEY = "vragenlijst"
# A cookie holds at most 4096 bytes; keep room for the CSRF token and the cookie's attributes.
SESSION_BUDGET = 3600


# --- Session state --------------------------------------------------------------------------


def _state() -> dict | None:
    """A copy of the list in the session: changes reach the session only through _store()."""
    state = session.get(SESSION_KEY)
    # A list begun under an older version of the builder starts again rather than failing.
    if not isinstance(state, dict) or state.keys() != services.new_state().keys():
        return None
    return copy.deepcopy(state)


def _store(state: dict) -> bool:
    """Keep the list in the session cookie; False when it would no longer fit in one."""
    serializer = current_app.session_interface.get_signing_serializer(current_app)
    if len(serializer.dumps({**session, SESSION_KEY: state})) > SESSION_BUDGET:
        return False
    session[SESSION_KEY] = state
    return True


TOO_BIG = "te-groot"  # the id of the "too big" message on a step page


def _too_big_message() -> str:
    return _(
        "Je lijst is te groot geworden om te onthouden. Maak je eigen vragen korter, "
        "of kies minder vragen."
    )


def _step_url(step: str) -> str:
    return url_for("questionnaire.step", step=step)


def _next_step(state: dict) -> Response:
    return redirect(_step_url(services.first_missing_step(state) or "controleren"))


def step_titles() -> dict[str, str]:
    return {
        "voor-wie": _("Voor wie"),
        "situatie": _("Jouw situatie"),
        "themas": _("Onderwerpen"),
        "vragen": _("Vragen kiezen"),
        "eigen-vragen": _("Eigen vragen"),
        "volgorde": _("Volgorde"),
        "controleren": _("Controleren"),
    }


def _initiative_name(state_or_content: dict) -> str | None:
    initiative = services.find_initiative(state_or_content.get("initiative"))
    return initiative.name if initiative else None


def _private(response: Response) -> Response:
    """Pages behind a secret link: not cached, not indexed, the link not sent elsewhere."""
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Robots-Tag"] = "noindex"
    return response


# --- Start ----------------------------------------------------------------------------------


def _start_page(errors=(), status: int = 200):
    slug = request.values.get("initiatief")
    initiative = services.find_initiative(slug)
    state = _state()
    html = render_template(
        "questionnaire/start.html",
        initiative=initiative,
        unknown_initiative=bool(slug) and initiative is None,
        missing=services.missing_requirements(initiative) if initiative else [],
        continue_step=(services.first_missing_step(state) or "controleren") if state else None,
        steps=step_titles().values(),
        errors=list(errors),
        page_has_errors=bool(errors),
    )
    return html, status


@bp.get("/")
def start():
    return _start_page()


@bp.post("/begin")
def begin():
    slug = request.form.get("initiatief")
    initiative = services.find_initiative(slug)
    if not _store(services.new_state(initiative)):
        return _start_page([("begin", _too_big_message())])
    if slug and initiative is None:
        flash(_("We kennen dit initiatief niet. Je maakt nu een gewone vragenlijst."), "warning")
    return redirect(_step_url("voor-wie"))


# --- Steps ----------------------------------------------------------------------------------


def _render_step(step: str, state: dict, errors=(), status: int = 200, **context):
    titles = step_titles()
    index = services.STEPS.index(step)
    html = render_template(
        f"questionnaire/step_{step.replace('-', '_')}.html",
        step=step,
        steps=[(s, titles[s], services.step_allowed(state, s)) for s in services.STEPS],
        step_number=index + 1,
        step_count=len(services.STEPS),
        step_title=titles[step],
        previous_step=services.STEPS[index - 1] if index else None,
        state=state,
        errors=list(errors),
        field_errors=dict(errors),
        page_has_errors=bool(errors),
        initiative_name=_initiative_name(state),
        **context,
    )
    return html, status


STEP_HANDLERS = {}
STEP_PAGES = {}


def step_handler(step: str):
    def register(function):
        STEP_HANDLERS[step] = function
        return function

    return register


def step_page(step: str):
    """The function that shows a step's form for a state, with errors (and keyword values)."""

    def register(function):
        STEP_PAGES[step] = function
        return function

    return register


def _stored_or_form(step: str, state: dict, response, **context):
    """The response when the state fits in the session; otherwise the step's form again,
    showing what the person sent, with the "too big" message: nothing is lost or kept."""
    if _store(state):
        return response
    return STEP_PAGES[step](state, [(TOO_BIG, _too_big_message())], **context)


@bp.route("/stap/<step>", methods=["GET", "POST"])
def step(step: str):
    if step not in STEP_HANDLERS:
        abort(404)
    state = _state()
    if state is None:
        if step != "voor-wie":
            flash(_("Je lijst is nog niet begonnen, of je sessie is verlopen. Begin hier."), "info")
            return redirect(_step_url("voor-wie"))
        state = services.new_state()
    if not services.step_allowed(state, step):
        flash(_("Maak eerst deze stap af. Daarna ga je verder."), "warning")
        return redirect(_step_url(services.first_missing_step(state)))
    if request.method == "POST":
        return STEP_HANDLERS[step](state)
    return STEP_PAGES[step](state)


@step_page("voor-wie")
def _audience_page(state: dict, errors=()):
    return _render_step("voor-wie", state, errors)


@step_handler("voor-wie")
def step_audience(state: dict):
    audience, errors = forms.parse_audience(request.form)
    if errors:
        return _audience_page(state, errors)
    services.set_audience(state, audience)
    return _stored_or_form("voor-wie", state, _next_step(state))


@step_page("situatie")
def _situation_page(state: dict, errors=(), values=None):
    values = values or {"funding": state["funding"], "kind": state["kind"]}
    return _render_step("situatie", state, errors, kinds=services.kind_options(), values=values)


@step_handler("situatie")
def step_situation(state: dict):
    kind_keys = [k.key for k in services.kind_options()]
    funding, kind, errors = forms.parse_situation(request.form, kind_keys)
    if errors:
        return _situation_page(state, errors, {"funding": funding, "kind": kind})
    services.set_situation(state, funding, kind)
    return _stored_or_form("situatie", state, _next_step(state))


@step_page("themas")
def _themes_page(state: dict, errors=(), selected=None):
    bank = services.load_bank()
    if selected is None:
        selected = services.suggested_themes(state, bank)
    return _render_step("themas", state, errors, bank=bank, selected=selected)


@step_handler("themas")
def step_themes(state: dict):
    keys, ignored = forms.pick_known(request.form, "thema", services.load_bank().theme_keys())
    if not keys:
        return _themes_page(state, [("thema", _("Kies minstens één onderwerp."))], [])
    services.set_themes(state, keys)
    response = _stored_or_form("themas", state, _next_step(state))
    if ignored and isinstance(response, Response):
        flash(
            _("Een onderwerp dat je stuurde kennen we niet. We hebben het overgeslagen."),
            "warning",
        )
    return response


def _question_sections(state: dict, bank) -> list:
    return [
        (theme, services.questions_for_theme(state, bank, theme.key))
        for theme in bank.themes
        if theme.key in state["themes"]
    ]


@step_page("vragen")
def _questions_page(state: dict, errors=()):
    bank = services.load_bank()
    by_subtheme = [
        (theme, [(sub, list(qs)) for sub, qs in groupby(questions, key=lambda q: q.subtheme)])
        for theme, questions in _question_sections(state, bank)
    ]
    return _render_step(
        "vragen", state, errors, sections=by_subtheme, ticked=services.ticked_questions(state, bank)
    )


@step_handler("vragen")
def step_questions(state: dict):
    bank = services.load_bank()
    offered = [q.key for _theme, questions in _question_sections(state, bank) for q in questions]
    keys, ignored = forms.pick_known(request.form, "vraag", offered)
    services.set_questions(state, bank, keys)
    response = _stored_or_form("vragen", state, _next_step(state))
    if ignored and isinstance(response, Response):
        flash(
            _(
                "We kennen %(count)s van de vragen die je stuurde niet. We hebben ze overgeslagen.",
                count=ignored,
            ),
            "warning",
        )
    return response


@step_page("eigen-vragen")
def _own_questions_page(state: dict, errors=(), value: str = ""):
    return _render_step(
        "eigen-vragen",
        state,
        errors,
        value=value,
        max_length=services.MAX_OWN_LENGTH,
        max_questions=services.MAX_OWN_QUESTIONS,
        room=services.own_room(state),
    )


@step_handler("eigen-vragen")
def step_own_questions(state: dict):
    action = request.form.get("actie", "verder")
    if action.startswith("verwijder:"):
        if not services.remove_own_question(state, action.split(":", 1)[1]):
            flash(_("Deze vraag stond al niet meer op je lijst."), "info")
        return _stored_or_form("eigen-vragen", state, redirect(_step_url("eigen-vragen")))
    if action == "toevoegen" or any(t.strip() for t in request.form.getlist("vraag")):
        return _add_own_questions(state, then_continue=action != "toevoegen")
    services.mark_done(state, "eigen-vragen")
    return _stored_or_form("eigen-vragen", state, _next_step(state))


def _add_own_questions(state: dict, then_continue: bool):
    parsed = forms.parse_own_questions(
        request.form, services.own_room(state), services.MAX_OWN_QUESTIONS
    )
    if parsed.errors:
        return _own_questions_page(state, parsed.errors, parsed.value)
    before = copy.deepcopy(state)
    added = services.add_own_questions(state, parsed.texts)
    if then_continue:
        services.mark_done(state, "eigen-vragen")
    if not _store(state):
        # The page shows the list as it was, with the text still in the field.
        return _own_questions_page(before, [("vraag", _too_big_message())], parsed.value)
    if added < len(parsed.texts):
        flash(
            _(
                "Je kunt hoogstens %(max)s eigen vragen hebben. We hebben er %(added)s "
                "toegevoegd, de andere %(left)s niet.",
                max=services.MAX_OWN_QUESTIONS,
                added=added,
                left=len(parsed.texts) - added,
            ),
            "warning",
        )
    else:
        flash(_("Je vraag staat op je lijst."), "success")
    return _next_step(state) if then_continue else redirect(_step_url("eigen-vragen"))


@step_page("volgorde")
def _order_page(state: dict, errors=()):
    return _render_step(
        "volgorde", state, errors, groups=services.state_groups(state, services.load_bank())
    )


@step_handler("volgorde")
def step_order(state: dict):
    bank = services.load_bank()
    offered = services.chosen_refs(state, bank)
    important, _ignored = forms.pick_known(request.form, "belangrijk", offered)
    services.set_important(state, bank, important)
    action = request.form.get("actie", "verder")
    if ":" in action:
        direction, ref = action.split(":", 1)
        if direction not in ("up", "down") or not services.move(state, bank, ref, direction):
            flash(_("Deze vraag kan niet verder die kant op."), "info")
        # Only a ref of the list goes into the address (never a forged value).
        fragment = f"#item-{ref}" if ref in offered else ""
        return _stored_or_form("volgorde", state, redirect(_step_url("volgorde") + fragment))
    services.mark_done(state, "volgorde")
    return _stored_or_form("volgorde", state, _next_step(state))


@step_page("controleren")
def _review_page(state: dict, errors=()):
    bank = services.load_bank()
    kinds = {k.key: k.label for k in services.kind_options()}
    return _render_step(
        "controleren",
        state,
        errors,
        bank=bank,
        count=services.question_count(state, bank),
        kind_label=kinds.get(state["kind"]),
        groups=services.state_groups(state, bank),
    )


@step_handler("controleren")
def step_review(state: dict):
    if not services.question_count(state, services.load_bank()):
        error = ("vragen-kiezen", _("Je lijst heeft nog geen vragen. Kies eerst vragen."))
        return _review_page(state, [error])
    services.mark_done(state, "controleren")
    return _stored_or_form("controleren", state, redirect(url_for("questionnaire.result")))


# --- The result (from the session) ----------------------------------------------------------


def _finished_state():
    state = _state()
    if state is None:
        flash(_("Je hebt nog geen vragenlijst. Maak er hier een."), "info")
        return None, redirect(url_for("questionnaire.start"))
    missing = services.first_missing_step(state)
    if missing:
        flash(_("Maak eerst deze stap af. Daarna ga je verder."), "warning")
        return None, redirect(_step_url(missing))
    return state, None


def _list_context(groups, content: dict) -> dict:
    return {
        "groups": groups,
        "requirements": services.requirements(),
        "initiative_name": _initiative_name(content),
        "important_items": [i for g in groups for i in g.items if i.important],
    }


def _finished_list():
    """The session's finished list as (state, template context), or the redirect to the
    first step still to do."""
    state, redirect_response = _finished_state()
    if redirect_response:
        return None, None, redirect_response
    groups = services.state_groups(state, services.load_bank())
    return state, _list_context(groups, state), None


@bp.get("/mijn-lijst")
def result():
    state, context, redirect_response = _finished_list()
    if redirect_response:
        return redirect_response
    editing = services.find_saved(state["token"]) is not None
    db.session.commit()  # finding a list may delete an expired one, or extend its period
    return render_template("questionnaire/result.html", editing=editing, **context)


@bp.get("/mijn-lijst.<fmt>")
def result_download(fmt: str):
    _state, context, redirect_response = _finished_list()
    return redirect_response or _download(fmt, context)


@bp.get("/mijn-lijst/afdrukken")
def result_print():
    _state, context, redirect_response = _finished_list()
    if redirect_response:
        return redirect_response
    return render_template("questionnaire/document.html", for_pdf=False, **context)


def _download(fmt: str, context: dict, template: str = "document", name: str = "vragenlijst"):
    if fmt == "pdf":
        html = render_template(f"questionnaire/{template}.html", for_pdf=True, **context)
        response = Response(render_pdf(html), mimetype="application/pdf")
        response.headers["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
        return _private(response)
    if fmt == "txt" and template == "document":
        text = render_template("questionnaire/list.txt", **context)
        response = Response(text, content_type="text/plain; charset=utf-8")
        response.headers["Content-Disposition"] = f'attachment; filename="{name}.txt"'
        return _private(response)
    abort(404)


@bp.post("/bewaar")
def save():
    state, redirect_response = _finished_state()
    if redirect_response:
        return redirect_response
    try:
        services.save_list(state, services.load_bank())
        db.session.commit()
    except IntegrityError:
        # A double click: the other request has just saved the list under this token.
        db.session.rollback()
        services.save_list(state, services.load_bank())
        db.session.commit()
    flash(_("Je lijst is bewaard."), "success")
    return redirect(url_for("questionnaire.saved", token=state["token"]))


# --- Saved lists ----------------------------------------------------------------------------


def retention_period() -> str:
    """How long an unused saved list is kept, in words: days when that is under two months."""
    days = current_app.config["QUESTIONLIST_RETENTION_DAYS"]
    if days < 60:
        return ngettext("%(num)s dag", "%(num)s dagen", days)
    return ngettext("%(num)s maand", "%(num)s maanden", round(days / 30.4))


@bp.app_context_processor
def _retention_in_templates() -> dict:
    return {"questionlist_retention": retention_period}


def _list_not_found() -> NotFound:
    error = NotFound()
    error.user_message = _(
        "Deze vragenlijst bestaat niet (meer). Misschien is de link niet helemaal goed "
        "gekopieerd, of is de lijst verwijderd. Een lijst wordt ook verwijderd als hij "
        "%(period)s niet is gebruikt.",
        period=retention_period(),
    )
    return error


def with_saved_list(view):
    """Looks up the list behind the token; a friendly 404 when there is none."""

    @wraps(view)
    def wrapper(token: str, **kwargs):
        saved = services.find_saved(token)
        db.session.commit()  # an expired list found on the way was deleted
        if saved is None:
            raise _list_not_found()
        return _private(current_app.make_response(view(saved, token, **kwargs)))

    return wrapper


def _saved_context(saved: SavedList) -> dict:
    return _list_context(services.saved_groups(saved, services.load_bank()), saved.content)


@bp.get("/l/<token>")
@with_saved_list
def saved(saved: SavedList, token: str):
    return render_template(
        "questionnaire/saved.html",
        saved=saved,
        token=token,
        link=url_for("questionnaire.saved", token=token, _external=True),
        **_saved_context(saved),
    )


@bp.get("/l/<token>.<fmt>")
@with_saved_list
def saved_download(saved: SavedList, token: str, fmt: str):
    return _download(fmt, _saved_context(saved))


@bp.get("/l/<token>/afdrukken")
@with_saved_list
def saved_print(saved: SavedList, token: str):
    return render_template("questionnaire/document.html", for_pdf=False, **_saved_context(saved))


@bp.post("/l/<token>/bewerken")
@with_saved_list
def edit(saved: SavedList, token: str):
    current = _state()
    if (
        request.form.get("bevestigd") != "ja"
        and current is not None
        and current["token"] != token
        and services.has_unsaved_work(current, services.load_bank())
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
    if not _store(services.state_from_saved(saved, token, services.load_bank())):
        flash(_too_big_message(), "warning")
        return redirect(url_for("questionnaire.saved", token=token))
    flash(_("Je kunt je lijst nu aanpassen. Bewaar hem daarna opnieuw."), "info")
    return redirect(_step_url("controleren"))


@bp.route("/l/<token>/verwijderen", methods=["GET", "POST"])
@with_saved_list
def delete(saved: SavedList, token: str):
    if request.method == "POST":
        services.delete_list(saved)
        db.session.commit()
        state = _state()
        if state and state["token"] == token:
            # The list in this browser is no longer saved: saving it makes a new link. (The
            # new token is as long as the old one, so the state still fits.)
            state["token"] = services.new_token()
            _store(state)
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


# --- Conversation mode ----------------------------------------------------------------------


# The forms of conversation mode are exempt from Flask-WTF's automatic CSRF check, which
# answers a bad token with an error page and so loses every note the person typed. These views
# check the same token themselves (_csrf_ok) and, when it fails, show the form again with what
# was sent, a fresh token and the request to press save again. Nothing is written without a
# valid token; the unguessable link in the address is a second proof that the person has it.


def _csrf_ok() -> bool:
    try:
        validate_csrf(request.form.get("csrf_token"))
    except ValidationError:
        return False
    return True


def _csrf_message() -> str:
    return _(
        "Je antwoorden zijn nog niet bewaard: het formulier was verlopen. Wat je invulde, "
        "staat er nog. Druk nog een keer op de knop om te bewaren."
    )


def _limit_error() -> tuple[str, str]:
    return (
        "initiatief",
        _(
            "Je kunt hoogstens %(max)s initiatieven vergelijken. Haal er eerst een weg.",
            max=MAX_CONVERSATIONS,
        ),
    )


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
            initiative = services.initiative_named(value)
            try:
                conversation = services.add_conversation(
                    saved,
                    initiative.name if initiative else value,
                    initiative.slug if initiative else None,
                )
                db.session.commit()
            except (services.ConversationLimit, IntegrityError):
                # Also when another tab added one at the same moment.
                db.session.rollback()
                errors = [_limit_error()]
            else:
                return redirect(
                    url_for(
                        "questionnaire.conversation", token=token, position=conversation.position
                    )
                )
    suggestion = _initiative_name(saved.content)
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
    context = _saved_context(saved)
    refs = [item.ref for group in context["groups"] for item in group.items]
    errors, values = [], {}
    if request.method == "POST":
        parsed = forms.parse_answers(request.form, refs)
        if not _csrf_ok():
            errors = [*parsed.errors, ("opnieuw-bewaren", _csrf_message())]
        elif not parsed.errors:
            services.record_answers(saved, conversation, parsed.answers)
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
        max_note=services.MAX_NOTE_LENGTH,
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
        services.remove_conversation(saved, conversation)
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


def _comparison_context(saved: SavedList) -> dict:
    return {
        "saved": saved,
        "sections": services.compare(saved, services.load_bank()),
        "conversations": saved.conversations,
        "initiative_name": _initiative_name(saved.content),
    }


@bp.get("/l/<token>/vergelijking")
@with_saved_list
def comparison(saved: SavedList, token: str):
    return render_template(
        "questionnaire/comparison.html", token=token, **_comparison_context(saved)
    )


@bp.get("/l/<token>/vergelijking.<fmt>")
@with_saved_list
def comparison_download(saved: SavedList, token: str, fmt: str):
    return _download(fmt, _comparison_context(saved), "comparison_document", "vergelijking")


@bp.get("/l/<token>/vergelijking/afdrukken")
@with_saved_list
def comparison_print(saved: SavedList, token: str):
    return render_template(
        "questionnaire/comparison_document.html", for_pdf=False, **_comparison_context(saved)
    )


# --- Command line ---------------------------------------------------------------------------


@bp.cli.command("purge-expired")
def purge_expired_command() -> None:
    """Delete saved question lists whose retention period has passed."""
    count = services.purge_expired()
    db.session.commit()
    click.echo(f"{count} expired question lists deleted.")
