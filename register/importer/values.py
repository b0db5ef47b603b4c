"""How a value of the report reads in the table (before → after)."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _


def shown_value(value: Any) -> str:
    if value is None or value == "" or value == []:
        return "–"
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    if isinstance(value, dict):  # a place with its municipality and province
        return _(
            "%(place)s (gemeente %(municipality)s, %(province)s)",
            place=value["place"],
            municipality=value["municipality"],
            province=value["province"],
        )
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
