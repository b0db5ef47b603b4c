"""Validation of the builder's plain forms. Each parser takes the posted form and returns the
clean values and a list of ``(field_id, message)`` errors for the error summary. Values the
form never offered (forged or stale keys) are dropped and counted, never trusted."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import EmailField
from wtforms.validators import DataRequired, Email, Length

from register.questionnaire.models import MAX_NAME_LENGTH, MAX_NOTE_LENGTH, STATUS_VALUES
from register.questionnaire.state import AUDIENCES, FUNDINGS, MAX_OWN_LENGTH, UNKNOWN

Errors = list[tuple[str, str]]


def parse_audience(form: MultiDict) -> tuple[str | None, Errors]:
    audience = form.get("voor")
    if audience not in AUDIENCES:
        return None, [("voor", _("Kies voor wie de vragenlijst is."))]
    return audience, []


def parse_situation(form: MultiDict, kind_keys: list[str]) -> tuple[str | None, str | None, Errors]:
    errors = []
    funding = form.get("betaling")
    if funding not in FUNDINGS:
        errors.append(("betaling", _("Kies hoe de zorg wordt betaald, of kies 'Weet ik niet'.")))
        funding = None
    kind = form.get("soort")
    if kind not in (*kind_keys, UNKNOWN):
        errors.append(
            ("soort", _("Kies wie het initiatief heeft opgezet, of kies 'Weet ik niet'."))
        )
        kind = None
    return funding, kind, errors


def pick_known(form: MultiDict, name: str, allowed: list[str]) -> tuple[list[str], int]:
    """The posted values that the form offered, in the offered order, and how many were not."""
    posted = form.getlist(name)
    known = [key for key in allowed if key in set(posted)]
    return known, len(set(posted) - set(allowed))


@dataclass
class OwnQuestionInput:
    texts: list[str] = field(default_factory=list)
    errors: Errors = field(default_factory=list)
    value: str = ""  # what goes back into the field when there is an error


def parse_own_questions(form: MultiDict, room: int, max_questions: int) -> OwnQuestionInput:
    texts = [t.strip() for t in form.getlist("vraag") if t.strip()]
    result = OwnQuestionInput(value=texts[0] if texts else "")
    too_long = [t for t in texts if len(t) > MAX_OWN_LENGTH]
    if not texts:
        result.errors.append(("vraag", _("Typ eerst je vraag.")))
    elif too_long:
        result.value = too_long[0]
        result.errors.append(
            (
                "vraag",
                _(
                    "Je vraag is %(count)s tekens lang. "
                    "Maak hem korter: niet meer dan %(max)s tekens.",
                    count=len(too_long[0]),
                    max=MAX_OWN_LENGTH,
                ),
            )
        )
    elif room <= 0:
        result.errors.append(
            (
                "vraag",
                _(
                    "Je hebt al %(max)s eigen vragen. Haal er eerst een weg.",
                    max=max_questions,
                ),
            )
        )
    else:
        result.texts = texts
    return result


def parse_conversation_name(form: MultiDict) -> tuple[str, Errors]:
    name = " ".join(form.get("initiatief", "").split())
    if not name:
        return name, [("initiatief", _("Typ de naam van het initiatief."))]
    if len(name) > MAX_NAME_LENGTH:
        message = _("Deze naam is te lang: niet meer dan %(max)s tekens.", max=MAX_NAME_LENGTH)
        return name, [("initiatief", message)]
    return name, []


@dataclass
class AnswerInput:
    answers: dict[str, tuple[str | None, str]] = field(default_factory=dict)
    errors: Errors = field(default_factory=list)


def parse_answers(form: MultiDict, refs: list[str]) -> AnswerInput:
    result = AnswerInput()
    for ref in refs:
        status = form.get(f"status-{ref}") or None
        if status not in (None, *STATUS_VALUES):
            status = None
        note = form.get(f"notitie-{ref}", "").strip()
        if len(note) > MAX_NOTE_LENGTH:
            result.errors.append(
                (
                    f"notitie-{ref}",
                    _(
                        "Deze notitie is %(count)s tekens lang. Maak hem korter: niet meer dan "
                        "%(max)s tekens.",
                        count=len(note),
                        max=MAX_NOTE_LENGTH,
                    ),
                )
            )
        result.answers[ref] = (status, note)
    return result


class MailLinkForm(FlaskForm):
    """ "Mail deze link naar mij": the one Flask-WTF form of the saved list page. The address
    is used to send one message and is not kept (see services/link_mail.py)."""

    email = EmailField(
        _l("Je e-mailadres"),
        filters=[lambda value: value.strip() if isinstance(value, str) else value],
        validators=[
            DataRequired(_l("Vul je e-mailadres in.")),
            Length(max=254, message=_l("Dit e-mailadres is te lang.")),
            Email(_l("Vul een e-mailadres in zoals naam@voorbeeld.nl.")),
        ],
    )
