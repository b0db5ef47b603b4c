"""What every WTForms form of the site shares: the checkbox-list field and the ARIA wiring
that ``templates/components/forms.html`` (``form_field``) renders for each field."""

from __future__ import annotations

from flask import Flask
from wtforms import SelectMultipleField, widgets


class MultiCheckboxField(SelectMultipleField):
    """A list of checkboxes in a fieldset (``form_field`` renders it with its legend)."""

    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


def field_aria(field_id: str, hint: str | None, error: str | None) -> dict[str, str]:
    """``aria-describedby`` (hint, error) and ``aria-invalid`` for a field's input."""
    attributes: dict[str, str] = {}
    described_by = []
    if hint:
        described_by.append(f"{field_id}-hint")
    if error:
        described_by.append(f"{field_id}-error")
        attributes["aria-invalid"] = "true"
    if described_by:
        attributes["aria-describedby"] = " ".join(described_by)
    return attributes


def init_app(app: Flask) -> None:
    app.jinja_env.globals["field_aria"] = field_aria
