"""The upload form and the apply form (with "add anyway" per probable duplicate)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import SelectMultipleField, SubmitField


class UploadForm(FlaskForm):
    file = FileField(
        _l("CSV-bestand"),
        validators=[FileRequired(message=_l("Kies een CSV-bestand om te importeren."))],
        description=_l(
            "UTF-8, gescheiden door komma's of puntkomma's, met een kopregel. Niet meer dan "
            "2 MB en 1.000 rijen."
        ),
    )
    submit = SubmitField(_l("Proefimport uitvoeren"))


class ApplyForm(FlaskForm):
    # Choices are the report's probable duplicates, set by the view.
    add_anyway = SelectMultipleField(
        _l("Toch toevoegen"),
        coerce=int,
        choices=[],
        validate_choice=True,
        invalid_value_message=_l("Vink alleen rijen aan die mogelijk dubbel zijn."),
        invalid_choice_message=_l("Vink alleen rijen aan die mogelijk dubbel zijn."),
    )
    submit = SubmitField(_l("Import toepassen"))
