"""``/beheer``: the staff's start page, with what waits and a link to every section."""

from __future__ import annotations

from dataclasses import dataclass

from flask import render_template
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from register.access import services as access
from register.accounts.access import roles_required
from register.accounts.models import Account
from register.accounts.roles import RoleName
from register.admin.views.blueprint import bp
from register.extensions import db
from register.moderation import services as moderation
from register.verification import services as verification


@dataclass(frozen=True)
class Section:
    endpoint: str
    title: object
    description: object


# Every section of /beheer, in the order the start page lists them.
STAFF_SECTIONS = (
    Section(
        "moderation.queue",
        _l("Wijzigingen om te keuren"),
        _l("Voorstellen van initiatieven, met de verschillen per gegeven; oudste eerst."),
    ),
    Section(
        "verification.marks",
        _l("Keurmerken controleren"),
        _l("Opgegeven keurmerken nakijken aan de hand van het certificaatnummer."),
    ),
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
    Section(
        "catalogues.home",
        _l("Catalogi"),
        _l("Brancheverenigingen, keurmerken en de vragenbank van de vragenlijst."),
    ),
    Section(
        "importer.upload",
        _l("Initiatieven importeren"),
        _l("Een CSV-bestand inlezen, eerst als proef, dan toepassen."),
    ),
    Section(
        "audit.log",
        _l("Logboek"),
        _l("Wie wat wanneer heeft gedaan, per initiatief of account; ook als CSV."),
    ),
)


@bp.get("")
@roles_required(RoleName.STAFF)
def home():
    counts = {
        "pending_revisions": len(moderation.queue()),
        "marks_to_check": len(verification.quality_mark_claims().waiting),
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
    return render_template("admin/home.html", sections=STAFF_SECTIONS, counts=counts)
