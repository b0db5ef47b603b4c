"""Readable names of audit actions. Actions are stored as short codes; every code the site
writes has a label here; an unknown code is shown as it is."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

ACTION_LABELS = {
    "catalogue.create": _l("Catalogus: toegevoegd"),
    "catalogue.update": _l("Catalogus: gewijzigd"),
    "catalogue.move": _l("Catalogus: verplaatst"),
    "catalogue.delete": _l("Catalogus: verwijderd"),
    "revision.submitted": _l("Wijziging ingediend"),
    "revision.withdrawn_by_editor": _l("Ingediende wijziging vervallen"),
    "revision.approved": _l("Wijziging goedgekeurd"),
    "revision.rejected": _l("Wijziging afgewezen"),
    "revision.withdrawal_requested": _l("Uitschrijving gevraagd"),
    "revision.withdrawal_confirmed": _l("Uitschrijving bevestigd"),
    "entry.vacancy_changed": _l("Plaatsen gewijzigd"),
    "entry.confirmed": _l("Gegevens bevestigd als juist"),
    "initiative.created": _l("Initiatief aangemaakt"),
    "membership.confirmed": _l("Lidmaatschap bevestigd"),
    "membership.rejected": _l("Lidmaatschap afgewezen"),
    "certification.confirmed": _l("Keurmerk bevestigd"),
    "certification.rejected": _l("Keurmerk afgewezen"),
    "account.invited": _l("Account uitgenodigd"),
    "account.invitation_resent": _l("Uitnodiging opnieuw gestuurd"),
    "account.updated": _l("Account gewijzigd"),
    "account.deactivated": _l("Account gedeactiveerd"),
    "account.reactivated": _l("Account weer actief"),
    "account.two_factor_reset": _l("Tweestapsverificatie gereset"),
    "access_request.submitted": _l("Toegang aangevraagd"),
    "access_request.approved": _l("Aanvraag voor toegang goedgekeurd"),
    "access_request.refused": _l("Aanvraag voor toegang geweigerd"),
    "import.dry_run": _l("Proefimport"),
    "import.dry_run_repeated": _l("Proefimport opnieuw uitgevoerd"),
    "import.discarded": _l("Import weggegooid"),
    "import.applied": _l("Import toegepast"),
    "import.initiative_added": _l("Initiatief toegevoegd door import"),
    "import.initiative_changed": _l("Initiatief gewijzigd door import"),
    "inspection.signal_setting_changed": _l("Signaalregel van de inspectie gewijzigd"),
    "concern.reported": _l("Zorg gemeld"),
}


def action_label(action: str) -> str:
    label = ACTION_LABELS.get(action)
    return str(label) if label is not None else action
