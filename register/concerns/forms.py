"""The public form to report a concern. The initiative is found by its slug (the link from a
detail page) or by the name a person types; when a name fits several, they choose one."""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Email, Length, Optional, ValidationError

from register.concerns import services
from register.concerns.models import EMAIL_MAX, NAME_MAX, PHONE_MAX, WHAT_MAX, WHEN_MAX
from register.entries.models import Initiative

_PHONE = re.compile(r"\+?[0-9][0-9 ()-]{5,}")


def _stripped(value: str | None) -> str:
    """A field left out of the post altogether (not sent empty, as browsers do) is None."""
    return (value or "").strip()


def _too_long(maximum: int):
    message = _l("Dit is te lang: niet meer dan %(max)s tekens.", max=maximum)
    return Length(max=maximum, message=message)


class ConcernForm(FlaskForm):
    initiatief = StringField(
        _l("Over welk initiatief gaat het?"),
        description=_l("Typ de naam van het initiatief, bijvoorbeeld De Linde."),
        filters=[_stripped],
        validators=[DataRequired(_l("Typ de naam van het initiatief.")), _too_long(200)],
    )
    # Filled in by validate_initiatief when the name is not exact or fits several.
    keuze = RadioField(
        _l("Welk initiatief bedoel je?"),
        description=_l("Staat het initiatief er niet bij? Typ dan hierboven de hele naam."),
        choices=[],
        validate_choice=False,
    )
    wat = TextAreaField(
        _l("Wat is er gebeurd?"),
        description=_l(
            "Schrijf op wat je zag of hoorde. Noem geen namen van bewoners als dat niet nodig "
            "is. Hoogstens %(max)s tekens.",
            max=WHAT_MAX,
        ),
        filters=[_stripped],
        validators=[
            DataRequired(_l("Schrijf op wat er is gebeurd.")),
            Length(
                max=WHAT_MAX,
                message=_l(
                    "Je beschrijving is te lang: niet meer dan %(max)s tekens. Maak haar korter.",
                    max=WHAT_MAX,
                ),
            ),
        ],
    )
    wanneer = StringField(
        _l("Wanneer was dit? (niet verplicht)"),
        description=_l("Een datum of een omschrijving, bijvoorbeeld 14 november of vorige week."),
        filters=[_stripped],
        validators=[_too_long(WHEN_MAX)],
    )
    naam = StringField(_l("Je naam"), filters=[_stripped], validators=[_too_long(NAME_MAX)])
    email = StringField(
        _l("Je e-mailadres"),
        filters=[_stripped],
        validators=[
            Optional(),
            _too_long(EMAIL_MAX),
            Email(_l("Vul een e-mailadres in zoals naam@voorbeeld.nl.")),
        ],
    )
    telefoon = StringField(
        _l("Je telefoonnummer"),
        filters=[_stripped],
        validators=[Optional(), _too_long(PHONE_MAX)],
    )
    # The honeypot: hidden from people and screen readers; only robots fill it in.
    homepage = StringField(_l("Laat dit veld leeg"))
    submit = SubmitField(_l("Melding versturen"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates: list[Initiative] = []
        self.chosen: Initiative | None = None

    @property
    def filled_by_a_robot(self) -> bool:
        return bool(self.homepage.data)

    def choose(self, initiative: Initiative) -> None:
        self.chosen = initiative
        self.initiatief.data = initiative.slug

    def validate_initiatief(self, field) -> None:
        found = services.initiative_candidates(field.data)
        self.candidates = found.initiatives
        if not self.candidates:
            raise ValidationError(
                _l("We vinden geen initiatief met deze naam. Controleer de spelling.")
            )
        self.keuze.choices = [(c.slug, f"{c.name}, {c.place}") for c in self.candidates]
        if found.exact and len(self.candidates) == 1:
            self.choose(self.candidates[0])

    def validate_keuze(self, field) -> None:
        if self.chosen is not None or not self.candidates:
            return
        picked = next((c for c in self.candidates if c.slug == field.data), None)
        if picked is None:
            raise ValidationError(_l("Kies welk initiatief je bedoelt."))
        self.choose(picked)

    def validate_telefoon(self, field) -> None:
        if field.data and not _PHONE.fullmatch(field.data):
            raise ValidationError(
                _l("Vul een telefoonnummer in met cijfers, bijvoorbeeld 06 12345678.")
            )
