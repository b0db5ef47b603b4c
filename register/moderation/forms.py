"""Staff's decision on a revision: approve (ticking that an outdated base was seen), or
reject with a reason the editor will read."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length


class ApproveForm(FlaskForm):
    outdated_seen = BooleanField(
        _l(
            "Ik heb gezien dat de gegevens intussen zijn veranderd, "
            "en keur deze wijziging toch goed"
        )
    )
    approve = SubmitField(_l("Goedkeuren en publiceren"))

    def require_outdated_seen(self) -> bool:
        if self.outdated_seen.data:
            return True
        self.outdated_seen.errors = [
            _l("Vink aan dat u de verschillen met de huidige gegevens hebt bekeken.")
        ]
        return False


class RejectForm(FlaskForm):
    reason = TextAreaField(
        _l("Reden van afwijzing"),
        description=_l(
            "De redacteur van het initiatief leest deze reden in het portaal en per e-mail."
        ),
        validators=[
            DataRequired(_l("Schrijf waarom u de wijziging afwijst.")),
            Length(max=3000, message=_l("De reden mag niet meer dan %(max)d tekens lang zijn.")),
        ],
    )
    reject = SubmitField(_l("Afwijzen"))
