"""The editor's forms: the whole entry, the light changes (vacancy, "still correct") and the
withdrawal request.

Labels of public fields come from ``register.entries.fields`` (via ``diff.field_label``);
the catalogues (kinds, target groups, funding routes, requirements, associations, quality
marks) are read when the form is built, so one form class per request carries one statement
field per requirement and one group of fields per quality mark.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import (
    BooleanField,
    DateField,
    DecimalField,
    HiddenField,
    RadioField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import (
    URL,
    DataRequired,
    Email,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    Regexp,
    ValidationError,
)

from register import geo
from register.entries.labels import vacancy_label
from register.entries.models import (
    Association,
    FundingRoute,
    Kind,
    QualityMark,
    Requirement,
    TargetGroup,
    VacancyStatus,
)
from register.extensions import db
from register.form_fields import MultiCheckboxField
from register.portal.diff import field_label
from register.portal.values import Values, editable_attributes

POSTCODE = re.compile(r"^\s*([1-9][0-9]{3})\s?([A-Za-z]{2})\s*$")
MAX_TEXT = 5000
MAX_STATEMENT = 3000


class DateInputField(DateField):
    """A date (JJJJ-MM-DD) with a message that says what is wrong and how to write it."""

    def process_formdata(self, valuelist):
        if not valuelist or not valuelist[0].strip():
            self.data = None
            return
        try:
            self.data = date.fromisoformat(valuelist[0].strip())
        except ValueError:
            self.data = None
            raise ValueError(
                _l("Vul een bestaande datum in als jaar-maand-dag, bijvoorbeeld 2027-03-31.")
            ) from None


class NumberInputField(DecimalField):
    """A number; a blank one is None (for ``Optional``/``InputRequired`` to judge), and a
    wrong one gets a message that says how to write it."""

    whole = False

    def process_formdata(self, valuelist):
        text = (valuelist[0] if valuelist else "").strip().replace(",", ".")
        self.data = None
        if not text:
            return
        try:
            self.data = int(text) if self.whole else Decimal(text)
        except (ValueError, InvalidOperation):
            raise ValueError(
                _l("Vul een heel getal in, bijvoorbeeld 12.")
                if self.whole
                else _l("Vul een getal in, bijvoorbeeld 30 of 12,5.")
            ) from None

    def _value(self) -> str:
        if self.raw_data:
            return self.raw_data[0]
        if self.data is None:
            return ""
        if self.whole:
            return str(int(self.data))
        return format(Decimal(str(self.data)).normalize(), "f")


class WholeNumberField(NumberInputField):
    whole = True


def _catalogue(model: type) -> list:
    return list(db.session.scalars(select(model).order_by(model.position, model.id)))


def _vacancy_choices() -> list[tuple[str, str]]:
    return [(status.value, vacancy_label(status)) for status in VacancyStatus]


def plain_fields() -> list[str]:
    """Attributes with a form field of the same name (dates, statements and marks have
    fields of their own)."""
    return [a for a in editable_attributes() if a not in _OWN_FIELDS]


_OWN_FIELDS = frozenset({"started_on", "statements", "certifications"})


def normal_postcode(text: str) -> str:
    match = POSTCODE.match(text or "")
    return f"{match.group(1)} {match.group(2).upper()}" if match else text


class EntryForm(FlaskForm):
    """Every public fact an initiative gives. Built by ``entry_form`` (catalogue fields)."""

    version = HiddenField()

    name = StringField(
        validators=[
            DataRequired(_l("Vul de naam van het initiatief in.")),
            Length(max=200, message=_l("De naam mag niet meer dan 200 tekens lang zijn.")),
        ]
    )
    description = TextAreaField(
        validators=[
            Length(
                max=MAX_TEXT,
                message=_l("De beschrijving mag niet meer dan %(max)d tekens lang zijn."),
            )
        ]
    )
    kind = RadioField(validators=[InputRequired(_l("Kies de soort initiatief."))])
    started_on = DateInputField(validators=[Optional()])

    capacity = WholeNumberField(
        validators=[
            InputRequired(_l("Vul het aantal woonplekken in, als een heel getal.")),
            NumberRange(min=1, max=1000, message=_l("Vul een aantal tussen 1 en 1000 in.")),
        ]
    )
    vacancy = RadioField(validators=[InputRequired(_l("Kies of er plaatsen vrij zijn."))])

    target_groups = MultiCheckboxField()
    funding_routes = MultiCheckboxField()
    collective_budget = BooleanField()
    collective_share_percent = NumberInputField(
        validators=[
            Optional(),
            NumberRange(min=0, max=100, message=_l("Vul een percentage tussen 0 en 100 in.")),
        ],
        places=2,
    )

    kvk_number = StringField(
        validators=[
            Optional(),
            Regexp(r"^[0-9]{8}\Z", message=_l("Een KvK-nummer bestaat uit 8 cijfers.")),
        ]
    )
    location_number = StringField(
        validators=[
            Optional(),
            Regexp(r"^[0-9]{12}\Z", message=_l("Een vestigingsnummer bestaat uit 12 cijfers.")),
        ]
    )
    agb_code = StringField(
        validators=[
            Optional(),
            Regexp(r"^[0-9]{8}\Z", message=_l("Een AGB-code bestaat uit 8 cijfers.")),
        ]
    )

    street = StringField(
        validators=[
            DataRequired(_l("Vul de straat in.")),
            Length(max=200, message=_l("De straat mag niet meer dan 200 tekens lang zijn.")),
        ]
    )
    house_number = StringField(
        validators=[
            DataRequired(_l("Vul het huisnummer in.")),
            Length(max=20, message=_l("Het huisnummer mag niet meer dan 20 tekens lang zijn.")),
        ]
    )
    postcode = StringField(
        validators=[
            DataRequired(_l("Vul de postcode in.")),
            Regexp(
                POSTCODE.pattern,
                message=_l("Vul een postcode in als 4 cijfers en 2 letters, zoals 7411 BT."),
            ),
        ]
    )
    place = StringField(
        validators=[
            DataRequired(_l("Vul de plaats in.")),
            Length(max=120, message=_l("De plaats mag niet meer dan 120 tekens lang zijn.")),
        ]
    )

    website = StringField(
        validators=[
            Optional(),
            Length(max=300, message=_l("Het webadres mag niet meer dan 300 tekens lang zijn.")),
            URL(
                require_tld=True,
                message=_l("Vul een volledig webadres in, zoals https://www.voorbeeld.nl."),
            ),
        ]
    )
    email = StringField(
        validators=[
            Optional(),
            Length(max=200, message=_l("Het e-mailadres mag niet meer dan 200 tekens lang zijn.")),
            Email(message=_l("Vul een geldig e-mailadres in, zoals info@voorbeeld.nl.")),
        ]
    )
    phone = StringField(
        validators=[
            Optional(),
            Regexp(
                r"^\+?[0-9 ()-]{6,40}$",
                message=_l("Vul een telefoonnummer in met cijfers, zoals 0570 123456."),
            ),
        ]
    )

    def validate_place(self, field):
        if field.data and geo.find_place(field.data) is None:
            raise ValidationError(
                _l(
                    "Deze plaats kennen we niet. Controleer de spelling, "
                    "bijvoorbeeld Deventer of Hengelo (Gelderland)."
                )
            )

    def validate_collective_share_percent(self, field):
        if field.data is not None and not self.collective_budget.data:
            raise ValidationError(
                _l("Vul alleen een percentage in als een deel van het pgb samen wordt besteed.")
            )

    # --- the catalogue fields added by ``entry_form`` ------------------------------------

    def statement_fields(self) -> list[tuple[Requirement, TextAreaField]]:
        return [(r, self[f"statement_{r.key}"]) for r in self.requirements]

    def mark_fields(self) -> list[tuple[QualityMark, BooleanField, StringField, DateField]]:
        return [
            (
                mark,
                self[f"mark_{mark.key}"],
                self[f"mark_{mark.key}_number"],
                self[f"mark_{mark.key}_valid_until"],
            )
            for mark in self.quality_marks
        ]

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        for mark, claimed, number, valid_until in self.mark_fields():
            if not claimed.data:
                continue
            if not (number.data or "").strip():
                number.errors.append(
                    _l("Vul het certificaatnummer van %(mark)s in.", mark=mark.label)
                )
                valid = False
            if valid_until.data is None and not valid_until.errors:
                valid_until.errors.append(
                    _l("Vul in tot wanneer %(mark)s geldig is.", mark=mark.label)
                )
                valid = False
        return valid

    # --- between the form and a revision's values -------------------------------------

    def fill(self, values: Values) -> None:
        """Show ``values`` (a revision's or the entry's) in the form."""
        for name in plain_fields():
            self[name].data = values.get(name)
        started = values.get("started_on")
        self.started_on.data = date.fromisoformat(started) if started else None
        for requirement, field in self.statement_fields():
            field.data = (values.get("statements") or {}).get(requirement.key, "")
        claimed = {item["quality_mark"]: item for item in values.get("certifications") or []}
        for mark, box, number, valid_until in self.mark_fields():
            item = claimed.get(mark.key)
            box.data = item is not None
            number.data = item["certificate_number"] if item else ""
            valid_until.data = (
                date.fromisoformat(item["valid_until"]) if item and item["valid_until"] else None
            )

    def values(self) -> Values:
        """The submitted facts, in the shape ``register.portal.values`` stores."""

        def text(field) -> str:
            return (field.data or "").strip()

        def optional(field) -> str | None:
            return text(field) or None

        share = self.collective_share_percent.data
        return {
            "name": text(self.name),
            "description": text(self.description),
            "kind": self.kind.data,
            "started_on": self.started_on.data.isoformat() if self.started_on.data else None,
            "capacity": self.capacity.data,
            "vacancy": self.vacancy.data,
            "target_groups": self._in_order(self.target_groups),
            "funding_routes": self._in_order(self.funding_routes),
            "collective_budget": bool(self.collective_budget.data),
            "collective_share_percent": float(share) if share is not None else None,
            "kvk_number": optional(self.kvk_number),
            "location_number": optional(self.location_number),
            "agb_code": optional(self.agb_code),
            "street": text(self.street),
            "house_number": text(self.house_number),
            "postcode": normal_postcode(text(self.postcode)),
            "place": geo.find_place(text(self.place)).name,
            "website": text(self.website),
            "email": text(self.email),
            "phone": text(self.phone),
            "statements": {
                requirement.key: text(field)
                for requirement, field in self.statement_fields()
                if text(field)
            },
            "memberships": sorted(self.memberships.data or []),
            "certifications": [
                {
                    "quality_mark": mark.key,
                    "certificate_number": text(number),
                    "valid_until": valid_until.data.isoformat(),
                }
                for mark, claimed, number, valid_until in self.mark_fields()
                if claimed.data
            ],
        }

    @staticmethod
    def _in_order(field) -> list[str]:
        """Chosen keys in the catalogue's order (the order the entry reads them back)."""
        chosen = set(field.data or [])
        return [key for key, _label in field.choices if key in chosen]


