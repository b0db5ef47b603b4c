"""Flask-Security's forms where the register needs more than the defaults."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_security.forms import ForgotPasswordForm


class ForgotPasswordWithRequiredEmail(ForgotPasswordForm):
    """With generic responses on, Flask-Security answers an empty or malformed address as if
    a mail was sent. That hides nothing (no account has such an address) and misleads the
    person, so those get a form error instead."""

    def validate(self, **kwargs) -> bool:
        valid = super().validate(**kwargs)
        address = (self.email.data or "").strip()
        if not address or "@" not in address:
            self.form_errors.append(
                _("Vul het e-mailadres van uw account in, zoals naam@voorbeeld.nl.")
            )
            return False
        return valid
