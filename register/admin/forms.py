"""Staff's forms: invite or change an account, refuse an access request."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Email, InputRequired, Length

from register.accounts.roles import ROLE_LABELS, RoleName
from register.entries.models import Association, Initiative
from register.extensions import db
from register.form_fields import MultiCheckboxField


def _stripped(value):
    return value.strip() if isinstance(value, str) else value


def initiative_label(initiative: Initiative) -> str:
    kvk = f", KvK {initiative.kvk_number}" if initiative.kvk_number else ""
    return f"{initiative.name} ({initiative.place}{kvk})"


class AccountForm(FlaskForm):
    """Name, roles and assignments. An editor needs at least one initiative, a verifier an
    association; finding initiatives is a second button of the same form (no JavaScript)."""

    name = StringField(
        _l("Naam"),
        filters=[_stripped],
        validators=[DataRequired(_l("Vul de naam in.")), Length(max=200)],
    )
    email = StringField(
        _l("E-mailadres"),
        description=_l("Hier komt de uitnodiging met de link om een wachtwoord te kiezen."),
        filters=[lambda value: value.strip().lower() if isinstance(value, str) else value],
        validators=[
            DataRequired(_l("Vul het e-mailadres in.")),
            Length(max=255),
            Email(_l("Vul een e-mailadres in zoals naam@voorbeeld.nl.")),
        ],
    )
    roles = MultiCheckboxField(
        _l("Rol"),
        validators=[InputRequired(_l("Kies ten minste één rol."))],
    )
    initiative_search = StringField(
        _l("Initiatief zoeken"),
        description=_l("Voor een redacteur: deel van de naam of het KvK-nummer."),
        filters=[_stripped],
        validators=[Length(max=200)],
    )
    search = SubmitField(_l("Zoek initiatieven"))
    initiatives = MultiCheckboxField(_l("Initiatieven die de redacteur bijhoudt"), coerce=int)
    association = SelectField(_l("Brancheorganisatie van de controleur"), default="")
    submit = SubmitField(_l("Opslaan"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.roles.choices = [(role.value, ROLE_LABELS[role]) for role in RoleName]
        associations = db.session.scalars(select(Association).order_by(Association.position))
        self.association.choices = [("", _l("Geen"))] + [
            (association.key, f"{association.abbreviation} – {association.label}")
            for association in associations
        ]
        self.initiatives.choices = []
        self.found: list[Initiative] = []

    @property
    def searching(self) -> bool:
        return bool(self.search.data)

    def offer_initiatives(self, found: list[Initiative]) -> None:
        """Checkboxes for the initiatives ticked so far, then those just found."""
        ticked = [i for i in self.initiatives.data or [] if isinstance(i, int)]
        chosen = list(db.session.scalars(select(Initiative).where(Initiative.id.in_(ticked))))
        chosen.sort(key=lambda initiative: initiative.name)
        self.found = found
        offered = chosen + [initiative for initiative in found if initiative not in chosen]
        self.initiatives.choices = [(i.id, initiative_label(i)) for i in offered]

    def chosen_initiatives(self) -> list[Initiative]:
        ids = set(self.initiatives.data or [])
        return list(db.session.scalars(select(Initiative).where(Initiative.id.in_(ids))))

    def chosen_association(self) -> Association | None:
        if not self.association.data:
            return None
        return db.session.scalar(
            select(Association).where(Association.key == self.association.data)
        )

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        roles = set(self.roles.data or [])
        if RoleName.EDITOR in roles and not self.initiatives.data:
            self.initiatives.errors = [
                *self.initiatives.errors,
                _l("Kies ten minste één initiatief voor de redacteur. Zoek het eerst op."),
            ]
            valid = False
        if RoleName.VERIFIER in roles and not self.association.data:
            self.association.errors = [
                *self.association.errors,
                _l("Kies de brancheorganisatie voor de controleur."),
            ]
            valid = False
        return valid


class InviteForm(AccountForm):
    submit = SubmitField(_l("Uitnodiging versturen"))


class EditAccountForm(AccountForm):
    email = None  # an account keeps its address (it is the log-in name)


class RefusalForm(FlaskForm):
    reason = TextAreaField(
        _l("Reden van de weigering"),
        description=_l(
            "De aanvrager krijgt deze reden per e-mail. Schrijf duidelijk en vriendelijk."
        ),
        filters=[_stripped],
        validators=[
            DataRequired(_l("Schrijf de reden op: de aanvrager krijgt die te lezen.")),
            Length(max=2000),
        ],
    )
    submit = SubmitField(_l("Aanvraag weigeren"))
