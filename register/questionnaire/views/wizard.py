"""The start page and the seven steps of the builder. Each step is a plain form: GET shows
it with the current choices, POST checks and stores them in the session and redirects."""

from __future__ import annotations

import copy
from itertools import groupby

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from register.questionnaire import forms
from register.questionnaire.services import coverage, order, steps, suggestions, tailoring
from register.questionnaire.services.catalogue import kind_options, load_bank, requirements
from register.questionnaire.state import MAX_OWN_LENGTH, MAX_OWN_QUESTIONS, STEPS, ListState
from register.questionnaire.views import session_store
from register.questionnaire.views.blueprint import bp
from register.questionnaire.views.session_store import TOO_BIG, too_big_message
from register.questionnaire.views.shared import step_titles, step_url

# --- Start ----------------------------------------------------------------------------------


def _start_page(errors=(), status: int = 200):
    slug = request.values.get("initiatief")
    initiative = tailoring.find_initiative(slug)
    state = session_store.load()
    html = render_template(
        "questionnaire/start.html",
        initiative=initiative,
        unknown_initiative=bool(slug) and initiative is None,
        missing=tailoring.missing_requirements(initiative) if initiative else [],
        collective_share=tailoring.collective_share(initiative) if initiative else None,
        continue_step=(steps.first_missing_step(state) or "controleren") if state else None,
        steps=step_titles(state.audience if state else None).values(),
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
    initiative = tailoring.find_initiative(slug)
    if not session_store.store(tailoring.new_list(initiative)):
        return _start_page([("begin", too_big_message())])
    if slug and initiative is None:
        flash(_("We kennen dit initiatief niet. Je maakt nu een gewone vragenlijst."), "warning")
    return redirect(step_url("voor-wie"))


# --- Steps ----------------------------------------------------------------------------------


def _next_step(state: ListState) -> Response:
    return redirect(step_url(steps.first_missing_step(state) or "controleren"))


def _render_step(step: str, state: ListState, errors=(), status: int = 200, **context):
    titles = step_titles(state.audience)
    index = STEPS.index(step)
    html = render_template(
        f"questionnaire/step_{step.replace('-', '_')}.html",
        step=step,
        steps=[(s, titles[s], steps.step_allowed(state, s)) for s in STEPS],
        step_number=index + 1,
        step_count=len(STEPS),
        step_title=titles[step],
        previous_step=STEPS[index - 1] if index else None,
        state=state,
        errors=list(errors),
        field_errors=dict(errors),
        page_has_errors=bool(errors),
        initiative_name=tailoring.initiative_name(state.initiative),
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


def _stored_or_form(step: str, state: ListState, response, **context):
    """The response when the state fits in the session; otherwise the step's form again,
    showing what the person sent, with the "too big" message: nothing is lost or kept."""
    if session_store.store(state):
        return response
    return STEP_PAGES[step](state, [(TOO_BIG, too_big_message())], **context)


def _flash_when_stored(response, message: str) -> None:
    """A warning about what was sent, only when the step went on (not when the form is back)."""
    if isinstance(response, Response):
        flash(message, "warning")


@bp.route("/stap/<step>", methods=["GET", "POST"])
def step(step: str):
    if step not in STEP_HANDLERS:
        abort(404)
    state = session_store.load()
    if state is None:
        if step != "voor-wie":
            flash(_("Je lijst is nog niet begonnen, of je sessie is verlopen. Begin hier."), "info")
            return redirect(step_url("voor-wie"))
        state = ListState()
    if not steps.step_allowed(state, step):
        flash(_("Maak eerst deze stap af. Daarna ga je verder."), "warning")
        return redirect(step_url(steps.first_missing_step(state)))
    if request.method == "POST":
        return STEP_HANDLERS[step](state)
    return STEP_PAGES[step](state)


@step_page("voor-wie")
def _audience_page(state: ListState, errors=()):
    return _render_step("voor-wie", state, errors)


@step_handler("voor-wie")
def step_audience(state: ListState):
    audience, errors = forms.parse_audience(request.form)
    if errors:
        return _audience_page(state, errors)
    steps.set_audience(state, audience)
    return _stored_or_form("voor-wie", state, _next_step(state))


@step_page("situatie")
def _situation_page(state: ListState, errors=(), values=None):
    values = values or {"funding": state.funding, "kind": state.kind}
    return _render_step("situatie", state, errors, kinds=kind_options(), values=values)


@step_handler("situatie")
def step_situation(state: ListState):
    kind_keys = [k.key for k in kind_options()]
    funding, kind, errors = forms.parse_situation(request.form, kind_keys)
    if errors:
        return _situation_page(state, errors, {"funding": funding, "kind": kind})
    steps.set_situation(state, funding, kind)
    return _stored_or_form("situatie", state, _next_step(state))


@step_page("themas")
def _themes_page(state: ListState, errors=(), selected=None):
    bank = load_bank()
    if selected is None:
        selected = steps.suggested_themes(state, bank)
    return _render_step("themas", state, errors, bank=bank, selected=selected)


@step_handler("themas")
def step_themes(state: ListState):
    keys, ignored = forms.pick_known(request.form, "thema", load_bank().theme_keys())
    if not keys:
        return _themes_page(state, [("thema", _("Kies minstens één onderwerp."))], [])
    steps.set_themes(state, keys)
    response = _stored_or_form("themas", state, _next_step(state))
    if ignored:
        _flash_when_stored(
            response, _("Een onderwerp dat je stuurde kennen we niet. We hebben het overgeslagen.")
        )
    return response


@step_page("vragen")
def _questions_page(state: ListState, errors=()):
    bank = load_bank()
    by_subtheme = [
        (theme, [(sub, list(qs)) for sub, qs in groupby(questions, key=lambda q: q.subtheme)])
        for theme, questions in steps.question_sections(state, bank)
    ]
    return _render_step(
        "vragen", state, errors, sections=by_subtheme, ticked=steps.ticked_questions(state, bank)
    )


@step_handler("vragen")
def step_questions(state: ListState):
    bank = load_bank()
    offered = [q.key for _theme, qs in steps.question_sections(state, bank) for q in qs]
    keys, ignored = forms.pick_known(request.form, "vraag", offered)
    steps.set_questions(state, bank, keys)
    response = _stored_or_form("vragen", state, _next_step(state))
    if ignored:
        _flash_when_stored(
            response,
            _(
                "We kennen %(count)s van de vragen die je stuurde niet. We hebben ze overgeslagen.",
                count=ignored,
            ),
        )
    return response


SUGGEST = "voorstel"  # the address parameter naming the own question with suggestions


@step_page("eigen-vragen")
def _own_questions_page(state: ListState, errors=(), value: str = ""):
    ref = request.args.get(SUGGEST, "")
    text = steps.own_text(state, ref)
    return _render_step(
        "eigen-vragen",
        state,
        errors,
        value=value,
        max_length=MAX_OWN_LENGTH,
        max_questions=MAX_OWN_QUESTIONS,
        room=steps.own_room(state),
        suggested_ref=ref,
        suggested_for=text,
        suggestions=suggestions.similar_questions(text, state, load_bank()) if text else [],
    )


@step_handler("eigen-vragen")
def step_own_questions(state: ListState):
    action = request.form.get("actie", "verder")
    if action.startswith("verwijder:"):
        if not steps.remove_own_question(state, action.split(":", 1)[1]):
            flash(_("Deze vraag stond al niet meer op je lijst."), "info")
        return _stored_or_form("eigen-vragen", state, redirect(step_url("eigen-vragen")))
    if action.startswith("neem:"):
        return _take_bank_question(state, action)
    if action == "houd":
        flash(_("Je eigen vraag blijft op je lijst."), "success")
        return redirect(step_url("eigen-vragen"))
    if action == "toevoegen" or any(t.strip() for t in request.form.getlist("vraag")):
        return _add_own_questions(state, then_continue=action != "toevoegen")
    steps.mark_done(state, "eigen-vragen")
    return _stored_or_form("eigen-vragen", state, _next_step(state))


def _add_own_questions(state: ListState, then_continue: bool):
    parsed = forms.parse_own_questions(request.form, steps.own_room(state), MAX_OWN_QUESTIONS)
    if parsed.errors:
        return _own_questions_page(state, parsed.errors, parsed.value)
    before = copy.deepcopy(state)
    added = steps.add_own_questions(state, parsed.texts)
    if then_continue:
        steps.mark_done(state, "eigen-vragen")
    if not session_store.store(state):
        # The page shows the list as it was, with the text still in the field.
        return _own_questions_page(before, [("vraag", too_big_message())], parsed.value)
    if added < len(parsed.texts):
        flash(
            _(
                "Je kunt niet meer dan %(max)s eigen vragen hebben. We hebben er %(added)s "
                "toegevoegd, de andere %(left)s niet.",
                max=MAX_OWN_QUESTIONS,
                added=added,
                left=len(parsed.texts) - added,
            ),
            "warning",
        )
    else:
        flash(_("Je vraag staat op je lijst."), "success")
    # A question the bank already holds: the person sees it before going on.
    similar = _first_with_suggestions(state, state.own[len(before.own) :])
    if similar:
        return redirect(step_url("eigen-vragen") + f"?{SUGGEST}={similar}#voorstel")
    return _next_step(state) if then_continue else redirect(step_url("eigen-vragen"))


def _first_with_suggestions(state: ListState, added: list[tuple[str, str]]) -> str | None:
    bank = load_bank()
    return next(
        (ref for ref, text in added if suggestions.similar_questions(text, state, bank)), None
    )


def _take_bank_question(state: ListState, action: str):
    """``neem:<own ref>:<bank key>``: the bank's question instead of the person's own."""
    ref, _sep, key = action.removeprefix("neem:").partition(":")
    bank = load_bank()
    text = steps.own_text(state, ref) or ""
    offered = {q.key for q in suggestions.similar_questions(text, state, bank)}
    if key not in offered or not steps.replace_own_question(state, bank, ref, key):
        flash(_("Deze vraag kunnen we niet meer ruilen. Kijk je lijst hieronder na."), "info")
        return redirect(step_url("eigen-vragen"))
    response = _stored_or_form("eigen-vragen", state, redirect(step_url("eigen-vragen")))
    if isinstance(response, Response):
        message = _("De vraag uit onze lijst staat nu op je lijst, in plaats van jouw vraag.")
        flash(message, "success")
    return response


@step_page("volgorde")
def _order_page(state: ListState, errors=()):
    return _render_step("volgorde", state, errors, groups=order.state_groups(state, load_bank()))


@step_handler("volgorde")
def step_order(state: ListState):
    bank = load_bank()
    offered = order.chosen_refs(state, bank)
    important, _ignored = forms.pick_known(request.form, "belangrijk", offered)
    order.set_important(state, bank, important)
    action = request.form.get("actie", "verder")
    if ":" in action:
        direction, ref = action.split(":", 1)
        if direction not in ("up", "down") or not order.move(state, bank, ref, direction):
            flash(_("Deze vraag kan niet verder die kant op."), "info")
        # Only a ref of the list goes into the address (never a forged value).
        fragment = f"#item-{ref}" if ref in offered else ""
        return _stored_or_form("volgorde", state, redirect(step_url("volgorde") + fragment))
    steps.mark_done(state, "volgorde")
    return _stored_or_form("volgorde", state, _next_step(state))


@step_page("controleren")
def _review_page(state: ListState, errors=()):
    bank = load_bank()
    kinds = {k.key: k.label for k in kind_options()}
    return _render_step(
        "controleren",
        state,
        errors,
        bank=bank,
        count=order.question_count(state, bank),
        kind_label=kinds.get(state.kind),
        groups=order.state_groups(state, bank),
        gaps=coverage.gaps(state, bank, requirements()),
    )


@step_handler("controleren")
def step_review(state: ListState):
    bank = load_bank()
    offered = [gap.question.key for gap in coverage.gaps(state, bank, requirements())]
    keys, _ignored = forms.pick_known(request.form, "eis-vraag", offered)
    added = steps.add_bank_questions(state, bank, keys)
    if request.form.get("actie") == "toevoegen":
        response = _stored_or_form("controleren", state, redirect(step_url("controleren")))
        if isinstance(response, Response):
            flash(_added_message(added), "success" if added else "info")
        return response
    if not order.question_count(state, bank):
        error = ("vragen-kiezen", _("Je lijst heeft nog geen vragen. Kies eerst vragen."))
        return _review_page(state, [error])
    steps.mark_done(state, "controleren")
    return _stored_or_form("controleren", state, redirect(url_for("questionnaire.result")))


def _added_message(added: int) -> str:
    if not added:
        return _("Je hebt geen vraag aangevinkt. Je lijst is niet veranderd.")
    return ngettext(
        "Er staat %(num)s vraag bij op je lijst.", "Er staan %(num)s vragen bij op je lijst.", added
    )
