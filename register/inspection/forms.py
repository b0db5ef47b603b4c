"""The inspectorate's forms: a decision, a visit, a signal's threshold and weight."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, ValidationError

from register.access.forms import WholeNumberField
from register.entries.labels import visit_body_label
from register.entries.models import VisitBody
from register.inspection.models import DecisionKind
from register.portal.forms import DateInputField

MAX_TEXT = 4000


def _stripped(value):
    return value.strip() if isinstance(value, str) else value


DECISION_LABELS = {
    DecisionKind.PLAN_VISIT: _l("Bezoek plannen"),
    DecisionKind.NO_ACTION: _l("Geen actie"),
    DecisionKind.WATCH: _l("In de gaten houden"),
}


class DecisionForm(FlaskForm):
    kind = RadioField(
        _l("Besluit"),
        choices=[(kind.value, label) for kind, label in DECISION_LABELS.items()],
        validators=[InputRequired(_l("Kies een besluit."))],
    )
    rationale = TextAreaField(
        _l("Onderbouwing"),
        description=_l("Waarom dit besluit? Bij ‘Geen actie’ is de reden verplicht."),
        filters=[_stripped],
        validators=[
            DataRequired(_l("Schrijf op waarom u dit besluit neemt.")),
            Length(max=MAX_TEXT, message=_l("Gebruik niet meer dan %(max)d tekens.")),
        ],
    )
    submit = SubmitField(_l("Besluit vastleggen"))


def http_url(_form, field) -> None:
    """Only a full http(s) address (no javascript:, no relative link)."""
    if not field.data:
        return
    parts = urlsplit(field.data)
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in field.data:
        raise ValidationError(
            _l(
                "Vul een volledig webadres in dat begint met https://, bijvoorbeeld https://www.igj.nl/rapport."
            )
        )


class VisitForm(FlaskForm):
    visited_on = DateInputField(
        _l("Datum van het bezoek"),
        description=_l("Bijvoorbeeld 2026-11-30."),
        validators=[InputRequired(_l("Vul de datum van het bezoek in."))],
    )
    body = SelectField(
        _l("Wie bezocht"),
        choices=[(body.value, "") for body in VisitBody],
        default=VisitBody.IGJ.value,
    )
    announced = RadioField(
        _l("Aangekondigd"),
        choices=[("ja", _l("Ja, aangekondigd")), ("nee", _l("Nee, onaangekondigd"))],
        default="ja",
        validators=[InputRequired(_l("Kies of het bezoek was aangekondigd."))],
    )
    outcome = TextAreaField(
        _l("Uitkomst (intern)"),
        filters=[_stripped],
        validators=[Length(max=MAX_TEXT, message=_l("Gebruik niet meer dan %(max)d tekens."))],
    )
    notes = TextAreaField(
        _l("Aantekeningen (intern)"),
        filters=[_stripped],
        validators=[Length(max=MAX_TEXT, message=_l("Gebruik niet meer dan %(max)d tekens."))],
    )
    follow_up_on = DateInputField(
        _l("Datum voor een vervolg (intern, niet verplicht)"),
        description=_l("Bijvoorbeeld 2027-05-31."),
    )
    report_url = StringField(
        _l("Webadres van het openbare rapport (niet verplicht)"),
        description=_l(
            "Met een rapport staat het bezoek met de link op de openbare pagina. "
            "Uitkomst, aantekeningen en vervolg blijven intern."
        ),
        filters=[_stripped],
        validators=[Length(max=500, message=_l("Gebruik niet meer dan %(max)d tekens.")), http_url],
    )
    submit = SubmitField(_l("Bezoek vastleggen"))

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.body.choices = [(body.value, visit_body_label(body)) for body in VisitBody]

    def validate_visited_on(self, field) -> None:
        if field.data and self.today and field.data > self.today:
            raise ValidationError(_l("Een bezoek ligt niet in de toekomst."))

    def validate_follow_up_on(self, field) -> None:
        if field.data and self.visited_on.data and field.data <= self.visited_on.data:
            raise ValidationError(_l("De datum voor een vervolg ligt na het bezoek."))


class SignalSettingForm(FlaskForm):
    threshold = WholeNumberField(
        _l("Drempel"),
        not_a_number=_l("Vul een heel getal in."),
    )
    weight = WholeNumberField(
        _l("Gewicht"),
        description=_l("0 zet het signaal uit; niet meer dan 100."),
        not_a_number=_l("Vul een heel getal in."),
        validators=[
            InputRequired(_l("Vul een gewicht in.")),
            NumberRange(0, 100, _l("Vul een gewicht in van 0 tot en met 100.")),
        ],
    )
    reason = TextAreaField(
        _l("Reden van de wijziging"),
        description=_l("Komt in het logboek, met wie en wanneer."),
        filters=[_stripped],
        validators=[
            DataRequired(_l("Schrijf op waarom u de regel wijzigt.")),
            Length(max=MAX_TEXT, message=_l("Gebruik niet meer dan %(max)d tekens.")),
        ],
    )
    submit = SubmitField(_l("Regel wijzigen"))

    def __init__(self, *args, signal=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.signal = signal
        if signal is not None and signal.threshold_label is not None:
            self.threshold.label.text = _l("Drempel (in %(unit)s)", unit=signal.threshold_label)

    def validate_threshold(self, field) -> None:
        if self.signal is None or self.signal.threshold_label is None:
            return
        low, high = self.signal.threshold_range
        if field.data is None or not low <= field.data <= high:
            raise ValidationError(
                _l("Vul een drempel in van %(low)d tot en met %(high)d.", low=low, high=high)
            )
