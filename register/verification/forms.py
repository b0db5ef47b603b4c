"""The one decision form: confirm or reject a claim, with a reason when rejecting."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, SubmitField, TextAreaField
from wtforms.validators import InputRequired, Length, ValidationError

from register.verification.services import MAX_REASON_LENGTH

CONFIRM, REJECT = "bevestigen", "afwijzen"


class DecisionForm(FlaskForm):
    decision = RadioField(
        _l("Uw beslissing"),
        validators=[InputRequired(_l("Kies of u de opgave bevestigt of afwijst."))],
    )
    reason = TextAreaField(
        _l("Reden van afwijzen"),
        description=_l(
            "Alleen nodig als u afwijst. Het initiatief krijgt de reden per e-mail. "
            "Op de openbare pagina staat alleen dat de opgave is afgewezen."
        ),
        validators=[
            Length(
                max=MAX_REASON_LENGTH,
                message=_l("Schrijf de reden in niet meer dan %(max)d tekens."),
            )
        ],
    )
    submit = SubmitField(_l("Beslissing opslaan"))

    def __init__(self, confirm_label: str, reject_label: str, **kwargs):
        """The choices name what is confirmed ("Yes, De Linde is a member of BVKZ")."""
        super().__init__(**kwargs)
        self.decision.choices = [(CONFIRM, confirm_label), (REJECT, reject_label)]

    def validate_reason(self, field) -> None:
        if self.decision.data == REJECT and not (field.data or "").strip():
            raise ValidationError(_l("Schrijf op waarom u de opgave afwijst."))
