"""Readable names of audit actions. Actions are stored as short codes; a code without a
label here is shown as it is (features add their actions as they come)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

ACTION_LABELS = {
    "catalogue.create": _l("Catalogus: toegevoegd"),
    "catalogue.update": _l("Catalogus: gewijzigd"),
    "catalogue.move": _l("Catalogus: verplaatst"),
    "catalogue.delete": _l("Catalogus: verwijderd"),
}


def action_label(action: str) -> str:
    label = ACTION_LABELS.get(action)
    return str(label) if label is not None else action
