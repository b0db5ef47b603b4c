"""Staff forms for the catalogues. Lengths come from the table columns, so the form refuses
what the database would."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    IntegerField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import (
    URL,
    DataRequired,
    Length,
    NumberRange,
    Optional,
    Regexp,
    StopValidation,
    ValidationError,
)
from wtforms.widgets import TextInput

from register.entries.models import Association, QualityMark
from register.form_fields import MultiCheckboxField
from register.questionnaire.models import Theme

KEY_PATTERN = r"^[a-z][a-z0-9_]*$"
# Texts of the builder: long enough for a question and its reason, short enough to read.
QUESTION_TEXT_MAX = 300
QUESTION_WHY_MAX = 1000
INTRO_MAX = 1000
DESCRIPTION_MAX = 2000
WEBSITE_MESSAGE = _l("Vul een volledig webadres in, met https://.")


class WholeNumberField(IntegerField):
    """A whole number, with our own message for anything else (WTForms' is English). A text
    input with a numeric keyboard, not type=number (which turns typing into a spinner)."""

    widget = TextInput()

    def process_formdata(self, valuelist):
        text = valuelist[0].strip() if valuelist else ""
        self.data = None
        if text:
            try:
                self.data = int(text)
            except ValueError:
                raise ValueError(_l("Vul een heel getal in, bijvoorbeeld 3.")) from None

    def pre_validate(self, form) -> None:
        if self.process_errors:  # that message says it all: skip "required" and the range
            raise StopValidation()


def _limit(column) -> Length:
    return Length(
        max=column.type.length,
        message=_l("Gebruik niet meer dan %(max)d tekens.", max=column.type.length),
    )


def _required(message: str) -> DataRequired:
    return DataRequired(message=message)


def _text_limit(maximum: int) -> Length:
    return Length(max=maximum, message=_l("Gebruik niet meer dan %(max)d tekens.", max=maximum))


class KeyField(StringField):
    """The stable key of a new row: lower-case letters, digits and underscores."""

    def __init__(self, model: type, **kwargs):
        super().__init__(
            _l("Sleutel"),
            description=_l(
                "Kleine letters, cijfers en liggende streepjes, bijvoorbeeld bvkz. "
                "De sleutel staat in adressen en open data en kan later niet meer veranderen."
            ),
            validators=[
                _required(_l("Vul een sleutel in.")),
                _limit(model.__table__.c.key),
                Regexp(
                    KEY_PATTERN,
                    message=_l(
                        "Begin met een letter en gebruik alleen kleine letters, cijfers en _."
                    ),
                ),
            ],
            **kwargs,
        )


def _names(model: type):
    columns = model.__table__.c
    return (
        StringField(
            _l("Naam in het Nederlands"),
            validators=[_required(_l("Vul de Nederlandse naam in.")), _limit(columns.name_nl)],
        ),
        StringField(
            _l("Naam in het Engels"),
            validators=[_required(_l("Vul de Engelse naam in.")), _limit(columns.name_en)],
        ),
    )


class AssociationForm(FlaskForm):
    name_nl, name_en = _names(Association)
    abbreviation = StringField(
        _l("Afkorting"),
        description=_l("Zo staat de vereniging kort op de pagina's, bijvoorbeeld BVKZ."),
        validators=[
            _required(_l("Vul de afkorting in.")),
            _limit(Association.__table__.c.abbreviation),
        ],
    )
    website = StringField(
        _l("Website (niet verplicht)"),
        description=_l("Het volledige adres, met https://."),
        validators=[
            Optional(),
            _limit(Association.__table__.c.website),
            Regexp(r"^https?://", message=WEBSITE_MESSAGE),
            URL(require_tld=True, message=WEBSITE_MESSAGE),
        ],
    )
    description_nl = TextAreaField(
        _l("Beschrijving in het Nederlands (niet verplicht)"),
        validators=[_text_limit(DESCRIPTION_MAX)],
    )
    description_en = TextAreaField(
        _l("Beschrijving in het Engels (niet verplicht)"),
        validators=[_text_limit(DESCRIPTION_MAX)],
    )
    represents_providers = BooleanField(_l("De leden zijn zorgaanbieders"))
    submit = SubmitField(_l("Opslaan"))


class NewAssociationForm(AssociationForm):
    key = KeyField(Association)


class QualityMarkForm(FlaskForm):
    name_nl, name_en = _names(QualityMark)
    issuer = StringField(
        _l("Uitgever"),
        description=_l("De organisatie die het keurmerk geeft."),
        validators=[
            _required(_l("Vul de uitgever in.")),
            _limit(QualityMark.__table__.c.issuer),
        ],
    )
    attests_nl = TextAreaField(
        _l("Wat het keurmerk zegt, in het Nederlands (niet verplicht)"),
        validators=[_text_limit(DESCRIPTION_MAX)],
    )
    attests_en = TextAreaField(
        _l("Wat het keurmerk zegt, in het Engels (niet verplicht)"),
        validators=[_text_limit(DESCRIPTION_MAX)],
    )
    validity_years = WholeNumberField(
        _l("Geldig (jaren, niet verplicht)"),
        description=_l("Hoeveel jaar het keurmerk geldig is na de keuring."),
        validators=[
            Optional(),
            NumberRange(min=1, max=20, message=_l("Vul een aantal jaren van 1 tot en met 20 in.")),
        ],
    )
    submit = SubmitField(_l("Opslaan"))


class NewQualityMarkForm(QualityMarkForm):
    key = KeyField(QualityMark)


class DeleteForm(FlaskForm):
    submit = SubmitField(_l("Ja, verwijderen"))


def _place_field() -> WholeNumberField:
    return WholeNumberField(
        _l("Plaats"),
        description=_l("1 is de eerste plaats."),
        validators=[
            _required(_l("Vul een plaats in, bijvoorbeeld 1.")),
            NumberRange(min=1, max=999, message=_l("Vul een plaats van 1 tot en met 999 in.")),
        ],
    )


class ThemeForm(FlaskForm):
    name_nl, name_en = _names(Theme)
    intro_nl = TextAreaField(
        _l("Uitleg in het Nederlands (niet verplicht)"), validators=[_text_limit(INTRO_MAX)]
    )
    intro_en = TextAreaField(
        _l("Uitleg in het Engels (niet verplicht)"), validators=[_text_limit(INTRO_MAX)]
    )
    place = _place_field()
    submit = SubmitField(_l("Opslaan"))


B1_HINT = _l("Schrijf kort en eenvoudig (taalniveau B1), in de ik-vorm.")
REP_HINT = _l(
    "Dezelfde vraag, gesteld door iemand die een ander vertegenwoordigt. Bijvoorbeeld: "
    "Mag mijn naaste zelf weten hoe laat hij of zij opstaat?"
)


class QuestionForm(FlaskForm):
    text_nl = TextAreaField(
        _l("Vraag in het Nederlands"),
        description=B1_HINT,
        validators=[
            _required(_l("Vul de vraag in het Nederlands in.")),
            _text_limit(QUESTION_TEXT_MAX),
        ],
    )
    text_en = TextAreaField(
        _l("Vraag in het Engels"),
        validators=[
            _required(_l("Vul de vraag in het Engels in.")),
            _text_limit(QUESTION_TEXT_MAX),
        ],
    )
    # Optional: without them a representative's list asks the first-person text.
    text_rep_nl = TextAreaField(
        _l("Vraag voor een vertegenwoordiger, in het Nederlands (niet verplicht)"),
        description=REP_HINT,
        validators=[_text_limit(QUESTION_TEXT_MAX)],
    )
    text_rep_en = TextAreaField(
        _l("Vraag voor een vertegenwoordiger, in het Engels (niet verplicht)"),
        validators=[_text_limit(QUESTION_TEXT_MAX)],
    )
    why_nl = TextAreaField(
        _l("Waarom deze vraag, in het Nederlands"),
        description=B1_HINT,
        validators=[
            _required(_l("Vul in het Nederlands in waarom de vraag ertoe doet.")),
            _text_limit(QUESTION_WHY_MAX),
        ],
    )
    why_en = TextAreaField(
        _l("Waarom deze vraag, in het Engels"),
        validators=[
            _required(_l("Vul in het Engels in waarom de vraag ertoe doet.")),
            _text_limit(QUESTION_WHY_MAX),
        ],
    )
    subtheme = SelectField(
        _l("Onderwerp"),
        description=_l("Het thema en deel van het thema waar de vraag onder staat."),
        validate_choice=False,
    )
    place = _place_field()
    hidden = BooleanField(
        _l("Verbergen"),
        description=_l(
            "Een verborgen vraag krijgt niemand meer aangeboden. "
            "Lijsten waar de vraag al op staat, houden haar."
        ),
    )
    submit = SubmitField(_l("Opslaan"))

    def validate_subtheme(self, field) -> None:
        if field.data not in {value for value, _label in field.choices}:
            raise ValidationError(_l("Kies een onderwerp uit de lijst."))


class NewQuestionForm(QuestionForm):
    """A question staff add to the bank: as an edited one, plus the requirements it checks
    (the builder offers a question under the requirements it belongs to)."""

    requirements = MultiCheckboxField(
        _l("Welke eisen van eigen regie helpt de vraag na te gaan?"),
        description=_l("Kies er minstens één."),
    )

    def validate_requirements(self, field) -> None:
        known = {value for value, _label in field.choices}
        if not field.data or not set(field.data) <= known:
            raise ValidationError(_l("Kies minstens één eis van eigen regie."))


def form_values(form, names) -> dict:
    """The data of the named fields, texts without surrounding spaces."""
    return {
        name: data.strip() if isinstance(data, str) else data
        for name in names
        for data in (getattr(form, name).data,)
    }


QUESTION_FIELDS = ("text_nl", "text_en", "text_rep_nl", "text_rep_en", "why_nl", "why_en", "hidden")
THEME_FIELDS = ("name_nl", "name_en", "intro_nl", "intro_en")