def entry_form(**kwargs) -> EntryForm:
    """An ``EntryForm`` with the current catalogues: choices, one statement field per
    requirement, and a claimed box, certificate number and end date per quality mark."""
    requirements = list(db.session.scalars(select(Requirement).order_by(Requirement.number)))
    quality_marks = _catalogue(QualityMark)

    class BoundEntryForm(EntryForm):
        pass

    for requirement in requirements:
        setattr(
            BoundEntryForm,
            f"statement_{requirement.key}",
            TextAreaField(
                requirement.label,
                description=requirement.text,
                validators=[
                    Length(
                        max=MAX_STATEMENT,
                        message=_l(
                            "Een verklaring mag niet meer dan %(max)d tekens lang zijn.",
                        ),
                    )
                ],
            ),
        )
    # Made here, after the statements, so the fields (and the error summary) keep the
    # order of the page.
    BoundEntryForm.memberships = MultiCheckboxField()
    for mark in quality_marks:
        setattr(
            BoundEntryForm,
            f"mark_{mark.key}",
            BooleanField(_l("Wij hebben %(mark)s", mark=mark.label)),
        )
        setattr(
            BoundEntryForm,
            f"mark_{mark.key}_number",
            StringField(
                _l("Certificaatnummer van %(mark)s", mark=mark.label),
                validators=[
                    Length(
                        max=80,
                        message=_l("Een certificaatnummer mag niet meer dan 80 tekens lang zijn."),
                    )
                ],
            ),
        )
        setattr(
            BoundEntryForm,
            f"mark_{mark.key}_valid_until",
            DateInputField(
                _l("%(mark)s geldig tot", mark=mark.label),
                description=_l("Jaar-maand-dag, bijvoorbeeld 2027-03-31"),
                validators=[Optional()],
            ),
        )
    BoundEntryForm.confirm = BooleanField(
        _l("Alle gegevens die ik niet heb gewijzigd, kloppen nog")
    )
    BoundEntryForm.submit = SubmitField(_l("Versturen ter controle"))
    form = BoundEntryForm(**kwargs)
    form.requirements = requirements
    form.quality_marks = quality_marks
    for name in [*plain_fields(), "started_on"]:
        form[name].label.text = field_label(name)
    form.kind.choices = [(k.key, k.label) for k in _catalogue(Kind)]
    form.vacancy.choices = _vacancy_choices()
    form.target_groups.choices = [(t.key, t.label) for t in _catalogue(TargetGroup)]
    form.funding_routes.choices = [(f.key, f.label) for f in _catalogue(FundingRoute)]
    form.memberships.choices = [
        (a.key, f"{a.label} ({a.abbreviation})") for a in _catalogue(Association)
    ]
    return form


class VacancyForm(FlaskForm):
    vacancy = RadioField(validators=[InputRequired(_l("Kies of er plaatsen vrij zijn."))])
    submit = SubmitField(_l("Beschikbare plaatsen opslaan"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.vacancy.label.text = field_label("vacancy")
        self.vacancy.choices = _vacancy_choices()


class ConfirmForm(FlaskForm):
    submit = SubmitField(_l("Alles klopt nog"))


class WithdrawalForm(FlaskForm):
    reason = TextAreaField(
        _l("Waarom wilt u het initiatief uit het register halen?"),
        description=_l("Alleen de medewerkers van het register lezen dit."),
        validators=[
            DataRequired(_l("Schrijf waarom u het initiatief uit het register wilt halen.")),
            Length(
                max=MAX_STATEMENT,
                message=_l("De reden mag niet meer dan %(max)d tekens lang zijn."),
            ),
        ],
    )
    submit = SubmitField(_l("Verzoek versturen"))
