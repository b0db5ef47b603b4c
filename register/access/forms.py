"""The two public forms: access to an existing entry, and a new initiative."""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import IntegerField, RadioField, StringField, SubmitField
from wtforms.validators import (
    DataRequired,
    Email,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from register import geo
from register.entries.labels import vacancy_label
from register.entries.models import Kind, VacancyStatus
from register.extensions import db

_POSTCODE = re.compile(r"([1-9][0-9]{3})\s?([A-Za-z]{2})")


def _stripped(value):
    return value.strip() if isinstance(value, str) else value


def _digits_only(value):
    """People type KvK numbers with spaces or dots: "1234 5678"."""
    return re.sub(r"[\s.]", "", value) if isinstance(value, str) else value


def _lower(value):
    return value.strip().lower() if isinstance(value, str) else value


class WholeNumberField(IntegerField):
    """An IntegerField whose "not a number" message is ours (WTForms' is English)."""

    def __init__(self, *args, not_a_number=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.not_a_number = not_a_number

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError as error:
            raise ValueError(self.not_a_number or str(error)) from error


def kvk_number_valid(_form, field) -> None:
    if field.data and not re.fullmatch(r"[0-9]{8}", field.data):
        raise ValidationError(_l("Een KvK-nummer heeft 8 cijfers, bijvoorbeeld 12345678."))


def applicant_name_field(label=None) -> StringField:
    return StringField(
        label or _l("Uw naam"),
        filters=[_stripped],
        validators=[DataRequired(_l("Vul uw naam in.")), Length(max=200)],
    )


def email_field(label=None, description=None) -> StringField:
    return StringField(
        label or _l("Uw e-mailadres"),
        description=description,
        filters=[_lower],
        validators=[
            DataRequired(_l("Vul uw e-mailadres in.")),
            Length(max=255),
            Email(_l("Vul een e-mailadres in zoals naam@voorbeeld.nl.")),
        ],
    )


def kvk_field(label) -> StringField:
    return StringField(
        label,
        description=_l("8 cijfers. U vindt het op het uittreksel van de Kamer van Koophandel."),
        filters=[_stripped, _digits_only],
        validators=[DataRequired(_l("Vul het KvK-nummer in.")), kvk_number_valid],
    )


class ExistingEntryForm(FlaskForm):
    kvk_number = kvk_field(_l("KvK-nummer van het initiatief"))
    applicant_name = applicant_name_field()
    email = email_field(
        description=_l(
            "Het e-mailadres van het initiatief dat in het register staat, of een adres bij "
            "het domein van zijn website. Dan kunnen wij uw aanvraag snel controleren."
        )
    )
    submit = SubmitField(_l("Toegang aanvragen"))


class NewInitiativeForm(FlaskForm):
    initiative_name = StringField(
        _l("Naam van het initiatief"),
        filters=[_stripped],
        validators=[DataRequired(_l("Vul de naam van het initiatief in.")), Length(max=200)],
    )
    initiative_kind = RadioField(
        _l("Soort initiatief"),
        validators=[InputRequired(_l("Kies wie het initiatief heeft opgezet."))],
    )
    kvk_number = kvk_field(_l("KvK-nummer"))
    street = StringField(
        _l("Straat"),
        filters=[_stripped],
        validators=[DataRequired(_l("Vul de straat in.")), Length(max=200)],
    )
    house_number = StringField(
        _l("Huisnummer"),
        description=_l("Met toevoeging als die er is, bijvoorbeeld 12a."),
        filters=[_stripped],
        validators=[DataRequired(_l("Vul het huisnummer in.")), Length(max=20)],
    )
    postcode = StringField(
        _l("Postcode"),
        description=_l("Bijvoorbeeld 7411 BT."),
        filters=[_stripped],
        validators=[DataRequired(_l("Vul de postcode in."))],
    )
    place = StringField(
        _l("Plaats"),
        filters=[_stripped],
        validators=[DataRequired(_l("Vul de plaats in.")), Length(max=120)],
    )
    capacity = WholeNumberField(
        _l("Aantal woonplekken"),
        not_a_number=_l("Vul het aantal woonplekken in, als een getal."),
        validators=[
            InputRequired(_l("Vul het aantal woonplekken in, als een getal.")),
            NumberRange(1, 500, _l("Vul een aantal woonplekken tussen 1 en 500 in.")),
        ],
    )
    vacancy = RadioField(
        _l("Beschikbare plaatsen"),
        validators=[InputRequired(_l("Kies of er plaatsen vrij zijn."))],
    )
    website = StringField(
        _l("Website (niet verplicht)"),
        description=_l("Bijvoorbeeld https://www.ons-initiatief.nl."),
        filters=[_stripped],
        validators=[Optional(), Length(max=300)],
    )
    email = email_field(
        _l("E-mailadres van het initiatief"),
        _l(
            "Dit adres komt in het register. Wij sturen de uitnodiging voor uw account er ook "
            "naartoe."
        ),
    )
    applicant_name = applicant_name_field(_l("Naam van de contactpersoon"))
    submit = SubmitField(_l("Initiatief aanmelden"))

    # What the gazetteer says about the place, set by validate_place.
    found_place: geo.Place | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        kinds = db.session.scalars(select(Kind).order_by(Kind.position)).all()
        self.initiative_kind.choices = [(kind.key, kind.label) for kind in kinds]
        self.vacancy.choices = [(status.value, vacancy_label(status)) for status in VacancyStatus]

    def validate_postcode(self, field) -> None:
        match = _POSTCODE.fullmatch(field.data or "")
        if not match:
            raise ValidationError(_l("Vul een postcode in zoals 7411 BT: 4 cijfers en 2 letters."))
        field.data = f"{match.group(1)} {match.group(2).upper()}"

    def validate_place(self, field) -> None:
        self.found_place = geo.find_place(field.data or "")
        if self.found_place is None:
            raise ValidationError(
                _l("Deze plaats kennen wij niet. Controleer de spelling, bijvoorbeeld Deventer.")
            )

    def validate_website(self, field) -> None:
        if field.data and not re.fullmatch(r"https?://[^\s/]+\.[^\s/]+(/\S*)?", field.data):
            raise ValidationError(
                _l("Vul een webadres in dat begint met https://, bijvoorbeeld https://ons.nl.")
            )
