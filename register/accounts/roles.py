"""The roles and what each one may open. One home for the names: routes, the demo seed,
the staff's user management and the role-matrix test all read them from here."""

from __future__ import annotations

import enum

from flask_babel import lazy_gettext as _l


class RoleName(enum.StrEnum):
    EDITOR = "initiative_editor"  # keeps one or more initiatives' entries current
    VERIFIER = "association_verifier"  # confirms or rejects the memberships of one association
    STAFF = "register_staff"  # moderates, verifies quality marks, imports, manages accounts
    INSPECTOR = "inspector"  # the inspectorate's door (signals, visits, concerns)
    # sets the signals' thresholds and weights and reads the inspectorate's access log
    INSPECTION_ADMIN = "inspection_admin"


ROLE_LABELS = {
    RoleName.EDITOR: _l("Redacteur van een initiatief"),
    RoleName.VERIFIER: _l("Controleur van een brancheorganisatie"),
    RoleName.STAFF: _l("Medewerker van het register"),
    RoleName.INSPECTOR: _l("Inspecteur"),
    RoleName.INSPECTION_ADMIN: _l("Beheerder bij de inspectie"),
}

ROLE_DESCRIPTIONS = {
    RoleName.EDITOR: _l("Houdt de gegevens van een of meer initiatieven actueel."),
    RoleName.VERIFIER: _l("Bevestigt of weigert lidmaatschappen van één brancheorganisatie."),
    RoleName.STAFF: _l("Keurt wijzigingen goed, controleert keurmerken en beheert accounts."),
    RoleName.INSPECTOR: _l("Plant bezoeken aan de hand van signalen."),
    RoleName.INSPECTION_ADMIN: _l(
        "Stelt drempels en gewichten van de signalen in en leest het toegangslog van de inspectie."
    ),
}

# These roles see internal data: they must log in with a second step (TOTP).
TWO_FACTOR_REQUIRED = frozenset({RoleName.STAFF, RoleName.INSPECTOR, RoleName.INSPECTION_ADMIN})

# Where a person lands after logging in, by their first role in this order.
HOME_ENDPOINTS = (
    (RoleName.STAFF, "admin.home"),
    (RoleName.INSPECTOR, "inspection.home"),
    (RoleName.INSPECTION_ADMIN, "inspection.home"),
    (RoleName.VERIFIER, "verification.home"),
    (RoleName.EDITOR, "portal.home"),
)
