"""``/beheer``: the staff's start page, with what waits and a link to every section."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app, render_template
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from register.access import services as access
from register.accounts.access import roles_required
from register.accounts.models import Account
from register.accounts.roles import RoleName
from register.admin.views.blueprint import bp
from register.extensions import db


@dataclass(frozen=True)
class Section:
    endpoint: str
    title: object
    description: object


# Every section of /beheer, in the order the start page lists them. A section whose
# blueprint this version does not have is left out. The other staff sections go here:
# moderation.queue (/beheer/wijzigingen), verification.marks (/beheer/keurmerken),
# catalogues.home (/beheer/catalogi), audit.log (/beheer/logboek), importer.upload
# (/beheer/import).
STAFF_SECTIONS = (
    Section(
        "admin.access_requests",
        _l("Aanvragen voor toegang"),
        _l("Initiatieven die een account vragen of zich nieuw aanmelden."),
    ),
    Section(
        "admin.accounts",
        _l("Gebruikers en rollen"),
        _l("Accounts uitnodigen, rollen wijzigen, deactiveren en tweestapsverificatie resetten."),
    ),
)


def available_sections() -> list[Section]:
    return [s for s in STAFF_SECTIONS if s.endpoint in current_app.view_functions]


@bp.get("")
@roles_required(RoleName.STAFF)
def home():
    counts = {
        "open_requests": access.count_open(),
        "active_accounts": db.session.scalar(
            select(func.count(Account.id)).where(Account.active.is_(True))
        ),
        "invited_accounts": db.session.scalar(
            select(func.count(Account.id)).where(
                Account.active.is_(True), Account.password.is_(None)
            )
        ),
        "inactive_accounts": db.session.scalar(
            select(func.count(Account.id)).where(Account.active.is_(False))
        ),
    }
    return render_template("admin/home.html", sections=available_sections(), counts=counts)
